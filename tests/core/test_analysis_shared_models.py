"""Shared models answer as full solves do: the warm-start guard and the cheap cases."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from planner.analyses.sensitivity import with_ceiling, with_requirement_min
from planner.analyses.variants import VariantModel, troop_sums
from planner.analyses.warm import run_from
from planner.scenario.io import default_scenario
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from tests.helpers.scenario_factory import scenarios


def test_a_warm_start_never_hides_a_better_optimum():
    """HiGHS 1.16 handed back the start (29,880.5) after proving 29,518 here."""
    scenario = default_scenario()
    base = solve(scenario)
    model = VariantModel(scenario, "min_cost", base)
    session = model._build()
    undo = model._change("requirement", "aew_orbit", 2)
    start = model.program.column_values(dict(base.allocation))
    outcome, _ = run_from(session, None, start)
    undo()
    direct = solve(with_requirement_min(scenario, "aew_orbit", 2))
    assert outcome.values is not None
    assert model.program.model.objective_value(outcome.values) == pytest.approx(
        direct.objective_value, abs=1e-6
    )


def test_troop_sums_are_the_counts_the_units_add_to():
    scenario = default_scenario()
    nation = scenario.nation("FR")
    sizes = [(u.personnel, nation.offer(u.id)) for u in scenario.unit_types if u.deployed]
    reach = {0}
    for size, count in sizes:
        for _ in range(count):
            reach |= {r + size for r in reach if r + size <= 3000}
    bits = troop_sums(scenario, nation, 3000)
    assert {t for t in range(3001) if bits >> t & 1} == reach


def _variants(scenario):
    """Every ceiling and minimum moved by one step of its own size, up and down."""
    for nation in scenario.nations:
        for setting in (nation.min_troops, nation.max_troops // 2, nation.max_troops * 2):
            if setting != nation.max_troops and setting >= nation.min_troops:
                yield "ceiling", nation.code, setting, with_ceiling(scenario, nation.code, setting)
    for uid, req in scenario.requirements.items():
        for setting in (max(0, req.min - 1), req.min + 1):
            if setting != req.min and (req.max is None or setting <= req.max):
                yield "requirement", uid, setting, with_requirement_min(scenario, uid, setting)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=scenarios())
def test_shortcuts_and_shared_solves_equal_full_solves(data):
    """A cheap case and an in-place solve give the full solve's feasibility and optimum."""
    scenario = parse_scenario(data)
    base = solve(scenario, "min_cost")
    model = VariantModel(scenario, "min_cost", base)
    for kind, subject, setting, changed in _variants(scenario):
        direct = solve(changed, "min_cost")
        for answer in (
            model.settled(changed, kind, subject, setting),
            model.solve(changed, kind, subject, setting),
        ):
            if answer is None:
                continue
            assert (answer.status in ("optimal", "feasible")) == direct.has_plan, (kind, subject)
            if direct.has_plan:
                assert answer.objective_value == pytest.approx(direct.objective_value, abs=1e-6)
