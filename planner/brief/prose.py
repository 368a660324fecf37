"""Small pieces of prose shared by the sections: paragraphs, bullets, list phrases."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from planner.brief.facts import Facts
from planner.brief.text import esc, styles
from planner.rules.objectives import OBJECTIVES

NOT_FEASIBLE = " — closest plan, NOT FEASIBLE"
NO_PLAN = " — no plan"


def para(markup: str, style: str = "body") -> Paragraph:
    return Paragraph(markup, styles()[style])


def bullets(sentences: list[str]) -> list[Flowable]:
    return [Paragraph(esc(s), styles()["bullet"], bulletText="•") for s in sentences]


def measure(objective: str) -> str:
    """What an objective's value counts, as a column heading: 'Troop-equivalents of cost'."""
    entry = OBJECTIVES.get(objective)
    return objective if entry is None else entry.unit[:1].upper() + entry.unit[1:]


def aim(objective: str) -> str:
    """The objective as a planner says it: 'least cost'."""
    entry = OBJECTIVES.get(objective)
    return objective if entry is None else entry.label


def units_phrase(name: str, count: int) -> str:
    return f"{name} {count} unit{'' if count == 1 else 's'}"


def suffix(facts: Facts) -> str:
    if facts.has_plan:
        return ""
    return NOT_FEASIBLE if facts.result.allocation else NO_PLAN
