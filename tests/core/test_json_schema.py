"""The JSON Schema of scenario files and the validator agree, because both come from one format.

Agreement, precisely: the schema accepts a document exactly when the
validator finds no *shape* problem in it. The validator may refuse more (its
rules across fields: ids used twice, a minimum above its maximum, a lock
above its offer), never less. Checked on every valid file we have, on the
malformed corpus of tests/helpers/hostile_scenarios.py, on every field of a
scenario@1 and a scenario@2 file broken in turn, and on generated scenarios.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.errors import ScenarioError
from planner.scenario.io import decode_bytes, default_scenario_text, parse_json_text
from planner.scenario.json_schema import SCHEMA_FILE, scenario_schema, schema_text
from planner.scenario.validation import check_scenario
from tests.helpers.cli_support import ROOT, run
from tests.helpers.generators import generate, independent
from tests.helpers.hostile_scenarios import mutants
from tests.helpers.reference.strategies import scenarios

jsonschema = pytest.importorskip("jsonschema")

VALIDATOR = jsonschema.Draft202012Validator(scenario_schema())
RESOURCES = ROOT / "resources"
EXAMPLES = ROOT / "tests" / "helpers" / "reference" / "examples"
WRONG = [None, True, -1, 0, 1.5, 10**9, "", "x", "FR\n", [], ["x", "x"], {}, {"x": 1}]


def shape_problems(data: Any) -> list[str]:
    _, problems = check_scenario(data, limit=10**6)
    return [str(p) for p in problems if p.shape]


def assert_agree(data: Any, label: str = "") -> bool:
    """Assert the schema's verdict matches the validator's shape verdict; return the verdict."""
    schema_ok = VALIDATOR.is_valid(data)
    shape = shape_problems(data)
    if schema_ok and shape:
        pytest.fail(f"{label}: the schema accepts, the validator says {shape[:3]}")
    if not schema_ok and not shape:
        said = [e.message[:120] for e in VALIDATOR.iter_errors(data)][:3]
        pytest.fail(f"{label}: the validator finds the shape right, the schema says {said}")
    return schema_ok


def valid_files() -> list[Path]:
    files = [RESOURCES / "default_scenario.json", *sorted((RESOURCES / "scenarios").glob("*.json"))]
    return files + [p for p in sorted(EXAMPLES.glob("*.json")) if "invalid" not in p.name]


def test_the_shipped_schema_is_the_generated_one():
    shipped = (RESOURCES / SCHEMA_FILE).read_text(encoding="utf-8")
    assert shipped == schema_text(), "run: force-planner schema > resources/scenario.schema.json"


def test_force_planner_schema_prints_it():
    done = run("schema")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (RESOURCES / SCHEMA_FILE).read_text(encoding="utf-8")


def test_it_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(scenario_schema())


@pytest.mark.parametrize("path", valid_files(), ids=lambda p: p.name)
def test_both_accept_every_valid_file(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert check_scenario(data)[1] == []
    assert VALIDATOR.is_valid(data)
    assert VALIDATOR.is_valid({"$schema": "./scenario.schema.json", **data})


@pytest.mark.parametrize(
    "data",
    [generate(12, 8, 1), independent(10, 6, 2), generate(6, 4, 3, "fair_share")],
    ids=["generated", "independent", "fair_share"],
)
def test_both_accept_generated_scenarios(data):
    assert check_scenario(data)[1] == []
    assert VALIDATOR.is_valid(data)


def test_they_agree_on_the_malformed_corpus():
    refused_by_both = compared = 0
    for mutant in mutants(600):
        try:
            data = parse_json_text(decode_bytes(mutant.data))
        except ScenarioError:
            continue  # not JSON at all: no schema applies
        compared += 1
        refused_by_both += not assert_agree(data, f"{mutant.cls}/{mutant.name}")
    assert compared > 300 and refused_by_both > 150  # the corpus really tests something


def _places(node: Any, path: tuple = ()) -> list[tuple]:
    """Every key path in a JSON document, deepest last."""
    out = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _places(value, (*path, i))
    return out


def _set(data: Any, path: tuple, value: Any) -> Any:
    out = copy.deepcopy(data)
    node = out
    for step in path[:-1]:
        node = node[step]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


def _objects(node: Any, path: tuple = ()) -> list[tuple]:
    return [p for p in [(), *_places(node)] if isinstance(_get(node, p), dict)]


def _get(node: Any, path: tuple) -> Any:
    for step in path:
        node = node[step]
    return node


@pytest.mark.parametrize(
    "name", ["default_scenario.json", "small-space-time.json"], ids=["scenario@1", "scenario@2"]
)
def test_they_agree_with_every_field_broken_in_turn(name):
    folder = RESOURCES if name == "default_scenario.json" else EXAMPLES
    data = json.loads((folder / name).read_text(encoding="utf-8"))
    verdicts = []
    values = [KeyError, *WRONG]
    for n, place in enumerate(_places(data)):
        for value in (values[n % len(values)], values[(n * 5 + 3) % len(values)]):
            broken = _set(data, place, value)
            verdicts.append(assert_agree(broken, f"{place} = {value!r}"))
        held = _get(data, place)
        if isinstance(held, list) and held and all(isinstance(v, str) for v in held):
            repeated = _set(data, place, [*held, held[0]])  # an id listed twice
            verdicts.append(assert_agree(repeated, f"{place} repeated"))
    for place in _objects(data):
        verdicts.append(assert_agree(_set(data, (*place, "colour"), "red"), f"{place}.colour"))
    assert verdicts.count(False) > len(verdicts) / 3


def test_a_v2_field_in_a_v1_file_is_refused_by_both():
    data = json.loads(default_scenario_text())
    data["periods"] = {"count": 4}
    assert not assert_agree(data)
    assert shape_problems(data) == ['periods: needs "schema": "force-planner/scenario@2"']


@given(scenarios(), st.data())
def test_they_agree_on_generated_scenarios_with_one_field_broken(raw, data):
    assert_agree(raw, "as generated")
    places = _places(raw)
    place = data.draw(st.sampled_from(places))
    value = data.draw(st.sampled_from([KeyError, *WRONG]))
    assert_agree(_set(raw, place, value), f"{place} = {value!r}")
