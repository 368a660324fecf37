"""Constraint names turned into a planner's words, shared by CLI, GUI and brief.

Each family words its own rules (:mod:`planner.rules`); this module only
finds the family and joins sentences.
"""

from __future__ import annotations

from planner.rules import family_of, names
from planner.scenario.model import Scenario
from planner.scenario.words import nation_name, number


def describe_rule(scenario: Scenario, constraint: str) -> str:
    """A short phrase for one rule: 'at least 16 x Mechanised infantry battalion'."""
    parts = names.parts(constraint)
    if parts[0] == "nation" and len(parts) == 2:
        return f"{nation_name(scenario, parts[1])}'s own statements"
    try:
        return family_of(constraint).describe(scenario, constraint)
    except (KeyError, IndexError, StopIteration):
        return constraint


def unmet_sentence(
    scenario: Scenario, constraint: str, required: float, best: float, gap: float
) -> str:
    """Why one soft constraint cannot hold even alone, and by how much."""
    try:
        return family_of(constraint).unmet(scenario, constraint, required, best, gap)
    except (KeyError, IndexError, StopIteration):
        return f"{constraint}: {number(required)} required, best reachable {number(best)}."


def conflict_sentence(scenario: Scenario, conflict: list[str]) -> str:
    """The minimal conflicting set as one sentence."""
    rules = "; ".join(describe_rule(scenario, name) for name in conflict)
    return (
        f"These {len(conflict)} rules cannot all hold together, though dropping any one "
        f"of them lets the rest hold: {rules}."
    )
