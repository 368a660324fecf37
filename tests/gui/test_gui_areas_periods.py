"""scenario@2 in the allocation grid: an area and a period selector, sums read-only.

The grid is nation x unit type; a scenario with several areas and periods has
a plan cell per area and period too. The window must not show a sum as if it
were a cell: the selectors above the grid pick one area and one period (then
a cell is one plan cell and takes edits and locks) or "All" (sums, read-only,
with a tooltip saying why). Uses the worked example of spec section 11
(three areas, three quarters).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from planner.rules import names
from planner.scenario.io import load_scenario
from planner.scenario.model import Lock
from planner.scenario.plan import Cell
from tests.helpers.gui import (
    cell,
    open_window,
)
from ui.editors.allocation_model import LOCK_ROLE
from ui.main_window import MainWindow
from ui.plan_state import plan_state

EXAMPLE = Path(__file__).parents[1] / "helpers" / "reference" / "examples" / "small-space-time.json"
AREAS = ("ua_west", "ua_kyiv", "pl_se")
PLAN = {  # spread over areas and periods, so every slice shows something else
    Cell("FR", "inf_bn", "ua_west", 1): 1,
    Cell("FR", "inf_bn", "ua_kyiv", 2): 2,
    Cell("FR", "inf_bn", "ua_west", 3): 1,
    Cell("UK", "inf_bn", "ua_kyiv", 3): 1,
    Cell("DE", "log_bn", "pl_se", 2): 2,
    Cell("US", "awacs", None, 1): 1,
}
EDITABLE = Qt.ItemFlag.ItemIsEditable


@pytest.fixture
def window(qtbot) -> MainWindow:
    window = open_window(qtbot, load_scenario(EXAMPLE))
    window.document.set_plan(PLAN, source="analysis")
    return window


def shown(window: MainWindow, code: str, unit: str) -> int:
    text = cell(window, code, unit).data()
    return int(text) if text else 0


def in_slice(area: str | None, period: int | None) -> dict[tuple[str, str], int]:
    """What the grid should show: the plan's cells in that area and period, summed."""
    out: dict[tuple[str, str], int] = {}
    for key, count in PLAN.items():
        if area not in (None, key.area) and key.area is not None:
            continue
        if period not in (None, key.period):
            continue
        out[key.nation, key.unit] = out.get((key.nation, key.unit), 0) + count
    return out


def grid_counts(window: MainWindow) -> dict[tuple[str, str], int]:
    scenario = window.document.scenario
    counts = {
        (n.code, u.id): shown(window, n.code, u.id)
        for n in scenario.nations
        for u in scenario.unit_types
    }
    return {key: count for key, count in counts.items() if count}


def test_the_selectors_offer_every_area_and_period_and_the_grid_follows_them(window):
    bar = window.slice_bar
    assert bar.isVisible() and bar.area.isVisible() and bar.period.isVisible()
    areas = [bar.area.itemText(i) for i in range(bar.area.count())]
    periods = [bar.period.itemText(i) for i in range(bar.period.count())]
    assert areas == ["All areas", "Western Ukraine", "Kyiv region", "South-east Poland"]
    assert periods == ["All quarters", "2027-Q1", "2027-Q2", "2027-Q3"]  # its own word
    assert bar.period_label.text() == "Quarter:"
    assert grid_counts(window) == in_slice(None, None)  # FR inf_bn: 4 over all of them
    assert shown(window, "FR", "inf_bn") == 4
    for area in (None, *AREAS):
        for period in (None, 1, 2, 3):
            assert bar.choose(area=area, period=period)
            assert grid_counts(window) == in_slice(area, period), (area, period)
    assert bar.choose(area="ua_kyiv", period=2)
    assert shown(window, "FR", "inf_bn") == 2 and shown(window, "DE", "log_bn") == 0


def test_sums_are_read_only_and_say_why(window):
    index = cell(window, "FR", "inf_bn")
    for area, period in ((None, None), ("ua_west", None), (None, 1)):
        window.slice_bar.choose(area=area, period=period)
        assert not index.flags() & EDITABLE
        assert "read-only" in index.data(Qt.ItemDataRole.ToolTipRole)
        assert "read-only" in window.grid_note.text() and window.grid_note.isVisible()
        assert not window.allocation_model.setData(index, 3)
        assert window.document.allocation == PLAN
        assert "read-only" in window.edit_message.text()
        assert not window.allocation_model.toggle_lock(index.row(), index.column())
        assert window.document.scenario.locks == ()
    # a stand-off type stands in no area: with one period chosen its cell is one plan cell
    window.slice_bar.choose(area=None, period=1)
    assert cell(window, "US", "awacs").flags() & EDITABLE
    assert not cell(window, "FR", "inf_bn").flags() & EDITABLE


def test_an_edit_in_one_area_and_period_goes_to_that_cell_and_undoes(window):
    window.slice_bar.choose(area="ua_west", period=3)
    assert not window.grid_note.isVisible()
    index = cell(window, "FR", "inf_bn")
    assert index.flags() & EDITABLE and shown(window, "FR", "inf_bn") == 1
    assert window.allocation_model.setData(index, 3)
    assert window.document.allocation == PLAN | {Cell("FR", "inf_bn", "ua_west", 3): 3}
    assert window.document.undo_stack.undoText() == (
        "Set France, Infantry battalion in Western Ukraine in 2027-Q3 to 3"
    )
    window.slice_bar.choose(area=None, period=None)
    assert shown(window, "FR", "inf_bn") == 6  # 1 + 2 + 3
    window.document.undo_stack.undo()
    assert window.document.allocation == PLAN and shown(window, "FR", "inf_bn") == 4


def test_a_lock_made_in_one_area_and_period_pins_that_cell_only(window):
    window.slice_bar.choose(area="ua_kyiv", period=2)
    index = cell(window, "FR", "inf_bn")
    assert window.allocation_model.toggle_lock(index.row(), index.column())
    assert window.document.scenario.locks == (Lock("FR", "inf_bn", 2, "ua_kyiv", 2),)
    assert index.data(LOCK_ROLE) == 2
    window.slice_bar.choose(area="ua_west", period=2)
    assert index.data(LOCK_ROLE) is None  # another cell: not locked
    window.slice_bar.choose(area=None, period=None)
    assert index.data(LOCK_ROLE) is None  # the sum is not what the lock holds


def test_clicking_a_broken_lock_shows_its_area_and_period(window):
    scenario = window.document.scenario
    lock = Lock("FR", "inf_bn", 3, "ua_west", 3)
    window.document.edit(dataclasses.replace(scenario, locks=(lock,)), "lock")
    name = names.at(names.lock("FR", "inf_bn", "ua_west"), 3)
    assert name in [v.constraint for v in plan_state(window.document).broken]
    assert window.slice_bar.slice().area is None  # showing sums
    assert window.select_constraint(name)
    assert (window.slice_bar.slice().area, window.slice_bar.slice().period) == ("ua_west", 3)
    assert window.allocation_grid.currentIndex() == cell(window, "FR", "inf_bn")
    assert cell(window, "FR", "inf_bn").data(LOCK_ROLE) == 3


def test_a_scenario_of_one_area_and_one_period_shows_no_selector(qtbot):
    window = open_window(qtbot)
    assert not window.slice_bar.isVisible() and not window.grid_note.isVisible()
    assert cell(window, "FR", "mech_inf_bn").flags() & EDITABLE


def test_no_window_module_takes_a_constraint_name_apart():
    """What a rule points at comes from its family (``family_of(name).select``), not the name."""
    ui = Path(__file__).parents[2] / "ui"
    for path in ui.rglob("*.py"):
        text = path.read_text()
        for parse in ("names.parts(", "names.split(", "period_of(", '.split(".")'):
            assert parse not in text, f"{path.name} parses names with {parse}"


def test_changing_an_offer_keeps_the_period_it_is_ready_from(window):
    offers = window.offers_model
    row = [n.code for n in window.document.scenario.nations].index("UK")
    column = [u.id for u in window.document.scenario.unit_types].index("log_bn")
    assert window.document.scenario.nation("UK").ready("log_bn") == 2
    assert offers.setData(offers.index(row, column), "1")
    uk = window.document.scenario.nation("UK")
    assert (uk.offer("log_bn"), uk.ready("log_bn")) == (1, 2)


def test_charts_show_one_period_so_that_shares_add_up(window):
    """A nation's peaks come from different periods; the charts show one period, named."""
    from planner.scenario.evaluate import evaluate

    plan = evaluate(window.document.scenario, PLAN)
    charts = window.charts
    least = plan.least_period
    assert charts.shown_period == least
    assert "in 2027-Q" in charts.burden_plot.getPlotItem().titleLabel.text
    for period in (1, 2, 3):
        window.slice_bar.choose(area=None, period=period)
        assert charts.shown_period == period
        total = plan.total_at[period - 1]
        assert list(charts.total_bar.opts["height"]) == [total]
        shares = list(charts.share_bars.opts["height"])
        inside = [plan.in_target_at[n.code][period - 1] for n in window.document.scenario.nations]
        assert shares == [100.0 * v / total if total else 0.0 for v in inside]
        assert sum(shares) == pytest.approx(100.0 if total else 0.0)
    window.slice_bar.choose(area=None, period=None)
    assert charts.shown_period == least


def test_troops_total_says_how_many_stand_in_the_target(window):
    """The grid's troops total counts every area; the band counts the target's areas only.

    Quarter 2 has France's two battalions in Kyiv (in the target) and Germany's
    two logistics battalions in south-east Poland (outside it): the total cell
    shows all of them, the cell under it the ones the band counts.
    """
    scenario = window.document.scenario
    personnel = {u.id: u.personnel for u in scenario.unit_types}
    inside = {a.id for a in scenario.areas if a.in_target}
    assert "pl_se" not in inside  # the example's premise
    window.slice_bar.choose(area=None, period=2)
    totals, column = window.totals_model, window.totals_model.columnCount() - 1
    every = sum(personnel[k.unit] * n for k, n in PLAN.items() if k.period == 2 and k.area)
    target = sum(
        personnel[k.unit] * n for k, n in PLAN.items() if k.period == 2 and k.area in inside
    )
    assert 0 < target < every
    assert totals.index(0, column).data() == f"{every:,}"
    assert totals.index(1, column).data() == f"{target:,} in target"
    assert "the troops the target band counts" in totals.index(0, column).data(
        Qt.ItemDataRole.ToolTipRole
    )
    window.slice_bar.choose(area="ua_kyiv", period=2)  # every area shown is in the target
    assert totals.index(1, column).data() is None
    window.slice_bar.choose(area=None, period=None)  # a sum over quarters: no troops total
    assert totals.index(1, column).data() is None


def test_the_totals_row_says_it_counts_per_quarter_while_the_grid_sums_over_quarters(window):
    """Over every quarter the cells sum unit-quarters while the totals row is the force's
    range per quarter (checked against a requirement per quarter): its header says so."""
    header = window.totals_model.headerData
    vertical, display = Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole
    window.slice_bar.choose(area=None, period=None)
    assert header(0, vertical, display) == "Per quarter"
    assert "fewest–most" in header(0, vertical, Qt.ItemDataRole.ToolTipRole)
    window.slice_bar.choose(area=None, period=2)
    assert header(0, vertical, display) == "Total"
    assert header(1, vertical, display) == "Needed"
