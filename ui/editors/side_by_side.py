"""Two panes of an editor tab side by side: a table and what edits its selected row."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QSplitter, QTableView, QVBoxLayout, QWidget

TableMaker = Callable[[str, QAbstractItemModel], QTableView]
"""The window's own table factory (object name, model) that the side-by-side editors use."""


def side_by_side(
    owner: QWidget, name: str, left: QWidget, right: QWidget, sizes: tuple[int, int]
) -> QSplitter:
    """Fill `owner` with a splitter of `left` and `right` in `sizes`, neither collapsible."""
    splitter = QSplitter()
    splitter.setObjectName(name)
    splitter.addWidget(left)
    splitter.addWidget(right)
    for index, size in enumerate(sizes):
        splitter.setStretchFactor(index, size)
    splitter.setSizes(list(sizes))
    splitter.setChildrenCollapsible(False)
    box = QVBoxLayout(owner)
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(splitter)
    return splitter


def column(*widgets: QWidget) -> QWidget:
    """`widgets` stacked in one pane without margins."""
    pane = QWidget()
    box = QVBoxLayout(pane)
    box.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        box.addWidget(widget)
    return pane
