"""The brief PDF names its language, shows its title and is tagged (test_brief_tagged.py)."""

from __future__ import annotations

import io

import pypdf
from pypdf.generic import BooleanObject

from planner.brief import render_brief
from planner.scenario.io import load_scenario
from planner.solve import solve


def test_brief_sets_language_and_title_display_and_says_it_is_tagged() -> None:
    scenario = load_scenario("resources/scenarios/2025-02-report.json")
    data, _ = render_brief(scenario, solve(scenario))
    root = pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True) and "/StructTreeRoot" in root
