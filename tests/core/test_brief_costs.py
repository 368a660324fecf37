"""Costs have one home (`planner.scenario.words.cost`): the brief, the CLI's text and
`solve --json` give the same figure.

The default scenario's least cost is 29,880.5 troop-equivalents: Python's rounding once
printed it as "29,880" on page 1 of the brief while `solve --json` said 29880.5.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from planner.scenario.words import cost, cost_change
from tests.core.test_brief import pages_of
from tests.core.test_brief_decision import page_texts
from tests.helpers.cli_support import ROOT, run

DEFAULT = ROOT / "resources" / "default_scenario.json"
FIGURE = r"(\d{1,3}(?:,\d{3})*(?:\.\d+)?)"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (29880.5, "29,880.5"),  # a multiple of 0.5: exactly as it is
        (29880.0, "29,880"),
        (0.5, "0.5"),
        (172.49999999999997, "172.5"),  # float noise of a sum: the half it stands for
        (29880.000000000004, "29,880"),
        (1234.25, "1,234.3"),  # otherwise half up to one decimal, the decimal always shown
        (1234.35, "1,234.4"),  # (Python's f"{1234.35:.1f}" gives 1234.3)
        (1234.04, "1,234.0"),
        (999999.95, "1,000,000.0"),
        (-1250.0, "-1,250"),
        (-0.25, "-0.3"),
        (-0.04, "0.0"),
        (0.0, "0"),
    ],
)
def test_a_cost_is_exact_on_halves_and_rounded_half_up_otherwise(value, shown):
    assert cost(value) == shown


def test_a_cost_change_is_signed():
    assert [cost_change(v) for v in (200.5, -1250.0, 0.0, 12.25)] == [
        "+200.5",
        "-1,250",
        "+0",
        "+12.3",
    ]


def _number(text: str) -> float:
    return float(text.replace(",", ""))


@pytest.fixture(scope="module")
def default_documents(tmp_path_factory):
    """`solve --json`, `solve`'s text and the quick brief of the default scenario file."""
    folder = tmp_path_factory.mktemp("costs")
    solved = run("solve", DEFAULT, "--json")
    assert solved.returncode == 0, solved.stderr
    result = json.loads(solved.stdout)
    text = run("solve", DEFAULT)
    assert text.returncode == 0, text.stderr
    pdf = folder / "default.pdf"
    made = run("brief", DEFAULT, "--analyses", "none", "-o", pdf)
    assert made.returncode == 0, made.stderr
    return result, text.stdout, pdf


def test_the_default_scenarios_least_cost_is_a_half(default_documents):
    """What the rest checks: a figure Python's own rounding would have shown wrongly."""
    result, _, _ = default_documents
    assert result["objective"] == "min_cost" and result["objective_value"] == 29880.5


def test_the_briefs_cost_figures_are_solve_jsons_cost(default_documents):
    result, _, pdf = default_documents
    value = result["objective_value"]
    if shutil.which("pdftotext") is not None:  # page 1 as laid out: the options table's row
        first = " ".join(page_texts(pdf)[0].split())
        row = re.search(rf"\bCost {FIGURE} ", first)
        assert row, first
        assert _number(row[1]) == value and row[1] == cost(value)
    pages = pages_of(pdf)  # every page, spaces squashed (the helper of the brief's tests)
    text = "".join(pages)
    said = re.findall(r"leastcost:" + FIGURE + r"troop-equivalentsofcost", text)
    said += re.findall(r"thisplan:" + FIGURE + r"troop-equivalentsofcost", text)
    assert len(said) >= 2, "the summary's 'Chosen for' and the method's 'this plan'"
    assert all(_number(figure) == value for figure in said), said
    assert re.search(r"Cost" + re.escape(cost(value)) + r"troop-equivalents", pages[0])


def test_the_cli_text_gives_the_cost_as_json_does(default_documents):
    result, text, _ = default_documents
    line = next(line for line in text.splitlines() if line.startswith("Objective (min_cost):"))
    assert line == f"Objective (min_cost): {cost(result['objective_value'])}"
    assert _number(line.split(": ")[1]) == result["objective_value"]
