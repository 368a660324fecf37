"""Read-only result tables shared by the analysis views: numbers right-aligned, bad rows red.

Numbers given as numbers are written the locale's way (:mod:`ui.numbers`);
views format the rest with the same module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ui import numbers

BAD_ROW = QColor("#fde0dc")
PARTIAL_STYLE = "color: #9a5b00; font-weight: bold;"
"""A summary that covers only part of what was asked (cancelled, or a time limit)."""


def result_table(name: str, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def set_heading(table: QTableWidget, columns: Iterable[int], text: str) -> None:
    """Head `columns` with `text` (an objective's name once a result says which)."""
    for column in columns:
        item = table.horizontalHeaderItem(column)
        if item is not None:
            item.setText(text)


def fill_table(
    table: QTableWidget, rows: Iterable[Sequence[object]], bad: Set[int] = frozenset()
) -> None:
    """Replace the rows; numbers are right-aligned, rows in `bad` shaded red."""
    rows = list(rows)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else numbers.figure(value))
            if isinstance(value, int | float) or (isinstance(value, str) and _numeric(value)):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if r in bad:
                item.setBackground(BAD_ROW)
            table.setItem(r, c, item)


def _numeric(text: str) -> bool:
    here = numbers.locale()
    for mark in (here.groupSeparator(), here.decimalPoint(), here.percent()):
        text = text.replace(mark, "")
    return bool(text) and text.lstrip(here.positiveSign() + here.negativeSign() + "−").isdigit()


def cell_texts(table: QTableWidget, column: int) -> list[str]:
    """The texts of one column (tests and screenshots read tables through this)."""
    items = (table.item(r, column) for r in range(table.rowCount()))
    return [item.text() if item is not None else "" for item in items]
