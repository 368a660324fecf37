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
from planner.files import UnreadableFileError, read_bounded
from planner.model import SCENARIO_SCHEMA, Scenario
from planner.validation import parse_scenario

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


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The scenario as spec-section-1 JSON data; parse_scenario of it gives it back."""
    data: dict[str, Any] = {"schema": SCENARIO_SCHEMA, "name": scenario.name}
    if scenario.description:
        data["description"] = scenario.description
    data["target"] = {
        "min_troops": scenario.target.min_troops,
        "max_troops": scenario.target.max_troops,
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
    data["requirements"] = {
        uid: {"min": r.min, "max": r.max} for uid, r in scenario.requirements.items()
    }
    data["rules"] = {
        "max_share": scenario.rules.max_share,
        "min_nations": scenario.rules.min_nations,
    }
    data["locks"] = [
        {"nation": lk.nation, "unit_type": lk.unit_type, "count": lk.count} for lk in scenario.locks
    ]
    data["objective"] = scenario.objective
    if scenario.backstop is not None:
        backstop: dict[str, Any] = {
            "nations": list(scenario.backstop.nations),
            "requirements": {
                uid: {"min": r.min, "max": r.max}
                for uid, r in scenario.backstop.requirements.items()
            },
        }
        if scenario.backstop.notes:
            backstop["notes"] = scenario.backstop.notes
        data["backstop"] = backstop
    return data


def _nation_to_dict(nation: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": nation.code,
        "name": nation.name,
        "status": nation.status,
        "min_troops": nation.min_troops,
        "max_troops": nation.max_troops,
        "cost_per_troop": nation.cost_per_troop,
        "burden_weight": nation.burden_weight,
        "offers": dict(nation.offers),
    }
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
