"""Add, duplicate and remove nations, unit types and requirements; File > New. Each undoable."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QTabWidget

from planner.scenario.format import NATION_CODE, UNIT_ID
from planner.scenario.io import default_scenario
from planner.scenario.model import Lock
from planner.scenario.validation import parse_scenario
from tests.helpers.gui import open_window
from ui.editors.rows import unique_code, unique_unit_id
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot) -> MainWindow:
    return open_window(qtbot, default_scenario())


def select_rows(view, first: int, last: int | None = None) -> None:
    tabs = view.parentWidget().parentWidget()
    if isinstance(tabs, QTabWidget):
        tabs.setCurrentWidget(view)
    view.setFocus()
    model = view.model()
    last = first if last is None else last
    view.setCurrentIndex(model.index(first, 0))
    rows = QItemSelection(model.index(first, 0), model.index(last, model.columnCount() - 1))
    view.selectionModel().select(rows, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def codes(window: MainWindow) -> list[str]:
    return [n.code for n in window.document.scenario.nations]


def units(window: MainWindow) -> list[str]:
    return [u.id for u in window.document.scenario.unit_types]


def message(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_new_ids_are_unique_and_valid():
    taken = {"NEW", "FR", "FRA", "FRB"}
    for code in (unique_code(taken), unique_code(taken, "FR"), unique_code(set(), "x")):
        assert NATION_CODE.fullmatch(code) and code not in taken
    assert unique_code(taken, "FR") == "FRC"
    long = "a" * 40
    assert unique_unit_id({long}, long) == "a" * 38 + "_2"
    assert unique_unit_id({"new_unit", "new_unit_2"}) == "new_unit_3"
    assert all(UNIT_ID.fullmatch(u) for u in (unique_unit_id({long}, long), unique_unit_id(set())))


# -- nations ---------------------------------------------------------------------------------
def test_insert_a_nation_below_the_current_one_with_ctrl_plus_and_undo_it(qtbot, window):
    before = window.document.scenario
    table = window.nations_table
    select_rows(table, 1)
    qtbot.keyClick(table, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    scenario = window.document.scenario
    assert len(scenario.nations) == len(before.nations) + 1
    new = scenario.nations[2]
    assert (new.code, new.name, new.max_troops, new.offers) == ("NEW", "New nation", 0, {})
    assert table.currentIndex().row() == 2  # selected, its name ready to type
    assert window.menu_actions["insertRowAction"].text() == "&Insert nation"
    assert window.nations_model.setData(window.nations_model.index(2, 1), "Portugal")
    assert window.document.scenario.nations[2].name == "Portugal"
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert window.document.scenario == before


def test_duplicate_a_nation_copies_its_offers_under_a_new_code(qtbot, window):
    before = window.document.scenario
    select_rows(window.nations_table, 0)
    window.menu_actions["duplicateRowAction"].trigger()
    france, twin = window.document.scenario.nations[:2]
    assert twin.code not in {n.code for n in before.nations} and NATION_CODE.fullmatch(twin.code)
    assert twin.name == "France (copy)"
    assert twin.offers == france.offers and twin.max_troops == france.max_troops
    assert twin.notes == "" and twin.sources == ()  # they describe France, not the copy
    window.document.undo_stack.undo()
    assert window.document.scenario == before


def test_removing_a_nation_takes_its_locks_and_says_so(qtbot, window):
    scenario = window.document.scenario
    de = scenario.nation("DE")
    nations = tuple(
        dataclasses.replace(n, requires=("PL",)) if n.code == "DE" else n for n in scenario.nations
    )
    locked = dataclasses.replace(
        scenario, nations=nations, locks=(Lock("PL", "mech_inf_bn", 1), Lock("FR", "armd_bn", 1))
    )
    window.document.replace_all(parse_scenario_of(locked), None)
    before = window.document.scenario
    select_rows(window.nations_table, codes(window).index("PL"))
    window.menu_actions["removeRowAction"].trigger()
    after = window.document.scenario
    assert "PL" not in codes(window)
    assert after.locks == (Lock("FR", "armd_bn", 1),)
    assert after.nation("DE").requires == ()
    said = message(window)
    assert said.startswith("Removed Poland, with 1 lock") and de.name in said
    window.document.undo_stack.undo()
    assert window.document.scenario == before


def test_removing_the_backstop_nation_removes_the_backstop_it_made_up(qtbot, window):
    select_rows(window.nations_table, codes(window).index("US"))
    window.edits.rows.remove_rows()
    assert window.document.scenario.backstop is None
    assert "the backstop it made up" in message(window)
    window.document.undo_stack.undo()
    assert window.document.scenario.backstop is not None


def test_a_nation_added_in_the_offers_grid_or_while_filtered_is_shown(qtbot, window):
    qtbot.keyClicks(window.nation_filter, "pol")
    select_rows(window.offers_grid, 0)
    assert window.edits.rows.insert_row()
    assert window.nation_filter.text() == ""  # the filter would hide it
    model = window.offers_grid.model()
    current = window.offers_grid.currentIndex()
    assert model.headerData(current.row(), Qt.Orientation.Vertical) == "NEW"
    assert codes(window).index("NEW") == codes(window).index("PL") + 1


# -- unit types ------------------------------------------------------------------------------
def test_add_duplicate_and_remove_a_unit_type(qtbot, window):
    before = window.document.scenario
    table = window.unit_types_table
    select_rows(table, 0)
    assert window.menu_actions["insertRowAction"].text() == "&Insert unit type"
    window.menu_actions["insertRowAction"].trigger()
    added = window.document.scenario.unit_types[1]
    assert (added.id, added.name, added.personnel, added.deployed) == (
        "new_unit",
        "New unit type",
        100,
        True,
    )
    assert window.allocation_model.columnCount() == len(before.unit_types) + 2  # + Troops
    select_rows(table, 0)
    window.menu_actions["duplicateRowAction"].trigger()
    twin = window.document.scenario.unit_types[1]
    mech = before.unit_types[0]
    assert twin.id == "mech_inf_bn_2" and twin.name == f"{mech.name} (copy)"
    assert (twin.personnel, twin.deployed) == (mech.personnel, mech.deployed)
    assert all(n.offer(twin.id) == 0 for n in window.document.scenario.nations)
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert window.document.scenario == before


def test_removing_a_unit_type_takes_its_offers_requirement_and_locks(qtbot, window):
    scenario = window.document.scenario
    locked = dataclasses.replace(scenario, locks=(Lock("FR", "armd_bn", 1),))
    window.document.replace_all(parse_scenario_of(locked), None)
    before = window.document.scenario
    offering = sum(1 for n in before.nations if n.offer("armd_bn"))
    select_rows(window.unit_types_table, units(window).index("armd_bn"))
    qtbot.keyClick(window.unit_types_table, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    after = window.document.scenario
    assert "armd_bn" not in units(window)
    assert "armd_bn" not in after.requirements and after.locks == ()
    assert all("armd_bn" not in n.offers for n in after.nations)
    said = message(window)
    armoured = before.unit("armd_bn").name
    assert said == f"Removed {armoured}, with {offering} nations' offers, 1 requirement and 1 lock."
    window.document.undo_stack.undo()
    assert window.document.scenario == before


def test_removing_every_unit_type_in_a_block_is_one_undo_step(qtbot, window):
    before = window.document.scenario
    select_rows(window.unit_types_table, 0, 2)
    window.edits.rows.remove_rows()
    assert units(window) == [u.id for u in before.unit_types[3:]]
    assert window.document.undo_stack.count() == 1


# -- requirements ----------------------------------------------------------------------------
def test_add_and_remove_requirements_in_the_requirements_tab(qtbot, window):
    before = window.document.scenario
    free = next(i for i, u in enumerate(before.unit_types) if u.id not in before.requirements)
    table = window.requirements_table
    select_rows(table, free)
    assert window.menu_actions["insertRowAction"].text() == "&Insert requirement"
    window.menu_actions["insertRowAction"].trigger()
    uid = before.unit_types[free].id
    need = window.document.scenario.requirements[uid]
    assert (need.min, need.max) == (1, None)
    window.menu_actions["removeRowAction"].trigger()
    assert uid not in window.document.scenario.requirements
    select_rows(table, 0)
    window.menu_actions["removeRowAction"].trigger()
    assert before.unit_types[0].id not in window.document.scenario.requirements
    assert len(window.document.scenario.unit_types) == len(before.unit_types)
    assert not window.edits.rows.duplicate_row()  # one requirement per unit type: said why
    assert "duplicate the unit type" in window.edit_message.text()
    for _ in range(3):
        window.document.undo_stack.undo()
    assert window.document.scenario == before


# -- File > New ------------------------------------------------------------------------------
def test_file_new_starts_from_the_built_in_unit_types_and_no_nations(qtbot, window):
    from planner.scenario.library import NEWEST

    window.menu_actions["newAction"].trigger()
    scenario = window.document.scenario
    assert scenario.nations == () and scenario.requirements == {} and scenario.locks == ()
    assert [u.id for u in scenario.unit_types] == [u.id for u in NEWEST.scenario().unit_types]
    assert window.document.path is None and window.document.undo_stack.count() == 0
    select_rows(window.nations_table, 0)
    assert window.edits.rows.insert_row()  # the first nation of the new scenario
    assert codes(window) == ["NEW"]
    window.document.undo_stack.undo()
    assert window.document.scenario.nations == ()


def parse_scenario_of(scenario):
    """The scenario after the core's validation, so a test starts from a valid file."""
    from planner.scenario.io import scenario_to_dict

    return parse_scenario(scenario_to_dict(scenario))


@pytest.mark.parametrize("row", [0, 5])
def test_every_row_command_keeps_a_scenario_2_file_valid(row):
    """Areas, periods, conditions, area requirements and sources: nothing left dangling."""
    from planner.scenario.io import scenario_to_dict
    from planner.scenario.library import NEWEST
    from ui.editors import rows

    scenario = NEWEST.scenario()
    for change in (
        lambda d: rows.add_nation(d, row),
        lambda d: rows.duplicate_nation(d, row),
        lambda d: rows.remove_nations(d, [row]),
        lambda d: rows.add_unit_type(d, row),
        lambda d: rows.duplicate_unit_type(d, row),
        lambda d: rows.remove_unit_types(d, [row]),
        lambda d: rows.remove_unit_types(d, range(len(d["unit_types"]))),
        lambda d: rows.remove_nations(d, range(len(d["nations"]))),
    ):
        data = scenario_to_dict(scenario)
        change(data)
        parse_scenario(data)  # no ScenarioError: every reference still resolves
