"""Argument types for the command line: each bad value is one sentence, never a traceback."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def whole_number(low: int | None, high: int | None, what: str) -> Callable[[str], int]:
    """An argparse type for a whole number of `what` in low..high (None: unbounded)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            of = f" of {what}" if what else ""
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number{of}") from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"{text!r} must be from {low:,} to {high:,}")
        return value

    return parse


def fraction(what: str, open_low: bool, open_high: bool) -> Callable[[str], float]:
    """An argparse type for a number between 0 and 1 (ends excluded when open)."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what} (0 to 1)") from None
        low_ok = value > 0 if open_low else value >= 0
        high_ok = value < 1 if open_high else value <= 1
        if not (low_ok and high_ok):  # NaN fails too
            raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 1")
        return value

    return parse


def seconds(text: str) -> float:
    """A positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number of seconds")
    return value
