"""A window that fits: every pane on screen at 1366x768 and at 1920x1080 scaled 1.5,
docks tabbed together at a share of the height and remembered, the Troops
column frozen beside the names, and the totals row under the grid."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

from planner.analyses.sensitivity import with_ceiling
from planner.scenario.io import default_scenario
from planner.scenario.library import newest_scenario
from planner.scenario.plan import cell
from tests.helpers.gui import open_window
from ui import settings
from ui.docks.dock_layout import LAYOUT_VERSION, MAX_SHARE
from ui.editors.grid_totals import OVER, SHORT
from ui.main_window import MainWindow, fitted_size

SCREENS = {
    "1366x768 laptop": QRect(0, 0, 1366, 728),
    "1920x1080 at scale 1.5": QRect(0, 0, 1280, 690),
}


def settle(qtbot) -> None:
    qtbot.wait(30)


def panes(window: MainWindow) -> list[QWidget]:
    shown = [
        window.menuBar(),
        window.findChild(QWidget, "mainToolbar"),
        window.tabs,
        window.plan_label,
        window.allocation_grid,
        window.totals_grid,
        window.chart_tabs,  # the timeline, the charts or an area view, whichever is in front
        window.explanation,
        window.statusBar(),
    ]
    docks = (window.analyses_dock, window.workspace_dock)  # a tab behind the other is not shown
    shown += [d for d in docks if d.isVisible() and not d.visibleRegion().isEmpty()]
    return shown


def outside(window: MainWindow) -> list[str]:
    """Names of the visible panes not wholly inside the window (so off a fitted screen)."""
    frame = window.rect()
    found = []
    for pane in panes(window):
        rect = QRect(pane.mapTo(window, pane.rect().topLeft()), pane.size())
        if not pane.isVisible() or rect.isEmpty() or not frame.contains(rect):
            found.append(f"{pane.objectName() or type(pane).__name__} at {rect}")
    return found


def troops_shown(window: MainWindow) -> bool:
    """The frozen Troops column is on screen beside the names, inside the grid."""
    grid = window.allocation_grid
    frozen = grid.frozen
    column = grid.frozen_column()
    header = window.allocation_model.headerData(column, Qt.Orientation.Horizontal)
    rect = QRect(frozen.mapTo(grid, frozen.rect().topLeft()), frozen.size())
    return (
        frozen.isVisible()
        and header in ("Troops", "Peak troops")
        and not frozen.isColumnHidden(column)
        and frozen.columnWidth(column) > 20
        and grid.rect().contains(rect)
        and rect.left() <= grid.verticalHeader().width() + grid.frameWidth()
    )


@pytest.mark.parametrize("screen", list(SCREENS), ids=list(SCREENS))
@pytest.mark.parametrize("docks", [False, True], ids=["no docks", "both docks"])
def test_every_pane_fits_the_screen_and_troops_stay_beside_the_names(qtbot, screen, docks):
    window = open_window(qtbot, newest_scenario())  # areas, periods: "Peak troops"
    free = SCREENS[screen]
    window.resize(*fitted_size(free))
    window.allocation_grid.resizeColumnsToContents()  # as after a solve
    if docks:
        window.workspace_dock.show()
        window.analyses_dock.show()
    settle(qtbot)
    assert window.width() <= free.width() and window.height() <= free.height()
    assert outside(window) == []
    grid = window.allocation_grid
    grid.horizontalScrollBar().setValue(grid.horizontalScrollBar().maximum())
    settle(qtbot)
    assert troops_shown(window)
    troops = grid.frozen_column()
    assert grid.frozen.width() == grid.columnWidth(troops)  # "Peak troops" after a solve
    rows = grid.viewport().height() // grid.verticalHeader().defaultSectionSize()
    assert rows >= 5, f"only {rows} grid rows show"


def test_docks_are_tabbed_together_below_and_open_at_a_share_of_the_height(qtbot):
    window = open_window(qtbot)
    window.resize(*fitted_size(SCREENS["1366x768 laptop"]))
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    assert window.dockWidgetArea(window.analyses_dock) == bottom
    assert window.dockWidgetArea(window.workspace_dock) == bottom
    width = window.allocation_grid.width()
    window.menu_actions["workspaceViewAction"].trigger()
    settle(qtbot)
    assert window.workspace_dock.isVisible()
    assert window.allocation_grid.width() == width  # the workspace no longer narrows the grid
    window.run_analysis(window.analyses_dock.view("withdrawal"))
    settle(qtbot)
    window.analyses_dock.runner.cancel()
    assert window.workspace_dock in window.tabifiedDockWidgets(window.analyses_dock)
    assert 0 < window.analyses_dock.height() <= window.height() * MAX_SHARE


def test_the_dock_layout_is_remembered_and_an_old_one_is_ignored(qtbot):
    window = open_window(qtbot)
    window.workspace_dock.show()
    settle(qtbot)
    window.close()
    again = open_window(qtbot)
    settle(qtbot)
    assert again.workspace_dock.isVisible() and not again.analyses_dock.isVisible()
    again.analyses_dock.show()
    settle(qtbot)
    assert again.workspace_dock in again.tabifiedDockWidgets(again.analyses_dock)
    geometry, state = settings.layout()
    assert state is not None and geometry is not None
    again.close()
    old = MainWindow(default_scenario(), remember=False)  # as the old code saved it
    old.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, old.workspace_dock)
    old.workspace_dock.show()
    settings.save_layout(geometry, old.saveState())  # version 0
    old.deleteLater()
    third = open_window(qtbot)
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    assert third.dockWidgetArea(third.workspace_dock) == bottom


def test_a_window_remembered_on_a_larger_screen_is_fitted_to_this_one(qtbot):
    big = MainWindow(default_scenario(), remember=False)
    big.resize(5000, 3000)
    settings.save_layout(big.saveGeometry(), big.saveState(LAYOUT_VERSION))
    big.deleteLater()
    window = open_window(qtbot)
    free = window.screen().availableGeometry()
    assert window.width() <= max(free.width(), 960) and window.height() <= max(free.height(), 600)


def test_the_frozen_troops_column_follows_the_model_and_the_selection(qtbot):
    window = open_window(qtbot)
    grid, model = window.allocation_grid, window.allocation_model
    troops = grid.frozen_column()
    assert troops == model.columnCount() - 1
    assert grid.horizontalHeader().visualIndex(troops) == 0  # beside the names
    assert grid.frozen.model() is model and grid.frozen.selectionModel() is grid.selectionModel()
    assert [c for c in range(model.columnCount()) if not grid.frozen.isColumnHidden(c)] == [troops]
    scenario = window.document.scenario
    fewer = dataclasses.replace(
        scenario,
        unit_types=scenario.unit_types[:-1],
        requirements={
            k: v for k, v in scenario.requirements.items() if k != scenario.unit_types[-1].id
        },
        nations=tuple(
            dataclasses.replace(
                n, offers={k: v for k, v in n.offers.items() if k != scenario.unit_types[-1].id}
            )
            for n in scenario.nations
        ),
        locks=tuple(lk for lk in scenario.locks if lk.unit_type != scenario.unit_types[-1].id),
    )
    window.document.edit(fewer, "one unit type fewer")
    settle(qtbot)
    troops = grid.frozen_column()
    assert troops == len(fewer.unit_types)
    assert grid.horizontalHeader().visualIndex(troops) == 0
    assert [c for c in range(model.columnCount()) if not grid.frozen.isColumnHidden(c)] == [troops]
    assert window.totals_model.columnCount() == model.columnCount()


def test_totals_row_sums_each_unit_type_against_its_requirement(qtbot):
    window = open_window(qtbot)
    scenario = window.document.scenario
    needed = {u: r for u, r in scenario.requirements.items() if r.min > 0}
    over_unit = next(u for u, r in scenario.requirements.items() if r.max is not None)
    short_unit = next(u for u in needed if u != over_unit)
    req = scenario.requirements[over_unit]
    nations = [n.code for n in scenario.nations]
    plan = {
        cell(scenario, nations[0], over_unit): req.max,
        cell(scenario, nations[1], over_unit): 1,
    }
    window.document.set_plan(plan)
    settle(qtbot)
    totals, units = window.totals_model, [u.id for u in scenario.unit_types]
    over_column, short_column = units.index(over_unit), units.index(short_unit)
    assert totals.index(0, over_column).data() == str(req.max + 1)
    assert totals.index(0, over_column).data(Qt.ItemDataRole.BackgroundRole) == OVER
    assert totals.index(0, short_column).data() == "0"
    assert totals.index(0, short_column).data(Qt.ItemDataRole.BackgroundRole) == SHORT
    tip = totals.index(0, short_column).data(Qt.ItemDataRole.ToolTipRole)
    assert scenario.unit(short_unit).name in tip and "short of" in tip
    low, high = needed[short_unit].min, needed[short_unit].max
    text = totals.index(1, short_column).data()
    assert str(low) in text and (high is None or str(high) in text)
    exact = {cell(scenario, nations[0], over_unit): max(req.min, 1)}
    window.document.set_plan(exact)
    settle(qtbot)
    assert totals.index(0, over_column).data(Qt.ItemDataRole.BackgroundRole) is None
    grid = window.allocation_grid
    for column in range(totals.columnCount()):  # the totals line up under their columns
        assert window.totals_grid.columnWidth(column) == grid.columnWidth(column)


def test_the_toolbar_keeps_its_width_after_an_edit_with_a_long_undo_text(qtbot):
    window = open_window(qtbot)
    toolbar = window.findChild(QWidget, "mainToolbar")
    optimise = toolbar.widgetForAction(window.menu_actions["optimiseAction"])
    before = optimise.mapTo(window, optimise.rect().topLeft()).x()
    long_name = "A very long description of an edit that names a nation and a unit type"
    changed = with_ceiling(window.document.scenario, "FR", 9000)
    window.document.edit(changed, long_name)
    settle(qtbot)
    undo = window.menu_actions["undoAction"]
    assert long_name in undo.text()
    assert optimise.mapTo(window, optimise.rect().topLeft()).x() == before
    button = window.toolbar_buttons[0]
    assert button.defaultAction() is undo
    assert button.text().endswith("…") and long_name in button.toolTip()
    button.click()
    assert window.document.undo_stack.index() == 0  # the button still undoes


def test_over_every_period_the_totals_give_the_range_per_period(qtbot):
    scenario = newest_scenario()
    window = open_window(qtbot, scenario)
    unit = next(u for u, r in scenario.requirements.items() if r.min > 1)
    nation = scenario.nations[0].code
    full = list(scenario.periods.full)
    area = next(iter(scenario.areas)) if scenario.unit(unit).deployed else None
    area = getattr(area, "id", area)
    plan = {cell(scenario, nation, unit, area, t): 1 for t in full}
    plan[cell(scenario, nation, unit, area, full[0])] = scenario.requirements[unit].min
    window.document.set_plan(plan)
    settle(qtbot)
    column = [u.id for u in scenario.unit_types].index(unit)
    text = window.totals_model.index(0, column).data()
    assert text == f"1–{scenario.requirements[unit].min}"  # not the sum over quarters
    tip = window.totals_model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.count("short of") == len(full) - 1


def test_unit_headers_take_two_lines_at_most():
    from ui.editors.allocation_model import header_text

    assert header_text("mech_inf_bn") == "mech\ninf bn"
    assert header_text("a_long_unit_type_id") == "a long unit\ntype id"
    assert header_text("frigate") == "frigate"
    assert all(header_text(u).count("\n") <= 1 for u in ("x_y_z_w_v", "hq_fwd", "aew_orbit"))


def test_the_totals_model_passes_qt_model_tester(qtbot, qtmodeltester):
    window = open_window(qtbot, newest_scenario())
    qtmodeltester.check(window.totals_model)


def test_the_editors_keep_their_share_of_a_laptop_screen_when_the_window_opens(qtbot):
    """Shrunk from its first sizes, the column used to leave the editors about three rows."""
    window = MainWindow(newest_scenario())
    qtbot.addWidget(window, before_close_func=lambda w: w.worker.shutdown())
    window.resize(*fitted_size(SCREENS["1366x768 laptop"]))
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot)
    column = sum(window._editors_split.sizes())
    assert window.tabs.height() >= 0.3 * column, (window.tabs.height(), column)
    assert window.allocation_grid.height() > window.tabs.height()  # the plan stays the larger
