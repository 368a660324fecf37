"""Withdrawal (N-1) view: for each nation of the plan, is there still a force without it?"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from planner.analyses.verdicts import withdrawal_answer, withdrawal_reason
from planner.analyses.verdicts import withdrawal_verdict as verdict
from planner.analyses.withdrawal import WithdrawalAnalysis, WithdrawalRow, analyse_withdrawal
from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from ui import numbers
from ui.views.analyses.base import AnalysisView
from ui.views.analyses.table import PARTIAL_STYLE, fill_table, result_table, set_heading
from ui.words import objective_change, objective_figure, objective_heading
from ui.workers.worker import Job

HEADERS = ("Nation out", "Force remains?", "Objective", "Change", "Troops", "What changes")
OBJECTIVE = HEADERS.index("Objective")
"""The column headed by the analysis's objective once a result is shown ("Least cost")."""
CHANGES = HEADERS.index("What changes")
MAX_LINES = 4
"""Changes shown in a row; the rest are in its tooltip."""


def change_lines(row: WithdrawalRow) -> list[str]:
    """What else changes when `row`'s nation pulls out: one line each, its own exit left out.

    The nation out is the row's first column; repeating "FR out (-4,200 troops)"
    in every row's text only pushed the other nations' changes out of sight.
    """
    if not row.feasible or not row.cost_settled:  # no plan, or no optimum yet: say which
        return [withdrawal_reason(row)]
    own = tuple(f"{who} out " for who in (row.nation, row.nation_name))
    lines = [numbers.localised(c) for c in row.changes if not c.startswith(own)]
    return list(dict.fromkeys(lines)) or ["no other nation changes"]


def shown_lines(lines: list[str]) -> str:
    if len(lines) <= MAX_LINES:
        return "\n".join(lines)
    more = len(lines) - MAX_LINES + 1
    return "\n".join([*lines[: MAX_LINES - 1], f"… and {more} more (hover for all)"])


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

    def make_job(self, scenario: Scenario, baseline: PlanResult | None = None) -> Job:
        # one process: the GUI already runs this off its thread, and a frozen
        # bundle should not fork worker processes behind the planner's back
        return lambda cancel, progress: analyse_withdrawal(
            scenario, baseline=baseline, workers=1, cancel=cancel, progress=progress
        )

    def show_result(self, result: object) -> None:
        assert isinstance(result, WithdrawalAnalysis)
        self.analysis = result
        base = result.baseline.objective_value
        names = {n.code: n.name or n.code for n in result.scenario.nations}
        rows, bad, changes = [], set(), []
        for i, row in enumerate(result.rows):
            value = row.objective_value
            delta = (
                ""
                if value is None or base is None
                else objective_change(result.objective, value - base)
            )
            changes.append(change_lines(row))
            rows.append(
                (
                    names.get(row.nation, row.nation),  # "France", as the brief names it
                    withdrawal_answer(row),
                    "" if value is None else objective_figure(result.objective, value),
                    delta,
                    "" if row.total_troops is None else numbers.whole(row.total_troops),
                    shown_lines(changes[-1]),
                )
            )
            if row.breaks:
                bad.add(i)
        fill_table(self.table, rows, bad)
        set_heading(self.table, (OBJECTIVE,), objective_heading(result.objective))
        for i, lines in enumerate(changes):
            item = self.table.item(i, CHANGES)
            if item is not None:
                item.setToolTip("\n".join(lines))
        self.table.resizeRowsToContents()  # one line per change, read down the row
        self.summary.setText(numbers.localised(verdict(result, full_names=True)))
        self.summary.setStyleSheet("" if result.complete else PARTIAL_STYLE)

    def clear(self) -> None:
        if self.analysis is not None:
            self.summary.setStyleSheet("color: #777;")
            self.summary.setText(
                numbers.localised(verdict(self.analysis)) + " (scenario changed since: run again)"
            )
