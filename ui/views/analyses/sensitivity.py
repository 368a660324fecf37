"""Sensitivity view: a tornado of the factors that move the objective, and the table."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
)

from planner.analyses.sensitivity import (
    DEFAULT_STEP,
    DEFAULT_UNITS,
    Factor,
    SensitivityAnalysis,
    analyse_sensitivity,
)
from planner.analyses.verdicts import sensitivity_verdict as verdict
from planner.analyses.verdicts import swing_text, variant_text
from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from ui import numbers
from ui.editors.number_spins import NumberSpinBox, WholeSpinBox
from ui.views.analyses.base import AnalysisView
from ui.views.analyses.table import PARTIAL_STYLE, fill_table, result_table, set_heading
from ui.views.chart_setup import BAR, BAR_BAD, FAIR, pg, plot_widget
from ui.words import objective_heading, short_name
from ui.workers.worker import Job

TORNADO_ROWS = 14
HEADERS = ("Factor", "Low", "Objective", "High", "Objective", "Swing")


class SensitivityView(AnalysisView):
    name = "sensitivity"  # its entry in planner.analyses.registry
    title = "Sensitivity"

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("sensitivityView")
        self.step = NumberSpinBox("Ceilings ± share")
        self.step.setObjectName("sensitivityStep")
        self.step.setRange(0.05, 0.9)
        self.step.setSingleStep(0.05)
        self.step.setValue(DEFAULT_STEP)
        self.units = WholeSpinBox("Requirement min ± units")
        self.units.setObjectName("sensitivityUnits")
        self.units.setRange(1, 100)
        self.units.setValue(DEFAULT_UNITS)
        options = QFormLayout()
        for spin in (self.step, self.units):
            options.addRow(spin.label, spin)
            spin.refused.connect(self.refused)
        self.summary = QLabel("Run: lower and raise each ceiling and requirement, re-solve each.")
        self.summary.setObjectName("sensitivitySummary")
        self.summary.setWordWrap(True)
        self.tornado = plot_widget(
            "Objective when lowered (grey) and raised (blue)", "sensitivityTornado"
        )
        self.low_bars = pg.BarGraphItem(x0=[], x1=[], y=[], height=0.6, brush=FAIR)
        self.high_bars = pg.BarGraphItem(x0=[], x1=[], y=[], height=0.6, brush=BAR)
        self.broken = pg.ScatterPlotItem(symbol="x", size=12, pen=pg.mkPen(BAR_BAD, width=2))
        self.baseline_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("k", width=1))
        for item in (self.low_bars, self.high_bars, self.broken, self.baseline_line):
            self.tornado.addItem(item)
        self.table = result_table("sensitivityTable", HEADERS)
        split = QSplitter()
        split.addWidget(self.tornado)
        split.addWidget(self.table)
        split.setSizes([500, 500])
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(split, 1)
        box = QHBoxLayout(self)
        box.addLayout(options)
        box.addLayout(right, 1)
        self.analysis: SensitivityAnalysis | None = None

    def make_job(self, scenario: Scenario, baseline: PlanResult | None = None) -> Job:
        step, units = self.step.value(), self.units.value()
        return lambda cancel, progress: analyse_sensitivity(
            scenario,
            step=step,
            units=units,
            baseline=baseline,
            cancel=cancel,
            progress=progress,
        )

    def show_result(self, result: object) -> None:
        assert isinstance(result, SensitivityAnalysis)
        self.analysis = result
        self.summary.setText(numbers.localised(verdict(result)))
        self.summary.setStyleSheet(PARTIAL_STYLE if result.cancelled else "")
        ranked = result.ranked()
        base = result.baseline_value or 0.0
        set_heading(self.table, (2, 4), objective_heading(result.objective))  # low, high
        fill_table(
            self.table,
            [
                (
                    f.title,  # "France ceiling", not "FR ceiling"
                    numbers.whole(f.low.setting),
                    numbers.localised(variant_text(f.low, result.objective)),
                    numbers.whole(f.high.setting),
                    numbers.localised(variant_text(f.high, result.objective)),
                    numbers.localised(swing_text(f, base, result.objective)),
                )
                for f in ranked
            ],
            {i for i, f in enumerate(ranked) if f.breaks},
        )
        shown = list(reversed(ranked[:TORNADO_ROWS]))  # largest at the top
        ys = list(range(len(shown)))
        self._bars(self.low_bars, shown, ys, "low", base)
        self._bars(self.high_bars, shown, ys, "high", base)
        spots = [{"pos": (base, y)} for f, y in zip(shown, ys, strict=True) if f.breaks]
        self.broken.setData(spots)
        self.baseline_line.setValue(base)
        self.tornado.getAxis("left").setTicks(
            [[(y, _axis_name(f)) for f, y in zip(shown, ys, strict=True)]]
        )
        self.tornado.getPlotItem().enableAutoRange()

    @staticmethod
    def _bars(
        item: pg.BarGraphItem, shown: list[Factor], ys: list[int], which: str, base: float
    ) -> None:
        ends = []
        for f in shown:
            variant = getattr(f, which)
            ends.append(base if variant.objective_value is None else variant.objective_value)
        item.setOpts(x0=[base] * len(shown), x1=ends, y=ys, height=0.6)

    def clear(self) -> None:
        if self.analysis is not None:
            self.summary.setStyleSheet("color: #777;")
            self.summary.setText(
                numbers.localised(verdict(self.analysis)) + " (scenario changed since: run again)"
            )


def _axis_name(factor: Factor) -> str:
    """'Armoured (tank) battalion minimum' as the tornado's axis holds it: 'Armoured minimum'."""
    return f"{short_name(factor.subject_name or factor.subject)} {factor.setting_word}"
