"""The lower bound over periods from blocks bounded apart (planner/optimise/blocks.py).

On random tiny scenarios over several periods (rotation, readiness, build-up,
locks per period) the blocks' bound of least cost is never above the brute-force
optimum, and the solve that may stop on it still has that optimum; a HiGHS
session given a target stops at the first plan that meets it.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from planner.linear import Expr, LinearModel
from planner.optimise import blocks
from planner.optimise.solver import HighsSession
from planner.scenario.io import load_scenario
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from planner.status import Status
from tests.helpers.reference import brute_force as bf
from tests.helpers.reference import checker
from tests.helpers.reference.scenario import read_scenario
from tests.helpers.reference.strategies import exhaustive_settings
from tests.helpers.several_periods import SEVERAL, least_cost_program


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


@settings(exhaustive_settings(80), suppress_health_check=list(HealthCheck))
@given(raw=SEVERAL)
def test_the_blocks_bound_is_never_above_the_optimum(raw):
    scenario = parse_scenario(raw)
    ref = read_scenario(raw)
    answer = bf.brute_optimum(bf.enumerate_plans(ref))
    bound = blocks.lower_bound(least_cost_program(scenario), None)
    if answer.status == "optimal" and bound is not None:
        assert bound <= answer.min_cost + 1e-6 * max(1.0, abs(answer.min_cost))
    result = solve(scenario, "min_cost", explain=False)
    assert (str(result.status) == "optimal") == (answer.status == "optimal")
    if answer.status == "optimal":
        assert close(result.objective_value, answer.min_cost)
        plan = {(c.nation, c.unit, c.area, c.period): v for c, v in result.allocation.items() if v}
        assert checker.violations(ref, plan) == []


def test_blocks_are_the_build_up_with_a_cycle_then_one_cycle_each():
    program = least_cost_program(load_scenario("resources/scenarios/2026-01-paris.json"))
    assert blocks.blocks(program) == [(1, 2, 3, 4, 5), (6, 7, 8)]  # rotation 3, full from 3


def test_the_paris_default_is_proven_by_its_blocks():
    """Least cost of the default: the blocks' bound is the optimum the solve proves."""
    scenario = load_scenario("resources/scenarios/2026-01-paris.json")
    from planner.optimise import aggregate

    merged = aggregate.merge(scenario)
    assert merged is not None
    program = least_cost_program(merged.scenario)
    aggregate.add_floors(merged, program)
    bound = blocks.lower_bound(program, None)
    result = solve(scenario, "min_cost", time_limit=300)
    assert result.status == Status.OPTIMAL
    assert bound is not None and bound <= result.objective_value + 1e-6
    assert result.best_bound is not None and result.best_bound <= result.objective_value + 1e-6


def test_a_session_with_a_target_stops_at_a_plan_that_meets_it():
    """min 3a + 5b + ... with a target at the optimum: the plan in hand meets it."""
    model = LinearModel("target")
    cols = [model.column(f"c{i}", 0, 9, integer=True) for i in range(12)]
    sizes = [7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47]
    model.row("need", Expr({c: float(s) for c, s in zip(cols, sizes, strict=True)}), lower=1001)
    model.set_objective(
        Expr({c: float(s) + (i % 3) for i, (c, s) in enumerate(zip(cols, sizes, strict=True))})
    )
    full = HighsSession(model).run()
    assert full.status == Status.OPTIMAL and full.best_bound is not None
    session = HighsSession(model)
    session.target = full.best_bound
    stopped = session.run()
    assert stopped.has_plan and stopped.values is not None
    assert session.reaches_target(session.worth(stopped.values))
