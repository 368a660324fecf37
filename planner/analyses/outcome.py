"""What a solver status proves about a question: no plan, or nothing yet (a time limit)."""

from __future__ import annotations

NO_PLAN = ("infeasible", "invalid")
"""Statuses that prove no plan exists."""


class Outcome:
    """For results with a solver `status`: is "no plan" proved, or did a time limit leave it open?

    A time limit's "no plan found" (``unknown``) must never read as "no plan
    exists": a withdrawal row or a sensitivity variant that is undecided
    does not break the force.
    """

    status: str

    @property
    def breaks(self) -> bool:
        """No plan exists: proved, not a time limit's guess."""
        return self.status in NO_PLAN

    @property
    def undecided(self) -> bool:
        """A time limit ended the solve before a plan was found or ruled out."""
        return self.status == "unknown"
