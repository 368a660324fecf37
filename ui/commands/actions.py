"""The window's actions and menus declared as tables, turned into Qt objects by one function.

As napari's action lists: each :class:`ActionSpec` says what the planner
sees (text, shortcuts, tooltip), what runs (``handler``), and where it
lives (the menu named by ``menu``; ``toolbar`` is a separate list of
names). A :class:`MenuSpec` adds a menu or submenu in table order, so the
tables read top to bottom like the menu bar. An action Qt already makes
(undo/redo from the stack, a dock's show/hide) is given as ``action``
instead of a handler.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

Shortcut = QKeySequence.StandardKey | str


@dataclass(frozen=True)
class ActionSpec:
    """One QAction: `name` is its objectName (tests and the action table test use it)."""

    name: str
    text: str
    menu: str  # the MenuSpec name it sits in
    handler: Callable[[], object] | Callable[[bool], object] | None = None
    shortcuts: tuple[Shortcut, ...] = ()
    tooltip: str = ""
    checkable: bool = False  # the handler then receives the checked state
    enabled: bool = True
    separator: bool = False  # a line above it in its menu
    widget: QWidget | None = None  # its shortcut works only in this widget
    action: QAction | None = None  # made by Qt already (undo/redo, a dock's toggle)


@dataclass(frozen=True)
class MenuSpec:
    """A menu bar menu (`parent` None) or a submenu, placed where it appears in the table."""

    name: str  # its objectName
    title: str
    parent: str | None = None
    separator: bool = False
    menu: QMenu | None = None  # a menu its owner fills itself (recent files)


Entry = ActionSpec | MenuSpec


def table_problems(entries: Iterable[Entry]) -> list[str]:
    """What is wrong with a menu table, one sentence each (empty when it can be built).

    An action with neither a handler nor a Qt-made action, two actions on one
    shortcut, a name used twice, or an entry whose menu is not declared above it.
    """
    problems: list[str] = []
    menus: set[str] = set()
    names: set[str] = set()
    keys: dict[str, str] = {}
    for entry in entries:
        where = entry.parent if isinstance(entry, MenuSpec) else entry.menu
        if where is not None and where not in menus:
            problems.append(f"{entry.name} sits in {where}, which is not declared above it")
        if entry.name in names:
            problems.append(f"{entry.name} is declared twice")
        names.add(entry.name)
        if isinstance(entry, MenuSpec):
            menus.add(entry.name)
            continue
        if entry.handler is None and entry.action is None:
            problems.append(f"{entry.name} ({entry.text}) has no handler")
        for key in _keys(entry):
            text = key.toString()
            if text in keys:
                problems.append(f"{entry.name} and {keys[text]} share the shortcut {text}")
            keys[text] = entry.name
    return problems


def _make_action(window: QMainWindow, spec: ActionSpec) -> QAction:
    action = spec.action or QAction(spec.text, window)
    action.setObjectName(spec.name)
    keys = _keys(spec)
    if keys:
        action.setShortcuts(keys)
    if spec.tooltip:
        action.setToolTip(spec.tooltip)
    if spec.checkable:
        action.setCheckable(True)
    if not spec.enabled:  # Qt's own actions keep the state Qt gives them
        action.setEnabled(False)
    handler = spec.handler
    if handler is not None:
        if spec.checkable:  # the planner's click, with the new state (not setChecked)
            action.triggered.connect(handler)
        else:  # never hand `checked` on as a handler's first (optional) argument
            action.triggered.connect(lambda _checked=False, run=handler: run())
    if spec.widget is not None:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        spec.widget.addAction(action)
    elif action.parent() is window:  # a dock's own toggle stays the dock's (shown in a menu)
        window.addAction(action)
    return action


def _keys(spec: ActionSpec) -> list[QKeySequence]:
    """The spec's shortcuts, without a standard key this platform leaves empty (Quit on X11)."""
    keys = (QKeySequence(key) for key in spec.shortcuts)
    return [key for key in keys if not key.isEmpty()]


def build_menus(
    window: QMainWindow, entries: Iterable[Entry], toolbar: Sequence[str | None] = ()
) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Every action and menu of `entries` on `window`'s menu bar, and the toolbar's actions.

    In `toolbar`, None is a separator. Returns the actions and the menus by name;
    a table with problems (:func:`table_problems`) is refused before anything is made.
    """
    entries = list(entries)
    problems = table_problems(entries)
    if problems:
        raise ValueError("The menu table cannot be built: " + "; ".join(problems))
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    bar = window.menuBar()
    for entry in entries:
        if isinstance(entry, MenuSpec):
            holder = bar if entry.parent is None else menus[entry.parent]
            if entry.separator and isinstance(holder, QMenu):
                holder.addSeparator()
            if entry.menu is not None:
                holder.addMenu(entry.menu)
                menu = entry.menu
            else:  # a child of what holds it, as Qt's own addMenu(title) makes it
                menu = holder.addMenu(entry.title)
            menu.setObjectName(entry.name)
            menus[entry.name] = menu
            continue
        if entry.separator:
            menus[entry.menu].addSeparator()
        actions[entry.name] = action = _make_action(window, entry)
        menus[entry.menu].addAction(action)
    if toolbar:
        tools = window.addToolBar("Main")
        tools.setObjectName("mainToolbar")
        tools.setMovable(False)
        for name in toolbar:
            if name is None:
                tools.addSeparator()
            else:
                tools.addAction(actions[name])
    return actions, menus
