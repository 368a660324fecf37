"""The Pareto front: ends equal the single-objective optima, no point dominated, all feasible."""

from __future__ import annotations

import json
import types

import pytest
from hypothesis import HealthCheck, given, settings

from planner.analyses import pareto
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


def _plain_point(scenario, first, deviation_at_most=None):
    """One point solved plainly: a fresh program per solve, no start, no floor, no extra rows."""
    from planner.analyses.pareto import SLACK
    from planner.linear import INF
    from planner.optimise.program import build_hard_program, enforce, soft_rows
    from planner.optimise.solver import solve_model
    from planner.rules.objectives import OBJECTIVES

    def run(goal, cost_at_most, dev_at_most):
        program = build_hard_program(scenario)
        enforce(program, soft_rows(program))
        cost = OBJECTIVES["min_cost"].define(program)
        deviation = OBJECTIVES["fair_share"].define(program)
        for name, expr, limit in (("c", cost, cost_at_most), ("d", deviation, dev_at_most)):
            upper = INF if limit is None else limit + SLACK * max(1.0, abs(limit))
            program.model.row(name, expr, upper=upper)
        program.model.set_objective(cost if goal == "cost" else deviation)
        outcome = solve_model(program.model)
        assert outcome.status == "optimal"
        plan = program.allocation(outcome.values)
        m = {"min_cost": scenario_objective(scenario, plan, "min_cost")}
        m["fair_share"] = scenario_objective(scenario, plan, "fair_share")
        return m

    best = run(first, None, deviation_at_most)
    if first == "cost":
        best = run("deviation", best["min_cost"], deviation_at_most)
    else:
        best = run("cost", None, best["fair_share"])
    return best["min_cost"], best["fair_share"]


def scenario_objective(scenario, plan, name):
    from planner.rules.objectives import objective_value as value

    return value(scenario, plan, name)


@pytest.mark.parametrize(
    ("nations", "units", "seed", "points", "workers"),
    [(6, 4, 1, 5, None), (8, 5, 2, 6, None), (8, 5, 2, 6, 2), (10, 6, 0, 6, 1)],
)
def test_the_points_equal_each_point_solved_plainly(nations, units, seed, points, workers):
    """The shared model, starts, floors, skipped bounds, the force-total search for the
    fairest end and worker processes for the points between the ends change only the speed:
    every point is the plain lexicographic optimum."""
    from planner.optimise.fair_model import applies
    from tests.helpers.generators import generate

    scenario = parse_scenario(generate(nations, units, seed))
    assert applies(scenario)  # the fairest end goes through the force-total search
    front = analyse_pareto(scenario, points=points, workers=workers)
    assert front.status == "optimal"
    cheapest = _plain_point(scenario, "cost")
    fairest = _plain_point(scenario, "deviation")
    found = [cheapest, fairest]
    span = cheapest[1] - fairest[1]
    for k in range(1, points - 1):
        found.append(_plain_point(scenario, "cost", cheapest[1] - span * k / (points - 1)))
    expected = sorted({(round(c, 6), round(d, 6)) for c, d in found})
    expected = [
        p for p in expected if not any(o != p and o[0] <= p[0] and o[1] <= p[1] for o in expected)
    ]
    got = [(round(p.cost, 6), round(p.deviation, 6)) for p in front.points]
    assert len(got) >= 3
    assert len(got) == len(expected)
    assert [x for p in got for x in p] == pytest.approx([x for p in expected for x in p])


def test_a_time_limit_at_the_fairest_end_keeps_the_search_s_fairest_plan_unproved(monkeypatch):
    """The cheapest of the fairest not settled in time: the force-total search's fairest plan
    is the end, marked unproved (its cost may not be the least of the fairest)."""
    from planner.analyses import pareto
    from tests.helpers.generators import generate

    scenario = parse_scenario(generate(6, 4, 1))
    plain = pareto._Front.best

    def out_of_time(self, goal, *bounds):
        if self.held is not None:  # a total held: the cheapest of the fairest
            return "unknown"
        return plain(self, goal, *bounds)

    monkeypatch.setattr(pareto._Front, "best", out_of_time)
    front = analyse_pareto(scenario, points=2)
    assert front.status == "feasible" and front.unproved == 1
    fairest = front.points[-1]
    assert not fairest.proved
    assert fairest.deviation == pytest.approx(solve(scenario, "fair_share").objective_value)


def test_workers_start_by_themselves_only_on_idle_cores_and_when_the_points_take_long(
    monkeypatch,
):
    from planner.analyses import pareto

    scenario = default_scenario()
    monkeypatch.setattr(pareto, "_cores", lambda: 2)
    monkeypatch.setattr(pareto, "_busy", lambda: False)
    auto = pareto._Pool(scenario, None, None, None)
    assert auto.pays(6, 0.5)  # six points of two solves of about half a second each
    assert not auto.pays(6, 0.01)  # a small scenario: starting a worker costs more
    assert not auto.pays(1, 5.0)  # one point: nothing to share
    monkeypatch.setattr(pareto, "_busy", lambda: True)
    assert not auto.pays(6, 0.5)  # no idle core: a worker only adds work (docs/decisions.md)
    assert pareto._Pool(scenario, None, None, 2).pays(6, 0.01)  # asked for: always
    assert not pareto._Pool(scenario, None, None, 1).pays(6, 5.0)
    monkeypatch.setattr(pareto, "_busy", lambda: False)
    monkeypatch.setattr(pareto, "_cores", lambda: 1)
    assert not auto.pays(6, 0.5)


def test_the_points_between_the_ends_are_found_total_by_total_where_that_pays(monkeypatch):
    """On 10 x 6 seed 0 every point between the ends is settled by holding the totals one
    by one (pareto_totals), and each is the plain lexicographic optimum of its bound."""
    from planner.analyses import pareto_totals
    from tests.helpers.generators import generate

    scenario = parse_scenario(generate(10, 6, 0))
    settled = []
    sweep = pareto_totals.cheapest_by_totals

    def spy(front, bound, floor):
        found = sweep(front, bound, floor)
        settled.append((bound, found))
        return found

    monkeypatch.setattr(pareto_totals, "cheapest_by_totals", spy)
    analyse_pareto(scenario, points=6, workers=1)
    assert len(settled) == 4 and all(found is not None for _, found in settled)
    for bound, (status, point) in settled:
        assert status == "optimal"
        expected = _plain_point(scenario, "cost", bound)
        assert (point.cost, point.deviation) == pytest.approx(expected)


class _FakeFront:
    """A front whose held solves answer from tables: the sweep's own logic, no solver.

    `cost[t]` / `fairest[t]`: the cheapest plan's cost and the fairest deviation at that
    cost with TOTAL held at t (None: no plan within the bound there); `lp[t]`: the LP bound
    of the plain program with TOTAL >= t, and of t held (`held_lp`)."""

    def __init__(self, totals, cost, fairest, lp, held_lp):
        import numpy as np

        self.cost, self.fairest, self.lp, self.held_lp = cost, fairest, lp, held_lp
        self._totals = types.SimpleNamespace(
            totals=np.array(totals),
            bounds=np.zeros(len(totals)),
            sets=None,
            phi=None,
            max_share=None,
        )
        self.held: int | None = None
        self.solved: list[tuple[str, int]] = []
        self._last: tuple[float, float] | None = None

    def candidates(self):
        return self._totals

    def relaxed_cost(self, bound, total, held):
        return (self.held_lp if held else self.lp)[total]

    def hold_total(self, total, window=None):
        self.held = total

    def best(self, goal, cost_at_most, deviation_at_most, cost_at_least=None):
        total = self.held
        self.solved.append((goal, total))
        cost = self.cost[total]
        if cost is None or (cost_at_most is not None and cost > cost_at_most + 1e-9):
            return "infeasible"
        self._last = (cost, self.fairest[total] if goal == "deviation" else 99.0)
        return "optimal"

    def point(self, proved):
        cost, deviation = self._last
        return pareto.ParetoPoint(cost, deviation, self.held, {}, proved)


def test_the_sweep_breaks_a_tie_of_cost_at_two_totals_by_the_fairer(monkeypatch):
    """Two totals with the same least cost: the point is the fairer of their plans, each
    held on its own; a total the held LP prices above the best is never solved, and the
    sweep ends at the first total the plain LP prices above it."""
    from planner.analyses import pareto_totals

    monkeypatch.setattr(pareto_totals, "MOST_HELD", 3)
    monkeypatch.setattr(pareto_totals.fair_bound, "window", lambda *args: None)
    front = _FakeFront(
        totals=[100, 110, 120, 130],
        cost={100: 50.0, 110: 60.0, 120: 50.0, 130: 40.0},
        fairest={100: 7.0, 110: 1.0, 120: 3.0, 130: 0.0},
        lp={100: 0.0, 110: 45.0, 120: 48.0, 130: 55.0},  # 130 and up: no plan as cheap as 50
        held_lp={100: 0.0, 110: 58.0, 120: 49.0, 130: 40.0},  # 110 held costs at least 58
    )
    status, point = pareto_totals.cheapest_by_totals(front, 10.0, None)
    assert status == "optimal"
    assert (point.cost, point.deviation, point.total_troops) == (50.0, 3.0, 120)
    assert ("cost", 110) not in front.solved and ("cost", 130) not in front.solved
    assert [t for goal, t in front.solved if goal == "deviation"] == [100, 120]


def test_the_sweep_gives_the_plain_program_the_point_past_its_held_solves(monkeypatch):
    """With the one held solve spent and a total left open, the sweep hands over (None)."""
    from planner.analyses import pareto_totals

    monkeypatch.setattr(pareto_totals.fair_bound, "window", lambda *args: None)
    front = _FakeFront(
        totals=[100, 120],
        cost={100: 50.0, 120: 50.0},
        fairest={100: 7.0, 120: 3.0},
        lp={100: 0.0, 120: 48.0},
        held_lp={100: 0.0, 120: 49.0},
    )
    assert pareto_totals.MOST_HELD == 1
    assert pareto_totals.cheapest_by_totals(front, 10.0, None) is None
