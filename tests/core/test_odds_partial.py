"""A cancelled odds run is an unbiased estimate, with its interval; progress tracks work.

Issue "Every figure true", item 2: a run cancelled after 3 s reported
"0.3% of 975 draws" against 2.8% for the full run, because the quick
(screened, infeasible) draws were settled first, and the bar raced to 97%
on them. These tests cancel runs at a fixed amount of work, so they are
deterministic.
"""

from __future__ import annotations

import json
import math
import os
import signal
import threading

import pytest

from planner.analyses import DEFAULT_PLAN_DRAWS
from planner.analyses import resolve as resolve_module
from planner.analyses.odds import (
    analyse_odds,
    draw_absences,
    plan_sample,
    probabilities_with,
    settled_draws,
    summarise,
)
from planner.analyses.shares import Share, interval_text, percent, wilson
from planner.analyses.verdicts import odds_verdict
from planner.cli.analyse import render_odds
from planner.cli.main import main
from planner.scenario.io import default_scenario, default_scenario_text

DRAWS = 300
SEEDS = (0, 1, 2)


def wilson_by_quadratic(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The Wilson interval as the roots of (p - k/n)^2 = z^2 p (1 - p) / n, solved here."""
    phat = k / n
    a = 1 + z * z / n
    b = -(2 * phat + z * z / n)
    c = phat * phat
    root = math.sqrt(max(0.0, b * b - 4 * a * c))
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


def cancelled_after(seed: int, fraction: float, draws: int = DRAWS, plan_draws=DEFAULT_PLAN_DRAWS):
    """An odds run on the default scenario cancelled once `fraction` of its work is done."""
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= fraction * total:
            cancel.set()

    return analyse_odds(
        default_scenario(),
        draws=draws,
        seed=seed,
        plan_draws=plan_draws,
        workers=1,
        cancel=cancel,
        progress=progress,
    )


@pytest.fixture(scope="module")
def full_runs():
    return {
        seed: analyse_odds(default_scenario(), draws=DRAWS, seed=seed, workers=1) for seed in SEEDS
    }


def without_run_size(document: dict) -> dict:
    return {k: v for k, v in document.items() if k not in ("draws", "complete")}


def test_a_cancelled_run_is_the_full_run_restricted_to_its_first_draws():
    """Every plan's figure (plan_draws all), as before the sample."""
    full = analyse_odds(default_scenario(), draws=DRAWS, seed=0, plan_draws=None, workers=1)
    partial = cancelled_after(0, 0.3, plan_draws=None)
    k = partial.draws_done
    assert not partial.complete and 0 < k < DRAWS
    first = draw_absences(default_scenario(), probabilities_with(), DRAWS, 0)[:k]
    expected = summarise(
        full.scenario, full.objective, DRAWS, 0, full.probabilities, first, full.answers
    )
    assert partial.to_dict() == expected.to_dict()
    # ... and the same as a full run of k draws with the same seed
    short = analyse_odds(default_scenario(), draws=k, seed=0, plan_draws=None, workers=1)
    assert without_run_size(partial.to_dict()) == without_run_size(short.to_dict())


PLAN_FIGURES = ("total", "objective_value", "plan_draws", "plan_draws_asked")


def without_plans(document: dict) -> dict:
    out = {k: v for k, v in without_run_size(document).items() if k not in PLAN_FIGURES}
    out["nations"] = [
        {k: v for k, v in n.items() if not k.startswith("used_share")} for n in out["nations"]
    ]
    return out


@pytest.mark.parametrize("fraction", [0.3, 0.95])
def test_a_cancelled_sampled_run_is_the_full_run_restricted(full_runs, fraction):
    """Cancelled while settling draws (0.3) or while solving the sample's plans (0.95).

    Feasibility: the first k draws, as a full run. The plans: the first of the
    sample, a full run's answers for them; a run of k draws asking for that many
    plans gives the same figures.
    """
    full = full_runs[0]
    partial = cancelled_after(0, fraction)
    k, j = partial.draws_done, partial.plan_draws
    assert not partial.complete and 0 < k <= DRAWS and j < DEFAULT_PLAN_DRAWS
    assert (k == DRAWS) == partial.plans_cut == (fraction > 0.5)
    first = draw_absences(default_scenario(), probabilities_with(), DRAWS, 0)[:k]
    sample = plan_sample(first, full.answers, DEFAULT_PLAN_DRAWS)[:j]
    expected = summarise(
        full.scenario,
        full.objective,
        DRAWS,
        0,
        full.probabilities,
        first,
        full.answers,
        plan_settled=sample,
        plan_answers=full.plan_answers,
    )
    expected.plan_sample = DEFAULT_PLAN_DRAWS
    document = partial.to_dict()
    assert document["complete"] is False
    assert without_run_size(document) == without_run_size(expected.to_dict())
    assert document["plan_draws"] == j
    short = analyse_odds(default_scenario(), draws=k, seed=0, plan_draws=max(1, j), workers=1)
    if j:
        assert without_run_size(document) == {
            **without_run_size(short.to_dict()),
            "plan_draws_asked": DEFAULT_PLAN_DRAWS,
        }
    else:  # cancelled before any plan: no troops, no nations used
        assert document["total"] is None and document["objective_value"] is None
        assert without_plans(document) == without_plans(short.to_dict())


@pytest.mark.parametrize("seed", SEEDS)
def test_a_partial_share_brackets_the_full_share(full_runs, seed):
    """The old code settled the screened (infeasible) draws first: 0 feasible of 250 or so."""
    full = full_runs[seed]
    partial = cancelled_after(seed, 0.25)
    n, k = partial.draws_done, partial.feasible_draws
    assert not partial.complete and 0 < n < DRAWS
    low, high = wilson_by_quadratic(k, n)
    assert low <= full.feasible_share <= high, (seed, k, n, full.feasible_share)
    assert partial.feasible.interval == pytest.approx((low, high), abs=1e-9)
    # the partial run holds exactly the first n draws, all settled
    first = draw_absences(default_scenario(), probabilities_with(), n, seed)
    assert all(partial.answers[a].status != "cancelled" for a in first)


def test_progress_counts_solves_not_screened_draws(monkeypatch):
    finished = [0]
    solve = resolve_module.ParticipationModel.solve

    def counting(self, *args, **kwargs):
        answer = solve(self, *args, **kwargs)
        finished[0] += 1
        return answer

    monkeypatch.setattr(resolve_module.ParticipationModel, "solve", counting)
    calls: list[tuple[int, int, int]] = []
    analysis = analyse_odds(
        default_scenario(),
        draws=200,
        seed=3,
        workers=1,
        progress=lambda d, t: calls.append((d, t, finished[0])),
    )
    work = analysis.work
    assert work.solves == finished[0] > 5 and work.screened > 100
    totals = [t for _, t, _ in calls]  # the first pass's work and the most the sample can need,
    assert totals[-1] == work.sets - work.screened  # then the sample's own work
    assert totals == sorted(totals, reverse=True) and len(set(totals)) <= 2
    done = [d for d, _, _ in calls]
    assert done == sorted(done) and done[-1] == calls[-1][1]
    assert calls[0][0] == 0  # screening thousands of draws is no progress to speak of
    for d, _, solved in calls:  # every unit reported is a solve, or one of the few inferred
        assert d <= solved + work.inferred, calls


def test_wilson_interval_matches_textbook_values():
    assert wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson(10, 10) == pytest.approx((0.7225, 1.0), abs=1e-4)
    for k, n in [(3, 975), (1, 7), (70, 1000), (999, 1000)]:
        assert wilson(k, n) == pytest.approx(wilson_by_quadratic(k, n), abs=1e-12)


def test_undecided_draws_widen_the_interval_both_ways():
    decided = Share(10, 100)
    undecided = Share(10, 100, undecided=5)
    assert undecided.value == decided.value == 0.1
    assert undecided.interval[0] == decided.interval[0]
    assert undecided.interval[1] == pytest.approx(wilson(15, 100)[1])


@pytest.mark.parametrize(("share", "text"), [(0.0004, "<0.1%"), (0.9996, ">99.9%"), (0, "0.0%")])
def test_a_share_never_prints_as_certain_when_it_is_not(share, text):
    assert percent(share) == text


@pytest.mark.parametrize(("k", "n"), [(3, 975), (70, 1000), (1, 3), (0, 40), (299, 300)])
def test_printed_intervals_are_rounded_outwards(k, n):
    low, high = Share(k, n).interval
    shown_low, shown_high = (float(x) / 100 for x in interval_text(Share(k, n))[:-1].split("-"))
    assert shown_low <= low + 1e-12 and shown_high >= high - 1e-12
    assert shown_low <= k / n <= shown_high


def test_the_json_text_and_verdict_give_the_interval_and_say_partial(full_runs):
    full = full_runs[1]
    doc = full.to_dict()
    ci = doc["feasible_share_ci"]
    assert ci["level"] == 0.95 and ci["low"] <= doc["feasible_share"] <= ci["high"]
    for nation in doc["nations"]:
        assert nation["available_share_ci"]["low"] <= nation["available_share"]
        if nation["status"] == "declined":  # never available: exact, not an estimate
            assert nation["available_share_ci"] == {"low": 0.0, "high": 0.0, "level": 0.95}
    assert "95% CI" in render_odds(full) and "PARTIAL" not in render_odds(full)
    assert "95% CI" in odds_verdict(full) and "Partial" not in odds_verdict(full)
    partial = cancelled_after(1, 0.2)
    text, verdict = render_odds(partial), odds_verdict(partial)
    head = f"{partial.draws_done:,} of {DRAWS:,} draws"
    assert f"PARTIAL: {head}" in text and "95% CI" in text
    assert verdict.startswith(f"Partial (cancelled): {head}") and "95% CI" in verdict


def test_a_run_cancelled_before_any_draw_is_settled_says_so():
    cancel = threading.Event()
    cancel.set()
    stopped = analyse_odds(default_scenario(), draws=5000, seed=4, workers=1, cancel=cancel)
    draws = draw_absences(default_scenario(), probabilities_with(), 5000, 4)
    assert stopped.draws_done == len(settled_draws(draws, stopped.answers)) < 5000
    assert not stopped.complete and stopped.work.solves == 0
    assert stopped.work.screened < 1000  # the screening of thousands of draws stops too


def test_ctrl_c_prints_the_partial_figures_and_exits_130(monkeypatch, capsys, tmp_path):
    """Ctrl-C (here sent by the third solve itself, so it is deterministic) stops the run."""
    path = tmp_path / "default.json"
    path.write_text(default_scenario_text(), encoding="utf-8")
    solve = resolve_module.ParticipationModel.solve
    calls = [0]

    def interrupted(self, *args, **kwargs):
        calls[0] += 1
        if calls[0] == 3:
            os.kill(os.getpid(), signal.SIGINT)
        return solve(self, *args, **kwargs)

    monkeypatch.setattr(resolve_module.ParticipationModel, "solve", interrupted)
    before = signal.getsignal(signal.SIGINT)
    code = main(["analyse", "odds", str(path), "--draws", "300", "--workers", "1", "--json"])
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert code == 130 and doc["complete"] is False and 0 < doc["draws_done"] < 300
    assert (
        doc["feasible_share_ci"]["low"] <= doc["feasible_share"] <= doc["feasible_share_ci"]["high"]
    )
    assert f"partial, from the first {doc['draws_done']:,} of 300 draws" in err
    assert signal.getsignal(signal.SIGINT) is before  # the handler is put back


def test_every_text_says_over_how_many_sampled_draws_the_plans_were_measured(full_runs):
    from planner.brief.analysis_odds import odds_sentence

    full = full_runs[2]
    assert full.feasible_draws > DEFAULT_PLAN_DRAWS == full.plan_draws
    words = f"from {DEFAULT_PLAN_DRAWS} sampled feasible draws"
    assert words in render_odds(full) and words in odds_verdict(full)
    assert words in odds_sentence(full)
    doc = full.to_dict()
    assert doc["plan_draws"] == doc["total"]["count"] == DEFAULT_PLAN_DRAWS
    for nation in full.nations:  # the interval of each used share is over the sample
        assert nation.used is not None and nation.used.trials == DEFAULT_PLAN_DRAWS
        assert nation.used.interval == Share(nation.used.count, DEFAULT_PLAN_DRAWS).interval or (
            nation.used.exact
        )


def test_a_cut_run_is_quoted_only_once_enough_draws_are_settled():
    """The brief quotes a cut run's share from PARTIAL_DRAWS settled draws on, never fewer."""
    from planner.analyses.odds import PARTIAL_DRAWS

    few = cancelled_after(0, 0.05, draws=1000)
    many = cancelled_after(0, 0.5, draws=1000)
    assert few.draws_done < PARTIAL_DRAWS <= many.draws_done < 1000
    assert not few.share_stands and many.share_stands
    small = analyse_odds(default_scenario(), draws=40, seed=0, workers=1)
    assert small.complete and small.share_stands  # all of fewer than PARTIAL_DRAWS asked


def test_a_run_cut_while_solving_its_plans_says_every_draw_was_settled():
    """Cut while solving the sample's plans: the brief says every draw was settled and what
    the cut took (the force's size from fewer draws, or no size at all), never 'stopped
    after every draw was settled' (it read as a contradiction)."""
    import dataclasses

    from planner.brief.analysis_odds import odds_sentence

    partial = cancelled_after(0, 0.95)
    assert partial.plans_cut
    text = odds_sentence(partial)
    assert text.startswith("Every draw was settled; the time limit (or Cancel) stopped")
    if partial.total is not None:
        assert "that size comes from fewer sampled draws" in text
    sizeless = dataclasses.replace(partial, total=None)
    assert "so no size is given." in odds_sentence(sizeless)
    assert "Where a force exists" not in odds_sentence(sizeless)
