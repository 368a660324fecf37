"""F6 and Shift+F6 move the keyboard from pane to pane, and wrap."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.helpers.gui import open_window


def _inside(pane, focus) -> bool:
    return focus is pane or pane.isAncestorOf(focus)


def test_f6_visits_each_pane_and_wraps_and_shift_f6_goes_back(qtbot):
    window = open_window(qtbot)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    panes = [p for p in window._panes() if p.isVisible()]
    assert panes[1] is window.allocation_grid and panes[2] is window.explanation.list
    panes[0].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    seen = []
    for _ in range(len(panes)):
        window.menu_actions["nextPaneAction"].trigger()
        seen.append(next(i for i, p in enumerate(panes) if _inside(p, QApplication.focusWidget())))
    assert seen == [*range(1, len(panes)), 0]  # every pane once, then back to the first
    window.menu_actions["previousPaneAction"].trigger()
    assert _inside(panes[-1], QApplication.focusWidget())
    shortcuts = [s.toString() for s in window.menu_actions["nextPaneAction"].shortcuts()]
    assert shortcuts == ["F6"]
    assert window.menu_actions["previousPaneAction"].shortcut().toString() == "Shift+F6"
