"""Sensitivity: every variant's number equals a direct solve of that changed scenario."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.analyses.sensitivity import (
    analyse_sensitivity,
    with_ceiling,
    with_requirement_min,
)
from planner.errors import PlannerError
from planner.scenario.io import default_scenario
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from tests.helpers.cli_support import run
from tests.helpers.scenario_factory import scenarios


def _direct(scenario, factor, variant, objective):
    if variant.status == "unchanged":
        return solve(scenario, objective)
    if factor.kind == "ceiling":
        changed = with_ceiling(scenario, factor.subject, variant.setting)
    else:
        changed = with_requirement_min(scenario, factor.subject, variant.setting)
    return solve(changed, objective)


def _agrees(scenario, analysis):
    for factor in analysis.factors:
        for variant in (factor.low, factor.high):
            direct = _direct(scenario, factor, variant, analysis.objective)
            assert variant.feasible == direct.has_plan, (factor.label, variant)
            if direct.has_plan:
                assert variant.objective_value == pytest.approx(direct.objective_value, abs=1e-6)


@pytest.fixture(scope="module")
def default_analysis():
    return analyse_sensitivity(default_scenario())


def test_default_scenario_variants_equal_direct_solves(default_analysis):
    scenario = default_scenario()
    picked = [
        f for f in default_analysis.factors if f.subject in ("FR", "DE", "aew_orbit", "mech_inf_bn")
    ]
    assert len(picked) == 4
    analysis = default_analysis
    analysis_subset = type(analysis)(**{**analysis.__dict__, "factors": picked})
    _agrees(scenario, analysis_subset)


def test_factors_cover_plan_nations_and_every_requirement(default_analysis):
    scenario = default_scenario()
    plan = solve(scenario).allocation
    nations = {f.subject for f in default_analysis.factors if f.kind == "ceiling"}
    ground = {u.id for u in scenario.unit_types if u.deployed}
    assert nations == {code for (code, u, *_), c in plan.items() if c and u in ground}
    assert {f.subject for f in default_analysis.factors if f.kind == "requirement"} == set(
        scenario.requirements
    )
    ranked = default_analysis.ranked()
    base = default_analysis.baseline_value
    swings = [f.swing(base) for f in ranked]
    assert swings == sorted(swings, reverse=True)


def test_settings_respect_floors_and_maximums():
    scenario = default_scenario()
    analysis = analyse_sensitivity(scenario, step=0.5)
    for f in analysis.factors:
        if f.kind == "ceiling":
            floor = scenario.nation(f.subject).min_troops
            assert f.low.setting >= floor and f.high.setting > f.baseline_setting
        else:
            req = scenario.requirements[f.subject]
            assert f.low.setting >= 0
            assert req.max is None or f.high.setting <= req.max


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=scenarios(), objective=st.sampled_from(["min_cost", "fair_share"]))
def test_random_scenarios_agree_with_direct_solves(data, objective):
    scenario = parse_scenario(data)
    analysis = analyse_sensitivity(scenario, objective, step=0.5)
    base = solve(scenario, objective)
    assert (analysis.baseline_value is not None) == base.has_plan
    _agrees(scenario, analysis)


@pytest.mark.parametrize(("step", "units"), [(0, 1), (1, 1), (0.2, 0), (float("nan"), 1)])
def test_bad_steps_are_refused(step, units):
    with pytest.raises(PlannerError):
        analyse_sensitivity(default_scenario(), step=step, units=units)


def test_command_prints_ranked_factors_as_json(tmp_path):
    scenario = tmp_path / "s.json"
    scenario.write_text(run("default", "2025-02-original").stdout, encoding="utf-8")
    proc = run("analyse", "sensitivity", scenario, "--json", "--step", "0.1")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["baseline"]["objective_value"] == pytest.approx(29880.5)
    assert {"factor", "low", "high", "swing", "breaks_force"} <= set(out["factors"][0])
    bad = run("analyse", "sensitivity", scenario, "--units", "0")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1
