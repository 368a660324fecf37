"""Least cost over periods with alike areas: variants proved by their own blocks' bound
(planner/analyses/over_periods.py), against the plain way.

Every sensitivity variant and withdrawal row of small generated scenario@2 files with
periods and merged hubs has the status and objective value of a plain
:func:`planner.solve.solve` of the changed scenario; a start is called optimal only when
it is worth the optimum; stability handed the withdrawal analysis gives the rows it gives
when it runs its own.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from planner.analyses import over_periods
from planner.analyses.participation import withdrawn
from planner.analyses.sensitivity import _changed, analyse_sensitivity
from planner.analyses.stability import analyse_stability
from planner.analyses.withdrawal import analyse_withdrawal
from planner.rules import violations
from planner.rules.objectives import objective_value
from planner.scenario.validation import parse_scenario
from planner.solve import solve

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate_s2 import generated_in_time  # noqa: E402

CASES = [(5, 4, 3, 6, 1), (6, 5, 3, 4, 1)]
"""Generated nations x unit types x areas x quarters, seed: the first has two blocks of
periods and a bound that proves its optimum; the second one block (no bound, the run
changed in place as before)."""
BOUNDED = [(5, 4, 3, 6, 1), (6, 5, 3, 5, 0)]
"""Two blocks of periods: the bound proves the first's optimum, not the second's."""


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _scenario(case: tuple[int, ...]):  # type: ignore[no-untyped-def]
    scenario = parse_scenario(generated_in_time(*case))
    assert over_periods.applies(scenario, "min_cost")  # the path under test is taken
    return scenario


def _counting(monkeypatch):  # type: ignore[no-untyped-def]
    """Count the starts :func:`over_periods.proved` calls optimal (the shortcut taken)."""
    seen = {"optimal": 0, "calls": 0}
    real = over_periods.proved

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        proof = real(*args, **kwargs)
        seen["calls"] += 1
        seen["optimal"] += proof.optimal
        return proof

    monkeypatch.setattr(over_periods, "proved", counted)
    return seen


@pytest.mark.parametrize("case", CASES)
def test_sensitivity_variants_equal_plain_solves(case, monkeypatch):
    scenario = _scenario(case)
    base = solve(scenario)
    seen = _counting(monkeypatch)
    analysis = analyse_sensitivity(scenario, baseline=base)
    if case == CASES[0]:
        assert seen["optimal"] > 0  # some variants were proved by their bound
    assert not analysis.cancelled and analysis.factors
    checked = 0
    for factor in analysis.factors:
        for variant in (factor.low, factor.high):
            if variant.status == "unchanged":
                continue
            plain = solve(_changed(scenario, factor.kind, factor.subject, variant.setting))
            assert variant.status == plain.status, (factor.label, variant.setting)
            if plain.has_plan:
                assert close(variant.objective_value, plain.objective_value), (
                    factor.label,
                    variant.setting,
                )
            checked += 1
    assert checked


@pytest.mark.parametrize("case", CASES)
def test_withdrawal_rows_equal_plain_solves(case, monkeypatch):
    scenario = _scenario(case)
    base = solve(scenario)
    seen = _counting(monkeypatch)
    for time_limit in (None, 60.0):  # 60 s: the feasibility pass first
        analysis = analyse_withdrawal(scenario, baseline=base, time_limit=time_limit, workers=1)
        assert analysis.complete
        for row in analysis.rows:
            plain = solve(withdrawn(scenario, [row.nation]))
            assert row.status == plain.status, row.nation
            assert close(row.objective_value, plain.objective_value), row.nation
    assert seen["calls"] > 0  # the rows' solves went through the bound


@pytest.mark.parametrize("case", BOUNDED)
def test_a_start_is_proved_only_at_the_optimum(case):
    scenario = _scenario(case)
    base = solve(scenario)
    assert base.status == "optimal"
    plan = dict(base.allocation)
    proof = over_periods.proved(scenario, "min_cost", plan)
    assert proof.bound is not None
    assert proof.bound <= base.objective_value + 1e-6  # a lower bound, never above the optimum
    if proof.optimal:
        assert close(proof.value, base.objective_value)
    # a dearer plan of the scenario (one more unit where the offer allows): never optimal
    for cell in sorted(plan, key=str):
        dearer = dict(plan)
        dearer[cell] += 1
        if violations(scenario, dearer):
            continue
        worth = objective_value(scenario, dearer, "min_cost")
        if worth <= base.objective_value + 1e-6:
            continue
        assert not over_periods.proved(scenario, "min_cost", dearer).optimal
        break
    # the floor alone proves a start worth it; a start breaking a rule proves nothing
    assert over_periods.proved(scenario, "min_cost", plan, floor=base.objective_value).optimal
    broken = {cell: count + 1000 for cell, count in plan.items()}
    assert not over_periods.proved(scenario, "min_cost", broken).optimal


def test_stability_reuses_the_withdrawal_analysis_given():
    scenario = _scenario(CASES[0])
    base = solve(scenario)
    withdrawal = analyse_withdrawal(scenario, baseline=base, workers=1)
    own = analyse_stability(scenario, baseline=base)
    reused = analyse_stability(scenario, baseline=base, withdrawal=withdrawal)
    assert [r.to_dict() for r in reused.rows] == [r.to_dict() for r in own.rows]
    assert reused.solves < own.solves  # the withdrawal's solves were not made again
    # another scenario's withdrawal analysis is not taken
    other = parse_scenario(generated_in_time(*CASES[1]))
    foreign = analyse_withdrawal(other, workers=1)
    again = analyse_stability(scenario, baseline=base, withdrawal=foreign)
    assert [r.to_dict() for r in again.rows] == [r.to_dict() for r in own.rows]


@pytest.mark.parametrize("case", [(5, 4, 3, 6, 1), (6, 5, 3, 5, 0)])
def test_feasibility_on_the_merged_program_agrees_with_plain_solves(case, monkeypatch):
    import itertools

    from planner.analyses.participation import ParticipationModel

    scenario = _scenario(case)
    settled = {"merged": 0}
    real = over_periods.feasible_merged

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real(*args, **kwargs)
        settled["merged"] += found is not None
        return found

    monkeypatch.setattr(over_periods, "feasible_merged", counted)
    model = ParticipationModel(scenario, None)
    codes = [n.code for n in scenario.nations if n.status != "declined"]
    sets = [frozenset({c}) for c in codes] + [
        frozenset(p) for p in itertools.islice(itertools.combinations(codes, 2), 8)
    ]
    for absent in sets:
        answer = model.solve(absent)
        plain = solve(withdrawn(scenario, absent), explain=False)
        assert answer.has_plan == plain.has_plan, sorted(absent)
        assert answer.status in ("optimal", "infeasible") and plain.status in (
            "optimal",
            "infeasible",
        )
        if answer.has_plan:
            assert not violations(withdrawn(scenario, absent), answer.allocation)
    assert settled["merged"] > 0  # the merged program settled some of them
