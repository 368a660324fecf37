"""Is this file exactly a workspace as Force Planner makes it? Checked before any use.

A workspace file is untrusted input: anyone can hand a planner a file whose
`scenarios` table is a view that never ends, whose `versions` table carries
a trigger that blanks every body on the next save, or whose rows hold binary
data where a number belongs. So before a command reads or writes anything,
the file's schema must be exactly the one our migrations create for its
format (same tables, columns, indexes and read-only views; no other view,
no trigger, no virtual table), its pages must pass SQLite's quick check,
and every stored value must be of the kind its column promises. Each check
only reads, and the schema is compared before any table or view is read,
so nothing a file defines runs before it is known to be ours.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path

from planner.workspace.errors import WorkspaceError
from planner.workspace.schema import migrate

SchemaEntry = tuple[str, str, str, str]  # type, name, table, SQL with whitespace collapsed
CHANGED = "it was changed outside Force Planner"
MAX_LISTED = 3


def _normalised(sql: str | None) -> str:
    return " ".join((sql or "").split())


@lru_cache(maxsize=8)
def expected_schema(version: int) -> frozenset[SchemaEntry]:
    """What sqlite_master holds in a workspace of format `version`, built the way we build it."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, target=version)
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    finally:
        conn.close()
    return frozenset((t, n, tb, _normalised(sql)) for t, n, tb, sql in rows)


@lru_cache(maxsize=8)
def expected_columns(version: int) -> dict[str, tuple[tuple[str, str, bool], ...]]:
    """Per table of format `version`: (column, declared type, may be NULL)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, target=version)
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            table: tuple(
                (name, kind.upper(), not notnull and not pk)
                for _, name, kind, notnull, _, pk in conn.execute(f"PRAGMA table_info({table})")
            )
            for table in tables
        }
    finally:
        conn.close()


def _difference(found: set[SchemaEntry], expected: frozenset[SchemaEntry]) -> list[str]:
    """What differs, in words: unknown objects, missing ones, ones defined differently."""
    have = {(t, n): (tb, sql) for t, n, tb, sql in found if not n.startswith("sqlite_autoindex_")}
    want = {
        (t, n): (tb, sql) for t, n, tb, sql in expected if not n.startswith("sqlite_autoindex_")
    }
    kinds_wanted = {n: t for t, n in want}
    replaced, unknown = [], []
    for kind, name in sorted(set(have) - set(want)):
        if name in kinds_wanted and (kinds_wanted[name], name) not in have:
            replaced.append(f"a {kind} {name!r} where a {kinds_wanted[name]} belongs")
        else:
            unknown.append(f"an unknown {kind} {name!r}")
    words = replaced + unknown
    for kind, name in sorted(set(want) - set(have)):
        if name not in {n for _, n in have}:
            words.append(f"the {kind} {name!r} is missing")
    for key in sorted(set(have) & set(want)):
        if have[key] != want[key]:
            words.append(f"the {key[0]} {key[1]!r} is defined differently")
    return words


def verify_schema(path: Path, conn: sqlite3.Connection, version: int) -> None:
    """Refuse a file whose tables, indexes, views or triggers are not exactly ours."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    found = {(str(t), str(n), str(tb), _normalised(sql)) for t, n, tb, sql in rows}
    if found == expected_schema(version):
        return
    words = _difference(found, expected_schema(version)) or ["an index is defined differently"]
    more = f" and {len(words) - MAX_LISTED} more" if len(words) > MAX_LISTED else ""
    raise WorkspaceError(
        path,
        f"its tables are not those of a Force Planner workspace ({'; '.join(words[:MAX_LISTED])}"
        f"{more}): {CHANGED}; left unchanged",
    )


def verify_pages(path: Path, conn: sqlite3.Connection) -> None:
    """SQLite's quick check (every page read once): damage is found before anything is read."""
    verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if verdict != "ok":
        raise WorkspaceError(path, f"the file is damaged ({one_line(verdict)}); left unchanged")


def one_line(text: object) -> str:
    """SQLite's verdicts span lines and name its internals; one line, without the banner."""
    return " ".join(str(text).replace("*** in database main ***", "").split())


# -- stored values -------------------------------------------------------------

_TYPES = {"INTEGER": ("integer",), "TEXT": ("text",), "REAL": ("real", "integer")}
_NOUNS = {
    "scenarios": "scenario",
    "versions": "version",
    "results": "kept result",
    "audit": "audit entry",
}
_EXPECTED_WORDS = {"integer": "a whole number", "text": "text", "real": "a number"}
_FOUND_WORDS = {
    "null": "empty (NULL)",
    "blob": "binary data",
    "text": "text",
    "integer": "a whole number",
    "real": "a fractional number",
}


def _allowed(kind: str, nullable: bool) -> tuple[str, ...]:
    return _TYPES.get(kind, ("integer", "real", "text")) + (("null",) if nullable else ())


def verify_values(path: Path, conn: sqlite3.Connection, version: int) -> None:
    """Every stored value of the kind its column promises, and nothing pointing nowhere.

    One scan per table in SQL (no value is loaded into Python), so this stays
    fast on a workspace of thousands of versions.
    """
    for table, columns in expected_columns(version).items():
        checks = [
            f"typeof({name}) IN ({', '.join(repr(t) for t in _allowed(kind, nullable))})"
            for name, kind, nullable in columns
        ]
        row = conn.execute(
            f"SELECT rowid, {', '.join(f'typeof({c[0]})' for c in columns)} FROM {table} "
            f"WHERE NOT ({' AND '.join(checks)}) LIMIT 1"
        ).fetchone()
        if row is None:
            continue
        for (name, kind, nullable), found in zip(columns, row[1:], strict=True):
            if found not in _allowed(kind, nullable):
                expected = _EXPECTED_WORDS.get(_TYPES.get(kind, ("text",))[0], "a value")
                raise WorkspaceError(
                    path,
                    f"a stored {_NOUNS.get(table, table)} is damaged (its {name} is "
                    f"{_FOUND_WORDS.get(found, found)} where {expected} belongs): {CHANGED}; "
                    "left unchanged",
                )
    orphan = conn.execute("PRAGMA foreign_key_check").fetchone()
    if orphan is not None:
        raise WorkspaceError(
            path,
            f"a stored {_NOUNS.get(orphan[0], orphan[0])} belongs to a "
            f"{_NOUNS.get(orphan[2], orphan[2])} that is not there: {CHANGED}; left unchanged",
        )
