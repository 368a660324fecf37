"""Workspace commands of the main window: save a version, open one, keep results, compare.

A command group the window owns (``window.workspace``), like
:mod:`ui.commands.file_commands`; it asks the window only for what
:class:`ui.commands.window_host.WorkspaceHost` names, and drives the workspace dock. Workspace calls
are short SQLite transactions; the GUI waits at most ``GUI_BUSY_TIMEOUT``
for another writer, then says so in a dialog instead of hanging.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from planner.errors import PlannerError
from planner.result.compare import CompareSide
from planner.result.document import PlanResult
from planner.workspace import KeptResult, VersionRef, Workspace
from ui import numbers, settings
from ui.commands.actions import ActionSpec, Entry
from ui.commands.window_host import WorkspaceHost
from ui.dialogs import ask_text, warn
from ui.docks.workspace_dock import WorkspaceDock

if TYPE_CHECKING:
    from ui.views.compare_view import CompareDialog

GUI_BUSY_TIMEOUT = 0.5
WORKSPACE_FILTER = "Force Planner workspace (*.sqlite *.db);;All files (*)"


class WorkspaceCommands:
    """Save to / open from / compare in the workspace for the main window."""

    def __init__(self, host: WorkspaceHost, dock: WorkspaceDock, remember: bool) -> None:
        self.host = host
        self.document = host.document
        self.dock = dock
        self.remember = remember
        self.last_workspace_error = ""
        self.compare_dialog: CompareDialog | None = None

    def menu_entries(self, menu: str) -> list[Entry]:
        """Save to Workspace and Choose Workspace File, after a line in `menu`."""
        return [
            ActionSpec(
                "saveToWorkspaceAction",
                "Save to &Workspace…",
                menu,
                self.save_to_workspace,
                ("Ctrl+Alt+S",),
                separator=True,
            ),
            ActionSpec(
                "chooseWorkspaceAction", "Choose Workspace &File…", menu, self.choose_workspace
            ),
        ]

    def workspace(self) -> Workspace:
        return Workspace(settings.workspace_path(), busy_timeout=GUI_BUSY_TIMEOUT)

    # -- questions the tests replace -------------------------------------------------
    def ask_version_name(self, default: str) -> str | None:
        return ask_text(
            self.host.window(), "Save version", "Scenario name in the workspace:", default
        )

    def ask_version_message(self) -> str | None:
        return ask_text(
            self.host.window(), "Save version", "What changed, and why (kept in the history):"
        )

    def show_workspace_error(self, message: str) -> QMessageBox:
        """A dialog naming the problem; it does not block the window (tests read it)."""
        self.last_workspace_error = message
        return warn(self.host.window(), "Workspace", "workspaceErrorBox", message)

    # -- commands --------------------------------------------------------------------
    def save_version(self) -> bool:
        """Ctrl+S on a workspace document: the next version of the same scenario."""
        origin = self.document.origin
        if origin is None:
            return self.save_to_workspace()
        return self._save_version(origin.name)

    def save_to_workspace(self) -> bool:
        """Keep what is on screen (scenario and plan) as a new version in the workspace."""
        origin = self.document.origin
        name = self.ask_version_name(origin.name if origin else self.document.scenario.name)
        if name is None or not name.strip():
            return False
        return self._save_version(name.strip())

    def _save_version(self, name: str) -> bool:
        message = self.ask_version_message()
        if message is None:
            return False
        try:
            info = self.workspace().save_version(
                name,
                self.document.scenario,
                message,
                dict(self.document.allocation),
                result=self.result_on_screen(),
            )
        except PlannerError as exc:
            self.show_workspace_error(f"The version was not saved: {exc}")
            return False
        self.document.saved_as_version(VersionRef(info.name, info.number))
        if self.remember:
            settings.remember_version(f"{info.name}@{info.number}")
        self.refresh(info.name, info.number)
        said = "saved" if info.created else "unchanged (same as the latest version)"
        self.host.show_message(
            f"{info.name}@{info.number} {said}: {numbers.localised(info.changes)}"
        )
        return True

    def open_version(self, name: str, number: int) -> bool:
        """Open a stored version with its kept plan and the result kept with it, if any."""
        if not self.host.confirm_discard():
            return False
        try:
            stored, kept = self.workspace().version_with_result(VersionRef(name, number))
        except PlannerError as exc:
            self.show_workspace_error(f"Could not open {name}@{number}: {exc}")
            return False
        origin = VersionRef(stored.info.name, stored.info.number)
        self.document.replace_all(stored.scenario, None, origin, stored.allocation)
        if kept is not None:
            self._show_kept_result(kept)
        if self.remember:
            settings.remember_version(str(origin))
        self.host.show_message(
            f"Opened {origin} ({stored.info.created_at} by {stored.info.author})"
        )
        return True

    def _show_kept_result(self, kept: KeptResult) -> None:
        """Put a kept result back on screen as the solver left it (status, plan, explanation)."""
        result = kept.result
        when = kept.info.created_at.replace("T", " ").rstrip("Z")
        note = f"{result.status.capitalize()}: result {kept.info.id}, kept {when} UTC"
        self.host.show_kept_result(result, note)

    def result_on_screen(self) -> PlanResult | None:
        """The solve whose plan is on screen, for the scenario on screen, untouched since."""
        return self.document.result if self.document.shows_result() else None

    def keep_result(self, result: PlanResult) -> bool:
        """Keep an Optimise result against the workspace version it was solved from.

        Only when the document is unchanged since that version: a result of
        unsaved edits would belong to no version.
        """
        origin = self.document.origin
        if origin is None or self.document.dirty or result.scenario != self.document.scenario:
            return False
        try:
            kept = self.workspace().add_result(origin, result)
        except PlannerError as exc:
            self.show_workspace_error(f"The result was not kept in the workspace: {exc}")
            return False
        self.refresh(kept.name, kept.version)
        return True

    def compare_selected(self) -> bool:
        """Compare the two selected versions or results, or one of them with the screen."""
        from ui.views.compare_view import show_compare

        chosen = self.dock.selected()
        if not 1 <= len(chosen) <= 2 or len({item[0] for item in chosen}) != 1:
            self.host.show_message(
                "Select two versions, or two results, to compare (or one of either)."
            )
            return False
        chosen.sort(key=lambda item: item[1:] if item[0] == "version" else (item[1],))
        try:  # older (lower number) on the left
            sides = [self._compare_side(item) for item in chosen]
        except PlannerError as exc:
            self.show_workspace_error(f"Could not compare: {exc}")
            return False
        on_screen = len(sides) == 1
        if on_screen:
            allocation = dict(self.document.allocation) or None
            shown = self.result_on_screen()
            document = shown.to_dict() if shown is not None else None
            sides.append(CompareSide("on screen", self.document.scenario, allocation, document))
        self.compare_dialog = show_compare(self.host.window(), sides[0], sides[1])
        if on_screen:  # the dialog says so once the screen is no longer what it compared
            self.compare_dialog.follow_screen(self.document)
        return True

    def _compare_side(self, item: tuple) -> CompareSide:
        """A version with its plan (and the result kept with it), or one kept result."""
        workspace = self.workspace()
        if item[0] == "version":
            ref = VersionRef(item[1], item[2])
            stored, kept = workspace.version_with_result(ref)
            document = kept.document if kept is not None else None
            return CompareSide(str(ref), stored.scenario, stored.allocation, document)
        _, result_id, name, number = item
        kept = workspace.kept_result(result_id)
        label = f"result {result_id} ({name}@{number})"
        return CompareSide(label, kept.result.scenario, result=kept.document)

    def choose_workspace(self, path: str | Path | None = None) -> bool:
        """Show another workspace file (created on the first save if it is new)."""
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self.host.window(),
                "Choose workspace file",
                str(settings.workspace_path()),
                WORKSPACE_FILTER,
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
            if not path:
                return False
        settings.set_workspace_path(path)
        self.document.origin = None  # a version of the old workspace is not one of the new
        self.host.update_title()
        return self.refresh()

    def refresh(
        self, name: str | None = None, number: int | None = None, report: bool = True
    ) -> bool:
        """Show the workspace in the dock (and a version selected); a problem gets a dialog."""
        dock = self.dock
        ok = dock.show_workspace(self.workspace())
        if not ok and report:
            self.show_workspace_error(dock.problem.text())
        if ok and name is not None:
            dock.show()
            dock.select(name, number)
        return ok
