"""The target band (S1, S2) and the build-up before full capability.

``target.min_troops`` holds in every full period (with the build-up figure
as its minimum in the periods `target.build_up` lists); ``target.max_troops``
in every period. Both count in-target troops only (TOTAL).
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.rules import names
from planner.rules.base import Selection, SoftFamily, SoftRow, Violation
from planner.rules.remedy import declined_offering
from planner.rules.statements import most_troops
from planner.scenario.evaluate import PlanEvaluation
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan
from planner.scenario.words import in_period, number


def minimum(scenario: Scenario, period: int) -> int | None:
    """S1's minimum in `period`, or None where no minimum applies."""
    return scenario.target.minimum(period, scenario.periods.full_from)


class Target(SoftFamily):
    key = "target"
    rank = 90

    def rows(self, program) -> Iterator[SoftRow]:  # type: ignore[no-untyped-def]
        scenario = program.scenario
        for t in scenario.periods.all:
            low = minimum(scenario, t)
            if low is not None:
                name = program.name(names.TARGET_MIN, t)
                yield SoftRow(name, program.total(t), ">=", low, 1.0, self.key)
        for t in scenario.periods.all:
            name = program.name(names.TARGET_MAX, t)
            yield SoftRow(name, program.total(t), "<=", scenario.target.max_troops, 1.0, self.key)

    def check(self, scenario: Scenario, plan: Plan, ev: PlanEvaluation) -> Iterator[Violation]:
        several = scenario.periods.several
        high = scenario.target.max_troops
        for t, total in enumerate(ev.total_at, start=1):
            low, when = minimum(scenario, t), in_period(scenario, t)
            period = t if several else None
            if low is not None and total < low:
                yield Violation(
                    names.at(names.TARGET_MIN, period),
                    f"force of {total:,} troops{when} is {low - total:,} short of {low:,}",
                    False,
                )
            if total > high:
                yield Violation(
                    names.at(names.TARGET_MAX, period),
                    f"force of {total:,} troops{when} is {total - high:,} over {high:,}",
                    False,
                )

    def _bound(self, scenario: Scenario, name: str) -> tuple[bool, int]:
        parts, period = names.split(name)
        if parts[1] == "max_troops":
            return False, scenario.target.max_troops
        low = minimum(scenario, period or 1)
        return True, scenario.target.min_troops if low is None else low

    def describe(self, scenario: Scenario, name: str) -> str:
        is_min, bound = self._bound(scenario, name)
        word = "at least" if is_min else "at most"
        return f"a force of {word} {number(bound)} troops{in_period(scenario, self.period(name))}"

    def unmet(self, scenario: Scenario, name: str, required: float, best: float, gap: float) -> str:
        is_min, _ = self._bound(scenario, name)
        when = in_period(scenario, self.period(name))
        if is_min:
            remedy = declined_offering(
                scenario, lambda n: most_troops(scenario, n), lambda a: f"up to {number(a)} troops"
            )
            return (
                f"Target of {number(required)} troops{when} cannot be reached: at most "
                f"{number(best)} are on offer, {number(gap)} short.{remedy}"
            )
        return (
            f"The force cannot stay within {number(required)} troops{when}: commitments and "
            f"floors already bring at least {number(best)}, {number(gap)} over."
        )

    def select(self, scenario: Scenario, name: str) -> Selection:
        parts, period = names.split(name)
        if period is not None and period < scenario.periods.full_from:
            return Selection("target", ("build_up", period))
        return Selection("target", (parts[1],))
