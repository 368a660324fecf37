"""Where the plan's troops stand: a chart of troops by area against capacity, and the map.

Both show one period, chosen the way the other charts choose it (the one
the slice bar picks above the grid, else the full period with the fewest
troops in the target), and both are fed the same :class:`AreaMark` figures
from ``planner.scenario.evaluate``, so the chart and the map never disagree.
``update_from`` only resets data (no item is recreated): it runs on every
edit and solve.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from planner.scenario.evaluate import evaluate
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan
from planner.scenario.words import period_label
from ui.views.chart_setup import BAR, BAR_BAD, pg, plot_widget
from ui.views.map_view import AreaMark, MapView
from ui.words import short_name

TITLE = "Troops by area"
AXIS = "troops (black mark: capacity; pale: not counted toward the target)"
OUTSIDE = "#a9c1e0"
CAPACITY_PEN = pg.mkPen("#262626", width=3)


def area_marks(scenario: Scenario, allocation: Plan, period: int | None) -> tuple[int, list]:
    """(the period shown, one AreaMark per area with its troops there in that period)."""
    plan = evaluate(scenario, allocation)
    t = period if period is not None else plan.least_period
    marks = []
    for area in scenario.areas:
        where = area.position
        marks.append(
            AreaMark(
                area.id,
                area.name,
                where.lat if where is not None else None,
                where.lon if where is not None else None,
                plan.area_troops_at[area.id][t - 1],
                area.capacity_troops,
                area.in_target,
            )
        )
    return t, marks


class AreaChart:
    """Horizontal bars, one per area, with its capacity marked; red when over it."""

    def __init__(self) -> None:
        self.plot = plot_widget(TITLE, "areaChart", bottom=AXIS)
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=0.6, brush=BAR)
        self.capacity = pg.ScatterPlotItem(symbol="|", size=22, pen=CAPACITY_PEN, brush=None)
        self.labels: list[pg.TextItem] = []
        for item in (self.bars, self.capacity):
            self.plot.addItem(item)
        self.plot.getPlotItem().invertY(True)
        self.plot.getPlotItem().showGrid(x=True, y=False, alpha=0.2)
        self.marks: tuple[AreaMark, ...] = ()
        self._names: tuple[str, ...] | None = None

    def update_areas(self, marks: list[AreaMark], when: str = "") -> None:
        self.marks = tuple(marks)
        self.plot.setTitle(TITLE + when)
        names = tuple(m.name for m in marks)
        if names != self._names:
            self._names = names
            ticks = [(i, short_name(n)) for i, n in enumerate(names)]
            self.plot.getAxis("left").setTicks([ticks])
            self.plot.setYRange(-0.6, max(len(names), 1) - 0.4, padding=0)
        ys = list(range(len(marks)))
        troops = [m.troops for m in marks]
        self.bars.setOpts(
            x0=[0] * len(marks), y=ys, width=troops, height=0.6, brushes=[_brush(m) for m in marks]
        )
        limits = [(i, m.capacity) for i, m in enumerate(marks) if m.capacity is not None]
        self.capacity.setData(x=[c for _, c in limits], y=[i for i, _ in limits])
        self._update_labels(marks)
        right = max([*troops, *(c for _, c in limits), 1])
        self.plot.setXRange(0, right * 1.15, padding=0)

    def _update_labels(self, marks: list[AreaMark]) -> None:
        """Each bar's figure beside it: '4,200 / 5,000'."""
        while len(self.labels) < len(marks):
            label = pg.TextItem(anchor=(0, 0.5), color="k")
            self.plot.addItem(label)
            self.labels.append(label)
        for i, (label, mark) in enumerate(zip(self.labels, marks, strict=False)):
            label.setText(" " + mark.label()[len(mark.name) + 1 :])  # the figures, off the bar
            label.setPos(max(mark.troops, 0), i)
            label.setToolTip(mark.tooltip())
            label.show()
        for label in self.labels[len(marks) :]:
            label.hide()


def _brush(mark: AreaMark) -> str:
    if mark.over_capacity:
        return BAR_BAD
    return BAR if mark.in_target else OUTSIDE


MAP_TITLE = "Where the force stands"


class AreaViews:
    """The area chart and the map (under a title naming the period), fed together."""

    def __init__(self) -> None:
        self.chart = AreaChart()
        self.map = MapView()
        self.map_title = QLabel(MAP_TITLE)
        self.map_title.setObjectName("mapTitle")
        self.map_title.setContentsMargins(6, 2, 6, 0)
        self.map_pane = QWidget()
        self.map_pane.setObjectName("mapPane")
        box = QVBoxLayout(self.map_pane)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.map_title)
        box.addWidget(self.map, 1)
        self.shown_period = 1
        self._framed: tuple | None = None  # the positions the map was last framed on

    def update_from(self, scenario: Scenario, allocation: Plan, period: int | None) -> None:
        t, marks = area_marks(scenario, allocation, period)
        self.shown_period = t
        when = f" in {period_label(scenario, t)}" if scenario.periods.several else ""
        self.chart.update_areas(marks, when)
        self.map.update_areas(marks)
        positions = tuple((m.lat, m.lon) for m in marks if m.placed)
        if positions != self._framed:  # a new scenario or a moved area; else the view stays
            self._framed = positions
            self.map.frame_areas()
        self.map_title.setText(f"<b>{MAP_TITLE}{when}</b>: troops by area against capacity")
