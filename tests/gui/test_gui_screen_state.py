"""After an edit, undo, redo or load, every text on screen describes what is on screen now.

The issue's examples, each driven as a planner would (auto-optimise off):
type 3 into CA mech_inf_bn then Ctrl+Z; break FR's ceiling under an optimal
plan; lock a cell then undo; run Withdrawal then look at another tab. After
each step the test reads every text about the plan (grid header,
explanation, solve status, status bar, analyses status) and checks it
against the state, not against what happened last.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from planner.scenario.io import default_scenario
from tests.helpers.gui import (
    cell,
    open_window,
    optimise,
    plan_cell,
    set_ceiling,
)
from ui.editors.allocation_model import LOCK_ROLE
from ui.editors.nations_model import COLUMNS
from ui.main_window import MainWindow

RUN_MS = 180_000
CEILING = [c.field for c in COLUMNS].index("max_troops")
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot) -> MainWindow:
    return open_window(qtbot)


def texts(window: MainWindow) -> dict[str, object]:
    """Every text on screen that speaks about the plan."""
    return {
        "header": window.plan_label.text(),
        "heading": window.explanation.heading.text(),
        "sentences": window.explanation.sentences(),
        "solve": window.solve_label.text(),
        "grid": [
            window.allocation_model.index(r, c).data()
            for r in range(window.allocation_model.rowCount())
            for c in range(window.allocation_model.columnCount())
        ],
    }


def press(qtbot, window: MainWindow, key: Qt.Key, modifiers=CTRL) -> None:
    window.activateWindow()
    qtbot.keyClick(window, key, modifiers)


def test_undoing_a_typed_count_puts_every_text_back(qtbot, window):
    optimise(qtbot, window)
    before = texts(window)
    assert str(before["header"]).startswith("Plan (optimal)")
    index = cell(window, "CA", "mech_inf_bn")
    assert window.allocation_model.setData(index, "3")  # CA offers 1
    edited = texts(window)
    assert any("Canada gives 3 x Mechanised infantry" in s for s in edited["sentences"])
    assert str(edited["header"]).startswith("Plan edited by hand: it breaks")
    assert "changed since" in str(edited["solve"])
    press(qtbot, window, Qt.Key.Key_Z)
    assert texts(window) == before  # the grid, header, explanation and solve status
    assert (
        window.statusBar().currentMessage()
        == "Undone: Set Canada, Mechanised infantry battalion to 3"
    )
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert texts(window) == edited
    assert (
        window.statusBar().currentMessage()
        == "Redone: Set Canada, Mechanised infantry battalion to 3"
    )


def test_undo_of_a_count_typed_into_an_empty_grid_clears_the_explanation(window):
    assert window.allocation_model.setData(cell(window, "CA", "mech_inf_bn"), "3")
    assert any("Canada gives 3 x" in s for s in window.explanation.sentences())
    window.document.undo_stack.undo()
    assert window.explanation.heading.text() == "Optimise (Ctrl+R) to make a plan."
    assert window.explanation.sentences() == []
    assert window.plan_label.text().startswith("No plan yet")


def test_plan_optimal_goes_when_an_edit_breaks_a_ceiling_and_comes_back_on_undo(qtbot, window):
    result = optimise(qtbot, window)
    before = texts(window)
    troops = result.evaluation.troops["FR"]
    row = [n.code for n in window.document.scenario.nations].index("FR")
    nations = window.nations_model
    assert nations.setData(nations.index(row, CEILING), str(troops - 500))
    header = window.plan_label.text()
    assert "optimal" not in header
    assert header.startswith("Scenario changed since this plan was made: it breaks 1 rule")
    assert window.explanation.heading.text().startswith("Scenario changed since this plan")
    assert any("France sends" in s and "ceiling" in s for s in window.explanation.sentences())
    assert "changed since" in window.solve_label.text()
    window.document.undo_stack.undo()
    assert texts(window) == before


def test_the_status_bar_does_not_keep_the_text_of_an_undone_lock(qtbot, window):
    index = cell(window, "FR", "mech_inf_bn")
    assert window.allocation_model.setData(index, 2)
    grid = window.allocation_grid
    grid.setFocus()
    grid.setCurrentIndex(index)
    qtbot.keyClick(grid, Qt.Key.Key_L, CTRL)
    assert index.data(LOCK_ROLE) == 2
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Lock France, Mechanised infantry battalion at 2")
    )
    press(qtbot, window, Qt.Key.Key_Z)
    assert index.data(LOCK_ROLE) is None
    assert (
        window.statusBar().currentMessage()
        == "Undone: Lock France, Mechanised infantry battalion at 2"
    )
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert (
        window.statusBar().currentMessage()
        == "Redone: Lock France, Mechanised infantry battalion at 2"
    )


def test_a_plan_from_an_analysis_or_a_load_is_not_called_edited_or_optimal(window):
    view = window.analyses_dock.view("pareto")
    view.planRequested.emit({plan_cell(window, "FR", "mech_inf_bn"): 2})
    assert window.plan_label.text().startswith("Plan from an analysis, not optimised here")
    window.show_refusal("FR ceiling: 'x' is not a whole number; the value was not changed.")
    uk_armd = plan_cell(window, "UK", "armd_bn")
    window.document.replace_all(default_scenario(), None, allocation={uk_armd: 1})
    assert window.plan_label.text().startswith("Plan kept with the version, not optimised here")
    assert window.solve_label.text() == "Not optimised yet"
    assert not window.edit_message.isVisible()  # a refusal of the old document's edit


def test_each_analysis_tab_shows_its_own_status_and_undo_makes_a_result_current(qtbot, window):
    dock = window.analyses_dock
    withdrawal, odds = dock.view("withdrawal"), dock.view("odds")
    with qtbot.waitSignal(dock.runner.finished, timeout=RUN_MS):
        assert window.run_analysis(withdrawal)
    summary = withdrawal.summary.text()
    assert dock.status.text() == "Withdrawal: done."
    dock.tabs.setCurrentWidget(odds)
    assert "Withdrawal" not in dock.status.text() and dock.status.text() == ""
    dock.tabs.setCurrentWidget(withdrawal)
    assert dock.status.text() == "Withdrawal: done."
    nations = window.nations_model
    assert nations.setData(nations.index(0, CEILING), "9000")
    assert "changed since this ran" in dock.status.text()
    assert "run again" in withdrawal.summary.text()
    window.document.undo_stack.undo()  # the scenario it ran on is back
    assert dock.status.text() == "Withdrawal: done."
    assert withdrawal.summary.text() == summary


def test_a_comparison_with_the_screen_says_when_the_screen_has_moved_on(qtbot, window):
    window.workspace.ask_version_name = lambda default: "baseline"
    window.workspace.ask_version_message = lambda: "first cut"
    assert window.workspace.save_to_workspace()
    set_ceiling(window, "FR", 9000)
    window.workspace_dock.select("baseline", 1).setSelected(True)
    assert window.workspace.compare_selected()
    dialog = window.workspace.compare_dialog
    assert "FR ceiling 10,000 -> 9,000" in dialog.change_lines("scenario")
    assert "changed since" not in dialog.windowTitle()
    set_ceiling(window, "FR", 8000)
    assert "the screen has changed since" in dialog.windowTitle()
    assert "compare again" in dialog.summary.text()
    window.document.undo_stack.undo()  # the screen is what was compared again
    assert "changed since" not in dialog.windowTitle()
    assert "compare again" not in dialog.summary.text()
    dialog.close()
