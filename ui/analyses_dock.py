"""The analyses dock: one tab per analysis, one Run / Cancel / progress row for all.

Each tab is an :class:`ui.analysis_views.base.AnalysisView`. Run asks the
current tab for a job on the scenario as it is on screen and hands it to the
:class:`AnalysisRunner`; the result comes back to the tab that asked.
"""

from __future__ import annotations

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

from planner.errors import PlannerError
from planner.model import Scenario
from ui.analysis_runner import AnalysisRunner
from ui.analysis_views.base import AnalysisView


class AnalysesDock(QDockWidget):
    """Tabs of analyses over the scenario on screen, run in the background."""

    def __init__(self, scenario: Callable[[], Scenario], parent: QWidget | None = None) -> None:
        super().__init__("Analyses", parent)
        self.setObjectName("analysesDock")
        self.scenario = scenario
        self.runner = AnalysisRunner(self)
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
        self.setWidget(body)
        self.runner.started.connect(self._on_started)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)

    def add_view(self, view: AnalysisView) -> None:
        self.tabs.addTab(view, view.title)

    def views(self) -> list[AnalysisView]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]  # type: ignore[misc]

    def view(self, title: str) -> AnalysisView | None:
        return next((v for v in self.views() if v.title == title), None)

    def run_current(self) -> bool:
        view = self.tabs.currentWidget()
        if not isinstance(view, AnalysisView):
            return False
        return self.run(view)

    def run(self, view: AnalysisView) -> bool:
        """Start `view`'s analysis; False when one is running or its options are wrong."""
        if self.runner.busy:
            self.status.setText(f"{self.runner.name} is still running: cancel it first.")
            return False
        try:
            job = view.make_job(self.scenario())
        except PlannerError as exc:
            self.status.setText(str(exc))
            return False
        self.tabs.setCurrentWidget(view)
        return self.runner.start(view.title, job)

    def scenario_changed(self) -> None:
        for view in self.views():
            view.clear()

    def _on_started(self, name: str) -> None:
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setStyleSheet("")
        self.status.setText(f"{name}: running…")

    def _on_progress(self, done: int, total: int) -> None:
        """Analyses report work done, not items (a screened draw costs nothing): a percentage."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        self.progress.setFormat("%p%")
        self.status.setText(f"{self.runner.name}: running… {self.progress.text()} of the work")

    def _idle(self) -> None:
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.hide()

    def _on_finished(self, name: str, result: object) -> None:
        self._idle()
        view = self.view(name)
        if view is None:
            return
        cancelled = (
            result is None
            or getattr(result, "cancelled", False)
            or getattr(result, "complete", True) is False
        )
        if result is not None:
            view.show_result(result)
        if not cancelled:
            self.status.setText(f"{name}: done.")
        elif result is None:
            self.status.setText(f"{name}: cancelled.")
        else:
            self.status.setText(f"{name}: cancelled; what was settled is shown, marked partial.")

    def _on_failed(self, name: str, message: str) -> None:
        self._idle()
        self.status.setText(message)
        self.status.setStyleSheet("color: #b00020;")

    def shutdown(self) -> None:
        self.runner.shutdown()


def dock_area() -> Qt.DockWidgetArea:
    return Qt.DockWidgetArea.BottomDockWidgetArea
