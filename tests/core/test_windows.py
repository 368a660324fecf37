"""The periodic start bettered window by window (planner/optimise/windows.py).

From any plan of a tiny random scenario over several periods (here the dearest
one HiGHS finds), the windows return a plan that keeps every rule (the
independent checker), worth no more than the start and no less than the
brute-force optimum; on generated 18 x 17 x 3 x 8 seed 1, whose optimum is not
periodic, least cost is now proven.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from planner.optimise import windows
from planner.scenario.io import load_scenario, loads_scenario
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from planner.status import Status
from tests.helpers.reference import brute_force as bf
from tests.helpers.reference import checker
from tests.helpers.reference.scenario import read_scenario
from tests.helpers.reference.strategies import exhaustive_settings
from tests.helpers.several_periods import SEVERAL, as_reference, dearest_plan, least_cost_program


@settings(exhaustive_settings(60), suppress_health_check=list(HealthCheck))
@given(raw=SEVERAL)
def test_windows_keep_every_rule_and_never_worsen_the_plan(raw):
    scenario = parse_scenario(raw)
    ref = read_scenario(raw)
    answer = bf.brute_optimum(bf.enumerate_plans(ref))
    program = least_cost_program(scenario)
    start = dearest_plan(program)
    if answer.status != "optimal":
        assert not start.has_plan
        return
    assert start.values is not None
    before = program.model.objective_value(list(start.values))
    bettered = windows.improve(program, list(start.values), 10)
    after = program.model.objective_value(bettered)
    assert after <= before + 1e-6 * max(1.0, abs(before))
    assert after >= answer.min_cost - 1e-6 * max(1.0, abs(answer.min_cost))
    assert checker.violations(ref, as_reference(program.allocation(bettered))) == []


def test_the_windows_start_at_the_last_period_before_full_capability():
    program = least_cost_program(load_scenario("resources/scenarios/2026-01-paris.json"))
    # rotation 3, full from quarter 3: four quarters at a time, from quarters 2-5
    assert windows.windows(program) == [
        (2, 3, 4, 5),
        (1, 2, 3, 4),
        (3, 4, 5, 6),
        (4, 5, 6, 7),
        (5, 6, 7, 8),
    ]


def test_generated_seed_1_least_cost_is_proven():
    """Its optimum (396,615, the root bound) is not periodic: before the windows the solve
    stopped at 30 s with 396,655 (docs/performance.md)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate_s2 import generated_in_time

    raw = generated_in_time(18, 17, 3, 8, 1, "min_cost")
    result = solve(loads_scenario(json.dumps(raw)), "min_cost", time_limit=300)
    assert result.status == Status.OPTIMAL
    assert abs(result.objective_value - 396_615.0) <= 1e-6
    assert checker.violations(read_scenario(raw), as_reference(result.allocation)) == []
