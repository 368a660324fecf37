"""Sorting and filtering of tables whose rows are nations (the nations table, the offers).

A header click sorts by that column (numbers as numbers), a second click
reverses, a third returns to the file's order. The filter keeps the nations
whose code, name or status holds the text typed. Both live in a proxy, so
the scenario's order never changes and an edit through a sorted or filtered
view still reaches the nation shown (the views map every index back).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QLineEdit, QTableView

from ui.document import ScenarioDocument

Index = QModelIndex | QPersistentModelIndex


class NationRows(QSortFilterProxyModel):
    """A sorted, filtered view of a model whose row `i` is the scenario's nation `i`."""

    def __init__(self, document: ScenarioDocument, source: QAbstractItemModel) -> None:
        super().__init__(source)
        self._document = document
        self._text = ""
        self.setSourceModel(source)
        self.setSortRole(Qt.ItemDataRole.EditRole)  # 8,000 after 900, not before
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        if not hasattr(self, "endFilterChange"):  # Qt before 6.10 (pyproject allows 6.8)
            self._text = text.strip().casefold()
            self.invalidateFilter()
            return
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def text(self) -> str:
        return self._text

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._text:
            return True
        nations = self._document.scenario.nations
        if not 0 <= source_row < len(nations):
            return True
        nation = nations[source_row]
        return any(
            self._text in word.casefold() for word in (nation.code, nation.name, nation.status)
        )


def sortable(view: QTableView) -> None:
    """Header clicks on `view` (over a :class:`NationRows`) sort: up, down, file order."""
    header = view.horizontalHeader()
    header.setSortIndicatorClearable(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)  # a header click sorts instead of selecting the column


def view_row(view: QTableView, source_row: int) -> int:
    """The row `view` shows the source model's row at (-1 while a filter hides it)."""
    model = view.model()
    if isinstance(model, QSortFilterProxyModel):
        return model.mapFromSource(model.sourceModel().index(source_row, 0)).row()
    return source_row


def nation_filter(proxies: tuple[NationRows, ...]) -> QLineEdit:
    """The filter box over the tables of nations: what is typed filters all of them."""
    box = QLineEdit()
    box.setObjectName("nationFilter")
    box.setPlaceholderText("Filter nations")
    box.setAccessibleName("Filter nations by code, name or status")
    box.setToolTip("Shows only the nations whose code, name or status holds this text")
    box.setClearButtonEnabled(True)
    box.setMaximumWidth(180)
    for proxy in proxies:
        box.textChanged.connect(proxy.set_text)
    return box
