"""F6 and Shift+F6: move the keyboard between the window's panes, as in most desktop apps.

Tab moves inside a table; F6 leaves it for the next pane (the scenario
editors, the plan grid, the explanation, then the open docks) and wraps.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QWidget

from ui.commands.actions import ActionSpec, Entry


class PaneCycle:
    """Focus the next or previous of `panes()` (the visible ones, in reading order)."""

    def __init__(self, panes: Callable[[], list[QWidget]]) -> None:
        self.panes = panes

    def menu_entries(self, menu: str) -> list[Entry]:
        return [
            ActionSpec("nextPaneAction", "&Next pane", menu, self.next, ("F6",), separator=True),
            ActionSpec("previousPaneAction", "&Previous pane", menu, self.previous, ("Shift+F6",)),
        ]

    def next(self) -> None:
        self._move(1)

    def previous(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        panes = [p for p in self.panes() if p.isVisible() and p.isEnabled()]
        if not panes:
            return
        focus = QApplication.focusWidget()
        here = next(
            (
                i
                for i, p in enumerate(panes)
                if focus is not None and (p is focus or p.isAncestorOf(focus))
            ),
            -1 if step > 0 else 0,
        )
        target = panes[(here + step) % len(panes)]
        target.setFocus()
