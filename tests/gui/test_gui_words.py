"""Planner words in every undo text: one edit of every kind, no id or raw field name in any.

Undo/Redo menu entries and the "Undone: ..." status line are read by planners;
they must name nations and unit types by name, never by code or id.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from planner.scenario.io import default_scenario, load_scenario
from tests.helpers.gui import cell, open_window, optimise
from ui.editors.nations_model import COLUMNS
from ui.main_window import MainWindow
from ui.plan_state import plan_state
from ui.views.chart_setup import BAR, BAR_BAD

EXAMPLE = Path(__file__).parents[1] / "helpers" / "reference" / "examples" / "small-space-time.json"
RAW_FIELDS = (
    "max_troops",
    "min_troops",
    "burden_weight",
    "max_share",
    "min_nations",
    "min_partners",
    "ready_from",
    "full_from",
    "min_cost",
    "target.",
    "rules.",
)
EDIT = Qt.ItemDataRole.EditRole


@pytest.fixture
def window(qtbot) -> MainWindow:
    return open_window(qtbot, load_scenario(EXAMPLE))


def type_into(model, row: int, column: int, value) -> bool:
    return model.setData(model.index(row, column), value, EDIT)


def one_edit_of_every_kind(window: MainWindow) -> None:
    """Every editor once, as a planner types: tables, forms, checkboxes, grid, lock, paste, rows."""
    s = window.document.scenario
    fr = [n.code for n in s.nations].index("FR")
    inf = [u.id for u in s.unit_types].index("inf_bn")
    fields = [column.field for column in COLUMNS]
    for field, value in (("max_troops", "9000"), ("min_troops", "100"), ("burden_weight", "2")):
        assert type_into(window.nations_model, fr, fields.index(field), value), field
    assert type_into(window.unit_types_model, inf, 1, "650")
    assert type_into(window.offers_model, fr, inf, "5")
    assert type_into(window.requirements_model, inf, 0, "1")
    areas = window.areas_editor
    assert type_into(areas.model, 0, 0, "West Ukraine")
    areas.select_row(0)
    assert type_into(areas.requirements_model, 0, 0, "1")
    conditions = window.conditions_editor
    assert conditions.model.set_areas(fr, [s.areas[0].id])
    assert type_into(conditions.model, fr, conditions.model.MIN_PARTNERS, "1")
    target = window.target_form
    target.min_troops.setValue(3100)
    target.max_share.setValue(60)
    target.objective.setCurrentIndex((target.objective.currentIndex() + 1) % 2)
    periods = window.periods_editor
    assert type_into(periods.rotation_model, fr, 0, "3")
    assert type_into(periods.readiness_model, fr, inf, "2")
    periods.full_from.setCurrentIndex(0)  # full capability from the start
    assert window.slice_bar.choose(area=s.areas[0].id, period=2)
    grid = window.allocation_model
    index = cell(window, "FR", "inf_bn")
    assert grid.setData(index, 1), window.edit_message.text()
    assert grid.toggle_lock(index.row(), index.column())
    window.allocation_grid.setFocus()
    window.allocation_grid.setCurrentIndex(index)
    assert window.edits.paste_text("2\n").applied == 1
    window.tabs.setCurrentWidget(window.tabs.widget(0))
    window.nations_table.setFocus()
    window.nations_table.selectRow(fr)
    window.menu_actions["insertRowAction"].trigger()
    window.menu_actions["removeRowAction"].trigger()  # the new nation, selected


def test_no_undo_text_names_an_id_or_a_raw_field(window):
    one_edit_of_every_kind(window)
    stack, scenario = window.document.undo_stack, window.document.scenario
    texts = [stack.text(i) for i in range(stack.count())]
    assert len(texts) >= 15, texts  # every edit above made one undo step
    ids = {u.id for u in scenario.unit_types} | {a.id for a in scenario.areas}
    codes = {n.code for n in scenario.nations}
    for said in texts:
        words = set(re.findall(r"[A-Za-z_]+", said))
        assert not words & ids, said
        assert not words & codes, said  # nations by name
        assert not [raw for raw in RAW_FIELDS if raw in said], said
    assert any("France" in said for said in texts)


def test_the_total_bar_is_red_only_outside_the_target_band(qtbot):
    """With the US declined the plan fails on AEW and air defence, not on its total."""

    s = default_scenario()
    nations = tuple(
        dataclasses.replace(n, status="declined") if n.code == "US" else n for n in s.nations
    )
    window = open_window(qtbot, dataclasses.replace(s, nations=nations))
    optimise(qtbot, window)
    total = window.charts.total_bar.opts["height"][0]
    brush = window.charts.total_bar.opts["brush"]
    assert not plan_state(window.document).feasible
    assert s.target.min_troops <= total <= s.target.max_troops, total
    assert brush == BAR and brush != BAR_BAD


def test_a_refused_floor_names_the_ceiling_not_its_field_id(window):
    """The core says 'above max_troops 10000' (a file's path); the status line says 'ceiling'."""
    fields = [column.field for column in COLUMNS]
    fr = [n.code for n in window.document.scenario.nations].index("FR")
    ceiling = window.document.scenario.nation("FR").max_troops
    assert not type_into(window.nations_model, fr, fields.index("min_troops"), ceiling + 1)
    said = window.edit_message.text()
    assert f"above the ceiling of {ceiling:,}" in said, said
    assert "max_troops" not in said


def test_the_unit_charts_name_unit_types_not_ids(qtbot):
    """The ground and stand-off charts' axes read 'Mechanised infantry bat…', not mech_inf_bn."""
    window = open_window(qtbot)
    scenario = window.document.scenario
    ids = {u.id for u in scenario.unit_types}
    for plot in (window.charts.coverage_plot, window.charts.standoff_plot):
        labels = [label for _, label in plot.getAxis("left")._tickLevels[0]]
        assert labels and not ids & set(labels)
        assert all(len(label) <= 24 for label in labels)
