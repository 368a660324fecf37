"""Sources once: each printed once under Sources and cited by number; assumptions apart.

On the February 2025 scenario (free-text sources repeated under every
nation) and on the report scenario (dated references and planning
assumptions behind each figure).
"""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from planner.brief.bibliography import figures_words
from planner.scenario.io import default_scenario
from planner.scenario.library import builtin
from tests.helpers.cli_support import run


def _text(path) -> str:
    return "".join("".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sources")
    out = {}
    for name, text in [
        ("default", None),
        ("report", builtin("2025-02-report").text()),
    ]:
        source = folder / f"{name}.json"
        if text is None:
            source = "resources/default_scenario.json"
        else:
            source.write_text(text, encoding="utf-8")
        pdf = folder / f"{name}.pdf"
        done = run("brief", source, "-o", pdf, "--analyses", "none")
        assert done.returncode == 0, done.stderr
        out[name] = _text(pdf)
    return out


def test_a_source_repeated_under_every_nation_is_printed_once(briefs):
    text = briefs["default"]
    sources = {src for n in default_scenario().nations for src in n.sources}
    assert len(sources) > 20
    for source in sources:
        assert text.count(_squash(source)) == 1, source[:60]
    cited = {
        int(n) for group in re.findall(r"Sources:\[([\d,]+)\]", text) for n in group.split(",")
    }
    assert cited == set(range(1, len(sources) + 1))  # every number cited exists, and is cited


def test_each_reference_once_and_each_assumption_once_with_what_rests_on_it(briefs):
    text = briefs["report"]
    scenario = builtin("2025-02-report").scenario()
    provenance = scenario.provenance
    for reference in provenance.references:
        shown = _squash(f"{reference.outlet}, {reference.date}")
        assert text.count(shown) <= 1, reference.id
    numbers = []
    for assumption in provenance.assumptions:
        start = re.escape(_squash(assumption.text)[:40])
        found = re.findall(rf"A(\d+)\.(?:Movestheresult\.)?{start}", text)
        assert len(found) == 1, assumption.id  # defined once, with its number
        numbers.append(int(found[0]))
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    said = text.count("Itstandsbehind") + text.count("Nofigurecitesit.")
    assert said == len(numbers)  # each says what rests on it
    assert "Itstandsbehindeverynation'sstatus." in text


def test_a_nation_field_is_said_once_for_all_its_nations():
    scenario = default_scenario()
    keys = [f"nation.{n.code}.status" for n in scenario.nations] + ["target"]
    assert figures_words(scenario, keys) == ["every nation's status", "the target band"]
    two = [f"nation.{n.code}.max_troops" for n in scenario.nations[:2]]
    names = [n.name for n in scenario.nations[:2]]
    assert figures_words(scenario, two) == [f"the ceiling of {names[0]} and {names[1]}"]
