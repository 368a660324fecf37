"""Analyses over a scenario: withdrawal (N-1) and the odds of a force by status.

- :func:`planner.analyses.withdrawal.analyse_withdrawal`
- :func:`planner.analyses.odds.analyse_odds`

Both build on :mod:`planner.analyses.participation` (a scenario with nations
withdrawn, one reusable solver model) and :mod:`planner.analyses.resolve`
(cheap checks, answers that follow from others, worker processes). This
module holds only settings, so the command line can read them without
loading the solver.
"""

DEFAULT_PROBABILITIES: dict[str, float] = {"committed": 1.0, "likely": 0.8, "possible": 0.4}
"""Chance that a nation of each status takes part in an odds draw (declined: never)."""
DEFAULT_DRAWS = 1000
MAX_DRAWS = 1_000_000
DEFAULT_PLAN_DRAWS = 10
"""Feasible draws (the first in draw order) whose optimal plan the odds measure; None: all."""
DEFAULT_POINTS = 8
"""Points of the Pareto front between least cost and fairest share, both ends included."""
DEFAULT_STEP = 0.2
"""Sensitivity: the relative change tried on each nation's ceiling and cost (20%)."""
DEFAULT_UNITS = 1
"""Sensitivity: the units added to or taken from each offer."""
BRIEF_SECONDS = 600.0
"""A brief's time limit unless told otherwise, its solve and analyses together: a brief always
ends (the 2026 default scenario's solve alone can take longer than this on a loaded machine),
and a plan the limit stopped short of proven best says so on page 1, with how much better one
might be. The command line's ``brief`` and the app's Export brief share it."""
