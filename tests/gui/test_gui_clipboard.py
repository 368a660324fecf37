"""Copy, paste, fill, Delete and sort/filter in the tables, as a planner used to Excel does them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QApplication, QTabWidget

from planner.scenario.io import default_scenario
from tests.helpers.gui import cell, open_window, plan_cell, shown
from ui.editors.clipboard import parse_tsv, to_tsv
from ui.editors.nations_model import COLUMNS
from ui.main_window import MainWindow

CEILING = [c.field for c in COLUMNS].index("max_troops")
FLOOR = [c.field for c in COLUMNS].index("min_troops")
COST = [c.field for c in COLUMNS].index("cost_per_troop")
NAME = [c.field for c in COLUMNS].index("name")


@pytest.fixture
def window(qtbot) -> MainWindow:
    return open_window(qtbot, default_scenario())


def units(window: MainWindow) -> list[str]:
    return [u.id for u in window.document.scenario.unit_types]


def codes(window: MainWindow) -> list[str]:
    return [n.code for n in window.document.scenario.nations]


def select(view, top: int, left: int, bottom: int, right: int) -> None:
    """Select a block of the view's cells (view rows and columns) and focus the view."""
    tabs = view.parentWidget().parentWidget()
    if isinstance(tabs, QTabWidget):  # a scenario editor: its tab in front, as a click does
        tabs.setCurrentWidget(view)
    view.setFocus()
    model = view.model()
    view.setCurrentIndex(model.index(top, left))
    block = QItemSelection(model.index(top, left), model.index(bottom, right))
    view.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def put_on_clipboard(text: str) -> None:
    QApplication.clipboard().setText(text)


def message(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


# -- the clipboard's text ------------------------------------------------------------------
def test_tab_separated_text_reads_as_excel_and_libreoffice_write_it():
    assert parse_tsv("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]  # Excel: CRLF, last one too
    assert parse_tsv("1\t2\n3") == [["1", "2"], ["3", ""]]  # LibreOffice, a ragged last row
    assert parse_tsv('"a\tb"\t"two\nlines"\n') == [["a\tb", "two\nlines"]]  # quoted cells
    assert parse_tsv("") == []
    rows = [["France", "8,000"], ['say "hi"', ""]]
    assert parse_tsv(to_tsv(rows)) == rows


# -- paste -----------------------------------------------------------------------------------
def test_a_block_pasted_into_the_grid_is_one_undo_step(qtbot, window):
    grid, column = window.allocation_grid, units(window).index("mech_inf_bn")
    select(grid, 0, column, 0, column)
    put_on_clipboard("3\t1\r\n2\t0\r\n")  # FR and UK, mech_inf_bn and armd_bn
    window.menu_actions["pasteAction"].trigger()
    allocation = window.document.allocation
    assert allocation[plan_cell(window, "FR", "mech_inf_bn")] == 3
    assert allocation[plan_cell(window, "FR", "armd_bn")] == 1
    assert allocation[plan_cell(window, "UK", "mech_inf_bn")] == 2
    assert plan_cell(window, "UK", "armd_bn") not in allocation
    assert message(window).startswith("Pasted 4 cells")
    stack = window.document.undo_stack
    assert stack.count() == 1 and "Paste" in stack.text(0)
    stack.undo()
    assert window.document.allocation == {}


def test_refused_cells_are_named_and_the_rest_go_in(qtbot, window):
    offers = window.offers_grid
    pl = codes(window).index("PL")
    mech = units(window).index("mech_inf_bn")
    before = window.document.scenario.nation("PL")
    select(offers, pl, mech, pl, mech)
    put_on_clipboard("x\t2\n-1\t3\n")  # PL: 'x', 2; IT: -1, 3
    outcome = window.edits.paste()
    scenario = window.document.scenario
    assert scenario.nation("PL").offer("armd_bn") == 2
    assert scenario.nation("IT").offer("armd_bn") == 3
    assert scenario.nation("PL").offer("mech_inf_bn") == before.offer("mech_inf_bn")
    said = window.edit_message.text()
    assert said.startswith("Pasted 2 cells; 2 cells not pasted: ")
    assert "Poland, Mechanised infantry battalion: 'x' is not a whole number" in said
    assert "Italy, Mechanised infantry battalion" in said
    assert [r.where for r in outcome.refused] == [
        "Poland, Mechanised infantry battalion",
        "Italy, Mechanised infantry battalion",
    ]
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert window.document.scenario.nation("PL") == before


def test_a_paste_is_validated_once_not_cell_by_cell(qtbot, window, monkeypatch):
    import ui.editors.batch as batch

    calls = []
    real = batch.changed
    monkeypatch.setattr(batch, "changed", lambda s, m: calls.append(1) or real(s, m))
    nations = window.nations_table
    select(nations, 0, FLOOR, 0, FLOOR)
    rows = "\n".join(f"{i * 10}\t{9000 + i}" for i in range(6))  # floor and ceiling, 6 nations
    window.edits.paste_text(rows)
    assert len(calls) == 1
    scenario = window.document.scenario
    assert [n.max_troops for n in scenario.nations[:6]] == [9000 + i for i in range(6)]


def test_a_rule_across_cells_names_the_cell_that_breaks_it(qtbot, window):
    nations = window.nations_table
    de = codes(window).index("DE")
    select(nations, de, FLOOR, de, FLOOR)
    outcome = window.edits.paste_text("9000\t9500\n")  # floor above the old ceiling, new ceiling
    germany = window.document.scenario.nation("DE")
    assert (germany.min_troops, germany.max_troops) == (9000, 9500)  # in either order
    assert outcome.refused == []
    select(nations, de, FLOOR, de, FLOOR)
    outcome = window.edits.paste_text("9900\t9800\n")
    assert [r.where for r in outcome.refused] == ["Germany, Floor"]
    assert window.document.scenario.nation("DE").max_troops == 9800


def test_read_only_cells_are_skipped_and_counted(qtbot, window):
    nations = window.nations_table
    select(nations, 0, 0, 0, 0)  # the Code column cannot be typed in
    outcome = window.edits.paste_text("XX\tFrankreich\n")
    assert outcome.read_only == 1 and outcome.applied == 1
    assert window.document.scenario.nations[0].code == "FR"
    assert window.document.scenario.nations[0].name == "Frankreich"
    assert "1 cell read-only, skipped" in message(window)


def test_one_value_pasted_over_a_block_fills_it(qtbot, window):
    offers, arty = window.offers_grid, units(window).index("arty_bn")
    select(offers, 0, arty, 2, arty)
    window.edits.paste_text("4")
    assert [window.document.scenario.nations[r].offer("arty_bn") for r in range(3)] == [4, 4, 4]


# -- copy ------------------------------------------------------------------------------------
def test_copy_puts_the_block_on_the_clipboard_as_tab_separated_text(qtbot, window):
    nations = window.nations_table
    select(nations, 0, NAME, 1, CEILING)
    put_on_clipboard("")
    window.menu_actions["copyAction"].trigger()
    rows = parse_tsv(QApplication.clipboard().text())
    france, uk = window.document.scenario.nations[:2]
    assert rows[0][0] == "France" and rows[1][0] == "United Kingdom"
    assert rows[0][-1] == "10,000" and rows[1][-1] == "8,000"
    assert rows[0][1] == france.status


def test_copy_then_paste_elsewhere_copies_offers_from_one_nation_to_another(qtbot, window):
    offers = window.offers_grid
    fr, pl = codes(window).index("FR"), codes(window).index("PL")
    last = len(units(window)) - 1
    select(offers, fr, 0, fr, last)
    window.edits.copy()
    select(offers, pl, 0, pl, 0)
    window.edits.paste()
    scenario = window.document.scenario
    assert scenario.nation("PL").offers == scenario.nation("FR").offers


def test_ctrl_c_and_ctrl_v_are_the_keys(qtbot, window):
    grid = window.allocation_grid
    assert window.allocation_model.setData(cell(window, "FR", "armd_bn"), 2)
    index = cell(window, "FR", "armd_bn")
    select(grid, index.row(), index.column(), index.row(), index.column())
    qtbot.keyClick(grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text().strip() == "2"
    target = cell(window, "UK", "armd_bn")
    select(grid, target.row(), target.column(), target.row(), target.column())
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.document.allocation[plan_cell(window, "UK", "armd_bn")] == 2


# -- fill and Delete -------------------------------------------------------------------------
def test_fill_down_copies_the_top_row_into_the_rows_below(qtbot, window):
    nations = window.nations_table
    select(nations, 0, COST, 3, COST)
    qtbot.keyClick(nations, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    costs = [n.cost_per_troop for n in window.document.scenario.nations[:4]]
    assert costs == [costs[0]] * 4
    assert window.document.undo_stack.count() == 1


def test_fill_right_over_a_block_takes_ctrl_r_from_optimise(qtbot, window):
    offers = window.offers_grid
    select(offers, 0, 0, 0, 2)
    qtbot.keyClick(offers, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    france = window.document.scenario.nation("FR")
    first = france.offer(units(window)[0])
    assert [france.offer(u) for u in units(window)[:3]] == [first] * 3
    assert window.solves_started == 0  # a block: fill right, not optimise


def test_ctrl_r_on_one_cell_still_optimises(qtbot, window):
    offers = window.offers_grid
    select(offers, 0, 0, 0, 0)
    before = window.document.scenario
    with qtbot.waitSignal(window.worker.finished, timeout=60_000):
        qtbot.keyClick(offers, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.document.scenario == before


def test_delete_clears_to_the_fields_default_or_zero(qtbot, window):
    grid = window.allocation_grid
    for code in ("FR", "UK"):
        assert window.allocation_model.setData(cell(window, code, "armd_bn"), 2)
    index = cell(window, "FR", "armd_bn")
    select(grid, index.row(), index.column(), index.row() + 1, index.column())
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert window.document.allocation == {}
    nations = window.nations_table
    select(nations, 0, NAME, 0, COST)
    window.menu_actions["deleteAction"].trigger()
    france = window.document.scenario.nation("FR")
    assert france.name == "France"  # a name has no default: kept, and said
    assert (france.status, france.min_troops, france.max_troops, france.cost_per_troop) == (
        "possible",
        0,
        0,
        1.0,
    )
    assert "1 cell kept" in message(window)
    requirements = window.requirements_table
    select(requirements, 0, 0, 0, 1)
    window.edits.clear()
    assert units(window)[0] not in window.document.scenario.requirements


# -- sort and filter -------------------------------------------------------------------------
def click_header(qtbot, view, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_a_header_click_sorts_and_an_edit_hits_the_nation_shown(qtbot, window):
    nations, model = window.nations_table, window.nations_table.model()
    every = range(model.rowCount())
    click_header(qtbot, nations, CEILING)
    ceilings = [model.index(r, CEILING).data(Qt.ItemDataRole.EditRole) for r in every]
    assert ceilings == sorted(ceilings)  # as numbers: 900 before 8,000
    assert ceilings != [n.max_troops for n in window.document.scenario.nations]
    assert nations.selectionModel().selectedColumns() == []  # a click sorts, it selects nothing
    shown_code = model.index(0, 0).data()
    assert shown_code != window.document.scenario.nations[0].code
    assert model.setData(model.index(0, NAME), "Renamed")
    assert window.document.scenario.nation(shown_code).name == "Renamed"
    click_header(qtbot, nations, CEILING)
    ceilings = [model.index(r, CEILING).data(Qt.ItemDataRole.EditRole) for r in every]
    assert ceilings == sorted(ceilings, reverse=True)  # the second click reverses
    click_header(qtbot, nations, CEILING)  # the third: the file's order again
    assert [model.index(r, 0).data() for r in every] == codes(window)


def test_a_paste_into_a_sorted_view_lands_on_the_rows_shown(qtbot, window):
    offers = window.offers_grid
    offers.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # fewest mech_inf_bn first
    model = offers.model()
    shown_codes = [model.headerData(r, Qt.Orientation.Vertical) for r in range(2)]
    column = units(window).index("engr_bn")
    select(offers, 0, column, 0, column)
    window.edits.paste_text("7\n8\n")
    scenario = window.document.scenario
    assert [scenario.nation(c).offer("engr_bn") for c in shown_codes] == [7, 8]


def test_the_filter_keeps_matching_nations_and_edits_reach_them(qtbot, window):
    box = window.nation_filter
    qtbot.keyClicks(box, "pol")
    nations, offers = window.nations_table.model(), window.offers_grid.model()
    assert nations.rowCount() == 1 and offers.rowCount() == 1
    assert nations.index(0, 0).data() == "PL"
    assert offers.setData(offers.index(0, units(window).index("arty_bn")), "5")
    assert window.document.scenario.nation("PL").offer("arty_bn") == 5
    box.clear()
    assert nations.rowCount() == len(window.document.scenario.nations)
    qtbot.keyClicks(box, "declined")  # by status too
    declined = [n.code for n in window.document.scenario.nations if n.status == "declined"]
    assert [nations.index(r, 0).data() for r in range(nations.rowCount())] == declined


def test_an_explanation_click_finds_a_nation_the_filter_hides(qtbot, window):
    qtbot.keyClicks(window.nation_filter, "pol")
    assert window.select_constraint("share.DE")
    assert window.nation_filter.text() == ""
    rows = window.nations_table.selectionModel().selectedRows()
    source = shown(window.nations_table, window.nations_model.index(2, 0))
    assert [r.row() for r in rows] == [source.row()]


def test_a_results_table_copies_but_does_not_edit_the_scenario(qtbot, window):
    from PySide6.QtWidgets import QTableView, QTableWidgetItem

    window.analyses_dock.show()
    results = window.findChild(QTableView, "withdrawalTable")  # a QTableWidget of results
    results.setRowCount(2)
    for row, col in ((0, 0), (0, 1), (1, 0), (1, 1)):
        results.setItem(row, col, QTableWidgetItem(f"r{row}c{col}"))
    window.analyses_dock.tabs.setCurrentWidget(results.parentWidget())
    qtbot.waitUntil(results.isVisible)
    select(results, 0, 0, 1, 1)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is results)
    assert window.edits.copy() == 4
    assert parse_tsv(QApplication.clipboard().text()) == [["r0c0", "r0c1"], ["r1c0", "r1c1"]]
    before = window.document.scenario
    window.edits.paste()
    window.edits.clear()
    assert window.document.scenario == before and window.document.undo_stack.count() == 0
    assert "copy from it" in message(window)


def test_a_paste_into_a_locked_cell_moves_the_lock_or_names_why_not(qtbot, window):
    from planner.scenario.model import Lock

    index = cell(window, "FR", "armd_bn")
    assert window.allocation_model.setData(index, 1)
    assert window.allocation_model.toggle_lock(index.row(), index.column())
    grid = window.allocation_grid
    select(grid, index.row(), index.column(), index.row(), index.column())
    window.edits.paste_text("2\t1\n")  # FR armd_bn (locked) and FR inf_coy
    assert window.document.scenario.locks == (Lock("FR", "armd_bn", 2),)
    assert window.document.allocation[plan_cell(window, "FR", "armd_bn")] == 2
    select(grid, index.row(), index.column(), index.row(), index.column())
    outcome = window.edits.paste_text("99\n")  # above France's offer: the lock refuses it
    assert [r.where for r in outcome.refused] == ["France, Armoured (tank) battalion"]
    assert window.document.scenario.locks == (Lock("FR", "armd_bn", 2),)
    window.document.undo_stack.undo()
    assert window.document.scenario.locks == (Lock("FR", "armd_bn", 1),)


def test_cut_copies_then_clears_and_one_undo_puts_it_back(qtbot, window):
    offers, arty = window.offers_grid, units(window).index("arty_bn")
    before = window.document.scenario
    select(offers, 0, arty, 1, arty)
    qtbot.keyClick(offers, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert parse_tsv(QApplication.clipboard().text()) == [["2"], ["2"]]
    assert [n.offer("arty_bn") for n in window.document.scenario.nations[:2]] == [0, 0]
    window.document.undo_stack.undo()
    assert window.document.scenario == before


def test_select_all_selects_the_whole_table(qtbot, window):
    nations = window.nations_table
    select(nations, 0, 0, 0, 0)
    window.menu_actions["selectAllAction"].trigger()
    model = nations.model()
    assert len(nations.selectedIndexes()) == model.rowCount() * model.columnCount()
