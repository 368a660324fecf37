"""Every chart of the brief is titled, names its axis with a unit and says what to read (issue 19).

The brief of the February 2025 report (one solve takes under a second) is
rendered with the odds, sensitivity and Pareto analyses and the decision
note's options; the story handed to reportlab is kept so that each chart can
be found with the paragraphs around it, and the PDF is read back with pypdf
for what a reader sees.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.platypus import KeepTogether, Paragraph

from planner.analyses.odds import Distribution, analyse_odds
from planner.analyses.pareto import analyse_pareto
from planner.analyses.sensitivity import analyse_sensitivity
from planner.brief import document, render_brief
from planner.brief.analyses import BriefAnalyses
from planner.brief.analysis_odds import odds_bars, odds_figures
from planner.brief.analysis_pareto import COST_AXIS, FAIR_AXIS, point_label, point_name
from planner.brief.charts import READ
from planner.brief.decision import options
from planner.brief.facts import gather
from planner.brief.options import at_middle, band_middle, below_middle, solve_middle, solve_other
from planner.result.document import PlanResult
from planner.scenario.io import load_scenario, scenario_to_dict
from planner.scenario.words import percent
from planner.solve import solve
from tests.helpers.spec_checker import check_plan

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "resources" / "scenarios" / "2025-02-report.json"
DRAWS = 100
UNIT_WORDS = re.compile(r"troops|per cent|troop-equivalents|quarters", re.IGNORECASE)
RAW = re.compile(r"\b(objective|max_share|min_cost|fair_share|deviation|non-dominated)\b")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def brief():
    scenario = load_scenario(REPORT)
    result = solve(scenario, time_limit=60)
    analyses = BriefAnalyses(
        {
            "odds": analyse_odds(scenario, draws=DRAWS, seed=0, workers=1),
            "sensitivity": analyse_sensitivity(scenario, baseline=result),
            "pareto": analyse_pareto(scenario, points=4),
        }
    )
    analyses.other = solve_other(scenario, result)
    analyses.middle = solve_middle(scenario, result)
    stories: list[list] = []
    real = document.BriefDocument.multiBuild
    with pytest.MonkeyPatch.context() as patch:

        def keep(self, story, *args, **kwargs):
            stories.append(list(story))
            return real(self, story, *args, **kwargs)

        patch.setattr(document.BriefDocument, "multiBuild", keep)
        data, _ = render_brief(scenario, result, analyses=analyses)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    return scenario, result, analyses, stories[0], pages


def _charts(story: list) -> list[tuple[object, Drawing, object]]:
    """Each drawing with the flowables just before and after it, wherever it is nested."""
    found = []

    def walk(flowables: list) -> None:
        for i, f in enumerate(flowables):
            if isinstance(f, Drawing):
                before = flowables[i - 1] if i else None
                after = flowables[i + 1] if i + 1 < len(flowables) else None
                found.append((before, f, after))
            elif isinstance(f, KeepTogether):
                walk(list(f._content))

    walk(story)
    return found


def _strings(shape) -> list[String]:
    out = []
    for item in getattr(shape, "contents", []):
        if isinstance(item, String):
            out.append(item)
        elif isinstance(item, Group):
            out += _strings(item)
    return out


def test_every_chart_has_a_title_an_axis_with_its_unit_and_a_read_caption(brief):
    _, _, _, story, pages = brief
    charts = _charts(story)
    titles = []
    for before, drawing, after in charts:
        assert isinstance(before, Paragraph) and before.style.name == "h3", before
        title = before.getPlainText()
        titles.append(title)
        assert isinstance(after, Paragraph) and after.style.name == "caption", title
        caption = after.getPlainText()
        assert caption.startswith(READ) and len(caption) > len(READ) + 40, (title, caption)
        bold = [s.text for s in _strings(drawing) if "Bold" in s.fontName or "bold" in s.fontName]
        assert any(UNIT_WORDS.search(t) for t in bold), (title, bold)  # the axis and its unit
    assert len(charts) == 6, titles  # band, nations, shares, odds, tornado, Pareto
    text = _flat(" ".join(pages))
    for title in titles:
        assert _flat(title) in text
    assert text.count(READ.strip()) >= len(charts)


def test_the_odds_annex_has_a_chart_of_the_share_of_draws_with_a_force(brief):
    scenario, _, analyses, _, pages = brief
    odds = analyses.get("odds")
    bars = odds_bars(scenario, odds)
    assert bars[0].headline and bars[0].draws == odds.feasible_draws and bars[0].of == DRAWS
    # a force needs every minimum on offer at once: never likelier than the scarcest one
    assert all(bars[0].share <= bar.share for bar in bars[1:])
    annex = _flat(" ".join(pages)).rsplit("Odds of a force, given who may take part", 1)[1]
    assert f"How often a force exists, of {DRAWS} draws of who takes part" in annex
    assert "Share of the draws of who takes part (per cent)" in annex
    assert f"{percent(bars[0].share, 1)} ({odds.feasible_draws} of {DRAWS})" in annex
    names = {u.id: u.name for u in scenario.unit_types}
    scarcest = min(odds.requirements, key=lambda r: r.met_share)
    assert f"{scarcest.min} x {names[scarcest.unit_type]}"[:40] in annex
    assert f"{percent(scarcest.met_share, 1)} ({scarcest.met.count} of {DRAWS})" in annex
    for unit in scenario.unit_types:
        assert not re.search(rf"(?<![\w-]){re.escape(unit.id)}(?![\w-])", annex), unit.id


def test_every_pareto_point_is_labelled_in_planner_words(brief):
    _, _, analyses, _, pages = brief
    front = analyses.get("pareto").points
    assert len(front) >= 3  # labels in the middle too, not only the ends
    section = _flat(" ".join(pages)).rsplit("What fairness costs", 1)[1]
    section = section.split("Annex C")[0]
    assert COST_AXIS in section and FAIR_AXIS in section
    for index, point in enumerate(front, start=1):
        label = point_label(index, len(front), point, front[0])
        assert label in section, label
        assert "troop-equivalents" in label and "troops" in label
    assert point_name(1, len(front)) == "1 cheapest"
    assert point_name(len(front), len(front)) == f"{len(front)} fairest"
    assert not RAW.findall(section), RAW.findall(section)


def test_page_one_weighs_the_bottom_of_the_band_against_its_middle(brief):
    scenario, result, analyses, _, pages = brief
    assert below_middle(result)  # the least-cost force sits at 25,000 of 25,000 - 30,000
    middle = band_middle(scenario)
    assert middle == 27_500
    plan = analyses.middle
    assert plan is not None and plan.has_plan
    raised = at_middle(scenario)
    problems = check_plan(
        scenario_to_dict(raised), json.loads(json.dumps(plan.to_dict())), feasible=True
    )
    assert not problems, problems
    total = plan.evaluation.total_troops
    assert middle <= total <= scenario.target.max_troops
    first = _flat(pages[0])
    assert f"Middle of the band ({middle:,} troops or more)" in first
    assert f"{total:,} troops" in first
    low = scenario.target.min_troops
    assert f"up to {total - low:,} troops can fall away before the force leaves the band" in first


def test_a_quick_brief_names_the_middle_of_the_band_as_not_assessed():
    scenario = load_scenario(REPORT)
    result = solve(scenario, time_limit=60)
    middle = options(gather(scenario, result), None)[-1]
    assert middle.key == "middle" and middle.result is None
    assert middle.missing == "Not assessed (quick brief)."
    data, _ = render_brief(scenario, result)
    first = _flat(PdfReader(io.BytesIO(data)).pages[0].extract_text())
    assert f"{middle.title} " in first and middle.title.endswith("(27,500 troops or more)")


def test_a_force_already_at_the_middle_has_no_such_option_and_no_solve(brief):
    scenario, _, analyses, _, _ = brief
    at = PlanResult(scenario, "optimal", "min_cost", allocation=dict(analyses.middle.allocation))
    assert at.evaluation.total_troops >= band_middle(scenario)
    assert not below_middle(at)
    assert solve_middle(scenario, at) is None  # returns before any solve
    assert [o.key for o in options(gather(scenario, at), None)] == [
        "chosen",
        "other",
        "no_backstop",
    ]


def test_the_troops_of_the_force_over_the_draws_are_drawn_only_when_they_vary(brief):
    scenario, _, analyses, _, _ = brief
    odds = copy.copy(analyses.get("odds"))
    spread = [(25_000.0 + 500 * i, 25_500.0 + 500 * i, n) for i, n in enumerate([6, 2, 0, 2])]
    odds.total = Distribution(10, 25_000, 25_000, 25_000, 26_500, 27_000, 25_500, tuple(spread))
    flow = odds_figures(scenario, odds, 480)
    assert len(flow) == 2  # the odds chart, then the troops of the force
    histogram = flow[1]._content[1]
    texts = [s.text for s in _strings(histogram)]
    assert "Troops on the ground" in texts and "60%" in texts and texts.count("20%") == 2
    assert flow[1]._content[2].getPlainText().startswith(READ)
    odds.total = Distribution(
        10,
        25_000,
        25_000,
        25_000,
        25_000,
        25_000,
        25_000,
        tuple(
            [(25_000.0, 25_500.0, 10)]
            + [(25_500.0 + 500 * i, 26_000.0 + 500 * i, 0) for i in range(3)]
        ),
    )
    assert len(odds_figures(scenario, odds, 480)) == 1  # one column says no more than the text


def test_a_middle_of_the_band_the_offers_cannot_fill_is_said_so_on_page_one():
    scenario = load_scenario(REPORT)
    wide = dataclasses.replace(
        scenario, target=dataclasses.replace(scenario.target, max_troops=40_000)
    )
    result = solve(wide, time_limit=60)
    assert result.has_plan and below_middle(result)
    analyses = BriefAnalyses({"odds": analyse_odds(wide, draws=20, seed=0, workers=1)})
    analyses.middle = solve_middle(wide, result)
    assert analyses.middle is not None and analyses.middle.status == "infeasible"
    data, _ = render_brief(wide, result, analyses=analyses)
    first = _flat(PdfReader(io.BytesIO(data)).pages[0].extract_text())
    assert "Middle of the band (32,500 troops or more)" in first
    assert "The offers cannot fill the band to 32,500 troops: no plan meets every rule." in first
