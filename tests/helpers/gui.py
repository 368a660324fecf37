"""What GUI tests share beyond the conftest: an opened main window and its cells.

Imported only by tests/gui/ (whose conftest skips them without PySide6), so
the rest of the suite runs where PySide6 is missing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from planner.scenario import plan
from planner.scenario.io import default_scenario
from planner.scenario.model import Scenario
from ui.main_window import MainWindow


def open_window(qtbot, scenario: Scenario | None = None, path: Path | None = None) -> MainWindow:
    """A shown main window whose unsaved-changes question answers Discard (tests may replace it)."""
    window = MainWindow(scenario or default_scenario(), path)
    window.files.ask_unsaved_changes = lambda: QMessageBox.StandardButton.Discard
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
        window.menu_actions["optimiseAction"].trigger()
    return blocker.args[0]


def set_ceiling(window: MainWindow, code: str = "FR", troops: int = 9000) -> None:
    """An edit as a planner makes it: one nation's ceiling, through the undo stack."""
    from planner.analyses.sensitivity import with_ceiling

    window.document.edit(with_ceiling(window.document.scenario, code, troops), f"{code} ceiling")


def shown(view, index):
    """The view's index of a model cell: tables of nations sort and filter through a proxy."""
    from PySide6.QtCore import QAbstractProxyModel

    proxies = []
    model = view.model()
    while isinstance(model, QAbstractProxyModel) and model is not index.model():
        proxies.append(model)
        model = model.sourceModel()
    for proxy in reversed(proxies):
        index = proxy.mapFromSource(index)
    return index
