"""The Areas and Conditions tabs: add, remove, rename, undo, and refusals with the core's reason.

Uses the worked example of spec section 11 (three areas; Germany accepts
only South-east Poland; the Netherlands requires the United States; Kyiv
region needs an air defence battery) and the default @1 scenario.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from planner.scenario.io import load_scenario
from planner.scenario.model import THEATRE, Lock
from planner.scenario.plan import Cell
from tests.helpers.gui import open_window
from ui.accessibility import unnamed
from ui.editors.area_requirements_model import AreaRequirementsModel
from ui.editors.areas_model import AreasModel, parse_position
from ui.editors.conditions_model import ConditionsModel
from ui.main_window import MainWindow

EXAMPLE = Path(__file__).parents[1] / "helpers" / "reference" / "examples" / "small-space-time.json"
CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


@pytest.fixture
def window(qtbot) -> MainWindow:
    return open_window(qtbot, load_scenario(EXAMPLE))


def areas(window: MainWindow) -> list[str]:
    return [a.name for a in window.document.scenario.areas]


def row_of(window: MainWindow, area_id: str) -> int:
    return [a.id for a in window.document.scenario.areas].index(area_id)


def set_cell(model, row: int, column: int, value) -> bool:
    return model.setData(model.index(row, column), value)


# -- the areas table --------------------------------------------------------------------
def test_the_areas_table_shows_each_area_in_planner_words(window):
    model = window.areas_editor.model
    assert model.rowCount() == 3
    west = row_of(window, "ua_west")
    assert model.index(west, AreasModel.NAME).data() == "Western Ukraine"
    assert model.index(west, AreasModel.CAPACITY).data() == "2,500"
    assert model.index(row_of(window, "ua_kyiv"), AreasModel.CAPACITY).data() == "no limit"
    in_target = model.index(row_of(window, "pl_se"), AreasModel.IN_TARGET)
    assert in_target.data(Qt.ItemDataRole.CheckStateRole) == UNCHECKED
    assert model.index(west, AreasModel.POSITION).data() == ""
    assert unnamed(window) == []  # every new table and list has an accessible name


def test_rename_capacity_target_and_position_are_edits_undone_one_by_one(window):
    model, stack = window.areas_editor.model, window.document.undo_stack
    kyiv = row_of(window, "ua_kyiv")
    assert set_cell(model, kyiv, AreasModel.NAME, "Kyiv (HQ hub)")
    assert set_cell(model, kyiv, AreasModel.CAPACITY, "6,000")
    assert set_cell(model, kyiv, AreasModel.IN_TARGET, UNCHECKED)
    assert set_cell(model, kyiv, AreasModel.POSITION, "50.45, 30.52")
    area = window.document.scenario.area("ua_kyiv")  # the id stays: references keep working
    assert (area.name, area.capacity_troops, area.in_target) == ("Kyiv (HQ hub)", 6000, False)
    assert area.position is not None and (area.position.lat, area.position.lon) == (50.45, 30.52)
    assert window.slice_bar.area.findText("Kyiv (HQ hub)") >= 0  # the grid's selector follows
    assert stack.undoText() == "Set Kyiv (HQ hub) position (lat, lon) to 50.45, 30.52"
    assert set_cell(model, kyiv, AreasModel.CAPACITY, "")  # blank: no limit again
    assert window.document.scenario.area("ua_kyiv").capacity_troops is None
    for _ in range(5):
        stack.undo()
    assert window.document.scenario == load_scenario(EXAMPLE)


@pytest.mark.parametrize(
    ("column", "typed", "reason"),
    [
        (AreasModel.CAPACITY, "-5", "-5 is below 0"),
        (AreasModel.CAPACITY, "lots", "'lots' is not a whole number"),
        (AreasModel.POSITION, "95, 30", "95 is above 90"),
        (AreasModel.POSITION, "50.4", "is not a position (write latitude and longitude"),
        (AreasModel.POSITION, "north of Kyiv", "is not a position"),
    ],
)
def test_a_bad_value_is_refused_with_one_line_and_nothing_changes(window, column, typed, reason):
    model = window.areas_editor.model
    before = window.document.scenario
    assert not set_cell(model, row_of(window, "ua_west"), column, typed)
    message = window.edit_message.text()
    assert message.startswith("Western Ukraine") and reason in message
    assert "\n" not in message and "areas[" not in message
    assert window.document.scenario is before
    assert window.document.undo_stack.count() == 0


def test_positions_are_read_the_ways_a_planner_types_them():
    assert parse_position("50.45, 30.52") == {"lat": 50.45, "lon": 30.52}
    assert parse_position("50.45 30.52") == {"lat": 50.45, "lon": 30.52}
    assert parse_position("-33.9; 18.4") == {"lat": -33.9, "lon": 18.4}
    assert parse_position("50.45° N, 30.52° E") == {"lat": 50.45, "lon": 30.52}
    assert parse_position("  ") is None
    with pytest.raises(ValueError, match="not a position"):
        parse_position("50.45, 30.52, 7")


def test_add_area_names_it_selects_it_and_undo_takes_it_back(window):
    editor = window.areas_editor
    editor.add_button.click()
    assert areas(window)[-1] == "New area"
    assert editor.selected_row() == 3
    new = window.document.scenario.areas[-1]
    assert new.id not in {"ua_west", "ua_kyiv", "pl_se"} and new.in_target
    editor.add_button.click()
    assert areas(window)[-1] == "New area 2"
    assert len({a.id for a in window.document.scenario.areas}) == 5
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert window.document.scenario == load_scenario(EXAMPLE)


def test_adding_an_area_to_a_scenario_without_areas_keeps_the_theatre_and_its_plan(qtbot):
    window = open_window(qtbot)  # the default: no areas, one implicit theatre
    scenario = window.document.scenario
    if scenario.has_areas:
        pytest.skip("the default scenario declares areas")
    unit = next(u.id for u in scenario.unit_types if u.deployed)
    code = scenario.nations[0].code
    window.document.set_plan({Cell(code, unit, THEATRE, 1): 1}, source="analysis")
    window.areas_editor.add_area()
    after = window.document.scenario
    assert [a.id for a in after.areas][0] == THEATRE and len(after.areas) == 2
    assert window.document.allocation == {Cell(code, unit, THEATRE, 1): 1}
    assert window.slice_bar.area.isVisible()  # two areas now: the grid offers both


def test_removing_an_area_takes_its_caveats_requirements_locks_and_cells_in_one_undo(window):
    scenario = window.document.scenario
    # Germany also accepts Kyiv region; a lock and plan cells stand there
    nations = tuple(
        dataclasses.replace(n, areas=("pl_se", "ua_kyiv")) if n.code == "DE" else n
        for n in scenario.nations
    )
    locks = (Lock("FR", "inf_bn", 1, "ua_kyiv", 2),)
    window.document.edit(dataclasses.replace(scenario, nations=nations, locks=locks), "set up")
    plan = {Cell("FR", "inf_bn", "ua_kyiv", 2): 1, Cell("FR", "inf_bn", "ua_west", 2): 2}
    window.document.set_plan(plan, source="analysis")
    before, before_plan = window.document.scenario, dict(window.document.allocation)
    editor = window.areas_editor
    editor.select_row(row_of(window, "ua_kyiv"))
    editor.remove_button.click()
    after = window.document.scenario
    assert "Kyiv region" not in areas(window)
    assert after.nation("DE").areas == ("pl_se",)
    assert "ua_kyiv" not in after.area_requirements and after.locks == ()
    assert window.document.allocation == {Cell("FR", "inf_bn", "ua_west", 2): 2}
    said = window.document.undo_stack.undoText()
    assert said == (
        "Remove area Kyiv region (and from the caveats of Germany; 1 area requirement;"
        " 1 lock; 1 planned unit there)"
    )
    assert window.statusBar().currentMessage() == said
    assert [m.id for m in window.area_views.chart.marks] == ["ua_west", "pl_se"]
    window.document.undo_stack.undo()
    assert window.document.scenario == before
    assert window.document.allocation == before_plan


def test_an_area_a_nation_accepts_alone_is_not_removed_and_the_line_says_who(window):
    editor = window.areas_editor
    editor.select_row(row_of(window, "pl_se"))  # Germany accepts South-east Poland only
    editor.remove_button.click()
    assert "South-east Poland" in areas(window)
    assert window.edit_message.text() == (
        "South-east Poland was not removed: Germany accepts no other area;"
        " change its caveat (Conditions tab) first."
    )
    assert window.document.undo_stack.count() == 0


def test_the_last_area_cannot_be_removed(window):
    model = window.areas_editor.model
    document = window.document
    nations = tuple(dataclasses.replace(n, areas=None) for n in document.scenario.nations)
    document.edit(dataclasses.replace(document.scenario, nations=nations), "no caveats")
    assert model.remove_area(row_of(window, "pl_se"))
    assert model.remove_area(row_of(window, "ua_kyiv"))
    assert not window.areas_editor.remove_button.isEnabled()
    assert not model.remove_area(0)
    assert "name at least one area" in window.edit_message.text()
    assert areas(window) == ["Western Ukraine"]


# -- area requirements -------------------------------------------------------------------
def test_the_selected_areas_requirements_are_shown_and_edited(window):
    editor = window.areas_editor
    model = editor.requirements_model
    editor.select_row(row_of(window, "ua_kyiv"))
    assert model.area == "ua_kyiv"
    ground = [u.id for u in window.document.scenario.unit_types if u.deployed]
    assert model.rowCount() == len(ground)  # the stand-off AWACS stands in no area
    gbad = ground.index("gbad_bty")
    assert model.index(gbad, 0).data() == "1" and model.index(gbad, 1).data() == ""
    editor.select_row(row_of(window, "ua_west"))
    assert model.area == "ua_west" and model.index(gbad, 0).data() == ""
    assert set_cell(model, ground.index("inf_bn"), 1, "2")
    need = window.document.scenario.area_requirements["ua_west"]["inf_bn"]
    assert (need.min, need.max) == (0, 2)
    assert not set_cell(model, ground.index("inf_bn"), 0, "3")  # min above max: the core's line
    assert window.edit_message.text().startswith("Infantry battalion in Western Ukraine: minimum: ")
    assert set_cell(model, ground.index("inf_bn"), 1, "")  # no min, no max: no requirement
    assert "ua_west" not in window.document.scenario.area_requirements


def test_the_requirements_table_leaves_a_removed_area(window):
    editor = window.areas_editor
    editor.select_row(row_of(window, "ua_kyiv"))
    assert editor.model.remove_area(row_of(window, "ua_kyiv"))
    assert editor.requirements_model.area in {a.id for a in window.document.scenario.areas}
    window.document.undo_stack.undo()
    assert isinstance(editor.requirements_model, AreaRequirementsModel)
    assert editor.requirements_model.rowCount() > 0


# -- conditions --------------------------------------------------------------------------
def conditions(window: MainWindow, code: str) -> list[str]:
    model = window.conditions_editor.model
    row = [n.code for n in window.document.scenario.nations].index(code)
    return [str(model.index(row, c).data()) for c in range(model.columnCount())]


def ticks(widget) -> dict[str, bool]:
    return {
        widget.item(i).text(): widget.item(i).checkState() == CHECKED for i in range(widget.count())
    }


def test_the_conditions_table_says_each_nations_areas_and_conditions_in_names(window):
    assert conditions(window, "DE") == ["South-east Poland", "none", "0"]
    assert conditions(window, "NL") == ["every area", "United States", "0"]
    editor = window.conditions_editor
    editor.select_nation("DE")
    assert ticks(editor.areas_list) == {
        "Western Ukraine": False,
        "Kyiv region": False,
        "South-east Poland": True,
    }
    assert "Germany" not in ticks(editor.requires_list)  # a nation cannot require itself
    assert "Areas Germany" in editor.areas_title.text()


def test_ticking_areas_and_partners_edits_the_nation_and_undo_unticks(window):
    editor = window.conditions_editor
    editor.select_nation("DE")
    editor.areas_list.item(1).setCheckState(CHECKED)  # Kyiv region
    assert window.document.scenario.nation("DE").areas == ("ua_kyiv", "pl_se")
    assert window.document.undo_stack.undoText() == (
        "Set Germany areas to Kyiv region; South-east Poland"
    )
    editor.areas_list.item(0).setCheckState(CHECKED)  # every area ticked: no caveat at all
    assert window.document.scenario.nation("DE").areas is None
    assert conditions(window, "DE")[ConditionsModel.AREAS] == "every area"
    us = [editor.requires_list.item(i).text() for i in range(editor.requires_list.count())]
    editor.requires_list.item(us.index("United States")).setCheckState(CHECKED)
    assert window.document.scenario.nation("DE").requires == ("US",)
    model = editor.model
    assert set_cell(model, 2, ConditionsModel.MIN_PARTNERS, "2")
    assert window.document.scenario.nation("DE").min_partners == 2
    for _ in range(4):
        window.document.undo_stack.undo()
    assert window.document.scenario == load_scenario(EXAMPLE)
    assert ticks(editor.areas_list)["Kyiv region"] is False  # the boxes follow the undo


def test_unticking_every_area_is_refused_with_the_cores_reason(window):
    editor = window.conditions_editor
    editor.select_nation("DE")
    editor.areas_list.item(2).setCheckState(UNCHECKED)  # its only area
    assert window.document.scenario.nation("DE").areas == ("pl_se",)
    assert window.edit_message.text() == (
        "Germany areas: name at least one area (leave it out for every area);"
        " the value was not changed."
    )
    assert ticks(editor.areas_list)["South-east Poland"] is True  # ticked again


def test_a_negative_partner_count_is_refused(window):
    model = window.conditions_editor.model
    assert not set_cell(model, 0, ConditionsModel.MIN_PARTNERS, "-1")
    assert window.edit_message.text() == (
        "France's minimum of partners: -1 is below 0; the value was not changed."
    )
    assert not set_cell(model, 0, ConditionsModel.AREAS, "Kyiv region")  # ticked, not typed
