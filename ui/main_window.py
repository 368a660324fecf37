"""The main window: nations table, allocation grid, charts and explanation around one document.

The window wires views to the :class:`ScenarioDocument` and the
:class:`SolveWorker`; it computes nothing itself (numbers come from
``planner.evaluate`` and ``planner.solve``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.errors import ScenarioError
from planner.evaluate import violations
from planner.model import Scenario
from planner.result import PlanResult
from ui.allocation_model import AllocationModel
from ui.charts import ChartsPanel
from ui.document import ScenarioDocument
from ui.explanation_panel import ExplanationPanel
from ui.nations_model import NationsModel
from ui.solve_worker import SolveWorker

APP_TITLE = "Force Planner"
DEFAULT_SIZE = (1600, 960)
MINIMUM_SIZE = (1280, 800)
MESSAGE_MS = 8000
FILE_FILTER = "Scenario JSON (*.json);;All files (*)"


class MainWindow(QMainWindow):
    """One scenario, edited, optimised and charted."""

    def __init__(self, scenario: Scenario | None = None, path: Path | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*DEFAULT_SIZE)
        self.document = ScenarioDocument(scenario, self)
        self.document.path = path
        self.worker = SolveWorker(self)
        self.result: PlanResult | None = None
        self._build_views()
        self._build_actions()
        self._build_status_bar()
        self._connect()
        self._on_loaded()
        self._on_changed()

    # -- construction ------------------------------------------------------------
    def _build_views(self) -> None:
        self.nations_model = NationsModel(self.document)
        self.nations_table = self._table("nationsTable", self.nations_model)
        header = self.nations_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.allocation_model = AllocationModel(self.document.scenario, self)
        self.allocation_grid = self._table("allocationGrid", self.allocation_model)
        self.allocation_grid.horizontalHeader().setDefaultSectionSize(44)
        self.allocation_grid.horizontalHeader().setMinimumSectionSize(30)
        self.plan_label = QLabel()
        self.plan_label.setObjectName("planStatusLabel")
        self.charts = ChartsPanel()
        self.explanation = ExplanationPanel()

        grid_box = QWidget()
        box = QVBoxLayout(grid_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.plan_label)
        box.addWidget(self.allocation_grid)
        left = self._splitter(Qt.Orientation.Vertical, self.nations_table, grid_box, [380, 520])
        right = self._splitter(Qt.Orientation.Vertical, self.charts, self.explanation, [790, 110])
        self.setCentralWidget(self._splitter(Qt.Orientation.Horizontal, left, right, [720, 880]))

    @staticmethod
    def _table(name: str, model: object) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setDefaultSectionSize(22)
        return view

    @staticmethod
    def _splitter(
        orientation: Qt.Orientation, first: QWidget, second: QWidget, sizes: list[int]
    ) -> QSplitter:
        splitter = QSplitter(orientation)
        splitter.addWidget(first)
        splitter.addWidget(second)
        splitter.setSizes(sizes)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _action(
        self, text: str, name: str, shortcut: QKeySequence | str | None, slot: object
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        stack = self.document.undo_stack
        self.open_action = self._action("&Open…", "openAction", std.Open, self.open_file)
        self.save_action = self._action("&Save", "saveAction", std.Save, self.save)
        self.save_as_action = self._action(
            "Save &As…", "saveAsAction", "Ctrl+Shift+S", self.save_as
        )
        self.quit_action = self._action("&Quit", "quitAction", std.Quit, self.close)
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        self.optimise_action = self._action("&Optimise", "optimiseAction", "Ctrl+R", self.optimise)
        self.cancel_action = self._action(
            "&Cancel solve", "cancelAction", "Esc", self.worker.cancel
        )
        self.cancel_action.setEnabled(False)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addActions([self.open_action, self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        menu.addMenu("&Edit").addActions([self.undo_action, self.redo_action])
        menu.addMenu("&Plan").addActions([self.optimise_action, self.cancel_action])
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.open_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.optimise_action, self.cancel_action])

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.progress = QProgressBar()
        self.progress.setObjectName("solveProgress")
        self.progress.setRange(0, 0)  # busy indicator: the solver reports no fraction
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.solve_label = QLabel("Not optimised yet")
        self.solve_label.setObjectName("solveStatusLabel")
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.solve_label)

    def _connect(self) -> None:
        self.document.changed.connect(self._on_changed)
        self.document.loaded.connect(self._on_loaded)
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.nations_model.editRejected.connect(self.show_message)
        self.worker.finished.connect(self._on_solved)
        self.worker.failed.connect(self._on_failed)

    # -- user commands -------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    def optimise(self) -> None:
        """Solve the scenario as it stands now, in the background."""
        if not self.worker.start(self.document.scenario):
            return
        self._set_busy(True)
        self.solve_label.setText("Optimising…")

    def open_file(self, path: str | Path | None = None) -> bool:
        if not self.confirm_discard():
            return False
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "Open scenario", "", FILE_FILTER)
            if not path:
                return False
        try:
            self.document.open(path)
        except ScenarioError as exc:
            self.show_message(f"Could not open {Path(path).name}: {exc}")
            return False
        self.show_message(f"Opened {Path(path).name}")
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self, path: str | Path | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Save scenario as", "", FILE_FILTER)
            if not path:
                return False
        return self._write(Path(path))

    def _write(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except OSError as exc:
            self.show_message(
                f"Could not save {path.name}: {exc.strerror or exc}; "
                "choose another folder with Save As."
            )
            return False
        self._update_title()
        self.show_message(f"Saved {path.name}")
        return True

    def confirm_discard(self) -> bool:
        """True when there are no unsaved changes or the planner agreed to lose or save them."""
        if not self.document.dirty:
            return True
        answer = self.ask_unsaved_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def ask_unsaved_changes(self) -> QMessageBox.StandardButton:
        """The one question asked before changes are lost (tests replace it)."""
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        return QMessageBox.question(
            self, APP_TITLE, f"Save changes to {self.document.display_name}?", buttons
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if not self.confirm_discard():
            event.ignore()
            return
        self.worker.shutdown()
        event.accept()

    # -- reactions -----------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.optimise_action.setEnabled(not busy)
        self.cancel_action.setEnabled(busy)

    def _on_solved(self, result: PlanResult) -> None:
        self._set_busy(False)
        seconds = f"{result.solve_seconds:.2f} s"
        if result.status == "cancelled":
            self.solve_label.setText(f"Cancelled after {seconds}")
            self.show_message("Solve cancelled; the plan shown is unchanged.")
            return
        self.result = result
        feasible = result.has_plan
        self.allocation_model.set_plan(result.allocation, feasible)
        self.allocation_grid.resizeColumnsToContents()
        self.charts.update_from(result.scenario, result.allocation, feasible)
        self.explanation.show_result(result)
        self.solve_label.setText(f"{result.status.capitalize()} in {seconds}")
        self._update_plan_label()
        if result.scenario != self.document.scenario:
            self._on_changed()  # the scenario was edited during the solve

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self.solve_label.setText("Solver error")
        self.show_message(message)

    def _on_changed(self) -> None:
        scenario = self.document.scenario
        self.allocation_model.set_scenario(scenario)
        allocation = self.allocation_model.allocation
        self.charts.update_from(scenario, allocation, self.allocation_model.feasible)
        if self.result is not None and self.result.has_plan:
            self.explanation.show_violations(violations(scenario, allocation))
        self._update_title()

    def _on_loaded(self) -> None:
        self.result = None
        self.allocation_model.set_plan({}, True)
        self.allocation_model.set_scenario(self.document.scenario)
        self.solve_label.setText("Not optimised yet")
        self.explanation.heading.setText("Optimise (Ctrl+R) to make a plan.")
        self.explanation.list.clear()
        self._update_plan_label()
        self._update_title()

    def _update_plan_label(self) -> None:
        if self.result is None:
            text = "No plan yet: press Optimise (Ctrl+R)."
        elif self.result.has_plan:
            text = (
                f"Plan ({self.result.status}); highlighted cells changed since the previous plan."
            )
        else:
            text = f"Closest plan — NOT FEASIBLE ({self.result.status}); see the explanation."
        self.plan_label.setText(text)
        bad = self.result is not None and not self.result.has_plan
        self.plan_label.setStyleSheet("color: #b00020; font-weight: bold;" if bad else "")

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.dirty)
