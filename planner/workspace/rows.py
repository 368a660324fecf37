"""Rows as dicts over one sqlite3 connection: what the workspace needs of a database layer.

Three verbs (query, execute, insert) on the standard library's sqlite3, so
that opening a workspace loads nothing more (sqlite-utils brought click and
NumPy into every workspace command, `workspace list` included). Table and
column names come only from this package, never from a file or a user.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any


class Rows:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Each row of `sql` as a dict keyed by column name."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description or ()]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def insert(self, table: str, record: dict[str, Any]) -> int:
        """Insert one row; its rowid."""
        columns = ", ".join(f'"{name}"' for name in record)
        marks = ", ".join("?" for _ in record)
        cursor = self.conn.execute(
            f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(record.values())
        )
        return int(cursor.lastrowid or 0)
