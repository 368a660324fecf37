"""Sensitivity's shortcuts (known plans, blocks, worker processes) give a plain solve's answers."""

from __future__ import annotations

import pytest

from planner.analyses.sensitivity import analyse_sensitivity, with_ceiling, with_requirement_min
from planner.rules import violations
from planner.rules.objectives import objective_value
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from tests.helpers.generators import generate


def _plain(scenario, factor, variant, objective):
    """The variant's scenario solved from scratch, as a planner would by hand."""
    if factor.kind == "ceiling":
        changed = with_ceiling(scenario, factor.subject, variant.setting)
    else:
        changed = with_requirement_min(scenario, factor.subject, variant.setting)
    return solve(changed, objective)


@pytest.mark.parametrize("seed", [1, 2])
def test_every_variant_equals_a_plain_solve_here_and_in_workers(seed):
    scenario = parse_scenario(generate(8, 6, seed))
    here = analyse_sensitivity(scenario, workers=1)
    there = analyse_sensitivity(scenario, workers=2)
    assert here.baseline_value is not None and here.factors
    assert len(here.factors) == here.planned
    checked = 0
    for mine, theirs in zip(here.factors, there.factors, strict=True):
        assert mine.label == theirs.label
        for variant, other in ((mine.low, theirs.low), (mine.high, theirs.high)):
            assert (variant.status, variant.objective_value) == (
                other.status,
                other.objective_value,
            )
            if variant.status == "unchanged":
                continue
            direct = _plain(scenario, mine, variant, here.objective)
            assert variant.feasible == direct.has_plan, (mine.label, variant)
            if direct.has_plan:
                assert variant.objective_value == pytest.approx(direct.objective_value, abs=1e-6)
            checked += 1
    assert checked > 0


def test_a_known_plan_at_the_baseline_optimum_settles_a_tightened_variant(monkeypatch):
    """A raised minimum the baseline plan misses, met by a known plan of the same cost."""
    from planner.analyses.variants import VariantAnswer, VariantModel
    from planner.scenario.io import default_scenario

    # without the starts that shed units (they settle this variant on their own, below)
    monkeypatch.setattr(VariantModel, "_shed_starts", lambda self, *args: [])
    scenario = default_scenario()
    base = solve(scenario)
    model = VariantModel(scenario, "min_cost", base)
    raised = with_requirement_min(scenario, "armd_bn", 4)
    assert model.settled(raised, "requirement", "armd_bn", 4) is None  # baseline has 3
    direct = solve(raised)
    assert direct.objective_value == pytest.approx(base.objective_value, abs=1e-6)
    model.learn("requirement", "armd_bn", 4, VariantAnswer("optimal", plan=dict(direct.allocation)))
    answer = model.settled(raised, "requirement", "armd_bn", 4)
    assert answer is not None and not answer.solved
    assert answer.objective_value == pytest.approx(direct.objective_value, abs=1e-6)
    assert answer.total_troops == direct.evaluation.total_troops
    # a known plan dearer than the baseline only starts the solve
    lowered = with_ceiling(scenario, "FR", 8000)
    dearer = solve(lowered)
    assert dearer.objective_value > base.objective_value
    model.learn("ceiling", "FR", 8000, VariantAnswer("optimal", plan=dict(dearer.allocation)))
    assert model.settled(lowered, "ceiling", "FR", 8000) is None
    start = model.start_for(lowered, "ceiling", "FR", 8000)  # the dearer plan or a cheaper move
    assert start is not None and not violations(lowered, start)
    assert objective_value(lowered, start, "min_cost") <= dearer.objective_value + 1e-6
    again = model.solve(lowered, "ceiling", "FR", 8000)
    assert again.objective_value == pytest.approx(dearer.objective_value, abs=1e-6)


def test_shedding_units_settles_or_starts_tightened_variants_no_single_move_reaches():
    """A raised minimum no nation has room for (each is at its ceiling) and a ceiling
    lowered by more than one unit: units shed one at a time give a plan meeting every
    rule; at the baseline's optimum it settles the variant, else it starts the solve."""
    from planner.analyses.variants import VariantModel
    from planner.scenario.io import default_scenario

    scenario = default_scenario()
    base = solve(scenario)
    model = VariantModel(scenario, "min_cost", base)
    raised = with_requirement_min(scenario, "armd_bn", 4)
    assert violations(raised, base.allocation)
    answer = model.settled(raised, "requirement", "armd_bn", 4)
    direct = solve(raised)
    assert answer is not None and not answer.solved and answer.plan is not None
    assert not violations(raised, answer.plan)
    assert answer.objective_value == pytest.approx(direct.objective_value, abs=1e-6)
    assert answer.total_troops == direct.evaluation.total_troops
    lowered = with_ceiling(scenario, "FR", 8000)  # FR sends 10,000: three units or more go
    assert model.settled(lowered, "ceiling", "FR", 8000) is None
    start = model.start_for(lowered, "ceiling", "FR", 8000)
    assert start is not None and not violations(lowered, start)
    dearer = solve(lowered)
    assert objective_value(lowered, start, "min_cost") >= dearer.objective_value - 1e-6
    again = model.solve(lowered, "ceiling", "FR", 8000)
    assert again.objective_value == pytest.approx(dearer.objective_value, abs=1e-6)


@pytest.mark.parametrize("seed", [None, 1, 2])
def test_withdrawal_rows_started_from_handed_over_plans_equal_plain_solves(seed):
    """A row's solve may start from the baseline with the nation's units handed to others;
    that start meets every rule when given, and the row equals a plain solve either way.
    (seed None: the built-in default scenario, where most rows get such a start.)"""
    from planner.analyses.participation import withdrawn
    from planner.analyses.withdrawal import analyse_withdrawal, handed_over
    from planner.scenario.io import default_scenario

    scenario = default_scenario() if seed is None else parse_scenario(generate(8, 6, seed))
    analysis = analyse_withdrawal(scenario, workers=1)
    base = analysis.baseline.result
    assert analysis.rows
    started = 0
    for row in analysis.rows:
        absent = frozenset({row.nation})
        start = handed_over(scenario, base.allocation, absent)
        if start is not None:
            started += 1
            assert not violations(withdrawn(scenario, absent), start)
            assert all(key.nation != row.nation for key in start)
        direct = solve(withdrawn(scenario, absent))
        assert row.feasible == direct.has_plan, row.nation
        if direct.has_plan:
            assert row.objective_value == pytest.approx(direct.objective_value, abs=1e-6)
    if seed is None:
        assert started >= 3


@pytest.mark.parametrize("seed", [None, 1, 2])
def test_every_start_a_variant_solve_is_given_meets_every_rule_of_that_variant(seed):
    """The plan handed to HiGHS as a start (a one-unit move of the baseline, a known plan
    or the baseline itself) is a plan of the changed scenario, never one that breaks a rule;
    and the variant solved from it has a plain solve's value."""
    from planner.analyses.sensitivity import _ceiling_settings, _changed, _requirement_settings
    from planner.analyses.variants import VariantModel
    from planner.scenario.io import default_scenario

    scenario = default_scenario() if seed is None else parse_scenario(generate(8, 6, seed))
    base = solve(scenario)
    assert base.has_plan
    model = VariantModel(scenario, scenario.objective, base)
    items = [
        ("ceiling", n.code, setting)
        for n in scenario.nations
        if any(key.nation == n.code for key in base.allocation)
        for setting in _ceiling_settings(scenario, n.code, 0.2)[1:]
    ] + [
        ("requirement", uid, setting)
        for uid in scenario.requirements
        for setting in _requirement_settings(scenario, uid, 1)[1:]
    ]
    started = solved = 0
    for item in items:
        changed = _changed(scenario, *item)
        start = model.start_for(changed, *item)
        if start is not None:
            started += 1
            assert not violations(changed, start), item
        if solved < 6 and model.settled(changed, *item) is None:
            answer = model.solve(changed, *item)  # learns tightened optima for later starts
            direct = solve(changed, scenario.objective)
            assert (answer.status in ("optimal", "feasible")) == direct.has_plan, item
            if direct.has_plan:
                assert answer.objective_value == pytest.approx(direct.objective_value, abs=1e-6)
            solved += 1
    assert started > 0
