"""The PDF decision brief (issue 6): what a minister reads instead of the GUI.

Pure Python on reportlab's platypus, so the command line makes briefs
without Qt. ``write_brief`` lays out, in order: the decision note (issue,
verdict, options, recommendation, decision requested and by when; at most
two pages), then the annexes, each from a new page: A the plan (its
summary, why no plan meets every rule when none does, contributions by
nation with charts, the nation x unit-type matrix, requirement coverage
with stand-off support apart), B the analyses, C assumptions and sources
with notes on the document (its font, text it cannot draw, analyses not
finished in time).
"""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path

from reportlab.platypus import PageBreak

from planner.brief.analyses import (
    ANNEX_ANALYSES,
    BriefAnalyses,
    analysis_sections,
)
from planner.brief.assumptions import assumptions
from planner.brief.control import DEFAULT_MARKING, MARKINGS, DocumentControl
from planner.brief.decision import decision_note, least_cost_twin, options
from planner.brief.document import BriefDocument, make_canvas
from planner.brief.facts import gather
from planner.brief.failure import failure
from planner.brief.notes import HEADING, missing_glyphs, notes_section, warnings
from planner.brief.sections import contributions, coverage, matrix
from planner.brief.summary import bottom_line
from planner.files import write_output
from planner.result.document import PlanResult
from planner.scenario.model import Scenario

GLYPH_HINT = (
    "Some scenario text has characters the brief's font cannot draw; they show as empty "
    f"boxes (see {HEADING})."
)

__all__ = [
    "DEFAULT_MARKING",
    "MARKINGS",
    "BriefAnalyses",
    "DocumentControl",
    "brief_warnings",
    "render_brief",
    "write_brief",
]


def render_brief(
    scenario: Scenario,
    result: PlanResult,
    control: DocumentControl | None = None,
    generated: datetime | None = None,
    analyses: BriefAnalyses | None = None,
) -> tuple[bytes, int]:
    """The brief as PDF bytes, and its page count; `analyses` add fragility findings."""
    generated = generated or datetime.now(UTC)
    control = (control or DocumentControl()).tidy()
    facts = gather(scenario, result)
    buffer = io.BytesIO()
    doc = BriefDocument(buffer, title=f"Decision brief: {scenario.name}")
    width = doc.width
    ran = analyses is not None and bool(analyses.results or analyses.unfinished)
    missing = [] if ran else [f"{ANNEX_ANALYSES}: not in this quick brief"]
    story = decision_note(facts, control, generated, width, analyses, missing)
    story.append(PageBreak())
    hint = [GLYPH_HINT] if missing_glyphs(scenario, control) else []
    story += bottom_line(facts, width, hint)  # fragility: the decision note and Annex B
    story += failure(facts, width)
    story += contributions(facts, width)
    story += matrix(facts, width)
    story += coverage(facts, width)
    twin = least_cost_twin(options(facts, analyses), analyses)
    story += analysis_sections(scenario, analyses, width, twin)
    story += assumptions(facts, analyses.get("sensitivity") if analyses is not None else None)
    story += notes_section(scenario, control, analyses)
    footer = control.footer(scenario.name, generated)
    doc.multiBuild(story, canvasmaker=make_canvas(control.marking, footer))
    return buffer.getvalue(), doc.page


def brief_warnings(
    scenario: Scenario,
    control: DocumentControl | None = None,
    analyses: BriefAnalyses | None = None,
) -> list[str]:
    """Lines for stderr: text the brief cannot draw, analyses it could not finish."""
    return warnings(scenario, (control or DocumentControl()).tidy(), analyses)


def write_brief(
    scenario: Scenario,
    result: PlanResult,
    path: str | os.PathLike[str],
    control: DocumentControl | None = None,
    generated: datetime | None = None,
    analyses: BriefAnalyses | None = None,
) -> int:
    """Write the brief of `result` to `path` (replaced whole or left alone; ``-`` is
    standard output); its page count.

    Raises OSError when `path` cannot be written.
    """
    data, pages = render_brief(scenario, result, control, generated, analyses)
    target = Path(path)
    write_output(target, data)  # '-' is standard output
    return pages
