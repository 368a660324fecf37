"""Ctrl+Tab and Ctrl+Shift+Tab leave a table, as Qt does for every widget that keeps Tab.

Inside a table Tab and Shift+Tab move cell by cell, as in a spreadsheet; without a
way out, the keyboard was stuck there (F6 goes pane by pane, this goes to the very
next control: the filter box, the buttons under the Areas table, the next table).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget

LEAVE_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class TableExit(QObject):
    """Moves the focus on from any table of `window` on Ctrl+Tab, back on Ctrl+Shift+Tab."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        for view in window.findChildren(QAbstractItemView):
            view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if (
            event.key() not in LEAVE_KEYS
            or not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            return False
        backwards = event.key() == Qt.Key.Key_Backtab or bool(
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        target = _next_focus(watched, backwards) if isinstance(watched, QWidget) else None
        if target is not None:
            target.setFocus(
                Qt.FocusReason.BacktabFocusReason if backwards else Qt.FocusReason.TabFocusReason
            )
        return True


def _next_focus(start: QWidget, backwards: bool) -> QWidget | None:
    """The next (or previous) widget in the focus chain that can take the keyboard now.

    A table's own viewport and a frozen column's view share the table's place in the
    chain, so they are passed over.
    """
    step = QWidget.previousInFocusChain if backwards else QWidget.nextInFocusChain
    widget = step(start)
    while widget is not None and widget is not start:
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        inside = start.isAncestorOf(widget) or widget.isAncestorOf(start)
        if takes_tab and widget.isVisible() and widget.isEnabled() and not inside:
            return widget
        widget = step(widget)
    return None
