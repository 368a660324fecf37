"""Backstop view: the force with and without the US stand-off support, side by side."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout

from planner.analyses.backstop import BackstopAnalysis, analyse_backstop
from planner.analyses.verdicts import backstop_verdict
from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from ui import numbers
from ui.views.analyses.base import AnalysisView
from ui.views.analyses.table import PARTIAL_STYLE, fill_table, result_table
from ui.views.chart_setup import BAR, FAIR, pg, plot_widget
from ui.workers.worker import Job

UNIT_HEADERS = ("Unit type", "With", "From backstop", "Needed without", "Without", "Short")
NATION_HEADERS = ("Nation", "Troops with", "Troops without", "Units added without")


class BackstopView(AnalysisView):
    name = "backstop"  # its entry in planner.analyses.registry
    title = "US backstop"

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("backstopView")
        self.summary = QLabel(
            "Run: solve with and without the backstop nations' stand-off support "
            "(the scenario's backstop field says who and what is then required)."
        )
        self.summary.setObjectName("backstopSummary")
        self.summary.setWordWrap(True)
        self.units = result_table("backstopUnits", UNIT_HEADERS)
        self.nations = result_table("backstopNations", NATION_HEADERS)
        self.chart = plot_widget("Stand-off units: with (grey) and without (blue)", "backstopChart")
        self.with_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=FAIR)
        self.without_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=BAR)
        self.needed = pg.ScatterPlotItem(symbol="_", size=22, pen=pg.mkPen("#d0453b", width=2))
        for item in (self.with_bars, self.without_bars, self.needed):
            self.chart.addItem(item)
        split = QSplitter()
        split.addWidget(self.units)
        split.addWidget(self.chart)
        split.addWidget(self.nations)
        split.setSizes([560, 520, 480])
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addWidget(split, 1)
        self.analysis: BackstopAnalysis | None = None

    def make_job(self, scenario: Scenario, baseline: PlanResult | None = None) -> Job:
        return lambda cancel, progress: analyse_backstop(
            scenario, baseline=baseline, cancel=cancel, progress=progress
        )

    def show_result(self, result: object) -> None:
        assert isinstance(result, BackstopAnalysis)
        self.analysis = result
        self.summary.setText(numbers.localised(backstop_verdict(result)))
        style = "" if result.without_feasible else "color: #b00020;"
        self.summary.setStyleSheet(PARTIAL_STYLE if result.cancelled else style)
        fill_table(
            self.units,
            [
                (
                    u.unit_type,
                    u.with_count,
                    u.from_backstop,
                    u.required_without,
                    u.without_count,
                    u.short or "",
                )
                for u in result.units
            ],
            {i for i, u in enumerate(result.units) if u.short},
        )
        fill_table(
            self.nations,
            [
                (
                    n.nation,
                    n.troops_with,
                    n.troops_without,
                    ", ".join(f"{k} {numbers.signed_whole(v)}" for k, v in n.units_added.items()),
                )
                for n in result.nations
            ],
        )
        xs = list(range(len(result.units)))
        self.with_bars.setOpts(x=[x - 0.2 for x in xs], height=[u.with_count for u in result.units])
        self.without_bars.setOpts(
            x=[x + 0.2 for x in xs], height=[u.without_count for u in result.units]
        )
        self.needed.setData(xs, [u.required_without for u in result.units])
        self.chart.getAxis("bottom").setTicks(
            [[(x, u.unit_type) for x, u in zip(xs, result.units, strict=True)]]
        )
        self.chart.getPlotItem().enableAutoRange()

    def clear(self) -> None:
        if self.analysis is not None:
            self.summary.setStyleSheet("color: #777;")
            self.summary.setText(
                numbers.localised(backstop_verdict(self.analysis))
                + " (scenario changed since: run again)"
            )
