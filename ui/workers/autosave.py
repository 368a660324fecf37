"""Autosave of unsaved edits, and finding the work a crashed session left behind.

Each running window owns one snapshot file and a ``QLockFile`` beside it.
The lock dies with the process, so at start-up a snapshot whose lock can be
taken belongs to a session that crashed (or was killed): that is the work to
offer back. A normal close or a save removes the snapshot.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from planner.errors import PlannerError
from planner.exchange.recovery import (
    SNAPSHOT_SUFFIX,
    Snapshot,
    read_snapshot,
    snapshot_files,
    write_snapshot,
)
from planner.workspace.location import user_data_dir
from ui.document import ScenarioDocument

AUTOSAVE_MS = 15_000
Origin = Callable[[], tuple[str | None, str | None]]  # (file path, "NAME@N" version)


def autosave_dir() -> Path:
    return user_data_dir() / "autosave"


def _lock_for(snapshot_file: Path) -> QLockFile:
    lock = QLockFile(str(snapshot_file.with_name(snapshot_file.name + ".lock")))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    return lock


class Autosaver(QObject):
    """Writes the document's unsaved state a little after each edit; forgets it once saved."""

    failed = Signal(str)

    def __init__(
        self,
        document: ScenarioDocument,
        origin: Origin,
        directory: Path | None = None,
        interval_ms: int = AUTOSAVE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document, self.origin = document, origin
        self.directory = directory or autosave_dir()
        self.file = self.directory / f"{uuid.uuid4().hex}{SNAPSHOT_SUFFIX}"
        self.lock = _lock_for(self.file)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self._warned = False
        document.changed.connect(self._on_changed)
        document.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _on_changed(self) -> None:
        if self.document.dirty and not self.timer.isActive():
            self.timer.start()

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()
        elif not self.timer.isActive():  # the first edit: `changed` came before the stack moved
            self.timer.start()

    def save_now(self) -> bool:
        """Snapshot the document now if it has unsaved changes; True when written."""
        if not self.document.dirty:
            return False
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            if not self.lock.isLocked() and not self.lock.tryLock(0):
                raise OSError("the autosave lock is taken")
            origin_file, origin_version = self.origin()
            write_snapshot(
                self.file,
                self.document.scenario,
                self.document.allocation,
                origin_file,
                origin_version,
            )
        except OSError as exc:
            if not self._warned:  # say it once, not every 15 seconds
                self._warned = True
                self.failed.emit(f"Autosave failed ({exc}); save your work by hand.")
            return False
        return True

    def discard(self) -> None:
        """Forget the snapshot (work saved, or the window closed normally)."""
        self.timer.stop()
        self.file.unlink(missing_ok=True)
        if self.lock.isLocked():
            self.lock.unlock()


@dataclass
class Orphan:
    """A snapshot left by a session that is no longer running, with its lock held."""

    file: Path
    lock: QLockFile
    snapshot: Snapshot | None
    problem: str = ""

    def discard(self) -> None:
        self.file.unlink(missing_ok=True)
        self.release()

    def release(self) -> None:
        if self.lock.isLocked():
            self.lock.unlock()


def orphaned_snapshots(directory: Path | None = None) -> list[Orphan]:
    """Snapshots of crashed sessions, newest first; live sessions' snapshots are skipped."""
    orphans = []
    for file in reversed(snapshot_files(directory or autosave_dir())):
        lock = _lock_for(file)
        if not lock.tryLock(0):
            continue  # another window is running and owns it
        try:
            orphans.append(Orphan(file, lock, read_snapshot(file)))
        except PlannerError as exc:
            orphans.append(Orphan(file, lock, None, str(exc)))
    return orphans
