"""Toolbar buttons of a fixed width, for actions whose text changes (Undo and Redo).

Undo's text names the edit it undoes ("Undo Set France ceiling to 9,000");
as a plain toolbar button it widened the toolbar by 100-260 px after an
edit and moved every button after it. Here the button keeps one width,
elides the text to fit and shows it whole in the tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QToolButton

TEXT_WIDTH = "Undo Set FR inf"
"""The text a button has room for; longer texts are cut with an ellipsis."""
PADDING = 16


class FixedWidthButton(QToolButton):
    """A toolbar button for `action`, of one width whatever the action's text."""

    def __init__(self, action: QAction) -> None:
        super().__init__()
        self.setObjectName(f"{action.objectName()}Button")
        self.setDefaultAction(action)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAutoRaise(True)
        self._room = self.fontMetrics().horizontalAdvance(TEXT_WIDTH)
        self.setFixedWidth(self._room + PADDING)
        action.changed.connect(self._fit)  # after the button took the action's new text
        self._fit()

    def _fit(self) -> None:
        action = self.defaultAction()
        if action is None:
            return
        whole = action.iconText()
        shown = self.fontMetrics().elidedText(whole, Qt.TextElideMode.ElideRight, self._room)
        if self.text() != shown:
            self.setText(shown)
        tip = action.toolTip() if action.toolTip() != action.iconText() else whole
        if self.toolTip() != tip:
            self.setToolTip(tip)


def fix_widths(toolbar: QToolBar, actions: list[QAction]) -> list[FixedWidthButton]:
    """Replace the toolbar's buttons of `actions` by fixed-width ones, in place."""
    buttons = []
    for action in actions:
        button = FixedWidthButton(action)
        toolbar.insertWidget(action, button)
        toolbar.removeAction(action)
        buttons.append(button)
    return buttons
