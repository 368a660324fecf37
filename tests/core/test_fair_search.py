"""The fair_share search over force totals, piece by piece, against exhaustive enumeration.

`planner.optimise.fair_search` proves fair_share optima by a bound per force
total. Each piece is checked where it could go wrong on its own:

* the troop totals a nation can send equal the enumerated ones (locks,
  floors, ceilings, stand-off units, committed nations);
* the bound at each total never exceeds the best plan with that total, and
  every total a plan can have is a candidate;
* every plan that reaches the bound at a total lies in the search window;
* the whole search equals the plain program on generated scenarios too large
  for brute force (where the plain program still finishes), and keeps its
  statuses under a time limit and a cancel.

The end-to-end optimum against brute force is in test_optimum_vs_brute_force.
"""

from __future__ import annotations

import copy
import threading

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from planner.optimise import fair_bound, fair_columns, fair_search
from planner.optimise.deadline import Deadline
from planner.optimise.program import build_hard_program, enforce, soft_rows
from planner.optimise.solver import solve_model as run
from planner.optimise.troop_totals import open_nations, troop_grain, troop_totals
from planner.rules import violations
from planner.rules.objectives import objective_value, set_objective
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from tests.helpers.brute_force import analyse, nation_options
from tests.helpers.generators import (
    TIGHTENINGS,
    generate,
    independent,
    requirement_heavy,
    tightened,
)
from tests.helpers.scenario_factory import scenarios
from tests.helpers.spec_checker import model_of

TOL = 1e-6

PROPERTY = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _locked_options(scenario: dict, model, index: int) -> list[tuple[int, ...]]:
    """Brute force's choices for one nation that also keep the planner's locks on it."""
    code = model.nations[index].code
    unit_index = {u.id: j for j, u in enumerate(model.units)}
    locks = [
        (unit_index[lk["unit_type"]], lk["count"])
        for lk in scenario.get("locks", [])
        if lk["nation"] == code and lk["unit_type"] in unit_index
    ]
    return [x for x in nation_options(model, index) if all(x[j] == k for j, k in locks)]


@PROPERTY
@given(raw=scenarios())
def test_troop_totals_are_exactly_the_enumerated_ones(raw):
    scenario = parse_scenario(copy.deepcopy(raw))
    grain = troop_grain(scenario)
    if grain == 0:
        return
    model = model_of(raw)
    troops = [u.troops for u in model.units]
    for i, n in enumerate(model.nations):
        if n.status == "declined":
            continue
        options = _locked_options(raw, model, i)
        want = sorted({sum(t * c for t, c in zip(troops, x, strict=True)) for x in options})
        got = troop_totals(scenario, scenario.nation(n.code), grain).values.tolist()
        assert got == want, f"{n.code}: {got} != {want}"


def _enumerated(raw: dict):
    """The search's candidate totals and the brute-force table; (None, table) if neither applies."""
    scenario = parse_scenario(copy.deepcopy(raw))
    bf = analyse(raw)
    if not bf.hard_feasible or troop_grain(scenario) == 0:
        return None, bf
    found = fair_search.candidates(scenario)
    assert found is not None
    return found, bf


def _plans_by_total(bf, model):
    """Feasible plans of the brute-force table: totals, deployed troops per nation, values."""
    mask = np.ones(bf.rows, dtype=bool)
    for name in bf.soft_names:
        mask &= bf.masks[name]
    troops = np.array([u.troops for u in model.units])
    d = (bf.x[mask] * troops).sum(axis=2)
    return d.sum(axis=1), d, bf.objectives["fair_share"][mask]


@PROPERTY
@given(raw=scenarios())
def test_bound_at_each_total_never_exceeds_its_best_plan(raw):
    found, bf = _enumerated(raw)
    if found is None:
        return
    bound_of = dict(zip(found.totals.tolist(), found.bounds.tolist(), strict=True))
    totals, _, values = _plans_by_total(bf, model_of(raw))
    for total in set(totals.tolist()):
        best = values[totals == total].min()
        assert total in bound_of, f"total {total} has a plan but is not searched"
        assert bound_of[total] <= best + TOL, f"bound {bound_of[total]} > best {best} at {total}"


@PROPERTY
@given(raw=scenarios())
def test_every_plan_that_reaches_the_bound_lies_in_the_window(raw):
    found, bf = _enumerated(raw)
    if found is None:
        return
    model = model_of(raw)
    columns = [i for i, n in enumerate(model.nations) if n.status != "declined"]
    totals, d, values = _plans_by_total(bf, model)
    for total in set(totals.tolist()):
        w = fair_bound.window(found.sets, found.phi, found.max_share, total)
        at = (totals == total) & (values <= w.bound + TOL)
        for plan in d[at][:, columns]:
            assert np.all(plan >= w.low) and np.all(plan <= w.high), (total, plan, w)
        fill_total = w.fill.sum()
        assert fill_total == total or not np.isfinite(w.bound)


@PROPERTY
@given(raw=scenarios())
def test_the_bound_with_the_requirements_never_exceeds_the_best_plan_at_its_total(raw):
    """The master LP's bound at each total, and the Lagrangian bound there with another
    total's multipliers, are at most the brute-force best plan with that total."""
    found, bf = _enumerated(raw)
    if found is None:
        return
    scenario = parse_scenario(copy.deepcopy(raw))
    columns = fair_columns.ColumnBound.build(scenario, found.sets, found.phi)
    if columns is None:
        return
    totals, _, values = _plans_by_total(bf, model_of(raw))
    planned = sorted(set(totals.tolist()))
    multipliers = [m for m in (columns.at(t)[1] for t in planned[:3]) if m is not None]
    for total in planned:
        best = values[totals == total].min()
        bound, _ = columns.at(total)
        assert bound <= best + TOL, f"master bound {bound} > best {best} at {total}"
        for mult in multipliers:
            other = columns.lagrangian(np.array([total]), mult)[0]
            assert other <= best + TOL, f"Lagrangian bound {other} > best {best} at {total}"


# ----------------------------------------------------------- beyond brute force


def _plain_optimum(scenario):
    program = build_hard_program(scenario)
    enforce(program, soft_rows(program))
    set_objective(program, "fair_share")
    outcome = run(program.model, "highs", time_limit=60)
    if not outcome.has_plan:
        return outcome.status, None
    plan = program.allocation(outcome.values)
    return outcome.status, objective_value(scenario, plan, "fair_share")


@pytest.mark.parametrize("how", TIGHTENINGS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_search_equals_the_plain_program(seed, how):
    _assert_search_equals_the_plain_program(parse_scenario(tightened(8, 6, seed, how)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_requirement_heavy_optimum_equals_the_plain_program(seed):
    """Issue 18's requirement-heavy shape: same optimum, and a bound never above it."""
    _assert_search_equals_the_plain_program(parse_scenario(requirement_heavy(16, 6, seed)))


def _assert_search_equals_the_plain_program(scenario) -> None:
    """The search's status and optimum are the plain program's; its bound never above it."""
    status, value = _plain_optimum(scenario)
    assert status in ("optimal", "infeasible"), "the reference did not finish"
    result = solve(scenario, "fair_share", explain=False)
    assert result.status == status
    if value is not None:
        assert abs(result.objective_value - value) <= TOL * max(1.0, value)
        assert result.best_bound is not None and result.best_bound <= value + TOL
        assert not violations(scenario, result.allocation)


def test_the_requirements_bound_settles_most_totals_without_a_solve(monkeypatch):
    """Requirement-heavy 24x10 seed 0: the hull bound leaves 12 force totals below the
    optimum, the bound that sees the requirements 2 (issue 18 item 4); the search uses it
    and still finds the plain program's optimum."""
    scenario = parse_scenario(requirement_heavy(24, 10, 0))
    status, value = _plain_optimum(scenario)
    assert status == "optimal" and value is not None
    found = fair_search.candidates(scenario)
    columns = fair_columns.ColumnBound.build(scenario, found.sets, found.phi)
    assert columns is not None
    raised = columns.tighten(found.totals, found.bounds, value - TOL)
    assert np.all(raised >= found.bounds)
    assert len(found.below(value)) >= 10
    assert int((raised < value - TOL).sum()) <= 2
    used = []
    tighten = fair_columns.ColumnBound.tighten

    def spy(self, *args, **kwargs):
        used.append(self.columns)
        return tighten(self, *args, **kwargs)

    monkeypatch.setattr(fair_columns.ColumnBound, "tighten", spy)
    _assert_search_equals_the_plain_program(scenario)
    assert used, "the search did not use the bound"


def test_a_total_slower_than_the_whole_program_hands_over_to_the_program():
    """`independent` 14x10 seed 0: its first of 12,084 force totals took the whole 20 s
    limit, while the program over every total proves the optimum in under a second.
    With 60 s (a generous margin for a busy machine) the search must now prove it."""
    scenario = parse_scenario(independent(14, 10, 0, "fair_share"))
    status, value = _plain_optimum(scenario)
    assert status == "optimal" and value is not None
    result = solve(scenario, "fair_share", explain=False, time_limit=60)
    assert result.status == "optimal"
    assert abs(result.objective_value - value) <= TOL * max(1.0, value)
    assert result.best_bound is not None and result.best_bound <= value + TOL
    assert not violations(scenario, result.allocation)


def _solves_in_order(monkeypatch) -> list[tuple[str, float | None]]:
    """Record each solve of the search: ("one", its time limit) for one total, ("all",
    its time limit) for every total at once."""
    calls: list[tuple[str, float | None]] = []
    one, every = fair_search._settle_total, fair_search._settle_totals

    def settle_one(model, found, total, bound, best, remaining, searched):
        calls.append(("one", remaining()))
        return one(model, found, total, bound, best, remaining, searched)

    def settle_every(model, totals, best, limit, *rest):
        calls.append(("all", limit))
        return every(model, totals, best, limit, *rest)

    monkeypatch.setattr(fair_search, "_settle_total", settle_one)
    monkeypatch.setattr(fair_search, "_settle_totals", settle_every)
    return calls


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_dense_totals_give_the_first_total_a_short_slice_then_every_total(monkeypatch, seed):
    """`independent` 8x6: unit sizes without a round grain give some 900 totals per nation.
    The first total of seeds 0 and 3 took 5.5-5.7 s (2026-12-03), the program over every
    total 0.2-1.1 s; the old rule gave the first total 2 s before handing over. Seed 1's
    first plan reaches its bound at once (nothing follows); seed 2's first total has no plan
    and leaves 6,903 totals, so the program over every total follows. The optimum is the
    plain program's in every case (no generated property scenario has dense totals)."""
    scenario = parse_scenario(independent(8, 6, seed, "fair_share"))
    found = fair_search.candidates(scenario)
    assert found is not None and fair_search.dense(found)
    status, value = _plain_optimum(scenario)
    assert status == "optimal" and value is not None
    calls = _solves_in_order(monkeypatch)
    result = solve(scenario, "fair_share", explain=False, time_limit=60)
    first, first_limit = calls[0]
    assert first == "one" and first_limit is not None
    assert first_limit <= fair_search.DENSE_FIRST_SECONDS < fair_search.FIRST_TOTAL_SECONDS / 4
    if seed != 1:
        assert calls[1][0] == "all"
    assert result.status == "optimal"
    assert abs(result.objective_value - value) <= TOL * max(1.0, value)
    assert result.best_bound is not None and result.best_bound <= value + TOL
    assert not violations(scenario, result.allocation)


@pytest.mark.parametrize(
    "raw",
    [
        generate(8, 6, 0, "fair_share"),
        generate(40, 24, 1, "fair_share"),
        requirement_heavy(80, 40, 1),
    ],
    ids=["generate 8x6", "generate 40x24", "requirement-heavy 80x40"],
)
def test_round_unit_sizes_start_with_one_total(monkeypatch, raw):
    """Round unit sizes leave tens of totals per nation: the first total keeps its 2 s
    (those settle it in about a second; the program over every total often does not)."""
    scenario = parse_scenario(raw)
    found = fair_search.candidates(scenario)
    assert found is not None and not fair_search.dense(found)
    limits = []

    class Seen(Exception):
        pass

    def first_solve(model, found, total, bound, best, remaining, searched):
        limits.append(remaining())
        raise Seen  # only the first solve matters here

    monkeypatch.setattr(fair_search, "_settle_totals", first_solve)
    monkeypatch.setattr(fair_search, "_settle_total", first_solve)
    with pytest.raises(Seen):
        fair_search.search(scenario, Deadline(60))
    assert limits == [pytest.approx(fair_search.FIRST_TOTAL_SECONDS)]


@pytest.mark.parametrize("size", [(40, 24), (80, 40)])
def test_large_generated_scenarios_are_proven_optimal(size):
    """The plain program stops at a time limit here with a gap; the search proves the optimum."""
    scenario = parse_scenario(generate(*size, 0, "fair_share"))
    result = solve(scenario, "fair_share", time_limit=120)
    assert result.status == "optimal"
    assert result.best_bound == pytest.approx(result.objective_value)
    assert not violations(scenario, result.allocation)
    plain = build_hard_program(scenario)
    enforce(plain, soft_rows(plain))
    set_objective(plain, "fair_share")
    outcome = run(plain.model, "highs", time_limit=5)
    assert outcome.best_bound is None or outcome.best_bound <= result.objective_value + TOL
    if outcome.has_plan:  # no plan of the plain program beats the proven optimum
        assert objective_value(scenario, plain.allocation(outcome.values), "fair_share") >= (
            result.objective_value - TOL
        )


def test_time_limit_gives_a_plan_with_an_honest_gap_or_none():
    scenario = parse_scenario(tightened(24, 16, 0, "requirements"))
    found = fair_search.search(scenario, Deadline(0.2))
    assert found is not None
    assert found.outcome.status in ("optimal", "feasible", "unknown", "infeasible")
    if found.outcome.status == "feasible":
        value = objective_value(scenario, found.allocation, "fair_share")
        assert found.outcome.best_bound is not None and found.outcome.best_bound <= value + TOL
        assert not violations(scenario, found.allocation)


def test_cancel_stops_the_search():
    scenario = parse_scenario(generate(40, 24, 1, "fair_share"))
    cancel = threading.Event()
    cancel.set()
    found = fair_search.search(scenario, cancel=cancel)
    assert found is not None and found.outcome.status == "cancelled"


def test_search_declines_scenarios_without_deployed_units():
    raw = generate(8, 6, 0, "fair_share")
    for unit in raw["unit_types"]:
        unit["deployed"] = False
    for nation in raw["nations"]:
        nation["min_troops"] = 0
    raw["target"] = {"min_troops": 0, "max_troops": 0}
    scenario = parse_scenario(raw)
    assert open_nations(scenario) and fair_search.search(scenario) is None
    result = solve(scenario, "fair_share")
    assert result.status == "optimal" and result.objective_value == 0


def test_a_solver_failure_falls_back_to_the_plain_program(monkeypatch):
    """A HiGHS end that settles nothing must not pass for a settled total."""
    from planner.optimise import fair_model

    def broken(self, *args, **kwargs):
        raise fair_model.SolverTrouble("HiGHS ended with kSolveError")

    scenario = parse_scenario(generate(8, 6, 0, "fair_share"))
    want = solve(scenario, "fair_share").objective_value
    monkeypatch.setattr(fair_model.FairShareModel, "run", broken)
    assert fair_search.search(scenario) is None
    result = solve(scenario, "fair_share")
    assert result.status == "optimal" and result.objective_value == pytest.approx(want)


def test_a_fair_share_off_a_total_by_rounding_noise_keeps_every_optimal_plan_in_the_window():
    """75 * 7.3 / 21.9 is 25.000000000000004: ES's share is its total 25, not a chord past it.

    Before the fix the noise made a chord of slope 1 - 1e-15 look cheaper than
    FR's rising piece, and the window cut off the bound-optimal D = (25, 25, 25, 0).
    """
    raw = {
        "schema": "force-planner/scenario@1",
        "name": "rounding noise",
        "target": {"min_troops": 0, "max_troops": 100000},
        "unit_types": [{"id": "bn", "name": "bn", "personnel": 25}],
        "nations": [
            {"code": "FR", "max_troops": 1000, "offers": {"bn": 1}, "burden_weight": 0.0},
            {"code": "NL", "max_troops": 1000, "offers": {"bn": 1}, "burden_weight": 7.3},
            {"code": "ES", "max_troops": 1000, "offers": {"bn": 2}, "burden_weight": 7.3},
            {"code": "IT", "max_troops": 1000, "offers": {}, "burden_weight": 7.3},
        ],
    }
    found, bf = _enumerated(raw)
    w = fair_bound.window(found.sets, found.phi, found.max_share, 75)
    plan = np.array([25, 25, 25, 0])
    assert w.bound == pytest.approx(50.0)
    assert np.all(plan >= w.low) and np.all(plan <= w.high), (w.low, w.high)
    assert bf.optimum("fair_share") == pytest.approx(solve(parse_scenario(raw)).objective_value)
