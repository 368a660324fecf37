"""File > Spreadsheets in the window: export, edit outside, import back, undo, bad files."""

from __future__ import annotations

from planner.exchange.spreadsheet import nations_rows, write_table
from planner.scenario.io import default_scenario
from tests.helpers.gui import (
    open_window,
)


def test_nations_exported_edited_and_imported_back_is_one_undoable_edit(qtbot, tmp_path):
    window = open_window(qtbot)
    path = tmp_path / "nations.xlsx"
    window.sheets.ask_spreadsheet = lambda title, save: str(path)
    assert window.sheets.export_nations()
    rows = nations_rows(window.document.scenario)
    ceiling = rows[0].index("max_troops")
    rows[1][ceiling] = 7500  # France, as a planner would type it in Excel
    write_table(path, rows, "Nations")
    assert window.sheets.import_nations()
    assert window.document.scenario.nation("FR").max_troops == 7500
    assert window.document.dirty and "Imported 18 nations" in window.statusBar().currentMessage()
    window.document.undo_stack.undo()
    assert window.document.scenario == default_scenario()


def test_allocation_round_trip_through_a_csv(qtbot, tmp_path):
    window = open_window(qtbot)
    with qtbot.waitSignal(window.worker.finished, timeout=60_000):
        window.optimise()
    plan = dict(window.document.allocation)
    path = tmp_path / "plan.csv"
    assert window.sheets.export_allocation(path)
    window.document.set_plan({})
    assert window.sheets.import_allocation(path)
    assert window.document.allocation == plan
    window.document.undo_stack.undo()
    assert window.document.allocation == {}


def test_a_bad_spreadsheet_changes_nothing_and_says_why(qtbot, tmp_path):
    window = open_window(qtbot)
    path = tmp_path / "bad.csv"
    path.write_text("code,name,max_troops\nFR,France,lots\n", encoding="utf-8")
    assert not window.sheets.import_nations(path)
    assert "row 2, max_troops: 'lots' is not a whole number" in window.sheets.last_spreadsheet_error
    assert window.document.scenario == default_scenario() and not window.document.dirty
    assert not window.sheets.import_allocation(path)
    assert "first column must be 'nation'" in window.sheets.last_spreadsheet_error


def test_the_spreadsheet_actions_are_in_the_file_menu(qtbot):
    window = open_window(qtbot)
    menu = window.menuBar().findChild(type(window.files.recent_menu), "spreadsheetsMenu")
    names = {a.objectName() for a in menu.actions()}
    assert names == {
        "importNationsAction",
        "exportNationsAction",
        "importAllocationAction",
        "exportAllocationAction",
    }
