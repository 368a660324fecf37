"""Worker processes for an analysis: spawned when asked, stopped with it, its Cancel or its
parent.

Spawned, not forked: the GUI runs analyses beside Qt's threads. Each worker
ignores Ctrl-C (the parent's: it cancels the run) and ends when its parent is
gone, then runs the analysis's own initializer (its model, built once).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any


class Workers:
    """A pool of worker processes, started on demand; answers wait on the caller's Cancel."""

    def __init__(self, cancel: threading.Event | None) -> None:
        self.cancel = cancel
        self.pool: ProcessPoolExecutor | None = None

    @property
    def started(self) -> bool:
        return self.pool is not None

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def start(self, count: int, initializer: Callable[..., None], initargs: tuple) -> None:
        """`count` workers, each running `initializer(*initargs)` once (module-level, picklable)."""
        self.pool = ProcessPoolExecutor(
            count,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_begin,
            initargs=(initializer, initargs),
        )

    def submit(self, job: Callable[..., Any], *args: Any) -> Future[Any]:
        assert self.pool is not None
        return self.pool.submit(job, *args)

    def wait(self, future: Future[Any]) -> Any | None:
        """The answer of a job sent to a worker; None when cancelled first."""
        while not future.done():
            if self.cancelled:
                self.close(cancel=True)
                return None
            try:
                future.result(timeout=0.1)
            except TimeoutError:
                continue
        return future.result()

    def close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=not cancel, cancel_futures=True)
            self.pool = None


def _begin(initializer: Callable[..., None], initargs: tuple) -> None:
    """What every worker does first (in the worker process)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it cancels the run
    parent = multiprocessing.parent_process()
    if parent is not None and parent.sentinel is not None:
        exit_with_parent(parent.sentinel)
    initializer(*initargs)


def exit_with_parent(sentinel: int, leave: Callable[[int], object] = os._exit) -> threading.Thread:
    """End this worker when its parent has gone (`sentinel` becomes ready): `leave(0)`.

    A parent killed outright (SIGKILL, e.g. a benchmark's time limit, or the
    app killed) never shuts its pool down, and a spawned worker waiting for
    its next job then waited for ever: measured, a worker of a killed
    `analyse odds` was still there 10 minutes later, holding the parent's
    stdout open. The watcher is a daemon thread; it costs nothing until then.
    """

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        leave(0)

    watcher = threading.Thread(target=watch, name="exit-with-parent", daemon=True)
    watcher.start()
    return watcher
