"""A table whose last column (the troops) stays beside the row names while the rest scrolls.

As Qt's frozen-column example: a second view over the same model and
selection, laid over the left edge of the viewport, shows only that
column; the main view moves the column's section to the front (a visual
move, so model columns keep their numbers) and scrolls the others under
it. At 1366x768 the 17 unit columns need a scrollbar, and each nation's
troops, the figure a planner checks first, no longer hide behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex


class FrozenColumnTable(QTableView):
    """A QTableView with its model's last column frozen at the left, beside the row header."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only sums: F6 skips it
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setStyleSheet("QTableView { border: none; border-right: 2px solid #999; }")
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().sectionResized.connect(self._on_section_resized)
        self.verticalHeader().sectionResized.connect(self._on_row_resized)
        self.verticalHeader().geometriesChanged.connect(self._place_frozen)
        self.horizontalHeader().geometriesChanged.connect(self._place_frozen)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)

    def frozen_column(self) -> int:
        """The model column kept in view (the last), or -1 without columns."""
        model = self.model()
        return model.columnCount() - 1 if model is not None else -1

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt API)
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        self.frozen.setItemDelegate(self.itemDelegate())
        if model is not None:
            for signal in (
                model.modelReset,
                model.columnsInserted,
                model.columnsRemoved,
                model.layoutChanged,
            ):
                signal.connect(self._arrange)
        self._arrange()

    def setItemDelegate(self, delegate) -> None:  # noqa: ANN001, N802 (Qt API)
        super().setItemDelegate(delegate)
        self.frozen.setItemDelegate(delegate)

    def setAlternatingRowColors(self, enable: bool) -> None:  # noqa: N802 (Qt API)
        super().setAlternatingRowColors(enable)
        self.frozen.setAlternatingRowColors(enable)

    def reserve_right(self, width: int) -> None:
        """Leave `width` px free at the right (a view under another's vertical scrollbar)."""
        self.setViewportMargins(0, 0, width, 0)

    def _arrange(self) -> None:
        """The frozen column first in the main view, and the only column of the overlay."""
        frozen = self.frozen_column()
        if frozen < 0:
            return
        header = self.horizontalHeader()
        if header.visualIndex(frozen) != 0:
            header.moveSection(header.visualIndex(frozen), 0)
        for column in range(frozen + 1):
            self.frozen.setColumnHidden(column, column != frozen)
        self.frozen.setColumnWidth(frozen, self.columnWidth(frozen))
        self._place_frozen()

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        if column == self.frozen_column():
            self.frozen.setColumnWidth(column, new)
            self._place_frozen()

    def _on_row_resized(self, row: int, _old: int, new: int) -> None:
        self.frozen.setRowHeight(row, new)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._place_frozen()

    def _place_frozen(self) -> None:
        frozen = self.frozen_column()
        if frozen < 0:
            self.frozen.hide()
            return
        rows = self.verticalHeader().defaultSectionSize()
        if self.frozen.verticalHeader().defaultSectionSize() != rows:
            self.frozen.verticalHeader().setDefaultSectionSize(rows)
        frame, header = self.frameWidth(), self.horizontalHeader()
        header_height = 0 if header.isHidden() else header.height()
        self.frozen.horizontalHeader().setVisible(not header.isHidden())
        self.frozen.horizontalHeader().setFixedHeight(header_height)
        left = 0 if self.verticalHeader().isHidden() else self.verticalHeader().width()
        self.frozen.setGeometry(
            left + frame,
            frame,
            self.frozen.columnWidth(frozen),  # set from sectionResized: the new width
            self.viewport().height() + header_height,
        )
        self.frozen.show()

    def moveCursor(  # noqa: N802 (Qt API)
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Moving left never leaves the current cell hidden under the frozen column."""
        current = super().moveCursor(action, modifiers)
        width = self.frozen.width()
        if current.isValid() and current.column() != self.frozen_column():
            left = self.visualRect(current).left()
            if left < width:
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() + left - width)
        return current

    def scrollTo(  # noqa: N802 (Qt API)
        self,
        index: Index,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        """The frozen column is always in view; other cells are scrolled clear of it."""
        if index.column() == self.frozen_column():
            return
        super().scrollTo(index, hint)
        left = self.visualRect(index).left()
        if left < self.frozen.width():
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + left - self.frozen.width())


class FooterTable(FrozenColumnTable):
    """Rows under a :class:`FrozenColumnTable` (totals), its columns aligned with the table's.

    It has no column header or scrollbars of its own: the table above sets
    its column widths, row-header width and horizontal scroll.
    """

    def __init__(self, above: FrozenColumnTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.above = above
        self.horizontalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        above.horizontalHeader().sectionResized.connect(self._on_above_resized)
        above.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        above.horizontalScrollBar().rangeChanged.connect(self._align)
        above.verticalHeader().geometriesChanged.connect(self._align)
        above.verticalScrollBar().rangeChanged.connect(self._align)
        self.verticalHeader().geometriesChanged.connect(self._align)

    def _arrange(self) -> None:
        super()._arrange()
        self._align()

    def widen_above(self) -> None:
        """Widen the table's columns to these rows' texts too (a total of 21,840 under 9,950)."""
        model = self.model()
        if model is None:
            return
        for column in range(model.columnCount()):
            wanted = self.sizeHintForColumn(column)
            if wanted > self.above.columnWidth(column):
                self.above.setColumnWidth(column, wanted)

    def _on_above_resized(self, column: int, _old: int, new: int) -> None:
        self.setColumnWidth(column, new)

    def _align(self, *_: object) -> None:
        """Same widths, same row-header width, room for the scrollbar above: columns line up."""
        above = self.above
        model = self.model()
        if model is None or above.model() is None:
            return
        for column in range(min(model.columnCount(), above.model().columnCount())):
            if self.columnWidth(column) != above.columnWidth(column):
                self.setColumnWidth(column, above.columnWidth(column))
        width = max(
            above.verticalHeader().sizeHint().width(), self.verticalHeader().sizeHint().width()
        )
        for header in (above.verticalHeader(), self.verticalHeader()):
            if header.width() != width:
                header.setFixedWidth(width)
        bar = above.verticalScrollBar()
        self.reserve_right(bar.sizeHint().width() if bar.isVisible() else 0)
        rows = model.rowCount()
        self.setFixedHeight(sum(self.rowHeight(r) for r in range(rows)) + 2 * self.frameWidth())
        self.horizontalScrollBar().setValue(above.horizontalScrollBar().value())
