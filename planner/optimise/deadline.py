"""One time limit for a whole solve: building, searching and explaining.

A planner's ``--time-limit`` is how long they wait, so every step takes its
time from one deadline instead of getting the full limit afresh, and
building a program checks the deadline as it goes (building a big scenario
can take longer than a short limit).
"""

from __future__ import annotations

import time


class OutOfTime(Exception):
    """The time limit ran out before the work in hand was done; its text says what that was."""


class Deadline:
    """The end of a time limit started now; ``Deadline(None)`` never ends."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._end = None if seconds is None else time.perf_counter() + seconds

    def remaining(self) -> float | None:
        """Seconds left (never negative), or None for no limit."""
        return None if self._end is None else max(self._end - time.perf_counter(), 0.0)

    def expired(self) -> bool:
        return self._end is not None and time.perf_counter() >= self._end

    def check(self, doing: str = "building the integer program") -> None:
        """Raise :class:`OutOfTime` (saying what was being done) once the deadline has passed."""
        if self.expired():
            raise OutOfTime(doing)


NO_DEADLINE = Deadline(None)
