"""Crafted workspace files: the ways a file handed to a planner can be hostile or broken.

Each :class:`Case` writes `w.sqlite` (and maybe files beside it) into an
empty folder, starting from a valid workspace, and says what every
workspace command must do with it:

- ``refused``: exit 1, one line on stderr, the folder byte-identical;
- ``valid``: a workspace a command may use (a name it lacks is one line);
- ``either``: damage a command may never read: it succeeds, or exits 1
  with one line and the folder byte-identical; ``check``, which reads every
  value, must refuse (``check_refuses``).

`cases(scale)` builds the list; scale 1 is the CI size, larger scales add
random page damage, bit flips and every bad value in every column.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner.scenario.io import dumps_scenario
from planner.scenario.validation import parse_scenario
from planner.selftest import SMALL_SCENARIO
from planner.solve import solve
from planner.workspace import VersionRef, Workspace
from planner.workspace.schema import APPLICATION_ID, CURRENT_VERSION, migrate

DB = "w.sqlite"
NAME = "S"
COMMANDS = {  # every workspace command, on scenario S; {out} and {scenario} filled in
    "list": ["list"],
    "history": ["history", "S"],
    "export": ["export", "S@1", "-o", "{out}/e.json"],
    "diff": ["diff", "S@1", "S@2"],
    "export-results": ["export-results", "S", "-o", "{out}/r.csv"],
    "solve": ["solve", "S@1"],
    "import": ["import", "{scenario}", "--name", "S"],
    "log": ["log", "--limit", "5"],
    "check": ["check"],
}
PAGE = 4096
Make = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    kind: str  # the class of defect, for the report
    name: str
    make: Make
    expect: str  # "refused", "valid" or "either"
    check_refuses: bool = False


# -- the valid workspaces everything starts from -------------------------------


def small_scenario(ceiling: int = 2000):
    scenario = parse_scenario(SMALL_SCENARIO)
    nations = tuple(
        dataclasses.replace(n, max_troops=ceiling) if n.code == "AA" else n
        for n in scenario.nations
    )
    return dataclasses.replace(scenario, nations=nations)


def build_bases(folder: Path) -> dict[str, Path]:
    """A valid workspace (two versions, two kept results) in rollback and in WAL mode, and v1."""
    folder.mkdir(parents=True, exist_ok=True)
    wal = folder / "wal.sqlite"
    ws = Workspace(wal)
    first, second = small_scenario(), small_scenario(1800)
    ws.save_version(NAME, first, "one")
    ws.add_result(VersionRef(NAME, 1), solve(first))
    result = solve(second)
    ws.save_version(NAME, second, "two", dict(result.allocation))
    ws.add_result(VersionRef(NAME, 2), result)
    rollback = folder / "rollback.sqlite"
    shutil.copy(wal, rollback)
    with sqlite3.connect(rollback) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    old = folder / "v1.sqlite"
    conn = sqlite3.connect(old, isolation_level=None)
    migrate(conn, target=1)
    body = dumps_scenario(first)
    conn.execute("INSERT INTO scenarios VALUES (1, 'S', '2026-01-01T00:00:00Z')")
    for number, plan in ((1, None), (2, '[["AA","inf_bn",1]]')):
        conn.execute(
            "INSERT INTO versions (scenario_id, number, created_at, author, message, body, "
            "allocation) VALUES (1, ?, '2026-01-01T00:00:00Z', 'alice', 'old', ?, ?)",
            (number, body, plan),
        )
    conn.close()
    return {"rollback": rollback, "wal": wal, "v1": old}


# -- crafting helpers ----------------------------------------------------------


def expected_columns(version: int) -> dict[str, list[tuple[str, str, bool]]]:
    """(column, declared type, may be NULL) per table, as our migrations make them."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn, target=version)
    tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    columns = {
        table: [
            (name, kind.upper(), not notnull and not pk)
            for _, name, kind, notnull, _, pk in conn.execute(f"PRAGMA table_info({table})")
        ]
        for table in tables
    }
    conn.close()
    return columns


def run_sql(path: Path, *statements: str, writable_schema: bool = False) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if writable_schema:
            conn.execute("PRAGMA writable_schema = ON")
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def _loose(sql: str) -> str:
    """The table's SQL without types or NOT NULL: any value can then be stored."""
    sql = re.sub(r"\bINTEGER\b(?! PRIMARY KEY)", "", sql)
    sql = re.sub(r"\b(TEXT|REAL|NOT NULL)\b", "", sql)
    return sql.replace("REFERENCES scenarios(id)", "").replace("REFERENCES versions(id)", "")


def raw_value(path: Path, table: str, column: str, value_sql: str, rowid: str = "min") -> None:
    """Store any value (NULL, a blob, text in a number column) as a hostile editor would."""
    conn = sqlite3.connect(path, isolation_level=None)
    original = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (_loose(original), table))
    conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        f"UPDATE {table} SET {column} = {value_sql} "
        f"WHERE rowid = (SELECT {rowid}(rowid) FROM {table})"
    )
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (original, table))
    conn.close()


def _digest(body: str, allocation: str | None) -> str:
    return hashlib.sha256(f"{body}\0{allocation or ''}".encode()).hexdigest()


def set_version(path: Path, column: str, value: str, fix_digest: bool = True) -> None:
    """Change version 1's body or plan; with `fix_digest`, as if Force Planner had saved it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"UPDATE versions SET {column} = ? WHERE number = 1", (value,))
    if fix_digest:
        body, allocation = conn.execute(
            "SELECT body, allocation FROM versions WHERE number = 1"
        ).fetchone()
        conn.execute(
            "UPDATE versions SET digest = ? WHERE number = 1", (_digest(body, allocation),)
        )
    conn.close()


def set_document(path: Path, change: Callable[[str], str]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    (document,) = conn.execute("SELECT document FROM results WHERE id = 1").fetchone()
    conn.execute("UPDATE results SET document = ? WHERE id = 1", (change(document),))
    conn.close()


def patch_bytes(path: Path, offset: int, data: bytes) -> None:
    content = bytearray(path.read_bytes())
    content[offset : offset + len(data)] = data
    path.write_bytes(bytes(content))


# -- the classes of defect -----------------------------------------------------

TABLES = ("scenarios", "versions", "results", "audit")


def recursive_view(table: str) -> list[str]:
    columns = ", ".join(name for name, _, _ in expected_columns(CURRENT_VERSION)[table])
    return [
        f"ALTER TABLE {table} RENAME TO {table}_old",
        f"CREATE VIEW {table} AS WITH RECURSIVE r({columns}) AS "
        f"(SELECT {columns} FROM {table}_old UNION ALL SELECT {columns} FROM r) SELECT * FROM r",
    ]


def _schema_cases() -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for table in TABLES:
        columns = [name for name, _, _ in expected_columns(CURRENT_VERSION)[table]]
        found += [
            (f"recursive view as {table}", recursive_view(table)),
            (
                f"plain view as {table}",
                [
                    f"ALTER TABLE {table} RENAME TO x_{table}",
                    f"CREATE VIEW {table} AS SELECT * FROM x_{table}",
                ],
            ),
            (f"{table} dropped", ["PRAGMA foreign_keys = OFF", f"DROP TABLE {table}"]),
            (f"extra column in {table}", [f"ALTER TABLE {table} ADD COLUMN sneaky TEXT"]),
            (
                f"trigger after insert on {table}",
                [
                    f"CREATE TRIGGER t_{table} AFTER INSERT ON {table} BEGIN "
                    "DELETE FROM results; UPDATE versions SET body = '{}'; END"
                ],
            ),
            (
                f"trigger before update on {table}",
                [
                    f"CREATE TRIGGER u_{table} BEFORE UPDATE ON {table} BEGIN "
                    "SELECT RAISE(ABORT, 'no'); END"
                ],
            ),
            (
                f"index on {table}.{columns[-1]}",
                [f"CREATE INDEX extra_{table} ON {table} ({columns[-1]})"],
            ),
        ]
    recursive_trigger = (
        "CREATE TRIGGER loop AFTER INSERT ON audit BEGIN "
        "INSERT INTO audit (at, actor, action, scenario, version, detail) "
        "SELECT at, actor, action, scenario, version, detail FROM audit; END"
    )
    return (
        found
        + _view_cases()
        + [
            (
                "self-feeding trigger on audit",
                ["PRAGMA recursive_triggers = ON", recursive_trigger],
            ),
            ("foreign table", ["CREATE TABLE customers (name TEXT)"]),
            ("fts5 virtual table", ["CREATE VIRTUAL TABLE notes USING fts5(body)"]),
            ("rtree virtual table", ["CREATE VIRTUAL TABLE boxes USING rtree(id, x0, x1)"]),
            ("statistics table", ["ANALYZE"]),
            ("results_by_version dropped", ["DROP INDEX results_by_version"]),
            ("view under another name", ["CREATE VIEW everything AS SELECT * FROM versions"]),
            (
                "versions with a check constraint",
                ["ALTER TABLE versions ADD COLUMN checked INTEGER CHECK (checked > 0)"],
            ),
            (
                "generated column",
                ["ALTER TABLE audit ADD COLUMN g TEXT GENERATED ALWAYS AS (upper(detail)) VIRTUAL"],
            ),
            (
                "table redefined with other types",
                [
                    "PRAGMA writable_schema = ON",
                    "UPDATE sqlite_master SET sql = replace(sql, 'author TEXT', 'author BLOB') "
                    "WHERE name = 'audit' OR name = 'results'",
                ],
            ),
        ]
    )


def _view_cases() -> list[tuple[str, list[str]]]:
    """Our read-only views (format 3) altered, dropped, replaced or given a trigger."""
    never_ends = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r"
    return [
        (
            "view allocation_rows redefined",
            ["DROP VIEW allocation_rows", "CREATE VIEW allocation_rows AS SELECT 1 AS units"],
        ),
        (
            "view version_list that never ends",
            ["DROP VIEW version_list", f"CREATE VIEW version_list AS {never_ends}"],
        ),
        ("view result_rows dropped", ["DROP VIEW result_rows"]),
        (
            "table in place of view nation_rows",
            ["DROP VIEW nation_rows", "CREATE TABLE nation_rows (nation TEXT)"],
        ),
        (
            "trigger instead of delete on view allocation_rows",
            [
                "CREATE TRIGGER v_del INSTEAD OF DELETE ON allocation_rows BEGIN "
                "DELETE FROM results; UPDATE versions SET body = '{}'; END"
            ],
        ),
    ]


BAD_VALUES = {
    "NULL": "NULL",
    "blob": "x'00ff10'",
    "bad UTF-8": "CAST(x'c328ffe282' AS TEXT)",
    "wrong kind": "",  # a number in a text column, text in a number column
}


def _wrong_kind(kind: str) -> str:
    return "12345" if kind == "TEXT" else "'twelve'"


def _value_cases(scale: int) -> list[tuple[str, str, str, str]]:
    """(table, column, bad kind, SQL) for every stored column; every kind at scale > 1."""
    kinds = list(BAD_VALUES)
    found = []
    index = 0
    for table, columns in expected_columns(CURRENT_VERSION).items():
        for name, kind, nullable in columns:
            if name == "id":
                continue
            usable = [k for k in kinds if not (k == "NULL" and nullable)]  # NULL is fine there
            two = [usable[(index + step) % len(usable)] for step in (0, 1)]
            chosen = usable if scale > 1 else two
            index += 1
            for bad in chosen:
                sql = BAD_VALUES[bad] or _wrong_kind(kind)
                found.append((table, name, bad, sql))
    return found


def _document_cases() -> list[tuple[str, Make, str]]:
    """Values of the right kind that still lie: JSON not ours, figures that do not add up."""

    def doc(change: Callable[[str], str]) -> Make:
        return lambda path: set_document(path, change)

    def version(column: str, value: str, fix: bool = True) -> Make:
        return lambda path: set_version(path, column, value, fix)

    def figure(old: str, new: str) -> Callable[[str], str]:
        return lambda text: text.replace(old, new, 1)

    deep = "[" * 200 + "]" * 200
    return [
        ("scenario text not JSON", version("body", "not json"), "either"),
        ("scenario text an empty object", version("body", "{}"), "either"),
        ("scenario text nested 200 deep", version("body", deep), "either"),
        ("scenario text changed, fingerprint not", version("body", "{}", fix=False), "either"),
        ("scenario of another size", version("body", "x" * 3_000_000), "either"),
        ("kept plan not JSON", version("allocation", "[[1,2"), "either"),
        ("kept plan names no nation", version("allocation", '[["ZZ","inf_bn",1]]'), "either"),
        (
            "kept plan with a negative count",
            version("allocation", '[["AA","inf_bn",-1]]'),
            "either",
        ),
        ("kept plan nested 200 deep", version("allocation", deep), "either"),
        ("kept plan an object", version("allocation", '{"AA": 1}'), "either"),
        ("result document not JSON", doc(lambda t: t[:-5]), "either"),
        ("result document empty", doc(lambda t: "{}"), "either"),
        ("result document a list", doc(lambda t: "[]"), "either"),
        ("result document nested 200 deep", doc(lambda t: deep), "either"),
        (
            "result total troops changed",
            doc(figure('"total_troops": ', '"total_troops": 1')),
            "either",
        ),
        (
            "result status changed",
            doc(figure('"status": "optimal"', '"status": "infeasible"')),
            "either",
        ),
        ("result troops changed", doc(figure('"troops": ', '"troops": 9')), "either"),
        ("result count huge", doc(figure('"count": ', '"count": 1' + "0" * 40)), "either"),
        ("result count text", doc(figure('"count": ', '"count": "7"')), "either"),
        ("result objective unknown", doc(figure('"objective": "', '"objective": "x')), "either"),
        (
            "result value NaN",
            doc(figure('"objective_value": ', '"objective_value": NaN, "x": ')),
            "either",
        ),
        (
            "result value column disagrees",
            lambda p: run_sql(p, "UPDATE results SET objective_value = objective_value + 1"),
            "either",
        ),
        (
            "version number 0",
            lambda p: run_sql(p, "UPDATE versions SET number = 0 WHERE number = 1"),
            "either",
        ),
        (
            "version number huge",
            lambda p: run_sql(p, f"UPDATE versions SET number = {2**63 - 1} WHERE number = 2"),
            "either",
        ),
        ("audit version 0", lambda p: run_sql(p, "UPDATE audit SET version = 0"), "either"),
        ("scenario name empty", lambda p: run_sql(p, "UPDATE scenarios SET name = ''"), "either"),
        (
            "result of a missing version",
            lambda p: run_sql(p, "PRAGMA foreign_keys = OFF", "UPDATE results SET version_id = 99"),
            "either",
        ),
        (
            "author with a line break",
            lambda p: run_sql(p, "UPDATE audit SET actor = 'eve' || char(10) || 'FAKE LINE'"),
            "valid",
        ),
    ]


def _header(offset: int, data: bytes) -> Make:
    return lambda path: patch_bytes(path, offset, data)


def _page_cases(size: int, scale: int, rng: random.Random) -> list[tuple[str, Make, str]]:
    pages = size // PAGE
    found: list[tuple[str, Make, str]] = []
    chosen = range(2, pages + 1) if scale > 1 else sorted(rng.sample(range(2, pages + 1), 6))
    for page in chosen:
        junk = bytes(rng.randrange(256) for _ in range(PAGE))
        found.append((f"page {page} random", _header((page - 1) * PAGE, junk), "refused"))
    found += [
        ("page 2 zeros", _header(PAGE, bytes(PAGE)), "refused"),
        ("schema page after header", _header(100, b"\xa5" * (PAGE - 100)), "refused"),
        ("page size field invalid", _header(16, b"\x00\x03"), "refused"),
        ("file format bytes invalid", _header(18, b"\x07\x07"), "refused"),
        ("reserved space 255", _header(20, b"\xff"), "refused"),
        ("payload fractions wrong", _header(21, b"\x01\x01\x01"), "refused"),
        ("schema format 9", _header(44, b"\x00\x00\x00\x09"), "refused"),
        ("text encoding 9", _header(56, b"\x00\x00\x00\x09"), "either"),
        ("database size field huge", _header(28, b"\x7f\xff\xff\xff"), "either"),
        ("schema cookie changed", _header(40, b"\x00\x00\x01\x00"), "either"),
        ("writer version junk", _header(92, b"\xde\xad\xbe\xef\xde\xad\xbe\xef"), "either"),
    ]
    for keep in (100, PAGE, size - PAGE, size // 2 + 17):
        found.append((f"truncated to {keep} bytes", _truncate(keep), "refused"))
    flips = 12 * scale
    for _ in range(flips):
        offset, bit = rng.randrange(size), 1 << rng.randrange(8)
        found.append((f"bit {bit} flipped at {offset}", _flip(offset, bit), "either"))
    return found


def _truncate(keep: int) -> Make:
    def make(path: Path) -> None:
        path.write_bytes(path.read_bytes()[:keep])

    return make


def _flip(offset: int, bit: int) -> Make:
    def make(path: Path) -> None:
        content = bytearray(path.read_bytes())
        content[offset] ^= bit
        path.write_bytes(bytes(content))

    return make


def _identity_cases() -> list[tuple[str, Make, str]]:
    def pragma(text: str) -> Make:
        return lambda path: run_sql(path, text)

    def replace(data: bytes) -> Make:
        return lambda path: path.write_bytes(data)

    header = b"SQLite format 3\x00" + bytes(84)
    return [
        ("random bytes", replace(random.Random(7).randbytes(20_000)), "refused"),
        ("a CSV file", replace(b"name,troops\nFR,10000\n"), "refused"),
        ("an SQLite header and nothing", replace(header), "refused"),
        ("foreign application id", pragma("PRAGMA application_id = 1234"), "refused"),
        ("no application id", pragma("PRAGMA application_id = 0"), "refused"),
        ("format 0", pragma("PRAGMA user_version = 0"), "refused"),
        ("format 1 with format 2 tables", pragma("PRAGMA user_version = 1"), "refused"),
        ("format 2 with format 3 views", pragma("PRAGMA user_version = 2"), "refused"),
        (
            "format from the future",
            pragma(f"PRAGMA user_version = {CURRENT_VERSION + 1}"),
            "refused",
        ),
        ("format -1", pragma("PRAGMA user_version = -1"), "refused"),
        ("format 2147483647", pragma("PRAGMA user_version = 2147483647"), "refused"),
        (
            "someone else's database",
            lambda p: (p.unlink(), run_sql(p, "CREATE TABLE customers (name TEXT)")),
            "refused",
        ),
        (
            "our id on someone else's tables",
            lambda p: (
                p.unlink(),
                run_sql(
                    p,
                    f"PRAGMA application_id = {APPLICATION_ID}",
                    "PRAGMA user_version = 2",
                    "CREATE TABLE customers (name TEXT)",
                ),
            ),
            "refused",
        ),
    ]


def _wal_cases(bases: dict[str, Path]) -> list[tuple[str, Make, str]]:
    def with_leftover(statement: str) -> Make:
        """Committed frames in a -wal the main file has not seen, as a crash leaves them."""

        def make(path: Path) -> None:
            path.unlink()
            shutil.copy(bases["wal"], path)
            holder = sqlite3.connect(path)  # keeps the WAL from being checkpointed away
            holder.execute("SELECT count(*) FROM versions").fetchone()
            writer = sqlite3.connect(path, isolation_level=None)
            writer.execute("PRAGMA wal_autocheckpoint = 0")
            writer.execute(statement)
            writer.close()
            shutil.copy(path, path.with_name("kept"))
            shutil.copy(path.with_name(path.name + "-wal"), path.with_name("kept-wal"))
            holder.close()
            for suffix in ("-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            path.with_name("kept").replace(path)
            path.with_name("kept-wal").replace(path.with_name(path.name + "-wal"))

        return make

    def beside(suffix: str, data: bytes, base: str = "rollback") -> Make:
        def make(path: Path) -> None:
            path.unlink()
            shutil.copy(bases[base], path)
            path.with_name(path.name + suffix).write_bytes(data)

        return make

    junk = random.Random(11).randbytes(9000)
    trigger = "CREATE TRIGGER t AFTER INSERT ON versions BEGIN UPDATE versions SET body = '{}'; END"
    return [
        ("crash-left saves in the WAL", with_leftover("UPDATE audit SET detail = 'late'"), "valid"),
        ("trigger in the WAL", with_leftover(trigger), "refused"),
        ("junk WAL beside a rollback file", beside("-wal", junk), "valid"),
        ("junk WAL beside a WAL file", beside("-wal", junk, "wal"), "valid"),
        ("junk shared memory beside a WAL file", beside("-shm", junk[:32768], "wal"), "valid"),
        ("junk journal", beside("-journal", junk), "refused"),
        ("empty journal", beside("-journal", b""), "valid"),
    ]


def _in_folder(base: Path, then: Make) -> Make:
    def make(folder: Path) -> None:
        path = folder / DB
        shutil.copy(base, path)
        then(path)

    return make


def cases(bases: dict[str, Path], scale: int = 1, seed: int = 20261202) -> list[Case]:
    rng = random.Random(seed)
    base = bases["rollback"]
    found: list[Case] = [
        Case("valid", "rollback-mode workspace", _in_folder(base, lambda p: None), "valid"),
        Case("valid", "WAL-mode workspace", _in_folder(bases["wal"], lambda p: None), "valid"),
        Case(
            "valid",
            "older format (upgraded on use)",
            _in_folder(bases["v1"], lambda p: None),
            "valid",
        ),
        Case("valid", "empty file", lambda folder: (folder / DB).write_bytes(b""), "either"),
    ]
    for name, make, expect in _identity_cases():
        found.append(Case("identity", name, _in_folder(base, make), expect))
    for name, statements in _schema_cases():
        make = (lambda s: lambda p: run_sql(p, *s))(statements)
        found.append(Case("schema", name, _in_folder(base, make), "refused"))
    for table, column, bad, sql in _value_cases(scale):
        make = (lambda t, c, v: lambda p: raw_value(p, t, c, v))(table, column, sql)
        found.append(
            Case("values", f"{table}.{column} {bad}", _in_folder(base, make), "either", True)
        )
    for name, make, expect in _document_cases():
        found.append(Case("documents", name, _in_folder(base, make), expect, expect == "either"))
    for name, make, expect in _page_cases(base.stat().st_size, scale, rng):
        refuses = expect == "refused"
        found.append(Case("pages", name, _in_folder(base, make), expect, refuses))
    for name, make, expect in _wal_cases(bases):
        found.append(Case("WAL and journal", name, _in_folder(base, make), expect))
    if scale > 1:
        big = lambda p: set_version(p, "body", "x" * (65 * 2**20), fix_digest=False)  # noqa: E731
        found.append(
            Case("documents", "scenario text over 64 MiB", _in_folder(base, big), "either", True)
        )
    return found
