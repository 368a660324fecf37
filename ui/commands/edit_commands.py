"""Edit menu commands on the tables: clipboard, fill, Delete, select all, rows.

A command group the window owns (``window.edits``). Each command acts on the
table the keyboard is in (or was in last: the menu bar takes the focus
while a menu is open). Cell commands are :mod:`ui.editors.clipboard`; row
commands add, duplicate and remove what the table's rows are (nations,
unit types, requirements) through :mod:`ui.editors.rows`, each one
validated and one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from planner.errors import ScenarioError
from ui.commands.actions import ActionSpec, Entry
from ui.commands.window_host import WindowHost
from ui.editors import clipboard, rows
from ui.editors.batch import Outcome, reason
from ui.editors.row_filter import view_row
from ui.editors.scenario_edit import changed

NATION, UNIT, REQUIREMENT = "nation", "unit type", "requirement"
CELL_ACTIONS = (
    "cutAction",
    "copyAction",
    "pasteAction",
    "deleteAction",
    None,
    "fillDownAction",
    "fillRightAction",
    "selectAllAction",
)
ROW_ACTIONS = ("insertRowAction", "duplicateRowAction", "removeRowAction")
FILL_RIGHT_KEY = QKeySequence("Ctrl+R")
"""Fill right as in Excel, taken only over a block of several columns: Ctrl+R optimises."""


class EditHost(WindowHost, Protocol):
    def show_refusal(self, text: str) -> None: ...


@dataclass(frozen=True)
class EditTable:
    """A table the Edit menu works on: its words in undo texts and what its rows are."""

    view: QTableView
    title: str  # "the offers": "Paste into the offers (6 cells)"
    rows: str  # NATION, UNIT or REQUIREMENT
    name_column: int | None = None  # the cell selected after a row is added: typing names it


class EditCommands(QObject):
    """Cut, copy, paste, Delete, fill and rows for the window's tables."""

    def __init__(self, host: EditHost, tables: Sequence[EditTable], reveal: Callable[[], None]):
        super().__init__(host.window())
        self.host = host
        self.document = host.document
        self.tables = list(tables)
        self._reveal = reveal  # shows every row again (clears the filter) to select a new one
        self._last: EditTable = self.tables[0]
        for table in self.tables:
            table.view.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    # -- the menu ---------------------------------------------------------------------------
    def menu_entries(self, menu: str) -> list[Entry]:
        std = QKeySequence.StandardKey
        return [
            ActionSpec("cutAction", "Cu&t", menu, self.cut, (std.Cut,), separator=True),
            ActionSpec("copyAction", "&Copy", menu, self.copy, (std.Copy,)),
            ActionSpec("pasteAction", "&Paste", menu, self.paste, (std.Paste,)),
            ActionSpec(
                "deleteAction",
                "&Delete",
                menu,
                self.clear,
                ("Del",),
                tooltip="Clear the selected cells (a field's default, 0 in the grid)",
            ),
            ActionSpec(
                "fillDownAction",
                "Fill &down",
                menu,
                self.fill_down,
                ("Ctrl+D",),
                tooltip="Copy the top row of the selection into the rows below it",
                separator=True,
            ),
            ActionSpec(
                "fillRightAction",
                f"Fill &right\t{FILL_RIGHT_KEY.toString()}",
                menu,
                self.fill_right,
                tooltip="Copy the left column of the selection into the columns right of it "
                "(Ctrl+R over a block of several columns; elsewhere Ctrl+R optimises)",
            ),
            ActionSpec("selectAllAction", "Select &all", menu, self.select_all, (std.SelectAll,)),
            ActionSpec(
                "insertRowAction",
                "&Insert nation",
                menu,
                self.insert_row,
                ("Ctrl++", "Ctrl+Ins"),
                separator=True,
            ),
            ActionSpec(
                "duplicateRowAction",
                "D&uplicate nation",
                menu,
                self.duplicate_row,
                ("Ctrl+Shift+D",),
            ),
            ActionSpec("removeRowAction", "Re&move nation", menu, self.remove_rows, ("Ctrl+-",)),
        ]

    def install(self, actions: dict[str, QAction]) -> None:
        """Put the commands in each table's context menu; name the row commands for it."""
        self._actions = actions
        for table in self.tables:
            view = table.view
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            for name in (*CELL_ACTIONS, None, *ROW_ACTIONS):
                if name is None:
                    separator = QAction(view)
                    separator.setSeparator(True)
                    view.addAction(separator)
                else:
                    view.addAction(actions[name])
        self._name_row_actions()

    # -- which table ------------------------------------------------------------------------
    def current(self) -> EditTable:
        """The table the keyboard is in, or was in last (if still shown), or the tab shown."""
        found = self._table_of(QApplication.focusWidget())
        if found is not None:
            return found
        if self._last.view.isVisible():
            return self._last
        shown = [t for t in self.tables if t.view.isVisible()]  # the tab shown, then the grid
        return shown[0] if shown else self._last

    def _table_of(self, widget: QWidget | None) -> EditTable | None:
        for table in self.tables:
            if widget is not None and (widget is table.view or table.view.isAncestorOf(widget)):
                return table
        return None

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        found = self._table_of(new)
        if found is not None and found is not self._last:
            self._last = found
            self._name_row_actions()

    def _name_row_actions(self) -> None:
        actions = getattr(self, "_actions", None)
        if actions is None:
            return
        kind = self._last.rows
        actions["insertRowAction"].setText(f"&Insert {kind}")
        actions["duplicateRowAction"].setText(f"D&uplicate {kind}")
        actions["removeRowAction"].setText(f"Re&move {kind}")

    def _other_view(self) -> QTableView | None:
        """A read-only table with the keyboard (an analysis, say): it can be copied, not edited."""
        widget = QApplication.focusWidget()
        while widget is not None and not isinstance(widget, QTableView):
            widget = widget.parentWidget()
        return widget if widget is not None and self._table_of(widget) is None else None

    def _refused_here(self) -> bool:
        if self._other_view() is None:
            return False
        self.host.show_message(
            "This table shows results: copy from it, edit the scenario's tables."
        )
        return True

    # -- cells --------------------------------------------------------------------------------
    def copy(self) -> int:
        other = self._other_view()
        count = clipboard.copy(other if other is not None else self.current().view)
        if count:
            self.host.show_message(f"Copied {clipboard.cells(count)}.")
        else:
            self.host.show_message("Select cells to copy first.")
        return count

    def cut(self) -> Outcome:
        """Copy, then clear what was copied (one undo step puts it back)."""
        if self._refused_here() or not self.copy():
            return Outcome()
        return self._report(clipboard.clear(self.current().view, self.current().title), "cut")

    def paste(self) -> Outcome:
        if self._refused_here():
            return Outcome()
        table = self.current()
        if not QApplication.clipboard().text():
            self.host.show_message("The clipboard holds no text to paste.")
            return Outcome()
        return self._report(clipboard.paste(table.view, table.title), "pasted")

    def paste_text(self, text: str) -> Outcome:
        if self._refused_here():
            return Outcome()
        table = self.current()
        return self._report(clipboard.paste_text(table.view, text, table.title), "pasted")

    def clear(self) -> Outcome:
        if self._refused_here():
            return Outcome()
        table = self.current()
        return self._report(clipboard.clear(table.view, table.title), "cleared")

    def fill_down(self) -> Outcome:
        if self._refused_here():
            return Outcome()
        table = self.current()
        return self._report(clipboard.fill(table.view, table.title, down=True), "filled")

    def fill_right(self) -> Outcome:
        if self._refused_here():
            return Outcome()
        table = self.current()
        return self._report(clipboard.fill(table.view, table.title, down=False), "filled")

    def select_all(self) -> None:
        other = self._other_view()
        view = other if other is not None else self.current().view
        view.setFocus()
        view.selectAll()

    def _report(self, outcome: Outcome, verb: str) -> Outcome:
        line = outcome.summary(verb)
        if outcome.refused:
            self.host.show_refusal(line)
        else:
            self.host.show_message(line)
        return outcome

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Ctrl+R over a block of several columns fills right, as in Excel; else it optimises."""
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            pressed = QKeySequence(event.keyCombination())
            table = self._table_of(watched if isinstance(watched, QWidget) else None)
            found = clipboard.block(table.view) if table is not None else None
            if pressed == FILL_RIGHT_KEY and found is not None and found[3] > found[1]:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self.fill_right()
                return True
        return super().eventFilter(watched, event)

    # -- rows ----------------------------------------------------------------------------------
    def _source_rows(self, table: EditTable) -> list[int]:
        """The rows of the scenario the selection covers (the current one if none)."""
        found = {
            clipboard.source(table.view, i.row(), i.column())[1]
            for i in clipboard.selected(table.view)
        }
        return sorted(r for r in found if r >= 0)

    def insert_row(self) -> bool:
        table = self.current()
        picked = self._source_rows(table)
        if table.rows == REQUIREMENT:
            return self._requirements(table, picked, add=True)
        at = picked[-1] + 1 if picked else None
        if table.rows == NATION:
            return self._row_edit(table, lambda d: rows.add_nation(d, _at(d, "nations", at)), "Add")
        return self._row_edit(
            table, lambda d: rows.add_unit_type(d, _at(d, "unit_types", at)), "Add"
        )

    def duplicate_row(self) -> bool:
        table = self.current()
        picked = self._source_rows(table)
        if table.rows == REQUIREMENT:
            self.host.show_refusal(
                "A unit type has one requirement: duplicate the unit type (Unit types tab) "
                "for another with the same personnel, then give it its own requirement."
            )
            return False
        if not picked:
            self.host.show_message(f"Select the {table.rows} to duplicate first.")
            return False
        row = picked[0]
        duplicate = rows.duplicate_nation if table.rows == NATION else rows.duplicate_unit_type
        return self._row_edit(table, lambda d: duplicate(d, row), "Duplicate")

    def remove_rows(self) -> bool:
        table = self.current()
        picked = self._source_rows(table)
        if not picked:
            self.host.show_message(f"Select the {table.rows} to remove first.")
            return False
        if table.rows == REQUIREMENT:
            return self._requirements(table, picked, add=False)
        removal = rows.Removal()

        def remove(data: dict[str, Any]) -> None:
            nonlocal removal
            drop = rows.remove_nations if table.rows == NATION else rows.remove_unit_types
            removal = drop(data, picked)

        try:
            after = changed(self.document.scenario, remove)
        except ScenarioError as exc:
            self.host.show_refusal(
                f"Cannot remove the {table.rows}: {reason(exc)}; nothing changed."
            )
            return False
        sentence = removal.sentence()
        self.document.edit(after, sentence.rstrip("."))
        self.host.show_message(sentence)
        return True

    def _requirements(self, table: EditTable, picked: list[int], add: bool) -> bool:
        names: list[str] = []

        def mutate(data: dict[str, Any]) -> None:
            nonlocal names
            names = (rows.add_requirements if add else rows.remove_requirements)(data, picked)

        try:
            after = changed(self.document.scenario, mutate)
        except ScenarioError as exc:
            self.host.show_refusal(f"Cannot change the requirements: {reason(exc)}.")
            return False
        if not names:
            which = "already have one" if add else "have none"
            self.host.show_message(f"The selected unit types {which}: nothing changed.")
            return False
        text = f"{'Require' if add else 'No requirement for'} {rows.joined(names)}"
        self.document.edit(after, text)
        self.host.show_message(f"{text}." + (" Type its minimum and maximum." if add else ""))
        return True

    def _row_edit(self, table: EditTable, make: Callable[[dict[str, Any]], str], verb: str) -> bool:
        """Add or duplicate a row: validated, one undo step, then selected for the planner."""
        made = ""

        def mutate(data: dict[str, Any]) -> None:
            nonlocal made
            made = make(data)

        try:
            after = changed(self.document.scenario, mutate)
        except ScenarioError as exc:
            self.host.show_refusal(f"Cannot {verb.lower()} a {table.rows}: {reason(exc)}.")
            return False
        if table.rows == NATION:
            where = [n.code for n in after.nations].index(made)
            name = after.nations[where].name
        else:
            where = [u.id for u in after.unit_types].index(made)
            name = after.unit_types[where].name
        self.document.edit(after, f"{verb} {table.rows} {name}")
        self._select(table, where)
        done = "Added" if verb == "Add" else "Duplicated"
        self.host.show_message(f"{done} {name}; type its name and figures.")
        return True

    def _select(self, table: EditTable, source_row: int) -> None:
        row = view_row(table.view, source_row)
        if row < 0:  # the filter hides the new row: show every row
            self._reveal()
            row = view_row(table.view, source_row)
        column = table.name_column if table.name_column is not None else 0
        index = table.view.model().index(row, column)
        table.view.setFocus()
        table.view.setCurrentIndex(index)
        table.view.scrollTo(index)


def _at(data: dict[str, Any], key: str, at: int | None) -> int:
    return len(data[key]) if at is None else at
