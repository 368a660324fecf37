"""A plan over periods bettered a few periods at a time: every other period held.

The periodic start (:mod:`planner.optimise.periodic`) repeats one rotation
cycle from the first full period; where the optimum's first full periods
differ from its later ones (the build-up leaves different units rested), the
periodic plan is a little dearer. Here the plan is bettered window by
window: the columns of ``r + 1`` consecutive periods (r the longest rotation
cycle) are freed, every other period's columns are held at the plan's
values, and the program, every row kept, is solved from the plan. Each
window's program is a small one (most of its columns are fixed, and
presolve removes them), and any plan it finds is a plan of the whole
program, worth no more than the one it started from. The windows prove
nothing: the caller's program (or the blocks' bound) still decides whether
the plan is optimal.

Measured on the generated 18 x 17 x 3 x 8 scenarios (merged areas, least
cost, 2026-12-03, load about 3): the periodic plans of seeds 1, 2 and 4 are
worth 396,660, 353,915 and 371,247.5; windows (2-4), (1-3), (3-5) take them
to 396,615, 353,797.5 and 371,232.5 in 0.2-1.2 cpu s, and the whole program
started from those plans proves them optimal at its root in 0.2-0.5 cpu s
(from the periodic plans it took 10-20 s, and seed 1 was not proven in 30 s).
On the generated 40 x 24 x 3 x 8 seed 0 they take 1,266,027.5 to 1,266,002.5, proven at once.
"""

from __future__ import annotations

import threading
import time

from planner.optimise.program import ForceProgram
from planner.optimise.solver import HighsSession


def windows(program: ForceProgram) -> list[tuple[int, ...]]:
    """The windows tried, in order: ``r + 1`` consecutive periods each, first the last
    period before full capability with the first full cycle (where a periodic plan and the
    optimum part), then the earlier windows, then the later ones.

    The later ones lie in the part the periodic plan repeats; on the generated 40 x 24 x 3 x 8
    seed 0 one of them (quarters 4-6) took the plan to the optimum, 1,266,002.5, which the
    full program then proves. A window stops after :data:`WINDOW_NODES` nodes of its own tree
    with the best plan it has (on generated 18 x 17 seed 1 one window took 101 nodes and
    2.1 cpu s to prove that it bettered nothing)."""
    scenario = program.scenario
    periods = list(scenario.periods.all)
    cycle = max([1, *(scenario.rotation_of(n) for n in scenario.nations)])
    width = cycle + 1
    if width >= len(periods):
        return []  # one window would be the whole program
    last = len(periods) - width
    first = max(0, min(last, scenario.periods.full_from - 2))
    order = [first, *range(first - 1, -1, -1), *range(first + 1, last + 1)]
    return [tuple(periods[s : s + width]) for s in order]


WINDOW_NODES = 20
"""Nodes a window's own tree may take (it only looks for a better plan)."""


def improve(
    program: ForceProgram,
    values: list[float],
    time_limit: float,
    cancel: threading.Event | None = None,
) -> list[float]:
    """`values` (a plan of the program, every column) bettered window by window within
    `time_limit`; `values` itself when no window betters it. The program is not changed."""
    periods = list(program.scenario.periods.all)
    if len(periods) < 2 or not any(program.model.col_integer):
        return values
    model = program.model
    period_of = program.period_of()
    session = HighsSession(model, cancel)
    session.set_option("mip_max_nodes", WINDOW_NODES)
    best, worth = list(values), model.objective_value(list(values))
    ends = time.perf_counter() + time_limit
    for window in windows(program):
        left = ends - time.perf_counter()
        if left <= 0 or (cancel is not None and cancel.is_set()):
            break
        free = set(window)
        for col, t in period_of.items():
            if t in free:
                session.set_col_bounds(col, model.col_lower[col], model.col_upper[col])
            else:
                held = round(best[col]) if model.col_integer[col] else best[col]
                session.set_col_bounds(col, held, held)
        outcome = session.run(left, best)
        if not outcome.has_plan or outcome.values is None:
            continue
        found = list(outcome.values)
        value = model.objective_value(found)
        if value < worth - 1e-9 * max(1.0, abs(worth)):
            best, worth = found, value
    return best
