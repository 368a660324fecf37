"""The odds tab shows every share with its 95% interval, and a cancelled run as partial.

Issue "Every figure true", item 2: Cancel after 3 s showed "0.3% of 975
draws" as if it were the answer, and the bar sat at 97% after 0.4 s.
"""

from __future__ import annotations

from planner.analyses.shares import interval_text
from tests.helpers.gui import (
    open_window,
)
from ui.views.analyses.table import PARTIAL_STYLE, cell_texts

RUN_MS = 300_000


def test_a_full_odds_run_shows_its_intervals(qtbot):
    window = open_window(qtbot)
    dock = window.analyses_dock
    view = dock.view("odds")
    view.draws.setValue(200)
    view.seed.setValue(5)
    with qtbot.waitSignal(dock.runner.finished, timeout=RUN_MS) as blocker:
        assert window.run_analysis(view)
    analysis = blocker.args[0]
    assert analysis.complete
    text = view.summary.text()
    assert f"(95% CI {interval_text(analysis.feasible)})" in text and "Partial" not in text
    assert cell_texts(view.nations, 4) == [interval_text(n.available) for n in analysis.nations]
    assert cell_texts(view.nations, 6) == [interval_text(n.used) for n in analysis.nations]
    assert cell_texts(view.requirements, 3) == [interval_text(r.met) for r in analysis.requirements]


def test_a_cancelled_odds_run_says_partial_and_its_bar_tracked_work(qtbot):
    window = open_window(qtbot)
    dock = window.analyses_dock
    view = dock.view("odds")
    view.draws.setValue(1000)
    seen: list[tuple[int, int]] = []

    def on_progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= max(1, total // 4):
            dock.cancel_button.click()

    dock.runner.progress.connect(on_progress)
    with qtbot.waitSignal(dock.runner.finished, timeout=RUN_MS) as blocker:
        assert window.run_analysis(view)
    analysis = blocker.args[0]
    assert not analysis.complete and 0 < analysis.draws_done < 1000
    text = view.summary.text()
    assert text.startswith(f"Partial (cancelled): {analysis.draws_done:,} of 1,000 draws")
    assert f"(95% CI {interval_text(analysis.feasible)})" in text
    assert view.summary.styleSheet() == PARTIAL_STYLE
    assert "partial" in dock.status.text()
    units = analysis.work.sets - analysis.work.screened  # sets a solver had to settle
    totals = [total for _, total in seen]  # the draws' work plus the most the sampled plans need
    assert totals == sorted(totals, reverse=True) and units <= totals[-1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[0][0] == 0 and dock.progress.format() == "%p%"
