"""Progress on a terminal for the long commands (`brief`, `analyse ...`; issue 19, item 7).

One line on standard error, rewritten in place with a carriage return and
cleared when the command ends: what is being done (which analysis, the n-th
of how many), the work done of the total the analysis reports, and the time
elapsed. It appears only when standard error is a terminal and the command
prints no JSON, so piped, redirected and ``--json`` output never carries it.
A small thread refreshes the elapsed time once a second, so a long solve
that reports no work still shows that it is alive.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

PROG = "force-planner"
TICK = 1.0
"""Seconds between redraws when no work is reported (the elapsed time moves on)."""
MIN_REDRAW = 0.1
"""Seconds at least between redraws for reported work: a fast analysis does not flood."""
WIDTH = 79
"""Longest line drawn: wider lines wrap on a narrow terminal and \\r no longer rewrites them."""


def shows_progress(stream: TextIO | None = None, json_output: bool = False) -> bool:
    """Whether progress belongs on `stream` (standard error): a terminal, and no JSON."""
    stream = sys.stderr if stream is None else stream
    if json_output:
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # closed or replaced by an odd object
        return False


def elapsed_text(seconds: float) -> str:
    """'7 s', '2 min 05 s', '1 h 02 min'."""
    whole = int(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class Meter:
    """A progress line: ``stage(text)`` says what runs, ``meter(done, total)`` how far it is.

    Callable from any thread (the analyses report from their workers). When
    not `enabled` every call does nothing, so callers need not test.
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        enabled: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.enabled = enabled
        self.clock = clock
        self.started = clock()
        self.what = ""
        self.work: tuple[int, int] | None = None
        self._lock = threading.Lock()
        self._drawn = 0  # characters on the line now
        self._last = float("-inf")
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    # -- what callers say ----------------------------------------------------------
    def stage(self, what: str) -> None:
        """A new step ('solving', 'analysis 2 of 6: if one nation pulls out'); no work yet."""
        with self._lock:
            self.what, self.work = what, None
            self._draw(force=True)

    def __call__(self, done: int, total: int) -> None:
        """Work done of `total` in the current step (the analyses' ``progress``)."""
        with self._lock:
            self.work = (done, total)
            self._draw(force=done >= total)

    # -- the line ------------------------------------------------------------------
    def line(self) -> str:
        """'force-planner: WHAT, 3 of 10 done, 12 s'; a long WHAT is cut, never the figures."""
        head = f"{PROG}: {self.what}" if self.what else PROG
        tail = []
        if self.work is not None and self.work[1] > 0:
            done, total = self.work
            tail.append(f"{min(done, total):,} of {total:,} done")
        tail.append(elapsed_text(self.clock() - self.started))
        end = ", " + ", ".join(tail)
        room = WIDTH - len(end)
        if len(head) > room:
            head = head[: room - 1] + "…"
        return head + end

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if not force and now - self._last < MIN_REDRAW:
            return
        self._last = now
        text = self.line()
        pad = " " * max(0, self._drawn - len(text))
        self._write("\r" + text + pad)
        self._drawn = len(text)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: progress is not worth an error
            self.enabled = False

    def clear(self) -> None:
        """Blank the line and put the cursor back at its start (nothing is left behind)."""
        with self._lock:
            if self.enabled and self._drawn:
                self._write("\r" + " " * self._drawn + "\r")
            self._drawn = 0

    # -- the ticker ----------------------------------------------------------------
    def start(self) -> None:
        if not self.enabled or self._ticker is not None:
            return
        self._ticker = threading.Thread(target=self._tick, name="cli-progress", daemon=True)
        self._ticker.start()

    def stop(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
            self._ticker = None
        self.clear()

    def _tick(self) -> None:
        while not self._stop.wait(TICK):
            with self._lock:
                self._draw(force=True)


@contextmanager
def terminal_progress(json_output: bool = False, stream: TextIO | None = None) -> Iterator[Meter]:
    """A :class:`Meter` drawing on standard error when it is a terminal; cleared at the end."""
    stream = sys.stderr if stream is None else stream
    meter = Meter(stream, enabled=shows_progress(stream, json_output))
    meter.start()
    try:
        yield meter
    finally:
        meter.stop()


@contextmanager
def analysis_progress(name: str, json_output: bool = False) -> Iterator[Meter]:
    """The progress line of `force-planner analyse NAME`: its title, work done, elapsed."""
    from planner.analyses.registry import ANALYSES

    title = ANALYSES[name].title
    with terminal_progress(json_output) as meter:
        meter.stage(f"{title[:1].lower()}{title[1:]}")
        yield meter
