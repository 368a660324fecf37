"""What every GUI test module shares: private settings and an opened main window.

Imported only by the tests/test_gui_*.py modules, so the rest of the suite
runs where PySide6 is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from planner.scenario import plan
from planner.scenario.io import default_scenario
from planner.scenario.model import Scenario
from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def private_settings(tmp_path, qapp, monkeypatch) -> Path:
    """Remembered files, layout, workspace and autosaves go to a temporary folder.

    Never the user's own settings or data.
    """
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("FORCE_PLANNER_WORKSPACE", raising=False)
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


def open_window(qtbot, scenario: Scenario | None = None, path: Path | None = None) -> MainWindow:
    """A shown main window whose unsaved-changes question answers Discard (tests may replace it)."""
    window = MainWindow(scenario or default_scenario(), path)
    window.ask_unsaved_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window, before_close_func=lambda w: w.worker.shutdown())
    window.show()
    qtbot.waitExposed(window)
    return window


def cell(window: MainWindow, code: str, unit: str):
    """The allocation grid's index of one nation's count of one unit type."""
    scenario = window.document.scenario
    row = [n.code for n in scenario.nations].index(code)
    column = [u.id for u in scenario.unit_types].index(unit)
    return window.allocation_model.index(row, column)


def plan_cell(window: MainWindow, code: str, unit: str) -> plan.Cell:
    """The plan cell (:class:`planner.scenario.plan.Cell`) the grid shows for a nation and unit."""
    return plan.cell(window.document.scenario, code, unit)


def optimise(qtbot, window: MainWindow, timeout_ms: int = 60_000):
    """Optimise as a planner does (Plan > Optimise) and wait for the result."""
    with qtbot.waitSignal(window.worker.finished, timeout=timeout_ms) as blocker:
        window.optimise_action.trigger()
    return blocker.args[0]


def set_ceiling(window: MainWindow, code: str = "FR", troops: int = 9000) -> None:
    """An edit as a planner makes it: one nation's ceiling, through the undo stack."""
    from planner.analyses.sensitivity import with_ceiling

    window.document.edit(with_ceiling(window.document.scenario, code, troops), f"{code} ceiling")
