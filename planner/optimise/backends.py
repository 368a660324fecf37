"""Run a built program on HiGHS (in process) or CBC and say what came back.

The outcome is a status the caller inspects, never an exception: a time
limit with a plan in hand is ``feasible`` with the proven gap, a time limit
without one is ``unknown``, and a planner's Cancel is ``cancelled``.
"""

from __future__ import annotations

import math
import os
import sys
import threading
import time
from dataclasses import dataclass

import pulp

from planner.errors import PlannerError

SOLVERS = ("highs", "cbc")


@dataclass(frozen=True)
class SolveOutcome:
    """What a solver said about one program."""

    status: str  # optimal | feasible | infeasible | unknown | cancelled
    seconds: float
    best_bound: float | None = None
    mip_gap: float | None = None

    @property
    def has_plan(self) -> bool:
        return self.status in ("optimal", "feasible")


class _CancellableHiGHS(pulp.HiGHS):
    """PuLP's in-process HiGHS with exact gaps and an interrupt for Cancel."""

    def __init__(self, cancel: threading.Event | None, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._cancel = cancel

    def createAndConfigureSolver(self, lp: pulp.LpProblem) -> None:  # noqa: N802 (PuLP API)
        super().createAndConfigureSolver(lp)
        if self._cancel is not None:
            cancel = self._cancel

            def interrupt(event: object) -> None:
                if cancel.is_set():
                    event.interrupt()  # type: ignore[attr-defined]

            lp.solverModel.cbSimplexInterrupt += interrupt
            lp.solverModel.cbIpmInterrupt += interrupt
            lp.solverModel.cbMipInterrupt += interrupt


_banner_lock = threading.Lock()
_banner_shown = False


def _silence_banner() -> None:
    """HiGHS prints a licence banner on stdout the first time a model is made.

    That would corrupt ``--json`` output, so make the first model with file
    descriptor 1 pointed at /dev/null; later models print nothing.
    """
    global _banner_shown
    with _banner_lock:
        if _banner_shown:
            return
        import highspy

        sys.stdout.flush()
        saved = os.dup(1)
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        _banner_shown = True


def _highs(time_limit: float | None, cancel: threading.Event | None) -> pulp.LpSolver:
    _silence_banner()
    return _CancellableHiGHS(
        cancel, msg=False, gapRel=0.0, gapAbs=1e-6, timeLimit=time_limit, threads=1
    )


def cbc_path() -> str:
    """PuLP's bundled CBC binary, made executable if a copy lost its execute bit.

    PuLP looks for CBC beside its own package files (in a PyInstaller bundle:
    ``_internal/pulp/solverdir``). Copies and PyInstaller data files can drop
    the mode bits, and PuLP's own fix leaves the file unreadable to others,
    so give read and execute back to everyone where the file system allows.
    """
    raw = pulp.PULP_CBC_CMD.pulp_cbc_path  # PuLP runs it through pulp/apis/..
    path = os.path.normpath(raw)
    if not os.path.isfile(raw):
        raise PlannerError(
            f"CBC solver binary not found at {raw}; reinstall PuLP or rebuild the bundle"
        )
    mode = os.stat(path).st_mode
    if os.name != "nt" and mode | 0o555 != mode:
        try:
            os.chmod(path, mode | 0o555)
        except OSError as exc:
            if not os.access(path, os.X_OK):
                raise PlannerError(
                    f"CBC solver binary {path} is not executable and cannot be made so "
                    f"({exc.strerror}); run 'chmod +x {path}'"
                ) from None
    pulp.PULP_CBC_CMD._permissions_ok = True  # PuLP judged it once, at import
    return path


def _cbc(time_limit: float | None) -> pulp.LpSolver:
    cbc_path()
    # CBC 2.10.3 (bundled with PuLP) can return a wrong "optimal" with its
    # preprocessing on (docs/decisions.md has the reproducer), so it is off.
    return pulp.PULP_CBC_CMD(
        msg=False, gapRel=0.0, gapAbs=1e-6, timeLimit=time_limit, options=["preprocess off"]
    )


def run(
    problem: pulp.LpProblem,
    solver: str = "highs",
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
) -> SolveOutcome:
    """Solve `problem` in place (variable values are set) and classify the outcome."""
    if cancel is not None and cancel.is_set():
        return SolveOutcome("cancelled", 0.0)
    backend = _highs(time_limit, cancel) if solver == "highs" else _cbc(time_limit)
    start = time.perf_counter()
    problem.solve(backend)
    seconds = time.perf_counter() - start
    if solver == "highs":
        return _read_highs(problem, seconds, cancel)
    return _read_cbc(problem, seconds)


def highs_has_plan(highs: object) -> bool:
    """Whether a HiGHS model holds a feasible solution after its last run."""
    import highspy

    status = highs.getInfo().primal_solution_status  # type: ignore[attr-defined]
    return int(status) == int(highspy.SolutionStatus.kSolutionStatusFeasible)


def _read_highs(
    problem: pulp.LpProblem, seconds: float, cancel: threading.Event | None
) -> SolveOutcome:
    import highspy

    highs = problem.solverModel
    model_status = highs.getModelStatus()
    info = highs.getInfo()
    has_plan = highs_has_plan(highs)
    bound = info.mip_dual_bound if math.isfinite(info.mip_dual_bound) else None
    gap = info.mip_gap if math.isfinite(info.mip_gap) else None
    statuses = highspy.HighsModelStatus
    if model_status == statuses.kOptimal:
        return SolveOutcome("optimal", seconds, bound, gap)
    if model_status in (statuses.kInfeasible, statuses.kUnboundedOrInfeasible):
        return SolveOutcome("infeasible", seconds)
    if model_status == statuses.kInterrupt or (cancel is not None and cancel.is_set()):
        return SolveOutcome("cancelled", seconds, bound, gap)
    return SolveOutcome("feasible" if has_plan else "unknown", seconds, bound, gap)


def _read_cbc(problem: pulp.LpProblem, seconds: float) -> SolveOutcome:
    if problem.status == pulp.LpStatusInfeasible:
        return SolveOutcome("infeasible", seconds)
    if problem.sol_status == pulp.LpSolutionOptimal:
        return SolveOutcome("optimal", seconds, pulp.value(problem.objective), 0.0)
    if problem.sol_status == pulp.LpSolutionIntegerFeasible:
        return SolveOutcome("feasible", seconds)  # CBC through PuLP reports no bound
    return SolveOutcome("unknown", seconds)
