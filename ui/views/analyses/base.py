"""What a view must offer the analyses dock."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from ui.workers.worker import Job


class AnalysisView(QWidget):
    """A tab of the analyses dock: options, then a table or chart of the result.

    `planRequested(allocation)` asks the window to put a plan on screen (the
    Pareto view's "load this point", for instance); `allocation` is a plan,
    a dict :class:`planner.scenario.plan.Cell` -> count. `refused(reason)` says an option
    was refused.
    """

    name = ""
    """Its entry in :data:`planner.analyses.registry.ANALYSES`: how the dock, the menu and
    tests find the tab (the title is words for people and may change)."""
    title = "Analysis"
    planRequested = Signal(object)
    refused = Signal(str)  # an option typed the locale cannot read, with the reason

    def make_job(
        self, scenario: Scenario, baseline: PlanResult | None = None
    ) -> Job:  # pragma: no cover - abstract
        """The job of this tab's analysis on `scenario`. `baseline`, when given, is the proven
        optimum of `scenario` (the plan on screen's solve): analyses that start from one take
        it instead of solving again."""
        raise NotImplementedError

    def show_result(self, result: object) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def inputs(self, scenario: Scenario) -> object:
        """What a result of this view depends on; the dock marks it stale when this changes."""
        return scenario

    def clear(self) -> None:
        """The scenario changed: the shown result may be stale (views may grey it out)."""
