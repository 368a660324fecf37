"""Read and write scenario files: bytes on disk <-> validated :class:`Scenario`.

Reading is defensive: a missing file, a directory, a device or a pipe,
binary junk, UTF-16, NaN, duplicate keys and absurd nesting all become one
:class:`ScenarioError` sentence instead of a traceback or a hang.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from planner.errors import ScenarioError, quoted
from planner.files import DASH, UnreadableFileError, read_bounded, read_stdin_bounded
from planner.scenario.model import (
    SCENARIO_SCHEMA,
    SCENARIO_SCHEMA_2,
    Periods,
    Requirement,
    Scenario,
)
from planner.scenario.provenance import join_provenance
from planner.scenario.validation import parse_scenario

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
DEFAULT_SCENARIO = "default_scenario.json"


def _reject_constant(name: str) -> Any:
    raise ScenarioError("", f"{name} is not allowed in a scenario (numbers must be finite)")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ScenarioError("", f"the key {quoted(key)} appears twice in one object")
        result[key] = value
    return result


def _depth(text: str) -> int:
    """Deepest bracket nesting, counted outside strings, before json sees it."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def parse_json_text(text: str) -> Any:
    """Parse JSON text strictly: no NaN/Infinity, no duplicate keys, bounded nesting."""
    if not text.strip():
        raise ScenarioError("", "the file is empty")
    if _depth(text) > MAX_DEPTH:
        raise ScenarioError("", f"JSON is nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(
            text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys
        )
    except json.JSONDecodeError as exc:
        raise ScenarioError(
            "", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise ScenarioError("", f"JSON is nested more than {MAX_DEPTH} levels deep") from None
    except ValueError:  # only an integer literal of thousands of digits gets here
        raise ScenarioError("", "a number in it has thousands of digits") from None


# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_OTHER_ENCODINGS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def decode_bytes(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is allowed), or a clear error for binary files."""
    for mark, name in _OTHER_ENCODINGS:
        if data.startswith(mark):
            raise ScenarioError("", f"this is {name} text; save it as UTF-8")
    if b"\x00" in data[:4096]:
        raise ScenarioError("", "this is a binary file, not a JSON scenario")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError("", f"not UTF-8 text (bad byte at position {exc.start})") from None


def read_scenario_data(path: str | Path) -> Any:
    """The raw JSON value of a scenario file, checked for size, encoding and syntax."""
    try:
        if str(path) == DASH:
            data = read_stdin_bounded(MAX_FILE_BYTES)
        else:
            data = read_bounded(path, MAX_FILE_BYTES)
    except UnreadableFileError as exc:
        raise ScenarioError("", str(exc)) from None
    return parse_json_text(decode_bytes(data))


def load_scenario(path: str | Path) -> Scenario:
    """Read, parse and validate a scenario file."""
    return parse_scenario(read_scenario_data(path))


def loads_scenario(text: str) -> Scenario:
    """Parse and validate scenario JSON text."""
    return parse_scenario(parse_json_text(text))


def uses_v2(scenario: Scenario) -> bool:
    """Whether writing the scenario needs scenario@2 (a file read as @2 stays @2)."""
    return (
        scenario.schema == SCENARIO_SCHEMA_2
        or scenario.has_areas
        or scenario.periods != Periods()
        or bool(scenario.area_requirements)
        or bool(scenario.target.build_up)
        or any(
            n.areas is not None or n.requires or n.min_partners or n.rotation or n.ready_from
            for n in scenario.nations
        )
        or any(lk.area is not None or lk.period is not None for lk in scenario.locks)
    )


def _requirement(req: Requirement) -> dict[str, Any]:
    return {"min": req.min, "max": req.max}


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as spec JSON data (@1 where it can be); parse_scenario of it gives it back."""
    v2 = uses_v2(scenario)
    data: dict[str, Any] = {
        "schema": SCENARIO_SCHEMA_2 if v2 else SCENARIO_SCHEMA,
        "name": scenario.name,
    }
    if scenario.description:
        data["description"] = scenario.description
    target: dict[str, Any] = {
        "min_troops": scenario.target.min_troops,
        "max_troops": scenario.target.max_troops,
    }
    if scenario.target.build_up:
        target["build_up"] = [
            {"period": b.period, "min_troops": b.min_troops} for b in scenario.target.build_up
        ]
    data["target"] = target
    if scenario.has_areas:
        data["areas"] = [_area_to_dict(a) for a in scenario.areas]
    if v2 and scenario.periods != Periods():
        p = scenario.periods
        data["periods"] = {
            "count": p.count,
            "label": p.label,
            "first": p.first,
            "rotation": p.rotation,
            "full_from": p.full_from,
        }
    data["unit_types"] = [
        {
            "id": u.id,
            "name": u.name,
            "personnel": u.personnel,
            "category": u.category,
            "deployed": u.deployed,
        }
        for u in scenario.unit_types
    ]
    data["nations"] = [_nation_to_dict(n) for n in scenario.nations]
    data["requirements"] = {uid: _requirement(r) for uid, r in scenario.requirements.items()}
    if scenario.area_requirements:
        data["area_requirements"] = {
            area: {uid: _requirement(r) for uid, r in needs.items()}
            for area, needs in scenario.area_requirements.items()
        }
    data["rules"] = {
        "max_share": scenario.rules.max_share,
        "min_nations": scenario.rules.min_nations,
    }
    data["locks"] = [_lock_to_dict(lk) for lk in scenario.locks]
    data["objective"] = scenario.objective
    if scenario.backstop is not None:
        backstop: dict[str, Any] = {
            "nations": list(scenario.backstop.nations),
            "requirements": {
                uid: _requirement(r) for uid, r in scenario.backstop.requirements.items()
            },
        }
        if scenario.backstop.notes:
            backstop["notes"] = scenario.backstop.notes
        data["backstop"] = backstop
    return join_provenance(data, scenario.provenance)


def _area_to_dict(area: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": area.id, "name": area.name, "in_target": area.in_target}
    if area.capacity_troops is not None:
        data["capacity_troops"] = area.capacity_troops
    if area.position is not None:
        data["position"] = {"lat": area.position.lat, "lon": area.position.lon}
    return data


def _lock_to_dict(lock: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"nation": lock.nation, "unit_type": lock.unit_type, "count": lock.count}
    if lock.area is not None:
        data["area"] = lock.area
    if lock.period is not None:
        data["period"] = lock.period
    return data


def _nation_to_dict(nation: Any) -> dict[str, Any]:
    offers: dict[str, Any] = {}
    for uid, count in nation.offers.items():
        ready = nation.ready_from.get(uid)
        offers[uid] = count if ready is None else {"count": count, "ready_from": ready}
    data: dict[str, Any] = {
        "code": nation.code,
        "name": nation.name,
        "status": nation.status,
        "min_troops": nation.min_troops,
        "max_troops": nation.max_troops,
        "cost_per_troop": nation.cost_per_troop,
        "burden_weight": nation.burden_weight,
        "offers": offers,
    }
    if nation.areas is not None:
        data["areas"] = list(nation.areas)
    if nation.requires:
        data["requires"] = list(nation.requires)
    if nation.min_partners:
        data["min_partners"] = nation.min_partners
    if nation.rotation is not None:
        data["rotation"] = nation.rotation
    if nation.notes:
        data["notes"] = nation.notes
    if nation.sources:
        data["sources"] = list(nation.sources)
    return data


def dumps_scenario(scenario: Scenario) -> str:
    """Scenario JSON text, indented for people and diffs."""
    return json.dumps(scenario_to_dict(scenario), indent=2, ensure_ascii=False) + "\n"


def default_scenario_text() -> str:
    """The built-in default scenario exactly as shipped in resources/."""
    return resources.files("resources").joinpath(DEFAULT_SCENARIO).read_text(encoding="utf-8")


def default_scenario() -> Scenario:
    """The built-in European reassurance force scenario, validated."""
    return loads_scenario(default_scenario_text())
