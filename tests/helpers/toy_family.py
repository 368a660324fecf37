"""A toy constraint family for tests: at most K units of one category per nation.

The whole rule is this one module; registering it (one call) puts it in the
program, the plan check, the explanation and the GUI. ``category.<CODE>.<cat>``.
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.linear import Expr
from planner.rules import Selection, SoftFamily, SoftRow, Violation
from planner.scenario.words import nation_name, number


class CategoryCap(SoftFamily):
    key = "category"
    rank = 40

    def __init__(self, category: str, cap: int) -> None:
        self.category, self.cap = category, cap

    def _name(self, code: str) -> str:
        return f"category.{code}.{self.category.replace(' ', '_')}"

    def rows(self, program) -> Iterator[SoftRow]:  # type: ignore[no-untyped-def]
        scenario = program.scenario
        of_category = {u.id for u in scenario.unit_types if u.category == self.category}
        for nation in scenario.nations:
            expr = Expr(
                {
                    col: 1.0
                    for key, col in program.x.items()
                    if key.nation == nation.code and key.unit in of_category
                }
            )
            if expr.terms:
                yield SoftRow(self._name(nation.code), expr, "<=", self.cap, 100.0, self.key)

    def check(self, scenario, plan, ev) -> Iterator[Violation]:  # type: ignore[no-untyped-def]
        of_category = {u.id for u in scenario.unit_types if u.category == self.category}
        for nation in scenario.nations:
            count = sum(
                n for k, n in plan.items() if k.nation == nation.code and k.unit in of_category
            )
            if count > self.cap:
                yield Violation(
                    self._name(nation.code),
                    f"{nation.name} gives {count} {self.category} units, more than {self.cap}",
                    False,
                )

    def describe(self, scenario, name: str) -> str:  # type: ignore[no-untyped-def]
        code = name.split(".")[1]
        return f"{nation_name(scenario, code)} giving at most {self.cap} {self.category} units"

    def unmet(self, scenario, name, required, best, gap) -> str:  # type: ignore[no-untyped-def]
        code = name.split(".")[1]
        return (
            f"{nation_name(scenario, code)} cannot keep to {number(required)} {self.category} "
            f"units: its statements bring at least {number(best)}, {number(gap)} over."
        )

    def select(self, scenario, name: str) -> Selection:  # type: ignore[no-untyped-def]
        return Selection("nation", (name.split(".")[1], "offers"))
