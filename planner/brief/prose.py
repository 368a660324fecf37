"""Small pieces of prose shared by the sections: paragraphs, bullets, list phrases."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from planner.brief.facts import Facts
from planner.brief.text import esc, styles

NOT_FEASIBLE = " — closest plan, NOT FEASIBLE"
NO_PLAN = " — no plan"


def para(markup: str, style: str = "body") -> Paragraph:
    return Paragraph(markup, styles()[style])


def bullets(sentences: list[str]) -> list[Flowable]:
    return [Paragraph(esc(s), styles()["bullet"], bulletText="•") for s in sentences]


def units_phrase(name: str, count: int) -> str:
    return f"{name} {count} unit{'' if count == 1 else 's'}"


def suffix(facts: Facts) -> str:
    if facts.has_plan:
        return ""
    return NOT_FEASIBLE if facts.result.allocation else NO_PLAN
