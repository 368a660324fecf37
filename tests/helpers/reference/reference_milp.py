"""A plain PuLP integer program of Part II, written from section 7 of force-model.md.

No tricks: one integer variable per (nation, deployed unit, caveat area,
period) and per (nation, stand-off unit, period), one participation variable
per nation, every hard constraint as stated, every soft constraint as a named
row that a solve may include or leave out. On top of it: the section 8 hard
check (a fixed point over nations), the best value of each soft constraint
alone, and the test of a minimal conflicting set (section 3 items 2 and 3).

Solved to the exact optimum (relative gap 0, absolute gap 1e-7) on HiGHS in
process, or CBC. Reported objective values are recomputed from the integer
plan by :func:`reference.checker.objective_value`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pulp

from .checker import Plan, objective_value
from .scenario import (
    Nation,
    Scenario,
    fair_shares,
    lock_base,
    lock_periods,
    nation_areas,
    period_name,
)

GAP_ABS = 1e-7


def make_solver(name: str = "highs") -> Any:
    if name == "highs":
        return pulp.HiGHS(msg=False, gapRel=0.0, gapAbs=GAP_ABS, threads=1)
    if name == "cbc":
        return pulp.PULP_CBC_CMD(msg=False, gapRel=0.0, gapAbs=GAP_ABS)
    raise ValueError(f"unknown solver {name!r}")


@dataclass
class SoftRow:
    """One soft constraint: ``expr <sense> rhs`` with its section 9 name."""

    name: str
    expr: Any
    sense: str  # ">=", "<=", "=="
    rhs: float


@dataclass
class Program:
    scn: Scenario
    prob: pulp.LpProblem
    x: dict[tuple[str, str, str | None, int], pulp.LpVariable]
    y: dict[str, pulp.LpVariable]
    soft: list[SoftRow] = field(default_factory=list)
    _by_nation_period: dict[tuple[str, int], list[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Index x by (nation, period) so that building stays linear in its size."""
        for (n, u, a, t), v in self.x.items():
            self._by_nation_period.setdefault((n, t), []).append((u, a, v))

    def X(self, n: str, u: str, t: int) -> Any:
        return pulp.lpSum(v for w, _a, v in self._by_nation_period.get((n, t), []) if w == u)

    def troops(self, n: str, t: int, areas: set[str]) -> Any:
        """Personnel of n's deployed units in period t standing in `areas`."""
        per = {u.id: u.personnel for u in self.scn.units}
        return pulp.lpSum(
            per[u] * v for u, a, v in self._by_nation_period.get((n, t), []) if a in areas
        )


def _nation_variables(
    prob: pulp.LpProblem, scn: Scenario, nat: Nation, tag: str
) -> dict[tuple[str, str, str | None, int], pulp.LpVariable]:
    """x for every offered unit, caveat area and period from its ready_from (H1 bounds)."""
    x = {}
    for unit in scn.units:
        offer = nat.offer(unit.id)
        if offer == 0:
            continue
        for a in nation_areas(scn, nat, unit):
            for t in range(nat.ready_from(unit.id), scn.periods + 1):
                name = f"x_{tag}_{unit.id}_{a or 'standoff'}_{t}"
                x[nat.code, unit.id, a, t] = pulp.LpVariable(name, 0, offer, pulp.LpInteger)
    return x


def _own_statements(
    prob: pulp.LpProblem, scn: Scenario, prog: Program, nat: Nation, y: Any
) -> None:
    """H1, H1r, H2 and H3 of one nation, with y a variable or the constant 1."""
    n, all_areas = nat.code, {a.id for a in scn.areas}
    mine = [v for (m, *_rest), v in prog.x.items() if m == n]
    for unit in scn.units:
        offer = nat.offer(unit.id)
        for t in scn.period_range:
            xs = prog.X(n, unit.id, t)
            prob += xs <= offer * y, f"H2_{n}_{unit.id}_{t}"
            lo = max(1, t - nat.rotation + 1)
            window = pulp.lpSum(prog.X(n, unit.id, s) for s in range(lo, t + 1))
            prob += window <= offer, f"H1r_{n}_{unit.id}_{t}"
    prob += pulp.lpSum(mine) >= y, f"H2_takes_part_{n}"
    for t in scn.period_range:
        d = prog.troops(n, t, all_areas)
        prob += d <= nat.max_troops * y, f"H3_max_{n}_{t}"
        if t >= scn.full_from:
            prob += d >= nat.min_troops * y, f"H3_min_{n}_{t}"


def build(scn: Scenario, name: str = "reference") -> Program:
    """Variables and every hard constraint; soft rows are built but not added."""
    prob = pulp.LpProblem(name, pulp.LpMinimize)
    x: dict[tuple[str, str, str | None, int], pulp.LpVariable] = {}
    y = {}
    for i, nat in enumerate(scn.nations):
        x |= _nation_variables(prob, scn, nat, str(i))
        lo = 1 if nat.status == "committed" else 0
        hi = 0 if nat.status == "declined" else 1
        # An integer with bounds, not LpBinary: PuLP resets a binary's bounds to 0..1 (H4).
        y[nat.code] = pulp.LpVariable(f"y_{i}", lo, hi, pulp.LpInteger)
    prog = Program(scn, prob, x, y)
    for nat in scn.nations:
        _own_statements(prob, scn, prog, nat, y[nat.code])
        for m in nat.requires:
            prob += y[nat.code] <= y[m], f"H5_requires_{nat.code}_{m}"
        others = pulp.lpSum(v for c, v in y.items() if c != nat.code)
        prob += nat.min_partners * y[nat.code] <= others, f"H5_partners_{nat.code}"
    prog.soft = _soft_rows(prog)
    return prog


def _soft_rows(prog: Program) -> list[SoftRow]:
    scn = prog.scn
    target = {a.id for a in scn.areas if a.in_target}
    total = {
        t: pulp.lpSum(prog.troops(n.code, t, target) for n in scn.nations) for t in scn.period_range
    }
    rows = []
    for t in scn.period_range:
        floor = scn.target_min if t >= scn.full_from else scn.build_up.get(t)
        if floor is not None:
            rows.append(SoftRow(period_name(scn, "target.min_troops", t), total[t], ">=", floor))
    for t in scn.period_range:
        rows.append(
            SoftRow(period_name(scn, "target.max_troops", t), total[t], "<=", scn.target_max)
        )
    for u, b in scn.requirements.items():
        for t in scn.full_periods:
            count = pulp.lpSum(prog.X(n.code, u, t) for n in scn.nations)
            rows.append(SoftRow(period_name(scn, f"requirement.{u}.min", t), count, ">=", b.min))
            if b.max is not None:
                rows.append(
                    SoftRow(period_name(scn, f"requirement.{u}.max", t), count, "<=", b.max)
                )
    for (a, u), b in scn.area_requirements.items():
        for t in scn.full_periods:
            count = pulp.lpSum(v for (_n, w, c, s), v in prog.x.items() if (w, c, s) == (u, a, t))
            rows.append(SoftRow(period_name(scn, f"area.{a}.{u}.min", t), count, ">=", b.min))
            if b.max is not None:
                rows.append(SoftRow(period_name(scn, f"area.{a}.{u}.max", t), count, "<=", b.max))
    for area in scn.areas:
        if area.capacity is not None:
            for t in scn.period_range:
                here = pulp.lpSum(prog.troops(n.code, t, {area.id}) for n in scn.nations)
                name = period_name(scn, f"area.{area.id}.capacity", t)
                rows.append(SoftRow(name, here, "<=", area.capacity))
    share = float(scn.max_share)
    for nat in scn.nations:
        for t in scn.period_range:
            excess = prog.troops(nat.code, t, target) - share * total[t]
            rows.append(SoftRow(period_name(scn, f"share.{nat.code}", t), excess, "<=", 0))
    rows.append(SoftRow("min_nations", pulp.lpSum(prog.y.values()), ">=", scn.min_nations))
    for lock in scn.locks:
        for t in lock_periods(scn, lock):
            if lock.area is None:
                value = prog.X(lock.nation, lock.unit, t)
            else:
                key = (lock.nation, lock.unit, lock.area, t)
                value = pulp.lpSum([prog.x[key]] if key in prog.x else [])
            rows.append(SoftRow(period_name(scn, lock_base(lock), t), value, "==", lock.count))
    return rows


def _add(prob: pulp.LpProblem, row: SoftRow, tag: str) -> None:
    if row.sense == ">=":
        prob += row.expr >= row.rhs, tag
    elif row.sense == "<=":
        prob += row.expr <= row.rhs, tag
    else:
        prob += row.expr == row.rhs, tag


def add_soft(prog: Program, names: Iterable[str] | None = None) -> None:
    """Add the soft rows named (every one when None)."""
    wanted = None if names is None else set(names)
    for i, row in enumerate(prog.soft):
        if wanted is None or row.name in wanted:
            _add(prog.prob, row, f"soft_{i}")


def _objective(prog: Program, objective: str) -> Any:
    scn = prog.scn
    if objective == "min_cost":
        per = {u.id: u.personnel for u in scn.units}
        cost = {n.code: n.cost_per_troop for n in scn.nations}
        return pulp.lpSum(cost[n] * per[u] * v for (n, u, _a, _t), v in prog.x.items())
    if objective == "fair_share":
        phi, every = fair_shares(scn), {a.id for a in scn.areas}
        devs = []
        for t in scn.period_range:
            d = {n.code: prog.troops(n.code, t, every) for n in scn.nations}
            ground = pulp.lpSum(d.values())
            for i, nat in enumerate(scn.nations):
                dev = pulp.LpVariable(f"dev_{i}_{t}", 0)
                prog.prob += dev >= d[nat.code] - phi[nat.code] * ground, f"dev_hi_{i}_{t}"
                prog.prob += dev >= phi[nat.code] * ground - d[nat.code], f"dev_lo_{i}_{t}"
                devs.append(dev)
        return pulp.lpSum(devs)
    raise ValueError(f"unknown objective {objective!r}")


def run(
    prog: Program, objective: Any = 0, sense: int = pulp.LpMinimize, solver: str = "highs"
) -> str:
    """Solve; 'optimal' or 'infeasible' (anything else raises: the reference must not guess)."""
    prog.prob.sense = sense
    prog.prob.setObjective(
        objective
        if not isinstance(objective, (int, float))
        else pulp.LpAffineExpression(constant=objective)
    )
    prog.prob.solve(make_solver(solver))
    status = pulp.LpStatus[prog.prob.status]
    if status == "Optimal":
        return "optimal"
    if status == "Infeasible":
        return "infeasible"
    raise RuntimeError(f"reference solve ended {status}")


def plan_of(prog: Program) -> Plan:
    plan: Plan = {}
    for key, v in prog.x.items():
        c = round(v.value() or 0)
        if c:
            plan[key] = c
    return plan


def solve_reference(
    scn: Scenario, objective: str, solver: str = "highs"
) -> tuple[str, float | None, Plan | None]:
    """(status, value, plan): invalid when the hard check fails, else optimal or infeasible."""
    if hard_check(scn, solver):
        return "invalid", None, None
    prog = build(scn)
    add_soft(prog)
    if run(prog, _objective(prog, objective), solver=solver) == "infeasible":
        return "infeasible", None, None
    plan = plan_of(prog)
    return "optimal", objective_value(scn, plan, objective), plan


def solver_objective(scn: Scenario, objective: str, solver: str = "highs") -> float | None:
    """The objective as the solver reports it (to compare with the recomputed value)."""
    prog = build(scn)
    add_soft(prog)
    if run(prog, _objective(prog, objective), solver=solver) == "infeasible":
        return None
    return float(pulp.value(prog.prob.objective))


# ------------------------------------------------------------ section 8: the hard check


def own_statements_hold(scn: Scenario, nat: Nation, solver: str = "highs") -> bool:
    """Can H1, H1r, H2 and H3 of this nation hold with y = 1?"""
    prob = pulp.LpProblem(f"own_{nat.code}", pulp.LpMinimize)
    x = _nation_variables(prob, scn, nat, "own")
    prog = Program(scn, prob, x, {})
    _own_statements(prob, scn, prog, nat, 1)
    return run(prog, solver=solver) == "optimal"


def hard_check(scn: Scenario, solver: str = "highs") -> list[tuple[str, str]]:
    """Section 8: (code, reason) for each committed nation outside the fixed point P.

    Reasons name the cause against the final P: ``own statements``,
    ``requires <CODE>`` (the first required nation outside P), or
    ``partners short <k>`` (min_partners minus the nations left in P).
    """
    own = {
        n.code: n.status != "declined" and own_statements_hold(scn, n, solver) for n in scn.nations
    }
    members = {c for c, ok in own.items() if ok}
    changed = True
    while changed:
        changed = False
        for nat in scn.nations:
            if nat.code not in members:
                continue
            if any(m not in members for m in nat.requires) or nat.min_partners > len(members) - 1:
                members.discard(nat.code)
                changed = True
    out = []
    for nat in scn.nations:
        if nat.status != "committed" or nat.code in members:
            continue
        missing = [m for m in nat.requires if m not in members]
        if not own[nat.code]:
            out.append((nat.code, "own statements"))
        elif missing:
            out.append((nat.code, f"requires {missing[0]}"))
        else:
            out.append((nat.code, f"partners short {nat.min_partners - len(members)}"))
    return out


# --------------------------------------------- section 3 items 2-3: unmet alone, conflicts


@dataclass(frozen=True)
class Unmet:
    constraint: str
    required: float
    best_reachable: float
    gap: float


def feasible_with(scn: Scenario, names: Iterable[str], solver: str = "highs") -> bool:
    """Do the hard constraints and the named soft ones hold together?"""
    prog = build(scn)
    add_soft(prog, names)
    return run(prog, solver=solver) == "optimal"


def is_minimal_conflict(scn: Scenario, names: Iterable[str], solver: str = "highs") -> bool:
    """Infeasible together (with the hard constraints), feasible with any one dropped."""
    group = set(names)
    if not group or feasible_with(scn, group, solver):
        return False
    return all(feasible_with(scn, group - {c}, solver) for c in group)


def find_minimal_conflict(scn: Scenario, solver: str = "highs") -> list[str] | None:
    """A deletion filter over every soft constraint: None when all of them can hold."""
    from .checker import soft_constraint_names

    group = soft_constraint_names(scn)
    if feasible_with(scn, group, solver):
        return None
    for name in list(group):
        rest = [c for c in group if c != name]
        if not feasible_with(scn, rest, solver):
            group = rest
    return group


def best_alone(scn: Scenario, index: int, solver: str = "highs") -> float:
    """The best value of soft row `index` under the hard constraints alone (they must hold).

    ``>=`` rows are maximised, ``<=`` rows minimised; a lock takes the count
    nearest to its own that the hard constraints allow, ties to the lower.
    """
    prog = build(scn)
    row = prog.soft[index]
    if row.sense == ">=":
        run(prog, row.expr, pulp.LpMaximize, solver)
        return float(pulp.value(row.expr))
    if row.sense == "<=":
        run(prog, row.expr, pulp.LpMinimize, solver)
        return float(pulp.value(row.expr))
    over, under = pulp.LpVariable("lock_over", 0), pulp.LpVariable("lock_under", 0)
    prog.prob += row.expr - row.rhs == over - under, "lock_distance"
    run(prog, over + under, solver=solver)
    distance = round(pulp.value(over + under))
    lower = row.rhs - distance
    if lower >= 0:
        again = build(scn)
        _add(again.prob, SoftRow(row.name, again.soft[index].expr, "==", lower), "lock_lower")
        if run(again, solver=solver) == "optimal":
            return float(lower)
    return float(row.rhs + distance)


def unmet_alone(scn: Scenario, solver: str = "highs") -> list[Unmet]:
    """Every soft constraint that cannot hold even with all the others dropped."""
    prog = build(scn)
    if run(prog, solver=solver) != "optimal":
        raise ValueError("the hard constraints do not hold; see hard_check")
    out = []
    for i, row in enumerate(prog.soft):
        value = pulp.value(row.expr) if not isinstance(row.expr, (int, float)) else row.expr
        if _holds(row, float(value or 0)):
            continue
        best = best_alone(scn, i, solver)
        if _holds(row, best):
            continue
        gap = {">=": row.rhs - best, "<=": best - row.rhs, "==": abs(best - row.rhs)}[row.sense]
        out.append(Unmet(row.name, row.rhs, best, gap))
    return out


def _holds(row: SoftRow, value: float, tol: float = 1e-6) -> bool:
    if row.sense == ">=":
        return value >= row.rhs - tol
    if row.sense == "<=":
        return value <= row.rhs + tol
    return abs(value - row.rhs) <= tol
