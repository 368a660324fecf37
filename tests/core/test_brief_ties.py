"""Two figures for "the cheapest plan", and the middle of the band's losses (issue 19).

A least-cost solve has no fairness tie-break, so option A (least cost) may be any of the plans of
least cost, while the Pareto analysis's cheapest point is the fairest of them. When that point is
fairer at A's cost, page 1 and the annex say so in planner words, with figures from the result
and analysis documents (what ``solve --json`` and ``analyse pareto --json`` print); when it is
not, nothing changes. Option D (the middle of the band) is said to break on the loss of every
nation whose loss breaks A: raising the band's bottom only removes plans.

The scenarios are small enough that the facts are known by hand: France (burden weight 2),
Germany and Italy (1 each) offer mechanised infantry battalions of 700 at the same cost per
troop; France alone offers the required ISR squadron (stand-off). Two battalions are the least
cost (1,520 troop-equivalents with the squadron) and France with one other nation is the fairest
such plan (700 troops off fair share); Germany and Italy with France's squadron costs the same
and is 1,400 troops off fair share.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from typing import Any

import pytest

from tests.core.test_brief_decision import cost, off_fair_share, stray_words
from tests.core.test_cli import small_scenario
from tests.helpers.cli_support import run
from tests.helpers.spec_checker import check_plan

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


def twins(isr_from: tuple[str, ...] = ("FR",)) -> dict[str, Any]:
    def nation(code: str, name: str, weight: float) -> dict[str, Any]:
        offers = {"mech_inf_bn": 3} | ({"isr_sqn": 1} if code in isr_from else {})
        return {
            "code": code,
            "name": name,
            "status": "likely",
            "max_troops": 2100,
            "offers": offers,
            "burden_weight": weight,
            "cost_per_troop": 1.0,
        }

    return {
        "schema": small_scenario()["schema"],
        "name": "Twins",
        "target": {"min_troops": 1400, "max_troops": 2800},
        "unit_types": [
            {"id": "mech_inf_bn", "name": "Mech inf", "personnel": 700},
            {"id": "isr_sqn", "name": "ISR", "personnel": 120, "deployed": False},
        ],
        "nations": [nation("FR", "France", 2.0), nation("DE", "Germany", 1.0)]
        + [nation("IT", "Italy", 1.0)],
        "requirements": {"mech_inf_bn": {"min": 2, "max": None}, "isr_sqn": {"min": 1, "max": 1}},
        "rules": {"max_share": 0.75, "min_nations": 2},
        "locks": [],
        "objective": "min_cost",
    }


def unfair_least_cost(scenario, result):
    """The least-cost result with the other plan of least cost: Germany and Italy on the
    ground, France's squadron (the solver may return either; this one is fixed by hand)."""
    from planner.scenario.plan import cell

    plan = {
        cell(scenario, "FR", "isr_sqn"): 1,
        cell(scenario, "DE", "mech_inf_bn"): 1,
        cell(scenario, "IT", "mech_inf_bn"): 1,
    }
    return replace(result, allocation=plan)


def read(pdf_bytes: bytes, tmp_path, name: str) -> list[str]:
    """Each page's text in reading order, whitespace folded (table cells wrap their words)."""
    pdf = tmp_path / name
    pdf.write_bytes(pdf_bytes)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


def brief_of(scenario, result, names, **extra):
    from planner.brief import render_brief
    from planner.brief.analyses import run_analyses

    analyses = run_analyses(scenario, None, names, result)
    for key, value in extra.items():
        setattr(analyses, key, value)
    return analyses, render_brief(scenario, result, analyses=analyses)[0]


def test_the_least_cost_option_names_the_fairer_plan_of_the_same_cost(tmp_path):
    from planner.scenario.io import loads_scenario
    from planner.solve import solve

    data = twins()
    scenario = loads_scenario(json.dumps(data))
    result = unfair_least_cost(scenario, solve(scenario))
    solved = result.to_dict()  # what `solve --json` prints of this plan
    assert check_plan(data, solved, feasible=True) == []
    analyses, pdf = brief_of(scenario, result, ["pareto"])
    front = analyses.get("pareto").to_dict()  # what `analyse pareto --json` prints
    first = front["points"][0]
    own = off_fair_share(data, solved)
    assert (round(cost(data, solved["allocation"])), round(own)) == (1520, 1400)  # by hand
    assert (round(first["min_cost"]), round(first["fair_share"])) == (1520, 700)
    nearer = own - first["fair_share"]
    pages = read(pdf, tmp_path, "twin.pdf")
    note = " ".join(pages[: next(i for i, p in enumerate(pages) if "Annex A: the plan" in p)])
    cell = (
        f"{own:,.0f} troops; a plan of the same cost is {nearer:,.0f} troops nearer fair share "
        "(plan 1 in Annex B, What fairness costs)"
    )
    assert cell in note, note
    assert (
        "Option A is one of several plans of least cost: a plan of the same cost is 700 troops "
        "nearer fair share (700 against 1,400 troops off fair share, plan 1 in Annex B, What "
        "fairness costs), a fairer plan at no extra cost." in note
    )
    assert (
        "Of the plans of least cost, take the one nearest fair share (plan 1 in Annex B, What "
        "fairness costs): 700 troops nearer fair share at no extra cost." in note
    )
    assert not stray_words(note, data), stray_words(note, data)
    annex = next(p for p in pages if "What fairness costs The fairest plan" in p)
    assert (
        "Plan 1 costs the same as option A of the decision note (the plan of least cost) and "
        "is 700 troops nearer fair share (700 against 1,400 troops off fair share)." in annex
    )
    assert not stray_words(annex, data)


def test_the_command_line_brief_matches_solve_and_analyse_pareto_json(tmp_path):
    """Italy now weighs 2: the least-cost solve sends France and Germany (1,400 troops off fair
    share, as HiGHS settles the tie), the Pareto analysis's cheapest plan France and Italy
    (700). Page 1 of `brief` states both figures and their difference as the two commands'
    JSON documents give them; were the solve to land on the fairer plan, page 1 says nothing."""
    data = twins()
    for nation in data["nations"]:
        nation["burden_weight"] = 2.0 if nation["code"] == "IT" else 1.0
    path = tmp_path / "twins.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    solved = json.loads(run("solve", path, "--json").stdout)
    front = json.loads(run("analyse", "pareto", path, "--json").stdout)
    assert check_plan(data, solved, feasible=True) == []
    pdf = tmp_path / "twins.pdf"
    made = run("brief", path, "-o", pdf, "--analyses", "pareto")
    assert made.returncode == 0, made.stderr
    pages = read(pdf.read_bytes(), tmp_path, "copy.pdf")
    note = pages[0]
    own, first = off_fair_share(data, solved), front["points"][0]
    assert first["min_cost"] == pytest.approx(cost(data, solved["allocation"]))
    if round(own - first["fair_share"]) < 1:
        assert "nearer fair share (plan" not in note and "several plans" not in note
        return
    assert round(own) == 1400 and round(first["fair_share"]) == 700  # by hand
    assert (
        f"{own:,.0f} troops; a plan of the same cost is {own - first['fair_share']:,.0f} troops "
        "nearer fair share (plan 1 in Annex B, What fairness costs)" in note
    )
    assert f"({first['fair_share']:,.0f} against {own:,.0f} troops off fair share" in note
    assert not stray_words(note, data)


def test_nothing_changes_when_the_cheapest_point_is_no_fairer(tmp_path):
    """The same scenario with the solver's own plan, the fairest of the cheapest here: page 1
    and the annex read as they did (the Pareto analysis ran, and found nothing fairer)."""
    from planner.brief.decision import least_cost_twin, options
    from planner.brief.facts import gather
    from planner.scenario.io import loads_scenario
    from planner.solve import solve

    scenario = loads_scenario(json.dumps(twins()))
    result = solve(scenario)
    analyses, pdf = brief_of(scenario, result, ["pareto"])
    point = analyses.get("pareto").points[0]
    a = options(gather(scenario, result), analyses)[0]
    assert a.cost == pytest.approx(point.cost)
    if a.off_fair_share is not None and round(a.off_fair_share - point.deviation) >= 1:
        pytest.skip("the solver returned a less fair plan of least cost (the other test's case)")
    assert least_cost_twin(options(gather(scenario, result), analyses), analyses) is None
    text = " ".join(read(pdf, tmp_path, "plain.pdf"))
    for words in (
        "nearer fair share (plan",
        "several plans of least cost",
        "take the one nearest fair share",
    ):
        assert words not in text
    assert "costs the same as option A" not in text


def test_a_fair_share_brief_says_its_option_b_has_a_fairer_twin(tmp_path):
    """Option B is the least-cost plan of a fairest-share brief: its cell and the findings say
    so; the recommendation (of option A) does not."""
    from planner.scenario.io import loads_scenario
    from planner.solve import solve

    data = twins() | {"objective": "fair_share"}
    scenario = loads_scenario(json.dumps(data))
    result = solve(scenario)
    least = unfair_least_cost(scenario, solve(scenario, "min_cost"))
    _, pdf = brief_of(scenario, result, ["pareto"], other=least)
    pages = read(pdf, tmp_path, "fair.pdf")
    note = pages[0] + " " + pages[1]
    assert "Option B is one of several plans of least cost" in note
    assert "1,400 troops; a plan of the same cost is 700 troops nearer fair share" in note
    assert "take the one nearest fair share" not in note
    assert any("costs the same as option B of the decision note" in p for p in pages)
    assert not stray_words(note, data)


def test_fairer_at_cost_takes_the_fairest_point_no_dearer_and_a_whole_troop_fairer():
    from planner.analyses.pareto import ParetoAnalysis, ParetoPoint, fairer_at_cost
    from planner.scenario.io import loads_scenario

    scenario = loads_scenario(json.dumps(twins()))
    points = [ParetoPoint(100.0, 50.0, 10, {}), ParetoPoint(104.0, 40.0, 10, {})]
    front = ParetoAnalysis(scenario, 8, "optimal", points)
    assert fairer_at_cost(front, 100.0, 50.4) is None  # not a whole troop fairer
    assert fairer_at_cost(front, 100.0, 51.0) == (1, points[0])
    assert fairer_at_cost(front, 99.0, 60.0) is None  # every point dearer
    assert fairer_at_cost(front, 105.0, 60.0) == (2, points[1])  # A not the least cost
    assert fairer_at_cost(front, 100.0 + 1e-7, 55.0) == (1, points[0])  # the row's slack


def test_the_twin_phrase_says_a_cheaper_plan_when_it_is_one():
    from planner.brief.options import FairerTwin

    assert FairerTwin(1, 100.0, 40.0, 12.0, 1e-9).phrase() == (  # a solver's slack
        "a plan of the same cost is 12 troops nearer fair share"
    )
    assert FairerTwin(1, 100.0, 40.0, 12.0, 0.5).phrase() == (  # costs shown as they are
        "a plan 0.5 troop-equivalents cheaper is 12 troops nearer fair share"
    )
    assert FairerTwin(1, 100.0, 40.0, 12.0, 3.0).phrase() == (
        "a plan 3 troop-equivalents cheaper is 12 troops nearer fair share"
    )


def test_a_cheaper_twin_is_not_called_a_plan_of_the_same_cost():
    """A least-cost search stopped short of the least cost (time limit, tolerance): the twin is
    cheaper as well as fairer, and page 1 and the annex say that instead."""
    from planner.brief.analysis_pareto import twin_note
    from planner.brief.findings import twin_advice, twin_finding
    from planner.brief.options import FairerTwin, Option

    a = Option("chosen", "A. Least cost", None)
    twin = FairerTwin(1, 28_040.0, 12_000.0, 466.0, 3.2)
    assert twin_finding(a, twin) == (
        "Option A is not the cheapest plan: a plan 3.2 troop-equivalents cheaper is 466 troops "
        "nearer fair share (12,000 against 12,466 troops off fair share, plan 1 in Annex B, "
        "What fairness costs)."
    )
    assert twin_advice(twin) == (
        " Take the cheaper and fairer plan instead (plan 1 in Annex B, What fairness costs): "
        "3.2 troop-equivalents less and 466 troops nearer fair share."
    )
    note = twin_note(a, twin)
    assert note.startswith("Plan 1 costs 3.2 troop-equivalents less than option A")
    assert "same cost" not in note and "several plans" not in note.lower()


def test_option_d_breaks_on_the_losses_that_break_a(tmp_path):
    """France alone offers the ISR squadron: without France no plan exists at the band's bottom,
    so none at its middle either (checked here by solving it); the middle's cell says so, and
    that the other losses of its plan were not checked (C here: the scenario has no backstop)."""
    from planner.analyses.participation import withdrawn
    from planner.brief.options import at_middle
    from planner.scenario.io import loads_scenario
    from planner.solve import solve

    data = twins()
    scenario = loads_scenario(json.dumps(data))
    result = solve(scenario)
    analyses, pdf = brief_of(scenario, result, ["withdrawal"])
    assert analyses.middle is not None and analyses.middle.has_plan
    assert [r.nation for r in analyses.get("withdrawal").rows if r.breaks] == ["FR"]
    assert solve(withdrawn(at_middle(scenario), ["FR"])).status == "infeasible"  # the premise
    note = read(pdf, tmp_path, "middle.pdf")[0]
    assert "C. Middle of the band (2,100 troops or more)" in note
    assert (
        "Losing France breaks it too; the loss of another nation of this plan was not checked."
        in note
    )
    assert not stray_words(note, data)


def test_option_d_says_what_was_not_checked_when_no_loss_breaks_a():
    from planner.brief.analyses import BriefAnalyses
    from planner.brief.decision import options
    from planner.brief.facts import gather
    from planner.brief.findings import option_risk, robustness
    from planner.scenario.io import loads_scenario
    from planner.solve import solve

    scenario = loads_scenario(json.dumps(twins(("FR", "DE", "IT"))))
    result = solve(scenario)
    facts = gather(scenario, result)
    analyses, _ = brief_of(scenario, result, ["withdrawal"])
    found = options(facts, analyses)
    middle = next(o for o in found if o.key == "middle")
    risk = option_risk(middle, found[0], robustness(facts, analyses))
    assert risk.startswith("The loss of one nation was not checked for this plan.")
    untested = BriefAnalyses(middle=analyses.middle, unfinished=["withdrawal"])
    risk = option_risk(middle, found[0], robustness(facts, untested))
    assert risk.startswith("Loss of one nation not tested.")
