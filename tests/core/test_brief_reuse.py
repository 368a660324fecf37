"""A brief takes finished analyses it would compute the same, and only those (planner.brief.reuse).

The app's analyses dock keeps each analysis's last result; the brief exported after it
should not run them again. What must hold: a result taken gives the brief it would have
written anyway (the same PDF, byte for byte), and a result of another run (other options,
another baseline plan, another scenario, cut short) is never taken.
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from datetime import UTC, datetime

import pytest

import planner.analyses.withdrawal
from planner.analyses.odds import analyse_odds
from planner.analyses.registry import ANALYSES
from planner.analyses.sensitivity import with_ceiling
from planner.brief import render_brief
from planner.brief.analyses import BRIEF_DEFAULT, run_analyses
from planner.brief.make import make_brief
from planner.brief.reuse import reusable, taken
from planner.scenario.io import loads_scenario
from planner.solve import solve
from tests.helpers.generators import generate

WHEN = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
TAKEN = ("withdrawal", "odds", "sensitivity", "backstop", "pareto", "stability")
"""A one-period brief's analyses, every one of which a finished result can stand for."""


@pytest.fixture(scope="module")
def case():
    scenario = loads_scenario(json.dumps(generate(6, 5, 0)))
    baseline = solve(scenario)
    assert baseline.status == "optimal"
    ready = {
        name: ANALYSES[name].core(scenario, None, baseline=baseline, draws=200)
        if name == "odds"
        else ANALYSES[name].core(scenario, None, baseline=baseline)
        for name in BRIEF_DEFAULT
    }
    return scenario, baseline, ready


def _brief(scenario, baseline, analyses) -> bytes:
    """The PDF without its /ID and its metadata's dates (reportlab writes the clock's second
    and a new ID each time, whatever the content)."""
    data, _pages = render_brief(scenario, baseline, generated=WHEN, analyses=analyses)
    data = re.sub(rb"/(CreationDate|ModDate) \(D:[0-9]+[^)]*\)", b"", data)
    return re.sub(rb"/ID\s*\[<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\]", b"", data)


def test_the_results_taken_give_the_brief_it_would_have_written(case):
    scenario, baseline, ready = case
    options = {"odds": {"draws": 200}}
    fresh = run_analyses(scenario, None, BRIEF_DEFAULT, baseline, options=options, workers=1)
    reused = run_analyses(
        scenario, None, BRIEF_DEFAULT, baseline, options=options, workers=1, ready=ready
    )
    assert reused.reused == TAKEN
    assert all(reused.results[name] is ready[name] for name in TAKEN)
    assert list(reused.results) == list(BRIEF_DEFAULT)  # sections keep their order
    assert fresh.reused == ()
    assert _brief(scenario, baseline, reused) == _brief(scenario, baseline, fresh)


def test_a_taken_analysis_is_not_run_again(case, monkeypatch):
    scenario, baseline, ready = case
    ran: list[str] = []
    real = planner.analyses.withdrawal.analyse_withdrawal

    def counted(*args, **kwargs):
        ran.append("withdrawal")
        return real(*args, **kwargs)

    monkeypatch.setattr(planner.analyses.withdrawal, "analyse_withdrawal", counted)
    names = ("withdrawal", "stability")
    only = {"withdrawal": ready["withdrawal"]}
    done = run_analyses(scenario, None, names, baseline, workers=1, ready=only)
    assert ran == [] and done.reused == ("withdrawal",)  # stability ran, on that withdrawal
    done = run_analyses(scenario, None, names, baseline, workers=1)
    assert ran == ["withdrawal"] and done.reused == ()


def test_a_result_of_another_run_is_never_taken(case):
    scenario, baseline, ready = case
    objective = scenario.objective
    odds = ready["odds"]
    assert reusable("odds", odds, scenario, objective, baseline, {"draws": 200})
    assert not reusable("odds", odds, scenario, objective, baseline, {"draws": 1000})
    assert not reusable("odds", odds, scenario, "fair_share", baseline, {"draws": 200})
    other_seed = analyse_odds(scenario, draws=200, seed=1)
    assert not reusable("odds", other_seed, scenario, objective, baseline, {"draws": 200})
    # another scenario: a ceiling changed
    code = next(n.code for n in scenario.nations if n.max_troops)
    changed = with_ceiling(scenario, code, scenario.nation(code).max_troops + 1000)
    assert taken(TAKEN, ready, changed, objective, baseline) == {}
    # another baseline plan: the rows of withdrawal, the backstop and sensitivity rest on it
    cells = dict(baseline.allocation)
    cell = next(c for c, v in cells.items() if v)
    cells[cell] += 1
    other = dataclasses.replace(baseline, allocation=cells)
    assert set(taken(TAKEN, ready, scenario, objective, other, {"odds": {"draws": 200}})) == {
        "odds",
        "pareto",
    }
    # the wrong kind of result under a name: the dock's fewest-changes tab is not stability
    assert not reusable("withdrawal", ready["backstop"], scenario, objective, baseline)
    from planner.analyses.stability import reoptimise_stable

    replan = reoptimise_stable(scenario, baseline.allocation)
    assert not reusable("stability", replan, scenario, objective, baseline)
    # stability only with the withdrawal whose rows are its fresh re-plans
    alone = {"stability": ready["stability"]}
    assert taken(("withdrawal", "stability"), alone, scenario, objective, baseline) == {}
    both = {name: ready[name] for name in ("withdrawal", "stability")}
    assert set(taken(("withdrawal", "stability"), both, scenario, objective, baseline)) == {
        "withdrawal",
        "stability",
    }


def test_a_result_cut_short_is_not_taken(case):
    scenario, baseline, _ready = case
    cancel = threading.Event()
    cancel.set()
    cut = analyse_odds(scenario, draws=200, cancel=cancel)
    assert not cut.complete
    assert not reusable("odds", cut, scenario, scenario.objective, baseline, {"draws": 200})


def test_make_brief_takes_the_plan_in_hand_only_when_it_is_the_proven_optimum(case, tmp_path):
    scenario, baseline, ready = case
    made = make_brief(scenario, tmp_path / "a.pdf", analyses="none", plan=baseline)
    assert made is not None and not made.solved and made.result is baseline
    unproved = dataclasses.replace(baseline, status="feasible")
    made = make_brief(scenario, tmp_path / "b.pdf", analyses="none", plan=unproved)
    assert made is not None and made.solved and made.result.status == "optimal"
    made = make_brief(
        scenario, tmp_path / "c.pdf", analyses="withdrawal", plan=baseline, ready=ready
    )
    assert made is not None and made.analyses.reused == ("withdrawal",)
