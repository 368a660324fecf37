"""No nation carries more than `max_share` of the force (S5), in every period.

``share.<CODE>``: in-target troops only, against TOTAL. Its value for
"best reachable" is in troops: the smallest Din(n) - max_share * TOTAL the
hard constraints allow (spec section 3.2).
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.rules import names
from planner.rules.base import Selection, SoftFamily, SoftRow, Violation
from planner.scenario.evaluate import PlanEvaluation
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan
from planner.scenario.words import in_period, limit_percent, nation_name, number, percent


class Share(SoftFamily):
    key = "share"
    rank = 20

    def rows(self, program) -> Iterator[SoftRow]:  # type: ignore[no-untyped-def]
        scenario = program.scenario
        share = scenario.rules.max_share
        if share >= 1:
            return
        for nation in scenario.nations:
            if nation.status == "declined":
                continue
            for t in scenario.periods.all:
                expr = program.in_target(nation.code, t) - program.total(t) * share
                yield SoftRow(
                    program.name(names.share(nation.code), t), expr, "<=", 0, 1.0, self.key
                )

    def check(self, scenario: Scenario, plan: Plan, ev: PlanEvaluation) -> Iterator[Violation]:
        share, several = scenario.rules.max_share, scenario.periods.several
        declined = {n.code for n in scenario.nations if n.status == "declined"}
        for code, per_period in ev.in_target_at.items():
            if code in declined:
                continue  # it has no share rule: giving it troops breaks its own statement
            for t, troops in enumerate(per_period, start=1):
                total = ev.total_at[t - 1]
                if troops > share * total + 1e-9:
                    yield Violation(
                        names.at(names.share(code), t if several else None),
                        f"{nation_name(scenario, code)} carries {troops:,} of {total:,} troops"
                        f"{in_period(scenario, t)} ({percent(troops / total, 1, share)}), above "
                        f"the {limit_percent(share)} limit",
                        False,
                    )

    def describe(self, scenario: Scenario, name: str) -> str:
        code, when = names.parts(name)[1], in_period(scenario, self.period(name))
        return (
            f"{nation_name(scenario, code)} carrying at most "
            f"{limit_percent(scenario.rules.max_share)} of the force{when}"
        )

    def unmet(self, scenario: Scenario, name: str, required: float, best: float, gap: float) -> str:
        code, when = names.parts(name)[1], in_period(scenario, self.period(name))
        return (
            f"{nation_name(scenario, code)} cannot be kept within "
            f"{limit_percent(scenario.rules.max_share)} of the force{when}: "
            f"at best it carries {number(best)} troops above that share."
        )

    def select(self, scenario: Scenario, name: str) -> Selection:
        return Selection("nation", (names.parts(name)[1], "max_troops"))
