"""OpenDocument spreadsheets (LibreOffice's .ods) in and out.

Written through odfpy, which builds the package (manifest, styles, the
uncompressed mimetype first). Read by streaming the sheet's XML with
defusedxml, after the zip checks an XLSX workbook gets
(:func:`check_workbook`): odfpy's reader builds the whole document in
memory (31 s and 700 MiB for a table of 10,000 rows by 26 columns), where
streaming takes under 3 s and keeps one row.

ODF compresses repetition itself: one ``<table:table-row>`` may stand for a
million rows (``number-rows-repeated``), a cell for sixteen thousand columns
and a ``<text:s c="...">`` for any number of spaces. Blank repeats are
counted, never built; filled ones are built only up to the bounds the caller
gives, so a few bytes cannot fill memory.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from planner.exchange.xlsx import SpreadsheetError, check_workbook, reason

ODS = "ODS spreadsheet"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
CELLS = (TABLE + "table-cell", TABLE + "covered-table-cell")
MAX_TEXT = 32_767  # as a spreadsheet cell: longer runs of spaces are cut here
NUMBER_TYPES = ("float", "percentage", "currency")


def read_rows(name: str, data: bytes, max_rows: int, max_columns: int) -> list[list[Any]]:
    """The non-blank rows of the first sheet (at most `max_rows` + 1): numbers as numbers,
    booleans as bool, dates as date or datetime, text as text, empty cells as None."""
    check_workbook(name, data, ODS)
    from defusedxml.ElementTree import iterparse

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = archive.read("content.xml")
        rows: list[list[Any]] = []
        sheet: Element | None = None
        for event, element in iterparse(io.BytesIO(content), events=("start", "end")):
            if element.tag == TABLE + "table":
                if event == "end":
                    break  # the first sheet only
                sheet = sheet if sheet is not None else element
            elif event == "end" and element.tag == TABLE + "table-row" and sheet is not None:
                _add_row(name, element, rows, max_rows, max_columns)
                element.clear()
                sheet.clear()  # one row in memory at a time, however many rows the sheet has
                if len(rows) > max_rows:
                    break
    except SpreadsheetError:
        raise
    except KeyError:
        raise SpreadsheetError(f"{name}: not an {ODS} (it has no content.xml)") from None
    except ParseError as exc:
        raise SpreadsheetError(f"{name}: its XML is malformed ({reason(exc)})") from None
    except Exception as exc:  # noqa: BLE001 - defusedxml's refusals and zip errors
        if type(exc).__name__.endswith("Forbidden"):
            raise SpreadsheetError(f"{name}: it declares XML entities, which are refused") from None
        raise SpreadsheetError(f"{name}: not a readable {ODS} ({reason(exc)})") from None
    if sheet is None:
        raise SpreadsheetError(f"{name}: not an {ODS} (it has no sheet)")
    return rows


def _add_row(name: str, element: Element, rows: list, max_rows: int, max_columns: int) -> None:
    row = _row(name, element, len(rows) + 1, max_columns)
    if any(v is not None and (not isinstance(v, str) or v.strip()) for v in row):
        repeat = _repeat(element, "number-rows-repeated")
        rows.extend(list(row) for _ in range(min(repeat, max_rows + 1 - len(rows))))


def _repeat(element: Element, attribute: str) -> int:
    try:
        return max(1, int(element.get(TABLE + attribute, 1)))
    except ValueError:
        return 1


def _row(name: str, element: Element, number: int, max_columns: int) -> list[Any]:
    row: list[Any] = []
    blanks = 0  # blank cells are added only when a filled one follows
    for cell in element:
        if cell.tag not in CELLS:
            continue
        value = _value(cell)
        repeat = _repeat(cell, "number-columns-repeated")
        if value is None:
            blanks += repeat
            continue
        if len(row) + blanks + repeat > max_columns:
            raise SpreadsheetError(f"{name} row {number}: more than {max_columns:,} columns")
        row.extend([None] * blanks + [value] * repeat)
        blanks = 0
    return row


def _value(cell: Element) -> Any:
    """A cell's value as the type it was written with."""
    kind = cell.get(OFFICE + "value-type")
    try:
        if kind in NUMBER_TYPES:
            number = float(cell.get(OFFICE + "value", ""))
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
        if kind == "boolean":
            return cell.get(OFFICE + "boolean-value", "").strip().lower() == "true"
        if kind == "date":
            written = cell.get(OFFICE + "date-value", "")
            return dt.date.fromisoformat(written) if "T" not in written else _datetime(written)
    except (ValueError, OverflowError):
        pass  # a malformed value: the text shown in the cell says what it is
    paragraphs = [p for p in cell if p.tag == TEXT + "p"]
    if not paragraphs:
        return None
    used = [0]
    text = "\n".join(_text(p, used) for p in paragraphs)
    return text if text or kind == "string" else None


def _datetime(written: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(written)
    return moment.replace(microsecond=0) if moment.microsecond < 1000 else moment


def _text(element: Element, used: list[int]) -> str:
    """The text of a paragraph with its spaces, tabs and line breaks. `used` counts the
    characters of the cell so far: past MAX_TEXT it stops, and the cell is refused as long."""
    parts: list[str] = []

    def add(piece: str) -> None:
        parts.append(piece)
        used[0] += len(piece)

    add(element.text or "")
    for child in element:
        if used[0] > MAX_TEXT:
            break
        if child.tag == TEXT + "s":
            try:
                count = int(child.get(TEXT + "c", 1))
            except ValueError:
                count = 1
            add(" " * min(max(count, 1), MAX_TEXT + 1 - used[0]))
        elif child.tag == TEXT + "tab":
            add("\t")
        elif child.tag == TEXT + "line-break":
            add("\n")
        elif child.tag != TEXT + "note":  # a footnote is no part of the cell's text
            parts.append(_text(child, used))  # spans, links: counted inside
        add(child.tail or "")
    return "".join(parts)


# -- writing ---------------------------------------------------------------------


def spreadsheet_bytes(rows: list[list[Any]], sheet: str) -> bytes:
    """The rows as an ODS spreadsheet: numbers and booleans typed, empty cells empty."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow

    document = OpenDocumentSpreadsheet()
    table = Table(name=sheet[:31])
    for values in rows:
        row = TableRow()
        blanks = 0  # a run of empty cells is one element, as LibreOffice writes it
        for value in values:
            if value is None or value == "":
                blanks += 1
                continue
            if blanks:
                row.addElement(TableCell(numbercolumnsrepeated=blanks))
                blanks = 0
            row.addElement(_cell(TableCell, value))
        table.addElement(row)
    document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def _cell(make: Any, value: Any) -> Any:
    if isinstance(value, bool):
        cell = make(valuetype="boolean", booleanvalue="true" if value else "false")
        return _with_text(cell, "TRUE" if value else "FALSE")
    if isinstance(value, int | float):
        return _with_text(make(valuetype="float", value=repr(value)), str(value))
    return _with_text(make(valuetype="string"), str(value))


def _with_text(cell: Any, text: str) -> Any:
    """One paragraph per line; spaces that ODF would collapse (leading, trailing, doubled)
    and tabs are written as their own elements, so the text reads back exactly."""
    from odf.text import P, S, Tab

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        paragraph = P()
        run = ""
        i = 0
        while i < len(line):
            char = line[i]
            if char == "\t":
                if run:
                    paragraph.addText(run)
                paragraph.addElement(Tab())
                run, i = "", i + 1
                continue
            if char != " ":
                run, i = run + char, i + 1
                continue
            end = i
            while end < len(line) and line[end] == " ":
                end += 1
            if end - i == 1 and i > 0 and end < len(line):
                run, i = run + " ", end
                continue
            if run:
                paragraph.addText(run)
            paragraph.addElement(S(c=end - i))
            run, i = "", end
        if run:
            paragraph.addText(run)
        cell.addElement(paragraph)
    return cell
