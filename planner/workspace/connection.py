"""Opening a workspace file safely: refuse what we must not touch, before touching it.

The order matters. A corrupt file, another program's database or a file from
a newer Force Planner is recognised by reading only; nothing is written
(not even the WAL switch) until the file is known to be ours and current.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planner.workspace.errors import WorkspaceError
from planner.workspace.schema import APPLICATION_ID, CURRENT_VERSION, migrate

BUSY_TIMEOUT_SECONDS = 5.0


def _writable(path: Path) -> bool:
    """Whether this user may write the file (and its folder, for the WAL files)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _check_file(path: Path) -> None:
    """Refuse a folder. The file itself is never opened outside SQLite: closing any
    other descriptor of it would drop the POSIX locks this process's SQLite
    connections hold on it, and with them SQLite's guard against corruption.
    """
    if path.is_dir():
        raise WorkspaceError(path, "this is a folder, not a workspace file")


def damaged(path: Path, exc: sqlite3.Error) -> WorkspaceError:
    """The message for an SQLite error, in words a planner can act on."""
    text = str(exc)
    if "file is not a database" in text:
        return WorkspaceError(
            path, "this is not a Force Planner workspace (not an SQLite database); left unchanged"
        )
    if "unable to open" in text:
        return WorkspaceError(path, "cannot be opened (check that the file can be read)")
    if "locked" in text or "busy" in text:
        return WorkspaceError(
            path, "another program is writing to it; try again when it has finished"
        )
    if "readonly" in text or "read-only" in text:
        return WorkspaceError(path, "the file is read-only; nothing was changed")
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return WorkspaceError(path, f"the file is damaged ({text}); left unchanged")
    return WorkspaceError(path, f"cannot be used ({text})")


def _connect(path: Path, read_only: bool, busy_timeout: float) -> sqlite3.Connection:
    mode = "ro" if read_only else "rwc"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _check_identity(path: Path, conn: sqlite3.Connection) -> int:
    """The file's schema version, after making sure it is ours and not from the future."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and (tables or version):
        raise WorkspaceError(
            path, "this SQLite file is not a Force Planner workspace; left unchanged"
        )
    if version > CURRENT_VERSION:
        raise WorkspaceError(
            path,
            f"it was written by a newer Force Planner (workspace format {version}; this "
            f"version reads up to {CURRENT_VERSION}); left unchanged: update Force Planner",
        )
    return int(version)


@contextmanager
def open_connection(
    path: Path, *, write: bool, create: bool, busy_timeout: float | None = None
) -> Iterator[sqlite3.Connection]:
    """A checked connection, migrated to the current schema when we may write.

    `busy_timeout` is how long to wait for another writer (the GUI waits less
    than the command line, so its window never hangs on a busy file).
    """
    if not path.exists():
        if not create:
            raise WorkspaceError(path, "no workspace here yet (import a scenario to start one)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(path, f"cannot create it ({exc.strerror or exc})") from None
    else:
        _check_file(path)
        if write and not _writable(path):
            raise WorkspaceError(path, "the file is read-only; nothing was changed")
    read_only = path.exists() and not _writable(path)
    conn: sqlite3.Connection | None = None
    try:
        wait = BUSY_TIMEOUT_SECONDS if busy_timeout is None else busy_timeout
        conn = _connect(path, read_only, wait)
        version = _check_identity(path, conn)
        if version < CURRENT_VERSION:
            if read_only:
                raise WorkspaceError(
                    path,
                    "it comes from an older Force Planner and must be upgraded, "
                    "but the file is read-only",
                )
            migrate(conn)
        if not read_only and conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        yield conn
    except sqlite3.Error as exc:
        raise damaged(path, exc) from None
    finally:
        if conn is not None:
            conn.close()
