"""What the app remembers between runs (QSettings): recent files, last file, window layout.

All reads and writes go through :func:`settings`, so tests can point
``QSettings`` at a temporary folder (``QSettings.setPath``) and never touch
the planner's real preferences.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Force Planner"
APPLICATION = "Force Planner"
MAX_RECENT = 8
RECENT_KEY = "files/recent"
LAST_KEY = "files/last"
GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"


def settings() -> QSettings:
    return QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def _strings(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):  # a list of strings, as QSettings stores one
        return [str(v) for v in value]
    return [str(value)]


def recent_files() -> list[str]:
    return _strings(settings().value(RECENT_KEY))[:MAX_RECENT]


def add_recent(path: str | Path) -> None:
    """Put `path` first in the recent list and remember it as the last file."""
    text = str(Path(path).resolve())
    files = [text, *(f for f in recent_files() if f != text)][:MAX_RECENT]
    store = settings()
    store.setValue(RECENT_KEY, files)
    store.setValue(LAST_KEY, text)


def forget_recent(path: str | Path) -> None:
    text = str(Path(path).resolve())
    settings().setValue(RECENT_KEY, [f for f in recent_files() if f != text])


def clear_recent() -> None:
    settings().setValue(RECENT_KEY, [])


def last_file() -> str | None:
    """The last file opened or saved; None when it was a workspace version (or nothing)."""
    value = settings().value(LAST_KEY)
    if not value or str(value).startswith(VERSION_PREFIX):
        return None
    return str(value)


VERSION_PREFIX = "workspace:"


def remember_version(ref: str) -> None:
    """A workspace version ("NAME@N") is what the planner had open last."""
    settings().setValue(LAST_KEY, VERSION_PREFIX + ref)


def last_version() -> str | None:
    """The workspace version opened or saved last, if that was the last thing open."""
    value = settings().value(LAST_KEY)
    if value and str(value).startswith(VERSION_PREFIX):
        return str(value)[len(VERSION_PREFIX) :]
    return None


def save_layout(geometry: QByteArray, state: QByteArray) -> None:
    store = settings()
    store.setValue(GEOMETRY_KEY, geometry)
    store.setValue(STATE_KEY, state)


def layout() -> tuple[QByteArray | None, QByteArray | None]:
    store = settings()
    geometry, state = store.value(GEOMETRY_KEY), store.value(STATE_KEY)
    return (
        geometry if isinstance(geometry, QByteArray) else None,
        state if isinstance(state, QByteArray) else None,
    )


WORKSPACE_KEY = "workspace/path"


def workspace_path() -> Path:
    """The workspace file the browser shows: the planner's choice, else the default."""
    from planner.workspace.location import default_workspace_path

    chosen = settings().value(WORKSPACE_KEY)
    return Path(str(chosen)) if chosen else default_workspace_path()


def set_workspace_path(path: str | Path) -> None:
    settings().setValue(WORKSPACE_KEY, str(path))
