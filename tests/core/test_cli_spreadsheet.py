"""`force-planner spreadsheet`: the nations table out and back in, through a real process.

The European files are built here byte by byte (Windows-1252 with semicolons
and decimal commas, as German Excel saves "CSV"; UTF-16 with tabs, as
"Unicode text"), so the test runs without LibreOffice.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from planner.exchange.spreadsheet import nations_rows
from planner.scenario.io import default_scenario, load_scenario, scenario_to_dict
from tests.helpers.cli_support import ROOT, run

SCENARIO = ROOT / "resources" / "default_scenario.json"


def _nations(path) -> list[dict]:
    return scenario_to_dict(load_scenario(path))["nations"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".ods"])
def test_the_table_goes_out_and_comes_back_unchanged(tmp_path, suffix):
    table, back = tmp_path / f"nations{suffix}", tmp_path / "back.json"
    done = run("spreadsheet", "export-nations", SCENARIO, "-o", table)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"18 nations -> {table}\n"
    done = run("spreadsheet", "import-nations", SCENARIO, table, "-o", back)
    assert done.returncode == 0, done.stderr
    assert _nations(back) == _nations(SCENARIO)


def _german(rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(
            [
                str(v).replace(".", ",") if isinstance(v, float) else ("" if v is None else v)
                for v in row
            ]
        )
    return out.getvalue().encode("cp1252", errors="replace")


def _unicode_text(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(
        [["" if v is None else v for v in row] for row in rows]
    )
    return out.getvalue().encode("utf-16")  # with its byte-order mark, as Excel writes it


@pytest.mark.parametrize("encode", [_german, _unicode_text], ids=["cp1252-semicolon", "utf16-tab"])
def test_a_table_saved_as_europe_saves_it_is_read(tmp_path, encode):
    scenario = default_scenario()
    rows = nations_rows(scenario)
    rows[1][1] = "Frankreich (Armée de Terre)"  # a letter that differs between the encodings
    table, back = tmp_path / "nations.csv", tmp_path / "back.json"
    table.write_bytes(encode(rows))
    done = run("spreadsheet", "import-nations", SCENARIO, table, "-o", back)
    assert done.returncode == 0, done.stderr
    nations = _nations(back)
    expected = _nations(SCENARIO)
    expected[0]["name"] = "Frankreich (Armée de Terre)"
    assert nations == expected


def test_an_unclear_table_is_one_line_and_writes_nothing(tmp_path):
    table, back = tmp_path / "nations.csv", tmp_path / "back.json"
    table.write_text("code;name,status;max_troops\nFR;France,committed;100\n", encoding="utf-8")
    done = run("spreadsheet", "import-nations", SCENARIO, table, "-o", back)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "separator" in done.stderr
    assert not back.exists()


def test_standard_output_takes_the_scenario_but_not_a_table(tmp_path):
    table = tmp_path / "nations.ods"
    assert run("spreadsheet", "export-nations", SCENARIO, "-o", table).returncode == 0
    done = run("spreadsheet", "import-nations", SCENARIO, table, "-o", "-")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["nations"]) == 18
    refused = run("spreadsheet", "export-nations", SCENARIO, "-o", "-")
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
