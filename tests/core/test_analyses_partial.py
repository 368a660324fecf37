"""Cancelled or time-limited analyses say what they cover and never pass a guess off as a fact.

Same class of defect as the odds' biased partial share (issue "Every figure
true", item 2): a time limit's "no answer" is not "no plan", a cancelled
comparison is not a shortfall, and a partial table says it is partial.
"""

from __future__ import annotations

import dataclasses
import threading

from planner.analyses import resolve as resolve_module
from planner.analyses import stability
from planner.analyses.backstop import analyse_backstop
from planner.analyses.pareto import ParetoPoint, analyse_pareto, non_dominated
from planner.analyses.participation import Answer
from planner.analyses.sensitivity import Factor, SensitivityAnalysis, Variant, analyse_sensitivity
from planner.analyses.verdicts import (
    backstop_verdict,
    breaking_nations,
    pareto_verdict,
    sensitivity_verdict,
    withdrawal_verdict,
)
from planner.analyses.withdrawal import analyse_withdrawal
from planner.cli.analyse import render_withdrawal
from planner.optimise.solver import SolveOutcome
from planner.scenario.io import default_scenario
from planner.solve import solve


def cancel_after(units: int) -> tuple[threading.Event, object]:
    """A cancel event, and a progress callback that sets it once `units` of work are done."""
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= units:
            cancel.set()

    return cancel, progress


def test_a_withdrawal_the_time_limit_left_undecided_does_not_break_the_force(monkeypatch):
    solve_set = resolve_module.ParticipationModel.solve

    def time_limit_on_de(self, absent, start=None):
        if absent == frozenset({"DE"}):
            return Answer("unknown")
        return solve_set(self, absent, start)

    monkeypatch.setattr(resolve_module.ParticipationModel, "solve", time_limit_on_de)
    analysis = analyse_withdrawal(default_scenario(), workers=1)
    de = next(row for row in analysis.rows if row.nation == "DE")
    assert de.undecided and not de.breaks and "DE" not in breaking_nations(analysis)
    verdict = withdrawal_verdict(analysis)
    assert "left the loss of DE undecided" in verdict
    assert "DE" not in verdict.split("breaks the force")[0]
    assert "any other single loss" not in verdict  # DE's is not known to be covered
    line = next(x for x in render_withdrawal(analysis).splitlines() if x.startswith("DE "))
    assert "undecided" in line and "NO" not in line and "no plan meets" not in line


def test_a_cancelled_withdrawal_keeps_what_it_answered_and_names_the_rest():
    # cancelled once the baseline is solved: the rows whose hand-over holds are answered, the
    # rest (Germany's: no other nation offers one more headquarters) are left unchecked
    cancel, progress = cancel_after(1)
    analysis = analyse_withdrawal(default_scenario(), workers=1, cancel=cancel, progress=progress)
    assert not analysis.complete and analysis.unchecked and not analysis.feasibility_complete
    full = analyse_withdrawal(default_scenario(), workers=1)
    assert {r.nation for r in analysis.rows} | set(analysis.unchecked) == {
        r.nation for r in full.rows
    }
    for row in analysis.rows:  # each row kept is the full run's row, or its feasibility
        whole = next(r for r in full.rows if r.nation == row.nation)
        if row.cost_settled:
            assert row == whole
        else:
            assert row.feasible and whole.feasible and row.objective_value is None
    verdict = withdrawal_verdict(analysis)
    assert f"{len(analysis.rows)} of the {len(full.rows)} nations" in verdict
    assert "not checked: " + analysis.unchecked[0] in verdict
    assert "any other single loss" not in verdict
    assert analysis.to_dict()["unchecked"] == list(analysis.unchecked)


def test_a_withdrawal_cut_in_its_cost_pass_keeps_every_feasibility_answer():
    full = analyse_withdrawal(default_scenario(), workers=1, cancel=threading.Event())
    assert full.feasibility_units > 0  # a run that can be cut settles feasibility first
    assert full.complete and full.feasibility_complete and not full.cost_unsettled
    assert full.to_dict()["feasibility_complete"] and full.to_dict()["cost_unsettled"] == []
    cancel, progress = cancel_after(1 + full.feasibility_units + 2)  # two rows costed
    analysis = analyse_withdrawal(default_scenario(), workers=1, cancel=cancel, progress=progress)
    assert not analysis.complete and analysis.feasibility_complete and not analysis.unchecked
    assert analysis.cost_unsettled  # some rows have a plan but no cost yet
    assert breaking_nations(analysis) == breaking_nations(full)
    for row in analysis.rows:
        whole = next(r for r in full.rows if r.nation == row.nation)
        assert row.feasible == whole.feasible and row.breaks == whole.breaks
        if row.cost_settled:
            assert row == whole
        else:
            assert row.objective_value is None and row.reason == "cost not settled in the time"
    doc = analysis.to_dict()
    assert doc["cost_unsettled"] == list(analysis.cost_unsettled)
    assert [r["cost_settled"] for r in doc["withdrawal"]] == [r.cost_settled for r in analysis.rows]
    verdict = withdrawal_verdict(analysis)
    assert "not checked" not in verdict and "was not settled in the time" in verdict
    assert verdict.split(" The cost without")[0] == withdrawal_verdict(full)
    line = next(
        x
        for x in render_withdrawal(analysis).splitlines()
        if x.startswith(analysis.cost_unsettled[0] + " ")
    )
    assert "yes" in line and "cost not settled in the time" in line


def test_a_withdrawal_nobody_can_cut_short_solves_each_nation_once():
    """Without a time limit or Cancel no first pass is run: the same rows, fewer solves."""
    uncut = analyse_withdrawal(default_scenario(), workers=1)
    cuttable = analyse_withdrawal(default_scenario(), workers=1, cancel=threading.Event())
    assert uncut.feasibility_units == 0 and cuttable.feasibility_units > 0
    assert uncut.rows == cuttable.rows and uncut.complete and cuttable.complete
    assert uncut.work.solves < cuttable.work.solves


def test_a_sensitivity_variant_the_time_limit_left_undecided_does_not_break_the_force():
    factors = [
        Factor("ceiling", "FR", 9000, Variant(7200, "unknown"), Variant(10800, "optimal", 95.0)),
        Factor("ceiling", "UK", 8000, Variant(6400, "infeasible"), Variant(9600, "optimal", 90.0)),
        Factor(
            "ceiling", "DE", 4000, Variant(3200, "optimal", 101.0), Variant(4800, "optimal", 99)
        ),
    ]
    analysis = SensitivityAnalysis(
        default_scenario(), "min_cost", 0.2, 1, "optimal", 100.0, factors
    )
    fr, uk, de = factors
    assert not fr.breaks and fr.undecided and uk.breaks and not de.undecided
    assert [f.subject for f in analysis.ranked()] == ["UK", "DE", "FR"]  # undecided last
    verdict = sensitivity_verdict(analysis)
    assert "no plan when changing UK ceiling;" in verdict
    assert "FR ceiling undecided" in verdict and "FR ceiling (" not in verdict
    doc = analysis.to_dict()["factors"]
    assert [(f["subject"], f["breaks_force"], f["undecided"]) for f in doc] == [
        ("UK", True, False),
        ("DE", False, False),
        ("FR", False, True),
    ]


def test_a_cancelled_sensitivity_says_how_much_it_covers():
    cancel, progress = cancel_after(4)  # the baseline and three variants
    analysis = analyse_sensitivity(default_scenario(), cancel=cancel, progress=progress)
    assert analysis.cancelled and 0 < len(analysis.factors) < analysis.planned
    assert sensitivity_verdict(analysis).startswith(
        f"Partial (cancelled): {len(analysis.factors)} of {analysis.planned} factors varied"
    )
    doc = analysis.to_dict()
    assert doc["complete"] is False and doc["factors_planned"] == analysis.planned


def test_a_backstop_cancelled_before_the_case_without_it_reports_no_shortfall():
    cancel, progress = cancel_after(1)  # after the plan with the backstop
    analysis = analyse_backstop(default_scenario(), cancel=cancel, progress=progress)
    assert analysis.cancelled and analysis.with_result.has_plan
    assert analysis.units == [] and analysis.nations == []  # nothing known to compare
    verdict = backstop_verdict(analysis)
    assert "cancelled before the case without it" in verdict
    assert "no plan meets every rule" not in verdict and "short" not in verdict


def test_a_cancelled_front_says_it_is_partial():
    cancel, progress = cancel_after(3)  # the two ends and one point between
    front = analyse_pareto(default_scenario(), points=8, cancel=cancel, progress=progress)
    assert front.cancelled and 2 <= len(front.points) < 8
    verdict = pareto_verdict(front)
    assert f"Partial (cancelled): {len(front.points)} of the 8 plans" in verdict
    assert front.to_dict()["complete"] is False


def test_an_unproved_point_that_another_beats_is_dropped():
    proved = ParetoPoint(100.0, 50.0, 1000, {})
    beaten = ParetoPoint(110.0, 55.0, 1000, {}, proved=False)
    other = ParetoPoint(120.0, 40.0, 1000, {}, proved=False)
    assert non_dominated([beaten, proved, other]) == [proved, other]


def test_a_stable_re_plan_whose_second_solve_hits_the_time_limit_keeps_the_fewest_moves(
    monkeypatch,
):
    scenario = default_scenario()
    current = dict(solve(scenario).allocation)
    nations = tuple(
        dataclasses.replace(n, max_troops=8000) if n.code == "FR" else n for n in scenario.nations
    )
    later = dataclasses.replace(scenario, nations=nations)
    exact = stability.reoptimise_stable(later, current)
    real_run, calls = stability.run_from, []

    def time_limit_on_second(session, time_limit, start):
        calls.append(1)
        if len(calls) == 2:
            return SolveOutcome("unknown", 0.0), 1
        return real_run(session, time_limit, start)

    monkeypatch.setattr(stability, "run_from", time_limit_on_second)
    limited = stability.reoptimise_stable(later, current)
    assert limited.status == "feasible" and limited.has_plan and limited.moves_proved
    assert limited.allocation and limited.moved == exact.moved  # the fewest moves still hold
    assert "best objective" in limited.reason
