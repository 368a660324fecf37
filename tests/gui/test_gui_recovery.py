"""Autosave and crash recovery: unsaved edits survive a killed app and come back on request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from planner.exchange.recovery import SNAPSHOT_SUFFIX, write_snapshot
from planner.scenario.io import default_scenario
from tests.helpers.gui import (
    open_window,
    plan_cell,
    set_ceiling,
)
from ui.commands.recovery_commands import Recovery
from ui.workers.autosave import Autosaver, autosave_dir

ROOT = Path(__file__).resolve().parents[2]


def _snapshots() -> list[Path]:
    folder = autosave_dir()
    return sorted(folder.glob(f"*{SNAPSHOT_SUFFIX}")) if folder.is_dir() else []


def test_edits_are_autosaved_shortly_after_and_forgotten_on_a_normal_close(qtbot):
    window = open_window(qtbot)
    window.autosaver.timer.setInterval(50)
    set_ceiling(window)
    qtbot.waitUntil(lambda: len(_snapshots()) == 1, timeout=5000)
    saved = json.loads(_snapshots()[0].read_text(encoding="utf-8"))
    assert [n["max_troops"] for n in saved["scenario"]["nations"] if n["code"] == "FR"] == [9000]
    window.close()
    assert _snapshots() == []


def test_saving_the_work_removes_its_autosave(qtbot, tmp_path):
    window = open_window(qtbot)
    set_ceiling(window)
    assert window.autosaver.save_now() and len(_snapshots()) == 1
    assert window.files.save_as(tmp_path / "saved.json")
    assert _snapshots() == []


def _crash_a_session(tmp_path: Path) -> None:
    """A real app process: edit, type a count, autosave, then die by SIGKILL."""
    script = textwrap.dedent(
        """
        import dataclasses, os, signal
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from planner.scenario.plan import cell
        from ui.main_window import MainWindow
        window = MainWindow()
        s = window.document.scenario
        nations = tuple(dataclasses.replace(n, max_troops=9000) if n.code == "FR" else n
                        for n in s.nations)
        window.document.edit(dataclasses.replace(s, nations=nations), "FR ceiling")
        window.document.set_count(cell(s, "FR", "mech_inf_bn"), 3, "typed")
        assert window.autosaver.save_now()
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=os.environ["XDG_DATA_HOME"],
        XDG_CONFIG_HOME=str(tmp_path / "crashed-config"),
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert proc.returncode == -9, proc.stderr.decode()


def test_work_of_a_killed_session_is_offered_back_and_recovered(qtbot, tmp_path):
    _crash_a_session(tmp_path)
    assert len(_snapshots()) == 1
    window = open_window(qtbot)
    asked = []
    window.recovery.ask_recovery = lambda snapshot: asked.append(snapshot) or Recovery.RECOVER
    assert window.recovery.offer_recovery()
    assert asked[0].scenario.nation("FR").max_troops == 9000
    assert window.document.scenario.nation("FR").max_troops == 9000
    assert window.document.allocation == {plan_cell(window, "FR", "mech_inf_bn"): 3}
    assert window.document.dirty and window.isWindowModified()
    # the dead session's file is gone; ours holds the recovered work
    assert [p.name for p in _snapshots()] == [window.autosaver.file.name]
    assert not window.recovery.offer_recovery()  # nothing left to offer


def test_discard_deletes_and_later_keeps_the_autosave(qtbot, tmp_path):
    _crash_a_session(tmp_path)
    window = open_window(qtbot)
    window.recovery.ask_recovery = lambda snapshot: Recovery.LATER
    assert not window.recovery.offer_recovery()
    assert len(_snapshots()) == 1 and not window.document.dirty
    window.recovery.ask_recovery = lambda snapshot: Recovery.DISCARD
    assert not window.recovery.offer_recovery()
    assert _snapshots() == []


def test_a_running_windows_autosave_is_not_offered(qtbot):
    first = open_window(qtbot)
    set_ceiling(first)
    assert first.autosaver.save_now()
    second = open_window(qtbot)
    second.recovery.ask_recovery = lambda snapshot: Recovery.RECOVER
    assert not second.recovery.offer_recovery()
    assert second.document.scenario == default_scenario()


def test_an_unreadable_autosave_is_put_aside_with_a_message(qtbot):
    folder = autosave_dir()
    folder.mkdir(parents=True)
    (folder / f"broken{SNAPSHOT_SUFFIX}").write_text("{not json", encoding="utf-8")
    window = open_window(qtbot)
    window.recovery.ask_recovery = lambda snapshot: Recovery.RECOVER
    assert not window.recovery.offer_recovery()
    assert _snapshots() == [] and (folder / "broken.autosave.unreadable").exists()
    assert "could not be read" in window.statusBar().currentMessage()


def test_a_snapshot_keeps_where_the_work_came_from(qtbot, tmp_path):
    folder = autosave_dir()
    folder.mkdir(parents=True)
    write_snapshot(
        folder / f"old{SNAPSHOT_SUFFIX}", default_scenario(), {}, None, "Baseline @home@4"
    )
    window = open_window(qtbot)
    window.recovery.ask_recovery = lambda snapshot: Recovery.RECOVER
    assert window.recovery.offer_recovery()
    assert str(window.document.origin) == "Baseline @home@4"
    assert window.windowTitle().startswith("Baseline @home@4")


def test_autosave_failure_is_said_once(qtbot, tmp_path):
    window = open_window(qtbot)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    saver = Autosaver(window.document, lambda: (None, None), directory=blocker / "sub")
    messages = []
    saver.failed.connect(messages.append)
    set_ceiling(window)
    assert not saver.save_now() and not saver.save_now()
    assert len(messages) == 1 and "Autosave failed" in messages[0]


def test_a_snapshot_whose_origin_is_no_version_is_recovered_as_new_work(qtbot):
    folder = autosave_dir()
    folder.mkdir(parents=True)
    origin = "Baseline@99999999999999999999999"  # no workspace holds such a version
    write_snapshot(folder / f"odd{SNAPSHOT_SUFFIX}", default_scenario(), {}, None, origin)
    window = open_window(qtbot)
    window.recovery.ask_recovery = lambda snapshot: Recovery.RECOVER
    assert window.recovery.offer_recovery()
    assert window.document.origin is None and window.document.dirty
