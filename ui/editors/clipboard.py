"""Copy, paste, fill and clear blocks of cells in any editable table, as a spreadsheet does.

A copied block goes on the clipboard as tab-separated text (what Excel and
LibreOffice Calc put there and read back). A pasted
block lands at the current cell; every cell goes through its model's own
parsing (:meth:`planned_edit`) and all of them through one validation and
one undo step (:mod:`ui.editors.batch`). The view may sort and filter its
rows (a proxy model): cells are found by what the planner sees, edits land
on the nation or unit type shown there.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, Protocol

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView

from ui.document import ScenarioDocument
from ui.editors.batch import Outcome, PlannedEdit, apply_edits, cells

Block = tuple[int, int, int, int]
"""(top, left, bottom, right) rows and columns of the view, inclusive."""


class EditableTable(Protocol):
    """What a table model offers for editing many cells at once (every editor model has it)."""

    @property
    def document(self) -> ScenarioDocument: ...

    def writable(self, row: int, column: int) -> bool: ...

    def planned_edit(self, row: int, column: int, value: Any) -> PlannedEdit: ...

    def cleared_value(self, row: int, column: int) -> Any: ...

    def cell_words(self, row: int, column: int) -> str: ...


# -- text -------------------------------------------------------------------------------
def to_tsv(rows: Iterable[Iterable[str]]) -> str:
    """Rows as tab-separated lines, quoted only where a cell holds a tab, newline or quote."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()


def parse_tsv(text: str) -> list[list[str]]:
    """A tab-separated block as Excel or LibreOffice put it on the clipboard.

    Lines end in \\n or \\r\\n, the last one may or may not; a cell holding a
    newline or tab comes quoted. Ragged rows are padded with empty cells.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    width = max((len(row) for row in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows]


# -- where the cells are ------------------------------------------------------------------
def source(view: QTableView, row: int, column: int) -> tuple[Any, int, int]:
    """The editor model behind a view's cell and the cell's row and column in it."""
    model: QAbstractItemModel = view.model()
    index = model.index(row, column)
    while isinstance(model, QAbstractProxyModel):
        index = model.mapToSource(index)
        model = model.sourceModel()
    return model, index.row(), index.column()


def editor_model(view: QTableView) -> Any:
    model: QAbstractItemModel = view.model()
    while isinstance(model, QAbstractProxyModel):
        model = model.sourceModel()
    return model


def selected(view: QTableView) -> list[QModelIndex]:
    """The selected cells, top to bottom and left to right; the current cell if none."""
    indexes = view.selectionModel().selectedIndexes() if view.selectionModel() else []
    if not indexes and view.currentIndex().isValid():
        indexes = [view.currentIndex()]
    return sorted(indexes, key=lambda i: (i.row(), i.column()))


def block(view: QTableView) -> Block | None:
    """The rectangle around the selection (None: nothing selected)."""
    indexes = selected(view)
    if not indexes:
        return None
    rows = [i.row() for i in indexes]
    columns = [i.column() for i in indexes]
    return min(rows), min(columns), max(rows), max(columns)


def shown_text(view: QTableView, row: int, column: int) -> str:
    value = view.model().index(row, column).data(Qt.ItemDataRole.DisplayRole)
    return "" if value is None else str(value)


# -- copy -------------------------------------------------------------------------------
def copied_rows(view: QTableView) -> list[list[str]]:
    """The selected block's cells as the table shows them (numbers as the locale writes them)."""
    found = block(view)
    if found is None:
        return []
    top, left, bottom, right = found
    return [
        [shown_text(view, row, column) for column in range(left, right + 1)]
        for row in range(top, bottom + 1)
    ]


def copy(view: QTableView) -> int:
    """Put the selected block on the clipboard; how many cells it holds (0: nothing selected)."""
    rows = copied_rows(view)
    if not rows:
        return 0
    # text only: a QMimeData made in Python (to add HTML) crashes PySide6 at exit on the
    # offscreen platform (tests, screenshots), and both spreadsheets read the text first
    QApplication.clipboard().setText(to_tsv(rows))
    return sum(len(row) for row in rows)


# -- edits of many cells ------------------------------------------------------------------
def write(
    view: QTableView, values: dict[tuple[int, int], Any], text: str, outcome: Outcome | None = None
) -> Outcome:
    """Write `values` (by view row and column) as one undo step; what became of each cell."""
    outcome = outcome if outcome is not None else Outcome()
    edits: list[PlannedEdit] = []
    model = editor_model(view)
    for (row, column), value in sorted(values.items()):
        if not (0 <= row < view.model().rowCount() and 0 <= column < view.model().columnCount()):
            outcome.outside += 1
            continue
        _, at_row, at_column = source(view, row, column)
        if not model.writable(at_row, at_column):
            outcome.read_only += 1
            continue
        try:
            edits.append(model.planned_edit(at_row, at_column, value))
        except ValueError as exc:
            outcome.add_refusal(model.cell_words(at_row, at_column), exc)
    if edits:
        apply_edits(model.document, edits, f"{text} ({cells(len(edits))})", outcome)
    return outcome


def paste_text(view: QTableView, text: str, title: str) -> Outcome:
    """Paste a tab-separated block at the selection's top-left cell.

    One value pasted over a selected block fills every selected cell, as in
    a spreadsheet; a larger block runs right and down from the current cell.
    """
    rows = parse_tsv(text)
    anchor = block(view)
    if not rows or anchor is None:
        return Outcome()
    top, left, _, _ = anchor
    if len(rows) == 1 and len(rows[0]) == 1:
        values = {(i.row(), i.column()): rows[0][0] for i in selected(view)}
    else:
        values = {
            (top + r, left + c): value for r, row in enumerate(rows) for c, value in enumerate(row)
        }
    return write(view, values, f"Paste into {title}")


def paste(view: QTableView, title: str) -> Outcome:
    return paste_text(view, QApplication.clipboard().text(), title)


def fill(view: QTableView, title: str, down: bool) -> Outcome:
    """Fill down (or right): the selection's first row (column) copied over the rest of it.

    With one row (column) selected, the cell above (left of) each one is copied in.
    """
    found = block(view)
    if found is None:
        return Outcome()
    top, left, bottom, right = found
    values: dict[tuple[int, int], Any] = {}
    for index in selected(view):
        row, column = index.row(), index.column()
        if down:
            origin = (top, column) if bottom > top else (row - 1, column)
        else:
            origin = (row, left) if right > left else (row, column - 1)
        if origin == (row, column) or min(origin) < 0:
            continue
        values[row, column] = shown_text(view, *origin)
    return write(view, values, f"Fill {'down' if down else 'right'} in {title}")


def clear(view: QTableView, title: str) -> Outcome:
    """Delete: each selected cell back to its field's default (0 in the grid and offers)."""
    model, outcome = editor_model(view), Outcome()
    values: dict[tuple[int, int], Any] = {}
    for index in selected(view):
        _, row, column = source(view, index.row(), index.column())
        if not model.writable(row, column):
            outcome.read_only += 1
            continue
        value = model.cleared_value(row, column)
        if value is None:
            outcome.kept += 1  # a name or a personnel figure: required, nothing to clear to
        else:
            values[index.row(), index.column()] = value
    return write(view, values, f"Clear in {title}", outcome)
