"""Judge a plan against Part II (sections 7, 9 and 10 of force-model.md), straight from the spec.

A plan is a dict ``(nation, unit, area_or_None, period) -> count``; the area is
None exactly for stand-off unit types, periods are 1-based, missing keys are
0. ``y[n]`` is read off the plan: a nation takes part when it has a unit in
some period (H2 makes that the only consistent value).

Hard constraints are reported once per nation as ``nation.<CODE>`` (the
details are in :func:`hard_reasons`); soft ones by their section 9 names.
The share rule is checked exactly in rationals (``max_share`` read as the
decimal it was written as), every other rule in integers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .scenario import Scenario, fair_shares, lock_base, lock_periods, period_name

Plan = dict[tuple[str, str, str | None, int], int]


@dataclass(frozen=True)
class Totals:
    """The sums section 7 names, read off one plan."""

    X: dict[tuple[str, str, int], int]  # (n, u, t): summed over areas
    x_area: dict[tuple[str, str, str, int], int]  # (n, u, a, t): deployed only
    D: dict[tuple[str, int], int]  # ground troops, every area
    Din: dict[tuple[str, int], int]  # ground troops in in_target areas
    TOTAL: dict[int, int]
    GROUND: dict[int, int]
    area_troops: dict[tuple[str, int], int]
    y: dict[str, int]


def check_keys(scn: Scenario, plan: Plan) -> None:
    """Raise ValueError on a key that names nothing in the scenario (a malformed plan)."""
    nations = {n.code for n in scn.nations}
    units = {u.id: u for u in scn.units}
    areas = {a.id for a in scn.areas}
    for key, count in plan.items():
        n, u, a, t = key
        if n not in nations or u not in units or t not in scn.period_range:
            raise ValueError(f"plan key {key!r} names no nation, unit type or period")
        if units[u].deployed and a not in areas or not units[u].deployed and a is not None:
            raise ValueError(f"plan key {key!r}: area must be an area id (deployed) or None")
        if isinstance(count, bool) or not isinstance(count, int):
            raise ValueError(f"plan key {key!r}: count {count!r} is not an integer")


def totals(scn: Scenario, plan: Plan) -> Totals:
    check_keys(scn, plan)
    in_target = {a.id: a.in_target for a in scn.areas}
    personnel = {u.id: u.personnel for u in scn.units}
    X: dict[tuple[str, str, int], int] = defaultdict(int)
    x_area: dict[tuple[str, str, str, int], int] = defaultdict(int)
    D: dict[tuple[str, int], int] = defaultdict(int)
    Din: dict[tuple[str, int], int] = defaultdict(int)
    area_troops: dict[tuple[str, int], int] = defaultdict(int)
    y = {n.code: 0 for n in scn.nations}
    for (n, u, a, t), c in plan.items():
        X[n, u, t] += c
        if c > 0:
            y[n] = 1
        if a is None:
            continue
        x_area[n, u, a, t] += c
        D[n, t] += personnel[u] * c
        area_troops[a, t] += personnel[u] * c
        if in_target[a]:
            Din[n, t] += personnel[u] * c
    TOTAL = {t: sum(Din[n.code, t] for n in scn.nations) for t in scn.period_range}
    GROUND = {t: sum(D[n.code, t] for n in scn.nations) for t in scn.period_range}
    return Totals(X, x_area, D, Din, TOTAL, GROUND, area_troops, y)


def hard_reasons(scn: Scenario, plan: Plan) -> dict[str, list[str]]:
    """Every hard constraint (H1-H5, caveats) a plan breaks, by nation code."""
    tot = totals(scn, plan)
    out: dict[str, list[str]] = defaultdict(list)
    for (n, u, a, t), c in plan.items():
        if c < 0:
            out[n].append(f"H1 {u}@{t} in {a}: negative count {c}")
        if a is not None and c != 0 and a not in scn.nation(n).areas:
            out[n].append(f"caveat: {c} {u} in {a}@{t}, outside its areas")
    others = {n.code: sum(tot.y.values()) - tot.y[n.code] for n in scn.nations}
    for nat in scn.nations:
        n, y = nat.code, tot.y[nat.code]
        for unit in scn.units:
            u, offer = unit.id, nat.offer(unit.id)
            for t in scn.period_range:
                if tot.X[n, u, t] > offer:
                    out[n].append(f"H1 {u}@{t}: {tot.X[n, u, t]} above offer {offer}")
                if t < nat.ready_from(u) and tot.X[n, u, t] != 0:
                    out[n].append(f"H1 {u}@{t}: before ready_from {nat.ready_from(u)}")
                window = sum(tot.X[n, u, s] for s in range(max(1, t - nat.rotation + 1), t + 1))
                if window > offer:
                    out[n].append(f"H1r {u} up to {t}: {window} in a rotation cycle, offer {offer}")
        for t in scn.period_range:
            if tot.D[n, t] > nat.max_troops * y:
                out[n].append(f"H3 {tot.D[n, t]} troops @{t} above max {nat.max_troops * y}")
            if t >= scn.full_from and tot.D[n, t] < nat.min_troops * y:
                out[n].append(f"H3 {tot.D[n, t]} troops @{t} below min {nat.min_troops}")
        if nat.status == "committed" and y == 0:
            out[n].append("H4 committed but takes no part")
        if nat.status == "declined" and y == 1:
            out[n].append("H4 declined but takes part")
        for m in nat.requires:
            if y > tot.y[m]:
                out[n].append(f"H5 takes part without {m}")
        if nat.min_partners * y > others[n]:
            out[n].append(f"H5 {others[n]} partners, needs {nat.min_partners}")
    return dict(out)


def soft_checks(scn: Scenario, tot: Totals) -> list[tuple[str, bool]]:
    """Every soft constraint of section 7 with its section 9 name and whether it holds."""
    rows: list[tuple[str, bool]] = []
    for t in scn.period_range:
        floor = scn.target_min if t >= scn.full_from else scn.build_up.get(t)
        if floor is not None:
            rows.append((period_name(scn, "target.min_troops", t), tot.TOTAL[t] >= floor))
    for t in scn.period_range:
        rows.append((period_name(scn, "target.max_troops", t), tot.TOTAL[t] <= scn.target_max))
    for u, b in scn.requirements.items():
        for t in scn.full_periods:
            count = sum(tot.X[n.code, u, t] for n in scn.nations)
            rows.append((period_name(scn, f"requirement.{u}.min", t), count >= b.min))
            if b.max is not None:
                rows.append((period_name(scn, f"requirement.{u}.max", t), count <= b.max))
    for (a, u), b in scn.area_requirements.items():
        for t in scn.full_periods:
            count = sum(tot.x_area[n.code, u, a, t] for n in scn.nations)
            rows.append((period_name(scn, f"area.{a}.{u}.min", t), count >= b.min))
            if b.max is not None:
                rows.append((period_name(scn, f"area.{a}.{u}.max", t), count <= b.max))
    for area in scn.areas:
        if area.capacity is not None:
            for t in scn.period_range:
                ok = tot.area_troops[area.id, t] <= area.capacity
                rows.append((period_name(scn, f"area.{area.id}.capacity", t), ok))
    p, q = scn.max_share.numerator, scn.max_share.denominator
    for nat in scn.nations:
        for t in scn.period_range:
            ok = tot.Din[nat.code, t] * q <= p * tot.TOTAL[t]
            rows.append((period_name(scn, f"share.{nat.code}", t), ok))
    rows.append(("min_nations", sum(tot.y.values()) >= scn.min_nations))
    for lock in scn.locks:
        for t in lock_periods(scn, lock):
            rows.append(
                (period_name(scn, lock_base(lock), t), lock_value(tot, lock, t) == lock.count)
            )
    return rows


def lock_value(tot: Totals, lock: Any, t: int) -> int:
    """What a lock fixes: the count in its area, or summed over areas, in period t."""
    if lock.area is None:
        return tot.X[lock.nation, lock.unit, t]
    return tot.x_area[lock.nation, lock.unit, lock.area, t]


def soft_constraint_names(scn: Scenario) -> list[str]:
    """Every soft constraint name of a scenario, in spec order, without repeats."""
    empty = totals(scn, {})
    return list(dict.fromkeys(name for name, _ in soft_checks(scn, empty)))


def violations(scn: Scenario, plan: Plan) -> list[str]:
    """Every constraint the plan breaks: ``nation.<CODE>`` for hard, section 9 names for soft."""
    hard = hard_reasons(scn, plan)
    out = [f"nation.{n.code}" for n in scn.nations if n.code in hard]
    out += [name for name, ok in soft_checks(scn, totals(scn, plan)) if not ok]
    return list(dict.fromkeys(out))


def objective_value(scn: Scenario, plan: Plan, objective: str) -> float:
    """Section 7: cost over troop-periods, or fairness over every area and period."""
    if objective == "min_cost":
        cost = {n.code: n.cost_per_troop for n in scn.nations}
        personnel = {u.id: u.personnel for u in scn.units}
        return float(sum(cost[n] * personnel[u] * c for (n, u, _a, _t), c in plan.items()))
    if objective == "fair_share":
        tot, phi = totals(scn, plan), fair_shares(scn)
        return float(
            sum(
                abs(tot.D[n.code, t] - phi[n.code] * tot.GROUND[t])
                for t in scn.period_range
                for n in scn.nations
            )
        )
    raise ValueError(f"unknown objective {objective!r}")


def result_view(scn: Scenario, plan: Plan) -> dict[str, Any]:
    """The numbers section 10 (and 4) says a result reports for this plan."""
    tot = totals(scn, plan)
    many = scn.periods > 1
    view: dict[str, Any] = {
        "total_troops": min(tot.TOTAL[t] for t in scn.full_periods),
        "nations": [
            {
                "code": n.code,
                "participating": bool(tot.y[n.code]),
                "troops": max(tot.D[n.code, t] for t in scn.period_range),
            }
            for n in scn.nations
        ],
        "allocation": _allocation(scn, plan),
        "requirements": [
            {
                "unit_type": u,
                "count": sum(tot.X[n.code, u, t] for n in scn.nations),
                "min": b.min,
                "max": b.max,
            }
            | ({"period": t} if many else {})
            for u, b in scn.requirements.items()
            for t in scn.full_periods
        ],
    }
    if many:
        view["periods"] = [
            {
                "period": t,
                "total_troops": tot.TOTAL[t],
                "ground_troops": tot.GROUND[t],
                "nations": [
                    {"code": n.code, "troops": tot.D[n.code, t], "in_target": tot.Din[n.code, t]}
                    for n in scn.nations
                ],
            }
            for t in scn.period_range
        ]
    if scn.explicit_areas:
        view["areas"] = [
            {"area": a.id, "troops": tot.area_troops[a.id, t], "capacity_troops": a.capacity}
            | ({"period": t} if many else {})
            for a in scn.areas
            for t in scn.period_range
        ]
    return view


def _allocation(scn: Scenario, plan: Plan) -> list[dict[str, Any]]:
    """Non-zero counts; ``area`` with explicit areas (None for stand-off), ``period`` with many."""
    order = {n.code: i for i, n in enumerate(scn.nations)}
    uorder = {u.id: i for i, u in enumerate(scn.units)}
    aorder = {a.id: i for i, a in enumerate(scn.areas)}
    rows = []
    for (n, u, a, t), c in sorted(
        plan.items(),
        key=lambda kv: (kv[0][3], order[kv[0][0]], uorder[kv[0][1]], aorder.get(kv[0][2], -1)),
    ):
        if c:
            row: dict[str, Any] = {"nation": n, "unit_type": u, "count": c}
            if scn.explicit_areas:
                row["area"] = a
            if scn.periods > 1:
                row["period"] = t
            rows.append(row)
    return rows
