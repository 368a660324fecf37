"""A plan proven at the whole program's root (planner/optimise/root_proof.py), and the windows
that stop at a known bound or try that proof when they stall (planner/optimise/windows.py).

On random tiny scenarios over several periods (rotation, readiness, build-up, locks per
period) the root's bound from any plan (here the dearest HiGHS finds, and the optimum) is
never above the brute-force optimum, a plan it calls proven is worth that optimum, and the
windows given a bound or a proof keep every rule and never end above the start. On the
generated 18 x 17 x 3 x 8 seeds whose periodic start is optimal the solve is proven by that
root; seed 1's periodic plan, which HiGHS's presolve values below its worth, proves nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from planner.optimise import aggregate, root_proof, windows
from planner.optimise.periodic import LEAST_COST_OPTIONS, periodic_search
from planner.optimise.program import build_hard_program, enforce, soft_rows
from planner.optimise.solver import HighsSession
from planner.rules.objectives import set_objective
from planner.scenario.io import loads_scenario
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from planner.status import Status
from tests.helpers.reference import brute_force as bf
from tests.helpers.reference import checker
from tests.helpers.reference.scenario import read_scenario
from tests.helpers.reference.strategies import exhaustive_settings
from tests.helpers.several_periods import SEVERAL, as_reference, dearest_plan, least_cost_program


def _tol(value: float) -> float:
    return 1e-6 * max(1.0, abs(value))


@settings(exhaustive_settings(60), suppress_health_check=list(HealthCheck))
@given(raw=SEVERAL)
def test_the_root_never_bounds_above_the_optimum_and_proves_only_the_optimum(raw):
    scenario = parse_scenario(raw)
    ref = read_scenario(raw)
    answer = bf.brute_optimum(bf.enumerate_plans(ref))
    program = least_cost_program(scenario)
    if answer.status != "optimal":
        return
    worst = dearest_plan(program)
    best = HighsSession(program.model).run(10)
    assert worst.values is not None and best.values is not None
    for start in (list(worst.values), list(best.values)):
        proof = root_proof.attempt(program.model, start, 10)
        if proof.bound is not None:
            assert proof.bound <= answer.min_cost + _tol(answer.min_cost)
        if proof.proven is not None:
            assert proof.proven.status == Status.OPTIMAL
            values = list(proof.proven.values or ())
            worth = program.model.objective_value(values)
            assert abs(worth - answer.min_cost) <= _tol(answer.min_cost)
            plan = as_reference(program.allocation(values))
            assert checker.violations(ref, plan) == []


@settings(exhaustive_settings(60), suppress_health_check=list(HealthCheck))
@given(raw=SEVERAL)
def test_windows_with_a_bound_and_a_proof_keep_every_rule(raw):
    scenario = parse_scenario(raw)
    ref = read_scenario(raw)
    answer = bf.brute_optimum(bf.enumerate_plans(ref))
    if answer.status != "optimal":
        return
    program = least_cost_program(scenario)
    start = dearest_plan(program)
    assert start.values is not None
    before = program.model.objective_value(list(start.values))

    def prove(values):  # type: ignore[no-untyped-def]
        return root_proof.attempt(program.model, values, 10)

    # patience 0: the proof comes right after the first window
    for bound, patience in ((answer.min_cost, None), (None, 0.0)):
        found = windows.search(program, list(start.values), 10, None, bound, patience, prove)
        after = program.model.objective_value(found.values)
        assert answer.min_cost - _tol(answer.min_cost) <= after <= before + _tol(before)
        if found.bound is not None:
            assert found.bound <= answer.min_cost + _tol(answer.min_cost)
        assert checker.violations(ref, as_reference(program.allocation(found.values))) == []


def _generated(seed: int) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate_s2 import generated_in_time

    return generated_in_time(18, 17, 3, 8, seed, "min_cost")


def _merged_program(raw: dict):  # type: ignore[no-untyped-def]
    merged = aggregate.merge(loads_scenario(json.dumps(raw)))
    assert merged is not None
    program = build_hard_program(merged.scenario)
    enforce(program, soft_rows(program))
    aggregate.add_floors(merged, program)
    set_objective(program, "min_cost")
    return program


def test_seed_1s_periodic_plan_proves_nothing():
    """HiGHS's presolve values that start at 396,592.5 (it is worth 396,660) and calls it
    optimal; the attempt must neither prove it nor give a bound above the optimum, 396,615."""
    program = _merged_program(_generated(1))
    plan, _ = periodic_search(program, 60, None, LEAST_COST_OPTIONS)
    assert plan is not None
    start = program.column_values(plan)
    assert abs(program.model.objective_value(start) - 396_660.0) <= 1e-6
    proof = root_proof.attempt(program.model, start, 30)
    assert proof.proven is None
    assert proof.bound is None or proof.bound <= 396_615.0 + 1e-6


def test_seed_3_is_proven_at_the_root_after_its_periodic_tree():
    """Its periodic search takes a tree; its plan, 482,510, is the optimum and the whole
    program's root proves it (before, the blocks' bound did, in about four times as long)."""
    raw = _generated(3)
    program = _merged_program(raw)
    plan, nodes = periodic_search(program, 60, None, LEAST_COST_OPTIONS)
    assert plan is not None and nodes > 1
    proof = root_proof.attempt(program.model, program.column_values(plan), 30)
    assert proof.proven is not None
    result = solve(loads_scenario(json.dumps(raw)), "min_cost", time_limit=300)
    assert result.status == Status.OPTIMAL
    assert abs(result.objective_value - 482_510.0) <= 1e-6
    assert checker.violations(read_scenario(raw), as_reference(result.allocation)) == []
