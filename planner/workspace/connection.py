"""Opening a workspace file safely: look first, without writing; only then use it.

A workspace file is untrusted input. First a connection that cannot write
(SQLite's `immutable` mode when no other connection is live, which creates
no file beside it) checks the header (ours? which format?), the schema
(exactly ours: :mod:`planner.workspace.verify`) and every page. Only a file
that passes is opened for use, and the command then works inside one
transaction in which the schema and the kind of every stored value are
checked again before it reads or writes anything. A command that fails
rolls back, so a file it refuses stays byte-identical; an older format is
upgraded in the same transaction as the first save (a read upgrades an
in-memory copy only); the switch to WAL mode comes after a successful
write, never before.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from planner.workspace.errors import WorkspaceError
from planner.workspace.schema import APPLICATION_ID, CURRENT_VERSION, migrate
from planner.workspace.verify import one_line, verify_pages, verify_schema, verify_values

BUSY_TIMEOUT_SECONDS = 5.0
MAX_VALUE_BYTES = 64 * 2**20  # no stored text or blob bigger than this is loaded
SIDECARS = ("-wal", "-journal")  # beside a file some connection is (or was) using


def _writable(path: Path) -> bool:
    """Whether this user may write the file (and its folder, for the WAL files)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def writable(path: Path) -> bool:
    """Whether a save to this existing file could succeed (permissions only)."""
    return _writable(path)


def _check_file(path: Path) -> None:
    """Refuse a folder. The file itself is never opened outside SQLite: closing any
    other descriptor of it would drop the POSIX locks this process's SQLite
    connections hold on it, and with them SQLite's guard against corruption.
    """
    if path.is_dir():
        raise WorkspaceError(path, "this is a folder, not a workspace file")


def _sidecar(path: Path) -> Path | None:
    for suffix in SIDECARS:
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            return candidate
    return None


def damaged(path: Path, exc: sqlite3.Error) -> WorkspaceError:
    """The message for an SQLite error, in words a planner can act on."""
    text = one_line(exc)
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
    journal = path.with_name(path.name + "-journal")
    if "readonly" in text or "read-only" in text:
        if journal.exists():
            return WorkspaceError(
                path,
                f"another program's unfinished write is beside it ({journal.name}); "
                "left unchanged: let that program finish or recover the file with it",
            )
        return WorkspaceError(path, "the file is read-only; nothing was changed")
    if "decode" in text or "UTF-8" in text:
        return WorkspaceError(
            path, "a stored text is not valid UTF-8 (the file is damaged); left unchanged"
        )
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return WorkspaceError(path, f"the file is damaged ({text}); left unchanged")
    return WorkspaceError(path, f"cannot be used ({text})")


def _connect(path: Path, mode: str, busy_timeout: float) -> sqlite3.Connection:
    """`mode`: "immutable" (read, no locks, no files beside it), "ro", "rw" or "rwc"."""
    query = "mode=ro&immutable=1" if mode == "immutable" else f"mode={mode}"
    uri = f"{path.resolve().as_uri()}?{query}"
    conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.execute("PRAGMA trusted_schema = OFF")  # no function in the schema runs for us
    conn.execute("PRAGMA cell_size_check = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


@dataclass(frozen=True)
class FileState:
    """What looking at an existing file found: its format, or that it is blank."""

    version: int
    blank: bool  # an empty SQLite file (e.g. zero bytes): no workspace in it yet


def _identity(path: Path, conn: sqlite3.Connection) -> FileState:
    """The file's format, after making sure it is ours and not from the future."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    entries = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id == 0 and version == 0 and entries == 0:
        return FileState(0, blank=True)
    if app_id != APPLICATION_ID:
        raise WorkspaceError(
            path, "this SQLite file is not a Force Planner workspace; left unchanged"
        )
    if version > CURRENT_VERSION:
        raise WorkspaceError(
            path,
            f"it was written by a newer Force Planner (workspace format {version}; this "
            f"version reads up to {CURRENT_VERSION}); left unchanged: update Force Planner",
        )
    if version < 1:
        raise WorkspaceError(
            path, f"its format number ({version}) is not one Force Planner writes; left unchanged"
        )
    return FileState(int(version), blank=False)


def inspect(path: Path, busy_timeout: float) -> FileState:
    """Look at an existing file without writing to it (nor beside it, when no one else is).

    With no other connection live (no -wal or -journal beside it), SQLite's
    immutable mode reads it without locks and creates nothing. If damage is
    found and another connection appeared meanwhile (a checkpoint may have
    been rewriting pages under us), look again, with locks.
    """
    live = _sidecar(path) is not None
    try:
        return _look(path, _connect(path, "ro" if live else "immutable", busy_timeout))
    except (WorkspaceError, sqlite3.DatabaseError):
        if live or _sidecar(path) is None:
            raise
    return _look(path, _connect(path, "ro", busy_timeout))


def _look(path: Path, conn: sqlite3.Connection) -> FileState:
    try:
        state = _identity(path, conn)
        if not state.blank:
            verify_schema(path, conn, state.version)
            seen = _signature(path)
            if _pages_checked.get(path) != seen:
                verify_pages(path, conn)
                _pages_checked[path] = seen
        return state
    finally:
        conn.close()


_pages_checked: dict[Path, tuple[int, ...]] = {}  # files whose pages passed, as they were then


def _signature(path: Path) -> tuple[int, ...]:
    """What changes whenever anyone writes the file or its WAL: the page check is then redone.

    Checking every page costs about 40 ms per 30 MB; the window asks the
    workspace something on every click, so an unchanged file is not checked again.
    """
    found: list[int] = []
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            info = candidate.stat()
        except OSError:
            found.append(-1)
            continue
        found += [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]
    return tuple(found)


def _in_memory(
    path: Path, source: sqlite3.Connection | None, state: FileState
) -> sqlite3.Connection:
    """A file read as the current format without writing it: a blank or older file is
    copied into memory and brought up to date there (it is upgraded on its first save).
    """
    conn = sqlite3.connect(":memory:", isolation_level=None)
    if source is not None:
        source.backup(conn)
        verify_values(path, conn, state.version)
    migrate(conn)
    return conn


def _reading_connection(path: Path, state: FileState, wait: float) -> sqlite3.Connection:
    """Reading through a writable connection lets SQLite tidy its own files away on close;
    a file we may not write is read without locks or files beside it when no one else is
    using it.
    """
    mode = "rw" if _writable(path) else ("ro" if _sidecar(path) else "immutable")
    conn = _connect(path, mode, wait)
    if state.blank or state.version < CURRENT_VERSION:
        try:
            copy = _in_memory(path, None if state.blank else conn, state)
        finally:
            conn.close()
        return copy
    return conn


def _use_wal(conn: sqlite3.Connection) -> None:
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")


@contextmanager
def open_connection(
    path: Path, *, write: bool, create: bool, busy_timeout: float | None = None
) -> Iterator[sqlite3.Connection]:
    """A connection inside one checked transaction, committed when the block ends well.

    `busy_timeout` is how long to wait for another writer (the GUI waits less
    than the command line, so its window never hangs on a busy file).
    """
    wait = BUSY_TIMEOUT_SECONDS if busy_timeout is None else busy_timeout
    state: FileState | None = None
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
    conn: sqlite3.Connection | None = None
    try:
        if path.exists():
            state = inspect(path, wait)
        if write:
            conn = _connect(path, "rw" if state else "rwc", wait)
        else:
            assert state is not None
            conn = _reading_connection(path, state, wait)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            if write and (state is None or state.version < CURRENT_VERSION):
                if state is not None and not state.blank:
                    verify_schema(path, conn, state.version)  # as looked at: no trigger fires
                    verify_values(path, conn, state.version)
                migrate(conn, in_transaction=True)  # with the command: all or nothing
            verify_schema(path, conn, CURRENT_VERSION)
            verify_values(path, conn, CURRENT_VERSION)
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if write:
            _use_wal(conn)
    except sqlite3.Error as exc:
        raise damaged(path, exc) from None
    finally:
        if conn is not None:
            conn.close()
