"""The options a decision note weighs, each a plan solved once (issue 19, item 1).

A minister chooses between courses of action, not between solver runs, so
the note sets up to four plans side by side: the recommended one (the brief's
own solve), the plan by the other objective (cheapest against fairest), the
plan without the backstop nations (taken from the backstop analysis, which
has solved it already), and, when the recommended force sits in the lower
half of the target band, the same objective with the band's bottom raised to
its middle (the bottom of the band against its middle). Solves, counted: the
baseline once (the brief's), the other objective once here, the middle of the
band once here; the plan without the backstop is reused. A quick brief (no
analyses) solves nothing more and the note says what is not known.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from typing import Any

from planner.result.document import PlanResult
from planner.rules.objectives import NAMES as OBJECTIVE_NAMES
from planner.rules.objectives import objective_value
from planner.scenario import words
from planner.scenario.model import ObjectiveId, Scenario

OPTION_SECONDS = 60.0
"""Longest the solve of the other objective may take: a time limit keeps the plan in hand."""


@dataclass(frozen=True)
class Option:
    """One course of action: a plan (or why there is none to show)."""

    key: str
    """'chosen', 'other', 'no_backstop' or 'middle' (the band's bottom raised to its middle)."""
    title: str
    result: PlanResult | None
    """None: not assessed in this brief (`missing` says why)."""
    missing: str = ""

    @property
    def has_plan(self) -> bool:
        return self.result is not None and self.result.has_plan

    @property
    def cost(self) -> float | None:
        """Troop-equivalents of cost (the least-cost formula), whatever the plan's objective."""
        if not self.has_plan or self.result is None:
            return None
        return objective_value(self.result.scenario, self.result.allocation, ObjectiveId.MIN_COST)

    @property
    def off_fair_share(self) -> float | None:
        """Troops off fair share, summed over nations (the fairest-share formula)."""
        if not self.has_plan or self.result is None:
            return None
        return objective_value(self.result.scenario, self.result.allocation, ObjectiveId.FAIR_SHARE)


@dataclass(frozen=True)
class FairerTwin:
    """A plan of the Pareto analysis as cheap as the least-cost option and nearer fair share.

    The least-cost solve settles nothing about fairness among the plans of least cost; the
    analysis's cheapest point is the fairest of them. Figures as `analyse pareto --json`
    prints them (``min_cost``, ``fair_share``) against the option's plan (`solve --json`).
    """

    number: int
    """The plan's number in the annex's table and chart (1: the cheapest)."""
    cost: float
    off_fair_share: float
    nearer: float
    """Troops nearer fair share than the option's plan."""
    cheaper: float
    """Troop-equivalents of cost below the option's plan (0 when the same)."""

    @property
    def same_cost(self) -> bool:
        """The brief shows one cost figure for both plans (:func:`words.cost`)."""
        return words.cost(self.cost + self.cheaper) == words.cost(self.cost)

    def phrase(self) -> str:
        """'a plan of the same cost is 500 troops nearer fair share'."""
        head = (
            "a plan of the same cost"
            if self.same_cost
            else f"a plan {words.cost(self.cheaper)} troop-equivalents cheaper"
        )
        return f"{head} is {self.nearer:,.0f} troops nearer fair share"


def fairer_twin(option: Option | None, pareto: Any) -> FairerTwin | None:
    """The twin of a least-cost option's plan in the Pareto analysis, when it is fairer."""
    from planner.analyses.pareto import fairer_at_cost

    if option is None or pareto is None or option.cost is None or option.off_fair_share is None:
        return None
    if option.result is None or option.result.objective != ObjectiveId.MIN_COST:
        return None
    if option.key not in ("chosen", "other"):
        return None  # the middle of the band is another scenario: not the analysis's plans
    found = fairer_at_cost(pareto, option.cost, option.off_fair_share)
    if found is None:
        return None
    number, point = found
    return FairerTwin(
        number,
        point.cost,
        point.deviation,
        option.off_fair_share - point.deviation,
        max(0.0, option.cost - point.cost),
    )


def least_cost(found: list[Option]) -> Option | None:
    """The option whose plan is the least-cost solve of the scenario as it stands (A or B)."""
    return next(
        (
            o
            for o in found
            if o.key in ("chosen", "other")
            and o.has_plan
            and o.result is not None
            and o.result.objective == ObjectiveId.MIN_COST
        ),
        None,
    )


def other_objective(objective: str) -> str:
    """The objective the baseline did not use (there are two: cheapest and fairest)."""
    return next(name for name in OBJECTIVE_NAMES if name != objective)


def solve_other(
    scenario: Scenario,
    baseline: PlanResult,
    deadline: float | None = None,
    cancel: threading.Event | None = None,
) -> PlanResult | None:
    """The plan by the other objective, solved once; None when there is no time left."""
    from planner.solve import solve  # the solver loads only when a brief weighs options

    limit = OPTION_SECONDS
    if deadline is not None:
        limit = min(limit, deadline - time.monotonic())
        if limit <= 0:
            return None
    result = solve(scenario, other_objective(baseline.objective), time_limit=limit, cancel=cancel)
    if cancel is not None and cancel.is_set():
        return None
    return result


def band_middle(scenario: Scenario) -> int:
    """The middle of the target band, in troops (rounded up): 27,500 of 25,000 - 30,000."""
    low, high = scenario.target.min_troops, scenario.target.max_troops
    return (low + high + 1) // 2


def at_middle(scenario: Scenario) -> Scenario:
    """The scenario with the band's bottom raised to its middle (the top unchanged)."""
    return replace(scenario, target=replace(scenario.target, min_troops=band_middle(scenario)))


def below_middle(result: PlanResult) -> bool:
    """Whether the plan's force sits in the lower half of the band (then the middle is an option).

    The force is its troops on the ground in the full period with the fewest
    (the figure the note prints); a plan already at the middle or above, or a
    band of one figure, has no such option.
    """
    if not result.has_plan:
        return False
    scenario = result.scenario
    if scenario.target.max_troops <= scenario.target.min_troops:
        return False
    plan = result.evaluation
    return plan.total_at[plan.least_period - 1] < band_middle(scenario)


def solve_middle(
    scenario: Scenario,
    baseline: PlanResult,
    deadline: float | None = None,
    cancel: threading.Event | None = None,
) -> PlanResult | None:
    """The plan by the baseline's objective with at least the band's middle, solved once.

    None when the baseline is not below the middle (no solve) or no time is left.
    """
    from planner.solve import solve  # the solver loads only when a brief weighs options

    if not below_middle(baseline):
        return None
    limit = OPTION_SECONDS
    if deadline is not None:
        limit = min(limit, deadline - time.monotonic())
        if limit <= 0:
            return None
    result = solve(at_middle(scenario), baseline.objective, time_limit=limit, cancel=cancel)
    if cancel is not None and cancel.is_set():
        return None
    return result
