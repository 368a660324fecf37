"""The rules a plan breaks, placed on the allocation grid: on one cell, or on a nation's row.

Every broken rule comes from :func:`planner.rules.violations`. A soft rule
says what it points at through its family
(``planner.rules.family_of(name).select``); those that point at one cell (a
lock) mark that cell. A nation's own statements (hard, ``nation.<CODE>``)
mark its row, except an offer exceeded, which marks the cell of that unit type.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.rules import Violation, family_of, names, violations
from planner.scenario import words
from planner.scenario.evaluate import PlanEvaluation
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan
from ui.editors.grid_slice import GridKey, Slice


@dataclass
class GridMarks:
    """Reasons per grid cell and per nation row, and which cells only a cell's own rule marks."""

    cells: dict[GridKey, list[str]] = field(default_factory=dict)
    rows: dict[str, list[str]] = field(default_factory=dict)
    ruled: set[GridKey] = field(default_factory=set)
    """Cells a rule about that very cell marks (a lock): orange rather than red."""

    def mark_cell(self, key: GridKey, message: str) -> None:
        self.cells.setdefault(key, []).append(message)


def grid_marks(scenario: Scenario, plan: Plan, ev: PlanEvaluation, view: Slice) -> GridMarks:
    """Where each rule `plan` breaks shows on a grid that shows `view` of it."""
    marks = GridMarks()
    for violation in violations(scenario, plan):
        if violation.hard:
            _place_statement(scenario, ev, view, violation, marks)
            continue
        try:
            selection = family_of(violation.constraint).select(scenario, violation.constraint)
        except (KeyError, ValueError, StopIteration):  # a name no family can place
            continue
        if selection.kind != "cell":
            continue
        nation, unit, area, period = selection.keys
        if view.holds(area if isinstance(area, str) else None, _period(period)):
            key = (str(nation), str(unit))
            marks.mark_cell(key, violation.message)
            marks.ruled.add(key)
    return marks


def _place_statement(
    scenario: Scenario, ev: PlanEvaluation, view: Slice, violation: Violation, marks: GridMarks
) -> None:
    """A nation's statement: its offer of one unit type marks that cell, the rest its row."""
    code = statement_nation(scenario, violation.constraint)
    if code is None:  # a hard rule of another family (a condition): nowhere on the grid
        return
    exceeded = offer_exceeded(scenario, ev, code, violation.message)
    if exceeded is None:
        marks.rows.setdefault(code, []).append(violation.message)
        return
    unit, period = exceeded
    if view.holds(None, period):
        marks.mark_cell((code, unit), violation.message)


def statement_nation(scenario: Scenario, constraint: str) -> str | None:
    """The nation whose own statements `constraint` is (``names.nation``), else None.

    Matched against the names the rules build, never taken apart: the name is the rules'.
    """
    return next((n.code for n in scenario.nations if names.nation(n.code) == constraint), None)


def offer_exceeded(
    scenario: Scenario, ev: PlanEvaluation, code: str, message: str
) -> tuple[str, int] | None:
    """(unit type, period) whose offer `message` says `code` exceeds; None for other statements.

    The statement's sentence is the only thing that says which offer it is
    about, so it is matched whole, as :mod:`planner.rules.statements` writes it.
    """
    try:
        nation = scenario.nation(code)
    except KeyError:
        return None
    for unit in scenario.unit_types:
        offer = nation.offer(unit.id)
        for t, count in enumerate(ev.nation_units_at.get((code, unit.id), ()), start=1):
            said = (
                f" gives {words.units(scenario, unit.id, count)}"
                f"{words.in_period(scenario, t)}, more than its offer of {offer}"
            )
            if count > offer and said in message:
                return unit.id, t
    return None


def _period(value: object) -> int | None:
    return value if isinstance(value, int) else None
