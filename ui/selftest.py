"""``force-planner --selftest``: check in a few seconds that an installation is whole.

Runs the core checks of :mod:`planner.selftest` (default scenario, HiGHS,
CBC, PDF brief), then opens and closes the main window offscreen. Prints one
line per check and returns 0, or 1 naming what failed. Qt is imported only
inside the window check, so a broken Qt is reported, not a crash.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator

from planner.selftest import Check, core_checks, guarded
from ui.display import has_display


def _window() -> str:
    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from planner.scenario.io import default_scenario

    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication([sys.argv[0]])
    from ui.main_window import MainWindow  # after QApplication: pyqtgraph needs it

    window = MainWindow(default_scenario(), None, remember=False)
    window.show()
    for _ in range(3):
        app.processEvents()
    title = window.windowTitle()
    window.worker.shutdown()
    window.document.undo_stack.setClean()
    window.close()
    app.processEvents()
    return f"main window opened and closed on Qt platform '{app.platformName()}' ({title!r})"


def checks() -> Iterator[Check]:
    yield from core_checks()
    yield guarded("main window", _window)


def main() -> int:
    start = time.perf_counter()
    results = []
    for check in checks():
        print(check.line(), flush=True)
        results.append(check)
    failed = [c.name for c in results if not c.ok]
    seconds = time.perf_counter() - start
    if failed:
        print(f"force-planner: self-test FAILED ({', '.join(failed)}) in {seconds:.1f} s")
        return 1
    print(f"force-planner: self-test passed, {len(results)} checks in {seconds:.1f} s")
    return 0
