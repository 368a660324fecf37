"""Edit menu row commands: add, duplicate and remove nations, unit types and requirements.

Part of the Edit menu (``window.edits.rows``): each acts on what the rows of
the table in use are (:class:`EditTable`), through :mod:`ui.editors.rows`,
validated by the core and one undo step; the new row is then selected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTableView

from planner.errors import ScenarioError
from ui.commands.actions import ActionSpec, Entry
from ui.commands.window_host import WindowHost
from ui.editors import clipboard, rows
from ui.editors.batch import reason
from ui.editors.row_filter import view_row
from ui.editors.scenario_edit import changed

NATION, UNIT, REQUIREMENT = "nation", "unit type", "requirement"
ROW_ACTIONS = ("insertRowAction", "duplicateRowAction", "removeRowAction")


class EditHost(WindowHost, Protocol):
    def show_refusal(self, text: str) -> None: ...


@dataclass(frozen=True)
class EditTable:
    """A table the Edit menu works on: its words in undo texts and what its rows are."""

    view: QTableView
    title: str  # "the offers": "Paste into the offers (6 cells)"
    rows: str  # NATION, UNIT or REQUIREMENT
    name_column: int | None = None  # the cell selected after a row is added: typing names it


class RowCommands:
    """Insert, duplicate and remove rows of the table `current()` names."""

    def __init__(
        self, host: EditHost, current: Callable[[], EditTable], reveal: Callable[[], None]
    ) -> None:
        self.host = host
        self.document = host.document
        self.current = current
        self._reveal = reveal  # shows every row again (clears the filter) to select a new one

    def menu_entries(self, menu: str) -> list[Entry]:
        return [
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

    @staticmethod
    def name_actions(actions: dict[str, QAction], kind: str) -> None:
        """The entries name what they act on: Insert nation, Insert unit type, ..."""
        actions["insertRowAction"].setText(f"&Insert {kind}")
        actions["duplicateRowAction"].setText(f"D&uplicate {kind}")
        actions["removeRowAction"].setText(f"Re&move {kind}")

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
