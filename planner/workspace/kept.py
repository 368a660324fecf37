"""A kept result read back: its stored document checked, then a PlanResult again.

A result comes back with its version (the audit trail): the window shows it
as the solver left it, the compare view labels it by its status, the CSV
lists its figures. Every figure shown must be true, so the document is
checked key by key and its numbers against its plan evaluated on the
version's scenario; a document that disagrees with its own plan is refused,
never shown.
"""

from __future__ import annotations

import math
from typing import Any

from planner.explain.hard_check import Unmet
from planner.result.document import PlanResult
from planner.rules import violations
from planner.rules.objectives import NAMES as OBJECTIVES
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell, entry_cell
from planner.scenario.plan import clean as allocation_from
from planner.status import Status
from planner.workspace.values import (
    BadValue,
    field,
    items,
    mapping,
    optional_number,
    text,
    whole,
)

STATUSES = tuple(s.value for s in Status)


def _choice(value: object, what: str, allowed: tuple[str, ...] | dict[str, int]) -> str:
    word = text(value, what)
    if word not in allowed:
        raise BadValue(f"{what} is {word[:40]!r}, not one Force Planner writes")
    return word


def _number(data: dict[str, Any], key: str, what: str) -> float:
    value = optional_number(field(data, key, what), f"the {key} of {what}")
    if value is None:
        raise BadValue(f"the {key} of {what} is empty")
    return value


def _allocation(scenario: Scenario, document: dict[str, Any], what: str) -> dict[Cell, int]:
    allocation: dict[Cell, int] = {}
    for item in items(field(document, "allocation", what), f"the plan of {what}"):
        entry = mapping(item, f"a plan entry of {what}")
        try:
            key = entry_cell(scenario, entry)
        except ValueError as exc:
            raise BadValue(f"the plan of {what}: {exc}") from None
        if key in allocation:
            raise BadValue(f"the plan of {what} lists {key.nation} {key.unit} twice")
        allocation[key] = whole(field(entry, "count", what), f"a unit count in {what}", 1)
    return allocation


def _unmet(document: dict[str, Any], what: str) -> list[Unmet]:
    found = []
    for item in items(field(document, "unmet", what), f"the unmet list of {what}"):
        entry = mapping(item, f"an unmet entry of {what}")
        found.append(
            Unmet(
                text(field(entry, "constraint", what), f"an unmet constraint of {what}"),
                _number(entry, "required", what),
                _number(entry, "best_reachable", what),
                _number(entry, "gap", what),
                text(entry.get("message", ""), f"an unmet sentence of {what}"),
            )
        )
    return found


def _texts(document: dict[str, Any], key: str, what: str) -> list[str]:
    listed = items(document.get(key, []), f"the {key} of {what}")
    return [text(v, f"the {key} of {what}") for v in listed]


def result_from_document(scenario: Scenario, document: object, what: str) -> PlanResult:
    """The PlanResult a stored document describes, checked against `scenario` (BadValue if not)."""
    doc = mapping(document, what)
    allocation = _allocation(scenario, doc, what)
    unmet, conflict = _unmet(doc, what), _texts(doc, "conflict", what)
    explanation = _texts(doc, "explanation", what)
    result = PlanResult(
        scenario=scenario,
        status=Status(_choice(field(doc, "status", what), f"the status of {what}", STATUSES)),
        objective=_choice(field(doc, "objective", what), f"the objective of {what}", OBJECTIVES),
        allocation=allocation,
        unmet=unmet,
        conflict=conflict,
        solve_seconds=max(0.0, _number(doc, "solve_seconds", what)),
        solver=text(doc.get("solver", ""), f"the solver of {what}"),
        mip_gap=optional_number(doc.get("mip_gap"), f"the gap of {what}"),
        best_bound=optional_number(doc.get("best_bound"), f"the bound of {what}"),
        notes=explanation[len(unmet) + (1 if conflict else 0) :],
    )
    _check_figures(result, doc, what)
    return result


def _same(a: object, b: object) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
    return a == b


def _check_figures(result: PlanResult, doc: dict[str, Any], what: str) -> None:
    """The document's numbers are those of its own plan, and a plan it calls good holds."""
    truth = result.to_dict()
    for key in ("objective_value", "total_troops", "nations", "requirements"):
        stored = field(doc, key, what)
        if key in ("nations", "requirements"):
            same = isinstance(stored, list) and len(stored) == len(truth[key])
            same = same and all(
                isinstance(s, dict) and all(_same(s.get(k), t[k]) for k in t)
                for s, t in zip(stored, truth[key], strict=False)
            )
        else:
            same = (stored is None) == (truth[key] is None) and (
                stored is None or _same(stored, truth[key])
            )
        if not same:
            raise BadValue(f"the {key.replace('_', ' ')} of {what} do not match its own plan")
    if result.has_plan and violations(result.scenario, result.allocation):
        raise BadValue(f"{what} is called {result.status} but its plan breaks the scenario's rules")


def check_listed(
    status: str,
    objective: str,
    value: float | None,
    total: int | None,
    document: object,
    what: str,
) -> dict[str, Any]:
    """The figures a result's row lists (what the browser shows) are its document's."""
    doc = mapping(document, what)
    stored = doc.get("objective_value")
    same_value = (value is None) == (stored is None) and (
        value is None or (isinstance(stored, int | float) and _same(value, stored))
    )
    if (status, objective, total) != (
        doc.get("status"),
        doc.get("objective"),
        doc.get("total_troops"),
    ) or not same_value:
        raise BadValue(f"the figures listed for {what} differ from its own document")
    return doc


def same_outcome(first: PlanResult, second: PlanResult) -> bool:
    """Two solves that left the same plan with the same verdict (timing aside)."""
    return (first.status, first.objective, first.solver, allocation_from(first.allocation)) == (
        second.status,
        second.objective,
        second.solver,
        allocation_from(second.allocation),
    )
