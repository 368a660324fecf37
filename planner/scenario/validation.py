"""Turn raw JSON data into a :class:`~planner.scenario.model.Scenario`, or say precisely why not.

Every rule of spec section 1 lives here and only here. Messages name the
field and the offending value, e.g. ``nations[3].max_troops: -5 is below 0``.
Numbers beyond the limits below are rejected as impossible rather than
handed to the solver, where they would lose precision.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, TypeVar

from planner.errors import ScenarioError, invalid_character, quoted
from planner.scenario.model import (
    IMPLICIT_AREA,
    OBJECTIVES,
    SCENARIO_SCHEMA,
    SCENARIO_SCHEMA_2,
    SCENARIO_SCHEMAS,
    STATUSES,
    Area,
    Backstop,
    BuildUp,
    Lock,
    Nation,
    Periods,
    Position,
    Requirement,
    Rules,
    Scenario,
    Target,
    UnitType,
)
from planner.scenario.provenance import split_provenance

# Implementation limits (docs/decisions.md): far beyond any real force, small
# enough that every sum stays exact in a double.
MAX_TROOPS = 100_000_000
MAX_UNITS = 1_000_000
MAX_PERSONNEL = 100_000
MAX_NUMBER = 1e15
MAX_TEXT = 20_000
MAX_NAME = 200
MAX_ITEMS = 10_000
MAX_PERIODS = 60
MAX_ROTATION = 12

PLAIN_KEY = re.compile(r"[A-Za-z0-9_]{1,40}")
UNIT_ID = re.compile(r"[a-z0-9_]{1,40}")
NATION_CODE = re.compile(r"[A-Z]{2,3}")

T = TypeVar("T")


def _show(value: Any) -> str:
    """A short rendering of a bad value for a message (text quoted and escaped)."""
    if isinstance(value, str):
        return quoted(value)
    text = _json_name(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _json_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _object(
    value: Any, path: str, allowed: set[str], required: frozenset[str] | set[str] = frozenset()
) -> dict:
    """Check `value` is an object with only `allowed` keys and every `required` one."""
    if not isinstance(value, dict):
        raise ScenarioError(path or "scenario", f"expected an object, got {_show(value)}")
    for key in value:
        if key not in allowed:
            where = _field(path, key)
            raise ScenarioError(where, f"unknown field (allowed: {', '.join(sorted(allowed))})")
    for key in sorted(required):
        if key not in value:
            where = f"{path}.{key}" if path else key
            raise ScenarioError(where, "is required")
    return value


def _field(path: str, key: str) -> str:
    """`path.key`, or `path[key]` quoted when the key is not a plain name."""
    if PLAIN_KEY.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{quoted(key)}]"


def _integer(value: Any, path: str, low: int, high: int) -> int:
    """An integer in [low, high]; integral floats such as 700.0 are accepted."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError(path, f"expected an integer, got {_show(value)}")
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            raise ScenarioError(path, f"expected an integer, got {_show(value)}")
        value = int(value)
    if value < low:
        raise ScenarioError(path, f"{value} is below {low}")
    if value > high:
        raise ScenarioError(path, f"{value} is above the limit of {high:,}")
    return value


def _number(value: Any, path: str, low: float, high: float, low_open: bool = False) -> float:
    """A finite number in [low, high] (or (low, high] when `low_open`)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError(path, f"expected a number, got {_show(value)}")
    if not math.isfinite(value):
        raise ScenarioError(path, f"{_show(value)} is not a finite number")
    if value < low or (low_open and value == low):
        raise ScenarioError(path, f"{value} is {'not above' if low_open else 'below'} {low:g}")
    if value > high:
        raise ScenarioError(path, f"{value} is above {high:g}")
    return float(value)


def _text(value: Any, path: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise ScenarioError(path, f"expected text, got {_show(value)}")
    if len(value) > limit:
        raise ScenarioError(path, f"text of {len(value):,} characters is longer than {limit:,}")
    bad = invalid_character(value)
    if bad:
        raise ScenarioError(path, f"contains an invalid character ({bad})")
    return value


def _list(value: Any, path: str) -> list:
    if not isinstance(value, list):
        raise ScenarioError(path, f"expected a list, got {_show(value)}")
    if len(value) > MAX_ITEMS:
        raise ScenarioError(path, f"{len(value):,} entries is more than {MAX_ITEMS:,}")
    return value


def _slug(value: Any, path: str, pattern: re.Pattern[str], what: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ScenarioError(path, f"{_show(value)} is not {what}")
    return value


def _items(raw: list, path: str, parse: Callable[[Any, str], T]) -> list[T]:
    return [parse(item, f"{path}[{i}]") for i, item in enumerate(raw)]


def _unit_type(raw: Any, path: str) -> UnitType:
    data = _object(
        raw, path, {"id", "name", "personnel", "category", "deployed"}, {"id", "personnel"}
    )
    unit_id = _slug(data["id"], f"{path}.id", UNIT_ID, "a valid id (1-40 of a-z, 0-9, _)")
    deployed = data.get("deployed", True)
    if not isinstance(deployed, bool):
        raise ScenarioError(f"{path}.deployed", f"expected true or false, got {_show(deployed)}")
    return UnitType(
        id=unit_id,
        name=_text(data.get("name", unit_id), f"{path}.name", MAX_NAME),
        personnel=_integer(data["personnel"], f"{path}.personnel", 1, MAX_PERSONNEL),
        category=_text(data.get("category", ""), f"{path}.category", MAX_NAME),
        deployed=deployed,
    )


def _offers(
    raw: Any, path: str, unit_ids: set[str], context: _Context
) -> tuple[dict[str, int], dict[str, int]]:
    """Counts and `ready_from` per unit type; an offer is a count or {count, ready_from}."""
    data = _object(raw, path, unit_ids)  # unknown unit ids are unknown keys
    counts, ready = {}, {}
    for uid, offer in data.items():
        where = f"{path}.{uid}"
        if isinstance(offer, dict):
            context.needs_v2(where)
            item = _object(offer, where, {"count", "ready_from"}, {"count"})
            counts[uid] = _integer(item["count"], f"{where}.count", 0, MAX_UNITS)
            if "ready_from" in item:
                ready[uid] = _integer(
                    item["ready_from"], f"{where}.ready_from", 1, context.periods.count
                )
        else:
            counts[uid] = _integer(offer, where, 0, MAX_UNITS)
    return counts, ready


@dataclass
class _Context:
    """What later fields are checked against: the schema, periods, areas and unit types."""

    schema: str
    periods: Periods = Periods()
    area_ids: tuple[str, ...] = (IMPLICIT_AREA.id,)
    deployed: dict[str, bool] = dc_field(default_factory=dict)

    def needs_v2(self, path: str) -> None:
        if self.schema != SCENARIO_SCHEMA_2:
            raise ScenarioError(path, f'needs "schema": "{SCENARIO_SCHEMA_2}"')


def _area_list(raw: Any, path: str, context: _Context) -> tuple[str, ...]:
    """A nation's caveat: a non-empty list of distinct area ids of this scenario."""
    items = _list(raw, path)
    if not items:
        raise ScenarioError(path, "name at least one area (leave it out for every area)")
    for i, item in enumerate(items):
        if not isinstance(item, str) or item not in context.area_ids:
            raise ScenarioError(f"{path}[{i}]", f"{_show(item)} is not an area of this scenario")
    if len(set(items)) != len(items):
        raise ScenarioError(path, "an area appears more than once")
    return tuple(items)


NATION_FIELDS = {
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
NATION_FIELDS_2 = {"areas", "requires", "min_partners", "rotation"}


def _nation(raw: Any, path: str, unit_ids: set[str], context: _Context) -> Nation:
    data = _object(raw, path, NATION_FIELDS | NATION_FIELDS_2, {"code", "max_troops"})
    for key in NATION_FIELDS_2 & data.keys():
        context.needs_v2(f"{path}.{key}")
    code = _slug(
        data["code"], f"{path}.code", NATION_CODE, "a nation code (2-3 upper-case letters)"
    )
    status = data.get("status", "possible")
    if status not in STATUSES:
        raise ScenarioError(
            f"{path}.status", f"{_show(status)} is not one of {', '.join(STATUSES)}"
        )
    max_troops = _integer(data["max_troops"], f"{path}.max_troops", 0, MAX_TROOPS)
    min_troops = _integer(data.get("min_troops", 0), f"{path}.min_troops", 0, MAX_TROOPS)
    if min_troops > max_troops:
        raise ScenarioError(f"{path}.min_troops", f"{min_troops} is above max_troops {max_troops}")
    sources = _list(data.get("sources", []), f"{path}.sources")
    offers, ready = _offers(data.get("offers", {}), f"{path}.offers", unit_ids, context)
    requires = _list(data.get("requires", []), f"{path}.requires")
    for i, other in enumerate(requires):
        if not isinstance(other, str) or not NATION_CODE.fullmatch(other):
            raise ScenarioError(f"{path}.requires[{i}]", f"{_show(other)} is not a nation code")
        if other == code:
            raise ScenarioError(f"{path}.requires[{i}]", f"{code} cannot require itself")
    if len(set(requires)) != len(requires):
        raise ScenarioError(f"{path}.requires", "a nation appears more than once")
    rotation = data.get("rotation")
    return Nation(
        code=code,
        name=_text(data.get("name", code), f"{path}.name", MAX_NAME),
        status=status,
        min_troops=min_troops,
        max_troops=max_troops,
        cost_per_troop=_number(
            data.get("cost_per_troop", 1.0), f"{path}.cost_per_troop", 0, MAX_NUMBER
        ),
        burden_weight=_number(data.get("burden_weight", 0), f"{path}.burden_weight", 0, MAX_NUMBER),
        offers=offers,
        notes=_text(data.get("notes", ""), f"{path}.notes"),
        sources=tuple(_text(s, f"{path}.sources[{i}]") for i, s in enumerate(sources)),
        areas=None if "areas" not in data else _area_list(data["areas"], f"{path}.areas", context),
        requires=tuple(requires),
        min_partners=_integer(data.get("min_partners", 0), f"{path}.min_partners", 0, MAX_ITEMS),
        rotation=None
        if rotation is None
        else _integer(rotation, f"{path}.rotation", 1, MAX_ROTATION),
        ready_from=ready,
    )


def _requirement(raw: Any, path: str) -> Requirement:
    data = _object(raw, path, {"min", "max"})
    low = _integer(data.get("min", 0), f"{path}.min", 0, MAX_UNITS)
    high = data.get("max")
    if high is not None:
        high = _integer(high, f"{path}.max", 0, MAX_UNITS)
        if low > high:
            raise ScenarioError(f"{path}.min", f"{low} is above max {high}")
    return Requirement(min=low, max=high)


def _target(raw: Any, context: _Context) -> Target:
    data = _object(
        raw, "target", {"min_troops", "max_troops", "build_up"}, {"min_troops", "max_troops"}
    )
    low = _integer(data["min_troops"], "target.min_troops", 0, MAX_TROOPS)
    high = _integer(data["max_troops"], "target.max_troops", 0, MAX_TROOPS)
    if low > high:
        raise ScenarioError("target.min_troops", f"{low} is above target.max_troops {high}")
    steps = []
    if "build_up" in data:
        context.needs_v2("target.build_up")
        last = context.periods.full_from - 1
        for i, item in enumerate(_list(data["build_up"], "target.build_up")):
            where = f"target.build_up[{i}]"
            step = _object(item, where, {"period", "min_troops"}, {"period", "min_troops"})
            if last < 1:
                raise ScenarioError(
                    f"{where}.period",
                    "a build-up needs periods before full capability (periods.full_from > 1)",
                )
            period = _integer(step["period"], f"{where}.period", 1, last)
            troops = _integer(step["min_troops"], f"{where}.min_troops", 0, high)
            steps.append(BuildUp(period, troops))
        _unique([str(s.period) for s in steps], "target.build_up", "period")
    return Target(low, high, tuple(steps))


def _periods(raw: Any) -> Periods:
    fields = {"count", "label", "first", "rotation", "full_from"}
    data = _object(raw, "periods", fields)
    count = _integer(data.get("count", 1), "periods.count", 1, MAX_PERIODS)
    return Periods(
        count=count,
        label=_text(data.get("label", "period"), "periods.label", MAX_NAME),
        first=_text(data.get("first", "1"), "periods.first", MAX_NAME),
        rotation=_integer(data.get("rotation", 1), "periods.rotation", 1, MAX_ROTATION),
        full_from=_integer(data.get("full_from", 1), "periods.full_from", 1, count),
    )


def _area(raw: Any, path: str) -> Area:
    fields = {"id", "name", "in_target", "capacity_troops", "position"}
    data = _object(raw, path, fields, {"id"})
    area_id = _slug(data["id"], f"{path}.id", UNIT_ID, "a valid id (1-40 of a-z, 0-9, _)")
    in_target = data.get("in_target", True)
    if not isinstance(in_target, bool):
        raise ScenarioError(f"{path}.in_target", f"expected true or false, got {_show(in_target)}")
    capacity = data.get("capacity_troops")
    position = None
    if "position" in data:
        where = f"{path}.position"
        spot = _object(data["position"], where, {"lat", "lon"}, {"lat", "lon"})
        position = Position(
            _number(spot["lat"], f"{where}.lat", -90, 90),
            _number(spot["lon"], f"{where}.lon", -180, 180),
        )
    return Area(
        id=area_id,
        name=_text(data.get("name", area_id), f"{path}.name", MAX_NAME),
        in_target=in_target,
        capacity_troops=None
        if capacity is None
        else _integer(capacity, f"{path}.capacity_troops", 0, MAX_TROOPS),
        position=position,
    )


def _area_requirements(
    raw: Any, context: _Context, units: dict[str, UnitType]
) -> dict[str, dict[str, Requirement]]:
    out: dict[str, dict[str, Requirement]] = {}
    for area_id, needs in _object(raw, "area_requirements", set(context.area_ids)).items():
        where = f"area_requirements.{area_id}"
        parsed = {}
        for uid, req in _object(needs, where, set(units)).items():
            if not units[uid].deployed:
                raise ScenarioError(
                    f"{where}.{uid}", "is a stand-off unit type; areas hold deployed units only"
                )
            parsed[uid] = _requirement(req, f"{where}.{uid}")
        out[area_id] = parsed
    return out


def _rules(raw: Any) -> Rules:
    data = _object(raw, "rules", {"max_share", "min_nations"})
    return Rules(
        max_share=_number(data.get("max_share", 1.0), "rules.max_share", 0, 1, low_open=True),
        min_nations=_integer(data.get("min_nations", 0), "rules.min_nations", 0, MAX_ITEMS),
    )


def _lock(
    raw: Any, path: str, nations: dict[str, Nation], units: dict[str, UnitType], context: _Context
) -> Lock:
    unit_ids = set(units)
    data = _object(
        raw,
        path,
        {"nation", "unit_type", "count", "area", "period"},
        {"nation", "unit_type", "count"},
    )
    code = data["nation"]
    if not isinstance(code, str) or code not in nations:
        raise ScenarioError(f"{path}.nation", f"{_show(code)} is not a nation of this scenario")
    nation = nations[code]
    unit_id = data["unit_type"]
    if not isinstance(unit_id, str) or unit_id not in unit_ids:
        raise ScenarioError(
            f"{path}.unit_type", f"{_show(unit_id)} is not a unit type of this scenario"
        )
    count = _integer(data["count"], f"{path}.count", 0, MAX_UNITS)
    if count > nation.offer(unit_id):
        raise ScenarioError(
            f"{path}.count", f"{count} is above {code}'s offer of {nation.offer(unit_id)} {unit_id}"
        )
    area = data.get("area")
    if area is not None:
        context.needs_v2(f"{path}.area")
        if not isinstance(area, str) or area not in context.area_ids:
            raise ScenarioError(f"{path}.area", f"{_show(area)} is not an area of this scenario")
        if not units[unit_id].deployed:
            raise ScenarioError(
                f"{path}.area", f"{unit_id} is a stand-off unit type, which stands in no area"
            )
        if nation.areas is not None and area not in nation.areas:
            raise ScenarioError(
                f"{path}.area", f"{code}'s caveat does not allow its units in {area}"
            )
    period = data.get("period")
    if period is not None:
        context.needs_v2(f"{path}.period")
        period = _integer(period, f"{path}.period", 1, context.periods.count)
        if count > 0 and period < nation.ready(unit_id):
            raise ScenarioError(
                f"{path}.period",
                f"{period} is before {code}'s {unit_id} is ready (from period "
                f"{nation.ready(unit_id)})",
            )
    return Lock(code, unit_id, count, area, period)


def _unique(values: list[str], path: str, key: str) -> None:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise ScenarioError(f"{path}[{i}].{key}", f"{quoted(value)} appears more than once")
        seen.add(value)


def _backstop(raw: Any, nations: dict[str, Nation], unit_ids: set[str]) -> Backstop:
    data = _object(raw, "backstop", {"nations", "requirements", "notes"}, {"nations"})
    codes = _list(data["nations"], "backstop.nations")
    if not codes:
        raise ScenarioError("backstop.nations", "name at least one nation")
    for i, code in enumerate(codes):
        if not isinstance(code, str) or code not in nations:
            raise ScenarioError(
                f"backstop.nations[{i}]", f"{_show(code)} is not a nation of this scenario"
            )
    if len(set(codes)) != len(codes):
        raise ScenarioError("backstop.nations", "a nation appears more than once")
    requirements = {
        uid: _requirement(req, f"backstop.requirements.{uid}")
        for uid, req in _object(
            data.get("requirements", {}), "backstop.requirements", unit_ids
        ).items()
    }
    notes = _text(data.get("notes", ""), "backstop.notes")
    return Backstop(tuple(codes), requirements, notes)


TOP_LEVEL_2 = {"areas", "periods", "area_requirements"}
TOP_LEVEL = {
    "areas",
    "periods",
    "area_requirements",
    "backstop",
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
}


def _without_schema_link(data: Any) -> Any:
    """Drop a top-level ``"$schema"`` (an editor's link to a JSON Schema; ignored, not kept)."""
    if not isinstance(data, dict) or "$schema" not in data:
        return data
    _text(data["$schema"], "$schema")
    return {key: value for key, value in data.items() if key != "$schema"}


def parse_scenario(data: Any) -> Scenario:
    """Validate raw JSON data against spec sections 1 and 6 and build the scenario.

    Raises :class:`ScenarioError` naming the first problem found.
    """
    data, provenance = split_provenance(data)
    data = _without_schema_link(data)
    data = _object(data, "", TOP_LEVEL, {"schema", "name", "target", "unit_types", "nations"})
    schema = data["schema"]
    if schema not in SCENARIO_SCHEMAS:
        raise ScenarioError(
            "schema", f"{_show(schema)} is not {SCENARIO_SCHEMA!r} or {SCENARIO_SCHEMA_2!r}"
        )
    context = _Context(schema)
    for key in sorted(TOP_LEVEL_2 & data.keys()):
        context.needs_v2(key)
    if "periods" in data:
        context.periods = _periods(data["periods"])
    areas: tuple[Area, ...] = (IMPLICIT_AREA,)
    if "areas" in data:
        areas = tuple(_items(_list(data["areas"], "areas"), "areas", _area))
        if not areas:
            raise ScenarioError("areas", "name at least one area (leave it out for one theatre)")
        _unique([a.id for a in areas], "areas", "id")
        context.area_ids = tuple(a.id for a in areas)
    raw_units = _list(data["unit_types"], "unit_types")
    units = _items(raw_units, "unit_types", _unit_type)
    _unique([u.id for u in units], "unit_types", "id")
    by_id = {u.id: u for u in units}
    unit_ids = set(by_id)
    raw_nations = _list(data["nations"], "nations")
    nations = [
        _nation(item, f"nations[{i}]", unit_ids, context) for i, item in enumerate(raw_nations)
    ]
    _unique([n.code for n in nations], "nations", "code")
    by_code = {n.code: n for n in nations}
    for i, nation in enumerate(nations):
        for j, other in enumerate(nation.requires):
            if other not in by_code:
                raise ScenarioError(
                    f"nations[{i}].requires[{j}]", f"{other!r} is not a nation of this scenario"
                )
    requirements = {
        uid: _requirement(req, f"requirements.{uid}")
        for uid, req in _object(data.get("requirements", {}), "requirements", unit_ids).items()
    }
    locks = [
        _lock(item, f"locks[{i}]", by_code, by_id, context)
        for i, item in enumerate(_list(data.get("locks", []), "locks"))
    ]
    _unique(
        [f"{lk.nation}.{lk.unit_type}.{lk.area}@{lk.period}" for lk in locks], "locks", "unit_type"
    )
    objective = data.get("objective", "min_cost")
    if objective not in OBJECTIVES:
        raise ScenarioError(
            "objective", f"{_show(objective)} is not one of {', '.join(OBJECTIVES)}"
        )
    return Scenario(
        name=_text(data["name"], "name", MAX_NAME),
        description=_text(data.get("description", ""), "description"),
        target=_target(data["target"], context),
        unit_types=tuple(units),
        nations=tuple(nations),
        requirements=requirements,
        rules=_rules(data.get("rules", {})),
        locks=tuple(locks),
        objective=objective,
        backstop=None if "backstop" not in data else _backstop(data["backstop"], by_code, unit_ids),
        areas=areas,
        periods=context.periods,
        area_requirements=_area_requirements(data.get("area_requirements", {}), context, by_id),
        schema=schema,
        provenance=provenance,
    )
