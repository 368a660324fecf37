"""How many troops an area can hold (S8), in every period: ``area.<id>.capacity``."""

from __future__ import annotations

from collections.abc import Iterator

from planner.rules import names
from planner.rules.base import Selection, SoftFamily, SoftRow, Violation
from planner.scenario.evaluate import PlanEvaluation
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan
from planner.scenario.words import area_name, in_period, number


class AreaCapacity(SoftFamily):
    key = "area_capacity"
    rank = 70

    def owns(self, parts: tuple[str, ...]) -> bool:
        return parts[0] == "area" and len(parts) == 3 and parts[2] == "capacity"

    def rows(self, program) -> Iterator[SoftRow]:  # type: ignore[no-untyped-def]
        scenario = program.scenario
        for area in scenario.areas:
            if area.capacity_troops is None:
                continue
            for t in scenario.periods.all:
                name = program.name(names.area_capacity(area.id), t)
                expr = program.area_troops(area.id, t)
                yield SoftRow(name, expr, "<=", area.capacity_troops, 1.0, self.key)

    def check(self, scenario: Scenario, plan: Plan, ev: PlanEvaluation) -> Iterator[Violation]:
        several = scenario.periods.several
        for area in scenario.areas:
            cap = area.capacity_troops
            if cap is None:
                continue
            for t, troops in enumerate(ev.area_troops_at[area.id], start=1):
                if troops > cap:
                    yield Violation(
                        names.at(names.area_capacity(area.id), t if several else None),
                        f"{area.name} holds at most {cap:,} troops; the plan puts {troops:,} "
                        f"there{in_period(scenario, t)}, {troops - cap:,} over",
                        False,
                    )

    def describe(self, scenario: Scenario, name: str) -> str:
        area_id = names.parts(name)[1]
        cap = scenario.area(area_id).capacity_troops or 0
        return (
            f"at most {number(cap)} troops in {area_name(scenario, area_id)}"
            f"{in_period(scenario, self.period(name))}"
        )

    def unmet(self, scenario: Scenario, name: str, required: float, best: float, gap: float) -> str:
        area_id = names.parts(name)[1]
        return (
            f"{area_name(scenario, area_id)} holds at most {number(required)} troops"
            f"{in_period(scenario, self.period(name))}, but commitments and floors bring at "
            f"least {number(best)} there, {number(gap)} over."
        )

    def select(self, scenario: Scenario, name: str) -> Selection:
        return Selection("area", (names.parts(name)[1], "capacity_troops"))
