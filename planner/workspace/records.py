"""What the workspace hands out: small records, each built from a row checked value by value."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell, from_row, to_rows
from planner.workspace.values import (
    MAX_INTEGER,
    BadValue,
    json_text,
    optional_number,
    optional_whole,
    text,
    whole,
)


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
class KeptResult:
    """A kept result read back whole: its row, its document and the result it describes."""

    info: ResultInfo
    document: dict[str, Any]
    result: PlanResult


@dataclass(frozen=True)
class AuditEntry:
    """Who did what, when, to which scenario."""

    at: str
    actor: str
    action: str
    scenario: str
    version: int | None
    detail: str


def _name(row: dict[str, Any]) -> str:
    name = text(row["name"], "a scenario's name")
    if not name.strip() or not name.isprintable():
        raise BadValue("a scenario's name is empty or holds control characters")
    return name


def scenario_info(row: dict[str, Any]) -> ScenarioInfo:
    name = _name(row)
    where = f"scenario {name!r}"
    return ScenarioInfo(
        name=name,
        versions=whole(row["versions"], f"the version count of {where}", 1),
        latest=whole(row["latest"], f"the latest version number of {where}", 1),
        updated_at=text(row["updated_at"], f"the time {where} was last saved"),
        results=whole(row["results"], f"the result count of {where}", 0),
    )


def version_info(row: dict[str, Any], created: bool = True) -> VersionInfo:
    name = _name(row)
    number = whole(row["number"], f"a version number of {name!r}", 1)
    where = f"{name}@{number}"
    return VersionInfo(
        name=name,
        number=number,
        created_at=text(row["created_at"], f"the time {where} was saved"),
        author=text(row["author"], f"the author of {where}"),
        message=text(row["message"], f"the message of {where}"),
        changes=text(row["changes"], f"the change summary of {where}"),
        has_plan=bool(row["has_plan"]),
        created=created,
    )


def result_info(row: dict[str, Any]) -> ResultInfo:
    number = whole(row["id"], "a kept result's number", 1)
    where = f"result {number}"
    return ResultInfo(
        id=number,
        name=_name(row),
        version=whole(row["version"], f"the version of {where}", 1),
        created_at=text(row["created_at"], f"the time {where} was kept"),
        author=text(row["author"], f"the author of {where}"),
        objective=text(row["objective"], f"the objective of {where}"),
        solver=text(row["solver"], f"the solver of {where}"),
        status=text(row["status"], f"the status of {where}"),
        objective_value=optional_number(row["objective_value"], f"the value of {where}"),
        total_troops=optional_whole(row["total_troops"], f"the troops of {where}", 0),
    )


def audit_entry(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        at=text(row["at"], "the time of an audit entry"),
        actor=text(row["actor"], "the actor of an audit entry"),
        action=text(row["action"], "the action of an audit entry"),
        scenario=text(row["scenario"], "the scenario of an audit entry"),
        version=optional_whole(row["version"], "the version of an audit entry", 1),
        detail=text(row["detail"], "the detail of an audit entry"),
    )


def allocation_text(scenario: Scenario, allocation: dict[Cell, int] | None) -> str | None:
    """A plan as stored: sorted rows (:func:`planner.scenario.plan.to_rows`), zeros dropped."""
    if allocation is None:
        return None
    return json.dumps(to_rows(scenario, allocation), separators=(",", ":"))


def allocation_from(value: object, scenario: Scenario, where: str) -> dict[Cell, int] | None:
    """A stored plan, every cell a nation and unit type of its scenario with a count."""
    if value is None:
        return None
    what = f"the kept plan of {where}"
    data = json_text(value, what)
    if not isinstance(data, list):
        raise BadValue(f"{what} is not a list of counts")
    plan: dict[Cell, int] = {}
    for entry in data:
        try:
            key, count = from_row(scenario, entry)
        except ValueError as exc:
            raise BadValue(f"{what} holds {exc}") from None
        if key in plan:
            raise BadValue(f"{what} names {key.nation[:20]} {key.unit[:40]} twice")
        plan[key] = whole(count, f"a count in {what}", 0)
    return {cell: count for cell, count in plan.items() if count}


def version_number(number: int) -> int | None:
    """A requested version number SQLite can hold; None for one no file can have."""
    return number if 1 <= number <= MAX_INTEGER else None
