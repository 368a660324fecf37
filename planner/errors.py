"""Errors that carry a sentence written for the planner, never a traceback.

Anything a message quotes from a file or an argument goes through
:func:`quoted` (or :func:`printable`), so that a newline, a terminal escape
sequence, a bidi control or a lone surrogate in a name can neither split
the message, drive the terminal, reorder what a person reads, nor crash the
print with a UnicodeEncodeError.
"""

from __future__ import annotations

import sys
from typing import Any

PROG = "force-planner"
QUOTE_LIMIT = 60


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str) -> str:
    """`text` with every character a terminal would not show as itself escaped.

    Control characters (newlines and ESC among them), format characters
    (bidi controls, zero-width ones), line and paragraph separators, unusual
    spaces and lone surrogates become ``\\xNN``/``\\uNNNN``; letters of every
    script, digits, punctuation and the plain space stay as they are.
    """
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """`value` in single quotes for a message: one line, escaped, at most `limit` characters.

    Quotes and backslashes inside are escaped too, so the quoted text says
    exactly what the file or argument held. A value that is not text is shown
    as Python writes it, unquoted (``None``, ``3``), shortened the same way.
    """
    if not isinstance(value, str):
        shown = repr(value)
        return printable(shown if len(shown) <= limit else shown[:limit] + "...")
    text = value
    cut = len(text) > limit
    text = text[:limit] if cut else text
    inner = printable(text.replace("\\", "\\\\").replace("'", "\\'"))
    return f"'{inner}{'...' if cut else ''}'"


def one_line(message: str) -> str:
    """A message as one printable line, whatever it quotes (the last guard before printing)."""
    return printable(message)


def print_problem(message: str) -> None:
    """``force-planner: MESSAGE`` as one line on stderr, whatever the message quotes."""
    print(one_line(f"{PROG}: {message}"), file=sys.stderr)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def for_terminal(text: str) -> str:
    """Output text with its lines kept and anything else a terminal would act on escaped.

    Escapes are JSON's ``\\uXXXX``, so a JSON document stays valid JSON (its
    structure is printable; what this escapes can only sit inside strings).
    """
    return "".join(c if c.isprintable() or c in "\n\t" else _json_escape(c) for c in text)


def print_result(text: str) -> None:
    """Print a command's output (a report or a JSON document) for a terminal or a pipe."""
    print(for_terminal(text))


def invalid_character(text: str) -> str | None:
    """A description of the first character no output format can hold, or None.

    Lone surrogates (e.g. from a JSON escape such as ``"\\ud800"``) cannot be
    written as UTF-8, so a PDF, a spreadsheet, the terminal or SQLite would
    each fail on them later; they are refused where the text enters.
    """
    for char in text:
        if "\ud800" <= char <= "\udfff":
            return f"lone surrogate U+{ord(char):04X}"
    return None


class PlannerError(Exception):
    """Base of every error the command line and GUI show as one line."""


class ScenarioError(PlannerError):
    """A scenario file that cannot be read or breaks a rule of spec section 1.

    `path` names the field (``nations[3].max_troops``) or is empty for
    problems with the file as a whole.
    """

    problems: tuple[Any, ...] = ()
    """Every problem found in the file, the first being this one (validation fills it in)."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)
