"""Pareto view: cost against fairness; click a plan, then put it on screen."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
)

from planner.analyses.pareto import DEFAULT_POINTS, ParetoAnalysis, analyse_pareto
from planner.analyses.verdicts import pareto_verdict
from planner.result.document import PlanResult
from planner.rules.objectives import OBJECTIVES, ObjectiveId
from planner.scenario.model import Scenario
from ui import numbers
from ui.editors.number_spins import WholeSpinBox
from ui.views.analyses.base import AnalysisView
from ui.views.analyses.table import PARTIAL_STYLE, fill_table, result_table
from ui.views.chart_setup import BAR, BAR_BAD, pg, plot_widget
from ui.workers.worker import Job

HEADERS = (
    "Plan",
    OBJECTIVES[ObjectiveId.MIN_COST].label.capitalize(),
    OBJECTIVES[ObjectiveId.FAIR_SHARE].label.capitalize(),
    "Troops",
)


class ParetoView(AnalysisView):
    name = "pareto"  # its entry in planner.analyses.registry
    title = "Cost vs fairness"

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("paretoView")
        self.points = WholeSpinBox("Points")
        self.points.setObjectName("paretoPoints")
        self.points.refused.connect(self.refused)
        self.points.setRange(2, 50)
        self.points.setValue(DEFAULT_POINTS)
        options = QFormLayout()
        options.addRow("Points", self.points)
        self.summary = QLabel("Run: plans from the cheapest to the fairest, none dominated.")
        self.summary.setObjectName("paretoSummary")
        self.summary.setWordWrap(True)
        self.chart = plot_widget("Cost against fairness", "paretoChart", HEADERS[2], HEADERS[1])
        self.line = pg.PlotDataItem(pen=pg.mkPen(BAR, width=1))
        self.dots = pg.ScatterPlotItem(size=11, brush=BAR, pen=pg.mkPen("k"))
        self.chosen = pg.ScatterPlotItem(size=17, brush=None, pen=pg.mkPen(BAR_BAD, width=2))
        for item in (self.line, self.dots, self.chosen):
            self.chart.addItem(item)
        self.dots.sigClicked.connect(self._clicked)
        self.table = result_table("paretoTable", HEADERS)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.use_button = QPushButton("&Put this plan on screen")
        self.use_button.setObjectName("paretoUse")
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self.use_selected)
        split = QSplitter()
        split.addWidget(self.chart)
        split.addWidget(self.table)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(split, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addStretch()
        right.addLayout(buttons)
        box = QHBoxLayout(self)
        box.addLayout(options)
        box.addLayout(right, 1)
        self.analysis: ParetoAnalysis | None = None

    def make_job(self, scenario: Scenario, baseline: PlanResult | None = None) -> Job:
        points = self.points.value()
        return lambda cancel, progress: analyse_pareto(
            scenario, points=points, cancel=cancel, progress=progress
        )

    def show_result(self, result: object) -> None:
        assert isinstance(result, ParetoAnalysis)
        self.analysis = result
        self.summary.setText(numbers.localised(pareto_verdict(result)))
        self.summary.setStyleSheet(PARTIAL_STYLE if result.cancelled else "")
        xs = [p.cost for p in result.points]
        ys = [p.deviation for p in result.points]
        self.line.setData(xs, ys)
        self.dots.setData(
            [{"pos": (x, y), "data": i} for i, (x, y) in enumerate(zip(xs, ys, strict=True))]
        )
        self.chosen.setData([])
        last = len(result.points)
        fill_table(
            self.table,
            [
                (
                    f"{i} cheapest" if i == 1 else f"{i} fairest" if i == last else str(i),
                    numbers.cost(p.cost),
                    numbers.decimal(p.deviation, 2),
                    p.total_troops,
                )
                for i, p in enumerate(result.points, start=1)
            ],
        )
        self.chart.getPlotItem().enableAutoRange()
        self.use_button.setEnabled(False)

    def select_point(self, index: int) -> None:
        self.table.selectRow(index)

    def _clicked(self, _item: object, spots: list) -> None:
        if spots:
            self.select_point(int(spots[0].data()))

    def _row_chosen(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if self.analysis is None or len(rows) != 1:
            self.use_button.setEnabled(False)
            return
        p = self.analysis.points[rows.pop()]
        self.chosen.setData([{"pos": (p.cost, p.deviation)}])
        self.use_button.setEnabled(True)

    def use_selected(self) -> bool:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if self.analysis is None or len(rows) != 1:
            return False
        self.planRequested.emit(dict(self.analysis.points[rows.pop()].allocation))
        return True

    def clear(self) -> None:
        if self.analysis is not None:
            self.use_button.setEnabled(False)
            self.summary.setStyleSheet("color: #777;")
            self.summary.setText(
                numbers.localised(pareto_verdict(self.analysis)) + " (scenario changed: run again)"
            )
