"""The keyboard leaves a table: Tab stays cell by cell, Ctrl+Tab goes on to the next control."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.helpers.gui import open_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _inside(widget, table) -> bool:
    return widget is table or table.isAncestorOf(widget)


def _focus(qtbot, window, widget) -> None:
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_tab_moves_a_cell_and_ctrl_tab_leaves_the_table(qtbot):
    window = open_window(qtbot)
    table = window.nations_table
    _focus(qtbot, window, table)
    table.setCurrentIndex(table.model().index(0, 1))
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is table and table.currentIndex().column() == 2
    QTest.keyClick(table, Qt.Key.Key_Tab, CTRL)
    assert not _inside(QApplication.focusWidget(), table)  # it used to stay in the table


def test_ctrl_shift_tab_leaves_the_plan_grid_backwards(qtbot):
    window = open_window(qtbot)
    grid = window.allocation_grid
    _focus(qtbot, window, grid)
    QTest.keyClick(grid, Qt.Key.Key_Tab, CTRL | SHIFT)
    here = QApplication.focusWidget()
    assert here is not None and not _inside(here, grid)


def test_every_menu_command_is_reachable_by_mnemonics_or_a_shortcut(qtbot):
    """Alt+letter down every level, or a key of its own (the analyses and built-ins had neither)."""
    window = open_window(qtbot)
    unreachable = []

    def walk(menu, path, reachable):
        for action in menu.actions():
            if action.isSeparator():
                continue
            marked = reachable and "&" in action.text().replace("&&", "")
            if action.menu() is not None:
                walk(action.menu(), [*path, action.text()], marked)
            elif not marked and action.shortcut().isEmpty():
                unreachable.append(" > ".join([*path, action.text()]))

    for top in window.menuBar().actions():
        walk(top.menu(), [top.text()], "&" in top.text())
    assert unreachable == []
