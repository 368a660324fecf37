"""The coalition needs at least `rules.min_nations` nations taking part (S6)."""

from __future__ import annotations

from collections.abc import Iterator

from planner.rules import names
from planner.rules.base import Selection, SoftFamily, SoftRow, Violation
from planner.scenario.evaluate import PlanEvaluation
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan
from planner.scenario.words import number

NATION_WEIGHT = 1000.0
"""Troop-equivalents one missing nation costs in the elastic solve."""


class MinNations(SoftFamily):
    key = "min_nations"
    rank = 30

    def rows(self, program) -> Iterator[SoftRow]:  # type: ignore[no-untyped-def]
        least = program.scenario.rules.min_nations
        if least > 0:
            yield SoftRow(
                names.MIN_NATIONS, program.participants(), ">=", least, NATION_WEIGHT, self.key
            )

    def check(self, scenario: Scenario, plan: Plan, ev: PlanEvaluation) -> Iterator[Violation]:
        least = scenario.rules.min_nations
        if ev.nations_taking_part < least:
            yield Violation(
                names.MIN_NATIONS,
                f"{ev.nations_taking_part} nations take part, fewer than {least}",
                False,
            )

    def describe(self, scenario: Scenario, name: str) -> str:
        return f"at least {scenario.rules.min_nations} nations taking part"

    def unmet(self, scenario: Scenario, name: str, required: float, best: float, gap: float) -> str:
        return (
            f"At least {number(required)} nations are needed, but at most {number(best)} "
            f"can take part, {number(gap)} short."
        )

    def select(self, scenario: Scenario, name: str) -> Selection:
        return Selection("rules", ("min_nations",))
