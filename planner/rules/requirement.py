"""What the force needs of each unit type (S3, S4), in every full period.

``requirement.<unit>.min`` and ``.max`` count units of the type across the
whole force, deployed or stand-off, summed over areas.
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.rules import names
from planner.rules.base import Selection, SoftFamily, SoftRow, Violation
from planner.rules.remedy import declined_offering
from planner.scenario.evaluate import PlanEvaluation
from planner.scenario.model import Requirement, Scenario
from planner.scenario.plan import Plan
from planner.scenario.words import in_period, number, unit_name, units


def bound_rows(
    family: str, name_min: str, name_max: str, req: Requirement, expr_at, weight: float, program
) -> Iterator[SoftRow]:  # type: ignore[no-untyped-def]
    """Min and max rows of one requirement in every full period (shared with areas)."""
    for t in program.scenario.periods.full:
        expr = expr_at(t)
        if req.min > 0:
            yield SoftRow(program.name(name_min, t), expr, ">=", req.min, weight, family)
        if req.max is not None:
            yield SoftRow(program.name(name_max, t), expr, "<=", req.max, weight, family)


def bound_violations(
    scenario: Scenario, name_min: str, name_max: str, req: Requirement, counts: list[int], what: str
) -> Iterator[Violation]:
    """A requirement's breaches, period by period, in a planner's words."""
    several = scenario.periods.several
    for t in range(scenario.periods.full_from, scenario.periods.count + 1):
        count, when = counts[t - 1], in_period(scenario, t)
        period = t if several else None
        if count < req.min:
            yield Violation(
                names.at(name_min, period),
                f"{count} x {what}{when}, {req.min - count} short of {req.min}",
                False,
            )
        if req.max is not None and count > req.max:
            yield Violation(
                names.at(name_max, period),
                f"{count} x {what}{when}, {count - req.max} over {req.max}",
                False,
            )


class UnitRequirement(SoftFamily):
    key = "requirement"
    rank = 60

    def rows(self, program) -> Iterator[SoftRow]:  # type: ignore[no-untyped-def]
        scenario = program.scenario
        for unit_id, req in scenario.requirements.items():
            size = float(scenario.unit(unit_id).personnel)
            yield from bound_rows(
                self.key,
                names.requirement_min(unit_id),
                names.requirement_max(unit_id),
                req,
                lambda t, u=unit_id: program.units(u, t),
                size,
                program,
            )

    def check(self, scenario: Scenario, plan: Plan, ev: PlanEvaluation) -> Iterator[Violation]:
        for unit_id, req in scenario.requirements.items():
            yield from bound_violations(
                scenario,
                names.requirement_min(unit_id),
                names.requirement_max(unit_id),
                req,
                ev.units_at[unit_id],
                unit_name(scenario, unit_id),
            )

    def _bound(self, scenario: Scenario, name: str) -> tuple[str, bool, int | None]:
        _, unit_id, which = names.parts(name)
        req = scenario.requirements[unit_id]
        return unit_id, which == "min", req.min if which == "min" else req.max

    def describe(self, scenario: Scenario, name: str) -> str:
        unit_id, is_min, bound = self._bound(scenario, name)
        word = "at least" if is_min else "at most"
        return (
            f"{word} {units(scenario, unit_id, bound or 0)}{in_period(scenario, self.period(name))}"
        )

    def unmet(self, scenario: Scenario, name: str, required: float, best: float, gap: float) -> str:
        unit_id, is_min, _ = self._bound(scenario, name)
        what, when = unit_name(scenario, unit_id), in_period(scenario, self.period(name))
        if is_min:
            remedy = declined_offering(scenario, lambda n: n.offer(unit_id), number)
            return (
                f"{what}{when}: {number(required)} needed, at most {number(best)} on offer, "
                f"{number(gap)} short.{remedy}"
            )
        return (
            f"{what}{when}: at most {number(required)} wanted, but commitments bring at least "
            f"{number(best)}, {number(gap)} over."
        )

    def select(self, scenario: Scenario, name: str) -> Selection:
        _, unit_id, which = names.parts(name)
        return Selection("requirement", (unit_id, which))
