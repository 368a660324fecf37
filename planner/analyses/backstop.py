"""US backstop on and off: what the others must add when the stand-off support stays out.

Two solves with the same objective: the scenario as it is, and the scenario
without its backstop nations (declined, locks dropped) under the backstop's
requirement set (its requirements replace the scenario's for those unit
types). Side by side per stand-off unit type: how many in each plan, how
many came from the backstop nations, what the no-backstop case requires and
reaches; per nation: what it adds. When the no-backstop case has no plan,
its explanation (spec section 3) says what cannot be met and by how much.
Cancelled, or with a time limit that left the case without the backstop
undecided, there are no lines: nothing is known to compare.
A scenario without a `backstop` field infers one: the nations offering only
stand-off units, with the scenario's own requirements.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planner.analyses.baseline import baseline_for
from planner.analyses.participation import withdrawn
from planner.result.document import PlanResult
from planner.scenario.evaluate import evaluate
from planner.scenario.model import Backstop, Scenario
from planner.scenario.plan import by_unit

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class UnitLine:
    """One stand-off (or backstop-required) unit type, with and without the backstop."""

    unit_type: str
    with_count: int
    from_backstop: int
    required_without: int
    without_count: int  # in the plan without the backstop (the closest plan if none)

    @property
    def short(self) -> int:
        return max(0, self.required_without - self.without_count)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"short": self.short}


@dataclass(frozen=True)
class NationLine:
    """What one nation contributes with and without the backstop."""

    nation: str
    troops_with: int
    troops_without: int
    units_added: dict[str, int]  # unit type -> extra units without the backstop (may be < 0)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class BackstopAnalysis:
    scenario: Scenario
    objective: str
    backstop: Backstop
    inferred: bool
    with_result: PlanResult
    without_result: PlanResult | None = None
    units: list[UnitLine] = field(default_factory=list)
    nations: list[NationLine] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def without_feasible(self) -> bool:
        return self.without_result is not None and self.without_result.has_plan

    @property
    def feasibility_complete(self) -> bool:
        """Whether a plan without the backstop exists is settled, even where the time cut
        the explanation of its absence short (then no unit lines: no closest plan to read)."""
        without = self.without_result
        settled = ("optimal", "feasible", "infeasible", "invalid")
        return without is not None and without.status in settled

    @property
    def already_out(self) -> bool:
        """Every backstop nation is declined in the scenario: its plan is already without them."""
        status = {n.code: n.status for n in self.scenario.nations}
        return all(status.get(code) == "declined" for code in self.backstop.nations)

    def to_dict(self) -> dict[str, Any]:
        def side(result: PlanResult | None) -> dict[str, Any] | None:
            if result is None:
                return None
            return {
                "status": result.status,
                "objective_value": result.objective_value if result.has_plan else None,
                "total_troops": result.evaluation.total_troops if result.allocation else None,
                "explanation": result.explanation(),
            }

        return {
            "analysis": "backstop",
            "scenario": self.scenario.name,
            "objective": self.objective,
            "backstop_nations": list(self.backstop.nations),
            "inferred": self.inferred,
            "with_backstop": side(self.with_result),
            "without_backstop": side(self.without_result),
            "units": [u.to_dict() for u in self.units],
            "nations": [n.to_dict() for n in self.nations],
            "complete": not self.cancelled,
        }


def infer_backstop(scenario: Scenario) -> Backstop:
    """Nations that offer stand-off units only, with the scenario's own requirements."""
    deployed = {u.id: u.deployed for u in scenario.unit_types}
    codes = tuple(
        n.code
        for n in scenario.nations
        if n.status != "declined"
        and any(c for c in n.offers.values())
        and not any(deployed[u] for u, c in n.offers.items() if c)
    )
    return Backstop(codes, {})


def without_backstop(scenario: Scenario, backstop: Backstop) -> Scenario:
    """The scenario with the backstop nations out and the backstop's requirements applied."""
    out = withdrawn(scenario, backstop.nations)
    requirements = dict(out.requirements) | dict(backstop.requirements)
    return dataclasses.replace(out, requirements=requirements, backstop=None)


def analyse_backstop(
    scenario: Scenario,
    objective: str | None = None,
    *,
    baseline: PlanResult | None = None,
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> BackstopAnalysis:
    """Solve with and without the backstop; compare them line by line."""
    from planner.solve import solve

    start = time.perf_counter()
    objective = objective or scenario.objective
    backstop, inferred = scenario.backstop, False
    if backstop is None:
        backstop, inferred = infer_backstop(scenario), True
    with_result = baseline_for(scenario, objective, baseline, time_limit, cancel)
    analysis = BackstopAnalysis(scenario, objective, backstop, inferred, with_result)
    if with_result.status == "cancelled":
        analysis.cancelled = True
        return analysis
    if progress is not None:
        progress(1, 2)
    other = without_backstop(scenario, backstop)
    without = solve(other, objective, time_limit=time_limit, cancel=cancel)
    analysis.without_result = without
    analysis.cancelled = without.status == "cancelled"
    if progress is not None and not analysis.cancelled:
        progress(2, 2)
    if without.status not in ("cancelled", "unknown") and without.explained:
        _compare(analysis, other)  # else nothing known to compare (no closest plan yet)
    analysis.seconds = time.perf_counter() - start
    return analysis


def _compare(analysis: BackstopAnalysis, other: Scenario) -> None:
    scenario, backstop = analysis.scenario, analysis.backstop
    with_plan = analysis.with_result.allocation  # the closest plan when no plan meets every rule
    without_plan = analysis.without_result.allocation if analysis.without_result else {}
    standoff = [u.id for u in scenario.unit_types if not u.deployed]
    types = standoff + [u for u in backstop.requirements if u not in standoff]
    out = set(backstop.nations)
    for uid in types:
        required = other.requirements.get(uid)
        analysis.units.append(
            UnitLine(
                uid,
                sum(c for k, c in with_plan.items() if k.unit == uid),
                sum(c for k, c in with_plan.items() if k.unit == uid and k.nation in out),
                required.min if required else 0,
                sum(c for k, c in without_plan.items() if k.unit == uid),
            )
        )
    troops_with = evaluate(scenario, with_plan).troops
    troops_without = evaluate(scenario, without_plan).troops
    with_units, without_units = by_unit(with_plan), by_unit(without_plan)
    for nation in scenario.nations:
        code = nation.code
        added = {
            uid: without_units.get((code, uid), 0) - with_units.get((code, uid), 0)
            for uid in types
            if without_units.get((code, uid), 0) != with_units.get((code, uid), 0)
        }
        if added or troops_with[code] != troops_without[code]:
            analysis.nations.append(
                NationLine(code, troops_with[code], troops_without[code], added)
            )
