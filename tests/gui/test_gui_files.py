"""Files and the scripted screenshot: open, save, save as, dirty marker, `gui --screenshot`."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLineEdit, QMenu, QMessageBox

from planner.scenario.io import default_scenario, default_scenario_text, load_scenario
from ui.editors.nations_model import COLUMNS
from ui.main_window import MINIMUM_SIZE, MainWindow

ROOT = Path(__file__).resolve().parents[2]
CEILING = [c.field for c in COLUMNS].index("max_troops")
Button = QMessageBox.StandardButton


from tests.helpers.gui import open_window, shown  # noqa: E402


@pytest.fixture
def window(qtbot):
    window = open_window(qtbot)
    window.answers = []
    window.files.ask_unsaved_changes = lambda: (
        window.answers.pop(0) if window.answers else Button.Discard
    )
    return window


@pytest.fixture
def scenario_file(tmp_path) -> Path:
    path = tmp_path / "baseline.json"
    path.write_text(default_scenario_text(), encoding="utf-8")
    return path


def edit_ceiling(window: MainWindow, value: int, row: int = 0) -> None:
    model = window.nations_model
    assert model.setData(model.index(row, CEILING), value)


def test_typing_in_the_table_edits_the_scenario(qtbot, window):
    table = window.nations_table
    index = shown(table, window.nations_model.index(1, CEILING))
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.viewport().findChild(QLineEdit, "numberEditor")
    assert editor is not None and editor.text() == "8,000"
    editor.selectAll()
    qtbot.keyClicks(editor, "7500")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.scenario.nations[1].max_troops == 7500)
    assert window.document.undo_stack.count() == 1


def test_save_as_then_dirty_marker_then_save(window, tmp_path):
    assert "[*]" in window.windowTitle() and not window.isWindowModified()
    edit_ceiling(window, 9000)
    assert window.isWindowModified()
    out = tmp_path / "edited.json"
    assert window.files.save_as(out)
    assert not window.isWindowModified() and "edited.json" in window.windowTitle()
    assert load_scenario(out).nations[0].max_troops == 9000
    edit_ceiling(window, 8500)
    assert window.isWindowModified()
    assert window.files.save()
    assert load_scenario(out).nations[0].max_troops == 8500
    window.document.undo_stack.undo()  # back past the saved state: dirty again
    assert window.isWindowModified()


def test_open_asks_before_losing_changes(window, scenario_file):
    edit_ceiling(window, 9000)
    window.answers = [Button.Cancel]
    assert not window.files.open_file(scenario_file)
    assert window.document.scenario.nations[0].max_troops == 9000
    window.answers = [Button.Discard]
    assert window.files.open_file(scenario_file)
    assert window.document.path == scenario_file
    assert window.document.scenario == load_scenario(scenario_file)
    assert window.document.undo_stack.count() == 0 and not window.isWindowModified()
    assert "baseline.json" in window.windowTitle()


def test_save_answer_writes_before_opening(window, scenario_file, tmp_path):
    window.files.save_as(tmp_path / "mine.json")
    edit_ceiling(window, 9100)
    window.answers = [Button.Save]
    assert window.files.open_file(scenario_file)
    assert load_scenario(tmp_path / "mine.json").nations[0].max_troops == 9100


def test_a_broken_file_is_refused_in_the_status_bar(window, tmp_path):
    bad = tmp_path / "bad.json"
    data = json.loads(default_scenario_text())
    data["nations"][0]["max_troops"] = -5
    bad.write_text(json.dumps(data))
    before = window.document.scenario
    assert not window.files.open_file(bad)
    assert window.document.scenario == before
    message = window.statusBar().currentMessage()
    assert "bad.json" in message and "-5" in message


def test_qt_binding_keeps_references_to_none_and_true():
    """PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void call
    and to True on every emit, aborting the app within seconds; pyproject pins
    below it. This fails if a binding with that bug is installed again."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(1000):
        probe.setObjectName("x")
        probe.ping.emit()
    assert sys.getrefcount(None) > none_before - 100
    assert sys.getrefcount(True) > true_before - 100


def run_gui(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    code = "import sys; from force_planner.launcher import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, "gui", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_screenshot_command_writes_a_large_png_after_optimising(tmp_path, scenario_file):
    out = tmp_path / "gui.png"
    proc = run_gui(str(scenario_file), "--optimize", "--screenshot", str(out))
    assert proc.returncode == 0, proc.stderr[-2000:]
    image = QImage(str(out))
    assert not image.isNull()
    assert image.width() >= MINIMUM_SIZE[0] and image.height() >= MINIMUM_SIZE[1]


def test_gui_refuses_an_unusable_file_with_one_sentence(tmp_path):
    proc = run_gui(str(tmp_path / "missing.json"), "--screenshot", str(tmp_path / "x.png"))
    assert proc.returncode == 1
    assert "no such file" in proc.stderr and "Traceback" not in proc.stderr


def test_a_save_that_fails_midway_leaves_the_old_file_whole(qapp, tmp_path, monkeypatch):
    from planner import files as files_module
    from ui.document import ScenarioDocument

    target = tmp_path / "scenario.json"
    target.write_text("the previous version", encoding="utf-8")
    doc = ScenarioDocument(default_scenario())

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files_module.os, "replace", disk_full)
    with pytest.raises(OSError):
        doc.save(target)
    assert target.read_text(encoding="utf-8") == "the previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["scenario.json"]


def test_new_from_a_built_in_scenario_asks_first_and_keeps_the_file_unsaved(window):
    from PySide6.QtGui import QAction

    from planner.scenario.library import BUILTIN, NEWEST

    menu = window.findChild(QMenu, "builtinMenu")
    assert [a.objectName() for a in menu.actions()] == [f"builtin_{b.name}" for b in BUILTIN]
    edited = window.document.scenario
    asked = []
    window.files.ask_unsaved_changes = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    window.document.edit(dataclasses.replace(edited, name="edited"), "rename")
    window.findChild(QAction, "builtin_2025-02-report").trigger()
    assert asked and window.document.scenario.name == "edited"  # Cancel keeps the work
    window.files.ask_unsaved_changes = lambda: QMessageBox.StandardButton.Discard
    window.findChild(QAction, "builtin_2025-02-report").trigger()
    assert window.document.scenario == BUILTIN[1].scenario()
    assert window.document.path is None and window.document.undo_stack.isClean()
    assert window.findChild(QAction, f"builtin_{NEWEST.name}").shortcut().isEmpty()
    assert window.menu_actions["newAction"].shortcut().toString() == "Ctrl+N"  # File > New
