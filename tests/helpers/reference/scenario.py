"""Read a raw scenario dict (@1 or @2) into a small structure with the spec's defaults applied.

Sections 1 and 6 of force-model.md. Validation is minimal (the input is
assumed valid), but every key this reader does not know raises, so a field
the reference has not modelled can never be silently ignored. A @1 file is
read as a @2 file with one area ``theatre`` in the target and one period.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

SCHEMA_1 = "force-planner/scenario@1"
SCHEMA_2 = "force-planner/scenario@2"
IMPLICIT_AREA = "theatre"
STATUSES = ("committed", "likely", "possible", "declined")
OBJECTIVES = ("min_cost", "fair_share")

# Keys that carry no meaning for the model (display, provenance). "backstop" is
# the project's analysis-only addition (docs/decisions.md): it changes no solve.
_TOP_1 = {
    "schema",
    "name",
    "description",
    "target",
    "unit_types",
    "nations",
    "requirements",
    "rules",
    "locks",
    "objective",
    "backstop",
}
_TOP_2 = _TOP_1 | {"areas", "periods", "area_requirements"}
_UNIT = {"id", "name", "personnel", "category", "deployed"}
_NATION_1 = {
    "code",
    "name",
    "status",
    "min_troops",
    "max_troops",
    "cost_per_troop",
    "burden_weight",
    "offers",
    "notes",
    "sources",
}
_NATION_2 = _NATION_1 | {"areas", "requires", "min_partners", "rotation"}
_TARGET_1 = {"min_troops", "max_troops"}
_TARGET_2 = _TARGET_1 | {"build_up"}
_RULES = {"max_share", "min_nations"}
_LOCK_1 = {"nation", "unit_type", "count"}
_LOCK_2 = _LOCK_1 | {"area", "period"}
_AREA = {"id", "name", "in_target", "capacity_troops", "position"}
_PERIODS = {"count", "label", "first", "rotation", "full_from"}
_BOUNDS = {"min", "max"}
_OFFER = {"count", "ready_from"}
_BUILD_UP = {"period", "min_troops"}


@dataclass(frozen=True)
class Unit:
    id: str
    personnel: int
    deployed: bool


@dataclass(frozen=True)
class Area:
    id: str
    in_target: bool
    capacity: int | None


@dataclass(frozen=True)
class Offer:
    count: int
    ready_from: int


@dataclass(frozen=True)
class Nation:
    code: str
    status: str
    min_troops: int
    max_troops: int
    cost_per_troop: float
    burden_weight: float
    offers: dict[str, Offer]
    areas: tuple[str, ...]
    requires: tuple[str, ...]
    min_partners: int
    rotation: int

    def offer(self, unit: str) -> int:
        o = self.offers.get(unit)
        return o.count if o else 0

    def ready_from(self, unit: str) -> int:
        o = self.offers.get(unit)
        return o.ready_from if o else 1


@dataclass(frozen=True)
class Bounds:
    min: int
    max: int | None


@dataclass(frozen=True)
class Lock:
    nation: str
    unit: str
    count: int
    area: str | None
    period: int | None


@dataclass(frozen=True)
class Scenario:
    """Everything the model reads, defaults applied; ids keep file order."""

    schema: str
    units: tuple[Unit, ...]
    nations: tuple[Nation, ...]
    areas: tuple[Area, ...]
    explicit_areas: bool
    periods: int
    full_from: int
    target_min: int
    target_max: int
    build_up: dict[int, int]
    requirements: dict[str, Bounds]
    area_requirements: dict[tuple[str, str], Bounds]
    max_share: Fraction
    min_nations: int
    locks: tuple[Lock, ...]
    objective: str

    def unit(self, uid: str) -> Unit:
        return next(u for u in self.units if u.id == uid)

    def nation(self, code: str) -> Nation:
        return next(n for n in self.nations if n.code == code)

    def area(self, aid: str) -> Area:
        return next(a for a in self.areas if a.id == aid)

    @property
    def period_range(self) -> range:
        return range(1, self.periods + 1)

    @property
    def full_periods(self) -> range:
        return range(self.full_from, self.periods + 1)


class ScenarioError(ValueError):
    """The reader met something it does not understand."""


def _keys(obj: Any, allowed: set[str], where: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise ScenarioError(f"{where}: expected an object, got {obj!r}")
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise ScenarioError(f"{where}: unknown key(s) {unknown}")
    return obj


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise ScenarioError(f"{where}: {value!r} is not a whole number")
    return int(value)


def _bounds(raw: Any, where: str) -> Bounds:
    raw = _keys(raw, _BOUNDS, where)
    hi = raw.get("max")
    return Bounds(_int(raw.get("min", 0), where + ".min"), None if hi is None else _int(hi, where))


def _offer(raw: Any, where: str) -> Offer:
    if isinstance(raw, dict):
        raw = _keys(raw, _OFFER, where)
        return Offer(_int(raw["count"], where), _int(raw.get("ready_from", 1), where))
    return Offer(_int(raw, where), 1)


def _areas(raw: dict[str, Any]) -> tuple[tuple[Area, ...], bool]:
    if "areas" not in raw:
        return (Area(IMPLICIT_AREA, True, None),), False
    areas = []
    for i, a in enumerate(raw["areas"]):
        a = _keys(a, _AREA, f"areas[{i}]")
        cap = a.get("capacity_troops")
        in_target = a.get("in_target", True)
        if not isinstance(in_target, bool):
            raise ScenarioError(f"areas[{i}].in_target: {in_target!r} is not a bool")
        areas.append(Area(a["id"], in_target, None if cap is None else _int(cap, "capacity")))
    if not areas:
        raise ScenarioError("areas: empty list")
    return tuple(areas), True


def _nation(raw: Any, i: int, v2: bool, area_ids: tuple[str, ...], rotation: int) -> Nation:
    where = f"nations[{i}]"
    raw = _keys(raw, _NATION_2 if v2 else _NATION_1, where)
    status = raw.get("status", "possible")
    if status not in STATUSES:
        raise ScenarioError(f"{where}.status: {status!r}")
    offers = {u: _offer(o, f"{where}.offers.{u}") for u, o in raw.get("offers", {}).items()}
    return Nation(
        code=raw["code"],
        status=status,
        min_troops=_int(raw.get("min_troops", 0), where + ".min_troops"),
        max_troops=_int(raw["max_troops"], where + ".max_troops"),
        cost_per_troop=float(raw.get("cost_per_troop", 1.0)),
        burden_weight=float(raw.get("burden_weight", 0)),
        offers=offers,
        areas=tuple(raw.get("areas", area_ids)),
        requires=tuple(raw.get("requires", ())),
        min_partners=_int(raw.get("min_partners", 0), where + ".min_partners"),
        rotation=_int(raw.get("rotation", rotation), where + ".rotation"),
    )


def _lock(raw: Any, i: int, v2: bool) -> Lock:
    raw = _keys(raw, _LOCK_2 if v2 else _LOCK_1, f"locks[{i}]")
    period = raw.get("period")
    return Lock(
        raw["nation"],
        raw["unit_type"],
        _int(raw["count"], f"locks[{i}].count"),
        raw.get("area"),
        None if period is None else _int(period, f"locks[{i}].period"),
    )


def read_scenario(raw: dict[str, Any]) -> Scenario:
    """The normalised scenario of a raw @1 or @2 dict; raises ScenarioError on the unknown."""
    schema = raw.get("schema")
    if schema not in (SCHEMA_1, SCHEMA_2):
        raise ScenarioError(f"schema: {schema!r}")
    v2 = schema == SCHEMA_2
    raw = _keys(raw, _TOP_2 if v2 else _TOP_1, "scenario")
    areas, explicit = _areas(raw)
    periods = _keys(raw.get("periods", {}), _PERIODS, "periods")
    count = _int(periods.get("count", 1), "periods.count")
    rotation = _int(periods.get("rotation", 1), "periods.rotation")
    target = _keys(raw["target"], _TARGET_2 if v2 else _TARGET_1, "target")
    build_up = {}
    for j, b in enumerate(target.get("build_up", [])):
        b = _keys(b, _BUILD_UP, f"target.build_up[{j}]")
        build_up[_int(b["period"], "build_up.period")] = _int(b["min_troops"], "build_up")
    rules = _keys(raw.get("rules", {}), _RULES, "rules")
    objective = raw.get("objective", "min_cost")
    if objective not in OBJECTIVES:
        raise ScenarioError(f"objective: {objective!r}")
    area_ids = tuple(a.id for a in areas)
    area_reqs = {
        (a, u): _bounds(b, f"area_requirements.{a}.{u}")
        for a, per_unit in raw.get("area_requirements", {}).items()
        for u, b in per_unit.items()
    }
    return Scenario(
        schema=schema,
        units=tuple(
            Unit(u["id"], _int(u["personnel"], "personnel"), bool(u.get("deployed", True)))
            for u in (_keys(x, _UNIT, "unit_types[]") for x in raw["unit_types"])
        ),
        nations=tuple(_nation(n, i, v2, area_ids, rotation) for i, n in enumerate(raw["nations"])),
        areas=areas,
        explicit_areas=explicit,
        periods=count,
        full_from=_int(periods.get("full_from", 1), "periods.full_from"),
        target_min=_int(target["min_troops"], "target.min_troops"),
        target_max=_int(target["max_troops"], "target.max_troops"),
        build_up=build_up,
        requirements={
            u: _bounds(b, f"requirements.{u}") for u, b in raw.get("requirements", {}).items()
        },
        area_requirements=area_reqs,
        max_share=Fraction(repr(float(rules.get("max_share", 1)))),
        min_nations=_int(rules.get("min_nations", 0), "rules.min_nations"),
        locks=tuple(_lock(lk, i, v2) for i, lk in enumerate(raw.get("locks", []))),
        objective=objective,
    )


def fair_shares(scn: Scenario) -> dict[str, float]:
    """phi(n) of section 2: burden weight over the weights of nations not declined.

    The spec leaves a zero sum undefined; like the project (docs/decisions.md)
    the reference then splits equally among the nations not declined.
    """
    active = [n for n in scn.nations if n.status != "declined"]
    total = sum(n.burden_weight for n in active)
    phi = {n.code: 0.0 for n in scn.nations}
    for n in active:
        phi[n.code] = n.burden_weight / total if total > 0 else 1.0 / len(active)
    return phi


def period_name(scn: Scenario, base: str, t: int) -> str:
    """Section 9: with one period no name carries a period; with more, ``@t``."""
    return base if scn.periods == 1 else f"{base}@{t}"


def lock_base(lock: Lock) -> str:
    """``lock.<CODE>.<unit>`` or, with an area, ``lock.<CODE>.<unit>.<area>``."""
    tail = f".{lock.area}" if lock.area is not None else ""
    return f"lock.{lock.nation}.{lock.unit}{tail}"


def lock_periods(scn: Scenario, lock: Lock) -> list[int]:
    """The periods a lock binds: its own, or every period from the offer's ready_from."""
    if lock.period is not None:
        return [lock.period]
    start = scn.nation(lock.nation).ready_from(lock.unit)
    return list(range(start, scn.periods + 1))


def nation_areas(scn: Scenario, nation: Nation, unit: Unit) -> tuple[str | None, ...]:
    """Where a nation's units of a type may stand: its caveat areas, or None for stand-off."""
    return nation.areas if unit.deployed else (None,)
