"""Stability: the fewest units moved, then the best objective, against brute force."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from planner.analyses.stability import reoptimise_stable
from planner.scenario.io import default_scenario
from planner.scenario.plan import cell
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from tests.helpers.brute_force import feasible_plans
from tests.helpers.cli_support import run
from tests.helpers.scenario_factory import scenarios
from tests.helpers.spec_checker import (
    hard_violations,
    model_of,
    objective_value,
    plan_of,
    soft_satisfied,
)


def _moved(before, after):
    cells = set(before) | set(after)
    return sum(abs(after.get(c, 0) - before.get(c, 0)) for c in cells)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=scenarios(max_nations=3, max_units=2, max_offer=2),
    current=st.dictionaries(
        st.tuples(
            st.sampled_from(["FR", "UK", "DE", "PL", "IT"]),
            st.sampled_from(["mech_inf_bn", "armd_bn", "arty_bn"]),
        ),
        st.integers(0, 3),
        max_size=4,
    ),
    objective=st.sampled_from(["min_cost", "fair_share"]),
)
def test_fewest_moves_then_best_objective_equal_brute_force(data, current, objective):
    scenario = parse_scenario(data)
    units = {u.id for u in scenario.unit_types}
    codes = {n.code for n in scenario.nations}
    current = {
        cell(scenario, n, u): v for (n, u), v in current.items() if n in codes and u in units
    }
    result = reoptimise_stable(scenario, current, objective)
    by_pair = {(k.nation, k.unit): v for k, v in result.allocation.items()}
    current = {(k.nation, k.unit): v for k, v in current.items()}
    plans = list(feasible_plans(data))
    if result.status == "invalid":
        assert not plans
        return
    if not plans:
        assert result.status == "infeasible"
        return
    assert result.status == "optimal"
    least = min(_moved(current, p.x) for _, p in plans)
    assert result.moved == least == _moved(current, by_pair)
    best = min(objective_value(m, p, objective) for m, p in plans if _moved(current, p.x) == least)
    assert abs(result.objective_value - best) <= 1e-6 * max(1, abs(best))
    model = model_of(data)
    plan = plan_of(model, by_pair)
    assert not hard_violations(model, plan) and all(soft_satisfied(model, plan).values())


def _lower_france(scenario, ceiling):
    nations = tuple(
        dataclasses.replace(n, max_troops=ceiling) if n.code == "FR" else n
        for n in scenario.nations
    )
    return dataclasses.replace(scenario, nations=nations)


def test_a_feasible_current_plan_moves_nothing():
    scenario = default_scenario()
    plan = solve(scenario).allocation
    stable = reoptimise_stable(scenario, plan)
    assert (stable.status, stable.moved, stable.changes) == ("optimal", 0, ())
    assert stable.allocation == plan


def test_a_late_ceiling_cut_moves_few_units_where_a_fresh_solve_reshuffles():
    scenario = default_scenario()
    before = solve(scenario).allocation
    later = _lower_france(scenario, 8000)
    stable = reoptimise_stable(later, before)
    fresh = solve(later)
    assert stable.status == "optimal" and stable.moved <= _moved(before, fresh.allocation)
    assert stable.moved == 6 and _moved(before, fresh.allocation) > 12
    # six units moved from France to the UK reach the fresh optimum itself (30,080.5; the
    # old program stopped at 30,090.5 with the same six moves and called it optimal)
    assert stable.objective_value == pytest.approx(fresh.objective_value)
    moves = {
        c: stable.allocation.get(c, 0) - before.get(c, 0)
        for c in set(before) | set(stable.allocation)
    }
    assert all(d < 0 for c, d in moves.items() if d and c.nation == "FR")
    assert all(d > 0 for c, d in moves.items() if d and c.nation == "UK")
    assert {c.nation for c, d in moves.items() if d} == {"FR", "UK"}


def test_the_command_reads_a_result_document_as_the_current_plan(tmp_path):
    scenario = tmp_path / "s.json"
    later = tmp_path / "later.json"
    scenario.write_text(run("default", "2025-02-original").stdout, encoding="utf-8")
    data = json.loads(scenario.read_text())
    for nation in data["nations"]:
        if nation["code"] == "FR":
            nation["max_troops"] = 8000
    later.write_text(json.dumps(data), encoding="utf-8")
    plan = tmp_path / "plan.json"
    plan.write_text(run("solve", scenario, "--json").stdout, encoding="utf-8")
    proc = run("analyse", "stable", later, "--plan", plan, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["units_moved"] == 6 and out["status"] == "optimal"
    text = run("analyse", "stable", later, "--plan", plan)
    assert "6 units moved" in text.stdout and "FR -2 mech_inf_bn" in text.stdout


def test_a_bad_plan_file_is_one_line(tmp_path):
    scenario = tmp_path / "s.json"
    scenario.write_text(run("default", "2025-02-original").stdout, encoding="utf-8")
    bad = tmp_path / "plan.json"
    bad.write_text('{"allocation": [{"nation": "XX", "unit_type": "mech_inf_bn", "count": 1}]}')
    proc = run("analyse", "stable", scenario, "--plan", bad)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert "XX" in proc.stderr and "Traceback" not in proc.stderr


def _old_rows(scenario, objective, after=None):
    """The rows as analyse_stability made them before it shared one program: per nation a
    program of its own for the stable re-plan, and a fresh solve of its own."""
    from planner.analyses.participation import withdrawn
    from planner.analyses.stability import fixed_program, leave_after
    from planner.optimise.solver import solve_model
    from planner.rules.objectives import objective_value as value_of
    from planner.rules.objectives import set_objective

    base = solve(scenario, objective).allocation
    codes = [
        n.code for n in scenario.nations if any(c for k, c in base.items() if k.nation == n.code)
    ]
    rows = []
    for code in codes:
        if after is None:
            later = withdrawn(scenario, [code])
            stable = reoptimise_stable(later, base, objective)
            fresh = solve(later, objective, explain=False)
            fresh_plan = fresh.allocation if fresh.has_plan else None
        else:
            later = leave_after(scenario, code)
            stable = reoptimise_stable(later, base, objective, under_way=after, leaving=code)
            program = fixed_program(later, base, after, code, "fresh")
            set_objective(program, objective)
            outcome = solve_model(program.model)
            fresh_plan = program.allocation(outcome.values) if outcome.has_plan else None
        rows.append(
            (
                code,
                stable.status,
                stable.moved if stable.has_plan else None,
                stable.objective_value if stable.has_plan else None,
                None if fresh_plan is None else value_of(later, fresh_plan, objective),
                None if fresh_plan is None else _moved(base, fresh_plan),
            )
        )
    return base, rows


def _rows_match(new, old):
    assert [r.nation for r in new] == [o[0] for o in old]
    for row, (_, status, moved, value, fresh_value, _) in zip(new, old, strict=True):
        assert (row.status, row.moved_stable) == (status, moved), row.nation
        for got, want in ((row.value_stable, value), (row.value_fresh, fresh_value)):
            assert (got is None) == (want is None), row.nation
            assert want is None or got == pytest.approx(want, rel=1e-9, abs=1e-9), row.nation


DEFAULT_AND_GENERATED = [
    ("default", "min_cost"),
    ("default", "fair_share"),
    (1, "min_cost"),
    (3, "fair_share"),
]


@pytest.mark.parametrize(("seed", "objective"), DEFAULT_AND_GENERATED)
def test_late_withdrawals_on_one_program_match_the_old_way(seed, objective):
    """Every stable figure is the old way's (a program and solves per nation); the fresh
    re-plan is the withdrawal analysis's row for the nation (its units moved included)."""
    from benchmarks.generate import generate
    from planner.analyses.stability import analyse_stability
    from planner.analyses.withdrawal import analyse_withdrawal

    scenario = default_scenario() if seed == "default" else parse_scenario(generate(8, 6, seed))
    base, old = _old_rows(scenario, objective)
    analysis = analyse_stability(scenario, objective)
    _rows_match(analysis.rows, old)
    withdrawal = {r.nation: r for r in analyse_withdrawal(scenario, objective).rows}
    for row in analysis.rows:
        fresh = withdrawal[row.nation]
        assert row.moved_fresh == (_moved(base, fresh.allocation) if fresh.feasible else None)
        if row.moved_stable is not None:
            assert row.moved_stable <= row.moved_fresh
    assert any(r.moved_stable is not None for r in analysis.rows)


@pytest.mark.parametrize("after", [1, 2])
def test_leaving_after_a_period_on_one_program_per_nation_matches_the_old_way(after):
    """Over periods every figure is the old way's, the fresh re-plan's units moved too."""
    from pathlib import Path

    from planner.analyses.stability import analyse_stability
    from planner.scenario.io import load_scenario

    example = Path(__file__).parents[1] / "helpers" / "reference" / "examples"
    scenario = load_scenario(example / "small-space-time.json")
    _, old = _old_rows(scenario, scenario.objective, after)
    analysis = analyse_stability(scenario, after=after)
    _rows_match(analysis.rows, old)
    assert [r.moved_fresh for r in analysis.rows] == [o[5] for o in old]
    assert any(r.moved_stable is not None for r in analysis.rows)


# ------------------------------------------------------------ over periods: a nation leaves after t


def _leave_after_cases():
    from tests.helpers.reference.strategies import scenarios as s2_scenarios

    return s2_scenarios(budget=3_000)


@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
@given(raw=_leave_after_cases(), data=st.data())
def test_leaving_after_a_period_moves_the_fewest_units_of_every_plan(raw, data):
    """Against every plan of the reference enumeration: periods up to t stand, N gives nothing
    after t, every rule holds, and no such plan moves fewer units."""
    import numpy as np

    from planner.analyses.stability import leave_after
    from planner.scenario.io import scenario_to_dict
    from tests.helpers.reference import brute_force as bf
    from tests.helpers.reference import checker
    from tests.helpers.reference.scenario import read_scenario

    scenario = parse_scenario(raw)
    assume(scenario.periods.count >= 2)
    base = solve(scenario)
    nations = sorted({c.nation for c, v in base.allocation.items() if v})
    assume(base.has_plan and nations)
    code = data.draw(st.sampled_from(nations))
    after = data.draw(st.integers(1, scenario.periods.count - 1))
    later = leave_after(scenario, code)
    stable = reoptimise_stable(later, base.allocation, under_way=after, leaving=code)
    ref = read_scenario(scenario_to_dict(later))
    e = bf.enumerate_plans(ref)
    current = {(c.nation, c.unit, c.area, c.period): v for c, v in base.allocation.items() if v}
    best = None
    ok = e.hard.copy()
    for s in e.soft:
        ok &= s.holds
    for i in np.flatnonzero(ok):
        plan = {k: v for k, v in e.plan(int(i)).items() if v}
        if any(plan.get(k, 0) != v for k, v in current.items() if k[3] <= after):
            continue
        if any(k[3] <= after and v != current.get(k, 0) for k, v in plan.items()):
            continue
        if any(k[0] == code and k[3] > after for k in plan):
            continue
        moved = sum(abs(plan.get(k, 0) - current.get(k, 0)) for k in set(plan) | set(current))
        best = moved if best is None else min(best, moved)
    if best is None:
        event("no plan once the nation leaves")
        assert not stable.has_plan and stable.status == "infeasible"
        return
    event("compared with every plan")
    assert stable.status == "optimal" and stable.moved == best
    mine = {(c.nation, c.unit, c.area, c.period): v for c, v in stable.allocation.items() if v}
    assert checker.violations(ref, mine) == []
    assert all(mine.get(k, 0) == v for k, v in current.items() if k[3] <= after)
    assert not any(k[0] == code and k[3] > after for k in mine)


def test_leaving_after_a_period_on_the_worked_example_through_the_cli():
    from pathlib import Path

    examples = Path(__file__).parents[1] / "helpers" / "reference" / "examples"
    example = examples / "small-space-time.json"
    done = run("analyse", "stability", str(example), "--after", "2", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["leaves_after_period"] == 2
    rows = {r["nation"]: r for r in document["late_withdrawals"]}
    for row in rows.values():
        if row["moved_stable"] is not None:
            assert row["moved_stable"] <= row["moved_fresh"]
    done = run("analyse", "stability", str(example), "--after", "3")
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1
    assert "after must be a period from 1 to 2" in done.stderr


def test_the_moves_are_records_and_the_changes_keep_their_wording():
    """One home for what moves: records (ids, before, after) that the CLI/JSON strings read."""
    from pathlib import Path

    from planner.analyses.stability import leave_after
    from planner.scenario.io import load_scenario

    example = Path(__file__).parents[1] / "helpers" / "reference" / "examples"
    scenario = load_scenario(example / "small-space-time.json")
    base = solve(scenario)
    stable = reoptimise_stable(
        leave_after(scenario, "NL"), base.allocation, under_way=1, leaving="NL"
    )
    assert stable.status == "optimal" and stable.moved == 4
    assert stable.changes == (  # the wording `analyse stable` printed before the records
        "NL -1 gbad_bty in ua_west @2",
        "NL -1 inf_bn in ua_kyiv @3",
        "UK +1 inf_bn in ua_kyiv @2",
        "UK +1 inf_bn in ua_kyiv @3",
    )
    for move in stable.moves:
        assert base.allocation.get(move.cell, 0) == move.before
        assert stable.allocation.get(move.cell, 0) == move.after
    document = stable.to_dict()
    assert document["changes"] == list(stable.changes)
    assert document["moves"][0] == {
        "nation": "NL",
        "unit_type": "gbad_bty",
        "area": "ua_west",
        "period": 2,
        "before": 1,
        "after": 0,
    }
