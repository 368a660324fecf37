"""Kept results as one CSV a planner can open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from planner.workspace.records import ResultInfo

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def results_csv(rows: Sequence[ResultInfo], documents: Sequence[dict[str, Any]]) -> str:
    """One line per kept result, with each nation's troops in its own column.

    UTF-8 with a byte-order mark so spreadsheet programs read names correctly.
    """
    codes: list[str] = []
    for document in documents:
        for nation in document["nations"]:
            if nation["code"] not in codes:
                codes.append(nation["code"])
    header = [
        "result",
        "scenario",
        "version",
        "kept_at_utc",
        "author",
        "objective",
        "solver",
        "status",
        "objective_value",
        "total_troops",
        "nations_taking_part",
    ] + [f"troops:{code}" for code in codes]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row, document in zip(rows, documents, strict=True):
        troops = {n["code"]: n["troops"] for n in document["nations"]}
        taking_part = sum(1 for n in document["nations"] if n["participating"])
        cells = [
            row.id,
            row.name,
            row.version,
            row.created_at,
            row.author,
            row.objective,
            row.solver,
            row.status,
            _blank(row.objective_value),
            _blank(row.total_troops),
            taking_part,
        ] + [troops.get(code, "") for code in codes]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return "\ufeff" + buffer.getvalue()


def _blank(value: object) -> object:
    return "" if value is None else value
