"""What the planner should read about the plan shown: why no plan exists, or what an edit broke.

Lists ``PlanResult.explanation()`` for infeasible, invalid, unknown and
cancelled results (spec section 3), and, for any other plan on screen, the
constraints it does not meet (``planner.rules.violations``). The window
hands it the current :class:`ui.plan_state.PlanState` on every change, so
what it says is always about the plan on screen now.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from planner.result.document import PlanResult
from planner.rules.remedy import declined_named
from planner.status import Status
from ui import numbers
from ui.plan_state import Kind, PlanState
from ui.words import objective_amount, objective_figure

INTRO = "Optimise (Ctrl+R) to make a plan."
CLICK_HINT = "Click to show where this rule is set"
HEADINGS = {
    Status.INFEASIBLE: "No plan meets every rule. The grid shows the closest plan (not feasible).",
    Status.INVALID: "A nation's own statements cannot all hold; no plan was made.",
    Status.UNKNOWN: "The time limit ended the search before any plan was found.",
}


REMEDY_ROLE = Qt.ItemDataRole.UserRole + 1
"""Marks a line added under a shortfall ("Ask Poland: ..."), not one of the result's own."""


class ExplanationPanel(QWidget):
    """A heading and one list item per sentence; items keep the constraint name as data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explanationPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(INTRO)
        self.heading.setObjectName("explanationHeading")
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("explanationList")
        self.list.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)

    def sentences(self) -> list[str]:
        """The explanation's own sentences (the remedy lines under them left out)."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return [item.text() for item in items if not item.data(REMEDY_ROLE)]

    def show_state(self, state: PlanState) -> None:
        """Explain the plan on screen: the solver's own words for its result, else what breaks."""
        if state.result is not None:
            self.show_result(state.result)
        elif state.kind is Kind.NONE:
            self.heading.setText(INTRO)
            self._fill([], [])
        else:
            self.heading.setText(state.explanation_heading())
            self._fill([v.message for v in state.broken], [v.constraint for v in state.broken])

    def show_result(self, result: PlanResult) -> None:
        """Explain `result`; a good plan gets a one-line summary and an empty list."""
        if result.has_plan:
            value = result.objective_value
            self.heading.setText(
                f"Plan {result.status}: {numbers.whole(result.evaluation.total_troops)} troops; "
                f"{objective_amount(result.objective, objective_figure(result.objective, value))}."
                if value is not None
                else f"Plan {result.status}."
            )
            self._fill(result.notes, [])
            return
        self.heading.setText(HEADINGS.get(result.status, f"Solve {result.status}."))
        sentences = result.explanation()
        self._fill(sentences, [u.constraint for u in result.unmet])
        self._add_remedies(result, sentences)

    def _add_remedies(self, result: PlanResult, sentences: list[str]) -> None:
        """Under a shortfall, one line per declined nation that could close it: a click opens
        that nation's status, the cell that would change."""
        for row, sentence in reversed(list(enumerate(sentences))):  # the core's words, as written
            for offset, nation in enumerate(declined_named(result.scenario, sentence), start=1):
                remedy = QListWidgetItem(
                    f"    Ask {nation.name}: declined; its status is in Nations"
                )
                remedy.setData(Qt.ItemDataRole.UserRole, f"nation.{nation.code}")
                remedy.setToolTip(CLICK_HINT)
                remedy.setData(REMEDY_ROLE, True)
                self.list.insertItem(row + offset, remedy)

    def _fill(self, sentences: list[str], constraints: list[str]) -> None:
        self.list.clear()
        for i, sentence in enumerate(sentences):
            item = QListWidgetItem(numbers.localised(sentence))
            if i < len(constraints):
                item.setData(Qt.ItemDataRole.UserRole, constraints[i])  # the rule's name
                item.setToolTip(CLICK_HINT)
            self.list.addItem(item)
