"""Allocating by hand, locks, auto-optimise and the scenario editors, driven as a planner would.

Runs offscreen with pytest-qt. QSettings point at a temporary folder, so
nothing here touches the planner's real preferences.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QToolBar

from planner.scenario.io import default_scenario
from planner.scenario.model import Lock
from ui.editors.allocation_model import BROKEN, BROKEN_ROLE, LOCK_BROKEN, LOCK_ROLE
from ui.editors.nations_model import COLUMNS
from ui.main_window import MainWindow
from ui.workers.solve_job import solve_job

SOLVE_MS = 60_000
FLOOR = [c.field for c in COLUMNS].index("min_troops")
STATUS = [c.field for c in COLUMNS].index("status")
Role = Qt.ItemDataRole


from tests.helpers.gui import (  # noqa: E402
    cell,
    open_window,
    plan_cell,
    shown,
)


@pytest.fixture
def window(qtbot) -> MainWindow:
    return open_window(qtbot)


def troops_column(window: MainWindow, code: str):
    row = [n.code for n in window.document.scenario.nations].index(code)
    return window.allocation_model.index(row, len(window.document.scenario.unit_types))


def nation_bar(window: MainWindow, code: str) -> float:
    row = [n.code for n in window.document.scenario.nations].index(code)
    return window.charts.nation_bars.opts["height"][row]


def press_lock(qtbot, window: MainWindow, index) -> None:
    grid = window.allocation_grid
    grid.setFocus()
    grid.setCurrentIndex(index)
    qtbot.keyClick(grid, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


# -- allocating by hand ---------------------------------------------------------------


def test_typing_a_count_in_the_grid_is_an_undoable_edit(qtbot, window):
    index = cell(window, "UK", "mech_inf_bn")
    grid = window.allocation_grid
    grid.setCurrentIndex(index)
    grid.edit(index)
    editor = grid.viewport().findChild(QLineEdit, "numberEditor")
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "3")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.document.allocation.get(plan_cell(window, "UK", "mech_inf_bn")) == 3
    )
    personnel = window.document.scenario.unit("mech_inf_bn").personnel
    assert index.data() == "3"
    assert troops_column(window, "UK").data(Role.EditRole) == 3 * personnel
    assert nation_bar(window, "UK") == 3 * personnel  # the chart followed at once
    assert window.document.undo_stack.count() == 1 and window.isWindowModified()
    window.document.undo_stack.undo()
    assert window.document.allocation == {} and nation_bar(window, "UK") == 0
    assert index.data() == ""


def test_bad_counts_are_refused_in_the_status_bar(window):
    model = window.allocation_model
    assert not model.setData(cell(window, "FR", "armd_bn"), -2)
    assert "below 0" in window.statusBar().currentMessage()
    assert not model.setData(cell(window, "FR", "armd_bn"), "many")
    assert "not a whole number" in window.statusBar().currentMessage()
    assert window.document.undo_stack.count() == 0


def test_cells_breaking_offer_ceiling_or_floor_are_marked_with_the_reason(window):
    model = window.allocation_model
    over_offer = cell(window, "FR", "armd_bn")  # FR offers 2
    assert model.setData(over_offer, 5)
    assert over_offer.data(Role.BackgroundRole).color() == BROKEN
    assert "more than its offer of 2" in over_offer.data(Role.ToolTipRole)
    fine = cell(window, "FR", "mech_inf_bn")
    assert model.setData(fine, 1)
    assert fine.data(Role.BackgroundRole) is None  # FR is within its ceiling so far

    nations = window.nations_model
    ceiling = [c.field for c in COLUMNS].index("max_troops")
    assert nations.setData(nations.index(2, ceiling), 2000)  # DE
    assert model.setData(cell(window, "DE", "mech_inf_bn"), 3)  # 2,100 troops
    de = cell(window, "DE", "mech_inf_bn")
    assert de.data(Role.BackgroundRole).color() == BROKEN
    assert "above its ceiling of 2,000" in de.data(Role.ToolTipRole)
    assert troops_column(window, "DE").data(Role.BackgroundRole).color() == BROKEN
    assert window.allocation_model.data(cell(window, "DE", "engr_bn"), BROKEN_ROLE) == []

    row = [n.code for n in window.document.scenario.nations].index("DK")
    assert nations.setData(nations.index(row, FLOOR), 500)
    assert model.setData(cell(window, "DK", "inf_coy"), 1)
    assert "below its floor of 500" in cell(window, "DK", "inf_coy").data(Role.ToolTipRole)


def test_ctrl_l_locks_and_unlocks_the_selected_cell(qtbot, window):
    index = cell(window, "UK", "mech_inf_bn")
    assert window.allocation_model.setData(index, 2)
    press_lock(qtbot, window, index)
    assert window.document.scenario.locks == (Lock("UK", "mech_inf_bn", 2),)
    assert index.data(LOCK_ROLE) == 2
    assert index.data(Role.DecorationRole) is not None  # the lock mark
    assert "Locked at 2" in index.data(Role.ToolTipRole)
    # typing in a locked cell moves the lock with the count, in one undo step
    assert window.allocation_model.setData(index, 3)
    assert window.document.scenario.locks == (Lock("UK", "mech_inf_bn", 3),)
    window.document.undo_stack.undo()
    assert window.document.scenario.locks == (Lock("UK", "mech_inf_bn", 2),)
    assert window.document.allocation[plan_cell(window, "UK", "mech_inf_bn")] == 2
    press_lock(qtbot, window, index)
    assert window.document.scenario.locks == ()
    assert index.data(LOCK_ROLE) is None and index.data(Role.DecorationRole) is None
    window.document.undo_stack.undo()
    assert window.document.scenario.locks == (Lock("UK", "mech_inf_bn", 2),)


def test_a_lock_above_the_offer_is_refused_with_the_reason(qtbot, window):
    index = cell(window, "FR", "armd_bn")
    assert window.allocation_model.setData(index, 5)
    steps = window.document.undo_stack.count()
    press_lock(qtbot, window, index)
    assert window.document.scenario.locks == ()
    assert window.document.undo_stack.count() == steps
    message = window.statusBar().currentMessage()
    assert "Cannot lock France, Armoured (tank) battalion at 5" in message
    assert "offer of 2" in message


def test_lock_is_in_the_grid_context_menu(window):
    grid = window.allocation_grid
    assert grid.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert window.menu_actions["lockAction"] in grid.actions()
    assert window.menu_actions["lockAction"].shortcut().toString() == "Ctrl+L"


def test_a_cell_that_differs_from_its_lock_is_marked(window):
    index = cell(window, "UK", "mech_inf_bn")
    assert window.allocation_model.setData(index, 2)
    assert window.allocation_model.toggle_lock(index.row(), index.column())
    window.document.set_plan({})  # e.g. a plan made before the lock
    assert index.data(Role.BackgroundRole).color() == LOCK_BROKEN
    assert "locked at 2" in index.data(Role.ToolTipRole)


def test_optimise_keeps_locked_cells(qtbot, window):
    index = cell(window, "UK", "mech_inf_bn")  # the cheapest plan gives UK none of these
    assert window.allocation_model.setData(index, 2)
    assert window.allocation_model.toggle_lock(index.row(), index.column())
    with qtbot.waitSignal(window.worker.finished, timeout=SOLVE_MS) as blocker:
        window.menu_actions["optimiseAction"].trigger()
    result = blocker.args[0]
    assert result.status == "optimal"
    assert Lock("UK", "mech_inf_bn", 2) in result.scenario.locks
    assert result.allocation[plan_cell(window, "UK", "mech_inf_bn")] == 2
    assert index.data(Role.EditRole) == 2 and index.data(LOCK_ROLE) == 2


# -- auto-optimise --------------------------------------------------------------------


def test_two_quick_edits_cause_one_solve(qtbot, window):
    assert window.menu_actions["autoOptimiseAction"].isCheckable()
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert window.menu_actions["autoOptimiseAction"] in toolbar.actions()
    plan_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Plan")
    assert window.menu_actions["autoOptimiseAction"] in plan_menu.actions()
    model = window.nations_model
    ceiling = [c.field for c in COLUMNS].index("max_troops")
    # a pause far longer than the gap between the two edits, so a busy machine cannot
    # stretch that gap past it (it failed once under load with the usual delay)
    window.auto.timer.setInterval(3_000)
    window.menu_actions["autoOptimiseAction"].trigger()
    assert window.auto.enabled and window.auto.timer.isActive()
    assert model.setData(model.index(0, ceiling), 9000)
    qtbot.wait(100)
    assert model.setData(model.index(0, ceiling), 8500)
    assert window.solves_started == 0  # still waiting for the edits to pause
    with qtbot.waitSignal(window.worker.finished, timeout=SOLVE_MS) as blocker:
        pass
    qtbot.wait(600)
    assert window.solves_started == 1
    assert blocker.args[0].scenario == window.document.scenario
    assert window.allocation_model.allocation == blocker.args[0].allocation
    # the plan is on screen and follows the edit: FR within its new ceiling
    assert nation_bar(window, "FR") <= 8500 and window.result.has_plan


def test_an_edit_during_an_auto_solve_replaces_it(qtbot, window):
    window.auto.timer.setInterval(10)
    window.menu_actions["autoOptimiseAction"].trigger()
    qtbot.waitUntil(lambda: window.worker.busy, timeout=2000)
    model, ceiling = window.nations_model, [c.field for c in COLUMNS].index("max_troops")
    finished = []
    window.worker.finished.connect(finished.append)
    assert model.setData(model.index(0, ceiling), 7000)  # restarts the solve
    qtbot.waitUntil(lambda: bool(finished), timeout=SOLVE_MS)
    qtbot.wait(300)
    assert window.solves_started == 2 and len(finished) == 1  # the first was dropped
    assert finished[-1].scenario == window.document.scenario
    assert nation_bar(window, "FR") <= 7000


def test_worker_restart_keeps_only_the_last_solve(qtbot, window):
    finished = []
    window.worker.finished.connect(finished.append)
    base = window.document.scenario
    for i in range(3):
        window.worker.restart("solve", solve_job(dataclasses.replace(base, name=f"edit {i}")))
    qtbot.waitUntil(lambda: bool(finished), timeout=SOLVE_MS)
    qtbot.wait(300)
    assert [r.scenario.name for r in finished] == ["edit 2"]
    assert finished[0].status == "optimal" and not window.worker.busy


def test_switching_auto_optimise_off_stops_a_pending_solve(qtbot, window):
    window.menu_actions["autoOptimiseAction"].trigger()
    window.menu_actions["autoOptimiseAction"].trigger()
    assert not window.auto.enabled and not window.auto.timer.isActive()
    qtbot.wait(500)
    assert window.solves_started == 0


# -- editors for the rest of the scenario ------------------------------------------------


def test_status_is_chosen_from_a_combo_box(qtbot, window):
    table = window.nations_table
    index = shown(table, window.nations_model.index(0, STATUS))
    table.setCurrentIndex(index)
    table.edit(index)
    combo = table.viewport().findChild(QComboBox, "statusEditor")
    assert combo is not None
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "committed",
        "likely",
        "possible",
        "declined",
    ]
    combo.setCurrentText("committed")
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: window.document.scenario.nations[0].status == "committed")
    assert window.document.undo_stack.count() == 1


def test_unit_types_table_edits_personnel_category_and_deployed(window):
    model = window.unit_types_model
    row = [u.id for u in window.document.scenario.unit_types].index("mech_inf_bn")
    assert model.setData(model.index(row, 1), "650")
    assert window.document.scenario.unit("mech_inf_bn").personnel == 650
    assert model.setData(model.index(row, 2), "infantry")
    assert window.document.scenario.unit("mech_inf_bn").category == "infantry"
    assert not model.setData(model.index(row, 1), 0)
    assert "below 1" in window.statusBar().currentMessage()
    ground = len(window.charts.coverage["bars"].opts["width"])
    assert model.setData(model.index(row, 3), Qt.CheckState.Unchecked, Role.CheckStateRole)
    assert not window.document.scenario.unit("mech_inf_bn").deployed
    assert len(window.charts.coverage["bars"].opts["width"]) == ground - 1
    assert window.document.undo_stack.count() == 3
    window.document.undo_stack.undo()
    assert window.document.scenario.unit("mech_inf_bn").deployed


def test_offers_grid_edits_and_refuses_an_offer_below_a_lock(window):
    offers = window.offers_model
    index = cell(window, "UK", "mech_inf_bn")
    offer_index = offers.index(index.row(), index.column())
    assert offer_index.data() == "6"
    assert offers.setData(offer_index, 4)
    assert window.document.scenario.nation("UK").offer("mech_inf_bn") == 4
    assert window.allocation_model.setData(index, 3)
    assert window.allocation_model.toggle_lock(index.row(), index.column())
    assert not offers.setData(offer_index, 2)
    message = window.statusBar().currentMessage()
    assert "above United Kingdom's offer of 2" in message and "not changed" in message
    assert offers.setData(offers.index(index.row(), 0 if index.column() else 1), "")


def test_requirements_min_max_and_no_limit(window):
    model = window.requirements_model
    row = [u.id for u in window.document.scenario.unit_types].index("armd_bn")
    assert model.setData(model.index(row, 0), 4)
    assert model.setData(model.index(row, 1), "")
    requirement = window.document.scenario.requirements["armd_bn"]
    assert (requirement.min, requirement.max) == (4, None)
    assert not model.setData(model.index(row, 1), 2)
    assert "above the maximum of 2" in window.statusBar().currentMessage()
    ground = [u.id for u in window.document.scenario.unit_types if u.deployed]
    mins = window.charts.coverage["min"].getData()
    assert 4 in list(mins[0]) and ground.index("armd_bn") in list(mins[1])


def test_target_form_edits_the_band_share_and_nations(qtbot, window):
    form = window.target_form
    form.max_troops.setValue(32000)
    assert window.document.scenario.target.max_troops == 32000
    assert window.charts.band.getRegion()[1] == 32000
    form.max_share.setValue(35.0)
    assert window.document.scenario.rules.max_share == pytest.approx(0.35)
    form.min_nations.setValue(9)
    assert window.document.scenario.rules.min_nations == 9
    form.min_troops.setValue(40000)  # above the maximum: refused, springs back
    assert window.document.scenario.target.min_troops == 25000
    assert form.min_troops.value() == 25000
    assert "above the target's maximum" in window.statusBar().currentMessage()
    assert window.document.undo_stack.count() == 3
    window.document.undo_stack.undo()
    assert form.min_nations.value() == default_scenario().rules.min_nations


def test_editors_sit_in_tabs_that_fit_1280_by_800(window):
    window.resize(1280, 800)
    tabs = window.tabs
    titles = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    assert titles == [
        "Nations",
        "Unit types",
        "Offers",
        "Requirements",
        "Areas",
        "Conditions",
        "Target  rules",
        "Periods",
    ]
    assert window.allocation_grid.isVisible() and window.charts.isVisible()
    assert window.width() <= 1280 and window.height() <= 800


# -- explanation items select what they name ------------------------------------------------


def test_clicking_an_explanation_item_selects_what_it_names(qtbot, window):
    assert window.allocation_model.setData(cell(window, "FR", "armd_bn"), 5)  # over offer
    items = window.explanation.list
    constraints = [items.item(i).data(Role.UserRole) for i in range(items.count())]
    assert "nation.FR" in constraints and "target.min_troops" in constraints
    item = items.item(constraints.index("nation.FR"))
    rect = items.visualItemRect(item)
    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget() is window.nations_table
    rows = window.nations_table.selectionModel().selectedRows()
    assert [r.row() for r in rows] == [0]

    item = items.item(constraints.index("target.min_troops"))
    items.scrollToItem(item)
    rect = items.visualItemRect(item)
    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentWidget() is window.target_form

    req = next(c for c in constraints if c.startswith("requirement."))
    unit = req.split(".")[1]
    assert window.select_constraint(req)
    column = [u.id for u in window.document.scenario.unit_types].index(unit)
    selected = window.allocation_grid.selectionModel().selectedColumns()
    assert [c.column() for c in selected] == [column]
    # and the requirement itself, to change it (it used to stop at the grid's column)
    assert window.tabs.currentWidget() is window.requirements_table
    here = window.requirements_table.currentIndex()
    bound = 1 if req.endswith(".max") else 0
    assert (here.row(), here.column()) == (column, bound)

    assert window.select_constraint("share.DE")
    assert window.nations_table.selectionModel().selectedRows()[0].row() == 2
    locked = cell(window, "UK", "arty_bn")  # a lock the explanation names is one of the scenario's
    assert window.allocation_model.toggle_lock(locked.row(), locked.column())
    window.allocation_grid.setCurrentIndex(cell(window, "FR", "armd_bn"))
    assert window.select_constraint("lock.UK.arty_bn")
    assert window.allocation_grid.currentIndex() == cell(window, "UK", "arty_bn")
    assert window.select_constraint("min_nations")
    assert window.target_form.min_nations.hasFocus() or window.tabs.currentWidget() is (
        window.target_form
    )


def test_a_refusal_stays_beside_the_editors_until_the_next_good_edit(window):
    nations = window.nations_model
    ceiling = [c.field for c in COLUMNS].index("max_troops")
    assert not nations.setData(nations.index(0, ceiling), -5, Role.EditRole)
    message = window.findChild(type(window.plan_label), "editMessage")
    assert message.isVisibleTo(window) and "-5 is below 0" in message.text()
    assert nations.setData(nations.index(0, ceiling), 9000, Role.EditRole)
    assert not message.isVisibleTo(window)


def test_saving_warns_that_unlocked_typed_counts_are_not_kept(window, tmp_path):
    assert window.allocation_model.setData(cell(window, "UK", "armd_bn"), 1)
    assert window.document.unkept_counts() == [plan_cell(window, "UK", "armd_bn")]
    assert window.files.save_as(tmp_path / "plan.json")
    assert "1 typed count(s) are not locked" in window.statusBar().currentMessage()
    window.allocation_grid.setCurrentIndex(cell(window, "UK", "armd_bn"))
    window.toggle_lock()
    assert window.document.unkept_counts() == []
    assert window.files.save()
    assert "not locked" not in window.statusBar().currentMessage()
    saved = (tmp_path / "plan.json").read_text()
    assert '"unit_type": "armd_bn"' in saved and not list(tmp_path.glob(".*.tmp"))
