"""The brief PDF names its language and shows its title, and never claims tagging it lacks."""

from __future__ import annotations

import io

import pypdf

from planner.brief import render_brief
from planner.scenario.io import load_scenario
from planner.solve import solve


def test_brief_sets_language_and_title_display_without_claiming_tags() -> None:
    scenario = load_scenario("resources/scenarios/2025-02-report.json")
    data, _ = render_brief(scenario, solve(scenario))
    root = pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert "/MarkInfo" not in root and "/StructTreeRoot" not in root
