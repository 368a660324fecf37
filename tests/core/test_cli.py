"""The command line as a user meets it: through a subprocess (spec section 5).

Exit codes: 0 optimal/feasible, 2 infeasible, 1 invalid input or status
invalid, 3 when a time limit stopped the search before any plan. Every bad
input gives exit 1 with exactly one line on stderr naming the problem, and
never a traceback, for both ``validate`` and ``solve``.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli_support import run
from tests.helpers.spec_checker import RESULT_KEYS, check_plan, model_of, objective_value, plan_of

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_SCHEMA = "force-planner/scenario@1"


def describe(proc: subprocess.CompletedProcess) -> str:
    return f"exit {proc.returncode}\nstdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-3000:]}"


def write(path: Path, scenario: Any) -> Path:
    path.write_text(json.dumps(scenario, allow_nan=True))
    return path


def small_scenario() -> dict[str, Any]:
    return {
        "schema": SCENARIO_SCHEMA,
        "name": "CLI test",
        "target": {"min_troops": 1400, "max_troops": 2800},
        "unit_types": [
            {"id": "mech_inf_bn", "name": "Mech inf", "personnel": 700},
            {"id": "isr_sqn", "name": "ISR", "personnel": 120, "deployed": False},
        ],
        "nations": [
            {
                "code": "FR",
                "name": "France",
                "status": "committed",
                "max_troops": 2100,
                "offers": {"mech_inf_bn": 3, "isr_sqn": 1},
                "burden_weight": 2.0,
            },
            {
                "code": "DE",
                "name": "Germany",
                "status": "likely",
                "max_troops": 1400,
                "min_troops": 700,
                "offers": {"mech_inf_bn": 2},
                "cost_per_troop": 0.8,
                "burden_weight": 1.0,
            },
        ],
        "requirements": {"mech_inf_bn": {"min": 2, "max": None}, "isr_sqn": {"min": 1, "max": 1}},
        "rules": {"max_share": 0.75, "min_nations": 2},
        "locks": [{"nation": "FR", "unit_type": "mech_inf_bn", "count": 1}],
        "objective": "min_cost",
    }


def assert_result_document(doc: dict[str, Any]) -> None:
    """The spec section 4 keys, with the spec's item keys."""
    missing = [k for k in RESULT_KEYS if k not in doc]
    assert not missing, f"missing keys {missing} in {sorted(doc)}"
    assert doc["schema"] == "force-planner/result@1"
    for item in doc["nations"]:
        assert {"code", "participating", "troops"} <= set(item), item
    for item in doc["allocation"]:
        assert {"nation", "unit_type", "count"} <= set(item), item
    for item in doc["requirements"]:
        assert {"unit_type", "count", "min", "max"} <= set(item), item
    for item in doc["unmet"]:
        assert {"constraint", "required", "best_reachable", "gap"} <= set(item), item
    assert isinstance(doc["conflict"], list)
    assert isinstance(doc["solve_seconds"], int | float) and doc["solve_seconds"] >= 0


def solve_json(path: Path, *extra: str) -> tuple[subprocess.CompletedProcess, dict]:
    proc = run("solve", path, "--json", *extra)
    assert "Traceback" not in proc.stderr, describe(proc)
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"--json did not print one JSON document\n{describe(proc)}")
    assert_result_document(doc)
    return proc, doc


# --------------------------------------------------------------------------- default


@pytest.fixture(scope="module")
def default_file(tmp_path_factory) -> Path:
    proc = run("default", "2025-02-original")
    assert proc.returncode == 0, describe(proc)
    scenario = json.loads(proc.stdout)
    assert scenario["schema"] == SCENARIO_SCHEMA
    return write(tmp_path_factory.mktemp("default") / "default.json", scenario)


@pytest.fixture(scope="module")
def default_solved(default_file) -> dict:
    proc, doc = solve_json(default_file)
    assert proc.returncode == 0, describe(proc)
    return doc


def test_default_validates(default_file):
    proc = run("validate", default_file)
    assert proc.returncode == 0, describe(proc)
    assert "Traceback" not in proc.stderr


def test_default_solves_optimal_within_target(default_file, default_solved):
    doc = default_solved
    scenario = json.loads(default_file.read_text())
    assert doc["status"] == "optimal"
    assert 25000 <= doc["total_troops"] <= 30000
    assert doc["objective"] == scenario.get("objective", "min_cost")
    assert check_plan(scenario, doc, feasible=True) == []
    assert doc["unmet"] == [] and doc["conflict"] == []


def test_fair_share_objective(default_file, default_solved):
    proc, doc = solve_json(default_file, "--objective", "fair_share")
    assert proc.returncode == 0, describe(proc)
    assert doc["objective"] == "fair_share" and doc["status"] == "optimal"
    scenario = json.loads(default_file.read_text())
    assert check_plan(scenario, doc, feasible=True) == []
    # Each optimum is no worse, on its own objective, than the other's plan.
    model = model_of(scenario)
    first = default_solved
    other = plan_of(model, {(a["nation"], a["unit_type"]): a["count"] for a in first["allocation"]})
    assert doc["objective_value"] <= objective_value(model, other, "fair_share") + 1e-6 * max(
        1, doc["objective_value"]
    )
    if first["objective"] == "min_cost":
        mine = plan_of(
            model, {(a["nation"], a["unit_type"]): a["count"] for a in doc["allocation"]}
        )
        assert first["objective_value"] <= objective_value(model, mine, "min_cost") + 1e-6 * max(
            1, first["objective_value"]
        )


@pytest.mark.slow  # CBC needs ~45 s on the 18-nation default (HiGHS ~1 s)
def test_cbc_gives_the_same_optimum_as_highs(default_file, default_solved):
    proc, doc = solve_json(
        default_file, "--solver", "cbc", "--objective", default_solved["objective"]
    )
    assert proc.returncode == 0, describe(proc)
    assert doc["status"] == "optimal"
    assert doc["objective_value"] == pytest.approx(
        default_solved["objective_value"], rel=1e-6, abs=1e-6
    )
    assert check_plan(json.loads(default_file.read_text()), doc, feasible=True) == []


def test_cbc_and_highs_agree_on_small_scenario_both_objectives(tmp_path):
    path = write(tmp_path / "s.json", small_scenario())
    for objective in ("min_cost", "fair_share"):
        values = []
        for solver in ("highs", "cbc"):
            proc, doc = solve_json(path, "--solver", solver, "--objective", objective)
            assert proc.returncode == 0, describe(proc)
            assert check_plan(small_scenario(), doc, feasible=True) == []
            values.append(doc["objective_value"])
        assert values[0] == pytest.approx(values[1], rel=1e-6, abs=1e-6), objective


def test_time_limit(default_file, default_solved):
    proc, doc = solve_json(default_file, "--time-limit", "60")
    assert proc.returncode == 0, describe(proc)
    assert doc["status"] in ("optimal", "feasible")
    assert check_plan(json.loads(default_file.read_text()), doc, feasible=True) == []
    if doc["status"] == "optimal":
        assert doc["objective_value"] == pytest.approx(
            default_solved["objective_value"], rel=1e-6, abs=1e-6
        )


def test_tiny_time_limit_gives_plan_or_unknown(default_file):
    proc = run("solve", default_file, "--json", "--time-limit", "0.001")
    assert "Traceback" not in proc.stderr, describe(proc)
    assert proc.returncode in (0, 3), describe(proc)
    doc = json.loads(proc.stdout)
    if proc.returncode == 0:
        assert doc["status"] in ("optimal", "feasible")
        assert check_plan(json.loads(default_file.read_text()), doc, feasible=True) == []
    else:
        assert doc["status"] == "unknown"


def test_human_readable_solve(default_file):
    proc = run("solve", default_file)
    assert proc.returncode == 0, describe(proc)
    assert proc.stdout.strip() and "Traceback" not in proc.stderr
    with pytest.raises(json.JSONDecodeError):
        json.loads(proc.stdout)


# --------------------------------------------------------------------------- statuses


def test_small_scenario_solves_and_integral_floats_are_accepted(tmp_path):
    scenario = small_scenario()
    scenario["unit_types"][0]["personnel"] = 700.0
    scenario["nations"][0]["max_troops"] = 2100.0
    path = write(tmp_path / "s.json", scenario)
    assert run("validate", path).returncode == 0
    proc, doc = solve_json(path)
    assert proc.returncode == 0, describe(proc)
    assert doc["status"] == "optimal"
    assert check_plan(scenario, doc, feasible=True) == []


def test_infeasible_exits_2_and_reports(tmp_path):
    scenario = small_scenario()
    scenario["target"] = {"min_troops": 10000, "max_troops": 12000}
    path = write(tmp_path / "s.json", scenario)
    assert run("validate", path).returncode == 0  # valid input, just no plan
    proc, doc = solve_json(path)
    assert proc.returncode == 2, describe(proc)
    assert doc["status"] == "infeasible"
    unmet = {item["constraint"]: item for item in doc["unmet"]}
    # At most FR 2100 + DE 1400 = 3500 deployed troops.
    assert unmet["target.min_troops"]["best_reachable"] == 3500
    assert unmet["target.min_troops"]["gap"] == 6500
    assert check_plan(scenario, doc, feasible=False) == []


def test_invalid_status_exits_1(tmp_path):
    scenario = small_scenario()
    scenario["nations"][0]["min_troops"] = 2100
    scenario["nations"][0]["offers"] = {"mech_inf_bn": 2}
    scenario["locks"] = []
    path = write(tmp_path / "s.json", scenario)
    proc = run("solve", path, "--json")
    assert proc.returncode == 1, describe(proc)
    assert "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["status"] == "invalid"
    assert [item["constraint"] for item in doc["unmet"]] == ["nation.FR"]
    assert doc["allocation"] == []


# --------------------------------------------------------------------------- bad inputs


def _mutated(change) -> bytes:
    scenario = small_scenario()
    change(scenario)
    return json.dumps(scenario, allow_nan=True).encode()


def _set(path: str, value: Any):
    def change(scenario):
        *parents, last = path.split(".")
        node = scenario
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _append(path: str, value: Any):
    def change(scenario):
        node = scenario
        for key in path.split("."):
            node = node[int(key)] if isinstance(node, list) else node[key]
        node.append(copy.deepcopy(value))

    return change


HUGE_INT = _mutated(_set("nations.0.max_troops", 0)).replace(
    b'"max_troops": 0', b'"max_troops": 1' + b"0" * 5000
)

# name -> (file contents, any of these words must appear in the message, lower case)
BAD_INPUTS: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "empty": (b"", ("empty", "json", "expecting", "no data")),
    "whitespace": (b"  \n\t ", ("empty", "json", "expecting", "no data")),
    "binary": (bytes(range(256)) * 8, ("json", "utf", "decode", "binary", "text")),
    "syntax": (b'{"schema": ', ("json", "expecting", "line")),
    "deep_nesting": (b"[" * 100_000 + b"]" * 100_000, ("deep", "nest", "json", "recursion")),
    "nan": (_mutated(_set("nations.0.cost_per_troop", float("nan"))), ("nan", "finite")),
    "infinity": (_mutated(_set("nations.0.burden_weight", float("inf"))), ("inf", "finite")),
    "bool_personnel": (_mutated(_set("unit_types.0.personnel", True)), ("personnel",)),
    "bool_max_troops": (_mutated(_set("nations.1.max_troops", False)), ("max_troops",)),
    "fraction_personnel": (_mutated(_set("unit_types.0.personnel", 700.5)), ("personnel",)),
    "unknown_top_key": (_mutated(_set("colour", "blue")), ("colour",)),
    "unknown_nested_key": (_mutated(_set("nations.1.colour", "blue")), ("colour",)),
    "unknown_rules_key": (_mutated(_set("rules.max_shares", 0.5)), ("max_shares",)),
    "duplicate_nation": (
        _mutated(_append("nations", {"code": "FR", "max_troops": 10})),
        ("code", "duplicate", "more than once"),
    ),
    "duplicate_unit": (
        _mutated(_append("unit_types", {"id": "isr_sqn", "personnel": 5})),
        ("isr_sqn",),
    ),
    "unknown_offer": (_mutated(_set("nations.0.offers.tank_bn", 2)), ("tank_bn",)),
    "unknown_requirement": (_mutated(_set("requirements.tank_bn", {"min": 1})), ("tank_bn",)),
    "lock_beyond_offer": (_mutated(_set("locks.0.count", 4)), ("count", "offer")),
    "lock_unknown_nation": (_mutated(_set("locks.0.nation", "ZZZ")), ("zzz",)),
    "lock_unknown_unit": (_mutated(_set("locks.0.unit_type", "tank_bn")), ("tank_bn",)),
    "negative_max_troops": (_mutated(_set("nations.0.max_troops", -5)), ("max_troops",)),
    "min_above_max": (_mutated(_set("nations.1.min_troops", 5000)), ("min_troops", "max_troops")),
    "target_min_above_max": (
        _mutated(_set("target.min_troops", 99999)),
        ("min_troops", "max_troops", "target"),
    ),
    "requirement_min_above_max": (
        _mutated(_set("requirements.isr_sqn", {"min": 3, "max": 1})),
        ("isr_sqn", "requirement"),
    ),
    "max_share_zero": (_mutated(_set("rules.max_share", 0)), ("max_share",)),
    "max_share_above_one": (_mutated(_set("rules.max_share", 1.5)), ("max_share",)),
    "bad_status": (_mutated(_set("nations.0.status", "maybe")), ("status", "maybe")),
    "bad_objective": (_mutated(_set("objective", "max_fun")), ("objective", "max_fun")),
    "bad_code": (_mutated(_set("nations.0.code", "france")), ("code", "france")),
    "wrong_schema": (_mutated(_set("schema", "force-planner/scenario@9")), ("schema",)),
    "missing_schema": (
        json.dumps({k: v for k, v in small_scenario().items() if k != "schema"}).encode(),
        ("schema",),
    ),
    "missing_target": (
        json.dumps({k: v for k, v in small_scenario().items() if k != "target"}).encode(),
        ("target",),
    ),
    "top_level_list": (b"[1, 2, 3]", ("object", "list", "scenario", "top")),
    "top_level_string": (b'"hello"', ("object", "string", "scenario", "top")),
    "huge_float": (_mutated(_set("nations.0.max_troops", 1e300)), ("max_troops",)),
    "huge_int_literal": (HUGE_INT, ("max_troops", "digit", "large", "number", "integer")),
    "offers_not_object": (_mutated(_set("nations.0.offers", [3, 1])), ("offers",)),
}


def _check_one_line_error(proc: subprocess.CompletedProcess, words: tuple[str, ...]) -> None:
    assert proc.returncode == 1, describe(proc)
    assert "Traceback" not in proc.stderr, describe(proc)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr\n{describe(proc)}"
    assert len(lines[0]) < 500, f"message too long: {lines[0][:200]}..."
    assert any(w in lines[0].lower() for w in words), (
        f"message does not name the problem (wanted one of {words}): {lines[0]!r}"
    )


@pytest.fixture(scope="module")
def bad_runs(tmp_path_factory) -> dict[tuple[str, str], subprocess.CompletedProcess]:
    """Run every bad input through validate and solve, two processes at a time."""
    folder = tmp_path_factory.mktemp("bad")
    jobs = []
    for name, (content, _words) in BAD_INPUTS.items():
        path = folder / f"{name}.json"
        path.write_bytes(content)
        jobs += [(name, "validate", path), (name, "solve", path)]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        procs = pool.map(lambda job: run(job[1], job[2]), jobs)
        return {
            (name, command): proc for (name, command, _p), proc in zip(jobs, procs, strict=True)
        }


@pytest.mark.parametrize("command", ["validate", "solve"])
@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_is_one_clear_line(bad_runs, name, command):
    _check_one_line_error(bad_runs[(name, command)], BAD_INPUTS[name][1])


@pytest.mark.parametrize("command", ["validate", "solve"])
def test_missing_file(tmp_path, command):
    proc = run(command, tmp_path / "no_such_scenario.json")
    _check_one_line_error(proc, ("no_such_scenario", "not found", "no such file"))


@pytest.mark.parametrize("command", ["validate", "solve"])
def test_directory_instead_of_file(tmp_path, command):
    folder = tmp_path / "a_folder"
    folder.mkdir()
    proc = run(command, folder)
    _check_one_line_error(proc, ("a_folder", "directory", "folder", "not a file"))


def test_valid_small_scenario_validates(tmp_path):
    proc = run("validate", write(tmp_path / "s.json", small_scenario()))
    assert proc.returncode == 0, describe(proc)
    assert "Traceback" not in proc.stderr
