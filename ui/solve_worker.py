"""Run ``planner.solve.solve`` off the GUI thread, with a Cancel that really stops it.

``restart`` replaces a running solve by a new one (auto-optimise).

One solve at a time on a private ``QThreadPool``; ``finished`` carries the
``PlanResult`` (status ``cancelled`` after a Cancel) back to the GUI thread
through a queued signal. ``failed`` carries a sentence if the core raised.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from planner.solve import solve
from planner.status import Status


class _Signals(QObject):
    done = Signal(object, int)
    error = Signal(str, int)


class _SolveTask(QRunnable):
    def __init__(
        self,
        scenario: Scenario,
        cancel: threading.Event,
        signals: _Signals,
        ticket: int,
        time_limit: float | None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._scenario, self._cancel, self._signals = scenario, cancel, signals
        self._ticket, self._time_limit = ticket, time_limit

    def run(self) -> None:
        if self._cancel.is_set():  # replaced while queued: do not start a solve at all
            skipped = PlanResult(self._scenario, Status.CANCELLED, self._scenario.objective)
            self._signals.done.emit(skipped, self._ticket)
            return
        try:
            result = solve(self._scenario, time_limit=self._time_limit, cancel=self._cancel)
        except Exception as exc:  # noqa: BLE001 - reported to the planner, not swallowed
            self._signals.error.emit(f"The solver stopped with an error: {exc}", self._ticket)
        else:
            self._signals.done.emit(result, self._ticket)


WINDOW_TIME_LIMIT = 60.0
"""Seconds a solve started from the window may take: a scenario over areas and periods
(the January 2026 built-in) may need minutes to prove its optimum; after this the window
shows the best plan found with its proven gap (status 'feasible'), and Optimise again
continues from scratch. Exports and analyses use their own limits."""


class SolveWorker(QObject):
    """Starts, cancels and reports solves; ``busy`` tells whether one is running."""

    started = Signal()
    finished = Signal(object)  # PlanResult
    failed = Signal(str)

    def __init__(
        self, parent: QObject | None = None, time_limit: float | None = WINDOW_TIME_LIMIT
    ) -> None:
        super().__init__(parent)
        self.time_limit = time_limit
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.error.connect(self._on_error)
        self._cancel: threading.Event | None = None
        self._ticket = 0

    @property
    def busy(self) -> bool:
        return self._cancel is not None

    def start(self, scenario: Scenario) -> bool:
        """Solve `scenario` in the background; False (and nothing done) if one is running."""
        if self.busy:
            return False
        self._ticket += 1
        self._cancel = threading.Event()
        self._pool.start(
            _SolveTask(scenario, self._cancel, self._signals, self._ticket, self.time_limit)
        )
        self.started.emit()
        return True

    def restart(self, scenario: Scenario) -> None:
        """Solve `scenario` now, cancelling (and forgetting) any solve still running.

        The pool runs one task at a time, so the new solve starts as soon as the
        cancelled one returns; the old one's answer is dropped by its ticket.
        """
        self.cancel()
        self._cancel = None
        self.start(scenario)

    def cancel(self) -> None:
        """Ask the running solve to stop; ``finished`` follows with status ``cancelled``."""
        if self._cancel is not None:
            self._cancel.set()

    def shutdown(self, wait_ms: int = 30_000) -> None:
        """Cancel and wait for the thread, so nothing outlives the window."""
        self.cancel()
        self._pool.waitForDone(wait_ms)

    def _on_done(self, result: object, ticket: int) -> None:
        if ticket == self._ticket:
            self._cancel = None
            self.finished.emit(result)

    def _on_error(self, message: str, ticket: int) -> None:
        if ticket == self._ticket:
            self._cancel = None
            self.failed.emit(message)
