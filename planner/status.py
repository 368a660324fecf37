"""What a solve ended with: one enum shared by solver runs, results and analyses.

A StrEnum, so ``Status.OPTIMAL == "optimal"`` and the JSON documents keep
their plain strings (spec section 4).
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    OPTIMAL = "optimal"
    """The best plan, proven."""
    FEASIBLE = "feasible"
    """A plan, with a time limit stopping the proof (the gap is given)."""
    INFEASIBLE = "infeasible"
    """No plan meets every rule; the explanation says why."""
    INVALID = "invalid"
    """A committed nation's own statements cannot hold."""
    UNKNOWN = "unknown"
    """A time limit ended the search before any plan was found."""
    CANCELLED = "cancelled"
    """The planner pressed Cancel."""

    @property
    def has_plan(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)

    @property
    def settled(self) -> bool:
        """The solver decided the question (a plan proven best, or none exists)."""
        return self in (Status.OPTIMAL, Status.INFEASIBLE, Status.INVALID)


EXIT_CODES = {
    Status.OPTIMAL: 0,
    Status.FEASIBLE: 0,
    Status.INFEASIBLE: 2,
    Status.INVALID: 1,
    Status.UNKNOWN: 3,
    Status.CANCELLED: 3,
}
"""Command-line exit code of each status (README, spec section 5)."""
