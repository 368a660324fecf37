"""What the allocation grid shows of a plan: one area and one period, or sums over them.

The grid is nation x unit type. A plan has a cell per nation, unit type,
area and period (:class:`planner.scenario.plan.Cell`); a :class:`Slice` picks which
of them a grid cell shows. With one area and one period (every scenario@1
file) each grid cell is exactly one plan cell and can be edited. A scenario
with several areas or periods is shown summed over them (read-only) until
the grid offers one area and one period at a time; the slice already holds
that choice, so the grid and its marks follow it when it is made.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.scenario.model import Lock, Scenario
from planner.scenario.plan import Cell, Plan, by_unit, cell

GridKey = tuple[str, str]
"""(nation code, unit type id): one cell of the grid."""


@dataclass(frozen=True)
class Slice:
    """The area and period the grid shows; None sums over every area (or period)."""

    area: str | None = None
    period: int | None = None

    def holds(self, area: str | None, period: int | None) -> bool:
        """Whether units standing in `area` in `period` (None: any) are part of the grid."""
        in_area = self.area is None or area is None or area == self.area
        return in_area and (self.period is None or period is None or period == self.period)

    def holds_lock(self, lock: Lock) -> bool:
        return self.holds(lock.area, lock.period)

    def counts(self, plan: Plan) -> dict[GridKey, int]:
        """Units per grid cell: the plan's cells in the slice, summed by nation and unit type."""
        return by_unit({key: n for key, n in plan.items() if self.holds(key.area, key.period)})

    def cell(self, scenario: Scenario, nation: str, unit: str) -> Cell | None:
        """The one plan cell a grid cell shows and edits; None while the grid shows sums."""
        if self.summed(scenario):
            return None
        return cell(scenario, nation, unit, self.area, self.period or 1)

    def lock(self, nation: str, unit: str, count: int) -> Lock:
        """The lock that keeps a grid cell at `count`."""
        return Lock(nation, unit, count, self.area, self.period)

    def summed(self, scenario: Scenario) -> list[str]:
        """What the grid sums over: 'areas', 'periods' (empty when each cell is one plan cell)."""
        over = []
        if self.area is None and len(scenario.areas) > 1:
            over.append("areas")
        if self.period is None and scenario.periods.several:
            over.append("periods")
        return over

    def note(self, scenario: Scenario) -> str:
        """One line under the grid when it shows sums (empty when it shows one plan cell each)."""
        over = self.summed(scenario)
        if not over:
            return ""
        return (
            f"Counts summed over {' and '.join(over)}, read-only here: "
            "this grid edits scenarios with one area and one period."
        )
