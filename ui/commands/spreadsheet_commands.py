"""File > Spreadsheets: the nations table and the allocation to and from CSV, XLSX or ODS.

A command group the window owns (``window.sheets``); it needs the window
only as a :class:`ui.commands.window_host.WindowHost`. Imports go through
the undo stack, so Ctrl+Z takes an import back; a file that cannot be used
changes nothing and says why. Reading and writing run on a worker thread
behind a progress dialog (:mod:`ui.workers.modal_job`), so a large workbook
never freezes the window; an import can be cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.errors import PlannerError, printable
from planner.exchange.spreadsheet import (
    read_allocation,
    read_nations,
    write_allocation,
    write_nations,
)
from ui import numbers
from ui.commands.actions import ActionSpec, Entry, MenuSpec
from ui.commands.window_host import WindowHost
from ui.dialogs import warn
from ui.workers.modal_job import Cancelled, run_beside
from ui.workers.worker import Worker

T = TypeVar("T")
SHEET_FILTER = (
    "Spreadsheets (*.xlsx *.ods *.csv);;Excel workbook (*.xlsx);;"
    "OpenDocument spreadsheet (*.ods);;CSV (*.csv)"
)


class SpreadsheetCommands:
    """Import/export of the nations table and the allocation for the main window."""

    def __init__(self, host: WindowHost) -> None:
        self.host = host
        self.document = host.document
        self.last_spreadsheet_error = ""
        self.worker = Worker(host.window(), "The spreadsheet could not be used")

    def shutdown(self, wait_ms: int = 30_000) -> None:
        """Wait for a read or write still running, so no thread outlives the window."""
        self.worker.shutdown(wait_ms)

    def menu_entries(self, menu: str) -> list[Entry]:
        """The Spreadsheets submenu of `menu`: import and export of nations and allocation."""
        sub = "spreadsheetsMenu"
        return [
            MenuSpec(sub, "Spread&sheets", menu),
            ActionSpec("importNationsAction", "Import &nations table…", sub, self.import_nations),
            ActionSpec("exportNationsAction", "Export nations &table…", sub, self.export_nations),
            ActionSpec(
                "importAllocationAction", "Import &allocation…", sub, self.import_allocation
            ),
            ActionSpec(
                "exportAllocationAction", "Export a&llocation…", sub, self.export_allocation
            ),
        ]

    def ask_spreadsheet(self, title: str, save: bool) -> str | None:
        """The file dialog (tests replace it); None when the planner cancels."""
        ask = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
        path, _ = ask(self.host.window(), title, "", SHEET_FILTER)
        return path or None

    def show_spreadsheet_error(self, message: str) -> QMessageBox:
        self.last_spreadsheet_error = message
        return warn(self.host.window(), "Spreadsheet", "spreadsheetErrorBox", message)

    def _sheet_path(self, path: str | Path | None, title: str, save: bool) -> Path | None:
        chosen = path or self.ask_spreadsheet(title, save)
        return Path(chosen) if chosen else None

    def _read(self, source: Path, work: Callable[[], T]) -> T:
        """`work` beside the window, with Cancel; a cancel is said in the status bar."""
        try:
            return run_beside(
                self.host.window(), self.worker, f"Reading {self._shown(source)}…", work
            )
        except Cancelled:
            self.host.show_message(f"Import of {self._shown(source)} cancelled; nothing changed.")
            raise

    def _beside(self, label: str, work: Callable[[], object]) -> None:
        """A write beside the window: no Cancel, it is written whole or not at all."""
        run_beside(self.host.window(), self.worker, label, work, cancellable=False)

    @staticmethod
    def _shown(path: Path) -> str:
        """The file's name as a message may show it (controls escaped)."""
        return printable(path.name)

    def export_nations(self, path: str | Path | None = None) -> bool:
        target = self._sheet_path(path, "Export nations table", save=True)
        if target is None:
            return False
        scenario = self.document.scenario
        try:
            self._beside(f"Writing {self._shown(target)}…", lambda: write_nations(scenario, target))
        except PlannerError as exc:
            self.show_spreadsheet_error(str(exc))
            return False
        self.host.show_message(f"Nations table written to {self._shown(target)}.")
        return True

    def import_nations(self, path: str | Path | None = None) -> bool:
        source = self._sheet_path(path, "Import nations table", save=False)
        if source is None:
            return False
        before = self.document.scenario
        try:
            scenario, notes = self._read(source, lambda: read_nations(source, before))
        except Cancelled:
            return False
        except PlannerError as exc:
            self.show_spreadsheet_error(f"Nothing was imported. {exc}")
            return False
        shown = self._shown(source)
        self.document.edit(scenario, f"Import nations from {shown}")
        said = f" ({'; '.join(notes)})" if notes else ""
        self.host.show_message(f"Imported {len(scenario.nations)} nations from {shown}{said}.")
        return True

    def export_allocation(self, path: str | Path | None = None) -> bool:
        target = self._sheet_path(path, "Export allocation", save=True)
        if target is None:
            return False
        scenario, plan = self.document.scenario, dict(self.document.allocation)
        try:
            self._beside(
                f"Writing {self._shown(target)}…", lambda: write_allocation(scenario, plan, target)
            )
        except PlannerError as exc:
            self.show_spreadsheet_error(str(exc))
            return False
        self.host.show_message(f"Allocation written to {self._shown(target)}.")
        return True

    def import_allocation(self, path: str | Path | None = None) -> bool:
        """The file's counts become typed counts (every other cell is cleared), undoable."""
        source = self._sheet_path(path, "Import allocation", save=False)
        if source is None:
            return False
        scenario = self.document.scenario
        try:
            counts = self._read(source, lambda: read_allocation(source, scenario))
        except Cancelled:
            return False
        except PlannerError as exc:
            self.show_spreadsheet_error(f"Nothing was imported. {exc}")
            return False
        cells = {cell: 0 for cell in self.document.allocation} | counts
        shown = self._shown(source)
        self.document.edit(self.document.scenario, f"Import allocation from {shown}", cells)
        units = numbers.whole(sum(counts.values()))
        self.host.show_message(f"Imported {units} units from {shown}.")
        return True
