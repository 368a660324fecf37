"""The brief of a scenario over periods: figures by nation add up and match `solve --json`.

A nation's peak troops over the horizon come from different periods and do
not add up (the worked example's peaks make 133% of the force). The brief
states troops by nation for one period, the full period with the fewest
troops in the target, and the force period by period; every one of those
figures is checked against the result document's `periods[]`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers.cli_support import run

EXAMPLES = Path(__file__).parents[1] / "helpers" / "reference" / "examples"
LABEL = re.compile(r"(\d{4}-Q\d) ([\d,]+)")


@pytest.mark.parametrize("name", ["small-space-time", "small-space-time-no-us"])
def test_bottom_line_figures_over_periods_match_the_result(tmp_path, name):
    source = EXAMPLES / f"{name}.json"
    done = run("solve", source, "--json")
    assert done.returncode in (0, 2), done.stderr
    result = json.loads(done.stdout)
    out = tmp_path / "b.pdf"
    made = run("brief", source, "-o", out, "--analyses", "none")
    assert made.returncode == 0, made.stderr
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages)
    line = text[text.index("Troops by nation are for") :]
    shown = re.match(r"Troops by nation are for (\d{4}-Q\d)", line)[1]
    by_label = dict(LABEL.findall(line[line.index("In the target by quarter:") :][:200]))
    periods = result["periods"]
    labels = [f"2027-Q{t}" for t in range(1, len(periods) + 1)]
    assert {k: int(v.replace(",", "")) for k, v in by_label.items()} == {
        labels[p["period"] - 1]: p["total_troops"] for p in periods
    }
    scenario = json.loads(source.read_text())
    full = [p for p in periods if p["period"] >= scenario["periods"]["full_from"]]
    least = min(full, key=lambda p: (p["total_troops"], p["period"]))
    assert shown == labels[least["period"] - 1]
    total = least["total_troops"]
    annex = re.search(r"Annex A: the plan(?! \.)", text).start()  # the heading, not contents
    contributors = text[text.index("contributors:", annex) :][:200]
    stated = re.findall(r"([A-Z][a-z]+(?: [A-Z][a-z]+)*) ([\d,]+) \((\d+)%\)", contributors)
    in_target = {n["code"]: n["in_target"] for n in least["nations"]}
    names = {n["name"]: n["code"] for n in scenario["nations"]}
    assert stated
    for nation, troops, share in stated:
        assert int(troops.replace(",", "")) == in_target[names[nation]]
        assert int(share) == round(100 * in_target[names[nation]] / total)
    assert sum(in_target.values()) == total
