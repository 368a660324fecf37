"""XLSX workbooks in and out, checked before openpyxl sees them.

An XLSX file is a zip of XML parts. The size of the file on disk says little
about what it holds: 412 KB can unpack to one 400 MB cell, and a part can
declare XML entities (billion laughs, external files). So before openpyxl
reads anything, every part's declared size, compression ratio, longest text
run and any DTD are checked (zipfile never returns more bytes than a part
declares, so the declared sizes bound the work); openpyxl then parses with
defusedxml (a dependency for this), and anything it still raises on a
malformed part becomes one :class:`SpreadsheetError` sentence.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

from planner.errors import PlannerError, invalid_character, printable

MAX_PARTS = 1_000
MAX_UNPACKED = 40 * 2**20  # twice the largest table a workbook of MAX_ROWS nations needs
MAX_RATIO = 100  # legitimate parts compress 2-25 to 1; zip bombs a thousand to 1
RATIO_FROM = 2**20  # small parts may compress better than that without harm
MAX_XML_RUN = 256 * 2**10  # a 32,767-character cell, each character an entity
XML_PARTS = (".xml", ".rels", ".vml")
SHEET_ROWS = 1_048_576  # Excel's rows per worksheet
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what XML 1.0 cannot hold


class SpreadsheetError(PlannerError):
    """A spreadsheet that cannot be read or written, said with its row and column."""


def check_workbook(name: str, data: bytes, kind: str = "XLSX workbook") -> None:
    """Refuse a workbook whose parts are too large, too compressed or declare a DTD.

    ODS spreadsheets are zips of XML parts too; `kind` names the format in messages.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise SpreadsheetError(f"{name}: not an {kind} ({len(parts):,} parts)")
        if sum(p.file_size for p in parts) > MAX_UNPACKED:
            raise SpreadsheetError(
                f"{name}: unpacks to more than {MAX_UNPACKED // 2**20} MiB, "
                "more than any nations table or allocation needs"
            )
        for part in parts:
            _check_part(name, archive, part)
    except zipfile.BadZipFile as exc:
        raise SpreadsheetError(f"{name}: not an {kind} ({printable(str(exc))})") from None
    except (OSError, EOFError, RuntimeError, NotImplementedError, ValueError, zlib.error) as exc:
        # zlib errors, encrypted parts, unknown compression methods
        raise SpreadsheetError(f"{name}: a damaged {kind} ({reason(exc)})") from None


def _check_part(name: str, archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    if part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(1, part.compress_size):
        raise SpreadsheetError(
            f"{name}: the part {printable(part.filename)} is compressed more than "
            f"{MAX_RATIO} to 1, as zip bombs are"
        )
    if not part.filename.lower().endswith(XML_PARTS):
        return
    content = archive.read(part)
    plain = content.replace(b"\x00", b"")  # UTF-16 XML spells <!DOCTYPE with NULs between
    if b"<!DOCTYPE" in plain or b"<!ENTITY" in plain:
        raise SpreadsheetError(
            f"{name}: the part {printable(part.filename)} declares XML entities, "
            "which a workbook never needs and which can read files or exhaust memory"
        )
    if max(map(len, content.split(b"<"))) > MAX_XML_RUN:
        raise SpreadsheetError(
            f"{name}: the part {printable(part.filename)} holds a text longer than any cell "
            "can (32,767 characters)"
        )


def reason(exc: BaseException) -> str:
    text = printable(str(exc)) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def read_rows(name: str, data: bytes, max_rows: int, max_columns: int) -> list[list[Any]]:
    """The non-blank rows of the first sheet (at most `max_rows` + 1), one sentence on failure.

    openpyxl pads rows up to the sheet's declared dimension and to the last
    cell's column, and yields an empty row for every row number skipped, so
    a few bytes (``<row r="999999999999">``, ``<c r="XFD1">``) would make it
    fill memory or loop for hours: the declared dimension is ignored, a row
    wider than `max_columns` is refused, and at most a worksheet's
    1,048,576 rows are looked at.
    """
    check_workbook(name, data)
    from xml.etree.ElementTree import ParseError

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _sheet_rows(name, book, max_rows, max_columns)
        finally:
            book.close()
    except SpreadsheetError:
        raise
    except ParseError as exc:
        raise SpreadsheetError(f"{name}: its XML is malformed ({reason(exc)})") from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises anything on a malformed part
        kind = type(exc).__name__
        if kind.endswith("Forbidden"):  # defusedxml: entities, DTDs, external references
            raise SpreadsheetError(f"{name}: it declares XML entities, which are refused") from None
        raise SpreadsheetError(f"{name}: not a readable XLSX workbook ({reason(exc)})") from None


def _sheet_rows(name: str, book: Any, max_rows: int, max_columns: int) -> list[list[Any]]:
    if not book.worksheets:
        raise SpreadsheetError(f"{name}: the workbook has no sheet")
    sheet = book.worksheets[0]
    sheet.reset_dimensions()
    rows: list[list[Any]] = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > SHEET_ROWS:
            raise SpreadsheetError(f"{name}: more rows than a worksheet holds ({SHEET_ROWS:,})")
        if len(row) > max_columns:
            raise SpreadsheetError(f"{name} row {number}: more than {max_columns:,} columns")
        if any(v is not None and (not isinstance(v, str) or v.strip()) for v in row):
            rows.append(list(row))
            if len(rows) > max_rows:
                break
    return rows


def unstorable(value: Any) -> str | None:
    """Why an XLSX cell cannot hold this text (a control character, a lone surrogate), or None."""
    if not isinstance(value, str):
        return None
    bad = invalid_character(value)
    if bad:
        return bad
    match = _ILLEGAL.search(value)
    return f"control character U+{ord(match.group()):04X}" if match else None


def workbook_bytes(rows: list[list[Any]], sheet: str) -> bytes:
    """The rows as an XLSX workbook: header frozen, columns sized to their text."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    for row in rows:
        ws.append(row)
    for column in ws.columns:
        width = max(len(str(c.value or "")) for c in column)
        ws.column_dimensions[column[0].column_letter].width = min(max(width + 2, 6), 60)
    ws.freeze_panes = "B2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
