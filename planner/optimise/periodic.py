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
from planner.optimise.solver import HighsSession
from planner.rules.lock import lock_periods
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell


def tie_pairs(program: ForceProgram) -> list[tuple[int, int]]:
    """(column at t, column at t + r) for every cell in a full period whose twin exists."""
    scenario = program.scenario
    full_from = scenario.periods.full_from
    cycle = {n.code: max(1, scenario.rotation_of(n)) for n in scenario.nations}
    locked = _locks_by_period(scenario)
    pairs = []
    for key, col in program.x.items():
        if key.period < full_from:
            continue
        later = key.period + cycle[key.nation]
        twin = program.x.get(key._replace(period=later))
        if twin is None:
            continue
        held = locked.get((key.nation, key.unit))
        if held is not None and held.get(key.period) != held.get(later):
            continue  # locked differently in the two periods: no periodic plan keeps both
        pairs.append((col, twin))
    return pairs


def _locks_by_period(scenario: Scenario) -> dict[tuple[str, str], dict[int, frozenset]]:
    """Per nation and unit type with a lock: per period, the locks (area, count) holding."""
    out: dict[tuple[str, str], dict[int, set[tuple[str | None, int]]]] = {}
    for lock in scenario.locks:
        per_period = out.setdefault((lock.nation, lock.unit_type), {})
        for t in lock_periods(scenario, lock):
            per_period.setdefault(t, set()).add((lock.area, lock.count))
    return {
        key: {t: frozenset(held) for t, held in per_period.items()}
        for key, per_period in out.items()
    }


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
    return periodic_search(program, time_limit, cancel)[0]


LEAST_COST_OPTIONS = (("mip_heuristic_effort", 0.2),)
"""HiGHS options of the periodic search of a least-cost plan (a start only: the full program
decides). fair_share's start (a least-cost periodic plan, then polished within a time limit)
keeps HiGHS's defaults: one run each at a 30 s limit, loaded machine, gave 16,543 and 18,029
troop-periods off fair share on generated seeds 0 and 1 with them and 16,798 and 16,163
with these, no clear direction.

Where the periodic program needs a tree (the 2026-01 Paris default: about 2,000 nodes, most
of its solve), more of the tree's effort on heuristics finds its optimum sooner. Measured
2026-12-03, load 0.2-0.8, the periodic program of the merged Paris default: effort 0.05
(HiGHS's default) 9.85 and 9.97 cpu s, 2,069 nodes; 0.1 9.01 s; 0.2 8.56 and 9.05 s,
1,312 nodes; 0.3 9.55 s. Generated 18 x 17 x 3 x 8 seed 3 (a tree too): 264 nodes and
2.58-3.19 s at 0.05, 135 nodes and 2.43-2.91 s at 0.2. Seeds proven at the root did not
move: seed 1 2.09 s at 0.05, 2.07 s at 0.2; seed 0 1.51 and 1.56 s."""


def periodic_search(
    program: ForceProgram,
    time_limit: float | None,
    cancel: threading.Event | None = None,
    options: tuple[tuple[str, object], ...] = (),
) -> tuple[dict[Cell, int] | None, int]:
    """:func:`periodic_plan` and the nodes HiGHS's tree took (0 or 1: proven at its root);
    `options` are HiGHS options of the search (e.g. :data:`LEAST_COST_OPTIONS`)."""
    with periodic_ties(program) as tied:
        if not tied or (time_limit is not None and time_limit <= 0):
            return None, 0
        session = HighsSession(program.model, cancel)
        for option, value in options:
            session.set_option(option, value)
        outcome = session.run(time_limit)
        nodes = int(session.highs.getInfo().mip_node_count)
    if not outcome.has_plan or outcome.values is None:
        return None, nodes
    return program.allocation(outcome.values), nodes
