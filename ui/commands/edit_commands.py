"""Edit menu commands on the tables: clipboard, fill, Delete, select all (and rows).

A command group the window owns (``window.edits``). Each command acts on the
table the keyboard is in (or was in last: the menu bar takes the focus
while a menu is open). Cell commands are :mod:`ui.editors.clipboard`; the
row commands (:mod:`ui.commands.row_commands`) are ``window.edits.rows``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from ui.commands.actions import ActionSpec, Entry
from ui.commands.row_commands import ROW_ACTIONS, EditHost, EditTable, RowCommands
from ui.editors import clipboard
from ui.editors.batch import Outcome

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
FILL_RIGHT_KEY = QKeySequence("Ctrl+R")
"""Fill right as in Excel, taken only over a block of several columns: Ctrl+R optimises."""


class EditCommands(QObject):
    """Cut, copy, paste, Delete, fill and rows for the window's tables."""

    def __init__(self, host: EditHost, tables: Sequence[EditTable], reveal: Callable[[], None]):
        super().__init__(host.window())
        self.host = host
        self.document = host.document
        self.tables = list(tables)
        self._last: EditTable = self.tables[0]
        self.rows = RowCommands(host, self.current, reveal)
        for table in self.tables:
            table.view.installEventFilter(self)  # focus-in (which table) and Ctrl+R (fill right)

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
            *self.rows.menu_entries(menu),
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

    def _focus_moved(self, new: QWidget | None) -> None:
        found = self._table_of(new)
        if found is not None and found is not self._last:
            self._last = found
            self._name_row_actions()

    def _name_row_actions(self) -> None:
        actions = getattr(self, "_actions", None)
        if actions is None:
            return
        self.rows.name_actions(actions, self._last.rows)

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
        """Remember the table the keyboard went to; Ctrl+R over a block of several columns
        fills right, as in Excel (elsewhere it optimises)."""
        kind = event.type()
        if kind == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self._focus_moved(watched)
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
