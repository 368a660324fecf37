"""Hostile spreadsheets (issue item 12): malformed XML, entities, bombs, formula triggers.

Before: malformed sheet or workbook XML or an entity declaration escaped as
a ParseError traceback; a 412 KB workbook holding one 400 MB cell took 13.6 s
and 1.6 GB before the right error; a leading space before '=' or a
full-width '＝' was written unprotected.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import random
import string
import zipfile
from pathlib import Path

import pytest

from planner.exchange.spreadsheet import (
    MAX_CELL,
    SpreadsheetError,
    protect,
    read_nations,
    unprotect,
    write_nations,
    write_table,
)
from planner.exchange.xlsx import MAX_UNPACKED
from planner.scenario.io import default_scenario

SHEET = "xl/worksheets/sheet1.xml"
WORKBOOK = "xl/workbook.xml"
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _workbook(tmp_path: Path, replace: dict[str, bytes], level: int = 6) -> Path:
    """The default nations workbook with some parts replaced."""
    good = tmp_path / "good.xlsx"
    write_nations(default_scenario(), good)
    path = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for part in source.infolist():
            data = replace.get(part.filename, source.read(part))
            target.writestr(part.filename, data, zipfile.ZIP_DEFLATED, compresslevel=level)
    return path


def _sheet(cell_text: str) -> bytes:
    return (
        f'<worksheet {MAIN}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is>'
        f'</c><c r="B1" t="inlineStr"><is><t>{cell_text}</t></is></c></row></sheetData>'
        "</worksheet>"
    ).encode()


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(SpreadsheetError) as caught:
        read_nations(path, default_scenario())
    message = str(caught.value)
    assert "\n" not in message and message.isprintable(), message
    assert all(w in message for w in words), message
    return message


XXE = (
    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<worksheet " + MAIN.encode() + b'><sheetData><row><c t="inlineStr"><is><t>&x;</t></is>'
    b"</c></row></sheetData></worksheet>"
)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">'.encode()
        for p, c in zip("abcdefg", "bcdefgh", strict=True)
    )
    + b"]><worksheet "
    + MAIN.encode()
    + b"><sheetData/></worksheet>"
)


@pytest.mark.parametrize(
    ("part", "content", "words"),
    [
        (SHEET, b"<worksheet><sheetData><row><c>", ("malformed",)),
        (SHEET, b"\x00\x01 not xml at all", ("malformed",)),
        (WORKBOOK, b"<workbook><sheets><sheet name=", ("malformed",)),
        (WORKBOOK, b"<workbook/>", ("hostile.xlsx",)),
        (SHEET, XXE, ("declares XML entities",)),
        (SHEET, LAUGHS, ("declares XML entities",)),
        (WORKBOOK, XXE.replace(b"worksheet", b"workbook"), ("declares XML entities",)),
    ],
)
def test_malformed_or_entity_xml_is_one_sentence(tmp_path, part, content, words):
    _refused(_workbook(tmp_path, {part: content}), "hostile.xlsx", *words)


def test_a_cell_bomb_is_refused_from_its_declared_size(tmp_path):
    bomb = _workbook(tmp_path, {SHEET: _sheet("A" * (MAX_UNPACKED + 1))}, level=9)
    assert bomb.stat().st_size < 200_000  # small on disk, as the 412 KB one
    _refused(bomb, "unpacks to more than 40 MiB")


def test_a_part_compressed_like_a_zip_bomb_is_refused(tmp_path):
    _refused(_workbook(tmp_path, {SHEET: _sheet("A" * 3 * 2**20)}, level=9), "zip bombs")


def test_a_cell_longer_than_any_cell_is_refused_before_parsing(tmp_path):
    rng = random.Random(5)
    text = "".join(rng.choice(string.ascii_letters) for _ in range(300_000))  # incompressible
    _refused(_workbook(tmp_path, {SHEET: _sheet(text)}), "longer than any cell")


def test_a_long_csv_cell_is_named(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text(f"code,max_troops,notes\nFR,1,{'x' * (MAX_CELL + 1)}\n")
    _refused(path, "row 2, column 3", "longer than a cell holds")


def test_a_damaged_zip_is_one_sentence(tmp_path):
    path = _workbook(tmp_path, {})
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(data))
    _refused(path, "hostile.xlsx")


# -- formula triggers ------------------------------------------------------------

TRIGGERS = [
    "=1+1",
    " =1+1",
    "  +1",
    "\u3000=1",
    "\u00a0@SUM(A1)",
    "\uff1d1+1",
    "\uff0b1",
    "\uff0d1",
    "\uff20A1",
    "\ufe661",
    "\t=1",
    "\r=1",
    "\n=1",
    "-2+3",
    "'already",
]


@pytest.mark.parametrize("text", TRIGGERS)
def test_formula_triggers_are_written_protected(tmp_path, text):
    assert protect(text) == "'" + text and unprotect(protect(text)) == text
    path = tmp_path / "t.csv"
    write_table(path, [["notes"], [text]], "Sheet")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    assert rows[1] == ["'" + text]


@pytest.mark.parametrize("text", ["plain", "a=b", "1+1", "x-y", "東京", "mail@example.org"])
def test_ordinary_text_is_left_alone(text):
    assert protect(text) == text and unprotect(text) == text


@pytest.mark.parametrize("text", [" =1+1", "\uff1d1", "\r;", "\r\n=x"])
def test_triggers_round_trip_through_xlsx(tmp_path, text):
    """XLSX turns a carriage return into a newline; the apostrophe still comes off."""
    scenario = default_scenario()
    france = dataclasses.replace(scenario.nation("FR"), notes=text)
    scenario = dataclasses.replace(scenario, nations=(france,) + scenario.nations[1:])
    path = tmp_path / "n.xlsx"
    write_nations(scenario, path)
    back, _ = read_nations(path, scenario)
    assert back.nation("FR").notes == text.replace("\r\n", "\n").replace("\r", "\n")


def test_text_xlsx_cannot_hold_is_refused_naming_the_cell(tmp_path):
    scenario = default_scenario()
    france = dataclasses.replace(scenario.nation("FR"), notes="bell\x07")
    scenario = dataclasses.replace(scenario, nations=(france,) + scenario.nations[1:])
    with pytest.raises(
        SpreadsheetError, match=r"row 2, column \d+ holds a control character U\+0007"
    ):
        write_nations(scenario, tmp_path / "n.xlsx")
    assert not (tmp_path / "n.xlsx").exists()
    write_nations(scenario, tmp_path / "n.csv")  # CSV holds it
    back, _ = read_nations(tmp_path / "n.csv", scenario)
    assert back.nation("FR").notes == "bell\x07"


def _rows_xml(rows: str, dimension: str) -> bytes:
    body = f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData>'
    return f"<worksheet {MAIN}>{body}</worksheet>".encode()


HEAD = '<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row>'


@pytest.mark.parametrize(
    ("rows", "dimension", "words"),
    [
        (HEAD + '<row r="999999999999"><c r="A999999999999"><v>1</v></c></row>', "A1:A2",
         ("more rows than a worksheet holds",)),
        (HEAD + '<row r="2"><c r="XFD2"><v>1</v></c></row>', "A1:A2", ("more than 1,000 columns",)),
        (HEAD + '<row r="2"><c r="A2" t="inlineStr"><is><t>FR</t></is></c></row>', "A1:XFD1048576",
         ("max_troops",)),
    ],
)  # fmt: skip
def test_row_and_column_numbers_cannot_make_work(tmp_path, rows, dimension, words):
    """openpyxl fills skipped rows and pads to the last column and the declared dimension."""
    _refused(_workbook(tmp_path, {SHEET: _rows_xml(rows, dimension)}), *words)


def test_blank_csv_lines_are_skipped_without_storing_them(tmp_path):
    path = tmp_path / "n.csv"
    path.write_bytes(b"code,max_troops\r\n" + b",\r\n" * 2_000_000 + b"FR,5\r\n")
    back, _ = read_nations(path, default_scenario())
    assert [n.code for n in back.nations] == ["FR"]
