"""The nations table and the allocation as CSV, XLSX or ODS, to and from spreadsheets.

Planners keep national positions in spreadsheets; this moves them in and
out without hand copying. The format is chosen by the file's extension.
Reading is defensive like scenario loading: every problem is one
:class:`SpreadsheetError` naming the file, the row, the column and the value.

Text that a spreadsheet would run as a formula (starting with = + - @ or
their full-width forms, also after leading spaces, or with a tab, carriage
return or newline) is written with a leading apostrophe, and that one
apostrophe is removed again on reading, so hostile text round-trips as text.
Files are read with a bound and only when they are regular files; XLSX
and ODS files are checked before parsing (:mod:`planner.exchange.xlsx`).
CSV is read in the encoding, separator and decimal mark it was saved with
(:mod:`planner.exchange.csv_text`). Empty cells are written empty, and a
cell typed as a date or a boolean reads back as the text it shows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.errors import ScenarioError, invalid_character, printable, quoted
from planner.exchange import ods
from planner.exchange.csv_text import COMMA, POINT, number_text, read_csv
from planner.exchange.xlsx import SpreadsheetError, read_rows, unstorable, workbook_bytes
from planner.files import UnreadableFileError, read_bounded, write_atomically
from planner.scenario.io import scenario_to_dict
from planner.scenario.model import Scenario, UnitType
from planner.scenario.plan import Cell, cell
from planner.scenario.validation import parse_scenario

FORMATS = (".csv", ".xlsx", ".ods")
XML_FORMATS = (".xlsx", ".ods")  # XML cannot hold control characters
MAX_BYTES = 20 * 2**20
MAX_ROWS = 10_000
MAX_COLUMNS = 1_000
MAX_CELL = 32_767  # Excel's own limit on the characters of a cell
# Signs that start a formula, also after leading spaces: = + - @, their
# full-width (U+FF1D, U+FF0B, U+FF0D, U+FF20) and small (U+FE66, U+FE62,
# U+FE63) forms, which spreadsheets in East Asian locales take as the same.
FORMULA_SIGNS = "=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63"
# A cell starting with one of these is run or split by some spreadsheets; a
# newline too, because XLSX turns a carriage return into one.
FORMULA_STARTS = ("\t", "\r", "\n")
# Sources share one cell, separated by " | "; a "|" inside a source is written "||".
SOURCES_SEPARATOR = " | "
_SOURCE_PIPES = re.compile(r"\|+")
OFFER_PREFIX = "offer:"
NATION_FIELDS = (
    "code",
    "name",
    "status",
    "min_troops",
    "max_troops",
    "cost_per_troop",
    "burden_weight",
)
TEXT_FIELDS = ("notes", "sources")
TROOPS_COLUMN = "troops"

Rows = list[list[Any]]


@dataclass(frozen=True)
class Sheet:
    """The rows of a file and the decimal mark of its text numbers (CSV only)."""

    rows: Rows
    decimal_mark: str = POINT


# -- cells ---------------------------------------------------------------------


def needs_protection(text: str) -> bool:
    """Whether a spreadsheet could run `text` as a formula (or it starts with the apostrophe)."""
    return text.startswith(FORMULA_STARTS + ("'",)) or text.lstrip()[:1] in tuple(FORMULA_SIGNS)


def protect(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe.

    Text that already starts with an apostrophe gets one too, so that
    :func:`unprotect` gives back exactly what was written.
    """
    if isinstance(value, str) and needs_protection(value):
        return "'" + value
    return value


def unprotect(value: Any) -> Any:
    """The text :func:`protect` was given: one apostrophe off where protect put one."""
    if isinstance(value, str) and value.startswith("'") and needs_protection(value[1:]):
        return value[1:]
    return value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _where(file: str, row: int, column: str) -> str:
    return f"{file} row {row}, {printable(column)}"


def _name(path: Path) -> str:
    """The file's name for a message, escaped."""
    return printable(path.name)


def whole(value: Any, file: str, row: int, column: str, mark: str = POINT) -> int:
    """A whole number from a cell: 8, 8.0, '8', '10,000' (or '10.000' with decimal commas);
    anything else is an error."""
    number: float | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        return value
    elif isinstance(value, float):
        number = value
    elif isinstance(value, str):
        try:
            number = float(_number_text(value, file, row, column, mark))
        except ValueError:
            number = None
    if number is None or number != number or not number.is_integer():
        raise SpreadsheetError(
            f"{_where(file, row, column)}: {_shown(value)} is not a whole number"
        )
    return int(number)


def decimal(value: Any, file: str, row: int, column: str, mark: str = POINT) -> float:
    """A number from a cell, with the file's decimal mark when it is text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    try:
        number = float(_number_text(text(value), file, row, column, mark))
    except ValueError:
        said = f" (this file writes a decimal {mark})" if mark in (POINT, COMMA) else ""
        raise SpreadsheetError(
            f"{_where(file, row, column)}: {_shown(value)} is not a number{said}"
        ) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise SpreadsheetError(
            f"{_where(file, row, column)}: {quoted(value)} is not a finite number"
        )
    return number


def text(value: Any) -> str:
    """A cell as the text it shows: a date as 2026-03-01, a boolean as TRUE or FALSE."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(" ", "seconds" if not value.microsecond else "auto")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _number_text(value: str, file: str, row: int, column: str, mark: str) -> str:
    """:func:`number_text`, refusing a value that reads two ways in this file."""
    found = number_text(value, mark)
    if found is None:
        raise SpreadsheetError(
            f"{_where(file, row, column)}: {quoted(value.strip())} is a different number with a "
            "decimal point than with a decimal comma, and no number in this tab-separated file "
            'shows which it writes; save it as "CSV UTF-8 (comma delimited)"'
        )
    return found


def _shown(value: Any) -> str:
    """A cell for a message: text quoted, a number as it is, a date or boolean as it shows."""
    plain = isinstance(value, str | int | float) and not isinstance(value, bool)
    return quoted(value if plain else text(value))


def join_sources(sources: Sequence[str]) -> str:
    """Sources in one cell: " | " between them, a "|" inside one doubled."""
    return SOURCES_SEPARATOR.join(s.replace("|", "||") for s in sources)


def split_sources(cell: str) -> list[str]:
    """The sources of a cell (see :func:`join_sources`): a single "|" separates, "||" is a "|"."""
    sources, current = [], []
    position = 0
    for match in _SOURCE_PIPES.finditer(cell):
        current.append(cell[position : match.start()])
        run = len(match.group())
        current.append("|" * (run // 2))
        if run % 2:
            sources.append("".join(current))
            current = []
        position = match.end()
    current.append(cell[position:])
    sources.append("".join(current))
    return [s.strip() for s in sources if s.strip()]


# -- files ---------------------------------------------------------------------


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise SpreadsheetError(
            f"{_name(path)}: choose a .csv, .xlsx or .ods file "
            f"(not {printable(suffix) or 'no extension'})"
        )
    return suffix


def write_table(path: Path, rows: Rows, sheet: str) -> None:
    """Write rows (header first) as CSV (UTF-8 with BOM, for Excel), XLSX or ODS.

    An empty string is written as an empty cell, not as a text cell holding nothing.
    """
    kind = _format(path)
    rows = [[None if v == "" else protect(v) for v in row] for row in rows]
    _check_storable(path, rows, kind)
    if kind == ".csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        data: str | bytes = "\ufeff" + buffer.getvalue()
    elif kind == ".ods":
        data = ods.spreadsheet_bytes(rows, sheet)
    else:
        data = workbook_bytes(rows, sheet)
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise SpreadsheetError(f"cannot write {_name(path)}: {exc.strerror or exc}") from None


def _check_storable(path: Path, rows: Rows, kind: str) -> None:
    """Refuse text the format cannot hold, naming the cell, before anything is written."""
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if not isinstance(value, str):
                continue
            bad = unstorable(value) if kind in XML_FORMATS else invalid_character(value)
            if bad:
                hint = "; export as CSV instead" if kind in XML_FORMATS and "control" in bad else ""
                raise SpreadsheetError(
                    f"cannot write {_name(path)}: row {number}, column {column} holds a {bad} "
                    f"that {kind[1:].upper()} cannot store{hint}"
                )


def read_table(path: Path) -> Rows:
    """The rows of a CSV file or of an XLSX or ODS file's first sheet, header first."""
    return read_sheet(path).rows


def read_sheet(path: Path) -> Sheet:
    """:func:`read_table` with how the file writes numbers."""
    kind = _format(path)
    try:
        data = read_bounded(path, MAX_BYTES)
    except UnreadableFileError as exc:
        raise SpreadsheetError(f"{_name(path)}: {exc}") from None
    mark = POINT
    if kind == ".csv":
        found = read_csv(_name(path), data, MAX_ROWS, MAX_COLUMNS)
        rows: Rows = list(found.rows)
        mark = found.decimal_mark
    elif kind == ".ods":
        rows = ods.read_rows(_name(path), data, MAX_ROWS, MAX_COLUMNS)
    else:
        rows = read_rows(_name(path), data, MAX_ROWS, MAX_COLUMNS)
    if not rows:
        raise SpreadsheetError(f"{_name(path)}: the file is empty")
    if len(rows) > MAX_ROWS or max(len(r) for r in rows) > MAX_COLUMNS:
        raise SpreadsheetError(
            f"{_name(path)}: more than {MAX_ROWS:,} rows or {MAX_COLUMNS:,} columns"
        )
    _check_cells(path, rows)
    return Sheet(rows, mark)


def _check_cells(path: Path, rows: Rows) -> None:
    """Every text cell within Excel's length limit and free of lone surrogates."""
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if not isinstance(value, str):
                continue
            if len(value) > MAX_CELL:
                raise SpreadsheetError(
                    f"{_name(path)} row {number}, column {column}: a text of {len(value):,} "
                    f"characters is longer than a cell holds ({MAX_CELL:,})"
                )
            bad = invalid_character(value)
            if bad:
                raise SpreadsheetError(
                    f"{_name(path)} row {number}, column {column}: "
                    f"contains an invalid character ({bad})"
                )


# -- the nations table -----------------------------------------------------------


def nations_rows(scenario: Scenario) -> Rows:
    units = [u.id for u in scenario.unit_types]
    header = list(NATION_FIELDS) + [OFFER_PREFIX + u for u in units] + list(TEXT_FIELDS)
    rows: Rows = [header]
    for n in scenario.nations:
        rows.append(
            [
                n.code,
                n.name,
                n.status,
                n.min_troops,
                n.max_troops,
                n.cost_per_troop,
                n.burden_weight,
            ]
            + [n.offers.get(u) for u in units]
            + [n.notes or None, join_sources(n.sources) or None]
        )
    return rows


def write_nations(scenario: Scenario, path: str | Path) -> None:
    write_table(Path(path), nations_rows(scenario), "Nations")


def read_nations(path: str | Path, scenario: Scenario) -> tuple[Scenario, list[str]]:
    """`scenario` with its nations replaced by the table's; also notes on dropped locks.

    Every rule of the spec applies to the result (it goes through validation);
    locks of nations no longer in the table are dropped, and such nations leave
    the backstop, each said so.
    """
    path = Path(path)
    sheet = read_sheet(path)
    rows = sheet.rows
    columns = _columns(_name(path), rows[0], scenario)
    nations = [
        _nation(_name(path), i + 2, row, columns, sheet.decimal_mark)
        for i, row in enumerate(rows[1:])
    ]
    data = scenario_to_dict(scenario)
    data["nations"] = nations
    kept = {n["code"] for n in nations}
    dropped = [lk for lk in data["locks"] if lk["nation"] not in kept]
    data["locks"] = [lk for lk in data["locks"] if lk["nation"] in kept]
    notes = [f"lock {lk['nation']} {lk['unit_type']} dropped (nation removed)" for lk in dropped]
    if "backstop" in data:
        gone = [c for c in data["backstop"]["nations"] if c not in kept]
        data["backstop"]["nations"] = [c for c in data["backstop"]["nations"] if c in kept]
        notes += [f"{code} removed from the backstop (nation removed)" for code in gone]
        if not data["backstop"]["nations"]:
            del data["backstop"]
            notes.append("backstop dropped (none of its nations is left)")
    try:
        result = parse_scenario(data)
    except ScenarioError as exc:
        raise SpreadsheetError(f"{_name(path)}: {_row_of(exc)}") from None
    return result, notes


def _columns(file: str, header: Sequence[Any], scenario: Scenario) -> dict[str, int]:
    names = [text(h).strip() for h in header]
    units = {u.id for u in scenario.unit_types}
    allowed = set(NATION_FIELDS) | set(TEXT_FIELDS) | {OFFER_PREFIX + u for u in units}
    unknown = [n for n in names if n and n not in allowed]
    if unknown:
        hint = " (unit types must exist in the scenario)" if unknown[0].startswith("offer:") else ""
        raise SpreadsheetError(
            f"{file} row 1: unknown column {quoted(unknown[0])}{hint}; columns are "
            f"{', '.join(NATION_FIELDS)}, offer:<unit type>, notes, sources"
        )
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if name in seen:
            raise SpreadsheetError(f"{file} row 1: column {quoted(name)} appears twice")
        if name:
            seen[name] = i
    for required in ("code", "max_troops"):
        if required not in seen:
            raise SpreadsheetError(f"{file} row 1: the column {quoted(required)} is missing")
    return seen


def _nation(file: str, number: int, row: Sequence[Any], columns: dict[str, int], mark: str) -> dict:
    def cell(name: str) -> Any:
        i = columns.get(name)
        return unprotect(row[i]) if i is not None and i < len(row) else None

    nation: dict[str, Any] = {"code": text(cell("code")).strip()}
    nation["name"] = text(cell("name")).strip() or nation["code"]
    if not _blank(cell("status")):
        nation["status"] = text(cell("status")).strip().lower()
    for field in ("min_troops", "max_troops"):
        if field == "max_troops" or not _blank(cell(field)):
            value = cell(field)
            if _blank(value):
                raise SpreadsheetError(f"{_where(file, number, field)}: required, but empty")
            nation[field] = whole(value, file, number, field, mark)
    for field in ("cost_per_troop", "burden_weight"):
        if not _blank(cell(field)):
            nation[field] = decimal(cell(field), file, number, field, mark)
    offers = {}
    for name in columns:
        if name.startswith(OFFER_PREFIX) and not _blank(cell(name)):
            count = whole(cell(name), file, number, name, mark)
            offers[name[len(OFFER_PREFIX) :]] = count
    nation["offers"] = offers
    notes = text(cell("notes"))
    if notes:
        nation["notes"] = notes
    sources = split_sources(text(cell("sources")))
    if sources:
        nation["sources"] = sources
    return nation


def _row_of(exc: ScenarioError) -> str:
    """'nations[3].max_troops: ...' said as 'row 5, max_troops: ...'."""
    match = re.match(r"nations\[(\d+)\]\.?(.*)", exc.path)
    if not match:
        return str(exc)
    row, field = int(match.group(1)) + 2, match.group(2) or "row"
    return f"row {row}, {field}: {exc.problem}"


# -- the allocation --------------------------------------------------------------


AREA_COLUMN, PERIOD_COLUMN = "area", "period"


def _key_columns(scenario: Scenario) -> list[str]:
    """The columns that say which cell a row is, after `nation` (spec section 10's keys)."""
    return [AREA_COLUMN] * scenario.has_areas + [PERIOD_COLUMN] * scenario.periods.several


def _row_places(scenario: Scenario) -> list[tuple[str | None, int]]:
    """(area, period) of each nation's rows: one per area (and a blank area for stand-off
    units when the scenario has areas) and period; one row in a plain scenario."""
    areas: list[str | None] = [a.id for a in scenario.areas] if scenario.has_areas else [None]
    if scenario.has_areas and any(not u.deployed for u in scenario.unit_types):
        areas.append(None)
    return [(a, t) for t in scenario.periods.all for a in areas]


def _place_cell(scenario: Scenario, code: str, unit: UnitType, area: str | None, period: int):
    """The cell of one spreadsheet count, or None where the unit cannot stand (a deployed type
    on the stand-off row, a stand-off type on an area row)."""
    if not scenario.has_areas:
        return cell(scenario, code, unit.id, None, period)
    if (area is None) == unit.deployed:
        return None
    return Cell(code, unit.id, area, period)


def allocation_rows(scenario: Scenario, allocation: dict[Cell, int]) -> Rows:
    units = scenario.unit_types
    keys = _key_columns(scenario)
    rows: Rows = [["nation", *keys] + [u.id for u in units] + [TROOPS_COLUMN]]
    for n in scenario.nations:
        for area, period in _row_places(scenario):
            cells = [_place_cell(scenario, n.code, u, area, period) for u in units]
            counts = [allocation.get(c, 0) if c is not None else 0 for c in cells]
            troops = sum(c * u.personnel for c, u in zip(counts, units, strict=True) if u.deployed)
            where = ([area or ""] if scenario.has_areas else []) + (
                [period] if scenario.periods.several else []
            )
            rows.append([n.code, *where] + [c or None for c in counts] + [troops])
    return rows


def write_allocation(scenario: Scenario, allocation: dict[Cell, int], path: str | Path) -> None:
    """One row per nation (and area and period where the scenario has them), one column per
    unit type, and its troops (ignored on reading)."""
    write_table(Path(path), allocation_rows(scenario, allocation), "Allocation")


def read_allocation(path: str | Path, scenario: Scenario) -> dict[Cell, int]:
    """Counts by nation (area, period) and unit type; blank is 0; each within the offer."""
    path = Path(path)
    sheet = read_sheet(path)
    rows = sheet.rows
    header = [text(h).strip() for h in rows[0]]
    keys = _key_columns(scenario)
    if not header or header[0] != "nation":
        raise SpreadsheetError(f"{_name(path)} row 1: the first column must be 'nation'")
    if header[1 : 1 + len(keys)] != keys:
        wanted = ", ".join(["nation", *keys])
        raise SpreadsheetError(f"{_name(path)} row 1: the first columns must be {wanted}")
    first_unit = 1 + len(keys)
    units = {u.id: u for u in scenario.unit_types}
    for name in header[first_unit:]:
        if name and name != TROOPS_COLUMN and name not in units:
            raise SpreadsheetError(
                f"{_name(path)} row 1: {quoted(name)} is not a unit type of the scenario"
            )
    codes = {n.code: n for n in scenario.nations}
    area_ids = {a.id for a in scenario.areas}
    allocation: dict[Cell, int] = {}
    seen: set[tuple[str, str | None, int]] = set()
    for number, row in enumerate(rows[1:], start=2):
        code = text(row[0]).strip() if row else ""
        if code not in codes:
            raise SpreadsheetError(
                f"{_name(path)} row {number}: {quoted(code)} is not a nation code"
            )
        area, period = _row_place(path, number, row, keys, area_ids, scenario, sheet)
        if (code, area, period) in seen:
            raise SpreadsheetError(f"{_name(path)} row {number}: {code} appears twice")
        seen.add((code, area, period))
        for i, name in enumerate(header[first_unit:], start=first_unit):
            if name in ("", TROOPS_COLUMN) or i >= len(row) or _blank(row[i]):
                continue
            count = whole(unprotect(row[i]), _name(path), number, name, sheet.decimal_mark)
            offer = codes[code].offer(name)
            if not 0 <= count <= offer:
                raise SpreadsheetError(
                    f"{_where(_name(path), number, name)}: {count} is outside 0..{offer} "
                    f"({code} offers {offer})"
                )
            key = _place_cell(scenario, code, units[name], area, period)
            if key is None and count:
                kind = "stand-off" if not units[name].deployed else "deployed"
                raise SpreadsheetError(
                    f"{_where(_name(path), number, name)}: a {kind} unit type cannot be counted "
                    f"{'in an area' if area else 'without an area'}"
                )
            if count and key is not None:
                allocation[key] = count
    return allocation


def _row_place(path, number, row, keys, area_ids, scenario, sheet):  # type: ignore[no-untyped-def]
    """The (area, period) a row of a long allocation sheet stands for."""
    area, period, i = None, 1, 1
    if AREA_COLUMN in keys:
        value = text(row[i]).strip() if i < len(row) else ""
        if value and value not in area_ids:
            raise SpreadsheetError(
                f"{_where(_name(path), number, AREA_COLUMN)}: {quoted(value)} is not an area"
            )
        area, i = value or None, i + 1
    if PERIOD_COLUMN in keys:
        value = row[i] if i < len(row) else ""
        period = whole(value, _name(path), number, PERIOD_COLUMN, sheet.decimal_mark)
        if not 1 <= period <= scenario.periods.count:
            raise SpreadsheetError(
                f"{_where(_name(path), number, PERIOD_COLUMN)}: {period} is not a period"
            )
    return area, period
