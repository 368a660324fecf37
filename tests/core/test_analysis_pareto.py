"""The Pareto front: ends equal the single-objective optima, no point dominated, all feasible."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from planner.analyses.pareto import analyse_pareto
from planner.errors import PlannerError
from planner.scenario.io import default_scenario
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from tests.helpers.brute_force import feasible_plans
from tests.helpers.cli_support import run
from tests.helpers.scenario_factory import scenarios
from tests.helpers.spec_checker import objective_value, plan_of


def _dominates(a, b):
    return (
        a[0] <= b[0] + 1e-6 and a[1] <= b[1] + 1e-6 and (a[0] < b[0] - 1e-6 or a[1] < b[1] - 1e-6)
    )


@pytest.fixture(scope="module")
def default_front():
    return analyse_pareto(default_scenario(), points=6)


def test_the_ends_are_the_two_optima(default_front):
    scenario = default_scenario()
    assert default_front.status == "optimal"
    cheapest, fairest = default_front.points[0], default_front.points[-1]
    assert cheapest.cost == pytest.approx(solve(scenario, "min_cost").objective_value)
    assert fairest.deviation == pytest.approx(solve(scenario, "fair_share").objective_value)


def test_no_point_dominates_another_and_numbers_are_the_spec_s(default_front):
    from planner.scenario.io import scenario_to_dict

    data = scenario_to_dict(default_scenario())
    from tests.helpers.spec_checker import model_of

    model = model_of(data)
    pairs = [(p.cost, p.deviation) for p in default_front.points]
    assert len(pairs) >= 3
    for a in pairs:
        assert not any(_dominates(b, a) for b in pairs if b != a)
    for p in default_front.points:
        plan = plan_of(model, p.allocation)
        assert objective_value(model, plan, "min_cost") == pytest.approx(p.cost)
        assert objective_value(model, plan, "fair_share") == pytest.approx(p.deviation)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=scenarios(max_nations=3, max_units=2, max_offer=2))
def test_each_point_is_non_dominated_among_all_brute_forced_plans(data):
    scenario = parse_scenario(data)
    front = analyse_pareto(scenario, points=5)
    plans = [
        (objective_value(m, p, "min_cost"), objective_value(m, p, "fair_share"))
        for m, p in feasible_plans(data)
    ]
    if not plans:
        assert front.points == []
        return
    assert front.points
    for p in front.points:
        assert (round(p.cost, 6), round(p.deviation, 6)) in {
            (round(c, 6), round(d, 6)) for c, d in plans
        }
        assert not any(_dominates(q, (p.cost, p.deviation)) for q in plans)
    assert front.points[0].cost == pytest.approx(min(c for c, _ in plans))
    assert front.points[-1].deviation == pytest.approx(min(d for _, d in plans))


def test_bad_point_counts_are_refused():
    with pytest.raises(PlannerError):
        analyse_pareto(default_scenario(), points=1)


def test_command_prints_the_front(tmp_path):
    scenario = tmp_path / "s.json"
    scenario.write_text(run("default", "2025-02-original").stdout, encoding="utf-8")
    proc = run("analyse", "pareto", scenario, "--points", "3", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["points"][0]["min_cost"] == pytest.approx(29880.5)
    assert {"min_cost", "fair_share", "total_troops", "allocation"} <= set(out["points"][0])
    bad = run("analyse", "pareto", scenario, "--points", "1")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1
