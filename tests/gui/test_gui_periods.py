"""The Periods tab, the timeline chart and each offer's state in the grid (issue 16, the app).

The periods editor writes scenario@2 fields through the core's validation,
one undoable edit each; the timeline draws troops per period, stacked by
nation, against the band, with the build-up minimums and the first full
period; the grid, for one period, tints each offer by its state. Uses the
worked example of spec section 11 (three quarters, rotation 2, the UK's
logistics ready from the second quarter) and the built-in @1 default.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from planner.scenario.evaluate import evaluate
from planner.scenario.io import default_scenario, dumps_scenario, load_scenario
from planner.scenario.model import SCENARIO_SCHEMA, SCENARIO_SCHEMA_2
from planner.scenario.offer_state import NOT_READY, RESTING, offer_state
from planner.scenario.plan import Cell
from tests.helpers.gui import cell, open_window, optimise
from ui.editors.allocation_model import STATE_ROLE
from ui.editors.offer_tints import NOT_READY_TINT, RESTING_TINT
from ui.main_window import MainWindow
from ui.plan_state import plan_state

EXAMPLE = Path(__file__).parents[1] / "helpers" / "reference" / "examples" / "small-space-time.json"
PLAN = {
    Cell("FR", "inf_bn", "ua_west", 1): 2,
    Cell("UK", "inf_bn", "ua_kyiv", 1): 1,
    Cell("UK", "log_bn", "ua_kyiv", 2): 1,
    Cell("DE", "log_bn", "pl_se", 2): 2,
}


@pytest.fixture
def window(qtbot) -> MainWindow:
    window = open_window(qtbot, load_scenario(EXAMPLE))
    window.tabs.setCurrentWidget(window.periods_editor)
    return window


def type_into(model, row: int, column: int, text: str) -> bool:
    return model.setData(model.index(row, column), text, Qt.ItemDataRole.EditRole)


def nation_row(window: MainWindow, code: str) -> int:
    return [n.code for n in window.document.scenario.nations].index(code)


def unit_column(window: MainWindow, unit: str) -> int:
    return [u.id for u in window.document.scenario.unit_types].index(unit)


def timeline_matches_plan(window: MainWindow) -> None:
    """The chart draws exactly the plan on screen: Din(n,t) per nation, TOTAL(t)."""
    ev = evaluate(window.document.scenario, window.document.allocation)
    assert window.timeline.stacks == ev.in_target_at
    assert window.timeline.totals == ev.total_at
    for code, bar in window.timeline._bars.items():
        assert list(bar.opts["height"]) == ev.in_target_at[code]


# -- the periods editor ------------------------------------------------------------------


def test_a_one_period_file_becomes_a_multi_period_one_and_undo_takes_it_back(qtbot):
    window = open_window(qtbot, default_scenario())
    assert window.document.scenario.schema == SCENARIO_SCHEMA
    assert not window.chart_tabs.isTabVisible(0)  # no timeline for one period
    editor = window.periods_editor
    editor.count.setValue(4)
    scenario = window.document.scenario
    assert (scenario.schema, scenario.periods.count) == (SCENARIO_SCHEMA_2, 4)
    assert '"schema": "force-planner/scenario@2"' in dumps_scenario(scenario)
    assert window.chart_tabs.isTabVisible(0)
    assert window.chart_tabs.currentWidget() is window.timeline  # shown first
    assert all(len(v) == 4 for v in window.timeline.stacks.values())
    assert window.slice_bar.period_slider.isVisible()
    assert window.slice_bar.period_slider.maximum() == 4
    window.document.undo_stack.undo()
    scenario = window.document.scenario
    assert (scenario.schema, scenario.periods.count) == (SCENARIO_SCHEMA, 1)
    assert '"schema": "force-planner/scenario@1"' in dumps_scenario(scenario)
    assert editor.count.value() == 1
    assert not window.chart_tabs.isTabVisible(0)
    assert window.chart_tabs.currentWidget() is window.chart_tabs.charts_page


def test_each_periods_field_is_one_undoable_edit(window):
    editor, stack = window.periods_editor, window.document.undo_stack
    before = window.document.scenario
    editor.label.setText("month")
    editor.label.editingFinished.emit()
    editor.first.setText("2027-01")
    editor.first.editingFinished.emit()
    editor.rotation.setValue(3)
    editor.full_from.setCurrentIndex(2)
    periods = window.document.scenario.periods
    assert (periods.label, periods.first, periods.rotation, periods.full_from) == (
        "month",
        "2027-01",
        3,
        3,
    )
    assert [editor.full_from.itemText(i) for i in range(3)] == ["2027-01", "2027-02", "2027-03"]
    assert editor.rotation.suffix() == " months"
    assert stack.count() == 4
    assert window.periods_editor.build_up_model.rowCount() == 2  # the periods before 2027-03
    for _ in range(4):
        stack.undo()
    assert window.document.scenario == before
    assert editor.full_from.currentText() == "2027-Q2"


def test_a_solve_ending_while_the_planner_types_a_label_keeps_the_typing(window):
    editor = window.periods_editor
    editor.label.setFocus()
    editor.label.selectAll()
    from PySide6.QtTest import QTest

    QTest.keyClicks(editor.label, "mon")  # typed, not finished
    window.document.set_plan(PLAN, source="analysis")  # a result arrives: `changed`
    assert editor.label.text() == "mon"
    QTest.keyClicks(editor.label, "th")
    editor.label.editingFinished.emit()
    assert window.document.scenario.periods.label == "month"


def test_a_refused_edit_gives_the_cores_reason_and_springs_back(window):
    editor = window.periods_editor
    editor.count.setValue(1)  # the UK's logistics are ready from 2 only; full_from is 2
    assert window.document.scenario.periods.count == 3
    assert editor.count.value() == 3
    message = window.edit_message.text()
    assert message.startswith("Periods: ") and message.endswith("the value was not changed.")
    # the core's reason, saying whose figure it is in planner words
    assert "the first period of full capability: 2 is above the limit of 1" in message
    assert window.document.undo_stack.count() == 0


def test_build_up_minimums_are_edited_per_period_and_marked_on_the_timeline(window):
    model = window.periods_editor.build_up_model
    assert model.headerData(0, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole) == "2027-Q1"
    assert window.timeline.build_up_marks == [(1, 1400)]
    assert type_into(model, 0, 0, "2000")
    assert window.document.scenario.target.build_up[0].min_troops == 2000
    assert window.timeline.build_up_marks == [(1, 2000)]
    assert window.timeline.full_marker.value() == pytest.approx(1.5)  # before 2027-Q2
    assert not type_into(model, 0, 0, "9000")  # above the target's maximum of 4,500
    message = window.edit_message.text()
    assert message.startswith("build-up minimum in 2027-Q1: 9")
    assert "is above the limit of 4" in message
    assert type_into(model, 0, 0, "")  # no minimum in 2027-Q1
    assert window.document.scenario.target.build_up == ()
    assert window.timeline.build_up_marks == []
    window.document.undo_stack.undo()
    assert window.timeline.build_up_marks == [(1, 2000)]


def test_full_capability_earlier_removes_the_build_up_it_replaces_and_undo_restores(window):
    editor = window.periods_editor
    editor.full_from.setCurrentIndex(0)
    assert window.document.scenario.periods.full_from == 1
    assert window.document.scenario.target.build_up == ()
    assert "build-up minimums of 2027-Q1 removed" in window.document.undo_stack.text(0)
    assert not window.timeline.full_marker.isVisible()
    window.document.undo_stack.undo()
    assert window.document.scenario.target.build_up[0].min_troops == 1400
    assert window.timeline.full_marker.isVisible()


def test_the_plan_and_the_timeline_follow_an_edit_of_full_capability(qtbot, window):
    optimise(qtbot, window)
    timeline_matches_plan(window)
    assert window.timeline.totals[0] < 3000  # 2027-Q1 is build-up: only 1,400 needed
    window.periods_editor.full_from.setCurrentIndex(0)  # full capability from the start
    optimise(qtbot, window)
    timeline_matches_plan(window)
    assert window.timeline.totals[0] >= 3000
    assert list(window.timeline.min_line.getData()[0]) == [0.5, 3.5]


def over_rotation(window: MainWindow) -> list[tuple[str, str, int]]:
    """(nation, unit, period) where the plan on screen serves more units than rest allows."""
    scenario = window.document.scenario
    ev = evaluate(scenario, window.document.allocation)
    found = []
    for nation in scenario.nations:
        for unit in nation.offers:
            for t in scenario.periods.all:
                state = offer_state(scenario, ev, nation.code, unit, t)
                if state.deployed + state.resting > state.offer:
                    found.append((nation.code, unit, t))
    return found


def test_a_longer_rotation_breaks_the_plan_shown_until_a_solve_rests_the_units(qtbot, window):
    optimise(qtbot, window)  # under rotation 2 France and the Netherlands serve again in Q3
    assert over_rotation(window) == []
    window.periods_editor.rotation.setValue(3)
    assert window.document.scenario.periods.rotation == 3
    assert ("FR", "inf_bn", 3) in over_rotation(window)  # the old plan, read under the new rule
    assert not plan_state(window.document).feasible
    optimise(qtbot, window)
    assert over_rotation(window) == [] and plan_state(window.document).feasible
    timeline_matches_plan(window)


# -- rotation per nation and readiness per offer ---------------------------------------------


def test_each_nation_has_its_rotation_defaulting_to_the_scenarios(window):
    model = window.periods_editor.rotation_model
    fr, uk = nation_row(window, "FR"), nation_row(window, "UK")
    shown = model.data(model.index(fr, 0), Qt.ItemDataRole.DisplayRole)
    assert shown == "2 quarters (default)"  # the number with its unit, as the form's box
    assert model.data(model.index(uk, 0), Qt.ItemDataRole.DisplayRole) == "3 quarters"
    assert model.data(model.index(uk, 0), Qt.ItemDataRole.EditRole) == 3  # typed as a number
    assert type_into(model, fr, 0, "3")
    assert window.document.scenario.nation("FR").rotation == 3
    assert not type_into(model, fr, 0, "13")  # 1..12
    assert window.edit_message.text().startswith("France's rotation: ")
    assert type_into(model, uk, 0, "")  # back to the scenario's
    assert window.document.scenario.nation("UK").rotation is None
    assert window.document.scenario.rotation_of(window.document.scenario.nation("UK")) == 2
    window.periods_editor.rotation.setValue(4)  # the default moves the nations without one
    assert model.data(model.index(uk, 0), Qt.ItemDataRole.DisplayRole) == "4 quarters (default)"
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert window.document.scenario.nation("UK").rotation == 3
    window.document.undo_stack.undo()
    assert window.document.scenario.nation("FR").rotation is None


def test_each_offer_is_ready_from_a_period_typed_by_label_or_number(window):
    model = window.periods_editor.readiness_model
    fr, inf, awacs = nation_row(window, "FR"), unit_column(window, "inf_bn"), "awacs"
    uk, log = nation_row(window, "UK"), unit_column(window, "log_bn")
    assert model.data(model.index(uk, log), Qt.ItemDataRole.DisplayRole) == "2027-Q2"
    assert model.data(model.index(fr, inf), Qt.ItemDataRole.DisplayRole) == ""
    no_offer = model.index(fr, unit_column(window, awacs))
    assert not model.flags(no_offer) & Qt.ItemFlag.ItemIsEditable
    assert type_into(model, fr, inf, "2027-q3")
    france = window.document.scenario.nation("FR")
    assert (france.offer("inf_bn"), france.ready("inf_bn")) == (4, 3)
    assert type_into(model, fr, inf, "2")
    assert window.document.scenario.nation("FR").ready("inf_bn") == 2
    assert not type_into(model, fr, inf, "5")  # past the last period
    assert window.edit_message.text().startswith(
        "France, Infantry battalion: readiness: 5 is above the limit of 3"
    )
    assert not type_into(model, fr, inf, "soon")
    assert "not a period of this scenario" in window.edit_message.text()
    assert type_into(model, fr, inf, "")  # from the start
    assert window.document.scenario.nation("FR").ready("inf_bn") == 1
    assert window.document.undo_stack.text(2) == (
        "Set France, Infantry battalion: readiness to ready from the start"
    )
    window.document.undo_stack.undo()
    assert window.document.scenario.nation("FR").ready("inf_bn") == 2


# -- the timeline and the grid, one period at a time -----------------------------------------


def test_opening_a_file_over_periods_shows_the_timeline_first(qtbot):
    window = open_window(qtbot, default_scenario())
    assert window.chart_tabs.currentWidget() is window.chart_tabs.charts_page
    assert not window.chart_tabs.tabBar().isVisible()  # one tab: no bar
    window.document.open(EXAMPLE)
    assert window.chart_tabs.currentWidget() is window.timeline
    window.chart_tabs.setCurrentIndex(1)  # the planner looks at one period: edits keep it
    window.periods_editor.rotation.setValue(3)
    assert window.chart_tabs.currentWidget() is window.chart_tabs.charts_page


def test_a_scenario_over_periods_opens_on_the_timeline(window):
    assert window.chart_tabs.currentWidget() is window.timeline
    assert window.chart_tabs.tabBar().isVisible()
    assert window.timeline.full_from == 2
    assert window.timeline.full_text == "dotted line: full capability from 2027-Q2"
    assert window.timeline.plot.getAxis("bottom").labelText == window.timeline.full_text
    assert list(window.timeline.max_line.getData()[1]) == [4500, 4500]
    assert list(window.timeline.min_line.getData()[1]) == [3000, 3000]
    assert list(window.timeline.min_line.getData()[0]) == [1.5, 3.5]  # full periods only


def test_the_timeline_stacks_every_nation_and_follows_a_typed_count(window):
    window.document.set_plan(PLAN, source="analysis")
    timeline_matches_plan(window)
    bars = window.timeline._bars
    fr, uk = bars["FR"].opts, bars["UK"].opts
    assert list(uk["y0"]) == [a for a in fr["height"]]  # UK stacked on France
    window.slice_bar.choose(area="ua_west", period=3)
    grid = window.allocation_model
    assert grid.setData(cell(window, "FR", "inf_bn"), 1)
    assert window.timeline.stacks["FR"][2] == 700
    window.document.undo_stack.undo()
    assert window.timeline.stacks["FR"][2] == 0


def test_the_grid_shows_each_offers_state_in_the_period_chosen(window):
    window.document.set_plan(PLAN, source="analysis")
    bar, grid = window.slice_bar, window.allocation_model
    bar.period_slider.setValue(1)  # the slider picks 2027-Q1
    assert bar.period.currentData() == 1 and grid.slice.period == 1
    uk_log = cell(window, "UK", "log_bn")
    assert grid.data(uk_log, STATE_ROLE) == NOT_READY
    assert grid.data(uk_log, Qt.ItemDataRole.BackgroundRole).color() == NOT_READY_TINT
    assert "Offer in 2027-Q1: not yet ready: ready from 2027-Q2" in grid.data(
        uk_log, Qt.ItemDataRole.ToolTipRole
    )
    assert grid.data(cell(window, "FR", "inf_bn"), STATE_ROLE) == "deployed"
    bar.period_slider.setValue(2)  # 2027-Q2: France's two battalions rest (one quarter in 2)
    fr_inf = cell(window, "FR", "inf_bn")
    assert grid.data(fr_inf, STATE_ROLE) == RESTING
    assert grid.data(fr_inf, Qt.ItemDataRole.BackgroundRole).color() == RESTING_TINT
    tip = grid.data(fr_inf, Qt.ItemDataRole.ToolTipRole)
    assert "0 deployed, 2 resting (one quarter on operations in 2), 2 free" in tip
    assert grid.data(cell(window, "UK", "log_bn"), STATE_ROLE) == "deployed"
    assert grid.data(cell(window, "US", "inf_bn"), STATE_ROLE) is None  # nothing offered
    assert bar.legend.isVisibleTo(window) and "resting" in bar.legend.text()
    bar.period_slider.setValue(0)  # all periods: sums, no state
    assert bar.period.currentData() is None
    assert grid.data(fr_inf, STATE_ROLE) is None
    assert not bar.legend.isVisibleTo(window)


def test_choosing_a_period_in_the_list_moves_the_slider(window):
    bar = window.slice_bar
    assert bar.choose(period=3)
    assert bar.period_slider.value() == 3
    assert bar.choose(period=None)
    assert bar.period_slider.value() == 0


def test_no_two_nations_of_the_built_in_scenario_look_alike_on_the_timeline():
    """24 nations against 20 colours: the last four repeated the first four's fills."""
    from ui.views.timeline_chart import nation_brush

    fills = {(nation_brush(i).color().name(), nation_brush(i).style()) for i in range(24)}
    assert len(fills) == 24
