"""Page 1 is the decision (issue 19): every figure on it is one the command line computes.

The decision note of three scenarios (the February 2025 report as shipped, the
same with the United States declined, and with France declined) is read back
from the PDF with pdftotext; each number on it must be a figure of
``solve --json`` (both objectives, and with the band's bottom raised to its middle),
``analyse withdrawal|odds|backstop --json``,
the scenario file, or one derived from those by the spec's formulas computed
here independently (cost, troops off fair share, shares, differences).

The built-in default (2026-01-paris, three areas over eight quarters) takes
minutes per solve, so its three briefs are made in process under short time
limits, and each figure is checked against the JSON documents of the very
results the brief shows (``result.to_dict()`` is what ``solve --json`` prints,
``analysis.to_dict()`` what ``analyse ... --json`` prints): a second solve in
another process could stop at another plan under the same limit.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests.helpers.cli_support import run

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")

ANALYSES = "withdrawal,odds,backstop"
DRAWS = "200"
NUMBER = re.compile(r"(?<![\w.])[+-]?\d[\d,]*(?:\.\d+)?%?")


def page_texts(pdf) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def json_of(*args: str) -> dict:
    done = run(*args, "--json", timeout=900)
    assert done.stdout, done.stderr
    return json.loads(done.stdout)


def scenario_file(tmp_path, declined: str | None):
    text = run("default", "2025-02-report").stdout
    data = json.loads(text)
    if declined:
        for nation in data["nations"]:
            if nation["code"] == declined:
                nation["status"] = "declined"
    path = tmp_path / f"s-{declined or 'as-shipped'}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path, data


def cost(data: dict, allocation: list[dict]) -> float:
    """Spec section 2: cost index x personnel x count over every cell."""
    index = {n["code"]: n["cost_per_troop"] for n in data["nations"]}
    people = {u["id"]: u["personnel"] for u in data["unit_types"]}
    return sum(index[c["nation"]] * people[c["unit_type"]] * c["count"] for c in allocation)


def off_fair_share(data: dict, solved: dict) -> float:
    """Spec section 2: sum over nations of |troops - fair share x total| (one period)."""
    weights = {n["code"]: n["burden_weight"] for n in data["nations"] if n["status"] != "declined"}
    total_weight = sum(weights.values())
    troops = {n["code"]: n["troops"] for n in solved["nations"]}
    total = solved["total_troops"]
    return sum(abs(troops[c] - w / total_weight * total) for c, w in weights.items())


def figures(data: dict, results: list[dict], analyses: list[dict]) -> set[float]:
    """Every number the decision note may print, as values (percentages as per cent)."""
    low, high = data["target"]["min_troops"], data["target"]["max_troops"]
    allowed: set[float] = {low, high, (low + high + 1) // 2}  # the band, and its middle
    texts = [data["name"]] + [u["name"] for u in data["unit_types"]]
    plans = [r for r in results if r["status"] in ("optimal", "feasible")]
    values = []
    for r in plans:
        total = r["total_troops"]
        troops = [n["troops"] for n in r["nations"]]
        allowed |= {total, sum(1 for t in troops if t)} | set(troops)
        allowed.add(len({a["nation"] for a in r["allocation"] if a["count"]}))  # taking part
        allowed |= {100 * t / total for t in troops}
        statuses = {n["code"]: n["status"] for n in data["nations"]}
        loose = sum(n["troops"] for n in r["nations"] if statuses[n["code"]] != "committed")
        allowed.add(100 * loose / total)
        values.append((cost(data, r["allocation"]), off_fair_share(data, r), total))
    for c, d, t in values:
        allowed |= {c, d, t - low}  # troops that can fall away before leaving the band
        for c0, d0, t0 in values:
            allowed |= {c - c0, d - d0, 100 * (c - c0) / c0, t - t0}
    for r in results:
        texts += r["explanation"]
    offering = [
        n for n in data["nations"] if n["status"] != "declined" and any(n["offers"].values())
    ]
    allowed.add(len(offering))
    for a in analyses:
        if a["analysis"] == "odds":
            allowed |= {100 * a["feasible_share"], a["draws_done"]}
        if a["analysis"] == "backstop":
            allowed |= {u["short"] for u in a["units"]}
    for text in texts:
        allowed |= {value for value, _ in map(parse, NUMBER.findall(text))}
    return allowed


def parse(token: str) -> tuple[float, int]:
    """A printed number as (value, decimals)."""
    plain = token.replace(",", "").rstrip("%")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    return float(plain), decimals


def matches(token: str, allowed: set[float]) -> bool:
    value, decimals = parse(token)
    step = 0.5 * 10**-decimals + 1e-9
    return any(abs(abs(value) - abs(a)) <= step for a in allowed)


CASES = [None, "US", "FR"]
SOLVER_TERMS = re.compile(
    r"\b(objective|min_cost|fair_share|seed|constraints?|solver|optimal|infeasible|gap|"
    r"integer program|MIP)\b|\.json\b|\.md\b|docs/",
    re.IGNORECASE,
)
"""Words a minister should not meet: solver output, file paths (decided in docs/decisions.md)."""


def stray_words(text: str, data: dict) -> list[str]:
    """Solver terms, and ids of the scenario (unit types, areas, constraint keys) in `text`."""
    found = [m.group(0) for m in SOLVER_TERMS.finditer(text)]
    ids = [u["id"] for u in data["unit_types"]] + [a["id"] for a in data.get("areas", [])]
    found += [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
    return found + re.findall(r"\b(?:target|requirement|share|nations|area)\.[\w.@]+", text)


@pytest.mark.parametrize("declined", CASES, ids=["as-shipped", "US-declined", "FR-declined"])
def test_every_figure_of_the_decision_note_is_computed(tmp_path, declined):
    path, data = scenario_file(tmp_path, declined)
    pdf = tmp_path / "brief.pdf"
    made = run(
        "brief",
        path,
        "-o",
        pdf,
        "--analyses",
        ANALYSES,
        "--draws",
        DRAWS,
        "--date",
        "2026-03-02",
        timeout=900,
    )
    assert made.returncode == 0, made.stderr
    pages = page_texts(pdf)
    annex = next(i for i, page in enumerate(pages) if "Annex A: the plan\n" in page)
    assert annex <= 2, "the decision note is at most two pages"
    note = "\n".join(pages[:annex])
    assert "Recommendation." in note and "Decision requested." in note and "Options" in note
    plan = "\n".join(pages[annex:])
    plan = plan[: plan.index("Contributions by nation")]
    assert not stray_words(note + plan, data), stray_words(note + plan, data)
    note = note.split("Contents (each annex from a new page)")[0]  # page numbers: tested below
    note = note.replace("2 March 2026", "").replace("16 March 2026", "")
    note = re.sub(r"Page \d+ of \d+|Force Planner [\d.]+", "", note)
    results = [json_of("solve", path), json_of("solve", path, "--objective", "fair_share")]
    # the option 'middle of the band': the band's bottom raised to its middle, same objective
    low, high = data["target"]["min_troops"], data["target"]["max_troops"]
    raised = tmp_path / "middle.json"
    raised.write_text(
        json.dumps(dict(data, target=dict(data["target"], min_troops=(low + high + 1) // 2))),
        encoding="utf-8",
    )
    results.append(json_of("solve", raised))
    analyses = [
        json_of("analyse", "withdrawal", path),
        json_of("analyse", "odds", path, "--draws", DRAWS),
        json_of("analyse", "backstop", path),
    ]
    allowed = figures(data, results, analyses)
    stray = [t for t in NUMBER.findall(note) if not matches(t, allowed)]
    assert not stray, f"figures on page 1 that no command computes: {stray}\n{note}"


DEFAULT_SOLVE_SECONDS = 20.0
"""The default's solve in the test: a plan, or on a loaded machine none found yet."""
DEFAULT_ANALYSIS_SECONDS = 20.0


def default_data(declined: str | None) -> dict:
    """The built-in default, with `declined`'s status set to declined (spec section 1)."""
    from planner.scenario.library import NEWEST

    data = json.loads(NEWEST.text())
    if declined:
        nation = next(n for n in data["nations"] if n["code"] == declined)
        nation["status"] = "declined"
    return data


def period_figures(data: dict, r: dict) -> tuple[set[float], float, float]:
    """Figures of one plan over periods: per period totals, each nation's troops and shares,
    the uncommitted share; cost over the horizon and troops off fair share summed over
    periods (spec section 7, computed here from the document)."""
    statuses = {n["code"]: n["status"] for n in data["nations"]}
    weights = {n["code"]: n["burden_weight"] for n in data["nations"] if n["status"] != "declined"}
    total_weight = sum(weights.values())
    found_cost = cost(data, r["allocation"])
    found: set[float] = {found_cost}
    fair = 0.0
    for period in r.get("periods", []):
        total = period["total_troops"]
        inside = {n["code"]: n["in_target"] for n in period["nations"]}
        troops = {n["code"]: n["troops"] for n in period["nations"]}
        found |= {total, period["ground_troops"], sum(1 for t in inside.values() if t)}
        found |= set(inside.values()) | set(troops.values())
        if total:
            found |= {100 * t / total for t in inside.values()}
            loose = sum(t for c, t in inside.items() if statuses[c] != "committed")
            found.add(100 * loose / total)
        fair += sum(
            abs(troops[c] - w / total_weight * period["ground_troops"]) for c, w in weights.items()
        )
    found.add(fair)
    return found, found_cost, fair


def decision_note_text(pdf) -> tuple[str, int]:
    pages = page_texts(pdf)
    annex = next(i for i, page in enumerate(pages) if "Annex A: the plan\n" in page)
    return "\n".join(pages[:annex]), annex


@pytest.mark.parametrize("declined", CASES, ids=["default", "US-declined", "FR-declined"])
def test_every_figure_on_page_1_of_the_default_brief_is_computed(tmp_path, declined):
    import time
    from datetime import UTC, datetime

    from planner.brief import DocumentControl, render_brief
    from planner.brief.analyses import run_analyses
    from planner.scenario.io import loads_scenario
    from planner.solve import solve

    data = default_data(declined)
    scenario = loads_scenario(json.dumps(data))
    result = solve(scenario, time_limit=DEFAULT_SOLVE_SECONDS)
    deadline = time.monotonic() + DEFAULT_ANALYSIS_SECONDS
    analyses = run_analyses(
        scenario,
        None,
        ANALYSES.split(","),
        result,
        deadline=deadline,
        options={"odds": {"draws": 20}},
    )
    analyses.time_limit = DEFAULT_ANALYSIS_SECONDS
    control = DocumentControl(dated=datetime(2026, 3, 2).date())
    pdf_bytes, _ = render_brief(
        scenario, result, control, datetime(2026, 3, 2, tzinfo=UTC), analyses
    )
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(pdf_bytes)
    note, annex = decision_note_text(pdf)
    assert annex <= 2, "the decision note is at most two pages"
    assert "Recommendation." in note and "Decision requested." in note and "Options" in note
    assert not stray_words(note, data), stray_words(note, data)
    if result.has_plan:
        assert f"{result.evaluation.total_at[result.evaluation.least_period - 1]:,} troops" in note
    if result.status == "feasible":  # the time limit stopped the search: said in words
        flat = " ".join(note.split())
        assert "not proven the best" in flat and "may exist" in flat, flat
    if result.status == "unknown":
        assert "is not yet known" in " ".join(note.split())
    note = note.split("Contents (each annex from a new page)")[0]
    note = note.replace("2 March 2026", "").replace("16 March 2026", "")
    note = re.sub(r"Page \d+ of \d+|Force Planner [\d.]+", "", note)
    results = [result.to_dict()] + ([analyses.other.to_dict()] if analyses.other else [])
    documents = [a.to_dict() for a in analyses.results.values()]
    allowed = figures(data, results, documents)
    values = []
    for r in results:
        if r["status"] in ("optimal", "feasible"):
            found, c, d = period_figures(data, r)
            allowed |= found
            values.append((c, d))
            if r["status"] == "feasible" and r["mip_gap"] is not None:
                allowed |= {r["mip_gap"] * r["objective_value"], 100 * r["mip_gap"]}
        allowed.add(r["solve_seconds"])
    for c, d in values:  # the options' differences against A, as the brief prints them
        for c0, d0 in values:
            allowed |= {c - c0, d - d0, 100 * (c - c0) / c0}
    stray = [t for t in NUMBER.findall(note) if not matches(t, allowed)]
    assert not stray, f"figures on page 1 that no document holds: {stray}\n{note}"


def test_a_quick_brief_says_what_it_did_not_assess(tmp_path):
    path, data = scenario_file(tmp_path, None)
    pdf = tmp_path / "quick.pdf"
    made = run("brief", path, "-o", pdf, "--analyses", "none")
    assert made.returncode == 0, made.stderr
    first = page_texts(pdf)[0]
    assert "Not assessed in this brief" in first
    # four options side by side wrap a cell's words, so read the page in reading order
    cells = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True)
    assert "Not assessed (quick brief)" in " ".join(cells.stdout.split())
    assert not stray_words(first, data)


def test_a_fair_share_brief_says_how_its_ties_were_settled(tmp_path):
    """fair_share weighs troops only: the units and stand-off support are a least-cost choice."""
    path, data = scenario_file(tmp_path, None)
    pdf = tmp_path / "fair.pdf"
    made = run("brief", path, "-o", pdf, "--analyses", "none", "--objective", "fair_share")
    assert made.returncode == 0, made.stderr
    pages = page_texts(pdf)
    annex = next(i for i, page in enumerate(pages) if "Annex A: the plan\n" in page)
    plan = " ".join(" ".join(pages[annex:]).split())
    plan = plan[: plan.index("Contributions by nation")]
    assert "settled by least cost among the equally fair plans" in plan
    assert "not a finding about who should give them" in plan
    assert not stray_words(" ".join(pages[: annex + 1]), data)


def test_every_section_has_a_bookmark_and_a_contents_line_with_its_page(tmp_path):
    from pypdf import PdfReader

    path, _ = scenario_file(tmp_path, None)
    pdf = tmp_path / "quick.pdf"
    assert run("brief", path, "-o", pdf, "--analyses", "none").returncode == 0
    pages = page_texts(pdf)
    reader = PdfReader(pdf)

    def titles(items) -> list[str]:
        found = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    marks = titles(reader.outline)
    for heading in (
        "Decision note",
        "Annex A: the plan",
        "Contributions by nation",
        "Units by nation and type",
        "Annex C: assumptions and sources",
        "Sources",
    ):
        assert any(m.startswith(heading) for m in marks), heading
    lines = re.findall(r"^\s*(\S.*?)[ .]{4,}(\d+)\s*$", pages[0], re.MULTILINE)
    assert len(lines) >= 6, pages[0]
    for title, page in lines:
        assert " ".join(title.split()) in " ".join(pages[int(page) - 1].split()), (title, page)
    assert reader.metadata.title.startswith("Decision brief")


def test_a_long_scenario_name_is_elided_in_the_footer_which_stays_on_the_page(tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from planner.brief.document import elide
    from planner.brief.text import fonts

    regular = fonts().regular
    long = "Reference X — " + "Multinational Force Ukraine, southern hubs " * 8 + "— 2 March 2026"
    cut = elide(long, regular, 6.0, 300)
    assert stringWidth(cut, regular, 6.0) <= 300 < stringWidth(long, regular, 6.0)
    assert cut.startswith("Reference X") and cut.endswith("2 March 2026") and "…" in cut
    path, data = scenario_file(tmp_path, None)
    data["name"] = ("Multinational Force Ukraine, southern hubs " * 5)[:200]
    path.write_text(json.dumps(data), encoding="utf-8")
    pdf = tmp_path / "long.pdf"
    assert run("brief", path, "-o", pdf, "--analyses", "none").returncode == 0, "brief"
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes))
    assert right <= 595.3 - 18 * 72 / 25.4 + 1  # A4 width less the margin, in points
    assert "Page 1 of" in page_texts(pdf)[0]


def prose_of(data: dict) -> list[str]:
    """The texts of a scenario the brief quotes: description, notes, assumptions."""
    texts = [data.get("description", ""), data.get("backstop", {}).get("notes", "")]
    texts += [n.get("notes", "") for n in data["nations"]]
    for assumption in data.get("assumptions", []):
        texts += [assumption.get("text", ""), assumption.get("reason", "")]
    return [t for t in texts if t]


@pytest.mark.parametrize(
    "name",
    ["default_scenario.json", "scenarios/2025-02-report.json", "scenarios/2026-01-paris.json"],
)
def test_the_built_in_notes_a_brief_quotes_are_in_planner_words(name):
    """Annex C quotes these verbatim: no field ids ("max_troops 0"), solver terms or file paths."""
    from pathlib import Path

    data = json.loads((Path(__file__).parents[2] / "resources" / name).read_text())
    ids = re.compile(r"\b[a-z]+_[a-z_]+\b|\b\w+: (?:true|false)\b|\.json\b|\.md\b|docs/")
    assumptions = data.get("assumptions", [])
    named = [a["id"] for a in assumptions if a["id"].count("-") > 1]  # not the word "build-up"
    stray = {t[:60]: ids.findall(t) + [i for i in named if i in t] for t in prose_of(data)}
    stray = {text: found for text, found in stray.items() if found}
    assert not stray, stray  # quoted sources may say "constraints": only ids and paths are out


def test_a_plan_the_time_limit_stopped_says_how_much_better_one_may_be(tmp_path):
    """Page 1 says the plan is not proven best, and by how much a cheaper one could win."""
    from dataclasses import replace

    from planner.brief import render_brief
    from planner.brief.facts import gather
    from planner.brief.findings import unproven
    from planner.scenario.io import loads_scenario
    from planner.scenario.words import cost
    from planner.solve import solve
    from planner.status import Status
    from tests.core.test_cli import small_scenario

    scenario = loads_scenario(json.dumps(small_scenario()))
    proved = solve(scenario)
    assert proved.status == "optimal" and not unproven(gather(scenario, proved))
    stopped = replace(proved, status=Status.FEASIBLE, mip_gap=0.0412, solve_seconds=600.2)
    value = stopped.objective_value
    sentence = unproven(gather(scenario, stopped))
    assert sentence == (
        "The plan shown is the best found in 600 s, not proven the best: a cheaper one may "
        f"exist, by up to {cost(0.0412 * value)} troop-equivalents of cost (4.1%)."
    )
    no_gap = unproven(gather(scenario, replace(stopped, mip_gap=None)))
    assert no_gap.endswith("a cheaper one may exist; how much cheaper is not known.")
    pdf = tmp_path / "stopped.pdf"
    pdf.write_bytes(render_brief(scenario, stopped)[0])
    first = " ".join(page_texts(pdf)[0].split())
    assert sentence in first


def test_page_1_of_a_brief_the_time_limit_cut_short_says_so(tmp_path):
    """Analyses not finished, or no plan found in time: page 1 says what is not known and why,
    never 'quick brief' or 'cannot be composed'."""
    from dataclasses import replace

    from planner.brief import BriefAnalyses, render_brief
    from planner.scenario.io import loads_scenario
    from planner.solve import solve
    from planner.status import Status
    from tests.core.test_cli import small_scenario

    data = small_scenario()
    scenario = loads_scenario(json.dumps(data))
    result = solve(scenario)
    late = BriefAnalyses(unfinished=["withdrawal", "odds", "backstop"], time_limit=600)
    pdf = tmp_path / "late.pdf"
    pdf.write_bytes(render_brief(scenario, result, analyses=late)[0])
    first = " ".join(page_texts(pdf)[0].split())
    assert "Not assessed (time limit)." in first and "quick brief" not in first
    assert "did not finish within its time limit" in first
    assert not stray_words(first, data)
    from planner.scenario.io import default_scenario

    bottom = solve(default_scenario())  # at the band's bottom: the middle option is offered
    pdf.write_bytes(render_brief(default_scenario(), bottom, analyses=late)[0])
    first = " ".join(page_texts(pdf)[0].split())
    assert "27,500 troops or more" in first and "quick brief" not in first  # option D: middle
    unknown = replace(result, status=Status.UNKNOWN, allocation={}, solve_seconds=600.1)
    unknown.notes = ["The time limit ended the search before any plan was found."]
    pdf.write_bytes(render_brief(scenario, unknown)[0])
    first = " ".join(page_texts(pdf)[0].split())
    assert "No plan was found in the 600 s the search was given" in first
    assert "is not yet known" in first and "cannot be composed" not in first
    assert "No plan found in the time given; none proven" in first
    assert "brief be made again with more time" in first
    assert not stray_words(first, data)


def test_page_1_names_what_the_closest_plan_lacks_when_the_explanation_was_cut_short(tmp_path):
    from dataclasses import replace

    from planner.brief import render_brief
    from planner.brief.closest import INCOMPLETE
    from planner.scenario.io import loads_scenario
    from planner.solve import solve
    from tests.core.test_cli import small_scenario

    data = small_scenario()
    data["requirements"]["mech_inf_bn"]["min"] = 9  # 5 offered
    scenario = loads_scenario(json.dumps(data))
    result = solve(scenario)
    assert result.status == "infeasible" and result.allocation
    cut = replace(result, unmet=[], conflict=[])
    cut.notes = [f"{INCOMPLETE}: the time limit or a cancel stopped it early."]
    pdf = tmp_path / "cut.pdf"
    pdf.write_bytes(render_brief(scenario, cut)[0])
    first = " ".join(page_texts(pdf)[0].split())
    assert "The closest plan found keeps every nation's own statements but falls short on" in first
    assert "Mech inf (Annex A lists each shortfall)" in first
    assert not stray_words(first, data)


def test_a_declined_backstop_is_said_to_be_out_even_when_its_analysis_did_not_finish(tmp_path):
    """With the US declined, option C and the findings say it is already out; they said
    'Not assessed (time limit)' and 'not assessed: whether the others can do without the
    backstop' when the backstop analysis ran out of time (2026 default, US declined)."""
    from planner.brief import BriefAnalyses, render_brief
    from planner.scenario.io import default_scenario, loads_scenario, scenario_to_dict
    from planner.solve import solve

    data = scenario_to_dict(default_scenario())
    for nation in data["nations"]:
        if nation["code"] == "US":
            nation["status"] = "declined"
    scenario = loads_scenario(json.dumps(data))
    late = BriefAnalyses(unfinished=["backstop"], time_limit=600)
    pdf = tmp_path / "us-out.pdf"
    pdf.write_bytes(render_brief(scenario, solve(scenario), analyses=late)[0])
    first = " ".join(page_texts(pdf)[0].split())
    assert "The same as A: declined here." in first
    assert "do without the backstop" not in first
    assert "is declined here" in first


def test_page_1_uses_a_withdrawal_whose_costs_were_cut_short(tmp_path):
    """Every nation's feasibility settled, some costs not: page 1 says whose loss breaks the
    force exactly as with the whole analysis, and does not list it as not assessed."""
    import threading

    from planner.analyses.withdrawal import analyse_withdrawal
    from planner.brief import BriefAnalyses, render_brief
    from planner.scenario.io import default_scenario
    from planner.solve import solve
    from tests.core.test_analyses_partial import cancel_after

    scenario = default_scenario()
    result = solve(scenario)
    full = analyse_withdrawal(scenario, baseline=result, workers=1, cancel=threading.Event())
    cancel, progress = cancel_after(1 + full.feasibility_units + 1)
    cut = analyse_withdrawal(scenario, baseline=result, workers=1, cancel=cancel, progress=progress)
    assert cut.feasibility_complete and not cut.complete and cut.cost_unsettled
    pages = []
    for analysis in (full, cut):
        pdf = tmp_path / "brief.pdf"
        pdf.write_bytes(
            render_brief(scenario, result, analyses=BriefAnalyses({"withdrawal": analysis}))[0]
        )
        pages.append(" ".join(page_texts(pdf)[0].split()))
    assert "whether the loss of one nation breaks the force" not in pages[1]
    assert pages[1] == pages[0]


def test_the_nations_taking_part_add_up_where_some_stand_outside_the_target(tmp_path):
    """Page 1 and the key figures count every nation taking part, not only those in the band:
    nations with troops on the ground, with troops only outside the target area and with
    stand-off support only add up to those taking part (spec section 7 counts participation
    wherever a nation's units stand). Without troops outside, the verdict's count is unchanged."""
    from pathlib import Path

    from planner.brief.facts import gather, nations_phrase
    from planner.brief.findings import robustness, verdict
    from planner.scenario.io import loads_scenario
    from planner.solve import solve

    examples = Path(__file__).parents[1] / "helpers" / "reference" / "examples"
    data = json.loads((examples / "small-space-time.json").read_text(encoding="utf-8"))
    germany = next(n for n in data["nations"] if n["code"] == "DE")
    assert germany["areas"] == ["pl_se"] and not data["areas"][2]["in_target"]
    germany["status"] = "committed"  # must take part, and may stand in Poland only
    scenario = loads_scenario(json.dumps(data))
    result = solve(scenario)
    facts = gather(scenario, result)
    taking = facts.taking_part
    assert len(taking) == len(facts.sending_troops) + len(facts.outside_only) + len(
        facts.standoff_only
    )
    assert [r.nation.name for r in facts.outside_only] == ["Germany"]
    assert "troops only outside the target area from 1 more (Germany)" in nations_phrase(facts)
    assert f"({len(taking)} taking part in all)" in verdict(facts, robustness(facts, None))
    data["nations"][2]["status"] = "possible"
    plain = gather(loads_scenario(json.dumps(data)), solve(loads_scenario(json.dumps(data))))
    assert not plain.outside_only and "taking part" not in verdict(plain, robustness(plain, None))


def test_a_backstop_whose_explanation_was_cut_reads_as_english_on_page_1(tmp_path, monkeypatch):
    """No shortfall is known when the explanation was cut (the Paris default's): page 1 says
    the others cannot cover 'the support it gives', and the option and the recommendation
    read as sentences ('its the support it gives' and 'gives short' were printed)."""
    import dataclasses

    import planner.solve as solving
    from planner.analyses.backstop import analyse_backstop
    from planner.brief import BriefAnalyses, render_brief
    from planner.scenario.io import default_scenario

    real = solving.diagnose
    monkeypatch.setattr(
        solving, "diagnose", lambda *a, **k: dataclasses.replace(real(*a, **k), complete=False)
    )
    scenario = default_scenario()
    backstop = analyse_backstop(scenario)
    assert backstop.units == [] and backstop.feasibility_complete
    monkeypatch.setattr(solving, "diagnose", real)
    result = solving.solve(scenario)
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(
        render_brief(scenario, result, analyses=BriefAnalyses({"backstop": backstop}))[0]
    )
    note = " ".join(decision_note_text(pdf)[0].split())
    assert "the others cannot cover the support it gives" in note
    assert "Without it no plan" in note  # the option's cell (wrapped in its column)
    assert "United States confirming the support it gives" in note
    assert "its the support" not in note and "gives short" not in note
