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
from planner.optimise.deadline import NO_DEADLINE, Deadline

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
    """PuLP's in-process HiGHS with exact gaps and an interrupt for Cancel and the deadline.

    With a `deadline`, HiGHS gets what is left of it when it starts, so the
    time PuLP takes to hand the model over counts against the limit; and its
    interrupt callbacks stop it at the deadline too, because HiGHS checks its
    own time limit only between rounds of root cuts, which on a busy machine
    ran 2.5 times over a 2 s limit. Such a stop reads as the time limit
    (feasible or unknown), a Cancel as ``cancelled``.
    """

    def __init__(
        self, cancel: threading.Event | None, deadline: Deadline = NO_DEADLINE, **kwargs: object
    ) -> None:
        super().__init__(**kwargs)
        self._cancel = cancel
        self._deadline = deadline

    def callSolver(self, lp: pulp.LpProblem) -> None:  # noqa: N802 (PuLP API)
        remaining = self._deadline.remaining()
        if remaining is not None:
            lp.solverModel.setOptionValue("time_limit", remaining)
        super().callSolver(lp)

    def createAndConfigureSolver(self, lp: pulp.LpProblem) -> None:  # noqa: N802 (PuLP API)
        super().createAndConfigureSolver(lp)
        if self._cancel is None and self._deadline.seconds is None:
            return
        cancel, deadline = self._cancel, self._deadline

        def interrupt(event: object) -> None:
            if (cancel is not None and cancel.is_set()) or deadline.expired():
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


def _highs(
    time_limit: float | None, cancel: threading.Event | None, deadline: Deadline = NO_DEADLINE
) -> pulp.LpSolver:
    _silence_banner()
    return _CancellableHiGHS(
        cancel, deadline, msg=False, gapRel=0.0, gapAbs=1e-6, timeLimit=time_limit, threads=1
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


class _DeadlineCBC(pulp.PULP_CBC_CMD):
    """PuLP's CBC whose time limit is read when CBC starts: the MPS writing counts too.

    PuLP reads ``timeLimit`` after writing the model file; the property
    gives what is left of the deadline then, and CBC measures it in elapsed
    (wall) seconds, not CPU seconds, which a busy machine would stretch.
    """

    def __init__(self, deadline: Deadline, **kwargs: object) -> None:
        self._deadline = deadline
        super().__init__(**kwargs)

    @property  # type: ignore[override]
    def timeLimit(self) -> float | None:  # noqa: N802 (PuLP API)
        remaining = self._deadline.remaining()
        return None if remaining is None else max(remaining, 0.01)  # CBC: 0 is no limit

    @timeLimit.setter
    def timeLimit(self, _: float | None) -> None:  # noqa: N802 - PuLP sets it in __init__
        pass


def _cbc(deadline: Deadline) -> pulp.LpSolver:
    cbc_path()
    # CBC 2.10.3 (bundled with PuLP) can return a wrong "optimal" with its
    # preprocessing on (docs/decisions.md has the reproducer), so it is off.
    return _DeadlineCBC(
        deadline,
        msg=False,
        gapRel=0.0,
        gapAbs=1e-6,
        timeMode="elapsed",
        options=["preprocess off"],
    )


def run(
    problem: pulp.LpProblem,
    solver: str = "highs",
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
) -> SolveOutcome:
    """Solve `problem` in place (variable values are set) and classify the outcome.

    `time_limit` starts now: handing the model to the solver counts against it.
    """
    if cancel is not None and cancel.is_set():
        return SolveOutcome("cancelled", 0.0)
    if time_limit is not None and time_limit <= 0:
        return SolveOutcome("unknown", 0.0)
    deadline = Deadline(time_limit)
    backend = _highs(time_limit, cancel, deadline) if solver == "highs" else _cbc(deadline)
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
    if cancel is not None and cancel.is_set():
        return SolveOutcome("cancelled", seconds, bound, gap)
    # the time limit, or the deadline's interrupt (no Cancel: checked above)
    return SolveOutcome("feasible" if has_plan else "unknown", seconds, bound, gap)


def _read_cbc(problem: pulp.LpProblem, seconds: float) -> SolveOutcome:
    if problem.status == pulp.LpStatusInfeasible:
        return SolveOutcome("infeasible", seconds)
    if problem.sol_status == pulp.LpSolutionOptimal:
        return SolveOutcome("optimal", seconds, pulp.value(problem.objective), 0.0)
    if problem.sol_status == pulp.LpSolutionIntegerFeasible:
        return SolveOutcome("feasible", seconds)  # CBC through PuLP reports no bound
    return SolveOutcome("unknown", seconds)
