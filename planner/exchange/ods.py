"""OpenDocument spreadsheets (LibreOffice's .ods) in and out, through odfpy.

The file is checked like an XLSX workbook first (:func:`check_workbook`:
part sizes, compression ratio, no DTD), and odfpy parses with defusedxml.
ODF compresses repetition itself: one ``<table:table-row>`` may stand for a
million rows (``number-rows-repeated``), a cell for sixteen thousand columns
and a ``<text:s c="...">`` for any number of spaces. Blank repeats are
counted, never built; filled ones are built only up to the bounds the caller
gives, so a few bytes cannot fill memory.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from planner.exchange.xlsx import SpreadsheetError, check_workbook, reason

ODS = "ODS spreadsheet"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
MAX_TEXT = 32_767  # as a spreadsheet cell: longer runs of spaces are cut here
NUMBER_TYPES = ("float", "percentage", "currency")


def read_rows(name: str, data: bytes, max_rows: int, max_columns: int) -> list[list[Any]]:
    """The non-blank rows of the first sheet (at most `max_rows` + 1): numbers as numbers,
    booleans as bool, dates as date or datetime, text as text, empty cells as None."""
    check_workbook(name, data, ODS)
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(data))
        tables = [t for t in document.spreadsheet.childNodes if t.qname == (TABLE_NS, "table")]
    except SpreadsheetError:
        raise
    except Exception as exc:  # noqa: BLE001 - odfpy raises anything on a malformed part
        if type(exc).__name__.endswith("Forbidden"):  # defusedxml
            raise SpreadsheetError(f"{name}: it declares XML entities, which are refused") from None
        raise SpreadsheetError(f"{name}: not a readable {ODS} ({reason(exc)})") from None
    if not tables:
        raise SpreadsheetError(f"{name}: the spreadsheet has no sheet")
    rows: list[list[Any]] = []
    for element in _row_elements(tables[0]):
        row = _row(name, element, len(rows) + 1, max_columns)
        if not any(v is not None and (not isinstance(v, str) or v.strip()) for v in row):
            continue
        repeat = _repeat(element, "number-rows-repeated")
        rows.extend(list(row) for _ in range(min(repeat, max_rows + 1 - len(rows))))
        if len(rows) > max_rows:
            break
    return rows


def _row_elements(parent: Any) -> Any:
    """The table's rows in order, also inside header-rows and row groups."""
    for child in parent.childNodes:
        if child.qname == (TABLE_NS, "table-row"):
            yield child
        elif child.qname in (
            (TABLE_NS, "table-header-rows"),
            (TABLE_NS, "table-rows"),
            (TABLE_NS, "table-row-group"),
        ):
            yield from _row_elements(child)


def _repeat(element: Any, attribute: str) -> int:
    try:
        return max(1, int(element.attributes.get((TABLE_NS, attribute), 1)))
    except ValueError:
        return 1


def _row(name: str, element: Any, number: int, max_columns: int) -> list[Any]:
    row: list[Any] = []
    blanks = 0  # blank cells are added only when a filled one follows
    for cell in element.childNodes:
        if cell.qname not in ((TABLE_NS, "table-cell"), (TABLE_NS, "covered-table-cell")):
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


def _value(cell: Any) -> Any:
    """A cell's value as the type it was written with."""
    attributes = cell.attributes
    kind = attributes.get((OFFICE_NS, "value-type"))
    try:
        if kind in NUMBER_TYPES:
            number = float(attributes[(OFFICE_NS, "value")])
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
        if kind == "boolean":
            return attributes[(OFFICE_NS, "boolean-value")].strip().lower() == "true"
        if kind == "date":
            written = attributes[(OFFICE_NS, "date-value")]
            return dt.date.fromisoformat(written) if "T" not in written else _datetime(written)
    except (KeyError, ValueError, OverflowError):
        pass  # a malformed value: the text shown in the cell says what it is
    paragraphs = [p for p in cell.childNodes if p.qname == (TEXT_NS, "p")]
    if not paragraphs:
        return None
    text = "\n".join(_text(p, [0]) for p in paragraphs)
    return text if text or kind == "string" else None


def _datetime(written: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(written)
    return moment.replace(microsecond=0) if moment.microsecond < 1000 else moment


def _text(element: Any, used: list[int]) -> str:
    """The text of a paragraph with its spaces, tabs and line breaks, at most MAX_TEXT long."""
    parts: list[str] = []
    for child in element.childNodes:
        if used[0] > MAX_TEXT:
            break
        if child.nodeType == child.TEXT_NODE:
            piece = child.data
        elif child.qname == (TEXT_NS, "s"):
            try:
                count = int(child.attributes.get((TEXT_NS, "c"), 1))
            except ValueError:
                count = 1
            piece = " " * min(max(count, 1), MAX_TEXT + 1 - used[0])
        elif child.qname == (TEXT_NS, "tab"):
            piece = "\t"
        elif child.qname == (TEXT_NS, "line-break"):
            piece = "\n"
        else:
            piece = _text(child, used)
            parts.append(piece)
            continue
        used[0] += len(piece)
        parts.append(piece)
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
        for value in values:
            row.addElement(_cell(TableCell, value))
        table.addElement(row)
    document.spreadsheet.addElement(table)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def _cell(make: Any, value: Any) -> Any:
    if value is None or value == "":
        return make()
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
