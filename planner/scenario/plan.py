"""The plan's key: one cell per nation, unit type, area and period.

A plan maps cells to whole unit counts. Deployed unit types stand in an
area (the implicit ``theatre`` when a scenario declares none); stand-off
types have no area (``area`` None). Periods are 1-based. Every module that
holds or reads a plan uses :class:`Cell`, so a new index is one field here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple

from planner.scenario.model import Nation, Scenario, UnitType


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


def to_rows(scenario: Scenario, plan: Plan) -> list[list]:
    """A plan as stored in files: sorted ``[nation, unit, count]`` for a cell named by
    nation and unit alone, ``[nation, unit, area, period, count]`` otherwise; zeros dropped."""
    rows = []
    for key, count in plan.items():
        if not count:
            continue
        one_place = key.area is None or len(scenario.areas) == 1
        if key.period == 1 and one_place:
            rows.append([key.nation, key.unit, int(count)])
        else:
            rows.append([key.nation, key.unit, key.area, key.period, int(count)])
    return sorted(rows, key=lambda r: [str(v) for v in r])


def from_row(scenario: Scenario, entry: object) -> tuple[Cell, object]:
    """The cell and raw count of one stored row (see :func:`to_rows`); ValueError with a
    planner's reason when it names nothing of the scenario."""
    if not isinstance(entry, list) or len(entry) not in (3, 5):
        raise ValueError("an entry that is not [nation, unit type, count]")
    nation, unit = entry[0], entry[1]
    if not isinstance(nation, str) or not isinstance(unit, str):
        raise ValueError("an entry whose nation or unit type is not text")
    try:
        scenario.nation(nation)
        scenario.unit(unit)
    except KeyError:
        raise ValueError(f"{nation[:20]} {unit[:40]}, which the scenario does not have") from None
    if len(entry) == 3:
        try:
            return cell(scenario, nation, unit), entry[2]
        except ValueError:
            raise ValueError(f"{nation} {unit} without the area it stands in") from None
    area, period = entry[2], entry[3]
    deployed = scenario.unit(unit).deployed
    areas = {a.id for a in scenario.areas}
    if (area is None) == deployed or (area is not None and area not in areas):
        raise ValueError(f"{nation} {unit} in an area the scenario does not have")
    if isinstance(period, bool) or not isinstance(period, int):
        raise ValueError(f"{nation} {unit} in a period that is not a number")
    if not 1 <= period <= scenario.periods.count:
        raise ValueError(f"{nation} {unit} in period {period}, which the scenario does not have")
    return Cell(nation, unit, area, period), entry[4]


def entry_cell(scenario: Scenario, entry: Mapping[str, object]) -> Cell:
    """The cell of one result-document `allocation[]` entry (spec sections 4 and 10):
    `nation`, `unit_type`, and `area` / `period` where the scenario has them. ValueError
    with the field and the reason when the entry names nothing of the scenario."""
    nation, unit = entry.get("nation"), entry.get("unit_type")
    area, period = entry.get("area"), entry.get("period", 1)
    if not isinstance(nation, str) or nation not in {n.code for n in scenario.nations}:
        raise ValueError(f"nation: {nation!r:.40} is not a nation of the scenario")
    if not isinstance(unit, str) or unit not in {u.id for u in scenario.unit_types}:
        raise ValueError(f"unit_type: {unit!r:.40} is not a unit type of the scenario")
    if area is not None and (
        not isinstance(area, str) or area not in {a.id for a in scenario.areas}
    ):
        raise ValueError(f"area: {area!r:.40} is not an area of the scenario")
    if isinstance(period, bool) or not isinstance(period, int):
        raise ValueError(f"period: {period!r:.40} is not a period number")
    if not 1 <= period <= scenario.periods.count:
        raise ValueError(f"period: {period} is not a period of the scenario")
    if area is not None and not scenario.unit(unit).deployed:
        raise ValueError(f"area: {unit} is a stand-off unit type, which stands in no area")
    try:
        return cell(scenario, nation, unit, area, period)
    except ValueError:
        raise ValueError("area: name the area (the scenario has several)") from None


def peak_units(plan: Plan) -> dict[tuple[str, str], int]:
    """Units per (nation, unit type) at the busiest period, summed over areas: what a nation
    has on operations at once (with one period, simply its units)."""
    per_period: dict[tuple[str, str, int], int] = {}
    for key, count in plan.items():
        if count:
            slot = (key.nation, key.unit, key.period)
            per_period[slot] = per_period.get(slot, 0) + count
    out: dict[tuple[str, str], int] = {}
    for (nation, unit, _), count in per_period.items():
        out[nation, unit] = max(out.get((nation, unit), 0), count)
    return out
