"""File commands of the main window: open, save, save as, recent files, unsaved changes.

A command group the window owns (``window.files``); it asks the window only
for what :class:`ui.commands.window_host.FileHost` names.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from planner.errors import ScenarioError, printable
from planner.scenario.library import BUILTIN, NEWEST
from ui import settings
from ui.commands.actions import ActionSpec, Entry, MenuSpec
from ui.commands.window_host import FileHost
from ui.editors.new_scenario import blank_scenario

APP_TITLE = "Force Planner"
FILE_FILTER = "Scenario JSON (*.json);;All files (*)"


class FileCommands:
    """Open/save/recent for the main window; ``remember`` False keeps no recent files."""

    def __init__(self, host: FileHost, remember: bool) -> None:
        self.host = host
        self.document = host.document
        self.remember = remember
        self.recent_menu = QMenu("Open &Recent", host.window())
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)

    def menu_entries(self, menu: str) -> list[Entry]:
        """New from a built-in scenario, Open, Open Recent, Save and Save As, in `menu`."""
        std = QKeySequence.StandardKey
        return [
            ActionSpec(
                "newAction",
                "&New",
                menu,
                self.new_scenario,
                (std.New,),
                tooltip="A new scenario with the built-in unit types, no nations yet",
            ),
            MenuSpec("builtinMenu", "New from &built-in scenario", menu),
            *(
                ActionSpec(
                    f"builtin_{entry.name}",
                    f"&{number} {entry.title} ({entry.as_of})",  # Alt+F, B, then the number
                    "builtinMenu",
                    lambda n=entry.name: self.new_from_builtin(n),
                )
                for number, entry in enumerate(BUILTIN, start=1)
            ),
            ActionSpec("openAction", "&Open…", menu, self.open_file, (std.Open,)),
            MenuSpec("recentMenu", "Open &Recent", menu, menu=self.recent_menu),
            ActionSpec("saveAction", "&Save", menu, self.save, (std.Save,)),
            ActionSpec("saveAsAction", "Save &As…", menu, self.save_as, ("Ctrl+Shift+S",)),
        ]

    def open_file(self, path: str | Path | None = None) -> bool:
        if not self.confirm_discard():
            return False
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self.host.window(), "Open scenario", "", FILE_FILTER
            )
            if not path:
                return False
        try:
            self.document.open(path)
        except ScenarioError as exc:
            self.host.show_message(f"Could not open {printable(Path(path).name)}: {exc}")
            return False
        self.remember_file(Path(path))
        self.host.show_message(f"Opened {printable(Path(path).name)}")
        return True

    def new_scenario(self) -> bool:
        """File > New: the newest built-in's unit types, nothing else (ui.editors.new_scenario)."""
        if not self.confirm_discard():
            return False
        self.document.replace_all(blank_scenario(NEWEST.scenario()), None)
        self.host.show_message(
            "New scenario: add nations (Ctrl++ in the Nations tab), then offers, "
            "requirements and the target."
        )
        return True

    def new_from_builtin(self, name: str) -> bool:
        """File > New from built-in scenario: a fresh, unsaved copy of that dated scenario."""
        from planner.scenario.library import builtin

        if not self.confirm_discard():
            return False
        entry = builtin(name)
        self.document.replace_all(entry.scenario(), None)
        self.host.show_message(f"New scenario from the built-in {entry.title}; Save As to keep it.")
        return True

    def remember_file(self, path: Path) -> None:
        if self.remember:
            settings.add_recent(path)
            self.fill_recent_menu()

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = settings.recent_files() if self.remember else []
        for number, name in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(name).name}")
            action.setToolTip(name)
            action.setData(name)
            action.triggered.connect(lambda _=False, f=name: self.open_recent(f))
        if files:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("&Clear list")
            clear.triggered.connect(self._clear_recent)
        self.recent_menu.setEnabled(bool(files))

    def open_recent(self, path: str) -> bool:
        if not Path(path).exists():
            settings.forget_recent(path)
            self.fill_recent_menu()
            self.host.show_message(
                f"{Path(path).name} is no longer there; removed from recent files."
            )
            return False
        return self.open_file(path)

    def _clear_recent(self) -> None:
        settings.clear_recent()
        self.fill_recent_menu()

    def save(self) -> bool:
        """Ctrl+S: the file, or the next workspace version when the work came from there."""
        if self.document.origin is not None:
            return self.host.save_version()
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self, path: str | Path | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self.host.window(), "Save scenario as", "", FILE_FILTER
            )
            if not path:
                return False
        return self._write(Path(path))

    def _write(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except OSError as exc:
            self.host.show_message(
                f"Could not save {printable(path.name)}: {exc.strerror or exc}; "
                "choose another folder with Save As."
            )
            return False
        self.host.update_title()
        self.remember_file(path)
        self.host.show_message(f"Saved {printable(path.name)}." + self._unkept_warning())
        return True

    def _unkept_warning(self) -> str:
        unkept = self.document.unkept_counts()
        if not unkept or self.document.origin is not None:  # a version keeps its plan
            return ""
        return (
            f" {len(unkept)} typed count(s) are not locked, and a scenario file keeps "
            "only locks: lock them (Ctrl+L) and save again to keep them."
        )

    def confirm_discard(self) -> bool:
        """True when there are no unsaved changes or the planner agreed to lose or save them."""
        if not self.document.dirty:
            return True
        answer = self.ask_unsaved_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def ask_unsaved_changes(self) -> QMessageBox.StandardButton:
        """The one question asked before changes are lost (tests replace it)."""
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        return QMessageBox.question(
            self.host.window(),
            APP_TITLE,
            f"Save changes to {self.document.display_name}?" + self._unkept_warning(),
            buttons,
        )
