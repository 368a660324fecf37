"""A lower bound over periods from blocks of periods solved apart: a proof without the tree.

Least cost sums each period's cost, and every row of the program but a few
(rotation windows that cross from one block of periods into the next, and a
nation's taking part, which sums all periods) lies inside one period or one
run of consecutive periods. Cut the horizon into blocks; drop every row that
reaches outside a block; what is left of each block is a program of its own
(its periods' columns and the nations' y), and any plan of the scenario,
restricted to a block, is a plan of it. So the sum over blocks of a lower bound
of each block's least cost is a lower bound of the scenario's: a relaxation,
nothing assumed.

The blocks are the build-up with the first rotation cycle (periods 1 to
``full_from - 1 + r``, r the longest cycle), then one cycle at a time. HiGHS's root
bound of such a block is strong where the whole program's is weak: measured on
the 2026-01 Paris default (3 quarters of rotation, 8 quarters, merged areas) the
whole program's root bound was 97,411 and its optimum 97,444 took a tree of
about 2,000 nodes; the blocks 1-5 and 6-8 have root bounds 54,420 and 43,024,
which sum to the optimum (about 3 cpu s). A plan worth no more than that sum is
optimal with no tree at all; the periodic start (:mod:`planner.optimise.periodic`)
stops as soon as it finds one.

Blocks whose programs are the same (full periods with the same locks) are
bounded once.
"""

from __future__ import annotations

import math
import threading
import time

from planner.linear import LinearModel
from planner.optimise.program import ForceProgram
from planner.optimise.solver import HighsSession

ROOT_OPTIONS = (("mip_max_nodes", 1), ("mip_heuristic_effort", 0.0))
"""A block is bounded at its root only: its cuts, no tree and no plan search."""


def blocks(program: ForceProgram) -> list[tuple[int, ...]]:
    """The periods cut into blocks: build-up and first cycle, then one cycle at a time."""
    scenario = program.scenario
    periods = list(scenario.periods.all)
    cycle = max([1, *(scenario.rotation_of(n) for n in scenario.nations)])
    first = min(len(periods), scenario.periods.full_from - 1 + cycle)
    out = [tuple(periods[:first])]
    for start in range(first, len(periods), cycle):
        out.append(tuple(periods[start : start + cycle]))
    return [b for b in out if b]


def block_model(
    program: ForceProgram, periods: tuple[int, ...], period_of: dict[int, int]
) -> LinearModel | None:
    """The block's program: its periods' columns and every column of no period (y), the
    rows that lie inside them; None when a column of no period has a cost (the objective
    then does not split over periods)."""
    model = program.model
    wanted = set(periods)
    keep = [
        c
        for c in range(len(model.col_names))
        if period_of.get(c, 0) in wanted or c not in period_of
    ]
    new = {c: i for i, c in enumerate(keep)}
    block = LinearModel(f"{model.name}.block{periods[0]}")
    for c in keep:
        if c not in period_of and model.col_cost[c] != 0.0:
            return None
        index = block.column(
            model.col_names[c], model.col_lower[c], model.col_upper[c], model.col_integer[c]
        )
        block.col_cost[index] = model.col_cost[c]
    for r, entries in enumerate(model.row_entries):
        if all(c in new for c in entries):
            name = model.row_names[r]
            block.rows[name] = len(block.row_names)
            block.row_names.append(name)
            block.row_lower.append(model.row_lower[r])
            block.row_upper.append(model.row_upper[r])
            block.row_entries.append({new[c]: v for c, v in entries.items()})
    return block


def _signature(block: LinearModel) -> tuple:
    """The block's program without names: two blocks alike have the same bound."""
    return (
        tuple(block.col_lower),
        tuple(block.col_upper),
        tuple(block.col_integer),
        tuple(block.col_cost),
        tuple(block.row_lower),
        tuple(block.row_upper),
        tuple(tuple(sorted(e.items())) for e in block.row_entries),
    )


def lower_bound(
    program: ForceProgram,
    time_limit: float | None,
    cancel: threading.Event | None = None,
) -> float | None:
    """A proven lower bound of the program's objective from its blocks (module docstring),
    or None: one block only, an objective that does not split over periods, a block
    without a bound in `time_limit`, or a cancel."""
    cuts = blocks(program)
    if len(cuts) < 2 or not any(program.model.col_integer):
        return None
    if program.model.objective_offset != 0.0:
        return None  # a constant would be counted once per block
    period_of = program.period_of()
    seen: dict[tuple, float] = {}
    total = 0.0
    ends = math.inf if time_limit is None else time_limit
    begin = time.perf_counter()
    for periods in cuts:
        block = block_model(program, periods, period_of)
        if block is None:
            return None
        key = _signature(block)
        if key not in seen:
            left = ends - (time.perf_counter() - begin)
            if left <= 0 or (cancel is not None and cancel.is_set()):
                return None
            bound = _root_bound(block, left, cancel)
            if bound is None:
                return None
            seen[key] = bound
        total += seen[key]
    return total


def _root_bound(
    block: LinearModel, time_limit: float, cancel: threading.Event | None
) -> float | None:
    """HiGHS's dual bound of `block` after its root (None if none, or infeasible)."""
    session = HighsSession(block, cancel)
    for option, value in ROOT_OPTIONS:
        session.set_option(option, value)
    session.start_clock(time_limit)
    highs = session.highs
    highs.clearSolver()
    highs.run()
    bound = highs.getInfo().mip_dual_bound
    import highspy

    status = highs.getModelStatus()
    if status in (
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    ):
        return None
    return bound if math.isfinite(bound) else None
