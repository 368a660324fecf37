"""Editors for the rest of the scenario: unit types, the offers grid, requirements.

Each is a small Qt model over one part of the document's scenario; an edit
is a change of the scenario's JSON data, validated by the core
(:mod:`ui.editors.scenario_edit`) and pushed on the undo stack. A refused edit emits
``editRejected`` with one sentence for the status bar.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from planner.errors import ScenarioError
from planner.scenario.model import Scenario
from ui import numbers
from ui.document import ScenarioDocument
from ui.editors.batch import PlannedEdit
from ui.editors.scenario_edit import Mutation, changed, refusal, text

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class DocumentTableModel(QAbstractTableModel):
    """Shared plumbing: follow the document, validate and push edits."""

    editRejected = Signal(str)
    editAccepted = Signal(str)
    HEADERS: tuple[str, ...] = ()  # fixed column titles; a model may derive them instead

    def __init__(self, document: ScenarioDocument) -> None:
        super().__init__(document)
        self._document = document
        self._shape = self._shape_of(document.scenario)
        document.changed.connect(self._refresh)

    @property
    def headers(self) -> tuple[str, ...]:
        return self.HEADERS

    @property
    def scenario(self) -> Scenario:
        return self._document.scenario

    # subclasses: shape, cell values, and the mutation an edit makes
    def _shape_of(self, scenario: Scenario) -> tuple:
        return tuple(u.id for u in scenario.unit_types)

    def _value(self, row: int, column: int) -> Any:
        raise NotImplementedError

    def _show(self, row: int, column: int, value: Any) -> str:
        return "" if value is None else numbers.figure(value)

    def _edit(self, row: int, column: int, value: Any) -> tuple[str, Mutation, Any]:
        """(label, mutation, parsed value) for a typed value (ValueError if unreadable)."""
        raise NotImplementedError

    def _editable(self, column: int) -> bool:
        return True

    CLEARED: tuple[Any, ...] = ()
    """Per column, what Delete leaves in a cell (None: the field has no default, kept)."""

    # -- many cells at once (paste, fill, Delete): see ui.editors.batch -------------------
    @property
    def document(self) -> ScenarioDocument:
        return self._document

    def writable(self, row: int, column: int) -> bool:
        writes = Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        return bool(self.flags(self.index(row, column)) & writes)

    def planned_edit(self, row: int, column: int, value: Any) -> PlannedEdit:
        """The change typing `value` would make, unvalidated (ValueError if unreadable)."""
        _, mutate, _ = self._edit(row, column, value)
        return PlannedEdit(self.cell_words(row, column), mutate)

    def cleared_value(self, row: int, column: int) -> Any:
        return self.CLEARED[column] if column < len(self.CLEARED) else None

    def cell_words(self, row: int, column: int) -> str:
        """ "Poland, Mechanised infantry battalion": a cell as a planner names it."""
        return f"{self._row_words(row)}, {self._column_words(column)}"

    def _row_words(self, row: int) -> str:
        """The row as a planner names it; tables whose row headers are ids override it."""
        return self._row_title(row)

    def _column_words(self, column: int) -> str:
        return " ".join(self.headers[column].split())  # a header may wrap

    # -- Qt model interface ----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.scenario.unit_types)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return self._row_title(section)

    def _row_title(self, row: int) -> str:
        return self.scenario.unit_types[row].id

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self._editable(index.column()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._value(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._show(index.row(), index.column(), value)
        if role == Qt.ItemDataRole.EditRole:
            return "" if value is None else value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return RIGHT
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role not in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole):
            return False
        if not index.isValid() or not self._editable(index.column()):
            return False
        label = self.cell_words(index.row(), index.column())
        try:
            label, mutate, parsed = self._edit(index.row(), index.column(), value)
            after = changed(self.scenario, mutate)
        except (ValueError, ScenarioError) as exc:
            self.editRejected.emit(refusal(label, exc))
            return False
        text_ = f"Set {label} to {self._show(index.row(), index.column(), parsed) or 'none'}"
        if after != self.scenario:
            self._document.edit(after, text_)
            self.editAccepted.emit(text_)
        return True

    def _refresh(self) -> None:
        shape = self._shape_of(self.scenario)
        if shape != self._shape:
            self.beginResetModel()
            self._shape = shape
            self.endResetModel()
        elif self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class UnitTypesModel(DocumentTableModel):
    """Unit types: name, personnel, category and whether they deploy (a checkbox)."""

    HEADERS = ("Name", "Personnel", "Category", "Deployed")
    fields = ("name", "personnel", "category", "deployed")
    CLEARED = (None, None, "", True)  # the format's defaults; a name and personnel are required
    DEPLOYED = 3

    def _row_words(self, row: int) -> str:
        return self.scenario.unit_types[row].name

    def _value(self, row: int, column: int) -> Any:
        return getattr(self.scenario.unit_types[row], self.fields[column])

    def _show(self, row: int, column: int, value: Any) -> str:
        if column == self.DEPLOYED:
            return "deployed" if value else "stand-off"
        return numbers.figure(value)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.DEPLOYED:
            return (base & ~Qt.ItemFlag.ItemIsEditable) | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.DEPLOYED:
            deployed = self.scenario.unit_types[index.row()].deployed
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if deployed else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Checked: troops on the ground; unchecked: stand-off support"
        return super().data(index, role)

    def _edit(self, row: int, column: int, value: Any) -> tuple[str, Mutation, Any]:
        field = self.fields[column]
        if column == self.DEPLOYED:
            if isinstance(value, Qt.CheckState):
                parsed: Any = value == Qt.CheckState.Checked
            elif isinstance(value, int) and not isinstance(value, bool):
                parsed = value == Qt.CheckState.Checked.value
            elif isinstance(value, str):  # pasted: the words the column shows, or yes/no
                parsed = deployed_from_text(value)
            else:
                parsed = bool(value)
        elif column == 1:
            parsed = numbers.parse_whole(value)
        else:
            parsed = text(value)

        def mutate(data: dict[str, Any]) -> None:
            data["unit_types"][row][field] = parsed

        unit_name = self.scenario.unit_types[row].name
        return f"{unit_name}: {self.headers[column].lower()}", mutate, parsed


class OffersModel(DocumentTableModel):
    """What each nation offers of each unit type (rows nations, columns unit types)."""

    def _shape_of(self, scenario: Scenario) -> tuple:
        return tuple(n.code for n in scenario.nations), tuple(u.id for u in scenario.unit_types)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(u.id.replace("_", "\n") for u in self.scenario.unit_types)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.scenario.nations)

    def _row_title(self, row: int) -> str:
        return self.scenario.nations[row].code

    def _row_words(self, row: int) -> str:
        return self.scenario.nations[row].name

    def _column_words(self, column: int) -> str:
        return self.scenario.unit_types[column].name

    def cleared_value(self, row: int, column: int) -> Any:
        return 0

    def _value(self, row: int, column: int) -> Any:
        return self.scenario.nations[row].offer(self.scenario.unit_types[column].id)

    def _show(self, row: int, column: int, value: Any) -> str:
        return numbers.whole(value) if value else ""

    def _edit(self, row: int, column: int, value: Any) -> tuple[str, Mutation, Any]:
        unit_id = self.scenario.unit_types[column].id
        label = f"{self._row_words(row)}'s offer of {self._column_words(column)}"
        parsed = numbers.parse_whole(value if str(value).strip() else 0)

        def mutate(data: dict[str, Any]) -> None:
            offers = data["nations"][row]["offers"]
            if not parsed:
                offers.pop(unit_id, None)
            elif isinstance(offers.get(unit_id), dict):  # scenario@2: keep its `ready_from`
                offers[unit_id]["count"] = parsed
            else:
                offers[unit_id] = parsed

        return label, mutate, parsed


class RequirementsModel(DocumentTableModel):
    """How many units of each type the force needs: min and max (empty max = no limit)."""

    HEADERS = ("Min", "Max")
    CLEARED = (0, "")  # no minimum, no upper limit: no requirement

    def _row_words(self, row: int) -> str:
        return self.scenario.unit_types[row].name

    def _column_words(self, column: int) -> str:
        return f"{self.HEADERS[column].lower()}imum"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            value = self._value(index.row(), index.column())  # text, so "no limit" can be typed
            return numbers.edit_text(value)
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == 1:
            return "Leave empty for no upper limit"
        return super().data(index, role)

    def _value(self, row: int, column: int) -> Any:
        requirement = self.scenario.requirements.get(self.scenario.unit_types[row].id)
        if requirement is None:
            return None
        return requirement.min if column == 0 else requirement.max

    def _edit(self, row: int, column: int, value: Any) -> tuple[str, Mutation, Any]:
        unit_id = self.scenario.unit_types[row].id
        key = ("min", "max")[column]
        parsed = numbers.parse_optional_whole(value)
        if key == "min" and parsed is None:
            parsed = 0

        def mutate(data: dict[str, Any]) -> None:
            requirements = data["requirements"]
            entry = dict(requirements.get(unit_id, {"min": 0, "max": None}))
            entry[key] = parsed
            if entry == {"min": 0, "max": None}:
                requirements.pop(unit_id, None)
            else:
                requirements[unit_id] = entry

        return f"{self._column_words(column)} of {self._row_words(row)}", mutate, parsed


DEPLOYED_WORDS = {"deployed": True, "yes": True, "true": True, "1": True, "x": True}
STANDOFF_WORDS = {"stand-off": False, "standoff": False, "no": False, "false": False, "0": False}


def deployed_from_text(value: str) -> bool:
    """A pasted Deployed cell: 'deployed' or 'stand-off' as the column shows them, or yes/no."""
    word = value.strip().lower()
    found = {**DEPLOYED_WORDS, **STANDOFF_WORDS}.get(word)
    if found is None:
        raise ValueError(f"'{value.strip()}' is neither 'deployed' nor 'stand-off'")
    return found
