"""Hypothesis strategies for tiny random scenarios (raw dicts), valid per sections 1 and 6.

Every field of Part II appears: areas in and out of the target with
capacities, area requirements, caveats, requires and min_partners, every
status, 1-4 periods, rotation (scenario and per nation), full_from with
build-up, ready_from, and locks with and without area and period. The
cross-field rules hold by construction. About one scenario in five is a
plain @1 file.

Drawn in three steps: the national statements (the hard side); offers cut
down, largest first, until :mod:`reference.brute_force` can list every plan
within a budget; then the soft side fitted around a *witness*, one plan
drawn from those meeting the hard constraints, so that about half of the
scenarios have a plan and the rest miss by a little. Each soft figure is
set so the witness meets it, except that now and then one is drawn freely.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from .brute_force import Enumeration, enumerate_plans, search_space_size
from .scenario import SCHEMA_1, SCHEMA_2, read_scenario

DEFAULT_BUDGET = 50_000
CODES = ("AA", "BB", "CC")
PERSONNEL = (100, 200, 300, 500, 700)
SHARES = (0.34, 0.5, 0.6, 0.7, 0.75, 1)
STATUSES = ("possible", "likely", "committed", "likely", "declined")
HARD_STATUSES = ("committed", "possible", "committed", "declined")  # for the hard check


def _areas(draw: Any) -> list[dict[str, Any]] | None:
    count = draw(st.sampled_from([0, 1, 2, 2]))
    if count == 0:
        return None
    areas = []
    for i in range(count):
        area: dict[str, Any] = {"id": f"a{i}", "name": f"Area {i}"}
        if draw(st.booleans()):
            area["in_target"] = draw(st.sampled_from([True, False, False]))
        if draw(st.booleans()):
            area["capacity_troops"] = None  # filled from the witness, or left null
        areas.append(area)
    return areas


def _periods(draw: Any) -> dict[str, Any] | None:
    if draw(st.integers(0, 4)) == 0:
        return None
    count = draw(st.sampled_from([3, 2, 4, 1]))
    periods: dict[str, Any] = {"count": count, "label": "quarter"}
    if draw(st.booleans()):
        periods["rotation"] = draw(st.integers(1, 3))
    if draw(st.sampled_from([True, True, False])):
        periods["full_from"] = draw(st.sampled_from([v for v in (2, 1, 3, 4) if v <= count]))
    return periods


def _offer(draw: Any, v2: bool, periods: int) -> Any:
    count = draw(st.sampled_from([1, 2, 0, 1, 2, 3]))
    if v2 and draw(st.booleans()):
        offer: dict[str, Any] = {"count": count}
        if draw(st.sampled_from([True, True, False])):
            offer["ready_from"] = draw(st.sampled_from([v for v in (2, 1, 3, 4) if v <= periods]))
        return offer
    return count


def _nation(
    draw: Any, code: str, codes: list[str], raw: dict[str, Any], periods: int, shape: dict[str, Any]
) -> dict:
    v2, areas = raw["schema"] == SCHEMA_2, raw.get("areas")
    top = draw(st.sampled_from([1500, 0, 500, 700, 1000, 1400, 2000, 2500, 3000]))
    nation: dict[str, Any] = {"code": code, "max_troops": top}
    if draw(st.booleans()):
        nation["status"] = draw(st.sampled_from(shape["statuses"]))
    if draw(st.sampled_from([True, True, False])):
        nation["min_troops"] = draw(st.sampled_from([v for v in (200, 0, 500, 700) if v <= top]))
    if draw(st.booleans()):
        nation["cost_per_troop"] = draw(st.sampled_from([0.0, 0.5, 1.0, 1.1, 2.0]))
    if draw(st.integers(0, 3)):
        nation["burden_weight"] = draw(st.sampled_from([0, 1, 2, 3.5, 1100]))
    nation["offers"] = {
        u["id"]: _offer(draw, v2, periods)
        for u in raw["unit_types"]
        if draw(st.sampled_from([True, True, False, True]))
    }
    if not v2:
        return nation
    if areas and draw(st.booleans()):
        ids = [a["id"] for a in areas]
        nation["areas"] = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    others = [c for c in codes if c != code]
    if others and draw(st.integers(1, shape["conditions_one_in"])) == 1:
        nation["requires"] = draw(st.lists(st.sampled_from(others), min_size=1, unique=True))
    if draw(st.integers(1, shape["conditions_one_in"])) == 1:
        nation["min_partners"] = draw(st.sampled_from([1, 2, 0, 3]))
    if draw(st.integers(0, 2)) == 0:
        nation["rotation"] = draw(st.integers(1, 3))
    return nation


def _shrink_offers(raw: dict[str, Any], budget: int) -> None:
    """Lower the largest offer by one until the brute-force space fits the budget."""
    while search_space_size(read_scenario(raw)) > budget:
        best = None
        for nation in raw["nations"]:
            for u, offer in nation["offers"].items():
                count = offer["count"] if isinstance(offer, dict) else offer
                if count > 0 and (best is None or count > best[0]):
                    best = (count, nation, u)
        assert best is not None, "an empty offer list cannot be above the budget"
        _, nation, u = best
        offer = nation["offers"][u]
        if isinstance(offer, dict):
            offer["count"] -= 1
        else:
            nation["offers"][u] -= 1


def _lock_keys(draw: Any, raw: dict[str, Any], periods: int) -> list[dict[str, Any]]:
    """Locks with count 0 for now (the witness sets them), one per (nation, unit, area)."""
    v2 = raw["schema"] == SCHEMA_2
    deployed = {u["id"]: u.get("deployed", True) for u in raw["unit_types"]}
    all_areas = [a["id"] for a in raw.get("areas", [])]
    locks, seen = [], set()
    for _ in range(draw(st.sampled_from([0, 1, 2, 1]))):
        nation = draw(st.sampled_from(raw["nations"]))
        unit = draw(st.sampled_from(sorted(deployed)))
        lock: dict[str, Any] = {"nation": nation["code"], "unit_type": unit, "count": 0}
        if v2 and all_areas and deployed[unit] and draw(st.sampled_from([True, True, False])):
            lock["area"] = draw(st.sampled_from(nation.get("areas", all_areas)))
        if v2 and draw(st.booleans()):
            lock["period"] = draw(st.integers(1, periods))
        key = (lock["nation"], unit, lock.get("area"))
        if key not in seen:  # two locks on one (nation, unit, area) could share a name
            seen.add(key)
            locks.append(lock)
    return locks


class _Fitter:
    """Soft figures the witness plan meets, except when a free draw is taken."""

    def __init__(self, draw: Any, enum: Enumeration, witness: int | None, free_one_in: int) -> None:
        self.draw, self.enum, self.w, self.free_one_in = draw, enum, witness, free_one_in

    def free(self) -> bool:
        return self.w is None or self.draw(st.integers(1, self.free_one_in)) == 1

    def value(self, col: int) -> int:
        return int(self.enum.rows[self.w, col])

    def total(self, t: int) -> int:
        lay = self.enum.lay
        return sum(self.value(lay.Din[n.code, t]) for n in self.enum.scn.nations)

    def at_most(self, seen: int, step: int) -> int:
        """A floor the witness meets (or a free one)."""
        if self.free():
            return step * self.draw(st.integers(0, 4))
        return max(0, seen - step * self.draw(st.sampled_from([0, 0, 1, 2])))

    def at_least(self, seen: int, step: int) -> int:
        """A ceiling the witness meets (or a free one)."""
        if self.free():
            return step * self.draw(st.integers(0, 6))
        return seen + step * self.draw(st.sampled_from([0, 1, 0, 2, 5]))


def _fit_target(f: _Fitter, raw: dict[str, Any], build_up: list[int]) -> None:
    scn = f.enum.scn
    seen_lo = min(f.total(t) for t in scn.full_periods) if f.w is not None else 0
    seen_hi = max(f.total(t) for t in scn.period_range) if f.w is not None else 0
    lo = f.at_most(seen_lo, 100 * f.draw(st.sampled_from([1, 3, 5])))
    hi = max(lo, f.at_least(seen_hi, 100 * f.draw(st.sampled_from([1, 5, 10]))))
    target: dict[str, Any] = {"min_troops": lo, "max_troops": hi}
    if build_up:
        target["build_up"] = [
            {
                "period": t,
                "min_troops": min(hi, f.at_most(f.total(t) if f.w is not None else 0, 200)),
            }
            for t in build_up
        ]
    raw["target"] = target


def _bounds(f: _Fitter, cols: list[int]) -> dict[str, Any]:
    seen = [f.value(c) for c in cols] if f.w is not None else [0]
    lo = f.at_most(min(seen), 1)
    hi = f.draw(st.sampled_from([None, 0]))
    return {"min": lo, "max": None if hi is None else max(lo, f.at_least(max(seen), 1))}


def _fit_soft(draw: Any, raw: dict[str, Any], picks: dict[str, Any], free_one_in: int) -> None:
    scn = read_scenario(raw)
    enum = enumerate_plans(scn)
    hard = np.flatnonzero(enum.hard)
    witness = int(hard[draw(st.integers(0, len(hard) - 1))]) if len(hard) else None
    f, lay = _Fitter(draw, enum, witness, free_one_in), enum.lay
    _fit_target(f, raw, picks["build_up"])
    if picks["requirements"] is not None:
        raw["requirements"] = {
            u: _bounds(f, [lay.X[u, t] for t in scn.full_periods]) for u in picks["requirements"]
        }
    if picks["area_requirements"] is not None:
        raw["area_requirements"] = {}
        for a, u in picks["area_requirements"]:
            cols = [lay.area_unit[a, u, t] for t in scn.full_periods]
            raw["area_requirements"].setdefault(a, {})[u] = _bounds(f, cols)
    for area in raw.get("areas", []):
        if "capacity_troops" in area and draw(st.integers(0, 3)):
            seen = (
                max(f.value(lay.area[area["id"], t]) for t in scn.period_range)
                if f.w is not None
                else 0
            )
            area["capacity_troops"] = f.at_least(seen, 100 * draw(st.sampled_from([1, 3, 10])))
    if "max_share" in picks["rules"]:
        ratio = 0.0
        for n in scn.nations:
            for t in scn.period_range:
                if f.w is not None and f.total(t):
                    ratio = max(ratio, f.value(lay.Din[n.code, t]) / f.total(t))
        fits = [s for s in SHARES if s >= ratio] or [1]
        raw.setdefault("rules", {})["max_share"] = draw(
            st.sampled_from(SHARES if f.free() else fits)
        )
    if "min_nations" in picks["rules"]:
        taking_part = sum(f.value(lay.y[n.code]) for n in scn.nations) if f.w is not None else 0
        raw.setdefault("rules", {})["min_nations"] = f.at_most(taking_part, 1)
    for lock, (spec, t, col) in zip(raw["locks"], _lock_columns(enum), strict=True):
        _fit_lock(f, scn, lock, spec, t, col)


def _lock_columns(enum: Enumeration) -> list[tuple[Any, int, int]]:
    """The first period column of each lock (its value there is what the lock is set to)."""
    first: dict[int, tuple[Any, int, int]] = {}
    for spec, t, col in enum.lay.locks:
        first.setdefault(id(spec), (spec, t, col))
    return [first.get(id(spec), (spec, 0, -1)) for spec in enum.scn.locks]


def _fit_lock(f: _Fitter, scn: Any, lock: dict[str, Any], spec: Any, t: int, col: int) -> None:
    offer = scn.nation(spec.nation).offer(spec.unit)
    if spec.period is not None and spec.period < scn.nation(spec.nation).ready_from(spec.unit):
        lock["count"] = 0  # before the offer is ready only 0 is valid
    elif col < 0 or f.free():
        lock["count"] = f.draw(st.integers(0, offer))
    else:
        lock["count"] = f.value(col)


@st.composite
def scenarios(
    draw: Any,
    budget: int = DEFAULT_BUDGET,
    free_one_in: int = 8,
    statuses: tuple[str, ...] = STATUSES,
    conditions_one_in: int = 4,
) -> dict[str, Any]:
    """A tiny valid scenario dict whose brute-force enumeration is at most `budget` plans.

    Each soft figure is drawn freely (not fitted to the witness) one time in
    `free_one_in`: lower it for more scenarios without a plan. A nation's
    status (when set) is drawn from `statuses`; `requires` and `min_partners`
    are each set one time in `conditions_one_in`.
    """
    shape = {"statuses": statuses, "conditions_one_in": conditions_one_in}
    v2 = draw(st.integers(0, 4)) > 0
    units = [
        {"id": f"u{i}", "personnel": draw(st.sampled_from(PERSONNEL))}
        | ({"deployed": draw(st.integers(0, 3)) > 0} if draw(st.booleans()) else {})
        for i in range(draw(st.integers(1, 3)))
    ]
    raw: dict[str, Any] = {
        "schema": SCHEMA_2 if v2 else SCHEMA_1,
        "name": "generated",
        "target": {"min_troops": 0, "max_troops": 0},  # fitted below
        "unit_types": units,
    }
    areas, periods = (_areas(draw), _periods(draw)) if v2 else (None, None)
    if areas is not None:
        raw["areas"] = areas
    if periods is not None:
        raw["periods"] = periods
    count = periods["count"] if periods else 1
    full_from = periods.get("full_from", 1) if periods else 1
    codes = list(CODES[: draw(st.sampled_from([2, 3, 1, 3]))])
    raw["nations"] = [_nation(draw, c, codes, raw, count, shape) for c in codes]
    deployed = [u["id"] for u in units if u.get("deployed", True)]
    picks: dict[str, Any] = {
        "build_up": draw(st.lists(st.integers(1, full_from - 1), unique=True))
        if full_from > 1
        else [],
        "requirements": [u["id"] for u in units if draw(st.booleans())]
        if draw(st.booleans())
        else None,
        "area_requirements": None,
        "rules": [r for r in ("max_share", "min_nations") if draw(st.booleans())],
    }
    if areas and draw(st.booleans()):
        pairs = [(a["id"], u) for a in areas for u in deployed]
        picks["area_requirements"] = [p for p in pairs if draw(st.booleans())]
    raw["objective"] = draw(st.sampled_from(["min_cost", "fair_share"]))
    _shrink_offers(raw, budget)
    raw["locks"] = _lock_keys(draw, raw, count)
    if picks["area_requirements"] is not None:  # the enumeration needs their columns
        raw["area_requirements"] = {}
        for a, u in picks["area_requirements"]:
            raw["area_requirements"].setdefault(a, {})[u] = {"min": 0, "max": None}
    _fit_soft(draw, raw, picks, free_one_in)
    return raw


def exhaustive_settings(max_examples: int) -> settings:
    """Settings for tests that enumerate every plan: derandomised (a failure comes from the
    change under test), no deadline (an enumeration takes what it takes), no database."""
    return settings(
        max_examples=max_examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
