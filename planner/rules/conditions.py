"""Conditional offers (H5): a nation takes part only if named others, or enough others, do.

"The Netherlands comes only with US back-up" is ``requires: ["US"]``;
"only in a coalition of at least five" is ``min_partners: 5``. Hard: these
are a nation's own statements, never relaxed.
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.linear import Expr
from planner.rules import names
from planner.rules.base import HardFamily, Violation
from planner.scenario.evaluate import PlanEvaluation
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan
from planner.scenario.words import nation_name


class Conditions(HardFamily):
    key = "nation"

    def define(self, program) -> None:  # type: ignore[no-untyped-def]
        model, y = program.model, program.y
        for nation in program.scenario.nations:
            code = nation.code
            for other in nation.requires:
                row = Expr({y[code]: 1.0}).add_term(y[other], -1.0)
                model.row(f"nation.{code}.requires.{other}", row, upper=0)
            if nation.min_partners:
                row = Expr({c: -1.0 for c_code, c in y.items() if c_code != code})
                row.add_term(y[code], float(nation.min_partners))
                model.row(f"nation.{code}.partners", row, upper=0)

    def check(self, scenario: Scenario, plan: Plan, ev: PlanEvaluation) -> Iterator[Violation]:
        taking_part = ev.participating
        for nation in scenario.nations:
            if not taking_part[nation.code]:
                continue
            for other in nation.requires:
                if not taking_part.get(other, False):
                    yield Violation(
                        names.nation(nation.code),
                        f"{nation.name} takes part only if {nation_name(scenario, other)} "
                        f"does, and {nation_name(scenario, other)} does not",
                        True,
                    )
            partners = ev.nations_taking_part - 1
            if partners < nation.min_partners:
                yield Violation(
                    names.nation(nation.code),
                    f"{nation.name} takes part only with at least {nation.min_partners} "
                    f"other nations; {partners} take part",
                    True,
                )
