"""The one worker: progress, results and errors reach the GUI thread; a replaced job is dropped."""

from __future__ import annotations

import threading

from tests.helpers.gui import open_window
from ui.workers.worker import Progress, Worker

WAIT_MS = 60_000


def _counting(steps: int):
    def job(cancel: threading.Event, progress: Progress) -> int:
        for done in range(1, steps + 1):
            progress(done, steps)
        return steps * 10

    return job


def _failing(cancel: threading.Event, progress: Progress) -> None:
    raise RuntimeError("the disk is full")


def test_progress_and_the_result_arrive_and_the_worker_is_free_again(qtbot):
    worker = Worker()
    seen: list[tuple[int, int]] = []
    worker.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as blocker:
        assert worker.start("count", _counting(3))
        assert not worker.start("again", _counting(1))  # one job at a time
    assert blocker.args == [30] and not worker.busy and worker.name == "count"
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=WAIT_MS)
    assert seen == [(1, 3), (2, 3), (3, 3)]
    worker.shutdown()


def test_an_error_is_one_sentence_after_the_worker_s_prefix(qtbot):
    worker = Worker(error_prefix="The analysis stopped with an error")
    with qtbot.waitSignal(worker.failed, timeout=WAIT_MS) as blocker:
        worker.start("broken", _failing)
    assert blocker.args == ["The analysis stopped with an error: the disk is full"]
    assert not worker.busy
    worker.shutdown()


def test_a_restarted_job_drops_the_answer_of_the_one_it_replaced(qtbot):
    worker = Worker()
    release = threading.Event()

    def slow(cancel: threading.Event, progress: Progress) -> str:
        release.wait(WAIT_MS / 1000)
        return "old"

    answers: list[object] = []
    worker.finished.connect(answers.append)
    worker.start("slow", slow)
    worker.restart("new", lambda cancel, progress: "new")
    release.set()
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS)
    qtbot.wait(200)
    assert answers == ["new"]
    worker.shutdown()


def test_a_solver_error_is_said_in_the_window_and_optimise_works_again(qtbot, monkeypatch):
    import ui.workers.solve_job as solve_job

    def broken(*args, **kwargs):
        raise RuntimeError("HiGHS is missing")

    monkeypatch.setattr(solve_job, "solve", broken)
    window = open_window(qtbot)
    with qtbot.waitSignal(window.worker.failed, timeout=WAIT_MS):
        window.menu_actions["optimiseAction"].trigger()
    assert window.solve_label.text() == "Solver error"
    assert window.statusBar().currentMessage() == (
        "The solver stopped with an error: HiGHS is missing"
    )
    assert window.menu_actions["optimiseAction"].isEnabled()
    assert not window.menu_actions["cancelAction"].isEnabled()


def test_a_brief_that_cannot_be_made_says_so_and_writes_nothing(qtbot, monkeypatch, tmp_path):
    import planner.solve

    def broken(*args, **kwargs):
        raise RuntimeError("HiGHS is missing")

    monkeypatch.setattr(planner.solve, "solve", broken)  # the brief job imports it when it runs
    window = open_window(qtbot)
    target = tmp_path / "brief.pdf"
    with qtbot.waitSignal(window.brief.finished, timeout=WAIT_MS) as blocker:
        assert window.brief.export_brief(target)
    assert blocker.args == ["The brief could not be made: HiGHS is missing", False]
    assert not target.exists() and window.menu_actions["exportBriefAction"].isEnabled()
