"""A shortfall names the declined nations that hold what is missing, largest first."""

from __future__ import annotations

import dataclasses

from planner.rules.remedy import MAX_NAMED, declined_offering
from planner.scenario.io import default_scenario
from planner.solve import solve


def _declined(*codes: str):
    s = default_scenario()
    nations = tuple(
        dataclasses.replace(n, status="declined") if n.code in codes else n for n in s.nations
    )
    return dataclasses.replace(s, nations=nations)


def test_the_shortfalls_say_who_could_close_them():
    result = solve(_declined("US", "UK"))
    said = {u["constraint"]: u["message"] for u in result.to_dict()["unmet"]}
    assert said["target.min_troops"].endswith(
        "2,960 short. Declined, but offering: United Kingdom (up to 8,000 troops), "
        "Poland (up to 5,000 troops), Italy (up to 3,000 troops), Finland (up to 500 troops)."
    )
    assert said["requirement.aew_orbit.min"].endswith(
        "1 short. Declined, but offering: United States (3)."
    )


def test_beyond_a_few_nations_the_rest_are_counted_and_none_is_said_when_none_offers():
    scenario = _declined(*(n.code for n in default_scenario().nations))
    text = declined_offering(scenario, lambda n: n.max_troops, str)
    assert text.count("(") == MAX_NAMED
    offering = sum(1 for n in scenario.nations if n.max_troops > 0)  # the US offers no troops
    assert text.endswith(f" and {offering - MAX_NAMED} more.")
    assert declined_offering(default_scenario(), lambda n: 0, str) == ""
