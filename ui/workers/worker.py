"""Long work off the GUI thread, one job at a time, with progress and a Cancel that works.

The one worker of the window: solves, analyses and the brief export are jobs
for it. A job is any callable ``job(cancel, progress) -> result``: ``cancel``
is a ``threading.Event`` the job polls, and ``progress(done, total)`` may be
called from the worker thread. Progress, results and errors come back to the
GUI thread through queued signals, tagged with a ticket so a cancelled or
replaced job's late answer is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Progress = Callable[[int, int], None]
Job = Callable[[threading.Event, Progress], Any]


class _Signals(QObject):
    progress = Signal(int, int, int)  # done, total, ticket
    done = Signal(object, int)
    error = Signal(str, int)


class _Task(QRunnable):
    def __init__(self, job: Job, cancel: threading.Event, signals: _Signals, ticket: int) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job, self._cancel, self._signals, self._ticket = job, cancel, signals, ticket

    def run(self) -> None:
        def progress(done: int, total: int) -> None:
            self._signals.progress.emit(int(done), int(total), self._ticket)

        try:
            result = self._job(self._cancel, progress)
        except Exception as exc:  # noqa: BLE001 - reported to the planner, not swallowed
            self._signals.error.emit(str(exc), self._ticket)
        else:
            self._signals.done.emit(result, self._ticket)


class Worker(QObject):
    """Starts, cancels and reports jobs; ``busy`` tells whether one is running.

    ``finished(result)`` also follows a cancel (the job decides what a
    cancelled result holds: a cancelled plan, partial rows, or None);
    ``failed(sentence)`` says that the job raised, after `error_prefix`.
    ``name`` is the running (or last) job's name.
    """

    started = Signal(str)
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self, parent: QObject | None = None, error_prefix: str = "The job stopped with an error"
    ) -> None:
        super().__init__(parent)
        self._error_prefix = error_prefix
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.progress.connect(self._on_progress)
        self._signals.done.connect(self._on_done)
        self._signals.error.connect(self._on_error)
        self._cancel: threading.Event | None = None
        self._ticket = 0
        self.name = ""

    @property
    def busy(self) -> bool:
        return self._cancel is not None

    def start(self, name: str, job: Job) -> bool:
        """Run `job` in the background; False (nothing started) if a job is running."""
        if self.busy:
            return False
        self._ticket += 1
        self._cancel = threading.Event()
        self.name = name
        self._pool.start(_Task(job, self._cancel, self._signals, self._ticket))
        self.started.emit(name)
        return True

    def restart(self, name: str, job: Job) -> None:
        """Run `job` now, cancelling (and forgetting) any job still running.

        The pool runs one task at a time, so the new job starts as soon as the
        cancelled one returns; the old one's answer is dropped by its ticket.
        """
        self.cancel()
        self._cancel = None
        self.start(name, job)

    def cancel(self) -> None:
        """Ask the running job to stop; ``finished`` follows with what the job made of it."""
        if self._cancel is not None:
            self._cancel.set()

    def shutdown(self, wait_ms: int = 30_000) -> None:
        """Cancel and wait for the thread, so no job outlives the window."""
        self.cancel()
        self._pool.waitForDone(wait_ms)

    def _on_progress(self, done: int, total: int, ticket: int) -> None:
        if ticket == self._ticket:
            self.progress.emit(done, total)

    def _on_done(self, result: object, ticket: int) -> None:
        if ticket == self._ticket:
            self._cancel = None
            self.finished.emit(result)

    def _on_error(self, message: str, ticket: int) -> None:
        if ticket == self._ticket:
            self._cancel = None
            self.failed.emit(f"{self._error_prefix}: {message}")
