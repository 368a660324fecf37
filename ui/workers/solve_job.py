"""A solve of the window as a job for :class:`ui.workers.worker.Worker`.

A solve cancelled before it started (replaced while queued by auto-optimise)
returns a cancelled result at once instead of solving.
"""

from __future__ import annotations

import threading

from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from planner.solve import solve
from planner.status import Status
from ui.workers.worker import Job, Progress

WINDOW_TIME_LIMIT = 60.0
"""Seconds a solve started from the window may take: a scenario over areas and periods
(the January 2026 built-in) may need minutes to prove its optimum; after this the window
shows the best plan found with its proven gap (status 'feasible'), and Optimise again
continues from scratch. Exports and analyses use their own limits."""

SOLVE_ERROR = "The solver stopped with an error"


def solve_job(scenario: Scenario, time_limit: float | None = WINDOW_TIME_LIMIT) -> Job:
    """Solve `scenario` (locks included); the result is a ``PlanResult``, cancelled or not."""

    def job(cancel: threading.Event, _progress: Progress) -> PlanResult:
        if cancel.is_set():  # replaced while queued: do not start a solve at all
            return PlanResult(scenario, Status.CANCELLED, scenario.objective)
        return solve(scenario, time_limit=time_limit, cancel=cancel)

    return job
