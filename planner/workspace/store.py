"""Scenarios, versions, results and the audit trail: the workspace's one API.

Every write is one `BEGIN IMMEDIATE` transaction, so a process killed
mid-save loses that save and nothing else. Connections are short-lived (one
per call): the GUI and a command line can share a workspace without either
holding a lock while the planner thinks.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from planner.errors import PlannerError
from planner.model import Scenario
from planner.result import PlanResult
from planner.scenario_io import dumps_scenario, loads_scenario
from planner.workspace.connection import open_connection
from planner.workspace.errors import WorkspaceError
from planner.workspace.refs import VersionRef
from planner.workspace.schema import content_digest

Cell = tuple[str, str]
MAX_NAME_LENGTH = 200
MAX_MESSAGE_LENGTH = 2000


def now_utc() -> str:
    """Timestamps are UTC, ISO 8601 with a Z, to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def os_user() -> str:
    """The author of a change: the operating-system user, as the brief asks."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # getuser raises OSError/KeyError with no passwd entry
        return "unknown"


@dataclass(frozen=True)
class ScenarioInfo:
    """One named scenario as the workspace list shows it."""

    name: str
    versions: int
    latest: int
    updated_at: str
    results: int


@dataclass(frozen=True)
class VersionInfo:
    """One saved version: who saved it, when, why and what changed."""

    name: str
    number: int
    created_at: str
    author: str
    message: str
    changes: str
    has_plan: bool
    created: bool = True  # False when a save found the same content already latest


@dataclass(frozen=True)
class StoredVersion:
    """A version's scenario (validated again on the way out) and its kept plan."""

    info: VersionInfo
    body: str
    scenario: Scenario
    allocation: dict[Cell, int] | None


@dataclass(frozen=True)
class ResultInfo:
    """A solve kept against the exact version and objective that produced it."""

    id: int
    name: str
    version: int
    created_at: str
    author: str
    objective: str
    solver: str
    status: str
    objective_value: float | None
    total_troops: int | None


@dataclass(frozen=True)
class AuditEntry:
    """Who did what, when, to which scenario."""

    at: str
    actor: str
    action: str
    scenario: str
    version: int | None
    detail: str


def _allocation_text(allocation: dict[Cell, int] | None) -> str | None:
    if allocation is None:
        return None
    rows = sorted([n, u, int(c)] for (n, u), c in allocation.items() if c)
    return json.dumps(rows, separators=(",", ":"))


def _allocation_from(text: str | None) -> dict[Cell, int] | None:
    if text is None:
        return None
    return {(str(n), str(u)): int(c) for n, u, c in json.loads(text)}


def _check_text(kind: str, text: str, limit: int) -> str:
    text = text.strip()
    if kind == "name" and not text:
        raise PlannerError("a scenario in the workspace needs a name")
    if len(text) > limit:
        raise PlannerError(f"the {kind} is {len(text):,} characters long; at most {limit:,}")
    if any(ord(ch) < 32 and ch not in "\t\n" for ch in text):
        raise PlannerError(f"the {kind} contains control characters")
    return text


class Workspace:
    """One workspace file. Cheap to create: nothing is opened until a call needs it."""

    def __init__(self, path: str | Path, busy_timeout: float | None = None) -> None:
        self.path = Path(path).expanduser()
        self.busy_timeout = busy_timeout  # seconds to wait for another writer

    @contextmanager
    def _reading(self) -> Iterator[sqlite_utils.Database]:
        with open_connection(
            self.path, write=False, create=False, busy_timeout=self.busy_timeout
        ) as conn:
            yield sqlite_utils.Database(conn)

    @contextmanager
    def _writing(self) -> Iterator[sqlite_utils.Database]:
        with open_connection(
            self.path, write=True, create=True, busy_timeout=self.busy_timeout
        ) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield sqlite_utils.Database(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def exists(self) -> bool:
        return self.path.exists()

    def ensure(self) -> None:
        """Create (or upgrade) the file without adding anything."""
        with self._writing():
            pass

    # -- reading -----------------------------------------------------------------

    def scenarios(self) -> list[ScenarioInfo]:
        """Every scenario, most recently changed first. A missing file is an empty list."""
        if not self.exists():
            return []
        sql = """
            SELECT s.name, count(v.id) AS versions, max(v.number) AS latest,
                   max(v.created_at) AS updated_at,
                   (SELECT count(*) FROM results r JOIN versions w ON w.id = r.version_id
                    WHERE w.scenario_id = s.id) AS results
            FROM scenarios s JOIN versions v ON v.scenario_id = s.id
            GROUP BY s.id ORDER BY updated_at DESC, s.name"""
        with self._reading() as db:
            return [ScenarioInfo(**row) for row in db.query(sql)]

    def history(self, name: str) -> list[VersionInfo]:
        """Every version of one scenario, oldest first."""
        with self._reading() as db:
            scenario_id = self._scenario_id(db, name)
            rows = db.query(_version_query("v.scenario_id = ? ORDER BY v.number"), [scenario_id])
            return [_version_info(row) for row in rows]

    def version(self, ref: VersionRef) -> StoredVersion:
        """One version (the latest when the ref names none), scenario re-validated."""
        with self._reading() as db:
            row = self._version_row(db, ref)
        info = _version_info(row)
        try:
            scenario = loads_scenario(row["body"])
        except PlannerError as exc:
            raise WorkspaceError(
                self.path, f"{info.name}@{info.number} holds an invalid scenario ({exc})"
            ) from None
        return StoredVersion(info, row["body"], scenario, _allocation_from(row["allocation"]))

    def results(self, name: str) -> list[ResultInfo]:
        """Every kept result of one scenario, oldest first."""
        with self._reading() as db:
            scenario_id = self._scenario_id(db, name)
            rows = db.query(
                f"{_RESULT_SELECT} WHERE v.scenario_id = ? ORDER BY r.id", [scenario_id]
            )
            return [ResultInfo(**row) for row in rows]

    def result_document(self, result_id: int) -> dict[str, Any]:
        """The stored result JSON document (spec section 4) of one kept result."""
        with self._reading() as db:
            rows = list(db.query("SELECT document FROM results WHERE id = ?", [result_id]))
        if not rows:
            raise WorkspaceError(self.path, f"there is no result number {result_id}")
        document: dict[str, Any] = json.loads(rows[0]["document"])
        return document

    def audit(self, limit: int = 200) -> list[AuditEntry]:
        """The latest `limit` audit entries, newest first."""
        if not self.exists():
            return []
        with self._reading() as db:
            rows = db.query(
                "SELECT at, actor, action, scenario, version, detail FROM audit "
                "ORDER BY id DESC LIMIT ?",
                [limit],
            )
            return [AuditEntry(**row) for row in rows]

    def integrity(self) -> str:
        """SQLite's own integrity check: 'ok' or its first complaint."""
        with self._reading() as db:
            return str(db.execute("PRAGMA integrity_check").fetchone()[0])

    # -- writing -----------------------------------------------------------------

    def save_version(
        self,
        name: str,
        scenario: Scenario,
        message: str = "",
        allocation: dict[Cell, int] | None = None,
        action: str = "save",
    ) -> VersionInfo:
        """Keep `scenario` (and the plan typed by hand, if any) as the next version of `name`.

        Saving exactly what the latest version already holds adds nothing and
        returns that version with `created` False.
        """
        name = _check_text("name", name, MAX_NAME_LENGTH)
        message = _check_text("message", message, MAX_MESSAGE_LENGTH)
        body, kept = dumps_scenario(scenario), _allocation_text(allocation)
        digest = content_digest(body, kept)
        with self._writing() as db:
            scenario_id = self._scenario_id(db, name, create=True)
            latest = list(
                db.query(
                    _version_query(
                        "v.scenario_id = ? ORDER BY v.number DESC LIMIT 1", ", v.body, v.digest"
                    ),
                    [scenario_id],
                )
            )
            if latest and latest[0]["digest"] == digest:
                return _version_info(latest[0], created=False)
            number = latest[0]["number"] + 1 if latest else 1
            changes = _changes(latest[0]["body"], scenario) if latest else "first version"
            info = VersionInfo(
                name, number, now_utc(), os_user(), message, changes, kept is not None
            )
            db.table("versions").insert(
                {
                    "scenario_id": scenario_id,
                    "number": number,
                    "created_at": info.created_at,
                    "author": info.author,
                    "message": message,
                    "body": body,
                    "allocation": kept,
                    "digest": digest,
                    "changes": changes,
                }
            )
            self._log(db, action, name, number, message or changes)
            return info

    def add_result(self, ref: VersionRef, result: PlanResult) -> ResultInfo:
        """Keep a solve's result against the version it was solved from."""
        document = result.to_dict()
        with self._writing() as db:
            row = self._version_row(db, ref)
            record = {
                "version_id": row["id"],
                "created_at": now_utc(),
                "author": os_user(),
                "objective": result.objective,
                "solver": result.solver,
                "status": result.status,
                "objective_value": document["objective_value"],
                "total_troops": document["total_troops"],
                "document": json.dumps(document, ensure_ascii=False),
            }
            result_id = int(db.table("results").insert(record).last_pk or 0)
            detail = f"{result.objective}: {result.status}"
            self._log(db, "result", row["name"], row["number"], detail)
        fields = {k: record[k] for k in record if k not in ("version_id", "document")}
        return ResultInfo(id=result_id, name=row["name"], version=row["number"], **fields)

    def log_export(self, ref: VersionRef, target: str) -> None:
        """Exports are part of who-did-what, too."""
        with self._writing() as db:
            row = self._version_row(db, ref)
            self._log(db, "export", row["name"], row["number"], f"to {target}")

    # -- helpers -----------------------------------------------------------------

    def _scenario_id(self, db: sqlite_utils.Database, name: str, create: bool = False) -> int:
        rows = list(db.query("SELECT id FROM scenarios WHERE name = ?", [name]))
        if rows:
            return int(rows[0]["id"])
        if not create:
            raise WorkspaceError(self.path, f"no scenario named {name!r}{_known(db)}")
        table = db.table("scenarios").insert({"name": name, "created_at": now_utc()})
        return int(table.last_pk or 0)

    def _version_row(self, db: sqlite_utils.Database, ref: VersionRef) -> dict[str, Any]:
        scenario_id = self._scenario_id(db, ref.name)
        order = "v.number = ?" if ref.number is not None else "1"
        params: list[Any] = [scenario_id] + ([ref.number] if ref.number is not None else [])
        rows = list(
            db.query(
                _version_query(
                    f"v.scenario_id = ? AND {order} ORDER BY v.number DESC LIMIT 1",
                    ", v.id, v.body, v.allocation",
                ),
                params,
            )
        )
        if not rows:
            latest = db.execute(
                "SELECT max(number) FROM versions WHERE scenario_id = ?", [scenario_id]
            ).fetchone()[0]
            raise WorkspaceError(
                self.path, f"{ref.name!r} has no version {ref.number} (versions 1 to {latest})"
            )
        return rows[0]

    @staticmethod
    def _log(db: sqlite_utils.Database, action: str, name: str, number: int, detail: str) -> None:
        entry = {"at": now_utc(), "actor": os_user(), "action": action, "scenario": name}
        db.table("audit").insert({**entry, "version": number, "detail": detail})


def _version_query(where: str, extra: str = "") -> str:
    """Versions with their scenario's name; `extra` adds columns such as the body."""
    return f"""
    SELECT s.name, v.number, v.created_at, v.author, v.message, v.changes,
           v.allocation IS NOT NULL AS has_plan{extra}
    FROM versions v JOIN scenarios s ON s.id = v.scenario_id WHERE {where}"""


_RESULT_SELECT = """
    SELECT r.id, s.name, v.number AS version, r.created_at, r.author, r.objective, r.solver,
           r.status, r.objective_value, r.total_troops
    FROM results r JOIN versions v ON v.id = r.version_id
    JOIN scenarios s ON s.id = v.scenario_id"""


def _version_info(row: dict[str, Any], created: bool = True) -> VersionInfo:
    return VersionInfo(
        name=row["name"],
        number=row["number"],
        created_at=row["created_at"],
        author=row["author"],
        message=row["message"],
        changes=row["changes"],
        has_plan=bool(row["has_plan"]),
        created=created,
    )


def _known(db: sqlite_utils.Database) -> str:
    names = [row["name"] for row in db.query("SELECT name FROM scenarios ORDER BY name LIMIT 6")]
    if not names:
        return " (the workspace is empty)"
    more = ", ..." if len(names) > 5 else ""
    return " (it holds " + ", ".join(repr(n) for n in names[:5]) + more + ")"


def _changes(previous_body: str, scenario: Scenario) -> str:
    """What this version changed from the last, in planner words."""
    from planner.scenario_diff import diff_scenarios, summarise

    try:
        previous = loads_scenario(previous_body)
    except (PlannerError, sqlite3.Error):
        return "changes unknown (the previous version could not be read)"
    return summarise(diff_scenarios(previous, scenario))
