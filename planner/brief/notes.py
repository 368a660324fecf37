"""Notes on the document itself: its font, text it cannot draw, analyses not finished.

The same findings go to stderr from the command line (:func:`warnings`), one
line each, so nothing the brief leaves out is left out silently.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from planner.brief.analyses import BriefAnalyses
from planner.brief.control import DocumentControl
from planner.brief.glyphs import Undrawable, texts, undrawable
from planner.brief.script_order import has_rtl
from planner.brief.text import esc, fonts, styles
from planner.scenario.model import Scenario

HEADING = "Notes on this document"


def missing_glyphs(scenario: Scenario, control: DocumentControl) -> list[Undrawable]:
    return undrawable(scenario, control, fonts().covered)


def notes(
    scenario: Scenario, control: DocumentControl, analyses: BriefAnalyses | None
) -> list[str]:
    """Every note, in the order the section prints them."""
    f = fonts()
    if f.embedded:
        found = [f"Text is set in {f.family}, regular and bold, embedded in this PDF."]
    else:
        found = ["No TrueType font was found: text is set in Helvetica, which draws Latin-1 only."]
    if any(has_rtl(text) for _, text in texts(scenario, control)):
        found.append(
            "Right-to-left text (Arabic, Hebrew) is shaped and drawn right to left; a "
            "right-to-left passage longer than one line reads from its bottom line up."
        )
    missing = missing_glyphs(scenario, control)
    found += [m.note() for m in missing]
    if missing:
        found.append(
            "Force Planner ships no font for Chinese, Japanese or Korean characters or for "
            "emoji (such fonts are too large to ship), so these show as empty boxes."
        )
    if analyses is not None and analyses.unfinished:
        found.append(analyses.unfinished_sentence())
    return found


def notes_section(
    scenario: Scenario, control: DocumentControl, analyses: BriefAnalyses | None
) -> list[Flowable]:
    s = styles()
    flow: list[Flowable] = [Paragraph(HEADING, s["h2"])]
    return flow + [
        Paragraph(esc(n), s["bullet"], bulletText="•") for n in notes(scenario, control, analyses)
    ]


def warnings(
    scenario: Scenario, control: DocumentControl, analyses: BriefAnalyses | None
) -> list[str]:
    """One line each for stderr: text the font cannot draw, analyses not finished."""
    lines = [m.sentence() for m in missing_glyphs(scenario, control)]
    if analyses is not None and analyses.unfinished:
        limit = f" {analyses.time_limit:g} s" if analyses.time_limit else ""
        lines.append(
            f"not finished within the{limit} time limit, listed as such in the brief: "
            + ", ".join(analyses.unfinished)
        )
    return lines
