"""Bugs found once, pinned so they stay fixed (see docs/decisions.md)."""

import copy

import pytest

from planner.scenario.validation import parse_scenario
from planner.solve import solve

# HiGHS and brute force: 2,440 (FR 1 inf, DE 2 inf + 1 isr, US 1 isr).
# CBC 2.10.3 with preprocessing on said "optimal" 2,580.
CBC_PREPROCESS_CASE = {
    "schema": "force-planner/scenario@1",
    "name": "cbc preprocess",
    "target": {"min_troops": 2000, "max_troops": 3000},
    "unit_types": [
        {"id": "inf", "personnel": 700},
        {"id": "isr", "personnel": 100, "deployed": False},
    ],
    "nations": [
        {
            "code": "FR",
            "status": "committed",
            "max_troops": 2100,
            "cost_per_troop": 1.2,
            "burden_weight": 3,
            "offers": {"inf": 3},
        },
        {"code": "DE", "max_troops": 1400, "burden_weight": 4, "offers": {"inf": 2, "isr": 1}},
        {"code": "US", "max_troops": 0, "offers": {"isr": 2}},
    ],
    "requirements": {"isr": {"min": 2, "max": None}},
    "rules": {"max_share": 0.8, "min_nations": 2},
}


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_cbc_preprocessing_case_gives_true_optimum(solver):
    result = solve(parse_scenario(CBC_PREPROCESS_CASE), solver=solver)
    assert result.status == "optimal"
    assert result.objective_value == pytest.approx(2440.0)


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_status_rule_survives_pulp_binary_bounds(solver):
    """A declined nation that would be the cheapest stays out; a committed one stays in."""
    data = copy.deepcopy(CBC_PREPROCESS_CASE)
    data["nations"][1]["status"] = "declined"  # DE is the cheapest source of troops
    data["nations"][2]["status"] = "committed"
    data["rules"] = {"max_share": 1, "min_nations": 0}
    data["requirements"] = {}
    result = solve(parse_scenario(data), solver=solver).to_dict()
    by_code = {n["code"]: n for n in result["nations"]}
    assert result["status"] == "optimal"
    assert not by_code["DE"]["participating"]
    assert by_code["US"]["participating"]
    assert by_code["FR"]["troops"] == 2100
