"""File > Export brief runs solve and PDF off the UI thread and reports in the status bar."""

from __future__ import annotations

import json
import sys

from planner.scenario.io import loads_scenario
from tests.helpers.generators import generate
from tests.helpers.gui import open_window


def test_export_brief_writes_the_pdf_and_says_so(qtbot, tmp_path):
    # a small scenario: the export runs every analysis, and what is tested is the flow
    window = open_window(qtbot, loads_scenario(json.dumps(generate(6, 5, 0))))
    action = window.menu_actions["exportBriefAction"]
    assert action.objectName() == "exportBriefAction"
    assert action.shortcut().toString() == "Ctrl+E"
    out = tmp_path / "brief.pdf"
    progress = []
    window.brief.progress.connect(progress.append)
    with qtbot.waitSignal(window.brief.finished, timeout=180_000) as blocker:
        assert window.brief.export_brief(out)
        assert not action.isEnabled()  # one export at a time; the window stays live
        assert window.menu_actions["cancelBriefAction"].isEnabled()
    message, written = blocker.args
    assert written, message
    assert out.read_bytes().startswith(b"%PDF")
    assert "brief.pdf" in window.statusBar().currentMessage()
    assert action.isEnabled() and not window.menu_actions["cancelBriefAction"].isEnabled()
    assert progress[0] == "Brief: solving…" and progress[-1] == "Brief: writing the brief…"
    assert "Brief: analysis 6 of 6: if a nation pulls out late…" in progress  # every step named


def test_a_brief_export_can_be_cancelled_and_writes_nothing(qtbot, tmp_path):
    window = open_window(qtbot)
    out = tmp_path / "brief.pdf"
    with qtbot.waitSignal(window.brief.finished, timeout=180_000) as blocker:
        assert window.brief.export_brief(out)
        qtbot.waitUntil(lambda: "analysis" in window.statusBar().currentMessage(), timeout=60_000)
        window.menu_actions["cancelBriefAction"].trigger()
    message, written = blocker.args
    assert not written and "cancelled" in message and not out.exists()


def _progress_dialog(window):
    from PySide6.QtWidgets import QProgressDialog

    return window.findChild(QProgressDialog, "briefProgress")


def test_the_export_shows_a_progress_dialog_that_closes_when_written(qtbot, tmp_path):
    window = open_window(qtbot, loads_scenario(json.dumps(generate(6, 5, 0))))
    out = tmp_path / "brief.pdf"
    seen = []
    window.brief.progress.connect(
        lambda _text: seen.append((_progress_dialog(window).labelText(), window.isEnabled()))
    )
    with qtbot.waitSignal(window.brief.finished, timeout=180_000) as blocker:
        assert window.brief.export_brief(out)
        dialog = _progress_dialog(window)
        assert dialog is not None and dialog.isVisible()
        assert dialog.windowTitle() == "Export brief" and "brief.pdf" in dialog.labelText()
        assert not dialog.isModal()  # off the UI thread: the window stays live beside it
    assert blocker.args[1], blocker.args[0]
    assert ("Brief: writing the brief…", True) in seen
    qtbot.waitUntil(lambda: _progress_dialog(window) is None)  # closed and deleted


def test_cancel_in_the_progress_dialog_stops_the_export(qtbot, tmp_path):
    from PySide6.QtWidgets import QPushButton

    window = open_window(qtbot)
    out = tmp_path / "brief.pdf"
    with qtbot.waitSignal(window.brief.finished, timeout=180_000) as blocker:
        assert window.brief.export_brief(out)
        dialog = _progress_dialog(window)
        qtbot.waitUntil(lambda: "analysis" in dialog.labelText(), timeout=60_000)
        button = dialog.findChild(QPushButton)
        assert button.text() == "Cancel"
        button.click()
    message, written = blocker.args
    assert not written and "cancelled" in message and not out.exists()
    qtbot.waitUntil(lambda: _progress_dialog(window) is None)


def test_the_brief_takes_the_plan_on_screen_and_the_analyses_the_dock_has_finished(
    qtbot, tmp_path, monkeypatch
):
    import planner.analyses.withdrawal
    import planner.solve
    from tests.helpers.gui import optimise

    window = open_window(qtbot, loads_scenario(json.dumps(generate(6, 5, 0))))
    result = optimise(qtbot, window)
    assert result.status == "optimal" and window.document.result is result
    dock = window.analyses_dock
    callers: list[str] = []  # the functions that called solve
    real_solve = planner.solve.solve

    def spy(*args, **kwargs):
        callers.append(sys._getframe(1).f_code.co_name)
        return real_solve(*args, **kwargs)

    monkeypatch.setattr(planner.solve, "solve", spy)
    with qtbot.waitSignal(dock.runner.finished, timeout=120_000):
        assert dock.run(dock.view("withdrawal"))
    assert set(dock.finished()) == {"withdrawal"}
    assert "baseline_for" not in callers  # the dock handed it the plan on screen's solve
    ran: list[str] = []
    real = planner.analyses.withdrawal.analyse_withdrawal
    monkeypatch.setattr(
        planner.analyses.withdrawal,
        "analyse_withdrawal",
        lambda *a, **k: ran.append("withdrawal") or real(*a, **k),
    )
    out = tmp_path / "brief.pdf"
    with qtbot.waitSignal(window.brief.finished, timeout=180_000) as blocker:
        assert window.brief.export_brief(out)
    message, written = blocker.args
    assert written, message
    assert "1 analysis already run was not run again" in message, message
    assert ran == []  # not run again
    assert "make_brief" not in callers and "baseline_for" not in callers  # nor solved again
    # a second export of the same scenario (another file, say) runs none of its analyses again
    with qtbot.waitSignal(window.brief.finished, timeout=180_000) as blocker:
        assert window.brief.export_brief(tmp_path / "again.pdf")
    message, written = blocker.args
    assert written and "6 analyses already run were not run again" in message, message
    # after an edit nothing is taken: the scenario is another one
    from tests.helpers.gui import set_ceiling

    code = window.document.scenario.nations[0].code
    set_ceiling(window, code, window.document.scenario.nations[0].max_troops + 500)
    with qtbot.waitSignal(window.brief.finished, timeout=180_000) as blocker:
        assert window.brief.export_brief(tmp_path / "edited.pdf")
    message, written = blocker.args
    assert written and "not run again" not in message, message
    assert ran == ["withdrawal"]


def test_the_written_sentence_names_analyses_a_time_limit_stopped_in_words():
    from pathlib import Path

    from planner.brief.analyses import BriefAnalyses
    from planner.brief.make import MadeBrief
    from ui.commands.brief_export import written_sentence

    analyses = BriefAnalyses(unfinished=["sensitivity", "pareto"], time_limit=600)
    analyses.reused = ("backstop",)
    result = type("R", (), {"status": "optimal"})()
    made = MadeBrief(19, result, analyses, ["not finished within ..."], True)  # type: ignore[arg-type]
    text = written_sentence(Path("paris.pdf"), made)
    assert text == (
        "Brief written to paris.pdf: 19 pages, plan optimal; 1 analysis already run was not run "
        "again. Not finished within the 600 s time limit, so none of their figures are shown: "
        "what moves the result (sensitivity), what fairness costs (pareto)."
    ), text
