"""The scenario editors in tabs that never claim the grid's rows.

Forms (target and rules, areas, conditions, periods) need more height than a
table when shown whole; on a 1366x768 screen with the docks open they would
push the allocation grid down to one row. So every page that is not a table
of its own sits in a scroll area, and the tab widget's minimum height is that
of a table with a few rows. Callers still see the editors themselves: ``currentWidget``,
``setCurrentWidget`` and ``indexOf`` look through the scroll areas.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QScrollArea, QTabWidget, QWidget

EDITOR_ROWS_PX = 130
"""The least height the editors keep: the tab bar, a header and about three rows."""


class EditorTabs(QTabWidget):
    """A tab widget whose non-table pages scroll instead of growing the window."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), EDITOR_ROWS_PX))

    def addTab(self, page: QWidget, title: str) -> int:  # type: ignore[override]  # noqa: N802
        if isinstance(page, QAbstractScrollArea):  # a table scrolls itself
            return super().addTab(page, title)
        scroll = _PageScroll()
        scroll.setObjectName(f"{page.objectName() or type(page).__name__}Scroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return super().addTab(scroll, title)

    def page(self, index: int) -> QWidget:
        """The editor on tab `index` (not the scroll area this class put around it)."""
        widget = self.widget(index)
        inner = widget.widget() if isinstance(widget, _PageScroll) else None
        return cast(QWidget, inner or widget)  # None only past the last tab, as Qt's own

    def currentWidget(self) -> QWidget:  # noqa: N802 (Qt API)
        return self.page(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:  # noqa: N802 (Qt API)
        for index in range(self.count()):
            if self.page(index) is page or self.widget(index) is page:
                return index
        return -1

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802 (Qt API)
        index = self.indexOf(page)
        if index >= 0:
            self.setCurrentIndex(index)


class _PageScroll(QScrollArea):
    """The scroll area around one editor page (told apart from a table's own scrolling)."""
