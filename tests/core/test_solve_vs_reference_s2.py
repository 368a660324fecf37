"""The solve of scenario@2 against the independent reference's exhaustive enumeration.

Random tiny scenarios with every Part II field (tests/helpers/reference/
strategies.py): the status is optimal exactly when some plan meets every
rule, with the brute-force optimum's value, for both objectives, and the plan
breaks no rule by the reference checker. The periodic start
(planner/optimise/periodic.py) is checked on its own: its plan breaks no
rule, is no better than the optimum, and leaves the program as it was.
"""

from __future__ import annotations

import numpy as np
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from planner.optimise.periodic import periodic_plan, tie_pairs
from planner.optimise.program import build_hard_program, enforce, soft_rows
from planner.rules.objectives import objective_value, set_objective
from planner.scenario.evaluate import evaluate
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from tests.helpers.reference import brute_force as bf
from tests.helpers.reference import checker
from tests.helpers.reference.scenario import read_scenario
from tests.helpers.reference.strategies import exhaustive_settings, scenarios

OBJECTIVES = ("min_cost", "fair_share")


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def as_reference(plan) -> dict:  # type: ignore[no-untyped-def]
    return {(c.nation, c.unit, c.area, c.period): v for c, v in plan.items() if v}


def _periodic_cases():
    """Scenarios where some full period repeats a rotation cycle later (a tie exists)."""
    return scenarios(budget=20_000).filter(lambda raw: raw.get("periods", {}).get("count", 1) >= 2)


@exhaustive_settings(60)
@given(raw=scenarios(budget=20_000))
def test_optimum_equals_brute_force_both_objectives(raw):
    scenario = parse_scenario(raw)
    ref = read_scenario(raw)
    answer = bf.brute_optimum(bf.enumerate_plans(ref))
    for objective in OBJECTIVES:
        result = solve(scenario, objective)
        assert (str(result.status) == "optimal") == (answer.status == "optimal"), objective
        if answer.status != "optimal":
            continue
        want = answer.min_cost if objective == "min_cost" else answer.fair_share
        assert close(result.objective_value, want), (objective, result.objective_value, want)
        plan = as_reference(result.allocation)
        assert checker.violations(ref, plan) == []


@exhaustive_settings(60)
@given(raw=_periodic_cases())
def test_periodic_plan_keeps_every_rule_and_the_program(raw):
    scenario = parse_scenario(raw)
    ref = read_scenario(raw)
    answer = bf.brute_optimum(bf.enumerate_plans(ref))
    for objective in OBJECTIVES:
        program = build_hard_program(scenario)
        enforce(program, soft_rows(program))
        set_objective(program, objective)
        assume(tie_pairs(program))
        before = (
            list(program.model.row_names),
            list(program.model.row_lower),
            list(program.model.row_upper),
            [dict(e) for e in program.model.row_entries],
            dict(program.model.rows),
        )
        plan = periodic_plan(program, None)
        after = (
            program.model.row_names,
            program.model.row_lower,
            program.model.row_upper,
            program.model.row_entries,
            program.model.rows,
        )
        assert before == after
        event("periodic plan" if plan is not None else "no periodic plan")
        if plan is None:
            continue
        assert answer.status == "optimal"  # a periodic plan is a plan
        ours = as_reference(plan)
        assert checker.violations(ref, ours) == []
        cell_of = {col: key for key, col in program.x.items()}
        for a, b in tie_pairs(program):  # the same count a rotation cycle later
            assert plan.get(cell_of[a], 0) == plan.get(cell_of[b], 0)
        value = checker.objective_value(ref, ours, objective)
        want = answer.min_cost if objective == "min_cost" else answer.fair_share
        assert value >= want - 1e-6 * max(1.0, abs(want))


def test_a_scenario_with_one_period_has_no_ties():
    from planner.scenario.io import default_scenario

    program = build_hard_program(default_scenario())
    assert tie_pairs(program) == []
    assert periodic_plan(program, None) is None


@settings(max_examples=200, derandomize=True, database=None)
@given(
    sizes=st.lists(
        st.tuples(st.sampled_from([100, 200, 300, 500, 700]), st.integers(0, 3)), max_size=3
    ),
    fair=st.floats(0, 3000),
)
def test_the_held_ground_chord_is_below_every_deviation_and_touches_its_ends(sizes, fair):
    from planner.optimise.fair_periods import chord
    from planner.rules.statements import bitset_sums

    limit = 3000
    reach = bitset_sums(sizes, limit)
    sums = np.array([d for d in range(limit + 1) if reach >> d & 1])
    cut = chord(sums, fair)
    if cut is None:
        assert fair in sums or fair > sums.max()
        return
    slope, constant = cut
    line = constant + slope * sums
    assert np.all(line <= np.abs(sums - fair) + 1e-9)
    assert np.sum(np.isclose(line, np.abs(sums - fair))) >= 2


@exhaustive_settings(40)
@given(raw=_periodic_cases())
def test_holding_the_ground_force_keeps_every_rule_and_never_worsens(raw):
    from planner.optimise.fair_periods import polish

    scenario = parse_scenario(raw)
    start = solve(scenario, "min_cost", explain=False)
    assume(start.has_plan)
    ref = read_scenario(raw)
    answer = bf.brute_optimum(bf.enumerate_plans(ref))
    program = build_hard_program(scenario)
    enforce(program, soft_rows(program))
    set_objective(program, "fair_share")
    rows = len(program.model.row_names)
    bounds = (list(program.model.col_lower), list(program.model.col_upper))
    found = polish(program, start.allocation, None)
    assert len(program.model.row_names) == rows
    assert (program.model.col_lower, program.model.col_upper) == bounds
    assert found is not None  # the start is a plan of the held program
    ours = as_reference(found)
    assert checker.violations(ref, ours) == []
    assert evaluate(scenario, found).ground_at == evaluate(scenario, start.allocation).ground_at
    value = checker.objective_value(ref, ours, "fair_share")
    assert value <= objective_value(scenario, start.allocation, "fair_share") + 1e-6
    assert value >= answer.fair_share - 1e-6 * max(1.0, answer.fair_share)


def _periodic_efforts(monkeypatch):  # type: ignore[no-untyped-def]
    """The heuristic effort of every HiGHS run of a periodic program (it has tie rows)."""
    from planner.optimise.solver import HighsSession

    seen = []
    run = HighsSession.run

    def recording(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if any(name.startswith("periodic.") for name in self.model.row_names):
            seen.append(self.highs.getOptionValue("mip_heuristic_effort")[1])
        return run(self, *args, **kwargs)

    monkeypatch.setattr(HighsSession, "run", recording)
    return seen


def test_least_cost_searches_its_periodic_start_with_more_heuristic_effort(monkeypatch):
    """Least cost's periodic search runs with periodic.LEAST_COST_OPTIONS (measured to find
    the Paris default's periodic optimum in fewer nodes); a plain periodic search keeps
    HiGHS's defaults (fair_share's start)."""
    from planner.optimise import periodic
    from planner.scenario.io import load_scenario

    effort = dict(periodic.LEAST_COST_OPTIONS)["mip_heuristic_effort"]
    assert effort != 0.05  # HiGHS's default
    seen = _periodic_efforts(monkeypatch)
    scenario = load_scenario("resources/scenarios/2026-01-paris.json")
    solve(scenario, "min_cost", time_limit=2.0, explain=False)
    assert seen and set(seen) == {effort}
    seen.clear()
    periodic.periodic_search(build_hard_program(scenario), 0.5)
    assert seen == [0.05]
