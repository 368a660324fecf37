"""A plan proven at the whole program's root: HiGHS's root with the plan in hand, no search.

Over several periods least cost is a primal problem: HiGHS's root bound of the whole
program is the optimum on every generated 18 x 17 x 3 x 8 seed and the 40 x 24 x 3 x 8 seed 0
measured (docs/decisions.md, "periods2s"), but only once it holds a plan at that optimum does
the root finish at once (reduced-cost fixing against the plan, then a cut round: 0.10-0.15 s
on 18 x 17, 0.35 s on 40 x 24). From a dearer plan the same root runs its cut rounds to the
end (0.45-0.9 s) and its bound is still valid.

:func:`attempt` runs that root (one node, every primal heuristic off: it only bounds) from a
plan and says whether the plan is optimal, and otherwise the root's dual bound: a lower bound
of every plan of the program, the same trust as HiGHS's own "optimal" and the blocks' bound
(:mod:`planner.optimise.blocks`). The run is cut once it has gone on :data:`STALL_FACTOR`
times as long as it took to reach its first bound (a plan at the optimum is proven within
about twice that; a dearer one goes on for 2-5 times): its bound at the cut is still valid.

HiGHS 1.16's presolve can value a start differently in its reduced space (see
:meth:`planner.optimise.solver.HighsSession._proof_holds`; generated seed 1's periodic plan:
valued 396,592.5 though worth 396,660, then "optimal"). Such a run proves nothing and its
bound is not used: the plan and bound HiGHS reports must agree with the model's own costs.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from planner.linear import LinearModel
from planner.optimise.solver import HighsSession, SolveOutcome, meets, optimal_at
from planner.status import Status

ROOT_OPTIONS: tuple[tuple[str, object], ...] = (
    ("mip_max_nodes", 1),
    ("mip_heuristic_effort", 0.0),
    ("mip_heuristic_run_rins", False),
    ("mip_heuristic_run_rens", False),
    ("mip_heuristic_run_root_reduced_cost", False),
    ("mip_heuristic_run_feasibility_jump", False),
)
"""The root only, and no plan search (the plan is given; only the bound is wanted)."""

STALL_FACTOR = 3.0
"""The root is cut after this many times the seconds it took to reach its first finite
bound (measured: proven within 1.0-2.1 times on generated seeds, from dearer plans 2.0-5.4)."""

STALL_FLOOR = 0.05
"""Seconds the root may always take, whatever its first bound's time."""


@dataclass(frozen=True)
class RootProof:
    """What the root said of one plan: `proven` (the plan is optimal, `outcome` says so with
    its bound), else `bound` (a valid lower bound of every plan, or None)."""

    proven: SolveOutcome | None
    bound: float | None


def attempt(
    model: LinearModel,
    start: Sequence[float],
    time_limit: float | None,
    cancel: threading.Event | None = None,
) -> RootProof:
    """The whole program's root from `start` (a plan of `model`): see the module docstring."""
    if (time_limit is not None and time_limit <= 0) or (cancel is not None and cancel.is_set()):
        return RootProof(None, None)
    session = HighsSession(model, cancel)
    for option, value in ROOT_OPTIONS:
        session.set_option(option, value)
    clock = {"begin": time.perf_counter(), "first": math.inf}

    def stall(event: object) -> None:
        now = time.perf_counter() - clock["begin"]
        bound = event.data_out.mip_dual_bound  # type: ignore[attr-defined]
        if clock["first"] == math.inf and math.isfinite(bound):
            clock["first"] = now
        if now > max(STALL_FLOOR, STALL_FACTOR * clock["first"]):
            event.interrupt(True)  # type: ignore[attr-defined]

    session.highs.cbMipInterrupt += stall
    clock["begin"] = session.start_clock(time_limit)
    highs = session.highs
    highs.clearSolver()
    session._give_start(start)
    highs.run()
    outcome = session.outcome(time.perf_counter() - clock["begin"])
    if outcome.values is None or outcome.best_bound is None:
        return RootProof(None, None)
    found = session.worth(outcome.values)
    reported = float(highs.getInfo().objective_function_value)
    if not meets(found, reported) or not meets(reported, found):
        return RootProof(None, None)  # presolve valued the plan otherwise: nothing proven
    bound = min(outcome.best_bound, found)
    if not math.isfinite(bound) or outcome.status not in (Status.OPTIMAL, Status.FEASIBLE):
        return RootProof(None, None)
    plan = SolveOutcome(Status.FEASIBLE, outcome.seconds, values=outcome.values)
    return RootProof(optimal_at(found, bound, plan), bound)
