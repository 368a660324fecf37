"""The page frame of the brief: classification banner top and bottom, "Page N of M".

The page count is only known once every page is laid out, so the canvas
keeps each page's state and draws the furniture when the document is saved
(the usual reportlab recipe for "of M").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from planner.brief.contents import Outline
from planner.brief.tagging import Tagger, self_tagging, tagger_of
from planner.brief.text import GREY, INK, drawn, fonts

PAGE = A4
MARGIN = 18 * mm
BANNER_SIZE = 10.0
FOOT_SIZE = 7.5
TOP_GAP = 16 * mm  # banner and page top rule above the frame
BOTTOM_GAP = 18 * mm


SMALLEST = 6.0
"""Smallest footer and banner size, points; longer text is elided in the middle."""


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The largest font size <= `size` (and >= :data:`SMALLEST`) at which `text` fits `width`."""
    wide = stringWidth(text, font, size)
    return size if wide <= width else max(SMALLEST, size * width / wide)


def elide(text: str, font: str, size: float, width: float) -> str:
    """`text` cut in the middle with '…' so that it fits `width` at `size` (start and end kept:
    the reference and the date stay readable under a long scenario name)."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the most characters kept that still fit
        keep = (low + high + 1) // 2
        if stringWidth(_cut(text, keep), font, size) <= width:
            low = keep
        else:
            high = keep - 1
    return _cut(text, low)


def _cut(text: str, keep: int) -> str:
    head = (keep + 1) // 2
    tail = keep - head
    return text[:head].rstrip() + "…" + (text[len(text) - tail :].lstrip() if tail else "")


def make_canvas(marking: str, footer: str, tagged: bool = True) -> Callable[..., Canvas]:
    """A canvas class drawing the banner, footer and page numbers on every page; `tagged`:
    with the structure tree (False draws the very same pages, untagged)."""
    marking, footer = drawn(marking), drawn(footer)

    class BriefCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._tagger = Tagger() if tagged else None  # the structure tree (tagging.py)

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                if self._tagger is None:
                    self._furniture(total)
                else:
                    self._tagger.furniture(self, lambda: self._furniture(total))
                super().showPage()
            if self._tagger is not None:
                self._tagger.write(self)
            super().save()

        def _furniture(self, total: int) -> None:
            f = fonts()
            width, height = PAGE
            usable = width - 2 * MARGIN
            self.saveState()
            size = _fit(marking, f.bold, BANNER_SIZE, usable)
            banner = elide(marking, f.bold, size, usable)
            self.setFont(f.bold, size)
            self.setFillColor(INK)
            self.drawCentredString(width / 2, height - 10 * mm, banner)
            self.drawCentredString(width / 2, 7 * mm, banner)
            self.setStrokeColor(GREY)
            self.setLineWidth(0.5)
            self.line(MARGIN, height - 12.5 * mm, width - MARGIN, height - 12.5 * mm)
            self.line(MARGIN, 13.5 * mm, width - MARGIN, 13.5 * mm)
            self.setFont(f.regular, FOOT_SIZE)
            self.setFillColor(GREY)
            page = f"Page {self._pageNumber} of {total}"
            self.drawRightString(width - MARGIN, 10.5 * mm, page)
            room = usable - stringWidth(page, f.regular, FOOT_SIZE) - 10
            size = _fit(footer, f.regular, FOOT_SIZE, room)
            self.setFont(f.regular, size)
            self.drawString(MARGIN, 10.5 * mm, elide(footer, f.regular, size, room))
            self.restoreState()

    return BriefCanvas


class TaggedFrame(Frame):
    """The body frame: every flowable it draws is tagged (planner.brief.tagging)."""

    def add(self, flowable: Any, canv: Any, trySplit: int = 0) -> int:  # noqa: N803
        tagger = tagger_of(canv)
        if tagger is None or self_tagging(flowable):
            return int(super().add(flowable, canv, trySplit=trySplit))
        start = len(canv._code)
        drawn = int(super().add(flowable, canv, trySplit=trySplit))
        if drawn:
            tagger.placed(flowable, canv, start)
        return drawn


class BriefDocument(BaseDocTemplate):
    """A4 portrait, one frame inside the banners."""

    def __init__(self, target: Any, title: str, **kwargs: Any) -> None:
        super().__init__(
            target,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=TOP_GAP,
            bottomMargin=BOTTOM_GAP,
            title=title,
            author="Force Planner",
            subject="Force composition decision brief",
            lang="en-GB",  # /Lang: screen readers pick the voice
            displayDocTitle=True,  # viewers show the title, not the file name
            **kwargs,
        )
        frame = TaggedFrame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self.outline = Outline()

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 (reportlab API)
        self.outline.after(self, flowable)

    def beforeDocument(self) -> None:  # noqa: N802 (reportlab API): each multiBuild pass
        self.outline.reset()
