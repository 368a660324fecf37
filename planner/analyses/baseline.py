"""The baseline plan every analysis starts from: handed down, or solved once here.

The brief and the GUI solve the scenario once and pass that result to each
analysis (issue "One home per rule": results flow down); an analysis run on
its own solves it. A baseline of another scenario or objective is never used.
"""

from __future__ import annotations

import threading

from planner.result.document import PlanResult
from planner.scenario.model import Scenario


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
