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

# Format 3: read-only views that show what the JSON columns hold as rows, for
# sqlite3 and Datasette users. They read the stored JSON (nothing is copied, so
# nothing can drift) and are part of the schema verify.py checks exactly.
# A kept plan is stored as rows [nation, unit, count] (one place, period 1) or
# [nation, unit, area, period, count] (planner.scenario.plan.to_rows): a short
# row's deployed unit stands in the scenario's only area ("theatre" when it
# declares none), a stand-off unit in none. The two parts below are shared by
# both plan views and frozen with them: editing them would refuse every
# format-3 file as changed.
_UNIT_FIGURES = """coalesce(json_extract(u.value, '$.deployed'), 1) AS deployed,
           json_extract(u.value, '$.personnel') AS per_unit"""
_CELL_FIGURES = """deployed,
       CASE WHEN NOT deployed THEN NULL WHEN json_type(body, '$.areas') IS NULL THEN 1
            ELSE (SELECT json_extract(a.value, '$.in_target') FROM json_each(body, '$.areas') a
                  WHERE json_extract(a.value, '$.id') = area) END AS in_target,
       units * per_unit AS personnel,
       CASE WHEN deployed THEN units * per_unit ELSE 0 END AS troops"""
_V3 = f"""
CREATE VIEW version_list AS
SELECT s.name AS scenario, v.number AS version, v.created_at AS saved_at, v.author,
       v.message, v.changes, v.allocation IS NOT NULL AS has_plan,
       json_extract(v.body, '$.schema') AS schema, json_extract(v.body, '$.name') AS title,
       json_extract(v.body, '$.objective') AS objective,
       json_extract(v.body, '$.target.min_troops') AS min_troops,
       json_extract(v.body, '$.target.max_troops') AS max_troops,
       json_array_length(v.body, '$.nations') AS nations,
       coalesce(json_array_length(v.body, '$.areas'), 1) AS areas,
       coalesce(json_extract(v.body, '$.periods.count'), 1) AS periods,
       (SELECT count(*) FROM results r WHERE r.version_id = v.id) AS results
FROM versions v JOIN scenarios s ON s.id = v.scenario_id;

CREATE VIEW nation_rows AS
SELECT s.name AS scenario, v.number AS version, n.key + 1 AS position,
       json_extract(n.value, '$.code') AS nation, json_extract(n.value, '$.name') AS name,
       json_extract(n.value, '$.status') AS status,
       json_extract(n.value, '$.min_troops') AS min_troops,
       json_extract(n.value, '$.max_troops') AS max_troops,
       json_extract(n.value, '$.cost_per_troop') AS cost_per_troop,
       json_extract(n.value, '$.burden_weight') AS burden_weight,
       json_extract(n.value, '$.areas') AS areas,
       coalesce(json_extract(n.value, '$.requires'), '[]') AS requires,
       coalesce(json_extract(n.value, '$.min_partners'), 0) AS min_partners,
       json_extract(n.value, '$.rotation') AS rotation,
       coalesce(json_extract(n.value, '$.notes'), '') AS notes
FROM versions v JOIN scenarios s ON s.id = v.scenario_id
JOIN json_each(v.body, '$.nations') n;

CREATE VIEW offer_rows AS
SELECT s.name AS scenario, v.number AS version, json_extract(n.value, '$.code') AS nation,
       o.key AS unit_type,
       CASE o.type WHEN 'object' THEN json_extract(o.value, '$.count') ELSE o.value END AS units,
       CASE o.type WHEN 'object' THEN coalesce(json_extract(o.value, '$.ready_from'), 1)
            ELSE 1 END AS ready_from
FROM versions v JOIN scenarios s ON s.id = v.scenario_id
JOIN json_each(v.body, '$.nations') n JOIN json_each(n.value, '$.offers') o;

CREATE VIEW allocation_rows AS
SELECT scenario, version, nation, unit_type, area, period, units, {_CELL_FIGURES}
FROM (
    SELECT s.name AS scenario, v.number AS version, v.body AS body,
           json_extract(c.value, '$[0]') AS nation, json_extract(c.value, '$[1]') AS unit_type,
           CASE WHEN json_array_length(c.value) = 5 THEN json_extract(c.value, '$[2]')
                WHEN coalesce(json_extract(u.value, '$.deployed'), 1)
                THEN coalesce(json_extract(v.body, '$.areas[0].id'), 'theatre') END AS area,
           CASE WHEN json_array_length(c.value) = 5 THEN json_extract(c.value, '$[3]')
                ELSE 1 END AS period,
           json_extract(c.value, '$[' || (json_array_length(c.value) - 1) || ']') AS units,
           {_UNIT_FIGURES}
    FROM versions v JOIN scenarios s ON s.id = v.scenario_id
    JOIN json_each(v.allocation) c
    LEFT JOIN json_each(v.body, '$.unit_types') u
           ON json_extract(u.value, '$.id') = json_extract(c.value, '$[1]')
);

CREATE VIEW result_rows AS
SELECT r.id AS result, s.name AS scenario, v.number AS version, r.created_at AS kept_at,
       r.author, r.objective, r.solver, r.status, r.objective_value, r.total_troops,
       (SELECT count(*) FROM json_each(r.document, '$.nations') n
        WHERE json_extract(n.value, '$.participating')) AS nations_taking_part,
       json_array_length(r.document, '$.unmet') AS unmet,
       json_extract(r.document, '$.solve_seconds') AS solve_seconds,
       json_extract(r.document, '$.mip_gap') AS mip_gap
FROM results r JOIN versions v ON v.id = r.version_id JOIN scenarios s ON s.id = v.scenario_id;

CREATE VIEW result_allocation_rows AS
SELECT result, scenario, version, nation, unit_type, area, period, units, {_CELL_FIGURES}
FROM (
    SELECT r.id AS result, s.name AS scenario, v.number AS version, v.body AS body,
           json_extract(e.value, '$.nation') AS nation,
           json_extract(e.value, '$.unit_type') AS unit_type,
           CASE WHEN coalesce(json_extract(u.value, '$.deployed'), 1)
                THEN coalesce(json_extract(e.value, '$.area'),
                              json_extract(v.body, '$.areas[0].id'), 'theatre') END AS area,
           coalesce(json_extract(e.value, '$.period'), 1) AS period,
           json_extract(e.value, '$.count') AS units,
           {_UNIT_FIGURES}
    FROM results r JOIN versions v ON v.id = r.version_id JOIN scenarios s ON s.id = v.scenario_id
    JOIN json_each(r.document, '$.allocation') e
    LEFT JOIN json_each(v.body, '$.unit_types') u
           ON json_extract(u.value, '$.id') = json_extract(e.value, '$.unit_type')
)
"""


def content_digest(body: str, allocation: str | None) -> str:
    """What makes two versions the same: scenario text and kept plan."""
    return hashlib.sha256(f"{body}\0{allocation or ''}".encode()).hexdigest()


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Each statement on its own (executescript would commit the caller's transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _create_v1(conn: sqlite3.Connection) -> None:
    _run(conn, _V1)


def _audit_trail_v2(conn: sqlite3.Connection) -> None:
    """Digests for duplicate detection and an audit table, back-filled from history."""
    _run(conn, _V2)
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


def _plan_views_v3(conn: sqlite3.Connection) -> None:
    """Read-only views of versions, nations, offers, plans and results as rows."""
    _run(conn, _V3)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _create_v1,
    _audit_trail_v2,
    _plan_views_v3,
)
VIEWS = (  # what format 3 adds for analysts (README: "The workspace in SQL")
    "version_list",
    "nation_rows",
    "offer_rows",
    "allocation_rows",
    "result_rows",
    "result_allocation_rows",
)
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
