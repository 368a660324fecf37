"""GUI timings a planner feels, medians printed by one command.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_bench.py [--edits N] [--solves N]

1. A changed cell to updated charts, without a solve: a nations ceiling is
   set through the Qt model (validation, undo command, grid, charts), then
   the pending paint events are processed (the window is 1600x960, painted
   in software when offscreen). The part before painting is printed too.
2. An auto re-solve of the default scenario: an edit with auto-optimise on,
   to the new plan in the grid and charts, minus the debounce pause.

Runs with its own temporary QSettings, so the user's settings are untouched.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from planner.scenario.io import default_scenario  # noqa: E402

WAIT_MS = 120_000


def _wait(signal) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(WAIT_MS, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def _flush(app: QApplication) -> None:
    for _ in range(2):
        app.processEvents()


def edit_to_charts(app: QApplication, window, edits: int) -> tuple[list[float], list[float]]:
    """Seconds from setData on a ceiling cell to (chart data updated, window repainted)."""
    from ui.editors.nations_model import COLUMNS

    model = window.nations_model
    index = model.index(0, [c.field for c in COLUMNS].index("max_troops"))
    updated, painted = [], []
    for i in range(edits):
        value = 9000 + 100 * (i % 10) + (i % 2)
        start = time.perf_counter()
        assert model.setData(index, value)
        updated.append(time.perf_counter() - start)
        assert window.charts.ceilings.getData()[1][0] == value
        _flush(app)
        painted.append(time.perf_counter() - start)
    return updated, painted


def auto_resolve(app: QApplication, window, solves: int) -> tuple[list[float], list[float]]:
    """(edit -> plan on screen minus the debounce, solve start -> plan on screen), seconds."""
    from ui.editors.nations_model import COLUMNS

    model = window.nations_model
    index = model.index(0, [c.field for c in COLUMNS].index("max_troops"))
    debounce = window.auto.timer.interval() / 1000.0
    window.menu_actions["autoOptimiseAction"].trigger()
    _wait(window.worker.finished)  # switching on solves once
    fired: list[float] = []
    window.auto.timer.timeout.connect(lambda: fired.append(time.perf_counter()))
    totals, solves_only = [], []
    for i in range(solves):
        value = 7000 + 500 * (i % 4)
        start = time.perf_counter()
        assert model.setData(index, value)
        _wait(window.worker.finished)  # connected after the window's slot: plan is shown
        _flush(app)
        done = time.perf_counter()
        assert window.result is not None and window.result.scenario == window.document.scenario
        totals.append(done - start - debounce)
        solves_only.append(done - fired[-1])
    window.menu_actions["autoOptimiseAction"].trigger()
    return totals, solves_only


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--solves", type=int, default=15)
    options = parser.parse_args(argv)
    folder = tempfile.mkdtemp(prefix="fp-bench-settings-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui.main_window import MainWindow

    window = MainWindow(default_scenario(), remember=False)
    window.show()
    _flush(app)
    window.optimise()
    _wait(window.worker.finished)
    _flush(app)
    updated, edits = edit_to_charts(app, window, options.edits)
    totals, solves = auto_resolve(app, window, options.solves)
    ms = 1000.0
    print(f"platform: {app.platformName()}, default scenario, plan on screen")
    print(
        f"edit -> charts updated and window repainted (no solve): median "
        f"{statistics.median(edits) * ms:.1f} ms (n={len(edits)}, min {min(edits) * ms:.1f}, "
        f"max {max(edits) * ms:.1f})"
    )
    print(
        f"  of which edit -> chart data set (validation, undo, grid, charts): median "
        f"{statistics.median(updated) * ms:.1f} ms"
    )
    print(
        f"auto re-solve, edit -> plan on screen minus {window.auto.timer.interval()} ms "
        f"debounce: median {statistics.median(totals) * ms:.0f} ms (n={len(totals)}, "
        f"min {min(totals) * ms:.0f}, max {max(totals) * ms:.0f})"
    )
    print(
        f"  of which solve start -> plan on screen: median {statistics.median(solves) * ms:.0f} ms"
    )
    window.document.undo_stack.setClean()
    window.worker.shutdown()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
