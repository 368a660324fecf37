"""The workspace schema and its forward migrations, tracked in PRAGMA user_version.

Each migration is frozen once released: a workspace written by any earlier
Force Planner is brought forward step by step, in one transaction per step.
A file with a *newer* user_version is refused untouched (see store.py).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x46504C4E  # "FPLN": tells our workspaces from other SQLite files

_V1 = """
CREATE TABLE scenarios (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    scenario_id INTEGER NOT NULL REFERENCES scenarios(id),
    number INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    author TEXT NOT NULL,
    message TEXT NOT NULL,
    body TEXT NOT NULL,
    allocation TEXT,
    UNIQUE (scenario_id, number)
);
CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES versions(id),
    created_at TEXT NOT NULL,
    author TEXT NOT NULL,
    objective TEXT NOT NULL,
    solver TEXT NOT NULL,
    status TEXT NOT NULL,
    objective_value REAL,
    total_troops INTEGER,
    document TEXT NOT NULL
);
"""

_V2 = """
ALTER TABLE versions ADD COLUMN digest TEXT NOT NULL DEFAULT '';
ALTER TABLE versions ADD COLUMN changes TEXT NOT NULL DEFAULT '';
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    scenario TEXT NOT NULL,
    version INTEGER,
    detail TEXT NOT NULL
);
CREATE INDEX results_by_version ON results (version_id);
"""


def content_digest(body: str, allocation: str | None) -> str:
    """What makes two versions the same: scenario text and kept plan."""
    return hashlib.sha256(f"{body}\0{allocation or ''}".encode()).hexdigest()


def _create_v1(conn: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _audit_trail_v2(conn: sqlite3.Connection) -> None:
    """Digests for duplicate detection and an audit table, back-filled from history."""
    for statement in _V2.split(";"):
        if statement.strip():
            conn.execute(statement)
    rows = conn.execute("SELECT id, body, allocation FROM versions").fetchall()
    for version_id, body, allocation in rows:
        conn.execute(
            "UPDATE versions SET digest = ? WHERE id = ?",
            (content_digest(body, allocation), version_id),
        )
    conn.execute(
        """INSERT INTO audit (at, actor, action, scenario, version, detail)
           SELECT v.created_at, v.author, 'save', s.name, v.number, v.message
           FROM versions v JOIN scenarios s ON s.id = v.scenario_id ORDER BY v.id"""
    )


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_create_v1, _audit_trail_v2)
CURRENT_VERSION = len(MIGRATIONS)


def migrate(
    conn: sqlite3.Connection, target: int = CURRENT_VERSION, *, in_transaction: bool = False
) -> int:
    """Bring the file from its user_version up to `target`; returns the steps run.

    Each step is its own transaction, unless `in_transaction`: then the
    caller's transaction holds them all (with the command that needed them,
    so a command that fails leaves an older file as it was).
    """
    start = conn.execute("PRAGMA user_version").fetchone()[0]
    for number in range(start + 1, target + 1):
        if in_transaction:
            _step(conn, number)
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            _step(conn, number)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return max(0, target - start)


def _step(conn: sqlite3.Connection, number: int) -> None:
    if number == 1:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS[number - 1](conn)
    conn.execute(f"PRAGMA user_version = {number}")
