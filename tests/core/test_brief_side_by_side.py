"""The brief's analyses in two processes at once give the figures they give one after another."""

from __future__ import annotations

import json
import threading

import pytest

from planner.brief import analyses as brief_analyses
from planner.brief.analyses import run_analyses
from planner.scenario.io import default_scenario
from planner.solve import solve

NAMES = ("withdrawal", "odds", "backstop")
OPTIONS = {"odds": {"draws": 60, "seed": 5}}


def _figures(done) -> str:
    out = {name: result.to_dict() for name, result in done.results.items()}
    for key, plan in (("other", done.other), ("middle", done.middle)):
        out[key] = (
            None if plan is None else (plan.status, sorted(map(str, plan.allocation.items())))
        )
    return json.dumps(out, sort_keys=True, default=str)


@pytest.fixture(scope="module")
def baseline():
    scenario = default_scenario()
    return scenario, solve(scenario)


def test_side_by_side_gives_the_figures_and_the_order_of_one_after_another(baseline):
    scenario, result = baseline
    counted: list[tuple[int, int]] = []
    in_turn = run_analyses(scenario, None, NAMES, result, options=OPTIONS, workers=1)
    side = run_analyses(
        scenario,
        None,
        NAMES,
        result,
        options=OPTIONS,
        workers=2,
        progress=lambda *c: counted.append(c),
    )
    assert list(side.results) == list(NAMES) == list(in_turn.results)  # sections keep their order
    assert _figures(side) == _figures(in_turn)
    assert counted == [(1, 3), (2, 3), (3, 3)]  # analyses done, however they ran
    assert side.other is not None and side.other.has_plan


def test_an_error_in_the_worker_reaches_the_caller(baseline):
    scenario, result = baseline
    # the dearest analysis left goes to the worker: odds here, with an option it does not take
    with pytest.raises(TypeError):
        run_analyses(
            scenario,
            None,
            ("withdrawal", "odds"),
            result,
            options={"odds": {"no_such": 1}},
            workers=2,
        )


def test_a_cancel_before_the_start_runs_nothing_in_either_process(baseline):
    scenario, result = baseline
    cancel = threading.Event()
    cancel.set()
    done = run_analyses(scenario, None, NAMES, result, cancel=cancel, workers=2)
    assert done.results == {}


def test_two_processes_only_without_a_deadline_with_a_core_free_and_two_analyses(monkeypatch):
    monkeypatch.setattr(brief_analyses.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(brief_analyses, "_load", lambda: 1.0)  # this process alone
    assert brief_analyses._side_wanted(NAMES, None, None)
    monkeypatch.setattr(brief_analyses, "_load", lambda: 5.0)  # no core free: one process
    assert not brief_analyses._side_wanted(NAMES, None, None)
    assert brief_analyses._side_wanted(NAMES, None, 2)  # asked for
    monkeypatch.setattr(brief_analyses, "_load", lambda: 1.0)
    assert not brief_analyses._side_wanted(NAMES, 100.0, None)  # a deadline shares time in turn
    assert not brief_analyses._side_wanted(("odds",), None, None)
    assert not brief_analyses._side_wanted(NAMES, None, 1)
    monkeypatch.setattr(brief_analyses.os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert not brief_analyses._side_wanted(NAMES, None, None)  # one core: nothing to gain
