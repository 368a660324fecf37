"""Table building blocks: one grid style, cells from scenario text, rotated headers.

Every table is a LongTable with ``repeatRows=1``, so a table longer than a
page continues on the next with its header row repeated.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, TableStyle

from planner.brief.charts import clip
from planner.brief.text import (
    HEADER_FILL,
    INK,
    RULE_GREY,
    STRIPE_FILL,
    drawn,
    esc,
    fonts,
    styles,
)


def cell(text: object, bold: bool = False) -> Paragraph:
    """A wrapping table cell printing `text` literally."""
    return Paragraph(esc(text), styles()["cell_bold" if bold else "cell"])


def head(text: str, right: bool = False) -> Paragraph:
    return Paragraph(esc(text), styles()["head_right" if right else "head"])


class Vertical(Flowable):
    """A header label turned 90 degrees, so narrow count columns can carry long names.

    Wrapped onto at most `lines` lines of `longest` points; the rest is cut with an ellipsis.
    """

    def __init__(self, text: str, longest: float = 130.0, size: float = 6.8, lines: int = 2):
        super().__init__()
        self.size = size
        self.lines = [drawn(line) for line in _wrap_words(text, longest, size, lines)]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        font = fonts().bold
        tallest = max(stringWidth(line, font, self.size) for line in self.lines)
        return self.size * 1.15 * len(self.lines) + 1, tallest + 5

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(fonts().bold, self.size)
        canvas.translate(self.size * 0.95, 1)
        canvas.rotate(90)
        for index, line in enumerate(self.lines):
            canvas.drawString(0, -index * self.size * 1.15, line)
        canvas.restoreState()


def _wrap_words(text: str, width: float, size: float, most: int) -> list[str]:
    """Greedy word wrap in the bold font; the last allowed line is clipped."""
    font, lines, words = fonts().bold, [], text.split() or [""]
    current = ""
    for i, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if stringWidth(trial, font, size) <= width or not current:
            current = trial
            continue
        lines.append(current)
        if len(lines) == most - 1:
            current = " ".join(words[i:])
            break
        current = word
    lines.append(clip(current, width, size, font))
    return [clip(line, width, size, font) for line in lines]


def grid(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    numeric: Sequence[int] = (),
    total_row: bool = False,
    header_valign: str = "MIDDLE",
    extra: Sequence[tuple] = (),
) -> LongTable:
    """A striped table with a grey header row repeated on every page it spans.

    Columns in `numeric` are right-aligned, header included; `total_row` sets the
    last row in bold above a rule.
    """
    rows = [list(row) for row in rows]
    rows[0] = [
        Paragraph(c.text, styles()["head_right"])
        if i in numeric and isinstance(c, Paragraph)
        else c
        for i, c in enumerate(rows[0])
    ]
    table = LongTable(rows, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    f = fonts()
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), f.regular, 7.5, 9),
        ("FONT", (0, 0), (-1, 0), f.bold, 7.5, 9),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE_GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 0), (-1, 0), header_valign),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    for index in range(2, len(rows), 2):
        commands.append(("BACKGROUND", (0, index), (-1, index), STRIPE_FILL))
    for column in numeric:
        commands.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    if total_row:
        commands += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
            ("FONT", (0, -1), (-1, -1), f.bold, 7.5, 9),
            ("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL),
        ]
    table.setStyle(TableStyle(commands + list(extra)))
    return table
