"""Nations table and allocation to and from CSV/XLSX: round trips, hostile text, bad files."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from planner.exchange.spreadsheet import (
    SpreadsheetError,
    read_allocation,
    read_nations,
    write_allocation,
    write_nations,
    write_table,
)
from planner.scenario.io import default_scenario, scenario_to_dict
from planner.solve import solve

FORMATS = ("csv", "xlsx", "ods")


@pytest.fixture(scope="module")
def plan():
    return solve(default_scenario()).allocation


@pytest.mark.parametrize("ext", FORMATS)
def test_the_nations_table_round_trips_every_field(tmp_path, ext):
    scenario = default_scenario()
    path = tmp_path / f"nations.{ext}"
    write_nations(scenario, path)
    back, notes = read_nations(path, scenario)
    assert scenario_to_dict(back) == scenario_to_dict(scenario) and notes == []


@pytest.mark.parametrize("ext", FORMATS)
def test_the_allocation_round_trips(tmp_path, ext, plan):
    path = tmp_path / f"plan.{ext}"
    write_allocation(default_scenario(), plan, path)
    assert read_allocation(path, default_scenario()) == {k: v for k, v in plan.items() if v}


HOSTILE = st.text(
    alphabet=st.sampled_from(
        list("=+-@\t\r\n,;\"' aZé東|") + ["\u202e", "\u00a0", "\u3000", "\uff1d", "\uff0b"]
    ),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=HOSTILE, notes=HOSTILE, source=HOSTILE, ext=st.sampled_from(FORMATS))
@example(name="x", notes="\r;", source="x", ext="xlsx")  # kept its apostrophe (issue 17)
@example(name=" =1", notes="\uff1d1", source="\u3000+1", ext="csv")
def test_hostile_text_round_trips_as_text(tmp_path_factory, name, notes, source, ext):
    scenario = default_scenario()
    france = dataclasses.replace(
        scenario.nation("FR"), name=name.strip(), notes=notes, sources=(source.strip(),)
    )
    scenario = dataclasses.replace(
        scenario, nations=(france,) + tuple(n for n in scenario.nations if n.code != "FR")
    )
    path = tmp_path_factory.mktemp("x") / f"n.{ext}"
    write_nations(scenario, path)
    back, _ = read_nations(path, scenario)
    got = back.nation("FR")

    def same(text: str) -> str:  # XLSX and ODS store a carriage return as a newline; CSV keeps it
        return text.replace("\r\n", "\n").replace("\r", "\n") if ext != "csv" else text

    assert (got.name, got.notes) == (same(france.name), same(notes))
    assert got.sources == tuple(same(s) for s in france.sources)


def test_formula_text_is_written_escaped(tmp_path):
    scenario = default_scenario()
    france = dataclasses.replace(scenario.nation("FR"), notes='=HYPERLINK("http://x")')
    scenario = dataclasses.replace(scenario, nations=(france,) + scenario.nations[1:])
    path = tmp_path / "n.csv"
    write_nations(scenario, path)
    assert "'=HYPERLINK" in path.read_text(encoding="utf-8-sig")


def _table(tmp_path, rows, ext="csv"):
    path = tmp_path / f"t.{ext}"
    write_table(path, rows, "Sheet")
    return path


HEADER = ["code", "name", "status", "max_troops", "offer:mech_inf_bn"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([HEADER, ["FR", "France", "likely", "ten", 2]], "row 2, max_troops: 'ten' is not a whole"),
        ([HEADER, ["FR", "France", "likely", 8.5, 2]], "row 2, max_troops: '8.5' is not a whole"),
        ([HEADER, ["FR", "France", "sure", 800, 2]], "row 2, status"),
        ([HEADER, ["FR", "France", "likely", -5, 2]], "row 2, max_troops"),
        ([HEADER, ["FR", "France", "likely", "", 2]], "row 2, max_troops: required"),
        ([HEADER + ["colour"], ["FR", "F", "likely", 1, 1, "x"]], "unknown column 'colour'"),
        ([HEADER[:3] + ["offer:tank"], ["FR", "F", "likely"]], "unknown column 'offer:tank'"),
        ([["code", "name"], ["FR", "France"]], "the column 'max_troops' is missing"),
        ([HEADER, ["FR", "F", "likely", 1, 1], ["FR", "G", "likely", 1, 1]], "row 3"),
    ],
)
def test_bad_nation_rows_are_named_by_row_and_column(tmp_path, rows, message):
    with pytest.raises(SpreadsheetError, match=message):
        read_nations(_table(tmp_path, rows), default_scenario())


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["nation", "mech_inf_bn"], ["XX", 1]], "row 2: 'XX' is not a nation code"),
        ([["nation", "tank"], ["FR", 1]], "'tank' is not a unit type"),
        ([["nation", "mech_inf_bn"], ["FR", 99]], "row 2, mech_inf_bn: 99 is outside 0..8"),
        ([["nation", "mech_inf_bn"], ["FR", 1.5]], "1.5 is not a whole number"),
        ([["nation", "mech_inf_bn"], ["FR", 1], ["FR", 2]], "row 3: FR appears twice"),
        ([["country", "mech_inf_bn"], ["FR", 1]], "the first column must be 'nation'"),
    ],
)
def test_bad_allocation_rows_are_named(tmp_path, rows, message):
    with pytest.raises(SpreadsheetError, match=message):
        read_allocation(_table(tmp_path, rows, "xlsx"), default_scenario())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("t.csv", b"", "the file is empty"),
        ("t.csv", b"\x00\x01\x02junk", "binary file"),
        ("t.xlsx", b"PK\x03\x04 not really a zip", "not an XLSX workbook"),
        ("t.xlsx", b"code,max_troops\nFR,1\n", "not an XLSX workbook"),
        ("t.ods", b"x", "not an ODS spreadsheet"),
        ("t.numbers", b"x", "choose a .csv, .xlsx or .ods file"),
    ],
)
def test_bad_files_get_one_sentence(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SpreadsheetError, match=message):
        read_nations(path, default_scenario())


def test_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(SpreadsheetError, match="no such file"):
        read_allocation(tmp_path / "none.csv", default_scenario())
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(SpreadsheetError, match="folder"):
        read_allocation(tmp_path / "dir.csv", default_scenario())


def test_removing_a_locked_nation_drops_its_lock_and_says_so(tmp_path):
    from planner.scenario.model import Lock

    scenario = dataclasses.replace(default_scenario(), locks=(Lock("EE", "inf_coy", 1),))
    rows = [
        row
        for row in __import__("planner.exchange.spreadsheet", fromlist=["x"]).nations_rows(scenario)
        if row[0] != "EE"
    ]
    back, notes = read_nations(_table(tmp_path, rows), scenario)
    assert back.locks == () and notes == ["lock EE inf_coy dropped (nation removed)"]
    assert "EE" not in {n.code for n in back.nations}


def test_a_table_without_the_backstop_nation_drops_it_from_the_backstop(tmp_path):
    from planner.exchange.spreadsheet import nations_rows

    rows = [row for row in nations_rows(default_scenario()) if row[0] != "US"]
    back, notes = read_nations(_table(tmp_path, rows), default_scenario())
    assert back.backstop is None
    assert notes == [
        "US removed from the backstop (nation removed)",
        "backstop dropped (none of its nations is left)",
    ]


def test_thousands_separators_and_whole_floats_are_read(tmp_path):
    rows = [HEADER, ["FR", "France", "likely", "10,000", 2.0]]
    back, _ = read_nations(_table(tmp_path, rows), default_scenario())
    assert back.nation("FR").max_troops == 10_000 and back.nation("FR").offers == {"mech_inf_bn": 2}
