"""Turn raw JSON data into a :class:`~planner.scenario.model.Scenario`, or say precisely why not.

Three steps, each with one home: the file's shape is checked by walking the
format (:mod:`planner.scenario.format`, from which the JSON Schema is also
generated); once the shape is right, the rules across fields run
(:mod:`planner.scenario.consistency`); then the model is built from the
checked data, which can no longer fail. Messages name the field and the
offending value, e.g. ``nations[3].max_troops: -5 is below 0``; every
problem is found, up to :data:`MAX_PROBLEMS`.
"""

from __future__ import annotations

from typing import Any

from planner.errors import ScenarioError
from planner.scenario import consistency
from planner.scenario.format import SCENARIO
from planner.scenario.model import (
    IMPLICIT_AREA,
    SCENARIO_SCHEMA,
    SCENARIO_SCHEMA_2,
    Area,
    Backstop,
    BuildUp,
    Lock,
    Nation,
    Periods,
    Position,
    Requirement,
    Rules,
    Scenario,
    Target,
    UnitType,
)
from planner.scenario.provenance import provenance_of
from planner.scenario.shape import INVALID, Problem, TooManyProblems, Walk

MAX_PROBLEMS = 100
"""More problems than anyone reads in one go; the list says when it stops there."""

Data = dict[str, Any]


def _version(data: Any) -> int | None:
    schema = data.get("schema") if isinstance(data, dict) else None
    return (
        {SCENARIO_SCHEMA: 1, SCENARIO_SCHEMA_2: 2}.get(schema) if isinstance(schema, str) else None
    )


def check_scenario(data: Any, limit: int = MAX_PROBLEMS) -> tuple[Scenario | None, list[Problem]]:
    """The scenario built from raw JSON data and no problems, or None and every problem found.

    Three stages, each reported whole before the next runs: the shape; the
    references to ids the file defines; the rules across fields. A later
    stage on a broken earlier one would report ghosts (a lock "naming no
    nation" because that nation's code had a typo). At most `limit` problems.
    """
    walk = Walk(_version(data), consistency.defined_ids(data), limit)
    checked: Any = INVALID
    try:
        checked = SCENARIO.check(data, "", walk)
        if not walk.problems:  # the rules need every field present and every id defined
            for problem in consistency.problems(checked):
                walk.add(problem.path, problem.message, problem.shape)
    except TooManyProblems:
        pass
    shape = [p for p in walk.problems if p.shape]
    if shape:  # a reference "to nothing" may only echo a broken definition: shape first
        return None, shape
    if walk.problems:
        return None, walk.problems
    return _scenario(checked), []


def parse_scenario(data: Any) -> Scenario:
    """Validate raw JSON data against spec sections 1 and 6 and build the scenario.

    Raises :class:`ScenarioError` naming the first problem found; its
    ``problems`` hold every one (up to :data:`MAX_PROBLEMS`).
    """
    scenario, problems = check_scenario(data)
    if scenario is None:
        first = problems[0]
        error = ScenarioError(first.path, first.message)
        error.problems = tuple(problems)
        raise error
    return scenario


def _requirement(data: Data) -> Requirement:
    return Requirement(min=data["min"], max=data.get("max"))


def _requirements(data: Data) -> dict[str, Requirement]:
    return {uid: _requirement(req) for uid, req in data.items()}


def _unit_type(data: Data) -> UnitType:
    return UnitType(
        id=data["id"],
        name=data["name"] if "name" in data else data["id"],
        personnel=data["personnel"],
        category=data["category"],
        deployed=data["deployed"],
    )


def _nation(data: Data) -> Nation:
    counts: dict[str, int] = {}
    ready: dict[str, int] = {}
    for uid, offer in data["offers"].items():
        if isinstance(offer, dict):
            counts[uid] = offer["count"]
            if "ready_from" in offer:
                ready[uid] = offer["ready_from"]
        else:
            counts[uid] = offer
    areas = data.get("areas")
    return Nation(
        code=data["code"],
        name=data["name"] if "name" in data else data["code"],
        status=data["status"],
        min_troops=data["min_troops"],
        max_troops=data["max_troops"],
        cost_per_troop=data["cost_per_troop"],
        burden_weight=data["burden_weight"],
        offers=counts,
        notes=data["notes"],
        sources=tuple(data["sources"]),
        areas=None if areas is None else tuple(areas),
        requires=tuple(data["requires"]),
        min_partners=data["min_partners"],
        rotation=data.get("rotation"),
        ready_from=ready,
    )


def _area(data: Data) -> Area:
    spot = data.get("position")
    return Area(
        id=data["id"],
        name=data["name"] if "name" in data else data["id"],
        in_target=data["in_target"],
        capacity_troops=data.get("capacity_troops"),
        position=None if spot is None else Position(spot["lat"], spot["lon"]),
    )


def _target(data: Data) -> Target:
    steps = tuple(BuildUp(s["period"], s["min_troops"]) for s in data.get("build_up", []))
    return Target(data["min_troops"], data["max_troops"], steps)


def _periods(data: Data) -> Periods:
    return Periods(data["count"], data["label"], data["first"], data["rotation"], data["full_from"])


def _backstop(data: Data | None) -> Backstop | None:
    if data is None:
        return None
    return Backstop(tuple(data["nations"]), _requirements(data["requirements"]), data["notes"])


def _scenario(data: Data) -> Scenario:
    """The model of checked data (shape and rules passed): nothing here can fail."""
    areas = (IMPLICIT_AREA,) if "areas" not in data else tuple(_area(a) for a in data["areas"])
    return Scenario(
        name=data["name"],
        description=data["description"],
        target=_target(data["target"]),
        unit_types=tuple(_unit_type(u) for u in data["unit_types"]),
        nations=tuple(_nation(n) for n in data["nations"]),
        requirements=_requirements(data["requirements"]),
        rules=Rules(data["rules"]["max_share"], data["rules"]["min_nations"]),
        locks=tuple(
            Lock(lk["nation"], lk["unit_type"], lk["count"], lk.get("area"), lk.get("period"))
            for lk in data["locks"]
        ),
        objective=data["objective"],
        backstop=_backstop(data.get("backstop")),
        areas=areas,
        periods=_periods(data["periods"]),
        area_requirements={
            area_id: _requirements(needs) for area_id, needs in data["area_requirements"].items()
        },
        schema=data["schema"],
        provenance=provenance_of(data),
    )
