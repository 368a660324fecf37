"""Plan cells as the window holds them: the cell a lock pins, and plans kept in step with edits.

The document keeps plans keyed by :class:`planner.scenario.plan.Cell`. A cell's area
depends on the scenario (a deployed unit stands in an area, a stand-off unit
has none), so an edit of a unit type's ``deployed`` flag moves its cells;
:func:`refit` moves them, so the counts a planner typed stay where the grid
shows them.
"""

from __future__ import annotations

from planner.scenario.model import Lock, Scenario
from planner.scenario.plan import Cell, Plan


def lock_cell(scenario: Scenario, lock: Lock) -> Cell | None:
    """The one cell `lock` pins; None when it holds a sum (over areas or periods)."""
    try:
        unit = scenario.unit(lock.unit_type)
    except KeyError:
        return None
    period = lock.period
    if period is None:
        if scenario.periods.several:
            return None
        period = 1
    area = lock.area if unit.deployed else None
    if unit.deployed and area is None:
        if len(scenario.areas) != 1:
            return None
        area = scenario.areas[0].id
    return Cell(lock.nation, lock.unit_type, area, period)


def refit(scenario: Scenario, plan: Plan) -> dict[Cell, int]:
    """`plan` with each cell's area made to fit its unit type in `scenario`.

    A stand-off type's units lose their area; a deployed type's units without
    one go to the scenario's only area. Cells of types the scenario does not
    know, or that cannot be placed (several areas), stay as they are.
    """
    fitted: dict[Cell, int] = {}
    for key, count in plan.items():
        moved = _fitted_cell(scenario, key)
        fitted[moved] = fitted.get(moved, 0) + count
    return fitted


def _fitted_cell(scenario: Scenario, key: Cell) -> Cell:
    try:
        unit = scenario.unit(key.unit)
    except KeyError:
        return key
    if not unit.deployed and key.area is not None:
        return key._replace(area=None)
    if unit.deployed and key.area is None and len(scenario.areas) == 1:
        return key._replace(area=scenario.areas[0].id)
    return key
