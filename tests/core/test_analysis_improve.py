"""The start search (planner.analyses.improve): cheaper plans that still meet every rule."""

from __future__ import annotations

import pytest

from planner.analyses.improve import cheaper
from planner.analyses.sensitivity import with_ceiling, with_requirement_min
from planner.rules import violations
from planner.rules.objectives import objective_value
from planner.scenario.io import default_scenario
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from tests.helpers.generators import generate


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_cheaper_keeps_every_rule_and_never_costs_more(seed):
    """Each nation's ceiling doubled: the baseline plan made cheaper meets every rule of
    the changed scenario, costs no more than before and no less than its optimum."""
    scenario = default_scenario() if seed is None else parse_scenario(generate(8, 6, seed))
    base = solve(scenario, "min_cost")
    assert base.has_plan
    tried = improved = 0
    for nation in scenario.nations:
        if not any(key.nation == nation.code for key in base.allocation):
            continue
        raised = with_ceiling(scenario, nation.code, nation.max_troops * 2)
        plan = cheaper(raised, dict(base.allocation))
        assert not violations(raised, plan), nation.code
        before = objective_value(raised, base.allocation, "min_cost")
        after = objective_value(raised, plan, "min_cost")
        assert after <= before + 1e-9
        optimum = solve(raised, "min_cost").objective_value
        assert after >= optimum - 1e-6
        tried += 1
        improved += after < before - 1e-9
    assert tried
    if seed is None:
        assert improved  # the default has cheaper plans within one move for some ceilings


def test_cheaper_reaches_the_optimum_of_a_raised_ceiling_on_the_default():
    """Spain's ceiling raised by a fifth (2,000 -> 2,400): the baseline plan, made cheaper
    by moves, reaches the variant's optimum (29,820.5 against the baseline's 29,880.5)."""
    scenario = default_scenario()
    base = solve(scenario)
    raised = with_ceiling(scenario, "ES", 2400)
    plan = cheaper(raised, dict(base.allocation))
    assert not violations(raised, plan)
    direct = solve(raised)
    assert direct.objective_value < base.objective_value
    assert objective_value(raised, plan, "min_cost") == pytest.approx(direct.objective_value)


def test_cheaper_stops_at_a_floor_it_has_reached():
    """A floor no plan can beat stops the search before any move."""
    scenario = default_scenario()
    base = solve(scenario)
    raised = with_ceiling(scenario, "ES", 2400)
    plan = dict(base.allocation)
    assert cheaper(raised, plan, floor=base.objective_value) == plan
    assert cheaper(with_requirement_min(scenario, "armd_bn", 2), plan, floor=1e12) == plan


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_shed_brings_a_nation_within_a_lowered_ceiling_and_keeps_every_rule(seed):
    """Each nation taking part with its ceiling lowered a third: a shed plan, when found,
    meets every rule of the changed scenario and costs no less than its optimum."""
    from planner.analyses.improve import shed

    scenario = default_scenario() if seed is None else parse_scenario(generate(8, 6, seed))
    base = solve(scenario, "min_cost")
    assert base.has_plan
    found = 0
    for nation in scenario.nations:
        sent = sum(
            scenario.unit(key.unit).personnel * count
            for key, count in base.allocation.items()
            if key.nation == nation.code and scenario.unit(key.unit).deployed
        )
        if sent == 0:
            continue
        lowered = with_ceiling(scenario, nation.code, max(nation.min_troops, sent * 2 // 3))
        plan = shed(lowered, dict(base.allocation), nation.code)
        if plan is None:
            continue
        assert not violations(lowered, plan), nation.code
        optimum = solve(lowered, "min_cost")
        assert optimum.has_plan
        assert objective_value(lowered, plan, "min_cost") >= optimum.objective_value - 1e-6
        found += 1
    if seed is None:
        assert found  # the default's large nations shed several units each
