"""The window's menu table: a handler per action, unique shortcuts, every item reachable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import SIGNAL
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from tests.helpers.gui import open_window
from ui.commands.actions import ActionSpec, MenuSpec, build_menus, table_problems
from ui.main_window import TOOLBAR


def _reachable(menu: QMenu) -> list[QAction]:
    """Every action a planner can reach from `menu`, through its submenus (filled as shown)."""
    menu.aboutToShow.emit()  # the recent-files menu fills itself only then
    found: list[QAction] = []
    for action in menu.actions():
        found.append(action)
        if action.menu() is not None:
            found.extend(_reachable(action.menu()))
    return found


def test_the_window_table_has_a_handler_per_action_and_no_shared_shortcut(qtbot):
    window = open_window(qtbot)
    table = window._menu_table()
    assert table_problems(table) == []
    actions = [entry for entry in table if isinstance(entry, ActionSpec)]
    assert len(actions) > 20 and all(a.handler or a.action for a in actions)
    assert set(TOOLBAR) - {None} <= {a.name for a in actions}


def test_every_action_and_menu_of_the_table_is_reachable_from_the_menu_bar(qtbot):
    window = open_window(qtbot)
    reachable: list[QAction] = []
    for top in window.menuBar().actions():
        reachable.append(top)
        if top.menu() is not None:
            reachable.extend(_reachable(top.menu()))
    names = {a.objectName() for a in reachable} | {
        a.menu().objectName() for a in reachable if a.menu() is not None
    }
    declared = {entry.name for entry in window._menu_table()}
    assert declared <= names, declared - names
    for action in reachable:  # every item does something when chosen
        if action.isSeparator() or action.menu() is not None:
            continue
        wired = action.receivers(SIGNAL("triggered(bool)")) + action.receivers(
            SIGNAL("toggled(bool)")
        )
        assert wired > 0, f"{action.text()!r} is in a menu but runs nothing"


def test_the_shortcuts_are_the_ones_planners_know(qtbot):
    window = open_window(qtbot)
    keys = {
        name: [s.toString() for s in window.menu_actions[name].shortcuts()]
        for name in (
            "saveAsAction",
            "optimiseAction",
            "redoAction",
            "lockAction",
            "exportBriefAction",
        )
    }
    assert keys == {
        "saveAsAction": ["Ctrl+Shift+S"],
        "optimiseAction": ["Ctrl+R"],
        "redoAction": ["Ctrl+Shift+Z", "Ctrl+Y"],
        "lockAction": ["Ctrl+L"],
        "exportBriefAction": ["Ctrl+E"],
    }


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        ([MenuSpec("m", "&M"), ActionSpec("a", "A", "m")], "a (A) has no handler"),
        (
            [
                MenuSpec("m", "&M"),
                ActionSpec("a", "A", "m", print, ("Ctrl+K",)),
                ActionSpec("b", "B", "m", print, ("Ctrl+K",)),
            ],
            "b and a share the shortcut Ctrl+K",
        ),
        ([ActionSpec("a", "A", "nowhere", print)], "a sits in nowhere"),
        ([MenuSpec("m", "&M"), MenuSpec("m", "&N")], "m is declared twice"),
    ],
)
def test_a_broken_table_is_refused_with_what_is_wrong(qtbot, table, problem):
    window = open_window(qtbot)
    assert any(problem in said for said in table_problems(table))
    with pytest.raises(ValueError, match="cannot be built"):
        build_menus(window, table)
