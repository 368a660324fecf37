"""`force-planner validate` lists every problem, one line each, and speaks JSON for tools."""

from __future__ import annotations

import json

from planner.scenario.validation import MAX_PROBLEMS
from tests.helpers.cli_support import run

PREFIX = "force-planner: "
BROKEN_SHAPE = {
    "schema": "force-planner/scenario@1",
    "name": "t",
    "colour": "red",
    "target": {"min_troops": 300, "max_troops": 200},
    "unit_types": [{"id": "inf", "personnel": 0}, {"id": "Inf!", "personnel": 100}],
    "nations": [
        {"code": "FR", "max_troops": -5, "offers": {"tank": 1, "inf": "x"}},
        {"code": "fr", "max_troops": 10, "areas": ["a"]},
    ],
}
SHAPE_LINES = [
    "colour: unknown field (allowed: $schema, area_requirements, areas, assumptions, backstop, "
    "description, locks, name, nations, objective, periods, references, requirements, rules, "
    "schema, target, unit_types)",
    "unit_types[0].personnel: 0 is below 1",
    "unit_types[1].id: 'Inf!' is not a valid id (1-40 of a-z, 0-9, _)",
    "nations[0].max_troops: -5 is below 0",
    "nations[0].offers.inf: expected an integer, got 'x'",
    "nations[1].code: 'fr' is not a nation code (2-3 upper-case letters)",
    'nations[1].areas: needs "schema": "force-planner/scenario@2"',
]
BROKEN_RULES = {
    "schema": "force-planner/scenario@1",
    "name": "t",
    "target": {"min_troops": 300, "max_troops": 200},
    "unit_types": [{"id": "inf", "personnel": 100}],
    "nations": [
        {"code": "FR", "min_troops": 50, "max_troops": 10, "offers": {"inf": 1}},
        {"code": "FR", "max_troops": 10},
    ],
    "locks": [{"nation": "FR", "unit_type": "inf", "count": 3}],
}
RULE_LINES = [
    "nations[1].code: 'FR' appears more than once",
    "nations[0].min_troops: 50 is above max_troops 10",
    "locks[0].count: 3 is above FR's offer of 1 inf",
    "target.min_troops: 300 is above target.max_troops 200",
]


def _write(tmp_path, data) -> str:
    path = tmp_path / "colleague.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_every_shape_problem_is_listed_one_line_each(tmp_path):
    path = _write(tmp_path, BROKEN_SHAPE)
    done = run("validate", path)
    assert done.returncode == 1
    assert done.stdout == ""
    expected = [f"{PREFIX}{path}: {line}" for line in SHAPE_LINES]
    assert done.stderr.splitlines() == [*expected, f"{PREFIX}{path}: 7 problems"]


def test_every_rule_across_fields_is_listed_once_the_shape_is_right(tmp_path):
    path = _write(tmp_path, BROKEN_RULES)
    done = run("validate", path)
    assert done.returncode == 1
    lines = [f"{PREFIX}{path}: {line}" for line in RULE_LINES]
    assert done.stderr.splitlines() == [*lines, f"{PREFIX}{path}: 4 problems"]


def test_references_to_undefined_ids_come_before_the_rules(tmp_path):
    data = json.loads(json.dumps(BROKEN_RULES))
    data["nations"][0]["offers"]["tank"] = 1  # pattern of a unit id, but not defined
    data["locks"].append({"nation": "DE", "unit_type": "inf", "count": 1})
    path = _write(tmp_path, data)
    done = run("validate", "--json", path)
    report = json.loads(done.stdout)
    assert [f"{p['path']}: {p['message']}" for p in report["problems"]] == [
        "nations[0].offers.tank: unknown field (allowed: inf)",
        "locks[1].nation: 'DE' is not a nation of this scenario",
    ]
    assert {p["kind"] for p in report["problems"]} == {"rule"}


def test_json_gives_each_problem_with_its_kind(tmp_path):
    done = run("validate", "--json", _write(tmp_path, BROKEN_SHAPE))
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["valid"] is False and report["complete"] is True
    assert [f"{p['path']}: {p['message']}" for p in report["problems"]] == SHAPE_LINES
    assert {p["kind"] for p in report["problems"]} == {"shape"}
    rules = json.loads(run("validate", "--json", _write(tmp_path, BROKEN_RULES)).stdout)
    assert {p["kind"] for p in rules["problems"]} == {"rule"}


def test_a_valid_file_says_so_in_text_and_json():
    done = run("validate", "resources/default_scenario.json")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("resources/default_scenario.json: valid scenario '")
    report = json.loads(run("validate", "--json", "resources/default_scenario.json").stdout)
    assert report["valid"] is True and report["problems"] == []
    assert report["nations"] == 18 and report["schema"] == "force-planner/scenario@1"


def test_the_list_stops_at_its_bound_and_says_so(tmp_path):
    data = dict(BROKEN_RULES, nations=[{"code": "FR", "max_troops": -1}] * (MAX_PROBLEMS + 20))
    path = _write(tmp_path, data)
    lines = run("validate", path).stderr.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert (
        lines[-1]
        == f"{PREFIX}{path}: stopped after {MAX_PROBLEMS} problems; fix these and validate again"
    )
    report = json.loads(run("validate", "--json", path).stdout)
    assert len(report["problems"]) == MAX_PROBLEMS and report["complete"] is False


def test_a_file_that_is_not_json_is_one_problem_of_kind_file(tmp_path):
    path = tmp_path / "half.json"
    path.write_text('{"schema": ', encoding="utf-8")
    done = run("validate", str(path))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "not valid JSON" in done.stderr
    report = json.loads(run("validate", "--json", str(path)).stdout)
    assert [p["kind"] for p in report["problems"]] == ["file"]


def test_other_commands_name_the_first_problem_and_count_the_rest(tmp_path):
    path = _write(tmp_path, BROKEN_SHAPE)
    done = run("solve", path)
    assert done.returncode == 1
    assert done.stderr == (
        f"{PREFIX}{path}: {SHAPE_LINES[0]} (and 6 more: 'force-planner validate FILE' lists them)\n"
    )
