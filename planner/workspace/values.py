"""Stored values are untrusted: each is checked for the kind it must be before it is used.

The schema and type checks (:mod:`planner.workspace.verify`) refuse most
tampering before a command starts; these readers are the second line, for
what SQL cannot see (JSON that does not parse, a plan naming no nation of
its scenario, a version number of 0) and for every value a row hands us.
A failure is a :class:`BadValue`, which the store turns into one sentence
naming the file.
"""

from __future__ import annotations

import math
from typing import Any

from planner.errors import ScenarioError
from planner.scenario.io import parse_json_text

MAX_INTEGER = 2**63 - 1  # SQLite's largest integer


class BadValue(Exception):
    """A stored value that is not what Force Planner wrote there."""


def describe(value: object) -> str:
    """A value's kind in words, never its (possibly huge) content."""
    if value is None:
        return "empty (NULL)"
    if isinstance(value, bytes):
        return "binary data"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a " + type(value).__name__


def _bad(what: str, value: object, expected: str) -> BadValue:
    return BadValue(f"{what} is {describe(value)} where {expected} belongs")


def text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise _bad(what, value, "text")
    return value


def whole(value: object, what: str, minimum: int | None = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _bad(what, value, "a whole number")
    if value > MAX_INTEGER:
        raise BadValue(f"{what} is a number too large for any workspace")
    if minimum is not None and value < minimum:
        raise BadValue(f"{what} is {value:,}; it must be at least {minimum:,}")
    return value


def optional_whole(value: object, what: str, minimum: int | None = None) -> int | None:
    return None if value is None else whole(value, what, minimum)


def optional_number(value: object, what: str) -> float | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise _bad(what, value, "a number")
    if not math.isfinite(value):
        raise BadValue(f"{what} is not a finite number")
    return float(value)


def json_text(value: object, what: str) -> Any:
    """Strict JSON (no NaN, no duplicate keys, bounded nesting) from a stored text."""
    try:
        return parse_json_text(text(value, what))
    except ScenarioError as exc:
        raise BadValue(f"{what} is not readable JSON ({exc.problem})") from None


def items(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise _bad(what, value, "a list")
    return value


def mapping(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(what, value, "an object")
    return value


def field(data: dict[str, Any], key: str, what: str) -> Any:
    if key not in data:
        raise BadValue(f"{what} has no {key!r}")
    return data[key]
