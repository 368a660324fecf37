"""Bookmarks and the contents list with page numbers (issue 19, item 5).

Every section heading becomes a PDF bookmark and a contents entry: the
decision note and the annexes at the top level, the sections of an annex
under it, their parts one level further down. reportlab learns the page
numbers on a first pass and prints them on the second (``multiBuild``).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from planner.brief.text import styles

TOP = ("Annex ", "Decision note")
"""Headings that open a part of the brief: the note and each annex."""
ENTRY_END = "drawTOCEntryEnd"
"""reportlab's callback that draws a contents entry's dots and page number."""
HEADINGS = {"h1": 1, "h2": 2}
"""Paragraph styles that are sections, with their depth under a part."""


class Outline:
    """Turns headings into bookmarks and contents entries, well nested."""

    def __init__(self) -> None:
        self.count = 0
        self.in_section = False  # an h1 section opened since the last part

    def level(self, style: str, text: str) -> int | None:
        if style not in HEADINGS:
            return None
        if text.startswith(TOP):
            self.in_section = False
            return 0
        if HEADINGS[style] == 1:
            self.in_section = True
            return 1
        return 2 if self.in_section else 1

    def after(self, doc: Any, flowable: Any) -> None:
        """Called by the document after each flowable is placed (its page is known)."""
        if not isinstance(flowable, Paragraph):
            return
        text = flowable.getPlainText()
        level = self.level(flowable.style.name, text)
        if level is None:
            return
        self.count += 1
        key = f"section-{self.count}"
        doc.canv.bookmarkPage(key)
        doc.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        if level <= 1:
            doc.notify("TOCEntry", (level, text, doc.page, key))

    def reset(self) -> None:
        self.count, self.in_section = 0, False


class Contents(TableOfContents):
    """reportlab's contents list, its rows tagged as TOC entries (planner.brief.tagging)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        from planner.brief.tagging import TableTags, tagger_of

        size = super().wrap(availWidth, availHeight)
        self._table._renderCB = self._tags = getattr(self, "_tags", None) or TableTags("TOC")
        numbers = self.canv.getNamedCB(ENTRY_END)  # dots and page number after each entry

        def tagged(canvas: Any, kind: str, label: str) -> None:
            start = len(canvas._code)
            numbers(canvas, kind, label)
            tagger = tagger_of(canvas)
            if tagger is not None:
                tagger.toc_page_number(canvas, start, label.split(",")[0])

        self.canv.setNamedCB(ENTRY_END, tagged)
        return size


def contents() -> TableOfContents:
    """The contents list: parts and their sections, each with its page number."""
    base = styles()["small"]
    toc = Contents()
    toc.levelStyles = [
        ParagraphStyle("toc0", parent=base, fontName=styles()["h3"].fontName, leading=11),
        ParagraphStyle("toc1", parent=base, leftIndent=12, leading=10),
    ]
    toc.dotsMinLevel = 0
    # reportlab's 3 pt above and below each row made the Paris contents spill onto page 2
    toc.tableStyle = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    )
    return toc
