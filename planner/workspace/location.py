"""Where the workspace lives when the planner does not say (`--db PATH` overrides)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

WORKSPACE_FILE = "workspace.sqlite"
ENVIRONMENT_OVERRIDE = "FORCE_PLANNER_WORKSPACE"


def user_data_dir() -> Path:
    """The per-user data folder of this platform (XDG on Linux)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / "Force Planner"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Force Planner"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "force-planner"


def default_workspace_path() -> Path:
    """$FORCE_PLANNER_WORKSPACE if set, else workspace.sqlite in the user data folder."""
    override = os.environ.get(ENVIRONMENT_OVERRIDE)
    return Path(override) if override else user_data_dir() / WORKSPACE_FILE
