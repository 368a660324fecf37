"""Figures as the planner reads and types them: the window's one home for number formats.

Every number the window shows (tables, the allocation grid, chart labels,
status texts, spin boxes) is written here through the default ``QLocale``,
and every number a planner types is read here through the same locale, so
``0,20`` in a spin box never sits beside ``10,000`` in a table. Reading is
strict: the text must be a number as that locale writes it. ``1,5`` under
en_US (a group separator in the wrong place) or ``10,5`` for a whole number
under de_DE (10.5) is refused with a reason; nothing is guessed, so no number
is stored that the planner did not type.

The planner core writes its sentences the locale-free way (``2,100 troops``,
``1.5``) because the CLI, files and the brief must not depend on the
machine; :func:`localised` rewrites the figures of such a sentence for the
window.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QLocale

from planner.scenario import words

_SPACES = (" ", "\u00a0", "\u202f")  # what a planner types for a space-like group separator
_MINUS = ("\u2212",)  # typographic minus
# a figure of a planner-core sentence: 2,100 or 12.5 (not part of a word, a path or a version)
_CORE_FIGURE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?!\w|[.,]\d)")
EXAMPLE_WHOLE = 12500
EXAMPLE_DECIMAL = 1.5


def locale() -> QLocale:
    """The default locale, with group separators shown (Qt's C locale omits them)."""
    current = QLocale()
    current.setNumberOptions(current.numberOptions() & ~QLocale.NumberOption.OmitGroupSeparator)
    return current


def install() -> None:
    """Make the system locale, group separators shown, the default (app start-up)."""
    system = QLocale.system()
    system.setNumberOptions(system.numberOptions() & ~QLocale.NumberOption.OmitGroupSeparator)
    QLocale.setDefault(system)


# -- writing ------------------------------------------------------------------------------
def whole(value: int) -> str:
    """A whole number with the locale's group separators: 12,500 or 12.500."""
    return locale().toString(int(value))


def decimal(value: float, places: int) -> str:
    """`value` with exactly `places` decimals: 1,234.50 or 1.234,50."""
    return locale().toString(float(value), "f", places)


def signed(value: float, places: int = 1) -> str:
    """A change: +1,234.5 or -3 (zero gets a plus)."""
    here = locale()
    sign = here.negativeSign() if value < 0 else here.positiveSign()
    return sign + decimal(abs(value), places)


def signed_whole(value: int) -> str:
    here = locale()
    return (here.negativeSign() if value < 0 else here.positiveSign()) + whole(abs(value))


def percent(share: float, places: int = 1) -> str:
    """A share of one as a percentage: 0.125 -> 12.5%."""
    return decimal(100.0 * share, places) + locale().percent()


def places_of(value: float) -> int:
    """How many decimals the shortest exact text of `value` has (0.1 -> 1, 3170.0 -> 0)."""
    if not math.isfinite(value):
        return 0
    _, _, fraction = format(Decimal(repr(float(value))), "f").partition(".")
    return len(fraction.rstrip("0"))


def exact(value: float, at_least: int = 0) -> str:
    """Every digit of `value` (at least `at_least` decimals): nothing shown is rounded away."""
    return decimal(value, max(at_least, places_of(value)))


def cost(value: float) -> str:
    """A cost by the planner's one rule (:func:`planner.scenario.words.cost`), the locale's
    way: 29,880.5 exactly as ``solve --json`` says it (29.880,5 under de_DE)."""
    return localised(words.cost(value))


def cost_change(value: float) -> str:
    """A difference of costs, signed: +200.5, -1,250."""
    return localised(words.cost_change(value))


def seconds(value: float) -> str:
    return f"{decimal(value, 2)} s"


def figure(value: Any) -> str:
    """Any number as the window writes it (whole numbers grouped, decimals exact)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return whole(value)
    return exact(value)


def edit_text(value: Any) -> str:
    """The text an editor starts from: reading it back gives `value` exactly."""
    return "" if value is None else figure(value)


def localised(sentence: str) -> str:
    """A planner-core sentence with its figures written the locale's way.

    Only figures with a separator change (``2,100``, ``0.4``); plain digits
    such as ``3`` or ``nations[3]`` read the same everywhere.
    """
    here = locale()
    if here.groupSeparator() == "," and here.decimalPoint() == ".":
        return sentence

    def rewrite(match: re.Match[str]) -> str:
        digits, fraction = match.group(1), match.group(2)
        if "," not in digits and fraction is None:
            return match.group(0)
        text = here.toString(int(digits.replace(",", "")))
        return text + (here.decimalPoint() + fraction if fraction is not None else "")

    return _CORE_FIGURE.sub(rewrite, sentence)


# -- reading ------------------------------------------------------------------------------
def _normalised(text: str, here: QLocale) -> str:
    text = text.strip()
    for minus in _MINUS:
        text = text.replace(minus, here.negativeSign())
    group = here.groupSeparator()
    if group in _SPACES:
        for space in _SPACES:
            text = text.replace(space, group)
    return text


def parse_whole(value: Any) -> int:
    """A typed whole number as the locale writes it ("7,500" en_US, "7.500" de_DE).

    ValueError with the reason (and how to write one) for anything else,
    including decimals ("10,5") and misplaced group separators ("1,5" en_US).
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(f"{exact(value)} is not a whole number")
    here = locale()
    text = _normalised(str(value), here)
    number, ok = here.toLongLong(text)
    if not ok:
        raise ValueError(
            f"'{str(value).strip()}' is not a whole number (write it like {whole(EXAMPLE_WHOLE)})"
        )
    return int(number)


def parse_number(value: Any) -> float:
    """A typed number as the locale writes it ("1.5" en_US, "1,5" de_DE); ValueError if not."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        here = locale()
        number, ok = here.toDouble(_normalised(str(value), here))
        if not ok or not math.isfinite(number):
            raise ValueError(
                f"'{str(value).strip()}' is not a number (write it like "
                f"{decimal(EXAMPLE_DECIMAL, 1)} or {whole(EXAMPLE_WHOLE)})"
            )
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a number")
    return number


def parse_optional_whole(value: Any) -> int | None:
    """A whole number, or None for an empty cell ("no limit")."""
    if value is None or str(value).strip() in ("", "-", "none"):
        return None
    return parse_whole(value)
