"""The PDF decision brief (issue 6), read back with pypdf and checked against the result.

Text is compared with all whitespace removed, because a table cell or a
wrapped paragraph may break a name across lines.
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from planner.brief import DEFAULT_MARKING, DocumentControl, write_brief
from planner.brief.script_order import visual
from planner.brief.text import esc, fonts
from planner.result.document import PlanResult
from planner.scenario.io import default_scenario, default_scenario_text, loads_scenario
from planner.scenario.model import Scenario, Target
from planner.solve import solve
from tests.helpers.cli_support import run
from tests.helpers.generators import generate, tightened

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = '<b>bold</b> & "quotes" Україна Ελλάδα'


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages_of(path: Path) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(path).pages]


def brief(tmp: Path, name: str, scenario: Scenario, **kwargs) -> tuple[PlanResult, list[str]]:
    result = solve(scenario, time_limit=30)
    path = tmp / f"{name}.pdf"
    pages = write_brief(scenario, result, path, **kwargs)
    text = pages_of(path)
    assert len(text) == pages
    return result, text


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("briefs")


@pytest.fixture(scope="module")
def default_brief(folder):
    return brief(folder, "default", default_scenario())


def test_default_brief_carries_nations_total_band_and_sources(default_brief):
    result, pages = default_brief
    assert result.status == "optimal"
    assert len(pages) >= 2
    whole = "".join(pages)
    plan = result.evaluation
    for nation in result.scenario.nations:
        if plan.participating[nation.code]:
            assert squash(nation.name) in whole, nation.name
    assert f"{plan.total_troops:,}" in whole
    assert "25,000" in whole and "30,000" in whole
    sources = [s for n in result.scenario.nations for s in n.sources]
    assert any(squash(source) in whole for source in sources)
    shortest = min(sources, key=len)
    assert squash(shortest) in whole


def test_every_page_has_the_marking_and_its_number(default_brief):
    _, pages = default_brief
    for number, page in enumerate(pages, start=1):
        assert page.count(squash(DEFAULT_MARKING)) >= 2, number  # top and bottom banner
        assert f"Page{number}of{len(pages)}" in page
    assert pages[0].count("Page1of") == 1


def test_default_brief_states_the_bottom_line(default_brief):
    result, pages = default_brief
    assert "AnnexA:theplan" in pages[1]
    assert squash("A force inside the target band exists.") in pages[1]
    from planner.scenario.words import cost

    value = cost(result.objective_value)  # as solve --json gives it: 29,880.5, not 29,880
    assert f"leastcost:{value}troop-equivalentsofcost" in "".join(pages)


def test_infeasible_brief_names_what_cannot_be_met_and_the_best_reachable(folder):
    scenario = dataclasses.replace(default_scenario(), target=Target(1_000_000, 1_200_000))
    result, pages = brief(folder, "infeasible", scenario)
    assert result.status == "infeasible"
    whole = "".join(pages)
    assert "Whynoplanmeetseveryrule" in whole
    assert "NOTFEASIBLE" in whole
    unmet = result.unmet[0]
    assert unmet.constraint == "target.min_troops"
    for value in (unmet.required, unmet.best_reachable, unmet.gap):
        assert f"{value:,.0f}" in whole
    for sentence in result.explanation():  # the GUI's and the CLI's words
        assert squash(sentence) in whole


def test_infeasible_brief_when_a_nation_declines_names_the_short_unit_types(folder):
    base = default_scenario()
    nations = tuple(
        dataclasses.replace(n, status="declined") if n.code == "US" else n for n in base.nations
    )
    result, pages = brief(folder, "us-declined", dataclasses.replace(base, nations=nations))
    assert result.status == "infeasible"
    whole = "".join(pages)
    for unmet in result.unmet:
        assert squash(unmet.message) in whole
        assert unmet.constraint not in whole  # the rule in words, not its key (issue 19)


def test_hostile_text_prints_literally(folder):
    base = default_scenario()
    nations = tuple(
        dataclasses.replace(
            n, name=HOSTILE, notes="Note <para> & ' \x07 Київ", sources=("Джерело <a href='x'>",)
        )
        if n.code == "FR"
        else n
        for n in base.nations
    )
    scenario = dataclasses.replace(base, name='Test <i>x</i> & "y"', nations=nations)
    control = DocumentControl(marking='SECRET <b> & "x"')
    result, pages = brief(folder, "hostile", scenario, control=control)
    assert result.status == "optimal"
    whole = "".join(pages)
    latin = '<b>bold</b>&"quotes"'
    assert latin in whole
    assert 'Test<i>x</i>&"y"' in whole
    assert 'SECRET<b>&"x"' in pages[-1]
    assert "Note<para>&'Київ" in whole
    if fonts().embedded:  # Helvetica cannot draw Cyrillic or Greek
        assert squash(HOSTILE) in whole
        assert "Джерело<ahref='x'>" in whole


def test_escape_keeps_markup_characters_literal():
    assert esc('<b>A & "B"</b>\nC') == "&lt;b&gt;A &amp; &quot;B&quot;&lt;/b&gt;<br/>C"


def test_eighty_nations_give_a_multipage_brief_with_repeated_headers(folder):
    scenario = loads_scenario(json.dumps(generate(80, 40, 0)))
    result, pages = brief(folder, "eighty", scenario)
    assert result.has_plan
    assert len(pages) >= 6
    header_pages = [i for i, page in enumerate(pages) if "Floor–ceiling" in page]
    assert len(header_pages) >= 2, header_pages  # the contributions header repeats
    assert sum("Nation" in page for page in pages) >= 3
    whole = "".join(pages)
    for nation in scenario.nations:
        assert f"({nation.code})" in whole


def test_cli_writes_a_brief_and_refuses_bad_input_in_one_line(tmp_path):
    scenario = tmp_path / "default.json"
    scenario.write_text(default_scenario_text())
    out = tmp_path / "brief.pdf"
    proc = run("brief", scenario, "-o", out, "--marking", "NATO RESTRICTED", "--analyses", "none")
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert all("NATORESTRICTED" in page for page in pages_of(out))
    assert "brief.pdf" in proc.stdout

    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    proc = run("brief", bad, "-o", tmp_path / "bad.pdf")
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "bad.pdf").exists()

    proc = run("brief", scenario, "-o", tmp_path / "missing" / "brief.pdf", "--analyses", "none")
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "cannot write" in proc.stderr


def test_cli_writes_an_infeasible_brief_with_exit_zero(tmp_path):
    data = json.loads(default_scenario_text())
    data["target"] = {"min_troops": 1_000_000, "max_troops": 1_200_000}
    scenario = tmp_path / "infeasible.json"
    scenario.write_text(json.dumps(data))
    out = tmp_path / "infeasible.pdf"
    proc = run("brief", scenario, "-o", out, "--analyses", "none")
    assert proc.returncode == 0, proc.stderr
    assert "infeasible" in proc.stdout
    assert "Whynoplanmeetseveryrule" in "".join(pages_of(out))


MIXED_NAME = "🇺🇦🚀 Ω Ж 中文 العربية"


def test_a_mixed_script_name_is_shaped_and_what_cannot_be_drawn_is_said(tmp_path):
    data = json.loads(default_scenario_text())
    next(n for n in data["nations"] if n["code"] == "FR")["name"] = MIXED_NAME
    scenario = tmp_path / "mixed.json"
    scenario.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "mixed.pdf"
    proc = run("brief", scenario, "-o", out, "--analyses", "none")
    assert proc.returncode == 0, proc.stderr
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Ω Ж" in text
    arabic = [c for c in text if "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff"]
    assert arabic and all("\ufb50" <= c <= "\ufeff" for c in arabic)  # joined forms, shaped
    assert "العربية" in unicodedata.normalize("NFKC", text)  # drawn right to left
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    for char in "🇺🇦🚀中文":
        assert char in lines[0] and f"U+{ord(char):04X}" in lines[0]
    assert MIXED_NAME in lines[0] and "Ω" not in lines[0].split(MIXED_NAME)[0]
    notes = squash(text.split("Notes on this document")[-1])
    for char in "🇺🇦🚀中文":
        assert squash(f"U+{ord(char):04X} {unicodedata.name(char)}") in notes
    assert "cannotbedrawn" in notes
    assert "Some scenario text has characters the brief's font cannot draw" in " ".join(
        text.split()
    )


def test_a_right_to_left_phrase_keeps_its_place_and_its_brackets():
    phrase = "مرحبا (وطن)"
    line = visual(f"Largest: {phrase} 10,000 (40%)", fonts().covered)
    assert line.startswith("Largest: ") and line.endswith(" 10,000 (40%)")  # isolated
    drawn = line[len("Largest: ") : -len(" 10,000 (40%)")]
    assert drawn.startswith("(") and drawn.endswith("ﺎﺒﺣﺮﻣ")  # drawn right to left, mirrored
    mirror = str.maketrans("()", ")(")
    assert unicodedata.normalize("NFKC", drawn[::-1].translate(mirror)) == phrase
    assert visual("Ω Ж plain") == "Ω Ж plain"


def test_the_time_limit_bounds_the_whole_brief_and_names_what_did_not_finish(tmp_path):
    scenario = tmp_path / "hard.json"  # 60 nations, fair_share: minutes to solve in full
    scenario.write_text(json.dumps(tightened(60, 30, 0, "requirements")))
    out = tmp_path / "hard.pdf"
    start = time.monotonic()
    proc = run("brief", scenario, "-o", out, "--time-limit", "2", timeout=170)
    elapsed = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr
    assert elapsed < 60, elapsed  # 2 s asked; generous room for a loaded machine
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "Not finished within the 2 s time limit" in text
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "not finished within the 2 s time limit" in lines[0], proc.stderr
    # each analysis gets an even share of the time the solve left: the quick ones (this
    # scenario has no plan) finish, the rest are named in the brief and on stderr
    unfinished = lines[0].split("listed as such in the brief: ")[1].split(", ")
    assert unfinished and set(unfinished) <= {
        "withdrawal",
        "odds",
        "sensitivity",
        "backstop",
        "pareto",
        "stability",
    }
    for name in unfinished:
        assert f"({name})" in text, name
