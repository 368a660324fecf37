"""After a crash: offer the planner the work the dead session autosaved.

A command group the window owns (``window.recovery``): it needs the window
as a :class:`ui.commands.window_host.WindowHost` and the window's autosaver. The app
calls :meth:`offer_recovery` once at start-up; the question is a method so
tests can answer it.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from planner.errors import PlannerError
from planner.exchange.recovery import Snapshot
from planner.workspace import parse_ref
from ui.commands.window_host import WindowHost
from ui.workers.autosave import Autosaver, Orphan, orphaned_snapshots


class Recovery(Enum):
    RECOVER = "recover"
    DISCARD = "discard"
    LATER = "later"


class RecoveryCommands:
    """Find crashed sessions' autosaves and put the chosen one back on screen.

    Without an autosaver (a window that remembers nothing) there is no
    autosave folder of its own to look in, nor to keep recovered work in.
    """

    def __init__(self, host: WindowHost, autosaver: Autosaver | None) -> None:
        self.host = host
        self.document = host.document
        self.autosaver = autosaver

    def ask_recovery(self, snapshot: Snapshot) -> Recovery:
        box = QMessageBox(self.host.window())
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Recover unsaved work")
        box.setText(
            f"Force Planner closed unexpectedly while {snapshot.title} had unsaved "
            f"changes (last autosaved {snapshot.saved_at.replace('T', ' ').rstrip('Z')} UTC)."
        )
        box.setInformativeText("Recover them? Discard deletes the autosave for good.")
        recover = box.addButton("&Recover", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("&Later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(recover)
        box.exec()
        if box.clickedButton() is recover:
            return Recovery.RECOVER
        return Recovery.DISCARD if box.clickedButton() is discard else Recovery.LATER

    def offer_recovery(self, directory: Path | None = None) -> bool:
        """Ask about each crashed session's work, newest first; True if one was recovered."""
        if directory is None:
            if self.autosaver is None:
                return False
            directory = self.autosaver.directory
        orphans = orphaned_snapshots(directory)
        recovered = False
        for orphan in orphans:
            if orphan.snapshot is None:
                self.host.show_message(
                    f"An autosave could not be read and was kept aside: {orphan.problem}"
                )
                orphan.file.rename(orphan.file.with_suffix(".unreadable"))
                orphan.release()
                continue
            choice = Recovery.LATER if recovered else self.ask_recovery(orphan.snapshot)
            if choice is Recovery.RECOVER:
                recovered = self._recover(orphan)
            elif choice is Recovery.DISCARD:
                orphan.discard()
            else:
                orphan.release()
        return recovered

    def _recover(self, orphan: Orphan) -> bool:
        snapshot = orphan.snapshot
        assert snapshot is not None
        path = Path(snapshot.origin_file) if snapshot.origin_file else None
        try:  # the autosave file is read back from disk: its origin may be anything
            origin = parse_ref(str(snapshot.origin_version)) if snapshot.origin_version else None
        except PlannerError:
            origin = None  # recovered as new work, not as that version
        self.document.replace_all(snapshot.scenario, path, origin, snapshot.allocation)
        self.document.plan = {}  # the recovered counts are unsaved edits, not a plan
        self.document.undo_stack.resetClean()  # unsaved until the planner saves
        self.document.changed.emit()
        if self.autosaver is not None and self.autosaver.save_now():  # ours first, then drop theirs
            orphan.discard()
        else:
            orphan.release()
        self.host.show_message(
            f"Recovered the unsaved work on {snapshot.title}; save it to keep it."
        )
        return True
