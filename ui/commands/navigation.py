"""From a constraint name in the explanation to the thing it names on screen.

The rule's family says what it points at (``planner.rules.family_of(name)
.select``, a :class:`planner.rules.Selection`); each kind of selection has
one handler here that puts its editor or cell in front of the planner: a
nation's row, a unit type's column of the allocation grid, one cell, or a
field of the target form. A nation's own statements (hard rules, named
``nation.<CODE>``) select its row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QItemSelectionModel

from planner.rules import Selection, family_of
from planner.scenario.model import Scenario
from ui.editors.grid_marks import statement_nation
from ui.editors.nations_model import COLUMNS
from ui.editors.row_filter import view_row

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QTableView, QTabWidget

    from ui.document import ScenarioDocument
    from ui.editors.allocation_model import AllocationModel
    from ui.editors.slice_bar import SliceBar
    from ui.editors.target_form import TargetForm

Keys = tuple[str | int | None, ...]


class Screen(Protocol):
    """The parts of the window a selection is shown in (the main window is one)."""

    @property
    def document(self) -> ScenarioDocument: ...

    @property
    def tabs(self) -> QTabWidget: ...

    @property
    def nations_table(self) -> QTableView: ...

    @property
    def nation_filter(self) -> QLineEdit: ...

    @property
    def requirements_table(self) -> QTableView: ...

    @property
    def allocation_grid(self) -> QTableView: ...

    @property
    def allocation_model(self) -> AllocationModel: ...

    @property
    def slice_bar(self) -> SliceBar: ...

    @property
    def target_form(self) -> TargetForm: ...


def selection_for(scenario: Scenario, constraint: str) -> Selection | None:
    """What `constraint` points at, or None for a name no rule of `scenario` owns.

    A soft rule says it through its family; a nation's own statements (a hard
    rule, which has no family to ask) select that nation's row.
    """
    code = statement_nation(scenario, constraint)
    if code is not None:
        return Selection("nation", (code, None))
    try:
        return family_of(constraint).select(scenario, constraint)
    except (KeyError, ValueError, IndexError, StopIteration):  # no such rule in the scenario
        return None


def select_constraint(window: Screen, constraint: str) -> bool:
    """Show and select what `constraint` names; False if it names nothing on screen."""
    selection = selection_for(window.document.scenario, constraint)
    if selection is None:
        return False
    handler = HANDLERS.get(selection.kind)
    return handler is not None and handler(window, selection.keys)


STATUS_COLUMN = [c.field for c in COLUMNS].index("status")


def _nation(window: Screen, keys: Keys) -> bool:
    codes = [n.code for n in window.document.scenario.nations]
    if not keys or keys[0] not in codes:
        return False
    row = codes.index(str(keys[0]))
    window.tabs.setCurrentWidget(window.nations_table)
    shown = view_row(window.nations_table, row)  # the table may be sorted or filtered
    if shown < 0:  # the filter hides it: show every nation again
        window.nation_filter.clear()
        shown = view_row(window.nations_table, row)
    window.nations_table.selectRow(shown)
    if window.document.scenario.nations[row].status == "declined":  # what would change first
        table = window.nations_table
        table.setCurrentIndex(table.model().index(shown, STATUS_COLUMN))
    window.allocation_grid.selectRow(row)
    return True


def _unit_column(unit: object, window: Screen) -> bool:
    units = [u.id for u in window.document.scenario.unit_types]
    if unit not in units:
        return False
    column = units.index(str(unit))
    window.allocation_grid.selectColumn(column)
    window.allocation_grid.scrollTo(window.allocation_model.index(0, column))
    return True


def _requirement(window: Screen, keys: Keys) -> bool:
    """The requirement's own cell (its minimum or maximum) in Requirements, and its grid column.

    The requirement is what the planner changes to relax it; the column shows who gives it.
    """
    if not keys or not _unit_column(keys[0], window):
        return False
    units = [u.id for u in window.document.scenario.unit_types]
    bound = 1 if len(keys) > 1 and keys[1] == "max" else 0  # the table's Min, Max columns
    table = window.requirements_table
    window.tabs.setCurrentWidget(table)
    index = table.model().index(units.index(str(keys[0])), bound)
    table.setCurrentIndex(index)
    table.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    table.scrollTo(index)
    return True


def _area_requirement(window: Screen, keys: Keys) -> bool:
    """No area editor yet: the unit type's column of the grid, showing that area."""
    if len(keys) < 2:
        return False
    window.slice_bar.choose(area=keys[0])
    return _unit_column(keys[1], window)


def _cell(window: Screen, keys: Keys) -> bool:
    scenario = window.document.scenario
    codes = [n.code for n in scenario.nations]
    units = [u.id for u in scenario.unit_types]
    if len(keys) < 2 or keys[0] not in codes or keys[1] not in units:
        return False
    if len(keys) == 4:  # the grid shows the cell's own area and period, where it has several
        window.slice_bar.choose(area=keys[2], period=keys[3])
    index = window.allocation_model.index(codes.index(str(keys[0])), units.index(str(keys[1])))
    grid = window.allocation_grid
    grid.setCurrentIndex(index)
    grid.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    grid.scrollTo(index)
    grid.setFocus()
    return True


def _form_field(window: Screen, keys: Keys) -> bool:
    """A field of the target form: the target band, largest share or fewest nations."""
    form = window.target_form
    spins: dict[object, QAbstractSpinBox] = {
        "min_troops": form.min_troops,
        "build_up": form.min_troops,  # the build-up is a minimum of the target band
        "max_troops": form.max_troops,
        "max_share": form.max_share,
        "min_nations": form.min_nations,
    }
    spin = spins.get(keys[0] if keys else None, form.min_nations)
    window.tabs.setCurrentWidget(form)
    spin.setFocus()
    spin.selectAll()
    return True


HANDLERS: dict[str, Callable[[Screen, Keys], bool]] = {
    "nation": _nation,
    "requirement": _requirement,
    "area_requirement": _area_requirement,
    "cell": _cell,
    "target": _form_field,
    "rules": _form_field,
}
"""One handler per kind of :class:`planner.rules.Selection`; kinds without one (``area``,
no area editor yet) name nothing on screen."""
