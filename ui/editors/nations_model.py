"""The nations table: a Qt model over ``scenario.nations`` that edits through the undo stack.

Every edit builds the whole new scenario and runs it through the core's
validation (``planner.scenario.validation.parse_scenario``), so the GUI refuses
exactly what a scenario file would refuse, with the same reason. A refused
edit emits ``editRejected`` with one sentence; nothing pops up.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from planner.errors import ScenarioError
from planner.scenario.model import Nation, Scenario
from ui import numbers
from ui.document import ScenarioDocument
from ui.editors.batch import PlannedEdit
from ui.editors.scenario_edit import refusal, validated
from ui.editors.scenario_edit import text as _text

Index = QModelIndex | QPersistentModelIndex


@dataclasses.dataclass(frozen=True)
class Column:
    """One table column: the Nation field it shows and how to parse a typed value."""

    field: str
    title: str
    parse: Callable[[Any], Any] | None  # None: read-only
    show: Callable[[Any], str] = str
    cleared: Any = None  # what Delete leaves (the format's default); None: kept


COLUMNS = (
    Column("code", "Code", None),
    Column("name", "Name", _text),
    Column("status", "Status", lambda v: _text(v).lower(), cleared="possible"),
    Column("min_troops", "Floor", numbers.parse_whole, numbers.whole, cleared=0),
    Column("max_troops", "Ceiling", numbers.parse_whole, numbers.whole, cleared=0),
    Column(
        "cost_per_troop",
        "Cost / troop",
        numbers.parse_number,
        lambda v: numbers.exact(v, 2),
        cleared=1.0,
    ),
    Column("burden_weight", "Burden weight", numbers.parse_number, numbers.exact, cleared=0.0),
)
NUMERIC = {"min_troops", "max_troops", "cost_per_troop", "burden_weight"}


def tooltip(nation: Nation) -> str:
    """Notes and sources, shown on hover."""
    parts = [nation.notes] if nation.notes else []
    parts += [f"Source: {source}" for source in nation.sources]
    return "\n\n".join(parts) or f"{nation.name}: no notes recorded."


class NationsModel(QAbstractTableModel):
    """Rows are nations, columns are COLUMNS; edits become undoable scenario replacements."""

    editRejected = Signal(str)
    editAccepted = Signal(str)

    def __init__(self, document: ScenarioDocument) -> None:
        super().__init__(document)
        self._document = document
        self._codes = [n.code for n in document.scenario.nations]
        self._shown = document.scenario.nations
        document.changed.connect(self._refresh)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._document.scenario.nations)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and COLUMNS[index.column()].parse is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        nation = self._document.scenario.nations[index.row()]
        column = COLUMNS[index.column()]
        value = getattr(nation, column.field)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.show(value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(nation)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.field in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()]
        nation = self._document.scenario.nations[index.row()]
        label = f"{nation.name}'s {column.title.lower()}"
        if column.parse is None:
            return self._reject(f"{label} cannot be edited here.")
        try:
            new_value = column.parse(value)
            after = self._replaced(index.row(), column.field, new_value)
        except (ValueError, ScenarioError) as exc:
            return self._reject(refusal(label, exc))
        if new_value == getattr(nation, column.field):
            return True
        text = f"Set {label} to {column.show(new_value)}"
        self._document.edit(after, text)
        self.editAccepted.emit(text)
        return True

    # -- many cells at once (paste, fill, Delete): see ui.editors.batch -------------------
    @property
    def document(self) -> ScenarioDocument:
        return self._document

    def writable(self, row: int, column: int) -> bool:
        return COLUMNS[column].parse is not None

    def planned_edit(self, row: int, column: int, value: Any) -> PlannedEdit:
        """The change typing `value` would make, unvalidated (ValueError if unreadable)."""
        spec = COLUMNS[column]
        assert spec.parse is not None, "a read-only column is never planned"
        parsed = spec.parse(value)

        def mutate(data: dict[str, Any]) -> None:
            data["nations"][row][spec.field] = parsed

        return PlannedEdit(self.cell_words(row, column), mutate)

    def cleared_value(self, row: int, column: int) -> Any:
        return COLUMNS[column].cleared

    def cell_words(self, row: int, column: int) -> str:
        return f"{self._document.scenario.nations[row].name}, {COLUMNS[column].title}"

    def _replaced(self, row: int, field: str, value: Any) -> Scenario:
        scenario = self._document.scenario
        nations = list(scenario.nations)
        nations[row] = dataclasses.replace(nations[row], **{field: value})
        return validated(dataclasses.replace(scenario, nations=tuple(nations)))

    def _reject(self, message: str) -> bool:
        self.editRejected.emit(message)
        return False

    def _refresh(self) -> None:
        """Repaint only the rows whose nation changed (a plan or a cell edit changes none)."""
        nations = self._document.scenario.nations
        codes = [n.code for n in nations]
        if codes != self._codes:
            self.beginResetModel()
            self._codes = codes
            self._shown = nations
            self.endResetModel()
            return
        rows = [i for i, (a, b) in enumerate(zip(self._shown, nations, strict=True)) if a != b]
        self._shown = nations
        if rows:
            first, last = self.index(rows[0], 0), self.index(rows[-1], len(COLUMNS) - 1)
            self.dataChanged.emit(first, last)
