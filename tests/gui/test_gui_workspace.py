"""The workspace in the window: save versions, open them, keep results, compare, errors."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget, QMessageBox

from planner.scenario.io import default_scenario
from planner.workspace import VersionRef, Workspace
from planner.workspace.schema import CURRENT_VERSION
from tests.helpers.gui import (
    open_window,
    plan_cell,
    set_ceiling,
)
from ui import settings

NAME = "Reassurance baseline"


def _answers(window, name=NAME, messages=("first cut", "FR gives less")):
    """Replace the two questions of Save Version by scripted answers."""
    queue = list(messages)
    window.workspace.ask_version_name = lambda default: name
    window.workspace.ask_version_message = lambda: queue.pop(0)


def _workspace():
    return Workspace(settings.workspace_path())


def test_save_to_workspace_then_ctrl_s_saves_the_next_version(qtbot):
    window = open_window(qtbot)
    _answers(window)
    assert not window.workspace_dock.isVisible()  # no versions kept yet: out of the way
    window.menu_actions["saveToWorkspaceAction"].trigger()
    assert window.windowTitle().startswith(f"{NAME}@1")
    assert not window.document.dirty and window.workspace_dock.isVisible()
    set_ceiling(window)
    assert window.document.dirty
    assert window.menu_actions["saveAction"].shortcut().toString() == "Ctrl+S"
    window.menu_actions["saveAction"].trigger()
    history = _workspace().history(NAME)
    assert [v.number for v in history] == [1, 2]
    assert history[1].message == "FR gives less"
    assert history[1].changes == "FR ceiling 10,000 -> 9,000"
    assert not window.document.dirty and str(window.document.origin) == f"{NAME}@2"
    tree = window.workspace_dock.tree
    assert tree.currentItem().data(0, Qt.ItemDataRole.UserRole) == ("version", NAME, 2)


def test_a_version_opened_from_the_dock_brings_back_scenario_and_typed_plan(qtbot):
    window = open_window(qtbot)
    _answers(window)
    window.document.set_count(plan_cell(window, "FR", "mech_inf_bn"), 3, "typed")
    window.workspace.save_to_workspace()
    set_ceiling(window)
    window.save_version()
    window.workspace_dock.select(NAME, 1)
    assert window.workspace_dock.open_button.isEnabled()
    qtbot.mouseClick(window.workspace_dock.open_button, Qt.MouseButton.LeftButton)
    assert window.document.scenario == default_scenario()
    assert window.document.allocation == {plan_cell(window, "FR", "mech_inf_bn"): 3}
    assert str(window.document.origin) == f"{NAME}@1" and not window.document.dirty


def test_optimise_on_a_saved_version_keeps_the_result_against_it(qtbot):
    window = open_window(qtbot)
    _answers(window)
    window.workspace.save_to_workspace()
    with qtbot.waitSignal(window.worker.finished, timeout=60_000):
        window.optimise()
    results = _workspace().results(NAME)
    assert [(r.version, r.objective, r.status) for r in results] == [(1, "min_cost", "optimal")]
    assert results[0].objective_value == window.result.objective_value
    set_ceiling(window)  # unsaved edits: a result would belong to no version
    with qtbot.waitSignal(window.worker.finished, timeout=60_000):
        window.optimise()
    assert len(_workspace().results(NAME)) == 1


def test_compare_two_versions_lists_what_changed(qtbot):
    window = open_window(qtbot)
    _answers(window)
    window.workspace.save_to_workspace()
    set_ceiling(window)
    window.save_version()
    dock = window.workspace_dock
    top = dock.select(NAME).parent() or dock.select(NAME)
    for i in range(top.childCount()):
        top.child(i).setSelected(True)
    assert dock.compare_button.isEnabled()
    qtbot.mouseClick(dock.compare_button, Qt.MouseButton.LeftButton)
    dialog = window.workspace.compare_dialog
    assert dialog.isVisible() and dialog.objectName() == "compareDialog"
    changes = dialog.findChild(QListWidget, "compareChanges")
    texts = [changes.item(i).text() for i in range(changes.count())]
    assert "FR ceiling 10,000 -> 9,000" in texts
    dialog.close()


def _error_box(window) -> QMessageBox:
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "workspaceErrorBox"]
    boxes += window.findChildren(QMessageBox, "workspaceErrorBox")
    assert boxes, "no workspace error dialog"
    return boxes[-1]


def test_a_corrupt_workspace_gets_a_dialog_and_stays_byte_identical(qtbot, tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database\x00" * 100)
    before = junk.read_bytes()
    window = open_window(qtbot)
    assert not window.workspace.choose_workspace(junk)
    box = _error_box(window)
    assert "not a Force Planner workspace" in box.text()
    _answers(window)
    assert not window.workspace.save_to_workspace()
    assert "not saved" in window.workspace.last_workspace_error
    assert junk.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("junk")) == [
        "junk.sqlite"
    ]


def test_a_newer_workspace_is_refused_untouched(qtbot, tmp_path):
    newer = tmp_path / "newer.sqlite"
    Workspace(newer).save_version("x", default_scenario(), "made by us")
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    before = newer.read_bytes()
    window = open_window(qtbot)
    assert not window.workspace.choose_workspace(newer)
    assert "newer Force Planner" in _error_box(window).text()
    window.workspace.open_version("x", 1)
    assert newer.read_bytes() == before
    assert window.document.origin is None


def test_a_busy_workspace_says_so_instead_of_hanging(qtbot, tmp_path):
    path = tmp_path / "busy.sqlite"
    Workspace(path).save_version(NAME, default_scenario(), "first")
    window = open_window(qtbot)
    assert window.workspace.choose_workspace(path)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        _answers(window, messages=("second",))
        set_ceiling(window)
        assert not window.workspace.save_to_workspace()
        assert "another program is writing" in window.workspace.last_workspace_error
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert window.document.dirty  # nothing lost: the edits are still on screen
    assert [v.number for v in Workspace(path).history(NAME)] == [1]


def test_a_version_name_is_kept_with_the_workspace_chosen(qtbot, tmp_path):
    window = open_window(qtbot)
    _answers(window)
    window.workspace.save_to_workspace()
    other = tmp_path / "other.sqlite"
    assert window.workspace.choose_workspace(other)
    assert window.document.origin is None  # version 1 of the old file is not one of this
    assert settings.workspace_path() == other
    assert VersionRef(NAME, 1) == VersionRef(NAME, 1)


def test_the_last_workspace_version_opened_is_reopened_at_start(qtbot):
    from ui.app import last_session, reopen_version

    window = open_window(qtbot)
    _answers(window)
    window.workspace.save_to_workspace()
    set_ceiling(window)
    window.save_version()
    assert settings.last_version() == f"{NAME}@2" and settings.last_file() is None
    assert last_session()[1] is None  # the file slot is empty: a version was last
    again = open_window(qtbot)
    assert reopen_version(again, settings.last_version())
    assert str(again.document.origin) == f"{NAME}@2"
    assert again.document.scenario.nation("FR").max_troops == 9000
    assert not reopen_version(again, f"{NAME}@7")  # gone: a dialog says so, nothing changes
    assert "has no version 7" in again.workspace.last_workspace_error


# -- a kept result comes back with its version (the audit trail) ---------------------


def _optimise(qtbot, window):
    with qtbot.waitSignal(window.worker.finished, timeout=120_000):
        window.optimise()
    return window.result


def _summary(dialog) -> str:
    return dialog.summary.text()


def test_an_optimised_plan_saved_and_reopened_comes_back_optimal(qtbot):
    """Optimise, save, save again, reopen: the result and its status come back with it."""
    from tests.helpers.cli_support import run

    window = open_window(qtbot)
    _answers(window, messages=("first cut", "again", "FR gives less"))
    first = _optimise(qtbot, window)
    assert first.status == "optimal"
    assert window.workspace.save_to_workspace()
    assert window.save_version()  # the same content again: no new version, no second result
    set_ceiling(window)
    assert _optimise(qtbot, window).status == "optimal"
    assert window.save_version()
    assert [(r.version, r.status) for r in _workspace().results(NAME)] == [
        (1, "optimal"),
        (2, "optimal"),
    ]
    again = open_window(qtbot)
    assert again.workspace.open_version(NAME, 1)
    assert again.result is not None and again.result.status == "optimal"
    assert again.document.allocation == {k: v for k, v in first.allocation.items() if v}
    assert again.result.objective_value == first.objective_value
    assert "edited by hand" not in again.plan_label.text()
    assert "Plan (optimal)" in again.plan_label.text()
    assert again.solve_label.text().startswith("Optimal")
    assert not again.document.dirty
    dock = again.workspace_dock
    dock.show()
    dock.refresh()
    top = dock.select(NAME)
    versions = [top.child(i) for i in range(top.childCount())]
    for item in versions:
        item.setSelected(True)
    assert again.workspace.compare_selected()
    summary = _summary(again.workspace.compare_dialog)
    assert "hand-made" not in summary and summary.count("optimal") == 2
    again.workspace.compare_dialog.close()
    dock.tree.clearSelection()
    for item in versions:  # now the two kept results themselves
        item.setExpanded(True)
        item.child(0).setSelected(True)
    assert again.workspace.compare_selected()
    summary = _summary(again.workspace.compare_dialog)
    assert "hand-made" not in summary and summary.count("optimal") == 2
    again.workspace.compare_dialog.close()
    listed = run("workspace", "--db", settings.workspace_path(), "list")
    assert listed.returncode == 0, listed.stderr
    row = [line.split() for line in listed.stdout.splitlines() if line.startswith(NAME)]
    assert row and row[0][-3:-1] == ["2", "2"]  # versions, results


def test_an_infeasible_result_saved_and_reopened_is_still_said_in_red(qtbot):
    import dataclasses

    from planner.scenario.model import Target

    scenario = dataclasses.replace(default_scenario(), target=Target(1_000_000, 1_000_000))
    window = open_window(qtbot, scenario)
    _answers(window)
    assert _optimise(qtbot, window).status == "infeasible"
    assert window.workspace.save_to_workspace()
    again = open_window(qtbot)
    assert again.workspace.open_version(NAME, 1)
    assert "NOT FEASIBLE" in again.plan_label.text()
    assert "b00020" in again.plan_label.styleSheet()  # red, as right after the solve
    assert again.explanation.sentences() == window.result.explanation()
    assert again.solve_label.text().startswith("Infeasible")


def test_a_version_kept_without_a_plan_comes_back_with_its_result(qtbot):
    """`workspace solve` (or Optimise on an unchanged version) keeps a result, no plan."""
    from planner.solve import solve

    workspace = _workspace()
    workspace.save_version(NAME, default_scenario(), "imported")
    result = solve(default_scenario())
    workspace.add_result(VersionRef(NAME, 1), result)
    window = open_window(qtbot)
    assert window.workspace.open_version(NAME, 1)
    assert window.result is not None and window.result.status == "optimal"
    assert window.document.allocation == {k: v for k, v in result.allocation.items() if v}
    assert not window.document.dirty


def test_a_hand_plan_saved_after_optimise_is_not_called_optimal(qtbot):
    window = open_window(qtbot)
    _answers(window)
    _optimise(qtbot, window)
    cell = next(iter(window.document.allocation))
    window.document.set_count(cell, window.document.allocation[cell] + 1, "typed")
    assert window.workspace.save_to_workspace()
    assert _workspace().results(NAME) == []  # the solve is not of this plan
    again = open_window(qtbot)
    assert again.workspace.open_version(NAME, 1)
    assert again.result is None and "not optimised here" in again.plan_label.text()
