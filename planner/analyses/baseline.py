"""The baseline plan every analysis starts from: handed down, or solved once here.

The brief and the GUI solve the scenario once and pass that result to each
analysis (issue "One home per rule": results flow down); an analysis run on
its own solves it. A baseline of another scenario or objective is never used.
"""

from __future__ import annotations

import threading

from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from planner.status import Status


def baseline_for(
    scenario: Scenario,
    objective: str,
    baseline: PlanResult | None,
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
) -> PlanResult:
    """`baseline` when it is the solve of this scenario and objective, else a fresh solve."""
    if baseline is not None and baseline.scenario == scenario and baseline.objective == objective:
        return baseline
    from planner.solve import solve

    return solve(scenario, objective, time_limit=time_limit, cancel=cancel)


def plan_in_hand(plan: PlanResult | None, scenario: Scenario, objective: str | None) -> bool:
    """Whether `plan` may stand for a fresh solve: the proven optimum of this very scenario
    and objective (a solve would find one of equal worth; this one is the plan on screen).
    The app hands it to its analyses and its brief, so none of them solves again."""
    return (
        plan is not None
        and plan.scenario == scenario
        and plan.objective == (objective or scenario.objective)
        and plan.status == Status.OPTIMAL
    )
