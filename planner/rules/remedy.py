"""What could close a shortfall: the declined nations that hold what is missing.

"4,960 short" tells a planner the size of the gap; "Declined, but offering:
Poland (up to 5,000 troops), Italy (up to 3,000)" tells a minister whom to ask.
"""

from __future__ import annotations

from collections.abc import Callable

from planner.scenario.model import Nation, Scenario

CLAUSE = " Declined, but offering: "
MAX_NAMED = 4
"""Declined nations named in one sentence; the rest are counted."""


def declined_offering(
    scenario: Scenario, amount: Callable[[Nation], int], words: Callable[[int], str]
) -> str:
    """' Declined, but offering: A (…), B (…).' for the declined nations with something to
    give, largest first; '' when none has."""
    found = [(n, amount(n)) for n in scenario.nations if n.status == "declined"]
    found = sorted(((n, a) for n, a in found if a > 0), key=lambda pair: -pair[1])
    if not found:
        return ""
    shown = ", ".join(f"{n.name} ({words(a)})" for n, a in found[:MAX_NAMED])
    more = f" and {len(found) - MAX_NAMED} more" if len(found) > MAX_NAMED else ""
    return f"{CLAUSE}{shown}{more}."


def declined_named(scenario: Scenario, sentence: str) -> tuple[Nation, ...]:
    """The declined nations a sentence's remedy clause names, in its order (for click targets)."""
    start = sentence.find(CLAUSE)
    if start < 0:
        return ()
    clause = sentence[start + len(CLAUSE) :]
    named = [n for n in scenario.nations if n.status == "declined" and f"{n.name} (" in clause]
    return tuple(sorted(named, key=lambda n: clause.index(f"{n.name} (")))
