"""CSV text as spreadsheets save it across Europe: its encoding, separator and decimal mark.

Excel's "CSV" follows the Windows locale: in continental Europe the list
separator is a semicolon because the decimal mark is a comma, and the bytes
are Windows-1252 unless "CSV UTF-8" was chosen; "Unicode text" is UTF-16
with tabs. This module finds out which of these a file is, or says in one
line what it found and how to save the file instead. Nothing here knows the
nations table; :mod:`planner.exchange.spreadsheet` reads the rows.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

from planner.errors import printable, quoted
from planner.exchange.xlsx import SpreadsheetError

SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}
# How a file writes the decimals of its text numbers. UNCLEAR: a tab file whose numbers
# show no decimals, where "10.000" and "10,000" could each be ten or ten thousand.
POINT, COMMA, UNCLEAR = "point", "comma", "unclear"
SAVE_AS = 'save it as "CSV UTF-8 (comma delimited)"'
_BOMS = (
    (codecs.BOM_UTF32_LE, None, "UTF-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, None, "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# UTF-8 for the accented letters, symbols and punctuation of Western Europe (à-ÿ, °, €, “):
# found next to a byte that is not UTF-8, the file mixes encodings. As Windows-1252 they
# read "Ã©", "Â°", "â€œ", which no one writes ("groß“" is also a valid UTF-8 pair).
_UTF8_SEQUENCE = re.compile(rb"[\xc2\xc3][\x80-\xbf]|\xe2[\x80-\x82][\x80-\xbf]")
_SEP_LINE = re.compile(r"^sep=(.)\r?\n", re.IGNORECASE)  # Excel's hint line


@dataclass(frozen=True)
class CsvText:
    """What a CSV file turned out to be: its rows and how it writes numbers."""

    rows: list[list[str]]
    encoding: str
    separator: str
    decimal_mark: str  # POINT, COMMA or UNCLEAR


def decode(name: str, data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding.

    A byte-order mark decides (UTF-8, UTF-16); then strict UTF-8; then
    Windows-1252, what Excel writes as "CSV" on Western European Windows.
    UTF-16 without a mark is recognised by its zero bytes.
    """
    for mark, codec, label in _BOMS:
        if data.startswith(mark):
            if codec is None:
                raise SpreadsheetError(f"{name}: this is {label} text; {SAVE_AS}")
            return _strict(name, data, codec, label), label
    if b"\x00" in data[:4096]:
        codec = _bomless_utf16(data)
        if codec is None:
            raise SpreadsheetError(f"{name}: this is a binary file, not CSV text; {SAVE_AS}")
        return _strict(name, data, codec, "UTF-16"), "UTF-16"
    try:
        return _plain(name, data.decode("utf-8")), "UTF-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    if _UTF8_SEQUENCE.search(data):
        raise SpreadsheetError(
            f"{name}: mixes UTF-8 with another encoding (byte 0x{data[bad]:02X} at position "
            f"{bad} is not UTF-8); {SAVE_AS}"
        )
    try:
        return _plain(name, data.decode("cp1252")), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(
            f"{name}: neither UTF-8 nor Windows-1252 text (byte 0x{data[exc.start]:02X} at "
            f"position {exc.start}); {SAVE_AS}"
        ) from None


def _bomless_utf16(data: bytes) -> str | None:
    """utf-16-le or -be when nearly every other byte of the start is zero and nearly none of
    the others are (Latin text as UTF-16; a binary file has zeros anywhere)."""
    head = data[: 4096 - 4096 % 2] if len(data) >= 4096 else data[: len(data) - len(data) % 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = max(1, len(head) // 2)
    if odd >= 0.9 * pairs and even <= 0.1 * pairs:
        return "utf-16-le"
    if even >= 0.9 * pairs and odd <= 0.1 * pairs:
        return "utf-16-be"
    return None


def _strict(name: str, data: bytes, codec: str, label: str) -> str:
    try:
        return _plain(name, data.decode(codec))
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(
            f"{name}: not valid {label} text (bad bytes at position {exc.start}); {SAVE_AS}"
        ) from None


def _plain(name: str, text: str) -> str:
    """The text, unless it holds a NUL, which no spreadsheet writes in CSV (a binary file)."""
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise SpreadsheetError(f"{name}: this is a binary file, not CSV text; {SAVE_AS}")
    return text


def separator(name: str, text: str) -> tuple[str, str]:
    """The column separator (comma, semicolon or tab) and the text without Excel's `sep=` line.

    Found from the first line, outside quotes, where the column names stand:
    none of them holds a comma, semicolon or tab, so exactly one kind occurs.
    """
    hint = _SEP_LINE.match(text)
    if hint:
        sep = hint.group(1)
        if sep not in SEPARATORS:
            raise SpreadsheetError(
                f"{name}: its first line asks for the separator {quoted(sep)}; use a comma, a "
                "semicolon or a tab"
            )
        return sep, text[hint.end() :]
    counts = dict.fromkeys(SEPARATORS, 0)
    in_quotes = False
    for char in text.lstrip("\r\n")[: 2**20]:  # a header is far shorter
        if char == '"':
            in_quotes = not in_quotes
        elif char in "\r\n" and not in_quotes:
            break
        elif char in counts and not in_quotes:
            counts[char] += 1
    found = [s for s, n in counts.items() if n]
    if len(found) > 1:
        said = " and ".join(
            f"{counts[s]} {SEPARATORS[s]}{'s' if counts[s] != 1 else ''}" for s in found
        )
        raise SpreadsheetError(
            f"{name} row 1: the column names are separated by {said}, so the separator is "
            "unclear; save the file with one separator"
        )
    return (found[0] if found else ","), text


# Numbers as Excel writes them, by decimal mark. "1,5" and "1.234,5" are decimal-comma
# numbers; "1.5" and "1,234.5" decimal-point ones; "10,000" and "10.000" could be either.
_COMMA_DECIMAL = re.compile(r"^[+-]?(\d+|\d{1,3}([.\u00a0\u202f ]\d{3})+),(\d{1,2}|\d{4,})$")
_COMMA_GROUPED = re.compile(r"^[+-]?\d{1,3}([.\u00a0\u202f ]\d{3})+(,\d+)?$")
_POINT_DECIMAL = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)\.(\d{1,2}|\d{4,})$")
_POINT_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_AMBIGUOUS = re.compile(r"^[+-]?\d{1,3}([.,]\d{3})+$")
_GROUPING = str.maketrans("", "", ".\u00a0\u202f ")


def number_text(value: str, mark: str) -> str | None:
    """`value` as Python writes the number ("1.234,5" -> "1234.5"), or unchanged; None when
    the decimal mark is UNCLEAR and the value reads two ways ("10.000")."""
    value = value.strip()
    if mark == UNCLEAR and _AMBIGUOUS.match(value):
        return None
    if mark == COMMA:
        if _COMMA_GROUPED.match(value) or _COMMA_DECIMAL.match(value):
            return value.translate(_GROUPING).replace(",", ".")
        if re.match(r"^[+-]?\d+,\d+$", value):
            return value.replace(",", ".")
        return value
    if _POINT_GROUPED.match(value) or _POINT_DECIMAL.match(value):
        return value.replace(",", "")
    return value


def _decimal_mark(name: str, rows: list[list[str]], sep: str) -> str:
    """The file's decimal mark: what its numbers show, else what its separator implies (a
    comma: points; a semicolon: commas; a tab: unclear). A file showing both is refused."""
    if sep == ",":
        return POINT
    comma = point = None
    for number, row in enumerate(rows, start=1):
        for value in row:
            value = value.strip()
            if comma is None and _COMMA_DECIMAL.match(value):
                comma = (number, value)
            elif point is None and _POINT_DECIMAL.match(value):
                point = (number, value)
    if comma and point:
        raise SpreadsheetError(
            f"{name}: row {comma[0]} writes a decimal comma ({quoted(comma[1])}) and row "
            f"{point[0]} a decimal point ({quoted(point[1])}); save the file with one decimal mark"
        )
    if comma or point:
        return COMMA if comma else POINT
    return COMMA if sep == ";" else UNCLEAR


def read_csv(name: str, data: bytes, max_rows: int, max_columns: int) -> CsvText:
    """The non-blank rows of a CSV file (at most `max_rows` + 1) and how they were written."""
    content, encoding = decode(name, data)
    sep, content = separator(name, content)
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(content, newline=""), delimiter=sep):
            if len(row) > max_columns:
                raise SpreadsheetError(
                    f"{name}: more than {max_rows:,} rows or {max_columns:,} columns"
                )
            if any(v.strip() for v in row):  # blank lines cost nothing, however many
                rows.append(row)
                if len(rows) > max_rows:
                    break
    except csv.Error as exc:
        raise SpreadsheetError(f"{name}: not a readable CSV file ({printable(str(exc))})") from None
    return CsvText(rows, encoding, sep, _decimal_mark(name, rows, sep))
