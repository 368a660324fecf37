"""Scenarios, versions, results and the audit trail: the workspace's one API.

Every call is one transaction on a file checked before use
(:mod:`planner.workspace.connection`), so a process killed mid-save loses
that save and nothing else, and a refused call leaves the file as it was.
Connections are short-lived (one per call): the GUI and a command line can
share a workspace without either holding a lock while the planner thinks.
Every value read is checked (:mod:`planner.workspace.records`) before use.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planner.errors import PlannerError
from planner.result.document import PlanResult
from planner.scenario.io import dumps_scenario, loads_scenario
from planner.scenario.model import Scenario
from planner.scenario.plan import clean as allocation_from_result
from planner.workspace.connection import open_connection, writable
from planner.workspace.errors import WorkspaceError
from planner.workspace.kept import check_listed, result_from_document, same_outcome
from planner.workspace.records import (
    AuditEntry,
    Cell,
    KeptResult,
    ResultInfo,
    ScenarioInfo,
    StoredVersion,
    VersionInfo,
    allocation_from,
    allocation_text,
    audit_entry,
    result_info,
    scenario_info,
    version_info,
    version_number,
)
from planner.workspace.refs import VersionRef
from planner.workspace.rows import Rows
from planner.workspace.schema import CURRENT_VERSION, content_digest
from planner.workspace.values import MAX_INTEGER, BadValue, json_text, text, whole
from planner.workspace.verify import CHANGED, expected_columns, one_line

MAX_NAME_LENGTH = 200
MAX_MESSAGE_LENGTH = 2000
ScenarioCache = dict[tuple[str, int], Scenario]


def now_utc() -> str:
    """Timestamps are UTC, ISO 8601 with a Z, to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def os_user() -> str:
    """The author of a change: the operating-system user, as the brief asks."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # getuser raises OSError/KeyError with no passwd entry
        return "unknown"


def _encodable(kind: str, text: str) -> str:
    """Text SQLite can store: a terminal passing bytes that are not UTF-8 gets a sentence."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        shown = text.encode("utf-8", "replace").decode()
        raise PlannerError(f"the {kind} {shown!r} is not valid text (not UTF-8)") from None
    return text


def _check_text(kind: str, text: str, limit: int) -> str:
    text = _encodable(kind, text).strip()
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
    def _open(self, write: bool, create: bool = False) -> Iterator[Rows]:
        """One checked transaction; a stored value that is not ours refuses the whole call."""
        try:
            with open_connection(
                self.path, write=write, create=create, busy_timeout=self.busy_timeout
            ) as conn:
                yield Rows(conn)
        except BadValue as exc:
            raise WorkspaceError(self.path, f"{exc}: {CHANGED}; left unchanged") from None

    def exists(self) -> bool:
        return self.path.exists()

    def writable(self) -> bool:
        return not self.exists() or writable(self.path)

    def ensure(self) -> None:
        """Create (or upgrade) the file without adding anything."""
        with self._open(write=True, create=True):
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
        with self._open(write=False) as db:
            return [scenario_info(row) for row in db.query(sql)]

    def history(self, name: str) -> list[VersionInfo]:
        """Every version of one scenario, oldest first."""
        with self._open(write=False) as db:
            scenario_id = self._scenario_id(db, name)
            rows = db.query(_version_query("v.scenario_id = ? ORDER BY v.number"), [scenario_id])
            return [version_info(row) for row in rows]

    def version(self, ref: VersionRef) -> StoredVersion:
        """One version (the latest when the ref names none), scenario re-validated."""
        with self._open(write=False) as db:
            return self._stored(self._version_row(db, ref))

    def version_with_result(self, ref: VersionRef) -> tuple[StoredVersion, KeptResult | None]:
        """A version and the kept result that comes back with it, if any.

        That is the newest result whose plan is the version's kept plan; for a
        version kept without a plan, the newest result of its own objective
        (its plan then comes back with it, as after an Optimise).
        """
        with self._open(write=False) as db:
            stored = self._stored(self._version_row(db, ref))
            info = stored.info
            cache = {(info.name, info.number): stored.scenario}
            rows = db.query(
                f"{_KEPT_SELECT} WHERE s.name = ? AND v.number = ? ORDER BY r.id DESC",
                [info.name, info.number],
            )
            for row in rows:
                kept = self._kept(db, row, cache)
                if stored.allocation is not None:
                    if kept.result.allocation == stored.allocation:
                        return stored, kept
                elif kept.result.objective == stored.scenario.objective:
                    return stored, kept
            return stored, None

    def results(self, name: str) -> list[ResultInfo]:
        """Every kept result of one scenario, oldest first, its figures as its document has them.

        (Its document against its plan is checked when the result itself is read.)
        """
        with self._open(write=False) as db:
            scenario_id = self._scenario_id(db, name)
            rows = db.query(f"{_KEPT_SELECT} WHERE v.scenario_id = ? ORDER BY r.id", [scenario_id])
            found = []
            for row in rows:
                info = result_info(row)
                self._documented(info, row)
                found.append(info)
            return found

    def kept_results(self, name: str) -> list[KeptResult]:
        """Every kept result of one scenario read back whole and checked, oldest first."""
        with self._open(write=False) as db:
            scenario_id = self._scenario_id(db, name)
            rows = db.query(f"{_KEPT_SELECT} WHERE v.scenario_id = ? ORDER BY r.id", [scenario_id])
            cache: ScenarioCache = {}
            return [self._kept(db, row, cache) for row in rows]

    def kept_result(self, result_id: int) -> KeptResult:
        """One kept result read back whole and checked against its version's scenario."""
        with self._open(write=False) as db:
            rows = []
            if 1 <= result_id <= MAX_INTEGER:
                rows = list(db.query(f"{_KEPT_SELECT} WHERE r.id = ?", [result_id]))
            if not rows:
                raise WorkspaceError(self.path, f"there is no result number {result_id}")
            return self._kept(db, rows[0], {})

    def result_document(self, result_id: int) -> dict[str, Any]:
        """The stored result JSON document (spec section 4) of one kept result."""
        return self.kept_result(result_id).document

    def audit(self, limit: int = 200) -> list[AuditEntry]:
        """The latest `limit` audit entries, newest first."""
        if not self.exists():
            return []
        with self._open(write=False) as db:
            rows = db.query(
                "SELECT at, actor, action, scenario, version, detail FROM audit "
                "ORDER BY id DESC LIMIT ?",
                [max(1, min(limit, MAX_INTEGER))],
            )
            return [audit_entry(row) for row in rows]

    def integrity(self) -> str:
        """SQLite's own integrity check: 'ok' or its first complaint, on one line."""
        with self._open(write=False) as db:
            return one_line(db.execute("PRAGMA integrity_check(1)").fetchone()[0])

    def check(self) -> tuple[int, int]:
        """SQLite's full integrity check, then every version and result read back and checked.

        Returns how many versions and results were read; any problem is a
        WorkspaceError naming the first one found.
        """
        with self._open(write=False) as db:
            verdict = one_line(db.execute("PRAGMA integrity_check(1)").fetchone()[0])
            if verdict != "ok":
                raise WorkspaceError(self.path, f"the file is damaged ({verdict}); left unchanged")
            for table in expected_columns(CURRENT_VERSION):
                for _ in db.execute(f"SELECT * FROM {table}"):  # every text decodes
                    pass
            cache: ScenarioCache = {}
            versions = list(db.query(_version_query("1", ", v.id, v.body, v.allocation, v.digest")))
            numbers: dict[str, list[int]] = {}
            for row in versions:
                stored = self._stored(row)
                cache[stored.info.name, stored.info.number] = stored.scenario
                numbers.setdefault(stored.info.name, []).append(stored.info.number)
            for name, found in numbers.items():
                if sorted(found) != list(range(1, len(found) + 1)):
                    raise BadValue(f"the versions of {name!r} are not numbered 1 to {len(found)}")
            results = [self._kept(db, row, cache) for row in db.query(_KEPT_SELECT)]
            for row in db.query("SELECT at, actor, action, scenario, version, detail FROM audit"):
                audit_entry(row)
            return len(versions), len(results)

    # -- writing -----------------------------------------------------------------

    def save_version(
        self,
        name: str,
        scenario: Scenario,
        message: str = "",
        allocation: dict[Cell, int] | None = None,
        action: str = "save",
        result: PlanResult | None = None,
    ) -> VersionInfo:
        """Keep `scenario` (and the plan on screen, if any) as the next version of `name`.

        Saving exactly what the latest version already holds adds nothing and
        returns that version with `created` False. `result`, the solve whose
        plan this is, is kept with the version (once), so it comes back with it.
        """
        name = _check_text("name", name, MAX_NAME_LENGTH)
        message = _check_text("message", message, MAX_MESSAGE_LENGTH)
        body, kept = dumps_scenario(scenario), allocation_text(scenario, allocation)
        digest = content_digest(body, kept)
        with self._open(write=True, create=True) as db:
            scenario_id = self._scenario_id(db, name, create=True)
            latest = list(
                db.query(
                    _version_query(
                        "v.scenario_id = ? ORDER BY v.number DESC LIMIT 1",
                        ", v.id, v.body, v.digest",
                    ),
                    [scenario_id],
                )
            )
            if latest and text(latest[0]["digest"], "a version's fingerprint") == digest:
                info = version_info(latest[0], created=False)
                version_id = int(latest[0]["id"])
            else:
                info, version_id = self._insert_version(
                    db, scenario_id, name, scenario, message, (body, kept, digest), latest
                )
                self._log(db, action, name, info.number, message or info.changes)
            if result is not None and _is_plan_of(result, scenario, allocation):
                self._keep_once(db, version_id, info, result)
            return info

    def add_result(self, ref: VersionRef, result: PlanResult) -> ResultInfo:
        """Keep a solve's result against the version it was solved from."""
        with self._open(write=True) as db:
            row = self._version_row(db, ref)
            return self._insert_result(db, int(row["id"]), version_info(row), result)

    def export(
        self, ref: VersionRef, write: Callable[[str], None], target: str
    ) -> tuple[VersionInfo, bool]:
        """Hand the version's scenario text to `write` and log the export, in one transaction.

        A read-only workspace can still be exported from; the export then
        cannot be logged (the flag returned is False).
        """
        if not self.writable():
            stored = self.version(ref)
            write(stored.body)
            return stored.info, False
        with self._open(write=True) as db:
            stored = self._stored(self._version_row(db, ref))
            write(stored.body)
            self._log(db, "export", stored.info.name, stored.info.number, f"to {target}")
        return stored.info, True

    # -- helpers -----------------------------------------------------------------

    def _insert_version(
        self,
        db: Rows,
        scenario_id: int,
        name: str,
        scenario: Scenario,
        message: str,
        content: tuple[str, str | None, str],
        latest: list[dict[str, Any]],
    ) -> tuple[VersionInfo, int]:
        body, kept, digest = content
        number = 1
        changes = "first version"
        if latest:
            number = whole(latest[0]["number"], f"the latest version of {name!r}", 1) + 1
            if number > MAX_INTEGER:
                raise BadValue(f"{name!r} already has the largest version number a file can hold")
            changes = _changes(text(latest[0]["body"], f"the scenario of {name!r}"), scenario)
        info = VersionInfo(name, number, now_utc(), os_user(), message, changes, kept is not None)
        version_id = db.insert(
            "versions",
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
            },
        )
        return info, version_id

    def _keep_once(self, db: Rows, version_id: int, info: VersionInfo, result: PlanResult) -> None:
        """Keep `result` with the version unless the same outcome is kept there already."""
        cache = {(info.name, info.number): result.scenario}
        rows = db.query(f"{_KEPT_SELECT} WHERE r.version_id = ?", [version_id])
        if not any(same_outcome(self._kept(db, row, cache).result, result) for row in rows):
            self._insert_result(db, version_id, info, result)

    def _insert_result(
        self, db: Rows, version_id: int, info: VersionInfo, result: PlanResult
    ) -> ResultInfo:
        document = result.to_dict()
        record = {
            "version_id": version_id,
            "created_at": now_utc(),
            "author": os_user(),
            "objective": result.objective,
            "solver": result.solver,
            "status": result.status,
            "objective_value": document["objective_value"],
            "total_troops": document["total_troops"],
            "document": json.dumps(document, ensure_ascii=False),
        }
        result_id = db.insert("results", record)
        self._log(db, "result", info.name, info.number, f"{result.objective}: {result.status}")
        fields = {k: record[k] for k in record if k not in ("version_id", "document")}
        return ResultInfo(id=result_id, name=info.name, version=info.number, **fields)

    def _stored(self, row: dict[str, Any]) -> StoredVersion:
        """A version row read back: its text matching its fingerprint, its scenario valid."""
        info = version_info(row)
        where = f"{info.name}@{info.number}"
        body = text(row["body"], f"the scenario of {where}")
        allocation = row["allocation"]
        if allocation is not None:
            allocation = text(allocation, f"the kept plan of {where}")
        digest = text(row["digest"], f"the fingerprint of {where}")
        if digest != content_digest(body, allocation):
            raise BadValue(f"the content of {where} does not match the fingerprint saved with it")
        try:
            scenario = loads_scenario(body)
        except PlannerError as exc:
            raise WorkspaceError(
                self.path, f"{where} holds an invalid scenario ({exc}); left unchanged"
            ) from None
        return StoredVersion(info, body, scenario, allocation_from(allocation, scenario, where))

    def _kept(self, db: Rows, row: dict[str, Any], cache: ScenarioCache) -> KeptResult:
        """A result row read back whole: its document checked against its version's scenario."""
        info = result_info(row)
        key = (info.name, info.version)
        if key not in cache:
            cache[key] = self._stored(self._version_row(db, VersionRef(*key))).scenario
        where = f"result {info.id} of {info.name}@{info.version}"
        document = self._documented(info, row)
        result = result_from_document(cache[key], document, where)
        return KeptResult(info, document, result)

    @staticmethod
    def _documented(info: ResultInfo, row: dict[str, Any]) -> dict[str, Any]:
        """A result row's document, its listed figures checked against it."""
        where = f"result {info.id} of {info.name}@{info.version}"
        document = json_text(row["document"], f"the document of {where}")
        listed = (info.status, info.objective, info.objective_value, info.total_troops)
        return check_listed(*listed, document, where)

    def _scenario_id(self, db: Rows, name: str, create: bool = False) -> int:
        _encodable("scenario name", name)
        rows = list(db.query("SELECT id FROM scenarios WHERE name = ?", [name]))
        if rows:
            return int(rows[0]["id"])
        if not create:
            raise WorkspaceError(self.path, f"no scenario named {name!r}{_known(db)}")
        return db.insert("scenarios", {"name": name, "created_at": now_utc()})

    def _version_row(self, db: Rows, ref: VersionRef) -> dict[str, Any]:
        scenario_id = self._scenario_id(db, ref.name)
        number = None if ref.number is None else version_number(ref.number)
        rows: list[dict[str, Any]] = []
        if ref.number is None or number is not None:
            order = "v.number = ?" if number is not None else "1"
            params: list[Any] = [scenario_id] + ([number] if number is not None else [])
            rows = list(
                db.query(
                    _version_query(
                        f"v.scenario_id = ? AND {order} ORDER BY v.number DESC LIMIT 1",
                        ", v.id, v.body, v.allocation, v.digest",
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
    def _log(db: Rows, action: str, name: str, number: int, detail: str) -> None:
        entry = {"at": now_utc(), "actor": os_user(), "action": action, "scenario": name}
        db.insert("audit", {**entry, "version": number, "detail": detail})


def _version_query(where: str, extra: str = "") -> str:
    """Versions with their scenario's name; `extra` adds columns such as the body."""
    return f"""
    SELECT s.name, v.number, v.created_at, v.author, v.message, v.changes,
           v.allocation IS NOT NULL AS has_plan{extra}
    FROM versions v JOIN scenarios s ON s.id = v.scenario_id WHERE {where}"""


_RESULT_COLUMNS = """
    SELECT r.id, s.name, v.number AS version, r.created_at, r.author, r.objective, r.solver,
           r.status, r.objective_value, r.total_troops"""
_RESULT_JOIN = """
    FROM results r JOIN versions v ON v.id = r.version_id
    JOIN scenarios s ON s.id = v.scenario_id"""
_KEPT_SELECT = _RESULT_COLUMNS + ", r.document" + _RESULT_JOIN


def _is_plan_of(result: PlanResult, scenario: Scenario, allocation: dict[Cell, int] | None) -> bool:
    """Whether `result` is the solve of exactly this scenario and plan."""
    plan = {cell: count for cell, count in (allocation or {}).items() if count}
    return result.scenario == scenario and allocation_from_result(result.allocation) == plan


def _known(db: Rows) -> str:
    rows = db.query("SELECT name FROM scenarios ORDER BY name LIMIT 6")
    names = [text(row["name"], "a scenario's name") for row in rows]
    if not names:
        return " (the workspace is empty)"
    more = ", ..." if len(names) > 5 else ""
    return " (it holds " + ", ".join(repr(n) for n in names[:5]) + more + ")"


def _changes(previous_body: str, scenario: Scenario) -> str:
    """What this version changed from the last, in planner words."""
    from planner.scenario.diff import diff_scenarios, summarise

    try:
        previous = loads_scenario(previous_body)
    except PlannerError:
        return "changes unknown (the previous version could not be read)"
    return summarise(diff_scenarios(previous, scenario))
