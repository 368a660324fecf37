"""Areas of one kind solved as one, then split back: a relaxation that can prove its plan.

Over several periods most of the program's columns are the same unit of the
same nation in two areas that count alike: every rule but capacities, area
requirements and caveats sees only the sum over the in-target areas (TOTAL,
shares, ceilings, requirements, rotation) or over the areas outside. Two
such areas make HiGHS search twice the columns, and every plan twice.

:func:`merge` gives the scenario with each group of alike areas (in target,
or outside it) as one area: capacities and area minimums summed, an area
maximum kept only when every area of the group has one, a caveat allowing
the group when it allows one of its areas. Every plan of the scenario,
summed over each group, is a plan of the merged one with the same value of
every objective (cost and troops on the ground do not depend on the area),
so the merged optimum is a lower bound. A lock naming an area of a group fixes
that area's cells; merged it is a floor on the group's (:attr:`Merged.floors`, the
other areas may hold more), and the split fixes the area's count again.
:func:`split` puts a merged plan
back into areas (a small feasibility program, period by period); when it
can, the plan is one of the scenario with the merged optimum's value, so it
is optimal. When it cannot (a tight capacity), the full program decides.

Measured (docs/performance.md): on the generated 18 x 17 x 3 x 8 scenarios the
periodic start (seed 0) took 23 s with the two hubs apart and 4.9 s merged. On the
2026-01 Paris default (a lock in the Kyiv hub) least cost was not proven in 120 s with
the areas apart; merged, with the lock a floor, it is proven in 19-32 s.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

from planner.linear import INF, Expr, LinearModel
from planner.optimise.program import ForceProgram
from planner.optimise.solver import solve_model
from planner.rules.lock import lock_periods
from planner.scenario.model import Area, Lock, Requirement, Scenario
from planner.scenario.plan import Cell
from planner.status import Status


@dataclass(frozen=True)
class Merged:
    """The merged scenario and, per merged area, the areas it stands for (scenario order)."""

    scenario: Scenario
    original: Scenario
    groups: dict[str, tuple[str, ...]]
    floors: dict[Cell, int] = field(default_factory=dict)
    """Least count of a merged cell: the locks naming an area of its group, summed
    (the scenario's locks without them; :func:`add_floors` puts them in a program)."""
    fixed: dict[Cell, int] = field(default_factory=dict)
    """Those locks' own cells (area and period) and counts, which the split keeps."""


def merge(scenario: Scenario) -> Merged | None:
    """The scenario with alike areas merged, or None when no two areas are alike.

    A lock naming an area of a merged group leaves the merged scenario's locks and
    becomes a floor on the group's cell (:attr:`Merged.floors`): a plan of the
    scenario has the count there and at least that in the group."""
    groups: dict[str, tuple[str, ...]] = {}
    for in_target in (True, False):
        ids = tuple(a.id for a in scenario.areas if a.in_target == in_target)
        if ids:
            groups[ids[0]] = ids
    if all(len(ids) == 1 for ids in groups.values()):
        return None
    group_of = {a: head for head, ids in groups.items() for a in ids}
    kept: list[Lock] = []
    floors: dict[Cell, int] = {}
    fixed: dict[Cell, int] = {}
    for lock in scenario.locks:
        if lock.area is None or len(groups[group_of[lock.area]]) == 1:
            kept.append(lock)
            continue
        for t in lock_periods(scenario, lock):
            cell = Cell(lock.nation, lock.unit_type, group_of[lock.area], t)
            floors[cell] = floors.get(cell, 0) + lock.count
            fixed[Cell(lock.nation, lock.unit_type, lock.area, t)] = lock.count
    areas = []
    for head, ids in groups.items():
        members = [scenario.area(a) for a in ids]
        caps = [a.capacity_troops for a in members]
        capacity = None if any(c is None for c in caps) else sum(c or 0 for c in caps)
        areas.append(Area(head, members[0].name, members[0].in_target, capacity))
    nations = tuple(
        n
        if n.areas is None
        else replace(n, areas=tuple(dict.fromkeys(group_of[a] for a in n.areas if a in group_of)))
        for n in scenario.nations
    )
    merged = replace(
        scenario,
        areas=tuple(areas),
        nations=nations,
        area_requirements=_merged_requirements(scenario, groups),
        locks=tuple(kept),
    )
    return Merged(merged, scenario, groups, floors, fixed)


def add_floors(merged: Merged, program: ForceProgram) -> None:
    """The floors of :attr:`Merged.floors` as rows of `program` (of the merged scenario)."""
    for cell, count in merged.floors.items():
        col = program.x.get(cell)
        if col is None:
            continue  # nothing on offer there: the lock's own row is left out too
        name = program.name(f"floor.{cell.nation}.{cell.unit}.{cell.area}", cell.period)
        program.model.row(name, Expr.of(col), lower=float(count))


def _merged_requirements(
    scenario: Scenario, groups: dict[str, tuple[str, ...]]
) -> dict[str, dict[str, Requirement]]:
    """Per merged area and unit type: the group's minimums summed; its maximums summed when
    every area of the group has one (otherwise the group has none)."""
    out: dict[str, dict[str, Requirement]] = {}
    for head, ids in groups.items():
        units = {u for a in ids for u in scenario.area_requirements.get(a, {})}
        needs: dict[str, Requirement] = {}
        for unit in sorted(units):
            reqs = [scenario.area_requirements.get(a, {}).get(unit) for a in ids]
            low = sum(r.min for r in reqs if r is not None)
            highs = [None if r is None else r.max for r in reqs]
            high = None if any(h is None for h in highs) else sum(h or 0 for h in highs)
            if low > 0 or high is not None:
                needs[unit] = Requirement(low, high)
        if needs:
            out[head] = needs
    return out


def split(
    merged: Merged,
    plan: dict[Cell, int],
    time_limit: float | None,
    cancel: threading.Event | None = None,
) -> dict[Cell, int] | None:
    """`plan` (of the merged scenario) put back into the scenario's areas under caveats,
    capacities and area requirements, every other sum kept; None if it cannot be (or no
    answer in time)."""
    scenario = merged.original
    model = LinearModel("split")
    columns: dict[Cell, int] = {}
    done: dict[Cell, int] = {}
    allowed = {n.code: set(scenario.areas_of(n)) for n in scenario.nations}
    for key, count in plan.items():
        ids = merged.groups.get(key.area or "", ())
        if len(ids) <= 1:
            done[key] = count
            continue
        places = [a for a in ids if a in allowed[key.nation]]
        row = Expr()
        for place in places:
            cell = key._replace(area=place)
            columns[cell] = model.column(f"z.{len(columns)}", 0, count, integer=True)
            row.add_term(columns[cell], 1.0)
        model.row(f"sum.{len(model.row_names)}", row, count, count)
    for cell, count in merged.fixed.items():
        if cell in columns:
            model.row(f"lock.{len(model.row_names)}", Expr.of(columns[cell]), count, count)
        elif count > 0:
            return None  # the merged plan has none of them there
    if not columns:
        return dict(plan)
    personnel = {u.id: u.personnel for u in scenario.unit_types}
    troops: dict[tuple[str, int], Expr] = {}
    units: dict[tuple[str, str, int], Expr] = {}
    for cell, col in columns.items():
        place = cell.area or ""
        troops.setdefault((place, cell.period), Expr()).add_term(col, personnel[cell.unit])
        units.setdefault((place, cell.unit, cell.period), Expr()).add_term(col, 1.0)
    for area in scenario.areas:
        if area.capacity_troops is None:
            continue
        for t in scenario.periods.all:
            expr = troops.get((area.id, t))
            if expr is not None:
                model.row(f"cap.{area.id}@{t}", expr, upper=area.capacity_troops)
    split_areas = {a for ids in merged.groups.values() if len(ids) > 1 for a in ids}
    for area_id, needs in scenario.area_requirements.items():
        if area_id not in split_areas:
            continue  # an area alone in its group keeps its count, met in the merged plan
        for unit_id, req in needs.items():
            low = float(req.min) if req.min > 0 else -INF
            high = INF if req.max is None else float(req.max)
            for t in scenario.periods.full:
                expr = units.get((area_id, unit_id, t)) or Expr()
                model.row(f"need.{area_id}.{unit_id}@{t}", expr, low, high)
    outcome = solve_model(model, "highs", time_limit, cancel)
    if outcome.status != Status.OPTIMAL or outcome.values is None:
        return None
    for cell, col in columns.items():
        count = round(outcome.values[col])
        if count:
            done[cell] = count
    return done
