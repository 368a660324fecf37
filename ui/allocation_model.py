"""The allocation grid: units per nation (rows) and unit type (columns) of the plan shown.

Filled from the last solve's ``PlanResult.allocation``. Cells that differ from
the plan before it are highlighted; a closest-but-infeasible plan is tinted
so nobody mistakes it for a valid one. The last column is each nation's
deployed troops, D(n), straight from ``planner.evaluate``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from planner.evaluate import Allocation, evaluate
from planner.model import Scenario

Index = QModelIndex | QPersistentModelIndex

CHANGED = QColor("#ffe08a")  # amber: changed since the previous plan
NOT_FEASIBLE = QColor("#f6d5d5")  # pale red: closest plan, not feasible
STANDOFF_HEADER = QColor("#dde6f5")
TROOPS_TITLE = "Troops"


def header_text(unit_id: str) -> str:
    """Unit ids wrapped on underscores so 17 columns fit on screen."""
    return unit_id.replace("_", "\n")


class AllocationModel(QAbstractTableModel):
    """Read-only grid of the plan shown; ``set_plan`` replaces it and marks changes."""

    def __init__(self, scenario: Scenario, parent: Any = None) -> None:
        super().__init__(parent)
        self._scenario = scenario
        self._allocation: dict[tuple[str, str], int] = {}
        self._previous: dict[tuple[str, str], int] | None = None
        self._feasible = True
        self._troops = evaluate(scenario, {}).troops

    # -- what the window calls -------------------------------------------------
    def set_scenario(self, scenario: Scenario) -> None:
        """A (possibly edited) scenario; troops recomputed, a new shape resets the grid."""
        same_shape = self._keys(scenario) == self._keys(self._scenario)
        if not same_shape:
            self.beginResetModel()
        self._scenario = scenario
        if not same_shape:
            self._allocation, self._previous = {}, None
        self._troops = evaluate(scenario, self._allocation).troops
        if same_shape:
            self._all_changed()
        else:
            self.endResetModel()

    def set_plan(self, allocation: Allocation, feasible: bool) -> None:
        """Show a new plan; the one shown until now becomes the reference for highlights."""
        self._previous = dict(self._allocation) if self._allocation or self._previous else None
        self._allocation = {k: int(v) for k, v in allocation.items() if v}
        self._feasible = feasible
        self._troops = evaluate(self._scenario, self._allocation).troops
        self._all_changed()

    @property
    def allocation(self) -> dict[tuple[str, str], int]:
        return dict(self._allocation)

    @property
    def feasible(self) -> bool:
        return self._feasible

    def count(self, row: int, column: int) -> int:
        nation, unit = self._key(row, column)
        return self._allocation.get((nation, unit), 0)

    def changed(self, row: int, column: int) -> bool:
        """True when this cell differs from the plan shown before the last one."""
        if self._previous is None or column >= len(self._scenario.unit_types):
            return False
        key = self._key(row, column)
        return self._allocation.get(key, 0) != self._previous.get(key, 0)

    # -- Qt model interface ----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._scenario.nations)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._scenario.unit_types) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        units = self._scenario.unit_types
        if orientation == Qt.Orientation.Vertical:
            nation = self._scenario.nations[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return nation.code
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{nation.name} ({nation.status})"
            return None
        if section >= len(units):
            return TROOPS_TITLE if role == Qt.ItemDataRole.DisplayRole else None
        unit = units[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return header_text(unit.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "deployed" if unit.deployed else "stand-off support, not counted in troops"
            return f"{unit.name}: {unit.personnel:,} personnel, {kind}"
        if role == Qt.ItemDataRole.BackgroundRole and not unit.deployed:
            return QBrush(STANDOFF_HEADER)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        is_troops = column >= len(self._scenario.unit_types)
        if role == Qt.ItemDataRole.DisplayRole:
            if is_troops:
                return f"{self._troops[self._scenario.nations[row].code]:,}"
            count = self.count(row, column)
            return str(count) if count else ""
        if role == Qt.ItemDataRole.EditRole:
            return (
                self._troops[self._scenario.nations[row].code]
                if is_troops
                else self.count(row, column)
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.FontRole and is_troops:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and not is_troops:
            return self._tooltip(row, column)
        return None

    # -- helpers -----------------------------------------------------------------
    def _background(self, row: int, column: int) -> QBrush | None:
        if self.changed(row, column):
            return QBrush(CHANGED)
        if not self._feasible and self._allocation:
            return QBrush(NOT_FEASIBLE)
        return None

    def _tooltip(self, row: int, column: int) -> str:
        nation, unit = self._key(row, column)
        offer = self._scenario.nation(nation).offer(unit)
        text = f"{nation} {unit}: {self.count(row, column)} of {offer} offered"
        if self.changed(row, column):
            before = (self._previous or {}).get((nation, unit), 0)
            text += f" (was {before} in the previous plan)"
        return text

    def _key(self, row: int, column: int) -> tuple[str, str]:
        return self._scenario.nations[row].code, self._scenario.unit_types[column].id

    @staticmethod
    def _keys(scenario: Scenario) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return tuple(n.code for n in scenario.nations), tuple(u.id for u in scenario.unit_types)

    def _all_changed(self) -> None:
        if self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)
