"""Live charts of the plan shown: created once, updated with setData/setOpts.

Five plots, each owning its items: total deployed troops against the target
band; troops by nation with floors and ceilings marked; burden share against
fair share; requirement coverage of ground units; and stand-off support,
kept apart because it is not counted in troops. ``update_from`` is cheap
enough to call on every edit.
"""

from __future__ import annotations

import math

from PySide6.QtWidgets import QGridLayout, QWidget

from planner.scenario.evaluate import evaluate, fair_shares
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan
from planner.scenario.words import period_label
from ui import numbers
from ui.views.chart_setup import BAR, BAR_BAD, FAIR, pg, plot_widget
from ui.words import short_name

BAND = (80, 170, 80, 60)
CEILING_PEN = pg.mkPen("#d0453b", width=2)
FLOOR_PEN = pg.mkPen("#2a8a2a", width=2)
MARK_SIZE = 18
MARKS_ABOVE = 10
"""Floor, ceiling, min and max marks are drawn over the bars (an over-ceiling bar hid its mark)."""


def _marks(pen: pg.QtGui.QPen, symbol: str = "_") -> pg.ScatterPlotItem:
    return pg.ScatterPlotItem(symbol=symbol, size=MARK_SIZE, pen=pen, brush=None)


TITLES = {
    "total_plot": "Total troops",
    "nation_plot": "Troops by nation (red: ceiling, green: floor)",
    "burden_plot": "Burden share (blue) vs fair share (grey)",
    "coverage_plot": "Ground units (green: min, red: max)",
    "standoff_plot": "Stand-off (not in troops)",
}
"""Chart titles; a scenario over periods adds the period shown."""


CODE_GAP = 6
"""Pixels between two nations' codes under a bar chart."""
CHART_FRAME = 70
"""Pixels of a chart that are not its data: title, bottom axis and its label."""
TOTAL_ROOM = 1.3
"""The total's bar is as wide as its figure times this (the figure sits over the bar)."""
CODE_OVERHANG = 12
"""Pixels a nation's code may pass its axis's ends (the first code sits near the left axis)."""
AXIS_ROOM = 24
"""Pixels of the left axis besides its tick figures: the ticks and the turned "troops"."""


class ChartsPanel(QWidget):
    """The chart grid; ``update_from(scenario, allocation)`` refreshes every item."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartsPanel")
        self._shape: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self.shown_period = 1
        """The period the charts show (1-based)."""
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._build_total(layout)
        self._build_nations(layout)
        self._build_burden(layout)
        self._build_coverage(layout)
        for plot in (self.nation_plot, self.burden_plot):  # narrower: fewer codes fit
            plot.getPlotItem().vb.sigResized.connect(self._fit_codes)
        for column, stretch in enumerate((1, 2, 2)):
            layout.setColumnStretch(column, stretch)
        for plot in (self.nation_plot, self.burden_plot):  # the nation under the mouse
            plot.getAxis("bottom").setStyle(hideOverlappingLabels=CODE_OVERHANG)
            plot.scene().sigMouseMoved.connect(lambda at, plot=plot: self._hover(plot, at))
        self._tips: dict[str, list[str]] = {"nation_plot": [], "burden_plot": []}

    # -- building (once) ---------------------------------------------------------
    def _build_total(self, layout: QGridLayout) -> None:
        self.total_plot = plot_widget(TITLES["total_plot"], "totalChart", "troops")
        self.band = pg.LinearRegionItem(orientation="horizontal", movable=False, brush=BAND)
        self.total_bar = pg.BarGraphItem(x=[0], height=[0], width=0.6, brush=BAR)
        self.total_label = pg.TextItem(anchor=(0.5, 1.0), color="k")
        for item in (self.band, self.total_bar, self.total_label):
            self.total_plot.addItem(item)
        self.total_plot.getAxis("bottom").setTicks([[(0, "deployed")]])
        self.total_plot.setXRange(-0.8, 0.8)
        layout.addWidget(self.total_plot, 0, 0)

    def _build_nations(self, layout: QGridLayout) -> None:
        self.nation_plot = plot_widget(TITLES["nation_plot"], "nationChart", "troops")
        self.nation_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush=BAR)
        self.ceilings = _marks(CEILING_PEN)
        self.floors = _marks(FLOOR_PEN)
        for item in (self.nation_bars, self.ceilings, self.floors):
            self.nation_plot.addItem(item)
        for mark in (self.ceilings, self.floors):  # drawn over a bar that passes them
            mark.setZValue(MARKS_ABOVE)
        layout.addWidget(self.nation_plot, 0, 1, 1, 2)

    def _build_burden(self, layout: QGridLayout) -> None:
        self.burden_plot = plot_widget(TITLES["burden_plot"], "burdenChart", "% of troops")
        self.share_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=BAR)
        self.fair_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=FAIR)
        dash = pg.mkPen(BAR_BAD, style=pg.QtCore.Qt.PenStyle.DashLine)
        self.share_cap = pg.InfiniteLine(angle=0, pen=dash)
        for item in (self.share_bars, self.fair_bars, self.share_cap):
            self.burden_plot.addItem(item)
        layout.addWidget(self.burden_plot, 1, 0, 1, 3)

    def _build_coverage(self, layout: QGridLayout) -> None:
        self.coverage_plot = plot_widget(TITLES["coverage_plot"], "coverageChart", bottom="units")
        self.standoff_plot = plot_widget(TITLES["standoff_plot"], "standoffChart", bottom="units")
        self.coverage = self._coverage_items(self.coverage_plot)
        self.standoff = self._coverage_items(self.standoff_plot)
        layout.addWidget(self.coverage_plot, 2, 0, 1, 2)
        layout.addWidget(self.standoff_plot, 2, 2, 1, 1)
        layout.setRowStretch(0, 3)
        layout.setRowStretch(1, 2)
        layout.setRowStretch(2, 4)

    @staticmethod
    def _coverage_items(plot: pg.PlotWidget) -> dict[str, pg.GraphicsObject]:
        items = {
            "bars": pg.BarGraphItem(x0=[], y=[], width=[], height=0.6, brush=BAR),
            "min": _marks(FLOOR_PEN, "|"),
            "max": _marks(CEILING_PEN, "|"),
        }
        for item in items.values():
            plot.addItem(item)
        items["min"].setZValue(MARKS_ABOVE)
        items["max"].setZValue(MARKS_ABOVE)
        plot.getPlotItem().invertY(True)
        return items

    # -- updating (every edit and solve) -------------------------------------------
    def update_from(self, scenario: Scenario, allocation: Plan, period: int | None = None) -> None:
        """Refresh every chart for `allocation` under `scenario` (no item is recreated).

        The charts show one period: `period` (the one the grid shows), else the full period
        with the fewest troops in the target, so that shares and totals add up; titles name
        it when the scenario has several.
        """
        plan = evaluate(scenario, allocation)
        t = period if period is not None else plan.least_period
        self.shown_period = t
        self._update_titles(scenario, t)
        self._update_ticks(scenario)
        total = plan.total_at[t - 1]
        inside = {code: values[t - 1] for code, values in plan.in_target_at.items()}
        self._update_total(scenario, total)
        self._update_nations(scenario, {code: v[t - 1] for code, v in plan.troops_at.items()})
        self._update_burden(scenario, inside, total)
        counts = {uid: values[t - 1] for uid, values in plan.units_at.items()}
        ground = [u for u in scenario.unit_types if u.deployed]
        standoff = [u for u in scenario.unit_types if not u.deployed]
        self._update_coverage(self.coverage, scenario, ground, counts)
        self._update_coverage(self.standoff, scenario, standoff, counts)

    def _update_titles(self, scenario: Scenario, period: int) -> None:
        several = scenario.periods.count > 1
        when = f" in {period_label(scenario, period)}" if several else ""
        for plot, title in TITLES.items():
            if plot != "total_plot":  # its bar is labelled with the period instead
                getattr(self, plot).setTitle(title + when)  # cut with "…" if the plot is narrow
        bar = period_label(scenario, period) if several else "deployed"
        self.total_plot.getAxis("bottom").setTicks([[(0, bar)]])

    def _update_ticks(self, scenario: Scenario) -> None:
        shape = (tuple(n.code for n in scenario.nations), tuple(u.id for u in scenario.unit_types))
        if shape == self._shape:
            return
        self._shape = shape
        for plot in (self.nation_plot, self.burden_plot):
            plot.setXRange(-0.7, len(shape[0]) - 0.3, padding=0)
        self._fit_codes()
        for plot, deployed in ((self.coverage_plot, True), (self.standoff_plot, False)):
            units = [short_name(u.name) for u in scenario.unit_types if u.deployed == deployed]
            plot.getAxis("left").setTicks([[(i, name) for i, name in enumerate(units)]])
            plot.setYRange(-0.6, max(len(units), 1) - 0.4, padding=0)
        self._fit_heights(scenario)

    def code_step(self, plot: pg.PlotWidget) -> int:
        """Every how many nations a code goes under `plot`'s axis, so that no two codes touch."""
        codes = self._shape[0] if self._shape else ()
        if not codes:
            return 1
        axis = plot.getAxis("bottom")
        metrics = pg.QtGui.QFontMetricsF(axis.style.get("tickFont") or plot.font())
        widest = max(metrics.horizontalAdvance(code) for code in codes) + CODE_GAP
        width = plot.getPlotItem().vb.width()
        fitting = max(1, int(width // widest)) if width > 0 else len(codes)
        return max(1, math.ceil(len(codes) / fitting))

    def _fit_codes(self, *_: object) -> None:
        """The nations' codes under both bar charts, thinned to what each width holds."""
        codes = list(enumerate(self._shape[0] if self._shape else ()))
        for plot in (self.nation_plot, self.burden_plot):
            step = self.code_step(plot)
            marks = [(i, "") for i, _ in codes]  # every nation keeps its tick
            plot.getAxis("bottom").setTicks([codes[::step], marks])

    def _fit_heights(self, scenario: Scenario) -> None:
        """Each chart at least as tall as its labels need; the tab scrolls past that.

        Squeezed (1366x768 scaled 1.5), the unit names of the coverage charts were
        drawn over one another and the burden chart's ticks ran together.
        """
        line = pg.QtGui.QFontMetrics(self.font()).height() + 2
        ground = sum(1 for u in scenario.unit_types if u.deployed)
        rows = max(ground, len(scenario.unit_types) - ground, 1)
        coverage = rows * line + CHART_FRAME
        for plot in (self.coverage_plot, self.standoff_plot):
            plot.setMinimumHeight(coverage)
        for plot in (self.total_plot, self.nation_plot, self.burden_plot):
            plot.setMinimumHeight(4 * line + CHART_FRAME)  # title, axis and three ticks

    def _update_total(self, scenario: Scenario, total: int) -> None:
        """The bar is red only outside the target band: other failures are not the total's."""
        target = scenario.target
        inside = target.min_troops <= total <= target.max_troops
        self.band.setRegion((target.min_troops, target.max_troops))
        self.total_bar.setOpts(height=[total], brush=BAR if inside else BAR_BAD)
        self.total_label.setText(numbers.whole(total))
        self.total_label.setPos(0, total)
        top = max(target.max_troops, total) * 1.18 or 1
        self.total_plot.setYRange(0, top, padding=0)
        self._fit_total_width(numbers.whole(total), numbers.whole(int(top)))

    def _fit_total_width(self, figure: str, highest: str) -> None:
        """The total's chart at least as wide as its title, and its figure over the bar.

        At a scale of 1.5 the first column of the grid was narrower than both: the bar's
        figure showed "5,00" for 25,000 and the title "Tot…ops". The other charts give way.
        """
        plot = self.total_plot
        font = pg.QtGui.QFontMetricsF(self.total_label.textItem.font())
        ticks = pg.QtGui.QFontMetricsF(plot.getAxis("left").style.get("tickFont") or plot.font())
        axis = max(plot.getAxis("left").width(), ticks.horizontalAdvance(highest) + AXIS_ROOM)
        data = font.horizontalAdvance(figure) * TOTAL_ROOM
        title = plot.title_width(TITLES["total_plot"]) + plot.MARGIN
        plot.setMinimumWidth(math.ceil(max(axis + data + plot.MARGIN, title)))

    def bar_tip(self, plot: pg.PlotWidget, x: float) -> str:
        """What the tooltip says over `plot` at data x `x`: the nation of the bar there."""
        tips = self._tips["nation_plot" if plot is self.nation_plot else "burden_plot"]
        at = round(x)
        return tips[at] if 0 <= at < len(tips) and abs(x - at) <= 0.5 else ""

    def _hover(self, plot: pg.PlotWidget, at: pg.QtCore.QPointF) -> None:
        """Every nation named under the mouse: the axis shows only the codes that fit."""
        box = plot.getPlotItem().vb
        inside = box.sceneBoundingRect().contains(at)
        tip = self.bar_tip(plot, box.mapSceneToView(at).x()) if inside else ""
        if not tip and plot.shown_title() != plot.full_title:
            tip = plot.full_title  # the whole title, as TitledPlot says it when cut
        plot.setToolTip(tip)
        if pg.QtWidgets.QToolTip.isVisible():  # moved on to another bar: say the new one
            pg.QtWidgets.QToolTip.showText(pg.QtGui.QCursor.pos(), tip, plot)

    def _update_nations(self, scenario: Scenario, troops: dict[str, int]) -> None:
        xs = list(range(len(scenario.nations)))
        heights = [troops[n.code] for n in scenario.nations]
        self._tips["nation_plot"] = [
            f"{n.name}: {numbers.whole(troops[n.code])} troops"
            f" (floor {numbers.whole(n.min_troops)}, ceiling {numbers.whole(n.max_troops)})"
            for n in scenario.nations
        ]
        brushes = [
            BAR if n.min_troops <= troops[n.code] <= n.max_troops or not troops[n.code] else BAR_BAD
            for n in scenario.nations
        ]
        self.nation_bars.setOpts(x=xs, height=heights, brushes=brushes)
        self.ceilings.setData(x=xs, y=[n.max_troops for n in scenario.nations])
        floors = [(i, n.min_troops) for i, n in enumerate(scenario.nations) if n.min_troops]
        self.floors.setData(x=[f[0] for f in floors], y=[f[1] for f in floors])
        top = max([*heights, *(n.max_troops for n in scenario.nations), 1])
        self.nation_plot.setYRange(0, top * 1.08, padding=0)

    def _update_burden(self, scenario: Scenario, troops: dict[str, int], total: int) -> None:
        xs = list(range(len(scenario.nations)))
        fair = fair_shares(scenario)
        shares = [100.0 * troops[n.code] / total if total else 0.0 for n in scenario.nations]
        fairs = [100.0 * fair[n.code] for n in scenario.nations]
        self._tips["burden_plot"] = [
            f"{n.name}: {numbers.decimal(share, 1)}% of the troops, fair share "
            f"{numbers.decimal(fair_share, 1)}%"
            for n, share, fair_share in zip(scenario.nations, shares, fairs, strict=True)
        ]
        self.share_bars.setOpts(x=[x - 0.2 for x in xs], height=shares)
        self.fair_bars.setOpts(x=[x + 0.2 for x in xs], height=fairs)
        cap = 100.0 * scenario.rules.max_share
        self.share_cap.setPos(cap)
        self.burden_plot.setYRange(0, max([*shares, *fairs, cap, 1.0]) * 1.1, padding=0)

    @staticmethod
    def _update_coverage(items: dict, scenario: Scenario, units: list, counts: dict) -> None:
        """Bars of units per type, with the requirement's min and max marked."""
        ys = list(range(len(units)))
        widths = [counts[u.id] for u in units]
        items["bars"].setOpts(x0=[0] * len(units), y=ys, width=widths, height=0.6)
        reqs = [(i, scenario.requirements.get(u.id)) for i, u in enumerate(units)]
        mins = [(i, r.min) for i, r in reqs if r is not None]
        maxs = [(i, r.max) for i, r in reqs if r is not None and r.max is not None]
        items["min"].setData(x=[m[1] for m in mins], y=[m[0] for m in mins])
        items["max"].setData(x=[m[1] for m in maxs], y=[m[0] for m in maxs])
        right = max([*widths, *(m[1] for m in mins), *(m[1] for m in maxs), 1])
        items["bars"].getViewBox().setXRange(0, right * 1.08, padding=0)
