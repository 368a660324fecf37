"""What the app remembers between runs, the recent-files menu, and the About box.

QSettings point at a temporary folder in every test (``private_settings``),
so the planner's real preferences are never read or written.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QToolBar

import planner
from planner.scenario.io import default_scenario_text, load_scenario
from planner.scenario.library import newest_scenario
from tests.helpers.gui import open_window
from ui import settings
from ui.app import last_session
from ui.main_window import MainWindow


def write_scenario(path: Path, name: str | None = None) -> Path:
    data = json.loads(default_scenario_text())
    if name:
        data["name"] = name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def recent_names(window: MainWindow) -> list[str]:
    window.files.fill_recent_menu()
    return [a.data() for a in window.files.recent_menu.actions() if a.data()]


def test_settings_live_in_the_temporary_folder(tmp_path):
    folder = tmp_path / "settings"  # where the GUI conftest's private_settings points QSettings
    settings.add_recent(folder / "x.json")
    assert Path(settings.settings().fileName()).is_relative_to(folder)


def test_recent_files_menu_lists_opened_and_saved_files(qtbot, tmp_path):
    first = write_scenario(tmp_path / "first.json")
    second = write_scenario(tmp_path / "second.json", "Second")
    window = open_window(qtbot)
    assert not window.files.recent_menu.isEnabled()
    assert window.files.open_file(first)
    assert window.files.save_as(tmp_path / "copy.json")
    assert window.files.open_file(second)
    expected = [str(p.resolve()) for p in (second, tmp_path / "copy.json", first)]
    assert recent_names(window) == expected
    assert window.files.recent_menu.isEnabled()
    assert settings.last_file() == str(second.resolve())
    # choosing an entry opens it
    action = next(a for a in window.files.recent_menu.actions() if a.data() == expected[2])
    action.trigger()
    assert window.document.path == Path(expected[2])
    # a file that went away is dropped with a message
    first.unlink()
    assert not window.files.open_recent(expected[2])
    assert "no longer there" in window.statusBar().currentMessage()
    assert expected[2] not in recent_names(window)


def test_window_geometry_and_state_are_remembered(qtbot):
    window = open_window(qtbot)
    assert settings.layout() == (None, None)
    window.findChild(QToolBar, "mainToolbar").hide()
    geometry = window.saveGeometry()
    window.close()
    assert settings.layout()[0] == geometry  # the offscreen screen clamps sizes, so bytes
    again = open_window(qtbot)
    assert not again.findChild(QToolBar, "mainToolbar").isVisible()


def test_startup_reopens_the_last_file_if_it_still_loads(tmp_path):
    assert last_session()[1] is None  # nothing remembered: the default scenario
    path = write_scenario(tmp_path / "mine.json", "Mine")
    settings.add_recent(path)
    scenario, reopened, note = last_session()
    assert reopened == path.resolve() and scenario == load_scenario(path)
    assert "Reopened mine.json" in note
    path.write_text("{ broken", encoding="utf-8")
    scenario, reopened, note = last_session()
    assert reopened is None and scenario == newest_scenario()  # the newest built-in
    assert "Could not reopen mine.json" in note


def test_bare_force_planner_asks_for_the_last_file(monkeypatch):
    import ui.app
    from force_planner.launcher import main

    calls = []
    monkeypatch.setattr(
        ui.app, "run_app", lambda args, reopen_last=False: calls.append((args, reopen_last)) or 0
    )
    assert main([]) == 0 and main(["gui"]) == 0
    assert calls == [([], True), ([], False)]


def test_about_box_names_app_version_and_source(qtbot):
    window = open_window(qtbot)
    window.menu_actions["aboutAction"].trigger()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None and box.isVisible()
    text = box.text()
    assert "Force Planner" in text and planner.__version__ in text
    assert "European leaders eye troops for Ukraine ceasefire" in text
    assert window.menu_actions["aboutAction"] in window.menuBar().actions()[-1].menu().actions()
    box.close()
