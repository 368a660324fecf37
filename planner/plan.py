"""The plan's key: one cell per nation, unit type, area and period.

A plan maps cells to whole unit counts. Deployed unit types stand in an
area (the implicit ``theatre`` when a scenario declares none); stand-off
types have no area (``area`` None). Periods are 1-based. Every module that
holds or reads a plan uses :class:`Cell`, so a new index is one field here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple

from planner.model import Nation, Scenario, UnitType


class Cell(NamedTuple):
    """Where units of one type from one nation serve: an area (None: stand-off) and a period."""

    nation: str
    unit: str
    area: str | None
    period: int = 1


Plan = Mapping[Cell, int]
"""Units per cell; missing cells are zero."""


def cell(
    scenario: Scenario, nation: str, unit: str, area: str | None = None, period: int = 1
) -> Cell:
    """The cell of `nation`'s `unit` units; `area` defaults to the only area a scenario has.

    For a scenario without declared areas (every scenario@1 file) a deployed
    unit's cell is in the implicit area, so callers can name cells by nation
    and unit alone. With several areas a deployed unit's area must be given.
    """
    if not scenario.unit(unit).deployed:
        return Cell(nation, unit, None, period)
    if area is None:
        if len(scenario.areas) != 1:
            raise ValueError(f"{nation} {unit}: name the area, the scenario has several")
        area = scenario.areas[0].id
    return Cell(nation, unit, area, period)


def nation_cells(scenario: Scenario, nation: Nation, unit: UnitType) -> Iterator[Cell]:
    """Every cell `nation` may fill with `unit` under its offer, caveat and readiness (H1)."""
    if nation.offer(unit.id) <= 0:
        return
    areas: tuple[str | None, ...] = scenario.areas_of(nation) if unit.deployed else (None,)
    for period in range(nation.ready(unit.id), scenario.periods.count + 1):
        for area in areas:
            yield Cell(nation.code, unit.id, area, period)


def all_cells(scenario: Scenario) -> Iterator[Cell]:
    """Every cell any nation may fill, nation by nation in scenario order."""
    for nation in scenario.nations:
        for unit in scenario.unit_types:
            yield from nation_cells(scenario, nation, unit)


def clean(plan: Plan) -> dict[Cell, int]:
    """A plan dict with zero counts dropped and counts as exact ints."""
    return {key: int(count) for key, count in plan.items() if count}


def by_unit(plan: Plan) -> dict[tuple[str, str], int]:
    """Units per (nation, unit type) summed over areas and periods: a one-period view."""
    out: dict[tuple[str, str], int] = {}
    for key, count in plan.items():
        if count:
            out[key.nation, key.unit] = out.get((key.nation, key.unit), 0) + count
    return out
