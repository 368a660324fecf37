"""Argument types for the command line: each bad value is one sentence, never a traceback.

Numbers are read from plain ASCII only: Python's ``int`` and ``float`` also
take other scripts' digits (``'١٢'``), underscores (``'1_0'``) and thousands
of digits, none of which a planner means on a command line.
"""

from __future__ import annotations

import argparse
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date

from planner.errors import PlannerError, invalid_character, quoted

_WHOLE = re.compile(r"[+-]?[0-9]+", re.ASCII)
_DIGITS = 30  # more is beyond every range here; int() of thousands would be slow or refused
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", re.ASCII)
MAX_SECONDS = 10**7  # about 116 days: any longer is no limit at all, so say so
MAX_SEED = 2**64 - 1
MAX_MARKING = 120
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "any whole number"
    if high is None:
        return f"at least {low:,}"
    if low is None:
        return f"at most {high:,}"
    return f"from {low:,} to {high:,}"


def whole_number(low: int | None, high: int | None, what: str) -> Callable[[str], int]:
    """An argparse type for a whole number of `what` in low..high (None: unbounded)."""

    def parse(text: str) -> int:
        if not _WHOLE.fullmatch(text.strip()):
            of = f" of {what}" if what else ""
            raise argparse.ArgumentTypeError(f"{quoted(text)} is not a whole number{of}")
        digits = text.strip().lstrip("+-").lstrip("0")
        value = int(text) if len(digits) <= _DIGITS else None
        if (
            value is None
            or (low is not None and value < low)
            or (high is not None and value > high)
        ):
            raise argparse.ArgumentTypeError(f"{quoted(text)} must be {_range(low, high)}")
        return value

    return parse


def _decimal(text: str) -> float | None:
    """A plain decimal number such as 0.5, 30 or 1e3; None for anything else."""
    return float(text) if _DECIMAL.fullmatch(text.strip()) else None


def fraction(what: str, open_low: bool, open_high: bool) -> Callable[[str], float]:
    """An argparse type for a number between 0 and 1 (ends excluded when open)."""

    def parse(text: str) -> float:
        value = _decimal(text)
        if value is None:
            raise argparse.ArgumentTypeError(f"{quoted(text)} is not {what} (0 to 1)")
        low_ok = value > 0 if open_low else value >= 0
        high_ok = value < 1 if open_high else value <= 1
        if not (low_ok and high_ok):
            raise argparse.ArgumentTypeError(f"{quoted(text)} is not between 0 and 1")
        return value

    return parse


def seconds(text: str) -> float:
    """A positive, finite number of seconds, at most :data:`MAX_SECONDS`."""
    value = _decimal(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a number of seconds")
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{quoted(text)} must be a positive number of seconds")
    if value > MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"{quoted(text)} is more than {MAX_SECONDS:,} seconds; leave --time-limit out "
            "for no limit"
        )
    return value


def seconds_or_none(text: str) -> float | None:
    """:func:`seconds`, or 'none' for no limit (a command whose limit has a default)."""
    if text.strip().lower() == "none":
        return None
    try:
        return seconds(text)
    except argparse.ArgumentTypeError as exc:
        raise argparse.ArgumentTypeError(
            str(exc).replace("leave --time-limit out", "give --time-limit none")
        ) from None


seed = whole_number(0, MAX_SEED, "")


def _shows(char: str) -> bool:
    """Printable, or a space of another width (a no-break space pasted from a document)."""
    return char.isprintable() or unicodedata.category(char) == "Zs"


def page_line(what: str) -> Callable[[str], str]:
    """A parser of one line of printable text for the brief's pages (the marking, the reference)."""

    def parse(text: str) -> str:
        bad = invalid_character(text)
        if bad:
            raise argparse.ArgumentTypeError(f"{what} contains an invalid character ({bad})")
        if not text.strip() or not all(_shows(c) for c in text):
            raise argparse.ArgumentTypeError(
                f"{what} {quoted(text)} must be one line of printable text"
            )
        if len(text) > MAX_MARKING:
            raise argparse.ArgumentTypeError(
                f"{what} is {len(text):,} characters long; at most {MAX_MARKING} fit a page"
            )
        return text

    return parse


marking = page_line("the marking")
"""A classification marking: one line of printable text, at most MAX_MARKING characters."""


def document_date(text: str) -> date:
    """The brief's date as YYYY-MM-DD."""
    if not ISO_DATE.fullmatch(text):
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a date like 2026-12-02")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a day of the calendar") from None


def run_subcommand(args: argparse.Namespace, key: str, verb: str, names: str) -> int:
    """Run the handler a subcommand stored under `key`, or say which subcommands there are."""
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, key, None)
    if handler is None:
        raise PlannerError(f"choose a {verb} command: {names} (see 'force-planner {verb} --help')")
    return handler(args)
