"""Each offer's state in one period (deployed, resting, free, not yet ready), without Qt.

Uses the worked example of spec section 11: the UK rotates one quarter in
three and its logistics battalions are ready from the second quarter; France
follows the scenario's rotation of 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.scenario.evaluate import evaluate
from planner.scenario.io import load_scenario
from planner.scenario.offer_state import (
    DEPLOYED,
    FREE,
    NO_OFFER,
    NOT_READY,
    RESTING,
    offer_state,
    state_words,
)
from planner.scenario.plan import Cell

EXAMPLE = Path(__file__).parents[1] / "helpers" / "reference" / "examples" / "small-space-time.json"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(EXAMPLE)


def test_units_that_served_rest_for_the_rest_of_the_nations_cycle(scenario):
    plan = {Cell("UK", "inf_bn", "ua_west", 1): 1, Cell("UK", "inf_bn", "ua_kyiv", 2): 1}
    ev = evaluate(scenario, plan)
    first, second, third = (offer_state(scenario, ev, "UK", "inf_bn", t) for t in (1, 2, 3))
    assert (first.deployed, first.resting, first.free, first.kind) == (1, 0, 2, DEPLOYED)
    assert (second.deployed, second.resting, second.free) == (1, 1, 1)  # rotation 3 (its own)
    assert (third.deployed, third.resting, third.free, third.kind) == (0, 2, 1, RESTING)


def test_the_scenarios_rotation_applies_where_a_nation_states_none(scenario):
    ev = evaluate(scenario, {Cell("FR", "inf_bn", "ua_west", 1): 3})
    state = offer_state(scenario, ev, "FR", "inf_bn", 2)
    assert (state.rotation, state.resting, state.free, state.kind) == (2, 3, 1, RESTING)
    later = offer_state(scenario, ev, "FR", "inf_bn", 3)  # two quarters on: back in the pool
    assert (later.resting, later.free, later.kind) == (0, 4, FREE)


def test_an_offer_is_not_yet_ready_before_its_ready_from_and_says_when(scenario):
    ev = evaluate(scenario, {})
    early = offer_state(scenario, ev, "UK", "log_bn", 1)
    assert early.kind == NOT_READY and early.ready_from == 2
    assert state_words(scenario, early) == "Not yet ready: ready from 2027-Q2"
    assert offer_state(scenario, ev, "UK", "log_bn", 2).kind == FREE
    assert offer_state(scenario, ev, "UK", "awacs", 1).kind == NO_OFFER


def test_the_words_name_the_rotation_in_the_planners_terms(scenario):
    ev = evaluate(scenario, {Cell("UK", "inf_bn", "ua_west", 1): 2})
    words = state_words(scenario, offer_state(scenario, ev, "UK", "inf_bn", 2))
    assert words == "0 deployed, 2 resting (one quarter on operations in 3), 1 free"
