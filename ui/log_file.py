"""The app's log file in the user's state directory, and faulthandler writing to it.

``$XDG_STATE_HOME/force-planner/force-planner.log`` (by default
``~/.local/state/force-planner/``): what a planner sends with a bug report.
Free of Qt, so the launcher opens it before the GUI loads; a fatal error
in Qt itself (a segfault) is written there by :mod:`faulthandler`. A home
that cannot be written leaves the app without a log, never without a window.
"""

from __future__ import annotations

import faulthandler
import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO

LOGGER = "force_planner"
LOG_NAME = "force-planner.log"
MAX_BYTES = 1_000_000
BACKUPS = 2

_fault_file: IO[str] | None = None


def state_dir() -> Path:
    """The per-user state folder of the app (XDG base directory specification)."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "force-planner"


def log_path() -> Path:
    return state_dir() / LOG_NAME


def log() -> logging.Logger:
    return logging.getLogger(LOGGER)


def start_log() -> Path | None:
    """Log to the file and route fatal errors there; None where it cannot be written.

    Once per log file: called again for the same file it changes nothing.
    """
    global _fault_file
    logger = log()
    path = log_path()
    ours = [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]
    if any(Path(h.baseFilename) == path for h in ours):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        fault_file = open(path, "a", encoding="utf-8")  # noqa: SIM115 (open for the process)
    except OSError:
        return None
    for old in ours:  # the state directory moved (a test, another XDG_STATE_HOME)
        logger.removeHandler(old)
        old.close()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    faulthandler.enable(file=fault_file, all_threads=True)
    if _fault_file is not None:
        _fault_file.close()
    _fault_file = fault_file
    return path


def stop_log() -> None:
    """Close the log file and stop faulthandler writing to it (tests; the app never stops)."""
    global _fault_file
    logger = log()
    for handler in [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]:
        logger.removeHandler(handler)
        handler.close()
    if _fault_file is not None:
        faulthandler.disable()
        _fault_file.close()
        _fault_file = None
