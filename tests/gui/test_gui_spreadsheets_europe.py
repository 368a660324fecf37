"""File > Spreadsheets with ODS and European CSV: offered in the dialog, imported, or refused
with one line that changes nothing."""

from __future__ import annotations

from planner.exchange.spreadsheet import nations_rows, write_table
from planner.scenario.io import default_scenario
from tests.helpers.gui import open_window
from ui.commands.spreadsheet_commands import SHEET_FILTER


def test_the_file_dialog_offers_ods():
    assert "*.ods" in SHEET_FILTER.split(";;")[0] and "(*.ods)" in SHEET_FILTER


def test_nations_through_an_ods_file_are_one_undoable_edit(qtbot, tmp_path):
    window = open_window(qtbot)
    path = tmp_path / "nations.ods"
    assert window.sheets.export_nations(path)
    rows = nations_rows(window.document.scenario)
    rows[1][rows[0].index("max_troops")] = 7500  # France, as typed in LibreOffice
    write_table(path, rows, "Nations")
    assert window.sheets.import_nations(path)
    assert window.document.scenario.nation("FR").max_troops == 7500
    window.document.undo_stack.undo()
    assert window.document.scenario == default_scenario()


def test_a_european_csv_that_cannot_be_read_changes_nothing(qtbot, tmp_path):
    window = open_window(qtbot)
    path = tmp_path / "nations.csv"
    path.write_bytes(b"code;name;max_troops\r\nFR;Fran\x81ce;800\r\n")  # 0x81: no cp1252 letter
    assert not window.sheets.import_nations(path)
    message = window.sheets.last_spreadsheet_error
    assert "neither UTF-8 nor Windows-1252" in message and "CSV UTF-8" in message
    assert "\n" not in message
    assert window.document.scenario == default_scenario() and not window.document.dirty
