"""Sustainment view: the largest force the offers keep, and the rotation cycle at which the
target band stops being reachable (``planner.analyses.sustainment``)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout

from planner.analyses.sustainment import (
    DEFAULT_CYCLES,
    CycleLine,
    SustainmentAnalysis,
    analyse_sustainment,
    cycle_words,
)
from planner.analyses.verdicts import sustainment_verdict
from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from planner.scenario.words import period_label
from ui import numbers
from ui.editors.number_spins import WholeSpinBox
from ui.views.analyses.base import AnalysisView
from ui.views.analyses.table import PARTIAL_STYLE, fill_table, result_table
from ui.workers.worker import Job

MAX_CYCLES = 12  # what the core accepts
BAND = {True: "can be met", False: "cannot be met", None: "undecided (time limit)"}


def headers(label: str) -> list[str]:
    """The sweep's columns, in the scenario's own word for a period ('quarter')."""
    return ["Each unit serves", "Largest force kept", "Target band"]


def cycle_text(label: str, rotation: int) -> str:
    """The cycle in words, with the locale's figures (the core says it: one phrase)."""
    return numbers.localised(cycle_words(label, rotation))


def kept_words(line: CycleLine, low: int) -> str:
    """The largest force in words, with the locale's figures (the core says it)."""
    return numbers.localised(line.kept_words(low))


class SustainmentView(AnalysisView):
    name = "sustainment"  # its entry in planner.analyses.registry
    title = "How long it lasts"

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("sustainmentView")
        self.cycles = WholeSpinBox("Rotation cycles")
        self.cycles.setObjectName("sustainmentCycles")
        self.cycles.refused.connect(self.refused)
        self.cycles.setRange(1, MAX_CYCLES)
        self.cycles.setValue(DEFAULT_CYCLES)
        self.cycles.setToolTip("Sweep every nation on a rotation cycle of 1, 2, … up to this")
        options = QFormLayout()
        options.addRow("Rotation cycles", self.cycles)
        self.summary = QLabel(
            "Run: the largest force the offers keep in every period, and the rotation "
            "cycle at which the target band can no longer be met."
        )
        self.summary.setObjectName("sustainmentSummary")
        self.summary.setWordWrap(True)
        self.kept = QLabel("")
        self.kept.setObjectName("sustainmentByPeriod")
        self.kept.setWordWrap(True)
        self.table = result_table("sustainmentTable", headers("period"))
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.kept)
        right.addWidget(self.table, 1)
        box = QHBoxLayout(self)
        box.addLayout(options)
        box.addLayout(right, 1)
        self.analysis: SustainmentAnalysis | None = None

    def make_job(self, scenario: Scenario, baseline: PlanResult | None = None) -> Job:
        cycles = self.cycles.value()
        return lambda cancel, progress: analyse_sustainment(
            scenario, cycles=cycles, cancel=cancel, progress=progress
        )

    def show_result(self, result: object) -> None:
        assert isinstance(result, SustainmentAnalysis)
        self.analysis = result
        scenario = result.scenario
        self.summary.setText(numbers.localised(sustainment_verdict(result)))
        self.summary.setStyleSheet(PARTIAL_STYLE if result.cancelled else "")
        full = scenario.periods.full
        kept = [
            f"{period_label(scenario, t)} {numbers.whole(troops)}"
            for t, troops in enumerate(result.by_period, start=1)
            if t in full
        ]
        self.kept.setText(
            f"Troops in the target when the most is kept: {'; '.join(kept)}."
            if len(kept) > 1
            else ""
        )
        self.table.setHorizontalHeaderLabels(headers(scenario.periods.label))
        label, low = scenario.periods.label, scenario.target.min_troops
        fill_table(
            self.table,
            [
                (
                    cycle_text(label, line.rotation),
                    kept_words(line, low),
                    BAND[line.band_reachable],
                )
                for line in result.cycles
            ],
            {i for i, line in enumerate(result.cycles) if line.band_reachable is False},
        )

    def clear(self) -> None:
        if self.analysis is not None:
            self.summary.setStyleSheet("color: #777;")
            self.summary.setText(
                numbers.localised(sustainment_verdict(self.analysis))
                + " (scenario changed since: run again)"
            )
