"""A solve from a known plan that never hands back that plan in place of a better one.

Measured with highspy 1.16 on the default scenario (a requirement's minimum
lowered, started from the baseline plan): HiGHS reported an optimum of
29,518 and a dual bound of 29,518, yet ``getSolution()`` returned the start,
worth 29,880.5. So after a warm start the plan's own objective is checked
against the bound; when they disagree the model is solved again cold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from planner.optimise.solver import HighsSession, SolveOutcome

STALE = 1e-6
"""Relative gap between the plan's objective and the proven bound that marks a stale plan."""


def run_from(
    session: HighsSession,
    time_limit: float | None,
    start: Sequence[float] | None,
    objective: Callable[[Sequence[float]], float] | None = None,
    before_cold: Callable[[], None] | None = None,
    target: float | None = None,
) -> tuple[SolveOutcome, int]:
    """The session's outcome started from `start`, and how many runs it took (1 or 2).

    `objective` gives a plan's value under the objective the session minimises
    now (default: the session's costs as they stand); `before_cold` is called before a
    second, cold run (to put back options the warm run changed). `target`: a lower bound
    proven elsewhere, the session's :attr:`~HighsSession.target` for these runs (a plan
    that meets it stops the run and is optimal).
    """
    session.target = target
    try:
        outcome = session.run(time_limit, start)
        value: Callable[[Sequence[float]], float] = objective or session.worth
        if start is None or not _stale(outcome, value):
            return outcome, 1
        if before_cold is not None:
            before_cold()
        return session.run(time_limit), 2
    finally:
        session.target = None


def _stale(outcome: SolveOutcome, objective: Callable[[Sequence[float]], float]) -> bool:
    if outcome.values is None or outcome.best_bound is None or outcome.status != "optimal":
        return False
    bound = outcome.best_bound
    return objective(outcome.values) > bound + STALE * max(1.0, abs(bound))
