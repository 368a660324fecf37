"""The brief carries the analyses: whose loss breaks the force, the odds, their sections."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader

from planner.analyses.backstop import analyse_backstop
from planner.analyses.odds import analyse_odds
from planner.analyses.pareto import analyse_pareto
from planner.analyses.sensitivity import analyse_sensitivity
from planner.analyses.stability import analyse_stability
from planner.analyses.withdrawal import analyse_withdrawal
from planner.brief import render_brief
from planner.brief.analyses import BriefAnalyses, parse_names
from planner.errors import PlannerError
from planner.rules.objectives import objective_figure
from planner.scenario.io import default_scenario
from planner.scenario.words import cost, cost_change
from planner.solve import solve
from tests.helpers.cli_support import run


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def default_brief():
    scenario = default_scenario()
    result = solve(scenario)
    analyses = BriefAnalyses(
        {
            "withdrawal": analyse_withdrawal(scenario, workers=1),
            "odds": analyse_odds(scenario, draws=200, seed=3, workers=1),
            "sensitivity": analyse_sensitivity(scenario),
            "pareto": analyse_pareto(scenario, points=4),
            "backstop": analyse_backstop(scenario),
            "stability": analyse_stability(scenario),
        }
    )
    data, _ = render_brief(scenario, result, analyses=analyses)
    return scenario, result, analyses, _flat(_text(data))


def test_the_bottom_line_names_exactly_the_nations_whose_loss_breaks_the_force(default_brief):
    scenario, result, _, text = default_brief
    breaking = []
    for code in sorted({n for (n, _, *_), c in result.allocation.items() if c}):
        nations = tuple(
            dataclasses.replace(n, status="declined") if n.code == code else n
            for n in scenario.nations
        )
        locks = tuple(lk for lk in scenario.locks if lk.nation != code)
        alone = solve(dataclasses.replace(scenario, nations=nations, locks=locks))
        if not alone.has_plan:
            breaking.append(scenario.nation(code).name)
    assert breaking  # the default force has single points of failure (FR, UK, US)
    finding = text.split("Key findings")[1].split("alone leaves no plan")[0]  # the note
    losing = finding.split("Losing")[1]
    assert sorted(name for name in _plan_names(scenario, result) if name in losing) == sorted(
        breaking
    )


def _plan_names(scenario, result):
    return [
        scenario.nation(code).name
        for code in {n for (n, _, *_), c in result.allocation.items() if c}
    ]


def test_the_odds_and_the_sections_are_in_the_brief(default_brief):
    _, _, analyses, text = default_brief
    odds = analyses.get("odds")
    assert f"exists in {odds.feasible_share:.1%} of 200 draws" in text
    assert "Annex B: how fragile the force is" in text
    assert "If one nation pulls out" in text
    assert "Odds of a force, given who may take part" in text
    sensitivity = analyses.get("sensitivity")
    top = sensitivity.ranked()[0]
    assert "What moves the result" in text and top.title in text
    assert objective_figure(sensitivity.objective, top.high.objective_value, 1) in text
    front = analyses.get("pareto")
    assert "What fairness costs" in text
    assert "If the backstop stays out (United States)" in text
    rows = [r for r in analyses.get("stability").rows if r.moved_stable is not None]
    most = max(r.moved_stable for r in rows)
    assert "If a nation pulls out late" in text and f"moves at most {most} units" in text
    assert (
        "Without United States no plan meets every rule: 1 x Airborne early warning and ISR "
        "orbit (AWACS-type, stand-off), 1 x Long-range air defence battery group in a "
        "neighbouring country short."
    ) in text
    assert f"{front.points[-1].deviation:,.2f}" in text and cost(front.points[0].cost) in text


def test_without_analyses_the_brief_has_no_fragility_section():
    scenario = default_scenario()
    data, _ = render_brief(scenario, solve(scenario))
    text = _flat(_text(data))
    assert "Annex B: how fragile the force is: not in this quick brief" in text
    assert "in turn: losing" not in text and "Where a force exists" not in text


def test_a_quick_brief_says_so_above_its_contents_not_on_a_page_of_its_own():
    """Below a page-long contents list the line spilled onto page 2 alone (Paris, 16 pages)."""
    scenario = default_scenario()
    data, _ = render_brief(scenario, solve(scenario))
    first = _flat(PdfReader(io.BytesIO(data)).pages[0].extract_text())
    said = first.index("not in this quick brief")
    assert said < first.index("Annex A: the plan")


def test_analysis_names_are_checked():
    assert parse_names("all") == (
        "withdrawal",
        "odds",
        "sensitivity",
        "backstop",
        "pareto",
        "stability",
        "sustainment",
    )
    assert parse_names("none") == ()
    assert parse_names(" odds , withdrawal,odds") == ("odds", "withdrawal")
    with pytest.raises(PlannerError, match="unknown analysis 'pareto2'"):
        parse_names("withdrawal,pareto2")


def test_brief_command_rejects_an_unknown_analysis_in_one_line(tmp_path):
    proc = run("brief", "any.json", "-o", str(tmp_path / "b.pdf"), "--analyses", "nope")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "unknown analysis 'nope'" in proc.stderr
    assert not (tmp_path / "b.pdf").exists()


def test_the_tornado_labels_each_side_of_each_factor_in_planner_words(default_brief):
    scenario, _, analyses, text = default_brief
    sensitivity = analyses.get("sensitivity")
    base = sensitivity.baseline_value
    tornado = text.rsplit("What moves the result", 1)[1].split("Lowered to")[0]  # not contents
    assert "±" not in tornado.split(")", 1)[1]  # only the verdict's 'ceilings ±20%'
    one_sided = 0
    for factor in sensitivity.ranked()[:12]:
        sides = []
        for variant in (factor.low, factor.high):
            change = variant.objective_value - base
            sides.append("0" if change == 0 else cost_change(change))  # -300, +315, +12.5
        one_sided += "0" in sides
        assert " / ".join(sides) in tornado, factor.label
        assert factor.title in text
    assert one_sided  # the default has ceilings that move the cost one way only
    for unit in scenario.unit_types:  # ids stay out of what a minister reads
        assert unit.id not in text, unit.id


def test_the_brief_shares_its_time_limit_between_the_solve_and_each_analysis(monkeypatch):
    """The solve takes at most a quarter when analyses follow; each analysis an even share of
    what is left (the options' solves one more): one that cannot finish no longer takes the
    time of every one after it."""
    import time

    from planner.analyses import registry
    from planner.brief import analyses as brief_analyses

    assert brief_analyses.baseline_limit(600.0, ["odds"]) == 150.0
    assert brief_analyses.baseline_limit(600.0, []) == 600.0
    assert brief_analyses.baseline_limit(None, ["odds"]) is None

    given: dict[str, float] = {}

    def slow(name):
        def analyse(scenario, objective, *, cancel, time_limit, baseline=None, **options):
            given[name] = time_limit
            cancel.wait(time_limit + 5)  # never finishes: runs until its share is over
            return dataclasses.make_dataclass("Done", [("complete", bool)])(True)

        return analyse

    fake = {
        name: dataclasses.replace(registry.ANALYSES[name], module=__name__, function=name)
        for name in ("withdrawal", "odds")
    }
    monkeypatch.setattr(brief_analyses, "ANALYSES", fake)
    for name in fake:
        monkeypatch.setitem(globals(), name, slow(name))
    start = time.monotonic()
    done = brief_analyses.run_analyses(
        default_scenario(), None, ["withdrawal", "odds"], deadline=start + 3.0
    )
    assert done.unfinished == ["withdrawal", "odds"]
    # 3 s over three shares, then what is left (at most 2 s) over two; before, the first
    # took all 3 s and the second never ran
    assert 0.5 < given["withdrawal"] <= 1.0 + 1e-6
    assert 0.0 < given["odds"] <= 1.0 + 1e-6


def test_under_a_deadline_page_ones_analyses_run_first_and_sections_keep_their_order(
    monkeypatch,
):
    """A brief with a time limit runs withdrawal, backstop and odds before the rest (the
    verdict rests on them), yet its sections and its unfinished list keep the order asked."""
    import time

    from planner.analyses import registry
    from planner.brief import analyses as brief_analyses

    ran: list[str] = []

    def quick(name):
        def analyse(scenario, objective, *, cancel, time_limit=None, baseline=None, **options):
            ran.append(name)
            if name == "stability" and time_limit is not None:
                cancel.wait(time_limit + 5)  # never finishes within its share
            return dataclasses.make_dataclass("Done", [("complete", bool)])(True)

        return analyse

    asked = ["sensitivity", "stability", "odds", "withdrawal", "backstop"]
    fake = {
        name: dataclasses.replace(registry.ANALYSES[name], module=__name__, function=name)
        for name in asked
    }
    monkeypatch.setattr(brief_analyses, "ANALYSES", fake)
    for name in fake:
        monkeypatch.setitem(globals(), name, quick(name))
    done = brief_analyses.run_analyses(
        default_scenario(), None, asked, deadline=time.monotonic() + 3.0, workers=1
    )
    assert ran == ["withdrawal", "backstop", "odds", "sensitivity", "stability"]
    assert list(done.results) == ["sensitivity", "odds", "withdrawal", "backstop"]
    assert done.unfinished == ["stability"]
    ran.clear()
    brief_analyses.run_analyses(default_scenario(), None, asked, workers=1)  # no deadline
    assert ran == asked


def test_an_analysis_cut_short_is_shown_once_its_page_one_answers_are_settled():
    """A withdrawal whose costs the share cut short but whose feasibility is settled for every
    nation is kept (page 1 needs only that); one with a nation unanswered is not."""
    import time

    from planner.brief import analyses as brief_analyses

    def cut(answered):
        def analyse(scenario, objective, *, cancel, time_limit, baseline=None):
            cancel.wait(time_limit + 5)  # runs until its share is over
            fields = [("complete", bool), ("feasibility_complete", bool)]
            return dataclasses.make_dataclass("Cut", fields)(False, answered)

        return analyse

    scenario = default_scenario()
    kept = brief_analyses._before(time.monotonic() + 0.3, None, cut(True), scenario, None, {})
    assert kept is not None and kept.feasibility_complete and not kept.complete
    dropped = brief_analyses._before(time.monotonic() + 0.3, None, cut(False), scenario, None, {})
    assert dropped is None


def test_odds_cut_short_after_enough_draws_are_quoted_on_page_one_as_the_first_draws():
    """On the Paris default a 600 s brief settles a few hundred of its 1,000 draws: a uniform
    sample, quoted as such, where the brief used to list the odds as not finished."""
    import threading

    from planner.analyses.odds import PARTIAL_DRAWS
    from planner.brief import analyses as brief_analyses

    scenario = default_scenario()
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 0.5 * total:
            cancel.set()

    cut = analyse_odds(scenario, draws=1000, workers=1, cancel=cancel, progress=progress)
    assert PARTIAL_DRAWS <= cut.draws_done < 1000
    assert brief_analyses._answered(cut)
    data, _ = render_brief(scenario, solve(scenario), analyses=BriefAnalyses({"odds": cut}))
    page_one = _flat(PdfReader(io.BytesIO(data)).pages[0].extract_text())
    share = f"{cut.feasible.value:.1%}"
    assert f"{share} of the first {cut.draws_done:,} of 1,000 draws (the time limit" in page_one
    assert f"Stopped after {cut.draws_done:,} of 1,000 draws" in _flat(_text(data))
