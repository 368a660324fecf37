"""Run a :class:`~planner.linear.LinearModel` on HiGHS (in process) or CBC.

The outcome is a status the caller inspects, never an exception: a time
limit with a plan in hand is ``feasible`` with the proven gap, a time limit
without one is ``unknown``, and a planner's Cancel is ``cancelled``.

:class:`HighsSession` keeps one HiGHS model alive so that analyses and the
fair-share search change bounds and coefficients between runs instead of
building again. CBC, the fallback, goes through PuLP (imported only then).
"""

from __future__ import annotations

import math
import os
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from planner.linear import LinearModel
from planner.status import Status

SOLVERS = ("highs", "cbc")
MIP_TOLERANCE = 1e-5
"""HiGHS's integrality tolerance (default 1e-6): see HighsSession. Plans are rounded to
whole units, and every figure is computed again from the rounded plan."""
ABS_GAP = 1e-6
"""Absolute optimality gap: objective values are sums of whole troops and costs."""


def meets(worth: float, bound: float) -> bool:
    """Whether a plan worth `worth` is worth no more than `bound` (within the absolute gap and
    float noise at that magnitude): at a proven lower bound it is then optimal."""
    return worth <= bound + ABS_GAP + 1e-9 * max(1.0, abs(bound))


@dataclass(frozen=True)
class SolveOutcome:
    """What a solver said about one model, and the column values when it has a plan."""

    status: Status
    seconds: float
    best_bound: float | None = None
    mip_gap: float | None = None
    values: tuple[float, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", Status(self.status))  # a plain string is accepted

    @property
    def has_plan(self) -> bool:
        return self.status.has_plan


_banner_lock = threading.Lock()
_banner_shown = False


def _quiet_highs():  # type: ignore[no-untyped-def]
    """A new silent ``highspy.Highs``.

    HiGHS prints a licence banner on stdout the first time a model is made;
    that would corrupt ``--json`` output, so the first one is made with file
    descriptor 1 pointed at /dev/null.
    """
    global _banner_shown
    import highspy

    with _banner_lock:
        if not _banner_shown:
            sys.stdout.flush()
            saved = os.dup(1)
            try:
                with open(os.devnull, "w") as null:
                    os.dup2(null.fileno(), 1)
                    highs = highspy.Highs()
            finally:
                os.dup2(saved, 1)
                os.close(saved)
            _banner_shown = True
        else:
            highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    return highs


class HighsSession:
    """One model in one HiGHS instance: change it in place, run it again.

    Every run starts from a cleared solver state, so an answer depends only
    on the model as it stands (and the start given), never on earlier runs.
    Not thread-safe: one session per thread or process.
    """

    def __init__(self, model: LinearModel, cancel: threading.Event | None = None) -> None:
        import highspy
        import numpy as np

        self.model, self.cancel = model, cancel
        self.highs = _quiet_highs()
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = len(model.col_names), len(model.row_names)
        lp.col_cost_ = np.asarray(model.col_cost, dtype=float)
        lp.col_lower_ = np.asarray(model.col_lower, dtype=float)
        lp.col_upper_ = np.asarray(model.col_upper, dtype=float)
        lp.row_lower_ = np.asarray(model.row_lower, dtype=float)
        lp.row_upper_ = np.asarray(model.row_upper, dtype=float)
        lp.offset_ = model.objective_offset
        self._costs = np.array(model.col_cost, dtype=float)  # as changed in place since
        self._offset = model.objective_offset
        starts, indices, values = model.csr()
        matrix = lp.a_matrix_
        matrix.format_ = highspy.MatrixFormat.kRowwise
        matrix.num_col_, matrix.num_row_ = lp.num_col_, lp.num_row_
        matrix.start_ = np.asarray(starts, dtype=np.int32)
        matrix.index_ = np.asarray(indices, dtype=np.int32)
        matrix.value_ = np.asarray(values, dtype=float)
        integer, continuous = highspy.HighsVarType.kInteger, highspy.HighsVarType.kContinuous
        if any(model.col_integer):
            lp.integrality_ = [integer if i else continuous for i in model.col_integer]
        self.highs.passModel(lp)
        for option, value in (
            ("mip_rel_gap", 0.0),
            ("mip_abs_gap", ABS_GAP),
            ("threads", 1),
            ("random_seed", 0),
            # HiGHS rounds its bound up to the objective's step ("integral with scale 0.4")
            # within this tolerance; at 1e-6 a bound of 396,615.000003 (float noise at that
            # magnitude) became 396,617.5 and pruned the true optimum, 396,615, proving a
            # wrong one (benchmarks/generate_s2 18x17x3x8 seed 1, docs/performance.md)
            ("mip_feasibility_tolerance", MIP_TOLERANCE),
        ):
            self.highs.setOptionValue(option, value)
        self._ends_at = math.inf  # the running solve's own deadline (perf_counter)
        self.target: float | None = None
        """Stop as soon as a plan worth no more than this is in hand (a bound known from
        elsewhere, :mod:`planner.optimise.blocks`, makes it optimal); None: run to the end."""

        def interrupt(event: object) -> None:
            # HiGHS checks its own time limit only between rounds of root cuts, which on a
            # busy machine ran far past a short limit; its callbacks come often. The flag is
            # set to the truth every time: HiGHS keeps it across runs (ERGO-Code/HiGHS#1761),
            # so once set it stopped every later run of this model at its first callback.
            stop = (cancel is not None and cancel.is_set()) or time.perf_counter() > self._ends_at
            event.interrupt(stop)  # type: ignore[attr-defined]

        def mip_interrupt(event: object) -> None:
            interrupt(event)
            if self.target is not None:
                found = event.data_out.mip_primal_bound  # type: ignore[attr-defined]
                if self.reaches_target(found):
                    event.interrupt(True)  # type: ignore[attr-defined]

        self.highs.cbSimplexInterrupt += interrupt
        self.highs.cbIpmInterrupt += interrupt
        self.highs.cbMipInterrupt += mip_interrupt

    def reaches_target(self, worth: float) -> bool:
        """Whether a plan of this worth meets :attr:`target` (within the absolute gap)."""
        return self.target is not None and meets(worth, self.target)

    # -- changes in place ---------------------------------------------------------
    def set_col_bounds(self, column: int, lower: float, upper: float) -> None:
        self.highs.changeColBounds(column, lower, upper)

    def set_row_bounds(self, row: int, lower: float, upper: float) -> None:
        self.highs.changeRowBounds(row, lower, upper)

    def set_coeff(self, row: int, column: int, value: float) -> None:
        self.highs.changeCoeff(row, column, value)

    def set_cost(self, column: int, cost: float) -> None:
        self.highs.changeColCost(column, cost)
        self._costs[column] = cost

    def set_objective(self, costs: Sequence[float]) -> None:
        import numpy as np

        indices = np.arange(len(costs), dtype=np.int32)
        self._costs = np.array(costs, dtype=float)
        self.highs.changeColsCost(len(costs), indices, self._costs)

    def set_option(self, name: str, value: object) -> None:
        self.highs.setOptionValue(name, value)

    # -- runs -----------------------------------------------------------------------
    def start_clock(self, time_limit: float | None) -> float:
        """Give the next ``highs.run()`` `time_limit` seconds, enforced by HiGHS and by the
        interrupt callbacks; returns the start time (perf_counter)."""
        self.highs.setOptionValue(
            "time_limit", math.inf if time_limit is None else max(time_limit, 0)
        )
        begin = time.perf_counter()
        self._ends_at = math.inf if time_limit is None else begin + max(time_limit, 0)
        return begin

    def run(
        self, time_limit: float | None = None, start: Sequence[float] | None = None
    ) -> SolveOutcome:
        """Solve the model as it stands; `start` is a full column vector known to be feasible."""

        if self.cancel is not None and self.cancel.is_set():
            return SolveOutcome(Status.CANCELLED, 0.0)
        highs = self.highs
        begin = self.start_clock(time_limit)
        highs.clearSolver()
        self._give_start(start)
        highs.run()
        outcome = self.outcome(time.perf_counter() - begin)
        if outcome.status == Status.OPTIMAL and not self._proof_holds(outcome):
            outcome = self._run_without_presolve(begin, start)
        self._ends_at = math.inf
        if (
            self.target is not None
            and outcome.status == Status.FEASIBLE
            and outcome.values is not None
        ):
            # stopped at a plan that meets the target (a proven bound), or by the time limit
            outcome = optimal_at(self.worth(outcome.values), self.target, outcome) or outcome
        return outcome

    def relaxation(self, time_limit: float | None, warm: bool = True) -> float:
        """The LP relaxation's optimum of the model as it stands: inf when it has no
        solution, -inf when it was not settled (stopped): a bound is claimed only when proven.

        `warm` keeps the last basis (a few bounds or coefficients changed since: dual simplex
        restarts from nearly optimal); False starts from a cleared solver state. Any MIP
        cut-off or target left from an earlier run is lifted first."""
        import highspy

        highs = self.highs
        highs.setOptionValue("solve_relaxation", True)
        highs.setOptionValue("objective_bound", math.inf)
        highs.setOptionValue("objective_target", -math.inf)
        self.start_clock(time_limit)
        try:
            if not warm:
                highs.clearSolver()
            highs.run()
        finally:
            highs.setOptionValue("solve_relaxation", False)
            self._ends_at = math.inf
        statuses = highspy.HighsModelStatus
        status = highs.getModelStatus()
        if status in (statuses.kInfeasible, statuses.kUnboundedOrInfeasible):
            return math.inf
        if status != statuses.kOptimal:
            return -math.inf
        return float(highs.getInfo().objective_function_value)

    def _give_start(self, start: Sequence[float] | None) -> None:
        """Hand HiGHS `start` (a full column vector) as the next run's first plan."""
        import highspy

        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = list(start)
            solution.value_valid = True
            self.highs.setSolution(solution)

    def _proof_holds(self, outcome: SolveOutcome) -> bool:
        """Whether the plan HiGHS calls optimal is worth, on the model as passed, no more
        than the bound it proved.

        HiGHS 1.16's presolve can value a plan differently in its reduced space from the
        model (measured: a start worth 396,660 valued 396,592.5 there, then 'optimal' at
        that figure while a plan of 396,620 existed), so its claim is checked on the
        model's own costs (MIP only: an LP's objective is HiGHS's own sum).
        """
        if outcome.values is None or outcome.best_bound is None:
            return True
        if not any(self.model.col_integer):
            return True
        bound = outcome.best_bound
        return self.worth(outcome.values) <= bound + ABS_GAP + 1e-9 * max(1.0, abs(bound))

    def worth(self, values: Sequence[float]) -> float:
        """The objective of `values` on the model's costs as they stand."""
        import numpy as np

        return float(np.dot(self._costs, np.asarray(values, dtype=float))) + self._offset

    def _run_without_presolve(self, begin: float, start: Sequence[float] | None) -> SolveOutcome:
        """The same run again in the time left, presolve off (see :meth:`_proof_holds`); a
        plan whose proof still fails is only feasible, with the gap measured on the model."""

        highs = self.highs
        left = self._ends_at - time.perf_counter()
        if left > 0:
            highs.setOptionValue("time_limit", left if math.isfinite(left) else math.inf)
            highs.setOptionValue("presolve", "off")
            highs.clearSolver()
            self._give_start(start)
            try:
                highs.run()
            finally:
                highs.setOptionValue("presolve", "choose")
        outcome = self.outcome(time.perf_counter() - begin)
        if outcome.status != Status.OPTIMAL or self._proof_holds(outcome):
            return outcome
        assert outcome.values is not None and outcome.best_bound is not None
        worth = self.worth(outcome.values)
        gap = (worth - outcome.best_bound) / max(1e-9, abs(worth))
        return SolveOutcome(
            Status.FEASIBLE, outcome.seconds, outcome.best_bound, gap, outcome.values
        )

    def outcome(self, seconds: float) -> SolveOutcome:
        """Classify the last run: a status, the proven bound and gap, the values if a plan."""
        import highspy

        highs = self.highs
        model_status = highs.getModelStatus()
        info = highs.getInfo()
        has_plan = highs_has_plan(highs)
        statuses = highspy.HighsModelStatus
        mip = any(self.model.col_integer)
        bound = info.mip_dual_bound if mip else info.objective_function_value
        bound = bound if has_plan and math.isfinite(bound) else None
        gap = info.mip_gap if mip else 0.0
        gap = gap if has_plan and math.isfinite(gap) else None
        values = tuple(highs.getSolution().col_value) if has_plan else None
        if model_status == statuses.kOptimal:
            return SolveOutcome(Status.OPTIMAL, seconds, bound, gap, values)
        if model_status in (statuses.kInfeasible, statuses.kUnboundedOrInfeasible):
            return SolveOutcome(Status.INFEASIBLE, seconds)
        if self.cancel is not None and self.cancel.is_set():
            return SolveOutcome(Status.CANCELLED, seconds, bound, gap, values)
        # otherwise an interrupt is the time limit (see `interrupt`): feasible or unknown
        status = Status.FEASIBLE if has_plan else Status.UNKNOWN
        return SolveOutcome(status, seconds, bound, gap, values)


def optimal_at(worth: float, bound: float, outcome: SolveOutcome) -> SolveOutcome | None:
    """`outcome`'s plan, worth `worth`, as the optimum when it meets `bound`, a lower bound of
    every plan proven elsewhere (:mod:`planner.optimise.blocks`); None when it is worth more."""
    if not meets(worth, bound):
        return None
    low = min(bound, worth)  # float noise above the plan's worth says nothing
    gap = (worth - low) / max(1e-9, abs(worth))
    return SolveOutcome(Status.OPTIMAL, outcome.seconds, low, gap, outcome.values)


def highs_has_plan(highs: object) -> bool:
    """Whether a HiGHS model holds a feasible solution after its last run."""
    import highspy

    status = highs.getInfo().primal_solution_status  # type: ignore[attr-defined]
    return int(status) == int(highspy.SolutionStatus.kSolutionStatusFeasible)


def solve_model(
    model: LinearModel,
    solver: str = "highs",
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
    start: Sequence[float] | None = None,
    target: float | None = None,
) -> SolveOutcome:
    """Solve `model` once on the named solver; on HiGHS a `target` (a lower bound proven
    elsewhere) stops the search at the first plan that meets it, which is then optimal."""
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver {solver!r}; choose from {', '.join(SOLVERS)}")
    if cancel is not None and cancel.is_set():
        return SolveOutcome(Status.CANCELLED, 0.0)
    if time_limit is not None and time_limit <= 0:
        return SolveOutcome(Status.UNKNOWN, 0.0)
    if solver == "highs":
        session = HighsSession(model, cancel)
        session.target = target
        return session.run(time_limit, start)
    from planner.optimise import cbc

    return cbc.solve(model, time_limit)


def cbc_path() -> str:
    """PuLP's bundled CBC binary, made executable if a copy lost its execute bit."""
    from planner.optimise import cbc

    return cbc.binary_path()
