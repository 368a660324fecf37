"""The brief's rotation table says each cycle and each largest force in words, as the app does.

Both take the phrases from the core (`cycle_words`, `CycleLine.kept_words`): a bare "1" for
a cycle or "-" for no force is what a minister's office cannot read.
"""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph, Table

from planner.analyses.sustainment import CycleLine, SustainmentAnalysis, cycle_words
from planner.brief.analysis_sustainment import sustainment_section
from planner.scenario.io import load_scenario
from tests.helpers.cli_support import ROOT

PARIS = ROOT / "resources" / "scenarios" / "2026-01-paris.json"


def _text(value: object) -> str:
    if isinstance(value, Paragraph):
        return value.getPlainText()
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value)
    return str(value)


def test_the_rotation_table_reads_in_words():
    scenario = load_scenario(PARIS)
    low = scenario.target.min_troops
    lines = [
        CycleLine(1, low + 500, "optimal", True),
        CycleLine(2, low - 1_000, "feasible", False),
        CycleLine(3, None, "infeasible", False),
        CycleLine(4, None, "unknown", None),
    ]
    analysis = SustainmentAnalysis(scenario, "least_cost", low + 500, "optimal", [], lines)
    section = sustainment_section(scenario, analysis, 400.0)
    # one block, so that a page break never leaves a row of the table alone on a page
    assert len(section) == 1 and isinstance(section[0], KeepTogether)
    tables = [f for f in section[0]._content if isinstance(f, Table)]
    assert len(tables) == 1
    rows = [[_text(v) for v in row] for row in tables[0]._cellvalues[1:]]
    assert [r[0] for r in rows] == [
        "every quarter (no rotation)",
        "one quarter in 2",
        "one quarter in 3",
        "one quarter in 4",
    ]
    assert [r[1] for r in rows] == [
        f"{low + 500:,}",
        f"at least {low - 1_000:,}, below the band (1,000 short)",
        "none: no plan keeps the other rules",
        "none found in the time limit",
    ]
    assert cycle_words("month", 12) == "one month in 12"
