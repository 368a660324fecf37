"""Which characters of the scenario's text the brief's font cannot draw.

A missing glyph prints as an empty box, so a name could lose its emoji or
Chinese characters without a word. The brief therefore checks every text it
prints from the scenario against the embedded fonts (after right-to-left
shaping, so Arabic is checked in the forms actually drawn) and says what it
cannot draw: one line on stderr per text, and in the brief's notes.
Force Planner ships DejaVu Sans, which covers Latin, Greek, Cyrillic,
Arabic and Hebrew among others but not CJK or emoji.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from planner.brief.control import DocumentControl
from planner.brief.script_order import visual
from planner.scenario.model import Scenario


@dataclass(frozen=True)
class Undrawable:
    """One text of the scenario and the characters of it the font cannot draw."""

    where: str  # "the name of nation FR"
    text: str
    characters: tuple[str, ...]

    def sentence(self) -> str:
        """'cannot draw 🚀 (U+1F680 ROCKET) in the name of nation FR "🚀 Ω": shown as boxes'."""
        listed = ", ".join(_describe(c) for c in self.characters)
        return f'cannot draw {listed} in {self.where} "{_short(self.text)}": shown as empty boxes'

    def note(self) -> str:
        """The same for the brief itself, naming characters by code only (it cannot draw them)."""
        listed = ", ".join(_code(c) for c in self.characters)
        return f"{self.where[:1].upper()}{self.where[1:]}: {listed} cannot be drawn (empty boxes)."


def texts(scenario: Scenario, control: DocumentControl) -> list[tuple[str, str]]:
    """Every scenario and document-control text the brief prints, with where it comes from."""
    found = [*control.texts(), ("the scenario name", scenario.name)]
    found.append(("the scenario description", scenario.description))
    for n in scenario.nations:
        found += [(f"the name of nation {n.code}", n.name), (f"the notes of {n.code}", n.notes)]
        found += [(f"a source of {n.code}", source) for source in n.sources]
    for u in scenario.unit_types:
        found += [
            (f"the name of unit type {u.id}", u.name),
            (f"the category of {u.id}", u.category),
        ]
    if scenario.backstop is not None:
        found.append(("the backstop notes", scenario.backstop.notes))
    return [(where, text) for where, text in found if text]


def undrawable(
    scenario: Scenario, control: DocumentControl, covered: frozenset[int]
) -> list[Undrawable]:
    """The texts with characters outside `covered` (the code points the font draws)."""
    found = []
    for where, text in texts(scenario, control):
        drawn = visual(text, covered)
        missing = [c for c in dict.fromkeys(drawn) if ord(c) not in covered and _printed(c)]
        if missing:
            found.append(Undrawable(where, text, tuple(missing)))
    return found


def _printed(c: str) -> bool:
    """Spaces and control characters are not drawn (the brief drops control characters)."""
    return not c.isspace() and unicodedata.category(c) != "Cc"


def _code(c: str) -> str:
    name = unicodedata.name(c, "")
    return f"U+{ord(c):04X}" + (f" {name}" if name else "")


def _describe(c: str) -> str:
    return f"{c} ({_code(c)})"


def _short(text: str, most: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= most else line[: most - 1] + "…"
