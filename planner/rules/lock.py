"""A count the planner fixed by hand (S7): ``lock.<CODE>.<unit>[.<area>]``.

With an area the count is the units standing there; without, summed over
areas (and for stand-off units). With a period it holds in that period,
without one in every period from the offer's `ready_from`. Its best
reachable value is the nearest count the statements allow, ties to the
lower (spec section 9).
"""

from __future__ import annotations

from collections.abc import Iterator

from planner.linear import INF, Expr
from planner.rules import names
from planner.rules.base import Selection, SoftFamily, SoftRow, Violation
from planner.scenario.evaluate import PlanEvaluation
from planner.scenario.model import Lock, Scenario
from planner.scenario.plan import Plan
from planner.scenario.words import area_name, in_period, nation_name, number, unit_name, units


def lock_periods(scenario: Scenario, lock: Lock) -> range:
    """The periods a lock holds in."""
    if lock.period is not None:
        return range(lock.period, lock.period + 1)
    start = scenario.nation(lock.nation).ready(lock.unit_type)
    return range(start, scenario.periods.count + 1)


def lock_name(lock: Lock) -> str:
    return names.lock(lock.nation, lock.unit_type, lock.area)


def find(scenario: Scenario, name: str) -> Lock:
    parts = names.parts(name)
    area = parts[3] if len(parts) > 3 else None
    return next(
        lk
        for lk in scenario.locks
        if lk.nation == parts[1] and lk.unit_type == parts[2] and lk.area == area
    )


def locked_count(plan: Plan, ev: PlanEvaluation, lock: Lock, period: int) -> int:
    """The count a plan gives the lock's cells in `period` (in its area, if it has one)."""
    if lock.area is None:
        per_period = ev.nation_units_at.get((lock.nation, lock.unit_type))
        return per_period[period - 1] if per_period else 0
    return sum(
        n
        for key, n in plan.items()
        if (key.nation, key.unit, key.area, key.period)
        == (lock.nation, lock.unit_type, lock.area, period)
    )


class Locks(SoftFamily):
    key = "lock"
    rank = 10

    def rows(self, program) -> Iterator[SoftRow]:  # type: ignore[no-untyped-def]
        scenario = program.scenario
        for lk in scenario.locks:
            size = float(scenario.unit(lk.unit_type).personnel)
            for t in lock_periods(scenario, lk):
                if lk.area is None:
                    expr = program.nation_units(lk.nation, lk.unit_type, t)
                else:
                    expr = Expr(
                        {
                            col: 1.0
                            for key, col in program.x.items()
                            if key.nation == lk.nation
                            and key.unit == lk.unit_type
                            and key.area == lk.area
                            and key.period == t
                        }
                    )
                if not expr.terms:
                    continue  # nothing on offer there, so the lock is 0 and always holds
                yield SoftRow(program.name(lock_name(lk), t), expr, "==", lk.count, size, self.key)

    def check(self, scenario: Scenario, plan: Plan, ev: PlanEvaluation) -> Iterator[Violation]:
        several = scenario.periods.several
        for lk in scenario.locks:
            for t in lock_periods(scenario, lk):
                count = locked_count(plan, ev, lk, t)
                if count != lk.count:
                    where = "" if lk.area is None else f" in {area_name(scenario, lk.area)}"
                    yield Violation(
                        names.at(lock_name(lk), t if several else None),
                        f"{nation_name(scenario, lk.nation)} "
                        f"{unit_name(scenario, lk.unit_type)}{where}{in_period(scenario, t)} "
                        f"is {count}, locked at {lk.count}",
                        False,
                    )

    def describe(self, scenario: Scenario, name: str) -> str:
        lk = find(scenario, name)
        where = "" if lk.area is None else f" in {area_name(scenario, lk.area)}"
        return (
            f"the lock of {units(scenario, lk.unit_type, lk.count)} from "
            f"{nation_name(scenario, lk.nation)}{where}{in_period(scenario, self.period(name))}"
        )

    def unmet(self, scenario: Scenario, name: str, required: float, best: float, gap: float) -> str:
        lk = find(scenario, name)
        where = "" if lk.area is None else f" in {area_name(scenario, lk.area)}"
        return (
            f"The lock of {units(scenario, lk.unit_type, required)} from "
            f"{nation_name(scenario, lk.nation)}{where}{in_period(scenario, self.period(name))} "
            f"cannot hold: the nearest count its statements allow is {number(best)}."
        )

    def select(self, scenario: Scenario, name: str) -> Selection:
        lk = find(scenario, name)
        period = self.period(name) or lk.period or 1
        return Selection("cell", (lk.nation, lk.unit_type, lk.area, period))

    def alone(self, program, row: SoftRow) -> tuple[Expr, bool]:  # type: ignore[no-untyped-def]
        """2|x - count|, plus 1 above the count: the nearest reachable count, ties to the lower."""
        model = program.model
        distance = model.column(f"{row.name}.distance", 0, INF)
        below = Expr.of(distance).add(row.expr, 2.0)
        above = Expr.of(distance).add(row.expr, -2.0)
        model.row(f"{row.name}.distance.below", below, lower=2 * row.bound)
        model.row(f"{row.name}.distance.above", above, lower=1 - 2 * row.bound)
        return Expr.of(distance), False
