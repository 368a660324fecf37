"""Spreadsheets are read and written off the GUI thread; the window answers, and Cancel works."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from planner.scenario.io import default_scenario
from tests.helpers.gui import open_window
from ui.commands import spreadsheet_commands


def test_a_slow_read_runs_on_a_worker_thread_and_can_be_cancelled(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot)
    release, threads, ticks = threading.Event(), [], []

    def slow_read(path, scenario):
        threads.append(threading.current_thread())
        release.wait(30)
        return scenario, []

    monkeypatch.setattr(spreadsheet_commands, "read_nations", slow_read)
    beat = QTimer()
    beat.timeout.connect(lambda: ticks.append(1))  # the GUI thread keeps running its loop
    beat.start(20)

    def cancel_when_shown() -> None:
        dialog = window.findChild(QProgressDialog, "spreadsheetProgress")
        answered = len(ticks) >= 5  # the loop ran while the worker was blocked in the read
        if dialog is not None and dialog.isVisible() and answered:
            dialog.findChild(QPushButton).click()  # as the planner presses Cancel
        else:
            QTimer.singleShot(50, cancel_when_shown)

    QTimer.singleShot(50, cancel_when_shown)
    assert window.sheets.import_nations(tmp_path / "slow.xlsx") is False
    beat.stop()
    release.set()
    assert threads and threads[0] is not threading.main_thread()
    assert len(ticks) >= 5  # the window answered while the file was being read
    assert "cancelled; nothing changed" in window.statusBar().currentMessage()
    assert window.document.scenario == default_scenario() and not window.document.dirty
    qtbot.waitUntil(lambda: not window.sheets.worker.busy, timeout=10_000)


def test_an_export_is_written_off_the_gui_thread(qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot)
    threads = []
    real = spreadsheet_commands.write_nations

    def recording(scenario, path):
        threads.append(threading.current_thread())
        real(scenario, path)

    monkeypatch.setattr(spreadsheet_commands, "write_nations", recording)
    assert window.sheets.export_nations(tmp_path / "nations.xlsx")
    assert threads[0] is not threading.main_thread()
    assert (tmp_path / "nations.xlsx").stat().st_size > 0
    assert QApplication.activeModalWidget() is None  # the dialog is gone
