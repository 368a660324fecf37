"""What the force needs in one area (S3a, S4a): deployed units of a type standing there.

``area.<area>.<unit>.min`` and ``.max``, in every full period.
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.rules import names
from planner.rules.base import Selection, SoftFamily, SoftRow, Violation
from planner.rules.requirement import bound_rows, bound_violations
from planner.scenario.evaluate import PlanEvaluation
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan
from planner.scenario.words import area_name, in_period, number, unit_name, units


class AreaRequirement(SoftFamily):
    key = "area_requirement"
    rank = 50

    def owns(self, parts: tuple[str, ...]) -> bool:
        return parts[0] == "area" and len(parts) == 4

    def rows(self, program) -> Iterator[SoftRow]:  # type: ignore[no-untyped-def]
        scenario = program.scenario
        for area_id, needs in scenario.area_requirements.items():
            for unit_id, req in needs.items():
                size = float(scenario.unit(unit_id).personnel)
                yield from bound_rows(
                    self.key,
                    names.area_requirement_min(area_id, unit_id),
                    names.area_requirement_max(area_id, unit_id),
                    req,
                    lambda t, a=area_id, u=unit_id: program.area_units(a, u, t),
                    size,
                    program,
                )

    def check(self, scenario: Scenario, plan: Plan, ev: PlanEvaluation) -> Iterator[Violation]:
        empty = [0] * scenario.periods.count
        for area_id, needs in scenario.area_requirements.items():
            for unit_id, req in needs.items():
                yield from bound_violations(
                    scenario,
                    names.area_requirement_min(area_id, unit_id),
                    names.area_requirement_max(area_id, unit_id),
                    req,
                    ev.area_units_at.get((area_id, unit_id), empty),
                    f"{unit_name(scenario, unit_id)} in {area_name(scenario, area_id)}",
                )

    def _bound(self, scenario: Scenario, name: str) -> tuple[str, str, bool, int | None]:
        _, area_id, unit_id, which = names.parts(name)
        req = scenario.area_requirements[area_id][unit_id]
        return area_id, unit_id, which == "min", req.min if which == "min" else req.max

    def describe(self, scenario: Scenario, name: str) -> str:
        area_id, unit_id, is_min, bound = self._bound(scenario, name)
        word = "at least" if is_min else "at most"
        return (
            f"{word} {units(scenario, unit_id, bound or 0)} in {area_name(scenario, area_id)}"
            f"{in_period(scenario, self.period(name))}"
        )

    def unmet(self, scenario: Scenario, name: str, required: float, best: float, gap: float) -> str:
        area_id, unit_id, is_min, _ = self._bound(scenario, name)
        what = f"{unit_name(scenario, unit_id)} in {area_name(scenario, area_id)}"
        when = in_period(scenario, self.period(name))
        if is_min:
            return (
                f"{what}{when}: {number(required)} needed, at most {number(best)} can stand "
                f"there, {number(gap)} short."
            )
        return (
            f"{what}{when}: at most {number(required)} wanted, but at least {number(best)} "
            f"must stand there, {number(gap)} over."
        )

    def select(self, scenario: Scenario, name: str) -> Selection:
        _, area_id, unit_id, which = names.parts(name)
        return Selection("area_requirement", (area_id, unit_id, which))
