"""A time limit limits the whole solve, and the program grows linearly with the nations.

The program used to put every nation's units into each share and
fair_share row, so building it grew with the square of the nations and ran
outside the time limit: `solve --time-limit 2` took minutes at 1,000
nations. These tests pin the linear size (nonzeros at n and 4n nations) and
that a short limit is kept, with one line saying why when the program could
not even be built.
"""

from __future__ import annotations

import json
import threading
import time

import pytest

from planner.explain.diagnose import diagnose
from planner.linear import LinearModel
from planner.optimise.deadline import Deadline
from planner.optimise.fair_model import FairShareModel
from planner.optimise.program import add_elastic, build_hard_program, enforce, soft_rows
from planner.optimise.solver import HighsSession
from planner.rules import names
from planner.rules.objectives import set_objective
from planner.scenario.io import default_scenario
from planner.scenario.validation import parse_scenario
from planner.solve import solve
from tests.helpers.cli_support import run as run_cli
from tests.helpers.generators import generate

UNITS = 10


def _nonzeros(model: LinearModel) -> int:
    """Coefficients of every row and of the objective: what is handed to the solver."""
    return model.num_nonzeros + sum(1 for c in model.col_cost if c)


def _solve_program(scenario, objective: str) -> LinearModel:
    program = build_hard_program(scenario)
    enforce(program, soft_rows(program))
    set_objective(program, objective)
    return program.model


def _elastic_program(scenario, objective: str) -> LinearModel:
    program = build_hard_program(scenario)
    program.model.set_objective(add_elastic(program, soft_rows(program)))
    set_objective(program, objective)
    return program.model


def _fair_search_program(scenario, objective: str) -> LinearModel:
    return FairShareModel(scenario, None).program.model


@pytest.mark.parametrize("objective", ["min_cost", "fair_share"])
@pytest.mark.parametrize("build", [_solve_program, _elastic_program, _fair_search_program])
def test_program_grows_linearly_with_the_nations(build, objective):
    """4x the nations gives about 4x the coefficients (quadratic rows gave 14x and more)."""
    small, large = (parse_scenario(generate(n, UNITS, 0, objective)) for n in (40, 160))
    ratio = _nonzeros(build(large, objective)) / _nonzeros(build(small, objective))
    assert ratio < 6, f"{ratio:.1f}x the coefficients for 4x the nations"


def test_total_is_one_column_with_its_defining_row():
    """Each share row holds the nation's units and one TOTAL coefficient, nothing else.

    TOTAL is an integer column: HiGHS's cut separation aggregates rows through
    continuous columns, and a continuous TOTAL (in every share row) made one
    round of root cuts at 1,000 nations take 35-40 s, past a 10 s limit.
    """
    scenario = parse_scenario(generate(40, UNITS, 0))
    program = build_hard_program(scenario)
    model = program.model
    (total,) = program.total_col.values()
    assert model.col_integer[total]
    definition = model.row_entries[model.rows["total"]]
    in_target = sum(len(program.in_target(n.code, 1).terms) for n in scenario.nations)
    assert len(definition) == in_target + 1
    for row in soft_rows(program):
        if row.name.startswith("share."):
            code = row.name.split(".")[1]
            assert set(row.expr.terms) == set(program.in_target(code, 1).terms) | {total}


def test_a_deadline_that_passes_while_building_gives_unknown_with_one_reason():
    """The program is not built past the limit, and the planner reads why no plan came."""
    scenario = default_scenario()
    result = solve(scenario, time_limit=1e-9)
    assert result.status == "unknown"
    assert result.allocation == {}
    assert any("ran out while building" in note for note in result.notes), result.notes
    assert result.exit_code == 3


def test_the_clock_interrupt_reads_as_the_time_limit_not_a_cancel():
    """HiGHS stopped by the session's own clock is a time limit (unknown), not "cancelled".

    HiGHS checks its own limit only between rounds of root cuts, so the
    interrupt callbacks check the clock too; here the clock has no time at all.
    """
    scenario = parse_scenario(generate(80, 40, 0))
    program = build_hard_program(scenario)
    enforce(program, soft_rows(program))
    set_objective(program, "min_cost")
    cancel = threading.Event()  # never set: the interrupt is the clock's
    session = HighsSession(program.model, cancel)
    assert session.run(time_limit=0.0).status in ("unknown", "feasible")
    cancel.set()
    assert session.run(time_limit=None).status == "cancelled"


def test_a_run_stopped_part_way_does_not_stop_the_next_run_of_the_same_model():
    """HiGHS keeps a callback's interrupt flag across runs (ERGO-Code/HiGHS#1761): once a run
    was stopped, every later run of that model ended at its first callback, so a fair_share
    search on 80 x 40 gave up with a 1.2% gap after 5 s of a 60 s limit."""
    scenario = parse_scenario(generate(24, 16, 0))
    program = build_hard_program(scenario)
    enforce(program, soft_rows(program))
    set_objective(program, "min_cost")
    cancel = threading.Event()
    session = HighsSession(program.model, cancel)

    def cancel_part_way(event: object) -> None:
        cancel.set()

    session.highs.cbMipInterrupt += cancel_part_way
    stopped = session.run()
    session.highs.cbMipInterrupt -= cancel_part_way
    cancel.clear()
    assert stopped.status == "cancelled"
    again = session.run()
    fresh = HighsSession(program.model).run()
    assert again.status == fresh.status == "optimal"
    assert again.values is not None and fresh.values is not None
    assert program.model.objective_value(again.values) == pytest.approx(
        program.model.objective_value(fresh.values)
    )


def test_a_run_stopped_by_its_limit_leaves_the_next_run_of_the_session_its_own_time():
    """HiGHS keeps the interrupt flag from one run to the next: a session's run after one
    stopped by its limit used to stop at its first callback with the start in hand (Pareto
    and the force-total search run many solves on one session, each with the time limit).
    HiGHS 1.16 holds its own time_limit per run (checked: 2 s limits on one instance ran
    2.0-2.9 s each while getRunTime summed them), so no offset is added to it."""
    scenario = parse_scenario(generate(12, 8, 0))
    program = build_hard_program(scenario)
    enforce(program, soft_rows(program))
    set_objective(program, "min_cost")
    session = HighsSession(program.model)
    assert session.run(time_limit=0.0).status in ("unknown", "feasible")
    assert session.run(time_limit=0.0).status in ("unknown", "feasible")
    assert session.run(time_limit=3600.0).status == "optimal"
    assert session.run(time_limit=None).status == "optimal"


def test_diagnosis_keeps_within_the_deadline_and_says_it_is_incomplete():
    """An explanation started with no time left is marked incomplete, not run unbounded."""
    data = generate(40, UNITS, 0)
    data["target"]["min_troops"] = 10**8  # no plan reaches it
    data["target"]["max_troops"] = 10**8
    diagnosis = diagnose(parse_scenario(data), "min_cost", deadline=Deadline(0.0))
    assert not diagnosis.complete
    assert diagnosis.closest is None


def test_infeasible_scenario_still_explained_within_a_generous_limit():
    data = generate(40, UNITS, 0)
    data["target"]["min_troops"] = data["target"]["max_troops"] = 10**8
    result = solve(parse_scenario(data), time_limit=120)
    assert result.status == "infeasible"
    assert any(u.constraint == names.TARGET_MIN for u in result.unmet)


@pytest.mark.slow
def test_cli_time_limit_holds_on_a_thousand_nations(tmp_path):
    """`solve --time-limit 2` at 1,000 nations x 40 unit types ends well within a minute.

    Before the program was linear this took about four minutes and 2 GB. The
    bound is 30 times the limit: a busy machine slows it, but not that much.
    """
    path = tmp_path / "big.json"
    path.write_text(json.dumps(generate(1000, 40, 0)))
    start = time.perf_counter()
    done = run_cli("solve", path, "--time-limit", "2", timeout=300)
    seconds = time.perf_counter() - start
    assert seconds < 60, f"took {seconds:.0f} s"
    assert done.returncode in (0, 3), done.stderr
    if done.returncode == 3:  # no plan: one line says why
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    else:
        assert "Status:   " in done.stdout
