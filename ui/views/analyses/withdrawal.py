"""Withdrawal (N-1) view: for each nation of the plan, is there still a force without it?"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from planner.analyses.verdicts import withdrawal_answer, withdrawal_reason
from planner.analyses.verdicts import withdrawal_verdict as verdict
from planner.analyses.withdrawal import WithdrawalAnalysis, analyse_withdrawal
from planner.scenario.model import Scenario
from ui import numbers
from ui.views.analyses.base import AnalysisView
from ui.views.analyses.table import PARTIAL_STYLE, fill_table, result_table
from ui.workers.worker import Job

HEADERS = ("Nation out", "Force remains?", "Objective", "Change", "Troops", "What changes")


class WithdrawalView(AnalysisView):
    name = "withdrawal"  # its entry in planner.analyses.registry
    title = "Withdrawal"

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("withdrawalView")
        self.summary = QLabel("Run: each nation of the optimal plan pulls out in turn.")
        self.summary.setObjectName("withdrawalSummary")
        self.summary.setWordWrap(True)
        self.table = result_table("withdrawalTable", HEADERS)
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addWidget(self.table)
        self.analysis: WithdrawalAnalysis | None = None

    def make_job(self, scenario: Scenario) -> Job:
        # one process: the GUI already runs this off its thread, and a frozen
        # bundle should not fork worker processes behind the planner's back
        return lambda cancel, progress: analyse_withdrawal(
            scenario, workers=1, cancel=cancel, progress=progress
        )

    def show_result(self, result: object) -> None:
        assert isinstance(result, WithdrawalAnalysis)
        self.analysis = result
        base = result.baseline.objective_value
        rows, bad = [], set()
        for i, row in enumerate(result.rows):
            value = row.objective_value
            delta = "" if value is None or base is None else numbers.signed(value - base, 1)
            rows.append(
                (
                    row.nation,
                    withdrawal_answer(row),
                    "" if value is None else numbers.decimal(value, 1),
                    delta,
                    "" if row.total_troops is None else numbers.whole(row.total_troops),
                    numbers.localised(
                        "; ".join(row.changes) if row.feasible else withdrawal_reason(row)
                    ),
                )
            )
            if row.breaks:
                bad.add(i)
        fill_table(self.table, rows, bad)
        self.summary.setText(numbers.localised(verdict(result)))
        self.summary.setStyleSheet("" if result.complete else PARTIAL_STYLE)

    def clear(self) -> None:
        if self.analysis is not None:
            self.summary.setStyleSheet("color: #777;")
            self.summary.setText(
                numbers.localised(verdict(self.analysis)) + " (scenario changed since: run again)"
            )
