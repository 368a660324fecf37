"""The allocation grid: units per nation (rows) and unit type (columns) of the plan shown.

The planner types counts here (each one an undoable edit of the document)
and locks cells so the optimiser keeps them (a ``Lock`` in the scenario).
Cells that break the nation's offer, floor or ceiling, or a lock, are
coloured at once with the reason in the tooltip, straight from
``planner.rules.violations`` (placed by :mod:`ui.editors.grid_marks`). Cells that
differ from the plan before the last solve are highlighted; a
closest-but-infeasible plan is tinted so nobody mistakes it for a valid one.
The last column is each nation's deployed troops, D(n), from
``planner.scenario.evaluate``. Which plan cells a grid cell shows is the model's
:class:`ui.editors.grid_slice.Slice`; while it shows sums the grid is read-only.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap

from planner.errors import ScenarioError
from planner.scenario import words
from planner.scenario.evaluate import PlanEvaluation, evaluate
from planner.scenario.format import MAX_UNITS
from planner.scenario.model import Lock, Scenario
from planner.scenario.offer_state import OfferState, offer_state, state_words
from planner.scenario.plan import Cell
from ui import numbers
from ui.document import ScenarioDocument
from ui.editors.batch import PlannedEdit
from ui.editors.grid_marks import grid_marks
from ui.editors.grid_slice import GridKey, Slice
from ui.editors.offer_tints import STATE_TINTS
from ui.editors.scenario_edit import refusal, validated

Index = QModelIndex | QPersistentModelIndex

CHANGED = QColor("#ffe08a")  # amber: changed since the previous plan
NOT_FEASIBLE = QColor("#f6d5d5")  # pale red: closest plan, not feasible
BROKEN = QColor("#e8706a")  # red: breaks the nation's offer, floor or ceiling
LOCK_BROKEN = QColor("#f2a65a")  # orange: differs from its lock
STANDOFF_HEADER = QColor("#dde6f5")
TROOPS_TITLE = "Troops"
LOCK_ROLE = Qt.ItemDataRole.UserRole + 1  # the locked count, or None
BROKEN_ROLE = Qt.ItemDataRole.UserRole + 2  # list of reasons the cell is marked
STATE_ROLE = Qt.ItemDataRole.UserRole + 3  # the offer's state in the period shown, or None
HANDLED = {
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        LOCK_ROLE,
        BROKEN_ROLE,
        STATE_ROLE,
    )
}

_lock_icon: QIcon | None = None
READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
EDITABLE = READ_ONLY | Qt.ItemFlag.ItemIsEditable
Display, Background = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def lock_icon() -> QIcon:
    """A small padlock, drawn once (no image files to ship)."""
    global _lock_icon
    if _lock_icon is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#333333"), 1.4))
        painter.drawArc(QRectF(3, 0.8, 6, 7), 0, 180 * 16)
        painter.drawLine(QPointF(3, 4.3), QPointF(3, 6))
        painter.drawLine(QPointF(9, 4.3), QPointF(9, 6))
        painter.fillRect(QRectF(1.5, 5.5, 9, 6), QColor("#333333"))
        painter.end()
        _lock_icon = QIcon(pixmap)
    return _lock_icon


def typed_count(value: Any) -> int:
    """A count typed or pasted into the grid (empty: 0); ValueError with the reason if not one."""
    count = numbers.parse_whole(value if str(value).strip() else 0)
    if count < 0:
        raise ValueError(f"{numbers.whole(count)} is below 0")
    if count > MAX_UNITS:
        raise ValueError(f"{numbers.whole(count)} is above the limit of {numbers.whole(MAX_UNITS)}")
    return count


def lock_data(lock: Lock) -> dict[str, Any]:
    """A lock as the scenario's JSON data holds it (no area or period keys when None)."""
    return {k: v for k, v in dataclasses.asdict(lock).items() if v is not None}


def header_text(unit_id: str) -> str:
    """Unit ids on two lines at most, broken at the underscore nearest the middle.

    Narrow columns so 17 fit on screen, and a header two lines high (not
    three) so a 768-pixel screen keeps its grid rows.
    """
    words = unit_id.split("_")
    if len(words) < 2:
        return unit_id
    best = min(
        range(1, len(words)),
        key=lambda cut: max(len(" ".join(words[:cut])), len(" ".join(words[cut:]))),
    )
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])


class AllocationModel(QAbstractTableModel):
    """The plan shown, editable and lockable; every change goes through the document."""

    editRejected = Signal(str)
    editAccepted = Signal(str)

    def __init__(self, document: ScenarioDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._scenario = document.scenario
        self.slice = Slice()
        """The area and period shown (None: summed over them); see :mod:`ui.editors.grid_slice`."""
        self._allocation: dict[Cell, int] = dict(document.allocation)
        self._previous: dict[Cell, int] | None = None
        self._closest = False
        self._painted: dict[int, dict[tuple[int, int], Any]] = {}
        self._refresh_derived()

    # -- what the window calls -------------------------------------------------
    def refresh(self) -> None:
        """Follow the document (after an edit, undo, load or new plan)."""
        scenario = self._document.scenario
        same_shape = self._keys(scenario) == self._keys(self._scenario)
        if not same_shape:
            self.beginResetModel()
            self._previous = None
        before, self._scenario = self._scenario, scenario
        self._allocation = dict(self._document.allocation)
        self._refresh_derived()
        if not same_shape:
            self.endResetModel()
            return
        self._all_changed()
        if before.unit_types != scenario.unit_types:  # names, deployed tint in the header
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if before.nations != scenario.nations and self.rowCount():  # name/status tooltips
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    def begin_plan(self) -> None:
        """A new plan is about to replace the one shown: that one becomes the reference.

        The window then hands the plan to the document, whose ``changed`` calls ``refresh``.
        """
        self._previous = dict(self._allocation) if self._allocation or self._previous else None

    def reset_plan(self) -> None:
        self._previous = None

    def show_slice(self, view: Slice) -> None:
        """Show another area and period of the plan (or sums over them); the shape stays."""
        self.slice = view
        self._refresh_derived()
        self._all_changed()
        if self.columnCount():  # 'Troops' or 'Peak troops'
            last = self.columnCount() - 1
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, last, last)

    def show_closest(self, closest: bool) -> None:
        """Tint the cells as an infeasible result's closest plan, or not (call before refresh)."""
        self._closest = closest

    @property
    def allocation(self) -> dict[Cell, int]:
        return dict(self._allocation)

    def note(self) -> str:
        """One line for under the grid while it shows sums (empty while it edits cells)."""
        return self.slice.note(self._scenario)

    def cell_at(self, row: int, column: int) -> Cell | None:
        """The plan cell a grid cell shows and edits; None for sums and the troops column."""
        if not self.is_unit_column(column) or not 0 <= row < self.rowCount():
            return None
        code, unit = self._key(row, column)
        return self.slice.cell(self._scenario, code, unit)

    def count(self, row: int, column: int) -> int:
        return self._counts.get(self._key(row, column), 0)

    def is_unit_column(self, column: int) -> bool:
        return 0 <= column < len(self._scenario.unit_types)

    def changed(self, row: int, column: int) -> bool:
        """True when this cell differs from the plan shown before the last one."""
        if self._previous is None or not self.is_unit_column(column):
            return False
        key = self._key(row, column)
        return self._counts.get(key, 0) != self._previous_counts.get(key, 0)

    def reasons(self, row: int, column: int) -> list[str]:
        """Why this cell is marked (empty when it breaks nothing)."""
        code = self._scenario.nations[row].code
        if not self.is_unit_column(column):
            return list(self._row_reasons.get(code, []))
        key = self._key(row, column)
        found = list(self._cell_reasons.get(key, []))
        if self._counts.get(key, 0):
            found += self._row_reasons.get(code, [])
        return found

    def toggle_lock(self, row: int, column: int) -> bool:
        """Lock the cell at its count, or unlock it; False (and a reason) if refused."""
        if not self.is_unit_column(column) or not 0 <= row < self.rowCount():
            return self._reject("Select a unit cell of the allocation grid to lock it.")
        code, unit = self._key(row, column)
        if self.cell_at(row, column) is None:
            return self._reject(self.slice.note(self._scenario, unit))
        count = self.count(row, column)
        scenario = self._document.scenario
        kept = self._other_locks(scenario, (code, unit))
        label = self.cell_words(row, column)
        if len(kept) < len(scenario.locks):
            text = f"Unlock {label}"
            self._document.edit(self._with_locks(scenario, kept), text)
        else:
            text = f"Lock {label} at {numbers.whole(count)}"
            lock = self.slice.lock(scenario, code, unit, count)
            try:
                after = validated(self._with_locks(scenario, (*kept, lock)))
            except ScenarioError as exc:
                return self._reject(refusal(f"Cannot lock {label} at {count}", exc))
            self._document.edit(after, text)
        self.editAccepted.emit(text)
        return True

    # -- Qt model interface ----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._scenario.nations)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._scenario.unit_types) + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return EDITABLE if self.cell_at(index.row(), index.column()) else READ_ONLY

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
            over_periods = self.slice.period is None and self._scenario.periods.count > 1
            if role == Qt.ItemDataRole.DisplayRole:
                return f"Peak {TROOPS_TITLE.lower()}" if over_periods else TROOPS_TITLE
            if role == Qt.ItemDataRole.ToolTipRole and over_periods:
                return "Each nation's most troops in any one period shown (peaks do not add up)"
            return None
        unit = units[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return header_text(unit.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "deployed" if unit.deployed else "stand-off support, not counted in troops"
            return f"{unit.name}: {numbers.whole(unit.personnel)} personnel, {kind}"
        if role == Qt.ItemDataRole.BackgroundRole and not unit.deployed:
            return QBrush(STANDOFF_HEADER)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        fast = self._painted.get(role)  # the roles every repaint asks for, precomputed
        if fast is not None:
            return fast.get((row, column))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role not in HANDLED:
            return None
        if not self.is_unit_column(column):
            return self._troops_data(row, role)
        key = self._key(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            count = self._counts.get(key, 0)
            return numbers.whole(count) if count or key in self._locks else ""
        if role == Qt.ItemDataRole.EditRole:
            return self._counts.get(key, 0)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column)
        if role == Qt.ItemDataRole.DecorationRole and key in self._locks:
            return lock_icon()
        if role == Qt.ItemDataRole.FontRole and key in self._locks:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == LOCK_ROLE:
            return self._locks.get(key)
        if role == BROKEN_ROLE:
            return self.reasons(row, column)
        if role == STATE_ROLE:
            state = self._states.get(key)
            return state.kind if state is not None else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.is_unit_column(index.column()):
            return self._reject("Troops are computed from the units; type counts in unit cells.")
        code, unit = key = self._key(index.row(), index.column())
        target = self.cell_at(index.row(), index.column())
        if target is None:
            return self._reject(self.slice.note(self._scenario, unit))
        label = self.cell_words(index.row(), index.column())
        try:
            count = typed_count(value)
        except ValueError as exc:
            return self._reject(refusal(label, exc))
        if count == self._counts.get(key, 0):
            return True
        text = f"Set {label} to {numbers.whole(count)}"
        scenario = self._document.scenario
        if key in self._locks:  # typing in a locked cell moves the lock with it
            kept = self._other_locks(scenario, key)
            lock = self.slice.lock(scenario, code, unit, count)
            try:
                scenario = validated(self._with_locks(scenario, (*kept, lock)))
            except ScenarioError as exc:
                return self._reject(refusal(f"{label} (locked)", exc))
            text += " (locked)"
        self._document.edit(scenario, text, {target: count})
        self.editAccepted.emit(text)
        return True

    # -- many cells at once (paste, fill, Delete): see ui.editors.batch -------------------
    @property
    def document(self) -> ScenarioDocument:
        return self._document

    def writable(self, row: int, column: int) -> bool:
        return self.cell_at(row, column) is not None

    def cleared_value(self, row: int, column: int) -> Any:
        return 0

    def cell_words(self, row: int, column: int) -> str:
        nation = self._scenario.nations[row].name
        if not self.is_unit_column(column):
            return f"{nation}, {TROOPS_TITLE.lower()}"
        unit = self._scenario.unit_types[column]
        return f"{nation}, {unit.name}{self.slice.where(self._scenario, unit.id)}"

    def planned_edit(self, row: int, column: int, value: Any) -> PlannedEdit:
        """The count typed into a writable cell; a lock on it moves with it (unvalidated)."""
        target = self.cell_at(row, column)
        assert target is not None, "a read-only cell is never planned"
        count = typed_count(value)
        key = self._key(row, column)
        if key not in self._locks:
            return PlannedEdit(self.cell_words(row, column), None, {target: count})
        scenario, view = self._document.scenario, self.slice
        lock = lock_data(view.lock(scenario, key[0], key[1], count))

        def move_lock(data: dict[str, Any]) -> None:
            data["locks"] = [
                d
                for d in data["locks"]
                if (d["nation"], d["unit_type"]) != key or not view.shows_lock(scenario, Lock(**d))
            ]
            data["locks"].append(lock)

        return PlannedEdit(self.cell_words(row, column), move_lock, {target: count})

    # -- helpers -----------------------------------------------------------------
    def _refresh_derived(self) -> None:
        scenario, allocation, view = self._scenario, self._allocation, self.slice
        ev = evaluate(scenario, allocation)
        self._troops = view.troops(scenario, allocation)
        self._counts = view.counts(allocation)
        self._previous_counts = view.counts(self._previous or {})
        self._locks: dict[GridKey, int] = view.locks(scenario)
        self._states = self._offer_states(ev)
        marks = grid_marks(scenario, allocation, ev, view)
        self._cell_reasons, self._row_reasons, self._lock_cells = (
            marks.cells,
            marks.rows,
            marks.ruled,
        )
        self._painted = {}
        self._painted = self._precompute()

    def _precompute(self) -> dict[int, dict[tuple[int, int], Any]]:
        """Display text and background of every cell, so repaints are dictionary lookups."""
        display: dict[tuple[int, int], Any] = {}
        background: dict[tuple[int, int], Any] = {}
        broken_row = QBrush(BROKEN)
        last = len(self._scenario.unit_types)
        for row, nation in enumerate(self._scenario.nations):
            for column, unit in enumerate(self._scenario.unit_types):
                key = (nation.code, unit.id)
                count = self._counts.get(key, 0)
                display[row, column] = numbers.whole(count) if count or key in self._locks else ""
                background[row, column] = self._background(row, column)
            display[row, last] = numbers.whole(self._troops[nation.code])
            background[row, last] = broken_row if nation.code in self._row_reasons else None
        return {int(Display): display, int(Background): background}

    def _troops_data(self, row: int, role: int) -> Any:
        code = self._scenario.nations[row].code
        if role == Qt.ItemDataRole.DisplayRole:
            return numbers.whole(self._troops[code])
        if role == Qt.ItemDataRole.EditRole:
            return self._troops[code]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and code in self._row_reasons:
            return QBrush(BROKEN)
        if role == Qt.ItemDataRole.ToolTipRole and code in self._row_reasons:
            return "\n".join(numbers.localised(r) for r in self._row_reasons[code])
        if role == BROKEN_ROLE:
            return list(self._row_reasons.get(code, []))
        return None

    def _background(self, row: int, column: int) -> QBrush | None:
        key = self._key(row, column)
        reasons = self.reasons(row, column)
        if reasons:
            only_lock = key in self._lock_cells and len(reasons) == 1
            return QBrush(LOCK_BROKEN if only_lock else BROKEN)
        if self.changed(row, column):
            return QBrush(CHANGED)
        if self._closest and self._allocation:
            return QBrush(NOT_FEASIBLE)
        state = self._states.get(key)
        return STATE_TINTS.get(state.kind) if state is not None else None

    def _offer_states(self, ev: PlanEvaluation) -> dict[GridKey, OfferState]:
        """Each offer's state in the one period shown (none while the grid sums periods)."""
        scenario, period = self._scenario, self.slice.period
        if period is None or not scenario.periods.several:
            return {}
        return {
            (n.code, u.id): offer_state(scenario, ev, n.code, u.id, period)
            for n in scenario.nations
            for u in scenario.unit_types
            if n.offer(u.id)
        }

    def _tooltip(self, row: int, column: int) -> str:
        code, unit = key = self._key(row, column)
        offer = self._scenario.nation(code).offer(unit)
        count, whole = self.count(row, column), numbers.whole
        over = self.slice.summed(self._scenario, unit)
        if over:
            lines = [
                f"{code} {unit}: {whole(count)}, summed over {' and '.join(over)}",
                self.slice.note(self._scenario, unit),
            ]
        else:
            lines = [f"{code} {unit}: {whole(count)} of {whole(offer)} offered"]
        if key in self._locks:
            lines.append(f"Locked at {whole(self._locks[key])} (Ctrl+L to unlock)")
        if self.changed(row, column):
            before = self._previous_counts.get(key, 0)
            lines.append(f"Was {whole(before)} in the previous plan")
        state = self._states.get(key)
        if state is not None:
            when = words.period_label(self._scenario, self.slice.period or 1)
            said = state_words(self._scenario, state)
            lines.append(f"Offer in {when}: {numbers.localised(said[0].lower() + said[1:])}")
        lines += [numbers.localised(reason) for reason in self.reasons(row, column)]
        return "\n".join(lines)

    def _key(self, row: int, column: int) -> GridKey:
        return self._scenario.nations[row].code, self._scenario.unit_types[column].id

    def _other_locks(self, scenario: Scenario, key: GridKey) -> tuple[Lock, ...]:
        """The scenario's locks but those of grid cell `key` in the slice shown."""
        return tuple(
            lk
            for lk in scenario.locks
            if (lk.nation, lk.unit_type) != key or not self.slice.shows_lock(scenario, lk)
        )

    @staticmethod
    def _with_locks(scenario: Scenario, locks: tuple[Lock, ...]) -> Scenario:
        return dataclasses.replace(scenario, locks=locks)

    @staticmethod
    def _keys(scenario: Scenario) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return tuple(n.code for n in scenario.nations), tuple(u.id for u in scenario.unit_types)

    def _reject(self, message: str) -> bool:
        self.editRejected.emit(message)
        return False

    def _all_changed(self) -> None:
        if self.rowCount() and self.columnCount():
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
