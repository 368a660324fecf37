"""Which finished analyses a brief may take as they are instead of running them again.

The app's analyses dock keeps the last result of each analysis. A brief exported
afterwards would run the same analyses on the same scenario again: on the January 2026
Paris scenario that is most of a 600 s brief, and some of them do not finish in it. A
result is taken only when the brief's own run would give the same figures:

- it was computed for this scenario (equal in every field) and the brief's objective;
- it was run with the options the brief uses (the defaults of each analysis, and the
  brief's number of odds draws);
- it is whole: not cancelled, no row or draw left unsettled, no point unproved;
- where its figures rest on the baseline plan (withdrawal's rows are the nations of that
  plan, the backstop compares against it, sensitivity varies its nations' ceilings), that
  plan is the brief's, cell for cell.

The fewest-changes tab of the dock re-plans from the plan on screen (another kind of result,
never taken); the brief's own stability section (a brief exported before, on the same
scenario) is taken only with the withdrawal it was computed from, whose rows are its fresh
re-plans. Odds, Pareto and sustainment do not depend on the baseline plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from planner.analyses import (
    DEFAULT_DRAWS,
    DEFAULT_PLAN_DRAWS,
    DEFAULT_POINTS,
    DEFAULT_STEP,
    DEFAULT_UNITS,
)
from planner.result.document import PlanResult
from planner.scenario.model import Scenario


def _same_plan(used: PlanResult | None, baseline: PlanResult) -> bool:
    """The analysis's baseline is the brief's: the same status and every cell the same."""
    return (
        used is not None
        and used.status == baseline.status
        and used.has_plan
        and {k: v for k, v in used.allocation.items() if v}
        == {k: v for k, v in baseline.allocation.items() if v}
    )


def _withdrawal(result: Any, baseline: PlanResult, options: Mapping[str, Any]) -> bool:
    return (
        not options
        and result.complete
        and result.feasibility_complete
        and not result.cost_unsettled
        and _same_plan(result.baseline.result, baseline)
    )


def _backstop(result: Any, baseline: PlanResult, options: Mapping[str, Any]) -> bool:
    return (
        not options
        and not result.cancelled
        and result.feasibility_complete
        and _same_plan(result.with_result, baseline)
    )


def _sensitivity(result: Any, baseline: PlanResult, options: Mapping[str, Any]) -> bool:
    return (
        not options
        and not result.cancelled
        and len(result.factors) == result.planned
        and not any(f.undecided for f in result.factors)
        and result.step == DEFAULT_STEP
        and result.units == DEFAULT_UNITS
        and _same_plan(result.baseline, baseline)
    )


def _odds(result: Any, baseline: PlanResult, options: Mapping[str, Any]) -> bool:
    from planner.analyses.odds import probabilities_with

    if set(options) - {"draws"}:
        return False
    return (
        result.complete
        and result.draws_done == result.draws == options.get("draws", DEFAULT_DRAWS)
        and result.unknown_draws == 0
        and result.seed == 0
        and result.probabilities == probabilities_with(None)
        and result.plan_sample == DEFAULT_PLAN_DRAWS
    )


def _pareto(result: Any, baseline: PlanResult, options: Mapping[str, Any]) -> bool:
    return (
        not options
        and result.status == "optimal"
        and result.requested == DEFAULT_POINTS
        and not result.unproved
    )


def _stability(result: Any, baseline: PlanResult, options: Mapping[str, Any]) -> bool:
    settled = ("optimal", "infeasible", "invalid")
    return (
        not options
        and not result.cancelled
        and result.after is None
        and all(row.status in settled for row in result.rows)
        and {k: v for k, v in result.baseline.items() if v}
        == {k: v for k, v in baseline.allocation.items() if v}
    )


def _sustainment(result: Any, baseline: PlanResult, options: Mapping[str, Any]) -> bool:
    from planner.analyses.sustainment import DEFAULT_CYCLES

    return not options and not result.cancelled and len(result.cycles) == DEFAULT_CYCLES


_CHECKS = {
    "withdrawal": ("planner.analyses.withdrawal", "WithdrawalAnalysis", _withdrawal),
    "backstop": ("planner.analyses.backstop", "BackstopAnalysis", _backstop),
    "sensitivity": ("planner.analyses.sensitivity", "SensitivityAnalysis", _sensitivity),
    "odds": ("planner.analyses.odds", "OddsAnalysis", _odds),
    "pareto": ("planner.analyses.pareto", "ParetoAnalysis", _pareto),
    "sustainment": ("planner.analyses.sustainment", "SustainmentAnalysis", _sustainment),
    "stability": ("planner.analyses.stability", "StabilityAnalysis", _stability),
}
"""Per analysis a brief may take: the module and class of its result, and the check."""


def reusable(
    name: str,
    result: Any,
    scenario: Scenario,
    objective: str,
    baseline: PlanResult,
    options: Mapping[str, Any] | None = None,
) -> bool:
    """Whether the finished `result` of analysis `name` is what the brief would compute:
    `objective` the brief's (never None), `baseline` its plan, `options` its keywords."""
    import importlib

    if name not in _CHECKS or result is None:
        return False
    module, cls, check = _CHECKS[name]
    kind = getattr(importlib.import_module(module), cls)
    if not isinstance(result, kind) or result.scenario != scenario:
        return False
    if getattr(result, "objective", objective) != objective:
        return False  # odds' None is feasibility only: no plan figures for the brief
    return bool(check(result, baseline, options or {}))


def taken(
    names: Sequence[str],
    ready: Mapping[str, Any] | None,
    scenario: Scenario,
    objective: str,
    baseline: PlanResult | None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The results of `ready` the brief of `names` takes as they are (see the module)."""
    if not ready or baseline is None or not baseline.has_plan:
        return {}
    found = {
        name: ready[name]
        for name in names
        if name in ready
        and reusable(name, ready[name], scenario, objective, baseline, (options or {}).get(name))
    }
    if "stability" in found and "withdrawal" not in found:
        del found["stability"]  # its fresh re-plans are that withdrawal's rows
    return found
