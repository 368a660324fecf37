"""The hand-over of a withdrawn nation's units (a start, and a proof that a plan remains).

Each case is one where handing a unit to the cheapest nation with an offer left breaks a
rule a dearer choice keeps, or where no nation offers more of the type: the hand-over must
find the plan that holds, and every plan it returns must meet every rule.
"""

from __future__ import annotations

from planner.analyses.participation import withdrawn
from planner.analyses.withdrawal import handed_over, handed_over_to_anyone
from planner.rules import violations
from planner.scenario.io import scenario_to_dict
from planner.scenario.plan import Cell
from planner.scenario.validation import parse_scenario


def _nation(code: str, cost: float, offers: dict, **more) -> dict:
    return {
        "code": code,
        "name": f"Nation {code}",
        "status": "possible",
        "min_troops": 0,
        "max_troops": 1000,
        "cost_per_troop": cost,
        "burden_weight": 1.0,
        "offers": offers,
        **more,
    }


def _scenario(nations: list[dict], periods: int = 2, rotation: int = 2, share: float = 1.0):
    return parse_scenario(
        {
            "schema": "force-planner/scenario@2",
            "name": "hand-over",
            "target": {"min_troops": 100, "max_troops": 400},
            "areas": [{"id": "hub", "name": "Hub", "in_target": True}],
            "periods": {
                "count": periods,
                "label": "quarter",
                "first": "2027-Q1",
                "rotation": rotation,
            },
            "unit_types": [
                {
                    "id": "inf",
                    "name": "Infantry",
                    "personnel": 100,
                    "category": "manoeuvre",
                    "deployed": True,
                },
                {
                    "id": "eng",
                    "name": "Engineers",
                    "personnel": 50,
                    "category": "enabler",
                    "deployed": True,
                },
            ],
            "nations": nations,
            "requirements": {},
            "rules": {"max_share": share, "min_nations": 0},
            "locks": [],
            "objective": "min_cost",
        }
    )


def _holds(scenario, absent: frozenset[str], plan: dict[Cell, int] | None) -> None:
    assert plan is not None
    assert not violations(withdrawn(scenario, absent), plan)
    assert not any(key.nation in absent for key, count in plan.items() if count)


def test_a_unit_goes_past_a_cheaper_nation_whose_rotation_is_spent():
    """BB (cheapest) serves its one battalion in quarter 1 and must rest in quarter 2 (one in
    two): AA's quarter-2 battalion goes to CC, the dearer nation with a rested one."""
    scenario = _scenario(
        [
            _nation("AA", 3.0, {"inf": 1}),
            _nation("BB", 1.0, {"inf": 1}),
            _nation("CC", 2.0, {"inf": 1}),
        ]
    )
    plan = {Cell("BB", "inf", "hub", 1): 1, Cell("AA", "inf", "hub", 2): 1}
    assert not violations(scenario, plan)
    absent = frozenset({"AA"})
    moved = handed_over(scenario, plan, absent, anyone=True)
    _holds(scenario, absent, moved)
    assert moved == {Cell("BB", "inf", "hub", 1): 1, Cell("CC", "inf", "hub", 2): 1}


def test_a_unit_not_ready_in_its_quarter_is_not_handed_to_that_nation():
    """BB's battalion is ready only from quarter 2: AA's quarter-1 battalion goes to CC."""
    scenario = _scenario(
        [
            _nation("AA", 3.0, {"inf": 1}),
            _nation("BB", 1.0, {"inf": {"count": 1, "ready_from": 2}}),
            _nation("CC", 2.0, {"inf": 1}),
        ],
        rotation=1,
    )
    plan = {Cell("AA", "inf", "hub", 1): 1, Cell("AA", "inf", "hub", 2): 1}
    absent = frozenset({"AA"})
    moved = handed_over_to_anyone(scenario, plan, absent)
    _holds(scenario, absent, moved)
    assert moved[Cell("CC", "inf", "hub", 1)] == 1


def test_the_share_cap_sends_a_unit_to_a_dearer_nation():
    """With at most half the force from one nation, BB (cheapest, already at half) cannot
    take AA's battalion; CC can."""
    scenario = _scenario(
        [
            _nation("AA", 3.0, {"inf": 1}),
            _nation("BB", 1.0, {"inf": 3}),
            _nation("CC", 2.0, {"inf": 2}),
        ],
        periods=1,
        rotation=1,
        share=0.5,
    )
    plan = {
        Cell("AA", "inf", "hub", 1): 1,
        Cell("BB", "inf", "hub", 1): 2,
        Cell("CC", "inf", "hub", 1): 1,
    }
    assert not violations(scenario, plan)
    absent = frozenset({"AA"})
    moved = handed_over(scenario, plan, absent, anyone=False)
    _holds(scenario, absent, moved)
    assert moved[Cell("CC", "inf", "hub", 1)] == 2


def test_troops_of_a_type_no_one_else_offers_are_made_up_with_another_type():
    """Only AA offers engineers; its two (100 troops) are made up with one battalion."""
    scenario = _scenario(
        [_nation("AA", 3.0, {"eng": 2}), _nation("BB", 1.0, {"inf": 3})],
        periods=1,
        rotation=1,
    )
    plan = {Cell("AA", "eng", "hub", 1): 2, Cell("BB", "inf", "hub", 1): 1}
    absent = frozenset({"AA"})
    moved = handed_over_to_anyone(scenario, plan, absent)
    _holds(scenario, absent, moved)
    assert moved == {Cell("BB", "inf", "hub", 1): 2}


def test_what_cannot_be_made_up_is_left_out_when_the_band_still_holds():
    """BB can take one of AA's two battalions and nothing else: 100 troops still meet the
    minimum of 100, so that plan stands; with a minimum of 200 no hand-over holds (None:
    a solve decides)."""
    nations = [_nation("AA", 3.0, {"inf": 2}), _nation("BB", 1.0, {"inf": 1})]
    plan = {Cell("AA", "inf", "hub", 1): 2}
    absent = frozenset({"AA"})
    scenario = _scenario(nations, periods=1, rotation=1)
    moved = handed_over_to_anyone(scenario, plan, absent)
    _holds(scenario, absent, moved)
    assert moved == {Cell("BB", "inf", "hub", 1): 1}
    data = scenario_to_dict(scenario)
    data["target"]["min_troops"] = 200
    assert handed_over_to_anyone(parse_scenario(data), plan, absent) is None
