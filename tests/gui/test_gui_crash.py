"""An error nobody caught: its traceback in the log file, the autosave written, one dialog."""

from __future__ import annotations

import faulthandler
import sys
import threading

import pytest

from planner.analyses.sensitivity import with_ceiling
from tests.helpers.gui import open_window
from ui.crash import CrashHandler
from ui.log_file import log_path, stop_log


@pytest.fixture
def handler(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    window = open_window(qtbot)
    told: list[str] = []
    crash = CrashHandler(window, window.autosaver.save_now)
    crash.tell = told.append
    crash.install()
    yield window, crash, told
    crash.uninstall()
    stop_log()
    faulthandler.enable(file=sys.__stderr__)  # as pytest had it


def test_an_uncaught_error_goes_to_the_log_keeps_the_autosave_and_is_told_once(qtbot, handler):
    window, crash, told = handler
    assert log_path().parent.name == "force-planner" and "state" in str(log_path())
    window.document.edit(with_ceiling(window.document.scenario, "FR", 9000), "FR ceiling")
    try:
        raise RuntimeError("the grid fell over")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: bool(told))
    assert window.autosaver.file.exists()  # the unsaved edit survives a crash that follows
    text = log_path().read_text(encoding="utf-8")
    assert "RuntimeError: the grid fell over" in text and "Traceback" in text
    assert str(log_path()) in told[0] and "autosave" in told[0]
    sys.excepthook(ValueError, ValueError("again"), None)
    qtbot.wait(50)
    assert len(told) == 1  # one dialog a session; the log has every error
    assert "ValueError: again" in log_path().read_text(encoding="utf-8")


def test_an_error_in_another_thread_is_logged_and_told_on_the_gui_thread(qtbot, handler):
    _window, _crash, told = handler

    def fail() -> None:
        raise KeyError("worker state")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(told))
    assert "KeyError" in log_path().read_text(encoding="utf-8")


def test_the_dialog_names_the_log_file(qtbot, handler):
    window, crash, _told = handler
    box = crash._dialog(crash.message("RuntimeError: x"))
    assert box.isVisible() and str(log_path()) in box.text()
    box.close()
