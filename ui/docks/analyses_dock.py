"""The analyses dock: one tab per analysis, one Run / Cancel / progress row for all.

Each tab is an :class:`ui.views.analyses.base.AnalysisView`. Run asks the
current tab for a job on the scenario as it is on screen and hands it to the
:class:`ui.workers.worker.Worker`; the result comes back to the tab that asked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.analyses.baseline import plan_in_hand
from planner.analyses.registry import ANALYSES
from planner.errors import PlannerError
from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from ui.docks.dock_layout import scrolling
from ui.views.analyses.base import AnalysisView
from ui.workers.worker import Worker

ERROR_STYLE = "color: #b00020;"
DONE = "done."


@dataclasses.dataclass
class TabStatus:
    """What one tab's status line says; the dock shows the current tab's only."""

    running: str = ""  # progress, while this tab's analysis runs
    note: str = ""  # a refusal or a failure, until the next run or change
    error: bool = False
    ended: str = ""  # "done." or "cancelled." for the result shown
    inputs: object = None  # what that result was computed from
    result: object = None
    stale: bool = False

    def text(self, title: str) -> str:
        if self.running:
            return self.running
        if self.note:
            return self.note
        if not self.ended:
            return ""
        if self.stale:
            return f"{title}: the scenario on screen changed since this ran; run again."
        return f"{title}: {self.ended}"


class AnalysesDock(QDockWidget):
    """Tabs of analyses over the scenario on screen, run in the background."""

    def __init__(
        self,
        scenario: Callable[[], Scenario],
        parent: QWidget | None = None,
        baseline: Callable[[], PlanResult | None] = lambda: None,
    ) -> None:
        super().__init__("Analyses", parent)
        self.setObjectName("analysesDock")
        self.scenario = scenario
        self.baseline = baseline  # the plan on screen's solve, handed to analyses that use one
        self.runner = Worker(self, "The analysis stopped with an error")
        self._status: dict[str, TabStatus] = {}
        self._running_inputs: object = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("analysisTabs")
        self.run_button = QPushButton("&Run analysis")
        self.run_button.setObjectName("analysisRun")
        self.run_button.setToolTip("Run the analysis of this tab on the scenario on screen")
        self.run_button.clicked.connect(self.run_current)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setObjectName("analysisCancel")
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("analysisProgress")
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.status = QLabel("")
        self.status.setObjectName("analysisStatus")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.run_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress)
        row.addWidget(self.status, 1)
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.tabs)
        box.addLayout(row)
        self.setWidget(scrolling(body))  # shrinks below its tabs' height: the grid keeps rows
        self.tabs.currentChanged.connect(lambda _: self._show_status())
        self.runner.started.connect(self._on_started)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)

    def add_view(self, view: AnalysisView) -> None:
        """A tab for `view`, under its registry name (KeyError for a name the registry lacks)."""
        entry = ANALYSES[view.name]
        self._status[view.name] = TabStatus()
        index = self.tabs.addTab(view, view.title)
        self.tabs.setTabToolTip(index, entry.question.capitalize())
        view.refused.connect(lambda reason, v=view: self._note(v, reason, error=True))

    def views(self) -> list[AnalysisView]:
        tabs = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [tab for tab in tabs if isinstance(tab, AnalysisView)]

    def view(self, name: str) -> AnalysisView | None:
        """The tab of the analysis `name` (a key of ``ANALYSES``), or None."""
        return next((v for v in self.views() if v.name == name), None)

    def status_of(self, name: str) -> str:
        """What the tab of analysis `name` says about it now."""
        return self._status[name].text(self._title(name))

    def _title(self, name: str) -> str:
        view = self.view(name)
        return view.title if view is not None else name

    def run_current(self) -> bool:
        view = self.tabs.currentWidget()
        if not isinstance(view, AnalysisView):
            return False
        return self.run(view)

    def run(self, view: AnalysisView) -> bool:
        """Start `view`'s analysis; False when one is running or its options are wrong."""
        self.tabs.setCurrentWidget(view)
        status = self._status[view.name]
        if self.runner.busy:
            running = self._title(self.runner.name)
            return self._note(view, f"{running} is still running: cancel it first.")
        scenario = self.scenario()
        plan = self.baseline()
        try:
            job = view.make_job(scenario, plan if plan_in_hand(plan, scenario, None) else None)
        except PlannerError as exc:
            return self._note(view, str(exc), error=True)
        status.note, status.error = "", False
        self._running_inputs = view.inputs(scenario)
        return self.runner.start(view.name, job)

    def finished(self) -> dict[str, object]:
        """The result of each tab that ran to the end on the scenario as it is on screen
        (not cancelled, not stale): what a brief may take instead of running it again."""
        scenario = self.scenario()
        return {
            view.name: status.result
            for view in self.views()
            if (status := self._status[view.name]).result is not None
            and status.ended == DONE
            and not status.stale
            and view.inputs(scenario) == status.inputs
        }

    def scenario_changed(self) -> None:
        """The document changed: a tab's result is stale unless its inputs are as they were."""
        scenario = self.scenario()
        for view in self.views():
            status = self._status[view.name]
            status.note, status.error = "", False
            if status.result is None:
                continue
            stale = view.inputs(scenario) != status.inputs
            if stale and not status.stale:
                view.clear()
            elif status.stale and not stale:  # undone back to what it ran on
                view.show_result(status.result)
            status.stale = stale
        self._show_status()

    def _note(self, view: AnalysisView, text: str, error: bool = False) -> bool:
        status = self._status[view.name]
        status.note, status.error = text, error
        self._show_status()
        return False

    def _show_status(self) -> None:
        """The status line, Cancel and progress speak for the current tab only."""
        view = self.tabs.currentWidget()
        if not isinstance(view, AnalysisView):
            return
        status = self._status[view.name]
        self.status.setText(status.text(view.title))
        self.status.setStyleSheet(ERROR_STYLE if status.error and status.note else "")
        mine = self.runner.busy and self.runner.name == view.name
        self.progress.setVisible(mine)
        self.cancel_button.setEnabled(mine)
        self.run_button.setEnabled(not self.runner.busy)
        self.run_button.setToolTip(
            f"{self._title(self.runner.name)} is running; cancel it on its tab first"
            if self.runner.busy and not mine
            else "Run the analysis of this tab on the scenario on screen"
        )

    def _on_started(self, name: str) -> None:
        self.progress.setRange(0, 0)
        self._status[name].running = f"{self._title(name)}: running…"
        self._show_status()

    def _on_progress(self, done: int, total: int) -> None:
        """Analyses report work done, not items (a screened draw costs nothing): a percentage."""
        name = self.runner.name
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        self.progress.setFormat("%p%")
        done_text = f"running… {self.progress.text()} of the work"
        self._status[name].running = f"{self._title(name)}: {done_text}"
        self._show_status()

    def _on_finished(self, result: object) -> None:
        name = self.runner.name
        view = self.view(name)
        status = self._status[name]
        status.running = ""
        cancelled = (
            result is None
            or getattr(result, "cancelled", False)
            or getattr(result, "complete", True) is False
        )
        if view is not None and result is not None:
            view.show_result(result)
            status.result, status.inputs, status.stale = result, self._running_inputs, False
        if not cancelled:
            status.ended = DONE
        elif result is None:
            status.ended = "cancelled."
        else:
            status.ended = "cancelled; what was settled is shown, marked partial."
        self.scenario_changed()  # the scenario may have changed while it ran

    def _on_failed(self, message: str) -> None:
        status = self._status[self.runner.name]
        status.running, status.note, status.error = "", message, True
        self._show_status()

    def shutdown(self) -> None:
        self.runner.shutdown()


def dock_area() -> Qt.DockWidgetArea:
    return Qt.DockWidgetArea.BottomDockWidgetArea
