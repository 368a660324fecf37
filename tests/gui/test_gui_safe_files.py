"""The window neither hangs on a pipe nor replaces one, and saves through a symlink."""

from __future__ import annotations

import os
import signal
import stat
from contextlib import contextmanager

from planner.scenario.io import default_scenario, default_scenario_text, load_scenario
from tests.helpers.gui import (
    open_window,
)

WAIT = 60


@contextmanager
def answers_within(seconds: int = WAIT):
    """Fail instead of hanging: an alarm interrupts a blocked open() on the GUI thread."""

    def hung(signum, frame):
        raise AssertionError(f"still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_opening_a_pipe_says_so_and_keeps_the_scenario(qtbot, tmp_path):
    window = open_window(qtbot)
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with answers_within():
        assert window.files.open_file(pipe) is False
    assert "named pipe" in window.statusBar().currentMessage()
    assert window.document.scenario == default_scenario()


def test_save_as_onto_a_pipe_is_refused_and_the_pipe_stays(qtbot, tmp_path):
    window = open_window(qtbot)
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    assert not window.files.save_as(pipe)
    assert "named pipe, not a regular file" in window.statusBar().currentMessage()
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_save_through_a_symlink_updates_its_target(qtbot, tmp_path):
    target = tmp_path / "real.json"
    target.write_text(default_scenario_text())
    link = tmp_path / "link.json"
    link.symlink_to(target)
    window = open_window(qtbot)
    assert window.files.open_file(link)
    assert window.files.save()
    assert link.is_symlink() and load_scenario(target) == default_scenario()


def test_a_spreadsheet_pipe_is_refused_in_the_window(qtbot, tmp_path):
    window = open_window(qtbot)
    window.sheets.show_spreadsheet_error = lambda message: setattr(window, "said", message)
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    with answers_within():
        assert window.sheets.import_nations(pipe) is False
    assert "named pipe" in window.said
    assert not window.sheets.export_nations(pipe) and stat.S_ISFIFO(os.lstat(pipe).st_mode)
