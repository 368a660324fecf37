"""Spreadsheets as continental Europe saves them, built here byte by byte so these always run.

Each file is what Excel or LibreOffice writes on a European Windows or
desktop: semicolons and decimal commas in Windows-1252, "Unicode text"
(UTF-16 with tabs), UTF-8 with or without a byte-order mark; and ODS. Also
the round-trip losses of issue 21: a source holding " | ", date and
boolean cells, empty cells written as empty strings.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import zipfile
from pathlib import Path

import pytest

from planner.exchange.csv_text import COMMA, POINT, UNCLEAR, number_text
from planner.exchange.spreadsheet import (
    SpreadsheetError,
    nations_rows,
    read_allocation,
    read_nations,
    split_sources,
    write_allocation,
    write_nations,
    write_table,
)
from planner.scenario.io import default_scenario, scenario_to_dict
from planner.scenario.plan import cell


def _accented():
    """The default scenario with names that Windows-1252 holds but ASCII does not."""
    scenario = default_scenario()
    france = dataclasses.replace(scenario.nation("FR"), name="République française")
    return dataclasses.replace(
        scenario, nations=(france,) + tuple(n for n in scenario.nations if n.code != "FR")
    )


def _european_cell(value) -> str:
    """A cell as German Excel writes it: decimal comma, no grouping."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def _european_csv(rows, separator=";") -> str:
    lines = []
    for row in rows:
        cells = []
        for value in row:
            text = _european_cell(value)
            if any(c in text for c in (separator, '"', "\n", "\r")):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(separator.join(cells))
    return "\r\n".join(lines) + "\r\n"


def _same_nations(path, scenario):
    back, notes = read_nations(path, scenario)
    assert notes == []
    assert scenario_to_dict(back) == scenario_to_dict(scenario)


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [
        ("cp1252", ";"),  # Excel "CSV (semicolon)" on German, French, Italian Windows
        ("utf-8", ";"),  # "CSV UTF-8" without a byte-order mark (LibreOffice's default)
        ("utf-8-sig", ";"),
        ("utf-16", "\t"),  # Excel "Unicode text": UTF-16 LE with its mark, tabs
        ("utf-16-be", "\t"),  # UTF-16 without a mark, big-endian
        ("utf-16-le", ";"),
    ],
)
def test_european_nations_tables_read_as_written(tmp_path, encoding, separator):
    scenario = _accented()
    path = tmp_path / "nations.csv"
    path.write_bytes(_european_csv(nations_rows(scenario), separator).encode(encoding))
    _same_nations(path, scenario)


def test_windows_1252_that_looks_like_utf8_by_chance_reads(tmp_path):
    """In "groß“" ß (0xDF) and “ (0x93) are a valid UTF-8 pair, yet plain German Windows-1252."""
    scenario = default_scenario()
    germany = dataclasses.replace(scenario.nation("DE"), notes="Der Beitrag ist „groß“ – 2025")
    scenario = dataclasses.replace(
        scenario, nations=tuple(germany if n.code == "DE" else n for n in scenario.nations)
    )
    path = tmp_path / "nations.csv"
    path.write_bytes(_european_csv(nations_rows(scenario)).encode("cp1252"))
    _same_nations(path, scenario)


def test_a_semicolon_allocation_reads(tmp_path):
    scenario = default_scenario()
    plan = {cell(scenario, "FR", "mech_inf_bn"): 3, cell(scenario, "UK", "armd_bn"): 1}
    written = tmp_path / "plan.csv"
    write_allocation(scenario, plan, written)
    rows = [line.split(",") for line in written.read_text("utf-8-sig").splitlines()]
    path = tmp_path / "plan_de.csv"
    path.write_bytes(_european_csv(rows).encode("cp1252"))
    assert read_allocation(path, scenario) == plan


def test_excels_sep_line_names_the_separator(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(b"sep=;\r\nnation;mech_inf_bn\r\nFR;2\r\n")
    assert read_allocation(path, default_scenario()) == {
        cell(default_scenario(), "FR", "mech_inf_bn"): 2
    }


HEADER = "code;name;status;max_troops;cost_per_troop;offer:mech_inf_bn"


@pytest.mark.parametrize(
    ("line", "max_troops", "cost"),
    [
        ("FR;France;likely;10.000;1,5;2", 10_000, 1.5),  # thousands dot, decimal comma
        ("FR;France;likely;10\u00a0000;1,25;2", 10_000, 1.25),  # French grouping (no-break)
        ('FR;France;likely;"1.234";"1.234,5";2', 1_234, 1234.5),
        ("FR;France;likely;800;2;2", 800, 2.0),
    ],
)
def test_decimal_commas_and_thousands_dots(tmp_path, line, max_troops, cost):
    path = tmp_path / "n.csv"
    path.write_bytes(f"{HEADER}\r\n{line}\r\n".encode("cp1252"))
    france = read_nations(path, default_scenario())[0].nation("FR")
    assert (france.max_troops, france.cost_per_troop) == (max_troops, cost)


def test_a_tab_file_takes_its_decimal_mark_from_its_numbers(tmp_path):
    path = tmp_path / "n.csv"
    header = HEADER.replace(";", "\t")
    path.write_text(f"{header}\nFR\tFrance\tlikely\t10,000\t1.5\t2\n", encoding="utf-8")
    france = read_nations(path, default_scenario())[0].nation("FR")
    assert (france.max_troops, france.cost_per_troop) == (10_000, 1.5)
    path.write_text(f"{header}\nFR\tFrance\tlikely\t800\t1,5\t2\n", encoding="utf-8")
    assert read_nations(path, default_scenario())[0].nation("FR").cost_per_troop == 1.5


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("1,5", COMMA, "1.5"),
        ("-1.234,5", COMMA, "-1234.5"),
        ("10.000", COMMA, "10000"),
        ("10,000", COMMA, "10.000"),
        ("8.5", COMMA, "8.5"),
        ("10,000", POINT, "10000"),
        ("1,234.5", POINT, "1234.5"),
        ("1,5", POINT, "1,5"),
        ("abc", COMMA, "abc"),
        ("800", UNCLEAR, "800"),
        ("10.000", UNCLEAR, None),
        ("1,234,567", UNCLEAR, None),
    ],
)
def test_number_text(text, mark, expected):
    assert number_text(text, mark) == expected


def test_a_tab_file_without_decimals_refuses_a_number_that_reads_two_ways(tmp_path):
    """Ten or ten thousand: "10.000" in a tab file whose numbers show no decimal mark."""
    path = tmp_path / "n.csv"
    header = HEADER.replace(";", "\t")
    path.write_text(f"{header}\nFR\tFrance\tlikely\t10.000\t2\t2\n", encoding="utf-16")
    with pytest.raises(SpreadsheetError, match=r"row 2, max_troops: '10.000' is a different"):
        read_nations(path, default_scenario())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (codecs.BOM_UTF32_LE + "code".encode("utf-32-le"), "this is UTF-32 text; save it as"),
        (b"code,name\r\nFR,Fran\x81ce\r\n", "neither UTF-8 nor Windows-1252 text (byte 0x81"),
        ("code,name\r\nFR,Français,".encode() + b"\xe9\r\n", "mixes UTF-8 with another encoding"),
        (
            b"code;name,status;max_troops\r\nFR;France,likely;8\r\n",
            "separated by 1 comma and 2 semicolons",
        ),
        (
            f"{HEADER}\r\nFR;F;likely;800;1,5;2\r\nUK;U;likely;800;0.5;2\r\n".encode(),
            "row 2 writes a decimal comma ('1,5') and row 3 a decimal point ('0.5')",
        ),
        (b"sep=|\r\ncode|max_troops\r\n", "separator '|'; use a comma, a semicolon or a tab"),
        (b"\x00\x01\x02\x03binary", "a binary file, not CSV text"),
        (b"code;max_troops\r\nFR;8,5\r\n", "'8,5' is not a whole number"),
        (b"code;max_troops;cost_per_troop\r\nFR;8;x\r\n", "(this file writes a decimal comma)"),
    ],
)
def test_unreadable_csv_says_what_was_found_and_what_to_do(tmp_path, content, message):
    path = tmp_path / "n.csv"
    path.write_bytes(content)
    with pytest.raises(SpreadsheetError, match="^n.csv") as caught:
        read_nations(path, default_scenario())
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_semicolon_header_is_no_longer_one_unknown_column(tmp_path):
    """Issue 21: "unknown column 'code;name;...'" for Excel's European CSV."""
    path = tmp_path / "n.csv"
    path.write_bytes(_european_csv(nations_rows(default_scenario())).encode("cp1252"))
    read_nations(path, default_scenario())  # raised SpreadsheetError before


# -- sources, dates, booleans, empty cells ------------------------------------------


@pytest.mark.parametrize("ext", ["csv", "xlsx", "ods"])
def test_a_source_holding_the_separator_survives(tmp_path, ext):
    scenario = default_scenario()
    sources = ("Le Monde | 17 Feb 2025", "a||b", "ends with |", "| starts with")
    france = dataclasses.replace(scenario.nation("FR"), sources=sources)
    scenario = dataclasses.replace(scenario, nations=(france,) + scenario.nations[1:])
    path = tmp_path / f"n.{ext}"
    write_nations(scenario, path)
    assert read_nations(path, scenario)[0].nation("FR").sources == sources


@pytest.mark.parametrize(
    ("cell_text", "sources"),
    [
        ("a | b", ["a", "b"]),  # as written before "||" existed
        ("a|b", ["a", "b"]),
        ("a || b | c", ["a | b", "c"]),
        ("x |||| y", ["x || y"]),
        (" | a |  | ", ["a"]),
    ],
)
def test_split_sources(cell_text, sources):
    assert split_sources(cell_text) == sources


def _workbook_with(tmp_path, notes_by_code, ext):
    """The default nations table with some notes replaced by typed cells."""
    rows = nations_rows(default_scenario())
    column = rows[0].index("notes")
    path = tmp_path / f"n.{ext}"
    if ext == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        for row in rows:
            book.active.append(
                [notes_by_code.get(row[0], v) if i == column else v for i, v in enumerate(row)]
            )
        book.save(path)
        return path
    write_table(path, rows, "Nations")
    return _ods_with_typed_notes(path, notes_by_code)


def _ods_with_typed_notes(path: Path, notes_by_code) -> Path:
    """Rewrite the ODS our writer made with date and boolean cells where asked."""
    from odf.opendocument import load
    from odf.table import TableCell, TableRow
    from odf.text import P

    document = load(str(path))
    for row in document.spreadsheet.getElementsByType(TableRow):
        cells = row.getElementsByType(TableCell)
        code = str(cells[0])
        if code not in notes_by_code:
            continue
        value = notes_by_code[code]
        if isinstance(value, bool):
            typed = TableCell(valuetype="boolean", booleanvalue=str(value).lower())
        else:
            typed = TableCell(valuetype="date", datevalue=value.isoformat())
        typed.addElement(P(text="shown"))
        notes = _cell_at(cells, nations_rows(default_scenario())[0].index("notes"))
        row.insertBefore(typed, notes)
        row.removeChild(notes)
    document.save(str(path))
    return path


def _cell_at(cells, column: int):
    """The cell element that starts at `column` (runs of empty cells are one element)."""
    position = 0
    for element in cells:
        if position == column:
            return element
        position += int(element.getAttribute("numbercolumnsrepeated") or 1)
    raise AssertionError(f"no cell starts at column {column}")


@pytest.mark.parametrize("ext", ["xlsx", "ods"])
def test_date_and_boolean_cells_read_as_they_show(tmp_path, ext):
    typed = {"FR": dt.datetime(2026, 3, 1), "UK": True, "DE": dt.datetime(2026, 3, 1, 9, 30)}
    path = _workbook_with(tmp_path, typed, ext)
    back, _ = read_nations(path, default_scenario())
    assert back.nation("FR").notes == "2026-03-01"
    assert back.nation("UK").notes == "TRUE"
    assert back.nation("DE").notes == "2026-03-01 09:30:00"


def _xlsx_cells_without_value(path: Path) -> list[str]:
    """The cells of the sheet's XML that hold nothing (openpyxl reads them back as None)."""
    from xml.etree import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    sheet = ElementTree.fromstring(zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml"))
    return [
        c.get("r", "")
        for c in sheet.iter(main + "c")
        if c.find(main + "v") is None and c.find(main + "is") is None
    ]


def test_empty_cells_are_written_empty_in_xlsx(tmp_path):
    """Not as text cells holding nothing (`<c t="inlineStr"/>`), which COUNTA counts."""
    path = tmp_path / "n.xlsx"
    write_nations(default_scenario(), path)
    assert _xlsx_cells_without_value(path) == []
    plan_path = tmp_path / "plan.xlsx"
    write_allocation(default_scenario(), {}, plan_path)
    assert _xlsx_cells_without_value(plan_path) == []


def test_empty_cells_are_written_empty_in_ods(tmp_path):
    path = tmp_path / "n.ods"
    write_nations(default_scenario(), path)
    content = zipfile.ZipFile(path).read("content.xml").decode()
    assert "<text:p/>" not in content and "<text:p></text:p>" not in content
    assert 'office:value-type="string"><text:p></text:p>' not in content


# -- ODS specifics ------------------------------------------------------------------


def _ods(tmp_path, body: str) -> Path:
    """A minimal ODS whose first sheet's rows are `body`."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="S">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    path = tmp_path / "s.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def _text_cell(text: str, repeat: int = 1) -> str:
    return (
        f'<table:table-cell table:number-columns-repeated="{repeat}" '
        f'office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


def _float_cell(value: str) -> str:
    return f'<table:table-cell office:value-type="float" office:value="{value}"/>'


ALLOCATION_ROWS = (
    f"<table:table-row>{_text_cell('nation')}{_text_cell('mech_inf_bn')}</table:table-row>"
    f"<table:table-row>{_text_cell('FR')}{_float_cell('3')}</table:table-row>"
)


def test_an_ods_as_libreoffice_pads_it_reads_fast(tmp_path):
    """LibreOffice ends a sheet with a blank row repeated to the millionth and blank cells to
    the 1024th column: counted, never built."""
    blank_cells = '<table:table-cell table:number-columns-repeated="16000"/>'
    body = ALLOCATION_ROWS.replace("</table:table-row>", blank_cells + "</table:table-row>")
    body += f'<table:table-row table:number-rows-repeated="1048000">{blank_cells}</table:table-row>'
    path = _ods(tmp_path, body)
    assert read_allocation(path, default_scenario()) == {
        cell(default_scenario(), "FR", "mech_inf_bn"): 3
    }


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            ALLOCATION_ROWS + f'<table:table-row table:number-rows-repeated="999999999">'
            f"{_text_cell('FR')}</table:table-row>",
            "more than 10,000 rows",
        ),
        (f"<table:table-row>{_text_cell('x', 99999)}</table:table-row>", "more than 1,000 columns"),
        (
            '<table:table-row><table:table-cell office:value-type="string"><text:p>'
            'a<text:s text:c="999999999"/></text:p></table:table-cell></table:table-row>',
            "longer than a cell holds",
        ),
        ("", "the file is empty"),
    ],
)
def test_ods_repetition_cannot_fill_memory(tmp_path, body, message):
    with pytest.raises(SpreadsheetError, match=message):
        read_allocation(_ods(tmp_path, body), default_scenario())


def test_ods_text_reads_with_its_spans_spaces_and_lines(tmp_path):
    """LibreOffice writes formatted parts as spans, space runs as text:s, lines as paragraphs;
    a comment (office:annotation) is not the cell's text. A long text in spans is whole."""
    long = "x" * 9_000
    notes = (
        '<table:table-cell office:value-type="string">'
        "<office:annotation><text:p>a comment</text:p></office:annotation>"
        f'<text:p><text:s/>a<text:s text:c="2"/>b<text:tab/><text:span>{long}</text:span>'
        f"<text:span>{long}</text:span>c</text:p><text:p>second line</text:p>"
        "</table:table-cell>"
    )
    body = (
        f"<table:table-row>{_text_cell('code')}{_text_cell('max_troops')}"
        f"{_text_cell('notes')}</table:table-row>"
        f"<table:table-row>{_text_cell('FR')}{_float_cell('800')}{notes}</table:table-row>"
    )
    back, _ = read_nations(_ods(tmp_path, body), default_scenario())
    assert back.nation("FR").notes == f" a  b\t{long}{long}c\nsecond line"


def test_an_ods_declaring_entities_is_refused(tmp_path):
    path = _ods(tmp_path, ALLOCATION_ROWS)
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    content = content.replace("?>", '?><!DOCTYPE x [<!ENTITY a "b">]>', 1)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    assert data != path.read_bytes()
    with pytest.raises(SpreadsheetError, match="declares XML entities"):
        read_allocation(path, default_scenario())


def test_an_xlsx_renamed_ods_is_refused_in_one_line(tmp_path):
    path = tmp_path / "n.xlsx"
    write_nations(default_scenario(), path)
    renamed = path.rename(tmp_path / "n.ods")
    with pytest.raises(SpreadsheetError, match="^n.ods: not an ODS spreadsheet"):
        read_nations(renamed, default_scenario())
