"""What every GUI test shares, set up once: offscreen Qt, skips, private settings.

Qt picks its platform when the application starts, so the offscreen default
is set before any test module imports PySide6. Without PySide6 or pyqtgraph
(a core-only install) the GUI tests are skipped, not failed, and the rest
of the suite still runs. Every test gets private settings: no GUI test can
read or write the user's remembered files, layout, workspace or autosaves.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MISSING = [name for name in ("PySide6", "pyqtgraph") if importlib.util.find_spec(name) is None]
collect_ignore_glob = ["test_*.py"] if MISSING else []


def pytest_report_header() -> str | None:
    """Say why the GUI tests did not run, at the top of the run."""
    return f"GUI tests skipped: {', '.join(MISSING)} not installed" if MISSING else None


@pytest.fixture(autouse=True)
def private_settings(tmp_path, qapp, monkeypatch) -> Path:
    """Remembered files, layout, workspace and autosaves go to a temporary folder."""
    from PySide6.QtCore import QSettings

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("FORCE_PLANNER_WORKSPACE", raising=False)
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder
