"""The timeline: troops in the target per period, stacked by nation, against the target band.

The first chart a planner sees on a scenario over several periods: does the
force reach the build-up minimums, hold the band from the first period of
full capability on, and who carries it when. The band's minimum is drawn
only over full periods (before them only the build-up minimums, as marks,
hold); its maximum holds in every period (spec section 7, S1 and S2).
Items are created once (the nations' bars when the nations change) and
updated with setOpts/setData, cheap enough for every edit.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF
from PySide6.QtWidgets import QVBoxLayout, QWidget

from planner.scenario import words
from planner.scenario.evaluate import evaluate
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan
from ui import numbers
from ui.views.chart_setup import pg, plot_widget

MIN_PEN = pg.mkPen("#1f1f1f", width=2)  # black and red: no nation's colour is either
MAX_PEN = pg.mkPen("#a00000", width=2, style=pg.QtCore.Qt.PenStyle.DashLine)
FULL_PEN = pg.mkPen("#333333", width=1.5, style=pg.QtCore.Qt.PenStyle.DotLine)
BUILD_UP_BRUSH = pg.mkBrush("#1f1f1f")
BAR_WIDTH = 0.7
LEGEND_OFFSET = (6, 4)
"""Of the nations' legend from the plot's top left corner, in pixels."""
LEGEND_SPACING = 12
"""Pixels between a swatch, its code and the next column: at 5 (the default) a code such as
'UK' ran under the next swatch at QT_SCALE_FACTOR=1.5."""
LEGEND_GAP = 6
"""Pixels between the legend's bottom and the highest line or bar."""
TICK_GAP = 12
"""Pixels between two period labels under the axis."""
MOST_HEADROOM = 0.6
"""The share of the plot's height the legend may claim above the bars; past it, it covers them."""


PALETTE = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
    "#9c755f", "#bab0ac", "#a0cbe8", "#ffbe7d", "#8cd17d", "#ff9d9a", "#86bcb6",
    "#f1ce63", "#d4a6c8", "#d7b5a6", "#79706e", "#499894", "#fabfd2",
)  # fmt: skip
"""Twenty qualitative colours (Tableau 20, reordered: the first ten are the strongest)."""


def nation_brush(index: int) -> QBrush:
    """A nation's fill by its place in the scenario: steady while the nations stay.

    Past the twentieth nation the colours come round again, hatched, so that no two
    nations of the 24-nation built-in scenario look alike.
    """
    brush = QBrush(QColor(PALETTE[index % len(PALETTE)]))
    if index >= len(PALETTE):
        brush.setStyle(
            Qt.BrushStyle.BDiagPattern if index < 2 * len(PALETTE) else Qt.BrushStyle.CrossPattern
        )
    return brush


class TimelineChart(QWidget):
    """`update_from(scenario, allocation)`; the figures drawn are kept for tests and tooltips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineChart")
        self.plot = plot_widget("Troops in the target by period", "timelinePlot", "troops")
        self.legend = self.plot.getPlotItem().addLegend(
            offset=LEGEND_OFFSET, labelTextSize="8pt", horSpacing=LEGEND_SPACING
        )
        self.max_line = pg.PlotDataItem(pen=MAX_PEN, name=None)
        self.min_line = pg.PlotDataItem(pen=MIN_PEN, name=None)
        self.build_up = pg.ScatterPlotItem(symbol="t1", size=12, pen=MIN_PEN, brush=BUILD_UP_BRUSH)
        self.full_marker = pg.InfiniteLine(angle=90, movable=False, pen=FULL_PEN)
        for item in (self.max_line, self.min_line, self.build_up, self.full_marker):
            self.plot.addItem(item)
        self._bars: dict[str, pg.BarGraphItem] = {}
        self._nations: tuple[str, ...] = ()
        self.stacks: dict[str, list[int]] = {}
        """Troops in the target per nation and period (index period - 1), as drawn."""
        self.totals: list[int] = []
        self.build_up_marks: list[tuple[int, int]] = []
        """(period, minimum) of each build-up minimum drawn."""
        self.full_from = 1
        self.full_text = ""
        """What the bottom axis says of the first period of full capability."""
        self._top = 1  # the highest figure drawn: the largest total or the band's maximum
        self._ticks: list[tuple[int, str]] = []  # (period, label) under the axis
        self.plot.getPlotItem().vb.sigResized.connect(self._fit_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def update_from(self, scenario: Scenario, allocation: Plan) -> None:
        """Redraw every period of `allocation` under `scenario` (no plot is recreated)."""
        ev = evaluate(scenario, allocation)
        periods = scenario.periods
        self._follow_nations(scenario)
        self.stacks = {code: list(values) for code, values in ev.in_target_at.items()}
        self.totals = list(ev.total_at)
        xs = list(periods.all)
        base = [0] * periods.count
        for nation in scenario.nations:
            heights = self.stacks[nation.code]
            self._bars[nation.code].setOpts(x=xs, y0=list(base), height=heights, width=BAR_WIDTH)
            base = [b + h for b, h in zip(base, heights, strict=True)]
        self._update_band(scenario)
        self._update_axes(scenario, max([*self.totals, scenario.target.max_troops, 1]))
        label = scenario.periods.label
        self.plot.setTitle(
            f"Troops in the target by {label} (line: minimum, triangles: build-up, dashed: maximum)"
        )

    def _follow_nations(self, scenario: Scenario) -> None:
        codes = tuple(n.code for n in scenario.nations)
        if codes == self._nations:
            return
        for bar in self._bars.values():
            self.plot.removeItem(bar)
        self.legend.clear()
        self._bars = {}
        for i, nation in enumerate(scenario.nations):
            bar = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH, brush=nation_brush(i), pen=None)
            bar.setZValue(-1)  # the band's lines and marks stay in front
            self.plot.addItem(bar)
            self.legend.addItem(bar, nation.code)
            self._bars[nation.code] = bar
        self._nations = codes
        self.legend.setColumnCount(max(1, (len(codes) + 3) // 4))

    def _update_band(self, scenario: Scenario) -> None:
        periods, target = scenario.periods, scenario.target
        left, right = 0.5, periods.count + 0.5
        self.max_line.setData([left, right], [target.max_troops] * 2)
        self.full_from = periods.full_from
        start = periods.full_from - 0.5
        self.min_line.setData([start, right], [target.min_troops] * 2)
        self.build_up_marks = [(b.period, b.min_troops) for b in target.build_up]
        self.build_up.setData(
            x=[p for p, _ in self.build_up_marks], y=[m for _, m in self.build_up_marks]
        )
        self.full_marker.setPos(start)
        self.full_marker.setVisible(periods.full_from > 1)
        first_full = words.period_label(scenario, periods.full_from)
        self.full_text = (
            f"dotted line: full capability from {first_full}" if periods.full_from > 1 else ""
        )
        self.plot.setLabel("bottom", self.full_text)  # under the axis: the legend is above

    def _update_axes(self, scenario: Scenario, top: int) -> None:
        periods = scenario.periods
        self._ticks = [(t, words.period_label(scenario, t)) for t in periods.all]
        self.plot.setXRange(0.4, periods.count + 0.6, padding=0)
        self._top = top
        self._fit_view()
        self.plot.setToolTip(self._summary(scenario))

    def headroom(self) -> float:
        """How far above the highest figure the axis goes so the legend stays clear of it.

        The legend's rows take a fixed height in pixels and the plot's height varies
        with the window and the scale factor (a quarter of it at 1366x768 scaled 1.5):
        a fixed quarter more than the band's maximum put the dashed line and the
        tallest bars under the nations' names.
        """
        height = self.plot.getPlotItem().vb.height()
        if height <= 0 or not self._nations:
            return 1.25
        claimed = self.legend.boundingRect().height() + LEGEND_OFFSET[1] + LEGEND_GAP
        share = min(claimed / height, MOST_HEADROOM)
        return max(1.25, 1 / (1 - share))

    def tick_step(self) -> int:
        """Every how many periods a label goes under the axis, so that no two labels touch.

        At most twelve labels (24 months), and fewer on a narrow plot: eight quarters
        at 1366x768 scaled 1.5 ran together as "2026-Q32026-Q42027-Q1".
        """
        count = len(self._ticks)
        if not count:
            return 1
        axis = self.plot.getAxis("bottom")
        metrics = QFontMetricsF(axis.style.get("tickFont") or self.plot.font())
        widest = max(metrics.horizontalAdvance(text) for _, text in self._ticks) + TICK_GAP
        width = self.plot.getPlotItem().vb.width()
        fitting = max(1, int(width // widest)) if width > 0 else count
        return max(1, count // 12, math.ceil(count / fitting))

    def _fit_view(self, *_: object) -> None:
        """The axis's height for the legend, and its labels for the width (on every resize)."""
        self.plot.setYRange(0, self._top * self.headroom(), padding=0)
        step = self.tick_step()
        marks = [(t, "") for t, _ in self._ticks]  # every period marked, labelled or not
        self.plot.getAxis("bottom").setTicks([self._ticks[::step], marks])

    def _summary(self, scenario: Scenario) -> str:
        """The figures in words, one line per period (the chart's tooltip)."""
        lines = []
        for t, total in enumerate(self.totals, start=1):
            lines.append(f"{words.period_label(scenario, t)}: {numbers.whole(total)} troops")
        return "\n".join(lines)
