"""What the allocation grid shows of a plan: one area and one period, or sums over them.

The grid is nation x unit type. A plan has a cell per nation, unit type,
area and period (:class:`planner.scenario.plan.Cell`); a :class:`Slice` picks which
of them a grid cell shows. With one area and one period (every scenario@1
file) each grid cell is exactly one plan cell and can be edited. With
several areas or periods the window offers an area and a period above the
grid; while it shows "all areas" or "all periods" a grid cell is a sum, and
sums are read-only (an edit would not say which cell it meant). Stand-off
unit types stand in no area, so their cells are single plan cells in every
area view.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.scenario import words
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

    def counts(self, plan: Plan) -> dict[GridKey, int]:
        """Units per grid cell: the plan's cells in the slice, summed by nation and unit type."""
        return by_unit({key: n for key, n in plan.items() if self.holds(key.area, key.period)})

    def troops(
        self, scenario: Scenario, plan: Plan, areas: frozenset[str] | None = None
    ) -> dict[str, int]:
        """Each nation's deployed troops in the area shown, at its peak over the periods shown.

        With every area and one period this is D(n,t) of spec section 7; with
        every period, the peak commitment (``nations[].troops`` of the result).
        `areas`: count only troops standing in these (the target's areas, say).
        """
        personnel = {u.id: u.personnel for u in scenario.unit_types if u.deployed}
        per_period: dict[tuple[str, int], int] = {}
        for key, count in plan.items():
            if areas is not None and key.area not in areas:
                continue
            if key.unit in personnel and self.holds(key.area, key.period):
                at = (key.nation, key.period)
                per_period[at] = per_period.get(at, 0) + personnel[key.unit] * count
        peak = {n.code: 0 for n in scenario.nations}
        for (code, _), troops in per_period.items():
            if code in peak:
                peak[code] = max(peak[code], troops)
        return peak

    def summed(self, scenario: Scenario, unit: str | None = None) -> list[str]:
        """What a grid cell sums over: 'areas', 'periods' (empty: it is one plan cell).

        `unit` None asks about deployed unit types (the grid as a whole).
        """
        over = []
        if self.area is None and len(scenario.areas) > 1 and _deployed(scenario, unit):
            over.append("areas")
        if self.period is None and scenario.periods.several:
            over.append("periods")
        return over

    def cell(self, scenario: Scenario, nation: str, unit: str) -> Cell | None:
        """The one plan cell a grid cell shows and edits; None while it shows a sum."""
        if self.summed(scenario, unit):
            return None
        return cell(scenario, nation, unit, self.area, self.period or 1)

    def lock(self, scenario: Scenario, nation: str, unit: str, count: int) -> Lock:
        """The lock that keeps the grid cell shown at `count` (no area for stand-off types)."""
        area = self.area if _deployed(scenario, unit) else None
        return Lock(nation, unit, count, area, self.period)

    def shows_lock(self, scenario: Scenario, lock: Lock) -> bool:
        """Whether `lock` pins exactly what a grid cell of this slice shows.

        A lock summed over areas is not shown on one area's cells, nor one of a
        single period on the sum over periods; a lock for every period (no
        period) is shown in each period.
        """
        area, period = _scope(scenario, lock.unit_type, lock.area, lock.period)
        mine_area, mine_period = _scope(scenario, lock.unit_type, self.area, self.period)
        return area == mine_area and (period is None or period == mine_period)

    def locks(self, scenario: Scenario) -> dict[GridKey, int]:
        """Locked count per grid cell, for the locks this slice shows."""
        return {
            (lk.nation, lk.unit_type): lk.count
            for lk in scenario.locks
            if self.shows_lock(scenario, lk)
        }

    def where(self, scenario: Scenario, unit: str) -> str:
        """' in Kyiv region in 2027-Q2' for an edit's words; '' where there is one of each."""
        area = ""
        if self.area is not None and len(scenario.areas) > 1 and _deployed(scenario, unit):
            area = f" in {words.area_name(scenario, self.area)}"
        return area + words.in_period(scenario, self.period)

    def note(self, scenario: Scenario, unit: str | None = None) -> str:
        """Why the grid (or `unit`'s column) is read-only; empty when it shows single cells."""
        over = self.summed(scenario, unit)
        if not over:
            return ""
        pick = " and ".join(f"one {word[:-1]}" for word in over)
        return (
            f"Sums over {' and '.join(over)}, read-only (a sum does not say which cell an "
            f"edit means): choose {pick} above the grid to edit."
        )


def _deployed(scenario: Scenario, unit: str | None) -> bool:
    if unit is None:
        return True
    try:
        return scenario.unit(unit).deployed
    except KeyError:
        return True


def _scope(
    scenario: Scenario, unit: str, area: str | None, period: int | None
) -> tuple[str | None, int | None]:
    """An area and period as what they cover: one area or period alone is the same as all."""
    if not _deployed(scenario, unit) or len(scenario.areas) == 1:
        area = None
    if not scenario.periods.several:
        period = None
    return area, period
