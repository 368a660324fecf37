"""Area requirements (spec section 6): how many units of a ground type one area needs.

The Requirements tab holds the force-wide minimum and maximum per unit type;
this table, under the Areas editor, holds the same pair for the area selected
there, for deployed unit types only (stand-off units stand in no area). An
empty minimum and maximum means no requirement; the edit goes through the
core's validation like every other.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from planner.scenario.model import Requirement, Scenario, UnitType
from ui import numbers
from ui.document import ScenarioDocument
from ui.editors.scenario_edit import Mutation
from ui.editors.scenario_tables import DocumentTableModel, Index

NO_NEED = {"min": 0, "max": None}


class AreaRequirementsModel(DocumentTableModel):
    """Rows are ground unit types; Min and Max in the area chosen with ``show_area``."""

    HEADERS = ("Min", "Max")

    def __init__(self, document: ScenarioDocument) -> None:
        self.area: str | None = None  # set before the base class reads the shape
        super().__init__(document)

    def show_area(self, area_id: str | None) -> None:
        """The area whose requirements the table shows (None: none, an empty table)."""
        if area_id == self.area:
            return
        self.beginResetModel()
        self.area = area_id
        self._shape = self._shape_of(self.scenario)
        self.endResetModel()

    def _refresh(self) -> None:
        if self.area is not None and self.area not in {a.id for a in self.scenario.areas}:
            self.area = None  # removed (or undone away): the shape changes, the table resets
        super()._refresh()

    def _shape_of(self, scenario: Scenario) -> tuple:
        return self.area, tuple(u.id for u in _ground(scenario))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        shown = self.area is not None and not parent.isValid()
        return len(_ground(self.scenario)) if shown else 0

    def _row_title(self, row: int) -> str:
        return _ground(self.scenario)[row].id  # as the Requirements tab (names are long)

    def _row_words(self, row: int) -> str:
        return _ground(self.scenario)[row].name

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Vertical:
            return _ground(self.scenario)[section].name
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            return numbers.edit_text(self._value(index.row(), index.column()))
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return "Empty min and max: no requirement in this area; empty max: no upper limit"
        return super().data(index, role)

    def _requirement(self, row: int) -> Requirement | None:
        needs = self.scenario.area_requirements.get(self.area or "", {})
        return needs.get(_ground(self.scenario)[row].id)

    def _value(self, row: int, column: int) -> Any:
        requirement = self._requirement(row)
        if requirement is None:
            return None
        return requirement.min if column == 0 else requirement.max

    def _edit(self, row: int, column: int, value: Any) -> tuple[str, Mutation, Any]:
        area = self.scenario.area(self.area or "")
        unit = _ground(self.scenario)[row]
        key = ("min", "max")[column]
        parsed = numbers.parse_optional_whole(value)
        if key == "min" and parsed is None:
            parsed = 0

        def mutate(data: dict[str, Any]) -> None:
            needs = data.setdefault("area_requirements", {}).setdefault(area.id, {})
            entry = dict(needs.get(unit.id, NO_NEED))
            entry[key] = parsed
            if {k: entry.get(k) for k in NO_NEED} == NO_NEED:
                needs.pop(unit.id, None)
            else:
                needs[unit.id] = entry
            if not needs:
                data["area_requirements"].pop(area.id)

        return f"{unit.name} in {area.name}: {key}imum", mutate, parsed


def _ground(scenario: Scenario) -> list[UnitType]:
    return [u for u in scenario.unit_types if u.deployed]
