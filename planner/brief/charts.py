"""Vector charts of the brief (reportlab.graphics), the same three the GUI shows.

Drawn for black-and-white printing: grey levels, hatching and outlines
tell the series apart and every bar carries its number, so nothing depends
on colour. Every chart is printed through :func:`figure`: a title above it,
its value axis named with its unit (troops, per cent, troop-equivalents of
cost), and a caption below it that starts "Read:" and says what to read from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph

from planner.brief.tagging import set_alt
from planner.brief.text import drawn, esc, fonts, num, pct, styles
from planner.scenario.words import limit_percent, percent

DARK = colors.Color(0.3, 0.3, 0.3)
LIGHT = colors.Color(0.85, 0.85, 0.85)
HATCH = colors.Color(0.35, 0.35, 0.35)
LABEL_SIZE = 7.0
ROW = 12.0
LABEL_WIDTH = 120.0
VALUE_WIDTH = 78.0
MAX_ROWS = 40
ODDS_SIZE = 6.5
AXIS_ROOM = 11.0
"""Points under a chart for the name of its value axis."""
READ = "Read: "
"""How every chart's caption begins: what the reader should take from it."""
TROOPS_AXIS = "Troops on the ground"
PERCENT_AXIS = "Share of troops on the ground (per cent)"


@dataclass(frozen=True)
class NationBar:
    """One nation's row: troops on the ground, floor, ceiling, share and fair share."""

    name: str
    troops: int
    floor: int
    ceiling: int
    share: float
    fair: float


def clip(text: str, width: float, size: float = LABEL_SIZE, font: str | None = None) -> str:
    """`text` shortened with an ellipsis to fit `width` points (in `font`, else the regular)."""
    font = font or fonts().regular
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _text(
    x: float,
    y: float,
    text: str,
    anchor: str = "start",
    bold: bool = False,
    size: float = LABEL_SIZE,
) -> String:
    f = fonts()
    return String(
        x,
        y,
        drawn(text),
        fontName=f.bold if bold else f.regular,
        fontSize=size,
        fillColor=colors.black,
        textAnchor=anchor,
    )


def hatched(x: float, y: float, w: float, h: float, step: float = 3.0) -> Group:
    """A white rectangle with a black outline and 45-degree hatching inside it."""
    group = Group(
        Rect(x, y, w, h, fillColor=colors.white, strokeColor=colors.black, strokeWidth=0.5)
    )
    if w <= 0 or h <= 0:
        return group
    offset = step
    while offset < w + h:
        # the line x' - y' = offset - h, clipped to the rectangle, in local coordinates
        x0, y0 = max(0.0, offset - h), max(0.0, h - offset)
        x1, y1 = min(w, offset), min(h, h - offset + w)
        group.add(Line(x + x0, y + y0, x + x1, y + y1, strokeColor=HATCH, strokeWidth=0.4))
        offset += step
    return group


Swatch = Callable[[float, float], Group | Rect | Line]


def _filled(x: float, y: float) -> Rect:
    return Rect(x, y, 10, 7, fillColor=DARK, strokeColor=None)


def _outline(x: float, y: float) -> Rect:
    return Rect(x, y, 10, 7, fillColor=colors.white, strokeColor=colors.black, strokeWidth=0.5)


def _tick(x: float, y: float) -> Line:
    return Line(x + 5, y - 1, x + 5, y + 8, strokeColor=colors.black, strokeWidth=1.6)


def _hatch_swatch(x: float, y: float) -> Group:
    return hatched(x, y, 10, 7, step=2.5)


def _legend(drawing: Drawing, x: float, y: float, items: list[tuple[str, Swatch]]) -> None:
    for label, swatch in items:
        drawing.add(swatch(x, y))
        drawing.add(_text(x + 14, y + 1, label))
        x += 24 + stringWidth(label, fonts().regular, LABEL_SIZE)


def _scale(high: float, width: float) -> tuple[float, float]:
    """Axis maximum rounded up to a tidy number, and points per unit."""
    high = max(high, 1.0)
    magnitude = 10 ** (len(str(int(high))) - 1)
    tidy = next(k * magnitude for k in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if k * magnitude >= high)
    return tidy, width / tidy


def _axis(
    drawing: Drawing,
    x0: float,
    y: float,
    tidy: float,
    per: float,
    top: float,
    percent: bool = False,
) -> None:
    """Tick labels along the bottom and faint vertical grid lines up to `top`."""
    for i in range(6):
        value = tidy * i / 5
        x = x0 + value * per
        drawing.add(Line(x, y, x, top, strokeColor=LIGHT, strokeWidth=0.4))
        label = f"{value:.0%}" if percent else num(round(value))
        drawing.add(_text(x, y - 9, label, anchor="middle", size=6.5))


def total_chart(total: int, low: int, high: int, width: float) -> Drawing:
    """The force's troops on the ground as one bar against the target band."""
    drawing = Drawing(width, 78)
    x0, plot = 70.0, width - 70.0 - 20
    tidy, per = _scale(max(total, high) * 1.08, plot)
    bar_y, bar_h = 26.0, 18.0
    _axis(drawing, x0, 16, tidy, per, 62)
    drawing.add(hatched(x0 + low * per, 16, (high - low) * per, 46))
    drawing.add(
        Rect(
            x0, bar_y, total * per, bar_h, fillColor=DARK, strokeColor=colors.black, strokeWidth=0.5
        )
    )
    drawing.add(_text(x0 - 6, bar_y + 5, "Troops", anchor="end", bold=True))
    label = f"{num(total)} troops"
    inside = stringWidth(label, fonts().bold, LABEL_SIZE) + 8 < total * per
    if inside:
        drawing.add(
            String(
                x0 + 4,
                bar_y + 6,
                label,
                fontName=fonts().bold,
                fontSize=LABEL_SIZE,
                fillColor=colors.white,
            )
        )
    else:
        drawing.add(_text(x0 + total * per + 4, bar_y + 6, label, bold=True))
    drawing.add(
        _text(
            x0 + (low + high) / 2 * per,
            66,
            f"target band {num(low)} – {num(high)}",
            anchor="middle",
        )
    )
    return axis_titled(drawing, TROOPS_AXIS, x0 + plot / 2)


def axis_titled(drawing: Drawing, title: str, x: float | None = None) -> Drawing:
    """`drawing` raised by :data:`AXIS_ROOM` with `title` (the axis and its unit) under it."""
    out = Drawing(drawing.width, drawing.height + AXIS_ROOM)
    out.add(Group(*drawing.contents, transform=(1, 0, 0, 1, 0, AXIS_ROOM)))
    centre = drawing.width / 2 if x is None else x
    out.add(_text(centre, 1, title, anchor="middle", size=6.5, bold=True))
    return out


def figure(title: str, drawing: Drawing, read: str, note: str = "") -> KeepTogether:
    """A chart as the brief prints it: title, drawing, and a caption 'Read: ...' (plain text)."""
    s = styles()
    caption = READ + read.strip() + (f" {note.strip()}" if note.strip() else "")
    set_alt(drawing, f"{title}. {caption}")  # what a screen reader says for the chart
    return KeepTogether(
        [Paragraph(esc(title), s["h3"]), drawing, Paragraph(esc(caption), s["caption"])]
    )


def _rows(bars: list[NationBar]) -> tuple[list[NationBar], int]:
    return bars[:MAX_ROWS], max(0, len(bars) - MAX_ROWS)


def nations_chart(bars: list[NationBar], width: float) -> Drawing:
    """Troops on the ground by nation: filled bar, ceiling as an outline, floor as a tick."""
    shown, _ = _rows(bars)
    height = 40 + ROW * len(shown)
    drawing = Drawing(width, height)
    x0 = LABEL_WIDTH
    plot = width - LABEL_WIDTH - VALUE_WIDTH
    tidy, per = _scale(max([b.ceiling for b in shown] + [b.troops for b in shown] + [1]), plot)
    top = height - 22
    _axis(drawing, x0, 16, tidy, per, top)
    for i, bar in enumerate(shown):
        y = top - ROW * (i + 1) + 2
        drawing.add(_text(x0 - 5, y + 2, clip(bar.name, LABEL_WIDTH - 8), anchor="end"))
        drawing.add(
            Rect(
                x0,
                y,
                bar.ceiling * per,
                ROW - 4,
                fillColor=colors.white,
                strokeColor=colors.black,
                strokeWidth=0.5,
            )
        )
        if bar.troops:
            drawing.add(
                Rect(x0, y + 1.5, bar.troops * per, ROW - 7, fillColor=DARK, strokeColor=None)
            )
        if bar.floor:
            fx = x0 + bar.floor * per
            drawing.add(
                Line(fx, y - 1.5, fx, y + ROW - 2.5, strokeColor=colors.black, strokeWidth=1.6)
            )
        drawing.add(_text(x0 + plot + 6, y + 2, f"{num(bar.troops)} of {num(bar.ceiling)}"))
    _legend(
        drawing,
        x0,
        height - 11,
        [
            ("troops on the ground", _filled),
            ("ceiling (the most the nation offers)", _outline),
            ("floor", _tick),
        ],
    )
    return axis_titled(drawing, TROOPS_AXIS, x0 + plot / 2)


def share_chart(bars: list[NationBar], max_share: float, width: float) -> Drawing:
    """Each nation's share of the troops (filled) against its fair share (hatched)."""
    shown, _ = _rows(bars)
    height = 40 + ROW * len(shown)
    drawing = Drawing(width, height)
    x0 = LABEL_WIDTH
    plot = width - LABEL_WIDTH - VALUE_WIDTH
    high = max([b.share for b in shown] + [b.fair for b in shown] + [min(max_share, 1.0)])
    tidy = min(1.0, (int(high * 10) + 1) / 10)
    per = plot / tidy
    top = height - 22
    _axis(drawing, x0, 16, tidy, per, top, percent=True)
    for i, bar in enumerate(shown):
        y = top - ROW * (i + 1) + 2
        half = (ROW - 4) / 2
        drawing.add(_text(x0 - 5, y + 2, clip(bar.name, LABEL_WIDTH - 8), anchor="end"))
        drawing.add(
            Rect(
                x0,
                y + half,
                bar.share * per,
                half,
                fillColor=DARK,
                strokeColor=colors.black,
                strokeWidth=0.4,
            )
        )
        drawing.add(hatched(x0, y, bar.fair * per, half, step=2.5))
        drawing.add(_text(x0 + plot + 6, y + 2, f"{pct(bar.share, max_share)} vs {pct(bar.fair)}"))
    if max_share < 1:
        cx = x0 + max_share * per
        drawing.add(
            Line(
                cx, 16, cx, top + 2, strokeColor=colors.black, strokeWidth=1, strokeDashArray=[3, 2]
            )
        )
        drawing.add(_text(cx + 3, top - 8, f"cap {limit_percent(max_share)}", bold=True))
    _legend(
        drawing,
        x0,
        height - 11,
        [
            ("share of troops on the ground", _filled),
            ("fair share (by burden weight)", _hatch_swatch),
        ],
    )
    return axis_titled(drawing, PERCENT_AXIS, x0 + plot / 2)


def name_list(names: list[str], most: int = 4) -> str:
    """'France, Spain and 3 more': the first `most` names of a list, the rest counted."""
    if len(names) > most + 1:
        names = names[:most] + [f"{len(names) - most} more"]
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


def total_read(total: int, low: int, high: int, planned: bool = True) -> str:
    """What to read from :func:`total_chart`: where the force stands in the band, in troops.

    `planned` false: no plan meets every rule; the bar (if any) is the closest plan's.
    """
    if not planned:
        if not total:
            return "no plan meets every rule, so there is no force to draw against the band."
        return (
            f"the bar is the closest plan, which breaks at least one rule: {num(total)} troops "
            f"against the band of {num(low)} – {num(high)}; it is not a force that can be adopted."
        )
    if total < low:
        return (
            f"the bar stops short of the hatched band: the force is {num(low - total)} troops "
            f"below the band's bottom of {num(low)}."
        )
    if total > high:
        return f"the bar runs past the hatched band: {num(total - high)} troops over its top."
    if total == low:
        return (
            f"the bar ends at the band's left edge: the force sits at the bottom of the band "
            f"({num(low)} troops), so any nation sending fewer troops takes it below the band."
        )
    return (
        f"the bar ends inside the hatched band: {num(total - low)} troops above its bottom "
        f"({num(low)}), {num(high - total)} below its top ({num(high)})."
    )


def nations_read(bars: list[NationBar]) -> str:
    """What to read from :func:`nations_chart`: who gives all it offers, who has room."""
    full = [b.name for b in bars if b.ceiling and b.troops >= b.ceiling]
    room = sorted(
        (b for b in bars if b.ceiling > b.troops), key=lambda b: b.ceiling - b.troops, reverse=True
    )
    text = "a filled bar that fills its outline is a nation giving all the troops it offers"
    if full:
        text += f" ({name_list(full)})"
    text += "; the gap between bar and outline is what a nation could still add"
    if room:
        top = room[0]
        text += f", most for {top.name} ({num(top.ceiling - top.troops)} troops)"
    return text + "."


def share_read(bars: list[NationBar], max_share: float) -> str:
    """What to read from :func:`share_chart`: who carries more than its fair share."""
    over = sorted((b for b in bars if b.share > b.fair), key=lambda b: b.fair - b.share)
    text = (
        "a filled bar longer than the hatched one is a nation carrying more than its fair "
        "share by burden weight"
    )
    if over:
        text += " (" + name_list(
            [f"{b.name} {pct(b.share)} against {pct(b.fair)}" for b in over], 3
        )
        text += ")"
    at_cap = [b.name for b in bars if max_share < 1 and b.share >= max_share - 1e-9]
    if at_cap:
        text += f"; {name_list(at_cap)} at the {limit_percent(max_share)} cap can carry no more"
    return text + "."


@dataclass(frozen=True)
class OddsBar:
    """One bar of the odds chart: a share of the draws, and what it is the share of."""

    label: str
    share: float
    draws: int
    of: int
    headline: bool = False


def odds_chart(bars: list[OddsBar], width: float) -> Drawing:
    """Per cent of the draws: the force first (dark), then each requirement on offer (light)."""
    shown = bars[:MAX_ROWS]
    label_width = min(250.0, width * 0.52)
    value_width = 70.0
    height = 28 + ROW * len(shown)
    drawing = Drawing(width, height)
    x0, plot = label_width, width - label_width - value_width
    per = plot / 1.0
    top = height - 10
    _axis(drawing, x0, 16, 1.0, per, top, percent=True)
    for i, bar in enumerate(shown):
        y = top - ROW * (i + 1) + 2
        font = fonts().bold if bar.headline else None
        name = clip(bar.label, label_width - 8, size=ODDS_SIZE, font=font)
        drawing.add(_text(x0 - 5, y + 2, name, anchor="end", bold=bar.headline, size=ODDS_SIZE))
        drawing.add(
            Rect(
                x0,
                y,
                max(bar.share * per, 0.5),
                ROW - 4,
                fillColor=DARK if bar.headline else LIGHT,
                strokeColor=colors.black,
                strokeWidth=0.4,
            )
        )
        drawing.add(
            _text(
                x0 + plot + 6,
                y + 2,
                f"{percent(bar.share, 1)} ({num(bar.draws)} of {num(bar.of)})",
                bold=bar.headline,
                size=ODDS_SIZE,
            )
        )
    return axis_titled(drawing, "Share of the draws of who takes part (per cent)", x0 + plot / 2)


def troops_histogram(bins: list[tuple[float, float, int]], width: float) -> Drawing:
    """Draws with a force by its troops on the ground: one column per band of troops."""
    height = 92.0
    drawing = Drawing(width, height)
    x0, plot = 40.0, width - 60.0
    most = max([n for _, _, n in bins] + [1])
    total = sum(n for _, _, n in bins) or 1
    tall = height - 30
    step = plot / max(len(bins), 1)
    drawing.add(Line(x0, 16, x0 + plot, 16, strokeColor=colors.black, strokeWidth=0.5))
    for i, (low, _high, count) in enumerate(bins):
        x = x0 + i * step
        h = tall * count / most
        drawing.add(
            Rect(
                x + 1,
                16,
                step - 2,
                max(h, 0.3),
                fillColor=DARK,
                strokeColor=colors.black,
                strokeWidth=0.3,
            )
        )
        if count:
            drawing.add(
                _text(x + step / 2, 18 + h, percent(count / total, 0), anchor="middle", size=6)
            )
        drawing.add(_text(x, 8, num(low), anchor="middle", size=5.5))
    if bins:
        drawing.add(_text(x0 + plot, 8, num(bins[-1][1]), anchor="middle", size=5.5))
    drawing.add(_text(x0, height - 6, "Per cent of the draws with a force", size=6.5, bold=True))
    return axis_titled(drawing, TROOPS_AXIS, x0 + plot / 2)
