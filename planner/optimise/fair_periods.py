"""fair_share over periods: a better plan with each period's ground force held.

The force-total search (:mod:`planner.optimise.fair_search`) reasons about
one period with every area in the target. Over periods its reason for
working still holds one period at a time: with GROUND(t) held at a number
G, nation n's fair share phi(n) G is a constant, and since its troops D(n,t)
can take only the sums of its offers, its deviation is at least the chord
through the two sums a <= phi(n) G <= b next to it (the cut of
:mod:`planner.optimise.fair_model`). Fractional units then no longer make
the LP bound zero, and HiGHS improves a plan at once where on the plain
program it stalls.

:func:`polish` holds every GROUND(t) at the given plan's, adds the chords,
solves from that plan and undoes both. Every plan it returns is a plan of
the program (it only adds rows valid at that ground force); the caller
solves the full program from it, which decides the optimum.
"""

from __future__ import annotations

import threading

import numpy as np

from planner.linear import Expr
from planner.optimise.program import ForceProgram
from planner.optimise.solver import solve_model
from planner.rules.statements import bitset_sums, most_troops
from planner.scenario.evaluate import evaluate, fair_shares
from planner.scenario.model import Nation, Scenario
from planner.scenario.plan import Cell


def troop_sums(scenario: Scenario, nation: Nation) -> np.ndarray:
    """Every D(n,t) the nation's offers can make in one period, 0 included, ascending: a
    superset of what any period allows (readiness, rotation and floors only remove)."""
    sizes = [
        (u.personnel, nation.offer(u.id))
        for u in scenario.unit_types
        if u.deployed and u.personnel and nation.offer(u.id)
    ]
    limit = most_troops(scenario, nation)
    reach = bitset_sums(sizes, limit)
    return np.array([d for d in range(limit + 1) if reach >> d & 1], dtype=np.int64)


def chord(sums: np.ndarray, fair: float) -> tuple[float, float] | None:
    """(slope, constant) of dev >= constant + slope * D, the chord through the sums next to
    `fair`; None when `fair` is a sum itself or lies beyond every sum (nothing to add)."""
    below, above = sums[sums <= fair], sums[sums >= fair]
    if not len(below) or not len(above) or below[-1] == above[0]:
        return None
    a, b = float(below[-1]), float(above[0])
    slope = (a + b - 2 * fair) / (b - a)
    return slope, (fair - a) - slope * a


def polish(
    program: ForceProgram,
    plan: dict[Cell, int],
    time_limit: float | None,
    cancel: threading.Event | None = None,
) -> dict[Cell, int] | None:
    """The best fair_share plan HiGHS finds in `time_limit` with every GROUND(t) held at
    `plan`'s, started from `plan`; None if none. The program's fair_share objective
    must be set; it is left as it was."""
    scenario, model = program.scenario, program.model
    ground = evaluate(scenario, plan).ground_at
    phi = fair_shares(scenario)
    first = len(model.row_names)
    held = {c: (model.col_lower[c], model.col_upper[c]) for c in program.ground_col.values()}
    try:
        for t, col in program.ground_col.items():
            model.col_lower[col] = model.col_upper[col] = float(ground[t - 1])
        for nation in scenario.nations:
            if nation.status == "declined":
                continue
            sums = troop_sums(scenario, nation)
            for t in scenario.periods.all:
                troops = program.troops(nation.code, t)
                cut = chord(sums, phi[nation.code] * ground[t - 1])
                if cut is None or not troops.terms:
                    continue
                slope, constant = cut
                dev = program.extra[program.name(f"fair_share.dev.{nation.code}", t)]
                row = Expr.of(dev).add(troops, -slope)
                model.row(program.name(f"fair_share.held.{nation.code}", t), row, lower=constant)
        outcome = solve_model(model, "highs", time_limit, cancel, program.column_values(plan))
    finally:
        model.drop_rows_from(first)
        for col, (low, high) in held.items():
            model.col_lower[col], model.col_upper[col] = low, high
    if not outcome.has_plan or outcome.values is None:
        return None
    return program.allocation(outcome.values)
