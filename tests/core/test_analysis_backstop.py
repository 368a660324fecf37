"""The backstop field and the with/without analysis, checked against direct solves."""

from __future__ import annotations

import dataclasses
import json

import pytest

from planner.analyses.backstop import analyse_backstop, infer_backstop, without_backstop
from planner.errors import ScenarioError
from planner.scenario.diff import diff_scenarios
from planner.scenario.io import (
    default_scenario,
    default_scenario_text,
    dumps_scenario,
    loads_scenario,
)
from planner.scenario.model import Requirement
from planner.solve import solve
from tests.helpers.cli_support import run


def test_the_default_scenario_carries_a_us_backstop_and_round_trips():
    scenario = default_scenario()
    assert scenario.backstop is not None and scenario.backstop.nations == ("US",)
    assert scenario.backstop.requirements["fighter_sqn"] == Requirement(8, 10)
    assert dumps_scenario(scenario) == default_scenario_text()
    assert solve(scenario).objective_value == pytest.approx(29880.5)


@pytest.mark.parametrize(
    ("backstop", "message"),
    [
        ({"nations": ["XX"]}, "backstop.nations[0]: 'XX' is not a nation"),
        ({"nations": []}, "backstop.nations: name at least one nation"),
        ({"nations": ["US", "US"]}, "appears more than once"),
        ({"requirements": {}}, "backstop.nations: is required"),
        ({"nations": ["US"], "colour": 1}, "backstop.colour: unknown field"),
        ({"nations": ["US"], "requirements": {"tank": {"min": 1}}}, "backstop.requirements.tank"),
        (
            {"nations": ["US"], "requirements": {"aew_orbit": {"min": 5, "max": 2}}},
            "backstop.requirements.aew_orbit.min: 5 is above max 2",
        ),
    ],
)
def test_bad_backstops_are_named(backstop, message):
    data = json.loads(default_scenario_text())
    data["backstop"] = backstop
    with pytest.raises(ScenarioError, match=message.replace("[", r"\[").replace("]", r"\]")):
        loads_scenario(json.dumps(data))


def test_a_file_without_a_backstop_keeps_none_and_infers_the_stand_off_nations():
    data = json.loads(default_scenario_text())
    del data["backstop"]
    scenario = loads_scenario(json.dumps(data))
    assert scenario.backstop is None and "backstop" not in json.loads(dumps_scenario(scenario))
    assert infer_backstop(scenario).nations == ("US",)
    analysis = analyse_backstop(scenario)
    assert analysis.inferred and "inferred" in json.dumps(analysis.to_dict())


def test_backstop_changes_are_said_in_planner_words():
    before = default_scenario()
    requirements = dict(before.backstop.requirements) | {"aew_orbit": Requirement(4, 4)}
    after = dataclasses.replace(
        before, backstop=dataclasses.replace(before.backstop, requirements=requirements)
    )
    texts = [c.text for c in diff_scenarios(before, after)]
    assert texts == ["backstop requirement aew_orbit 3-4 -> 4-4 units"]
    gone = dataclasses.replace(before, backstop=None)
    assert [c.text for c in diff_scenarios(before, gone)] == ["backstop removed (US)"]


def test_without_the_us_the_numbers_equal_a_direct_solve():
    scenario = default_scenario()
    analysis = analyse_backstop(scenario)
    direct = solve(without_backstop(scenario, scenario.backstop))
    assert analysis.without_result.status == direct.status == "infeasible"
    shortfalls = {u.unit_type: u.short for u in analysis.units if u.short}
    assert shortfalls == {"aew_orbit": 1, "lrad_battery": 1}
    unmet = {u.constraint: u.gap for u in direct.unmet}
    assert unmet == {"requirement.aew_orbit.min": 1, "requirement.lrad_battery.min": 1}
    us = {u.unit_type: u.from_backstop for u in analysis.units}
    assert us["aew_orbit"] == 1 and us["lrad_battery"] == 1


def test_an_explanation_cut_short_keeps_the_answer_but_claims_no_shortfall(monkeypatch):
    """The time cut the explanation of the case without the US (the Paris default's takes
    minutes): that no plan meets every rule is settled and kept, for page 1 of a brief,
    while no shortfall is read off a closest plan that may not be the closest."""
    import planner.solve as solving
    from planner.analyses.verdicts import backstop_verdict
    from planner.brief.analyses import _answered

    real = solving.diagnose

    def cut(*args, **kwargs):
        return dataclasses.replace(real(*args, **kwargs), complete=False)

    monkeypatch.setattr(solving, "diagnose", cut)
    analysis = analyse_backstop(default_scenario())
    assert analysis.without_result.status == "infeasible" and not analysis.without_result.explained
    assert analysis.feasibility_complete and _answered(analysis)
    assert analysis.units == [] and analysis.nations == []
    assert backstop_verdict(analysis) == "Without United States no plan meets every rule."
    monkeypatch.setattr(solving, "diagnose", real)
    whole = analyse_backstop(default_scenario())
    assert whole.without_result.explained and whole.feasibility_complete and whole.units


def test_when_europe_can_cover_it_the_plan_is_a_direct_solve():
    scenario = default_scenario()
    nations = tuple(
        dataclasses.replace(n, offers=n.offers | {"aew_orbit": 2, "lrad_battery": 2})
        if n.code == "FR"
        else n
        for n in scenario.nations
    )
    richer = dataclasses.replace(scenario, nations=nations)
    analysis = analyse_backstop(richer)
    direct = solve(without_backstop(richer, richer.backstop))
    assert analysis.without_feasible and direct.has_plan
    assert analysis.without_result.objective_value == pytest.approx(direct.objective_value)
    assert all(not u.short for u in analysis.units)
    assert not any(
        (n, u) for (n, u, *_), c in analysis.without_result.allocation.items() if n == "US" and c
    )


def test_command_reports_the_gap(tmp_path):
    scenario = tmp_path / "s.json"
    scenario.write_text(default_scenario_text(), encoding="utf-8")
    proc = run("analyse", "backstop", scenario, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["backstop_nations"] == ["US"] and out["without_backstop"]["status"] == "infeasible"
    text = run("analyse", "backstop", scenario).stdout
    assert (
        "Without United States no plan meets every rule: 1 x Airborne early warning and ISR "
        "orbit (AWACS-type, stand-off), 1 x Long-range air defence battery group in a "
        "neighbouring country short."
    ) in text
