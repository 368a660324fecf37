"""``force-planner gui [FILE] [--optimize] [--screenshot OUT.png]``: start the desktop app.

With ``--screenshot`` the app is scriptable for checks: it opens the window,
optionally optimises and waits for the result, saves a picture of the whole
window and exits 0 (1 with one sentence on stderr if the file is unusable).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from planner.errors import ScenarioError
from planner.scenario_io import default_scenario, load_scenario

SOLVE_WAIT_MS = 300_000


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="force-planner gui", description="Open the Force Planner window."
    )
    parser.add_argument("file", nargs="?", help="scenario JSON (default: built-in scenario)")
    parser.add_argument(
        "--optimize", "--optimise", action="store_true", help="optimise once the window is open"
    )
    parser.add_argument(
        "--screenshot", metavar="OUT.png", help="save a picture of the window and exit"
    )
    return parser.parse_args(args)


def run_app(args: list[str]) -> int:
    try:
        options = parse_args(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        path = Path(options.file) if options.file else None
        scenario = load_scenario(path) if path else default_scenario()
    except ScenarioError as exc:
        print(f"force-planner: {options.file}: {exc}", file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Force Planner")
    app.setOrganizationName("Force Planner")
    from ui.main_window import MainWindow  # after QApplication: pyqtgraph needs it

    window = MainWindow(scenario, path)
    window.show()
    if options.optimize:
        window.optimise()
    if options.screenshot:
        return _screenshot(app, window, Path(options.screenshot), options.optimize)
    return app.exec()


def _screenshot(app: QApplication, window, out: Path, wait_for_solve: bool) -> int:
    if wait_for_solve and window.worker.busy:
        loop = QEventLoop()
        window.worker.finished.connect(loop.quit)
        window.worker.failed.connect(loop.quit)
        QTimer.singleShot(SOLVE_WAIT_MS, loop.quit)
        loop.exec()
    for _ in range(3):
        app.processEvents()
    saved = window.grab().save(str(out))
    window.worker.shutdown()
    window.document.undo_stack.setClean()
    window.close()
    if not saved:
        print(f"force-planner: could not write the screenshot {out}", file=sys.stderr)
        return 1
    return 0
