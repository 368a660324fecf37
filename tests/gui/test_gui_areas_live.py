"""Issue 15's "done when": edit a caveat and see the plan, the area chart and the map change.

Uses the worked example of spec section 11 (three areas, three quarters). Its
areas carry no position, so the test first places them with the Areas
editor, as a planner would, then optimises, restricts France to one area
with the Conditions tab's checkboxes, optimises again and reads the chart's
bars and the map's markers back against the plan on screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from planner.scenario.evaluate import evaluate
from planner.scenario.io import load_scenario
from tests.helpers.gui import open_window, optimise
from ui.editors.areas_model import AreasModel
from ui.main_window import MainWindow

EXAMPLE = Path(__file__).parents[1] / "helpers" / "reference" / "examples" / "small-space-time.json"
POSITIONS = {"ua_west": "49.84, 24.03", "ua_kyiv": "50.45, 30.52", "pl_se": "50.04, 22"}


@pytest.fixture
def window(qtbot) -> MainWindow:
    window = open_window(qtbot, load_scenario(EXAMPLE))
    model = window.areas_editor.model
    for row, area in enumerate(window.document.scenario.areas):
        assert model.setData(model.index(row, AreasModel.POSITION), POSITIONS[area.id])
    return window


def troops_by_area(window: MainWindow) -> dict[str, int]:
    """What the plan on screen puts in each area in the period the charts show."""
    scenario = window.document.scenario
    plan = evaluate(scenario, window.document.allocation)
    t = window.area_views.shown_period
    return {a.id: plan.area_troops_at[a.id][t - 1] for a in scenario.areas}


def chart_troops(window: MainWindow) -> dict[str, int]:
    chart = window.area_views.chart
    widths = list(chart.bars.opts["width"])
    return {m.id: int(w) for m, w in zip(chart.marks, widths, strict=True)}


def map_troops(window: MainWindow) -> dict[str, int]:
    return {a.id: a.troops for a in window.area_views.map.areas}


def marker_sizes(window: MainWindow) -> dict[str, float]:
    scatter = window.area_views.map.troop_marks
    return {point.data(): point.size() for point in scatter.points()}


def areas_used(window: MainWindow, code: str) -> set[str | None]:
    return {k.area for k, n in window.document.allocation.items() if k.nation == code and n}


def test_positions_typed_in_the_areas_editor_put_every_area_on_the_map(window):
    assert {a.id for a in window.area_views.map.areas if a.placed} == set(POSITIONS)
    assert not window.area_views.map.unplaced.isVisible()
    kyiv = window.document.scenario.area("ua_kyiv")
    assert kyiv.position is not None and (kyiv.position.lat, kyiv.position.lon) == (50.45, 30.52)


def test_a_caveat_edit_changes_the_plan_the_area_chart_and_the_map(qtbot, window):
    first = optimise(qtbot, window)
    assert first.has_plan
    before_plan = dict(window.document.allocation)
    before = troops_by_area(window)
    assert chart_troops(window) == before == map_troops(window)
    before_sizes = marker_sizes(window)
    # the least-cost plan puts the United Kingdom in Kyiv region; it may now stand only in
    # Western Ukraine (two unticks: two edits)
    assert areas_used(window, "UK") == {"ua_kyiv"}
    editor = window.conditions_editor
    window.tabs.setCurrentWidget(editor)
    editor.select_nation("UK")
    for i in range(editor.areas_list.count()):
        item = editor.areas_list.item(i)
        keep = item.data(Qt.ItemDataRole.UserRole) == "ua_west"
        item.setCheckState(Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked)
    assert window.document.scenario.nation("UK").areas == ("ua_west",)
    assert editor.model.index(1, 0).data() == "Western Ukraine"
    second = optimise(qtbot, window)
    assert second.has_plan
    assert window.document.allocation != before_plan
    assert areas_used(window, "UK") == {"ua_west"}  # the caveat holds in the new plan
    after = troops_by_area(window)
    assert after["ua_west"] > before["ua_west"]  # the UK's troops moved in (others may be there)
    assert chart_troops(window) == after == map_troops(window)  # both show the plan on screen
    assert marker_sizes(window) != before_sizes
    # undo takes the caveat back; the chart and map follow the document at once
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert window.document.scenario.nation("UK").areas is None
    assert [editor.areas_list.item(i).checkState() for i in range(3)] == [Qt.CheckState.Checked] * 3
    assert chart_troops(window) == troops_by_area(window) == map_troops(window)


def test_the_charts_follow_the_period_chosen_above_the_grid(qtbot, window):
    optimise(qtbot, window)
    for period in (1, 2, 3):
        assert window.slice_bar.choose(period=period)
        assert window.area_views.shown_period == period == window.charts.shown_period
        assert chart_troops(window) == troops_by_area(window) == map_troops(window)
        assert "2027-Q" in window.area_views.chart.plot.getPlotItem().titleLabel.text
    shown = {}
    for period in (1, 2, 3):
        window.slice_bar.choose(period=period)
        shown[period] = chart_troops(window)
    plan = evaluate(window.document.scenario, window.document.allocation)
    assert shown == {t: {a: plan.area_troops_at[a][t - 1] for a in POSITIONS} for t in (1, 2, 3)}


def test_a_typed_count_moves_the_chart_and_the_map_without_a_solve(qtbot, window):
    optimise(qtbot, window)
    window.slice_bar.choose(area="pl_se", period=2)
    before = chart_troops(window)["pl_se"]
    row = [n.code for n in window.document.scenario.nations].index("DE")
    column = [u.id for u in window.document.scenario.unit_types].index("log_bn")
    index = window.allocation_model.index(row, column)
    count = int(index.data() or 0)
    new = 0 if count else 1
    assert window.allocation_model.setData(index, str(new))
    change = (new - count) * window.document.scenario.unit("log_bn").personnel
    assert chart_troops(window)["pl_se"] == before + change == map_troops(window)["pl_se"]
