"""Scenario text made safe for platypus markup, the brief's fonts, styles and numbers.

Paragraphs parse a small XML markup, so every string that comes from a
scenario (names, notes, sources) goes through :func:`esc` first: ``<b>``,
``&`` and quotes then print literally instead of changing the PDF.

Fonts: non-Latin names (Cyrillic, Greek, Arabic, ...) need a TrueType font
with wide coverage, embedded in the PDF. :func:`fonts` takes DejaVu Sans
from ``resources/fonts/`` (shipped with Force Planner), else from the usual
system folders; with none found the brief falls back to Helvetica, which
covers Latin-1 only (docs/decisions.md, "PDF brief"). Right-to-left text is
shaped and ordered for drawing by :mod:`planner.brief.script_order`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont

from planner.brief.script_order import visual
from planner.scenario.words import percent

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LATIN_1 = frozenset(
    ord(c) for c in bytes(range(32, 256)).decode("cp1252", errors="ignore")
)  # what Helvetica draws (reportlab's standard fonts use WinAnsi)
FONT_ENV = "FORCE_PLANNER_FONT_DIR"
FONT_FILES = {
    # regular, bold: the first pair found wins
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "NotoSans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "LiberationSans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "Arial": ("arial.ttf", "arialbd.ttf"),
}
FAMILY_NAMES = {
    "DejaVuSans": "DejaVu Sans",
    "NotoSans": "Noto Sans",
    "LiberationSans": "Liberation Sans",
}
SYSTEM_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/truetype/liberation",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "C:/Windows/Fonts",
)
INK = colors.black
GREY = colors.Color(0.45, 0.45, 0.45)
RULE_GREY = colors.Color(0.6, 0.6, 0.6)
HEADER_FILL = colors.Color(0.85, 0.85, 0.85)
STRIPE_FILL = colors.Color(0.95, 0.95, 0.95)


def esc(text: object) -> str:
    """`text` as Paragraph markup that prints exactly these characters.

    Control characters (which no font can draw) are dropped and line breaks
    kept as ``<br/>``.
    """
    clean = _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    lines = [drawn(line) for line in clean.split("\n")]
    return "<br/>".join(escape(line, {'"': "&quot;", "'": "&#39;"}) for line in lines)


def drawn(text: str) -> str:
    """`text` as the brief draws it: right-to-left phrases shaped and in drawing order."""
    return visual(text, fonts().covered)


@dataclass(frozen=True)
class Fonts:
    """Registered font names: `regular`, `bold`; `embedded` False means Helvetica.

    `covered`: the code points both faces can draw; `source`: the regular face's file.
    """

    regular: str
    bold: str
    embedded: bool
    covered: frozenset[int] = frozenset()
    source: str = ""

    @property
    def family(self) -> str:
        """'DejaVu Sans', as a reader knows the font."""
        name = self.regular.removeprefix("Brief-")
        return FAMILY_NAMES.get(name, name)


def font_dirs() -> list[Path]:
    """Where fonts are looked for, in order."""
    bundled = Path(__file__).resolve().parents[2] / "resources" / "fonts"
    dirs = [Path(os.environ[FONT_ENV])] if os.environ.get(FONT_ENV) else []
    return dirs + [bundled] + [Path(d) for d in SYSTEM_FONT_DIRS]


@cache
def fonts() -> Fonts:
    """Register the first wide-coverage TTF pair found, else fall back to Helvetica."""
    for folder in font_dirs():
        for family, (regular, bold) in FONT_FILES.items():
            path = folder / regular
            if not path.is_file():
                continue
            try:
                pdfmetrics.registerFont(TTFont(f"Brief-{family}", str(path)))
                bold_path = folder / bold
                bold_name = f"Brief-{family}-Bold"
                if bold_path.is_file():
                    pdfmetrics.registerFont(TTFont(bold_name, str(bold_path)))
                else:
                    bold_name = f"Brief-{family}"
            except Exception:  # noqa: BLE001 - an unreadable font file: try the next one
                continue
            registerFontFamily(
                f"Brief-{family}",
                normal=f"Brief-{family}",
                bold=bold_name,
                italic=f"Brief-{family}",
                boldItalic=bold_name,
            )
            faces = {f"Brief-{family}", bold_name}
            covered = frozenset.intersection(
                *(frozenset(pdfmetrics.getFont(face).face.charToGlyph) for face in faces)
            )
            return Fonts(f"Brief-{family}", bold_name, True, covered, str(path))
    return Fonts("Helvetica", "Helvetica-Bold", False, _LATIN_1)


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The brief's paragraph styles, in its fonts."""
    f = fonts()
    body = ParagraphStyle("body", fontName=f.regular, fontSize=9.5, leading=12.5, spaceAfter=4)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10, spaceAfter=0)
    return {
        "body": body,
        "small": small,
        "key": ParagraphStyle("key", parent=small, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", parent=small, fontSize=7.5, leading=9),
        "cell_bold": ParagraphStyle("cell_bold", parent=small, fontName=f.bold, fontSize=7.5),
        "head": ParagraphStyle("head", parent=small, fontName=f.bold, fontSize=7.5, leading=9),
        "head_right": ParagraphStyle(
            "head_right", parent=small, fontName=f.bold, fontSize=7.5, leading=9, alignment=TA_RIGHT
        ),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2),
        "small_bullet": ParagraphStyle(
            "small_bullet", parent=small, leftIndent=12, bulletIndent=3, spaceAfter=1
        ),
        "h1": _heading("h1", body, f.bold, 15, 19, 4, 8),
        "h2": _heading("h2", body, f.bold, 11.5, 15, 10, 5),
        "h3": _heading("h3", body, f.bold, 9.5, 12, 6, 2),
        "caption": ParagraphStyle("caption", parent=small, textColor=GREY, spaceAfter=6),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=f.bold,
            fontSize=24,
            leading=30,
            alignment=TA_CENTER,
            spaceAfter=10,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=14, leading=19, alignment=TA_CENTER, spaceAfter=6
        ),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "verdict": ParagraphStyle(
            "verdict", parent=body, fontName=f.bold, fontSize=11, leading=15, spaceAfter=6
        ),
    }


def num(value: float) -> str:
    """12,300 for whole numbers, 12,300.5 otherwise (as planner.explain.wording prints them)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def pct(value: float, limit: float | None = None) -> str:
    """A share with one decimal (38.2%), more where rounding would cross `limit`, 0 or 100%."""
    return percent(value, 1, limit)


def _heading(
    name: str,
    parent: ParagraphStyle,
    font: str,
    size: float,
    leading: float,
    before: float,
    after: float,
) -> ParagraphStyle:
    """A bold heading style that stays with the paragraph after it."""
    return ParagraphStyle(
        name,
        parent=parent,
        keepWithNext=1,
        fontName=font,
        fontSize=size,
        leading=leading,
        spaceBefore=before,
        spaceAfter=after,
    )
