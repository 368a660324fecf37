"""``force-planner gui [FILE] [--optimize] [--screenshot OUT.png]``: start the desktop app.

With ``--screenshot`` the app is scriptable for checks: it opens the window,
optionally optimises and waits for the result, saves a picture of the whole
window and exits 0 (1 with one sentence on stderr if the file is unusable).
A screenshot run neither reads nor writes the remembered layout and files,
so it looks the same on every machine. ``force-planner`` with no arguments
reopens the last file the planner had open, if it still loads.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.errors import ScenarioError, print_problem
from planner.files import write_atomically
from planner.scenario.io import load_scenario
from planner.scenario.library import NEWEST, newest_scenario
from planner.scenario.model import Scenario
from ui import numbers, settings
from ui.arguments import parse_args
from ui.crash import CrashHandler
from ui.log_file import log

if TYPE_CHECKING:  # imported for real after the QApplication exists
    from ui.main_window import MainWindow

SOLVE_WAIT_MS = 300_000
SHOWN_ENV = "FORCE_PLANNER_EXIT_WHEN_SHOWN"
"""Set: print when the window is shown and exit (benchmarks/launch.py measures with it)."""
ICON = "icons/force-planner.svg"


def last_session() -> tuple[Scenario, Path | None, str]:
    """The last file the planner had open if it still loads, else the newest built-in.

    The third item is a sentence for the status bar (empty when nothing to say).
    """
    last = settings.last_file()
    if not last:
        return newest_scenario(), None, ""
    try:
        return load_scenario(last), Path(last), f"Reopened {Path(last).name}"
    except ScenarioError as exc:
        note = f"Could not reopen {Path(last).name} ({exc}); showing the built-in {NEWEST.name}."
        return newest_scenario(), None, note


def reopen_version(window: MainWindow, ref_text: str) -> bool:
    """Open the workspace version the planner had open last; the default stays if it fails."""
    from planner.errors import PlannerError
    from planner.workspace import parse_ref

    try:
        ref = parse_ref(ref_text)
    except PlannerError:
        return False
    if ref.number is None:
        return False
    return bool(window.workspace.open_version(ref.name, ref.number))


def run_app(args: list[str], reopen_last: bool = False) -> int:
    try:
        options = parse_args(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    note = ""
    try:
        path = Path(options.file) if options.file else None
        scenario = load_scenario(path) if path else newest_scenario()
    except ScenarioError as exc:
        print_problem(f"{options.file}: {exc}")
        return 1
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication([sys.argv[0]])
    app.setApplicationName(settings.APPLICATION)
    app.setOrganizationName(settings.ORGANIZATION)
    app.setDesktopFileName("force-planner")  # the menu entry of scripts/install-desktop.sh
    app.setWindowIcon(app_icon())
    numbers.install()  # every figure read and written the planner's way
    if reopen_last and path is None:
        scenario, path, note = last_session()
    from ui.main_window import MINIMUM_SIZE, MainWindow  # after QApplication: pyqtgraph needs it

    window = MainWindow(scenario, path, remember=not options.screenshot)
    if options.screenshot:  # a picture, not a window on a screen: never below the readable size
        window.setMinimumSize(*MINIMUM_SIZE)
    if not options.screenshot:  # errors nobody caught: the log, the autosave, one dialog
        CrashHandler(window, _save_work(window)).install()  # held by sys.excepthook
        log().info("Force Planner %s opened %s", __version__, path or "the built-in scenario")
    window.show()
    if note:
        window.show_message(note)
    last_version = settings.last_version() if reopen_last and path is None else None
    if last_version is not None and not options.screenshot:
        reopen_version(window, last_version)
    if not options.screenshot:  # after the window is up, so the question has a parent
        QTimer.singleShot(0, window.recovery.offer_recovery)
    if options.optimize:
        window.optimise()
    if options.screenshot:
        return _screenshot(app, window, Path(options.screenshot), options.optimize)
    if os.environ.get(SHOWN_ENV):  # the launch benchmark: say when the window is up, then exit
        QTimer.singleShot(0, lambda: _report_shown(app, window))
    return app.exec()


def _report_shown(app: QApplication, window: MainWindow) -> None:
    """`shown <epoch seconds>` once the window's first events (expose, paint) are handled."""
    app.processEvents()
    print(f"shown {time.time():.6f}", flush=True)
    window.document.undo_stack.setClean()
    window.close()
    app.exit(0)


def app_icon() -> QIcon:
    """The icon of resources/icons (the window's and the task bar's); empty if missing."""
    icon = resources.files("resources").joinpath(ICON)
    return QIcon(str(icon)) if icon.is_file() else QIcon()


def _save_work(window: MainWindow) -> Callable[[], object]:
    """What the crash handler calls to keep the unsaved work (the autosave, written now)."""
    autosaver = window.autosaver
    return autosaver.save_now if autosaver is not None else lambda: None


def _screenshot(app: QApplication, window: MainWindow, out: Path, wait_for_solve: bool) -> int:
    if wait_for_solve and window.worker.busy:
        loop = QEventLoop()
        window.worker.finished.connect(loop.quit)
        window.worker.failed.connect(loop.quit)
        QTimer.singleShot(SOLVE_WAIT_MS, loop.quit)
        loop.exec()
    for _ in range(3):
        app.processEvents()
    problem = _save_picture(window.grab(), out)
    window.worker.shutdown()
    window.document.undo_stack.setClean()
    window.close()
    if problem:
        print_problem(f"could not write the screenshot {out}: {problem}")
        return 1
    return 0


def _save_picture(picture, out: Path) -> str:  # noqa: ANN001 (QPixmap)
    """Encode in memory, then the one atomic writer (symlinks followed, devices refused)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not picture.save(buffer, (out.suffix.lstrip(".") or "png").upper()):
        return "the picture could not be encoded (use .png)"
    try:
        write_atomically(out, bytes(data.data()))
    except OSError as exc:
        return exc.strerror or str(exc)
    return ""
