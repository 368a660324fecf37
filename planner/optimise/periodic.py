"""A first plan over periods: the same plan every rotation cycle once the force is full.

In the full periods (``t >= full_from``) every period has the same rules;
only rotation (H1r) and the periods before them tell one from the next.
So the program restricted to *periodic* plans, ``x[c, t] = x[c, t + r]``
for every cell ``c`` of a nation with cycle ``r`` and every full period
``t``, is the same problem over ``full_from - 1 + r`` distinct periods: a
fraction of the columns and none of the symmetry between full periods.

Every periodic plan is a plan of the full program (the restriction only adds
rows), so its best plan is a feasible start; HiGHS, given it, needs only to
prove it optimal or better it. Measured (docs/performance.md): on the
default scenario over 3 areas x 8 quarters least cost's root bound is the
optimum at once, but HiGHS's own heuristics took seconds to find a plan at
it; the periodic plan is that optimum. Nothing about the optimum is
assumed: the full program decides it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from planner.linear import Expr
from planner.optimise.program import ForceProgram
from planner.optimise.solver import solve_model
from planner.scenario.plan import Cell


def tie_pairs(program: ForceProgram) -> list[tuple[int, int]]:
    """(column at t, column at t + r) for every cell in a full period whose twin exists."""
    scenario = program.scenario
    full_from = scenario.periods.full_from
    cycle = {n.code: max(1, scenario.rotation_of(n)) for n in scenario.nations}
    pairs = []
    for key, col in program.x.items():
        if key.period < full_from:
            continue
        twin = program.x.get(key._replace(period=key.period + cycle[key.nation]))
        if twin is not None:
            pairs.append((col, twin))
    return pairs


@contextmanager
def periodic_ties(program: ForceProgram) -> Iterator[bool]:
    """Within the block the program accepts periodic plans only; afterwards it is exactly
    the one it was (the tie rows are dropped). Yields whether any tie exists."""
    model = program.model
    first = len(model.row_names)
    pairs = tie_pairs(program)
    for a, b in pairs:
        model.row(f"periodic.{model.col_names[a]}", Expr({a: 1.0, b: -1.0}), 0.0, 0.0)
    try:
        yield bool(pairs)
    finally:
        model.drop_rows_from(first)


def periodic_plan(
    program: ForceProgram,
    time_limit: float | None,
    cancel: threading.Event | None = None,
) -> dict[Cell, int] | None:
    """The best periodic plan found in `time_limit` under the program's objective, or None
    (no full period repeats, no periodic plan, or none found in time).

    The program afterwards is exactly the one it was (:func:`periodic_ties`).
    """
    with periodic_ties(program) as tied:
        if not tied:
            return None
        outcome = solve_model(program.model, "highs", time_limit, cancel)
    if not outcome.has_plan or outcome.values is None:
        return None
    return program.allocation(outcome.values)
