"""Validation names the field, the value and what is allowed (spec section 1)."""

import copy

import pytest

from planner.errors import ScenarioError
from planner.scenario.io import default_scenario, dumps_scenario, loads_scenario, parse_json_text
from planner.scenario.validation import parse_scenario

BASE = {
    "schema": "force-planner/scenario@1",
    "name": "t",
    "target": {"min_troops": 100, "max_troops": 200},
    "unit_types": [{"id": "inf", "personnel": 100}],
    "nations": [{"code": "FR", "max_troops": 200, "offers": {"inf": 2}}],
}


def broken(path: str, value) -> dict:
    data = copy.deepcopy(BASE)
    target = data
    keys = path.split("/")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    if value is KeyError:
        del target[keys[-1]]
    else:
        target[int(keys[-1]) if keys[-1].isdigit() else keys[-1]] = value
    return data


@pytest.mark.parametrize(
    "path, value, message",
    [
        ("nations/0/max_troops", -5, "nations[0].max_troops: -5 is below 0"),
        ("nations/0/min_troops", 300, "nations[0].min_troops: 300 is above max_troops 200"),
        ("nations/0/max_troops", True, "nations[0].max_troops: expected an integer, got true"),
        ("nations/0/max_troops", 1.5, "nations[0].max_troops: expected an integer, got 1.5"),
        ("nations/0/code", "fr", "nations[0].code: 'fr' is not a nation code"),
        ("nations/0/status", "maybe", "nations[0].status: 'maybe' is not one of committed"),
        ("nations/0/offers", {"tank": 1}, "nations[0].offers.tank: unknown field"),
        ("nations/0/cost_per_troop", -1, "nations[0].cost_per_troop: -1 is below 0"),
        ("unit_types/0/personnel", 0, "unit_types[0].personnel: 0 is below 1"),
        ("unit_types/0/personnel", 100001, "unit_types[0].personnel: 100001 is above the limit"),
        ("unit_types/0/id", "Inf!", "unit_types[0].id: 'Inf!' is not a valid id"),
        ("unit_types/0/deployed", "yes", "unit_types[0].deployed: expected true or false"),
        ("rules", {"max_share": 0}, "rules.max_share: 0 is not above 0"),
        ("rules", {"max_share": 1.5}, "rules.max_share: 1.5 is above 1"),
        ("target/min_troops", 300, "target.min_troops: 300 is above target.max_troops 200"),
        ("target/max_troops", KeyError, "target.max_troops: is required"),
        ("objective", "max_fun", "objective: 'max_fun' is not one of min_cost, fair_share"),
        ("schema", "other@1", "schema: 'other@1' is not 'force-planner/scenario@1'"),
        ("colour", "red", "colour: unknown field"),
        ("requirements", {"inf": {"min": 3, "max": 2}}, "requirements.inf.min: 3 is above max 2"),
        (
            "locks",
            [{"nation": "FR", "unit_type": "inf", "count": 3}],
            "locks[0].count: 3 is above FR's offer of 2 inf",
        ),
        (
            "locks",
            [{"nation": "DE", "unit_type": "inf", "count": 1}],
            "locks[0].nation: 'DE' is not a nation of this scenario",
        ),
    ],
)
def test_message_names_field_and_value(path, value, message):
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(broken(path, value))
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_duplicate_codes_are_named():
    data = copy.deepcopy(BASE)
    data["nations"].append(copy.deepcopy(data["nations"][0]))
    with pytest.raises(ScenarioError, match=r"nations\[1\]\.code: 'FR' appears more than once"):
        parse_scenario(data)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "the file is empty"),
        ('{"a": NaN}', "NaN is not allowed"),
        ('{"a": 1, "a": 2}', "the key 'a' appears twice"),
        ("[" * 100 + "]" * 100, "nested more than 64 levels"),
        ('{"a": }', "not valid JSON"),
    ],
)
def test_malformed_text(text, message):
    with pytest.raises(ScenarioError, match=message):
        parse_json_text(text)


def test_default_scenario_round_trips_through_json():
    scenario = default_scenario()
    assert loads_scenario(dumps_scenario(scenario)) == scenario


def test_default_scenario_has_what_the_issue_asks():
    scenario = default_scenario()
    assert len(scenario.nations) >= 15 and len(scenario.unit_types) >= 10
    assert all(n.sources and n.notes for n in scenario.nations)
    assert scenario.nation("FR").max_troops == pytest.approx(10_000, rel=0.1)
    us = scenario.nation("US")
    assert us.max_troops == 0 or all(
        not scenario.unit(u).deployed for u, count in us.offers.items() if count
    )
    assert any(n.status == "declined" for n in scenario.nations)
    assert (scenario.target.min_troops, scenario.target.max_troops) == (25_000, 30_000)
