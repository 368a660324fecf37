"""The workspace: scenarios, their versions and their results in one SQLite file.

Pure Python over sqlite-utils; the command line (:mod:`planner.cli.workspace`)
and the GUI's workspace browser both go through :class:`Workspace`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.workspace.errors import WorkspaceError
    from planner.workspace.location import default_workspace_path
    from planner.workspace.records import (
        AuditEntry,
        KeptResult,
        ResultInfo,
        ScenarioInfo,
        StoredVersion,
        VersionInfo,
    )
    from planner.workspace.refs import VersionRef, parse_ref
    from planner.workspace.store import Workspace

_HOMES = {
    "WorkspaceError": "errors",
    "default_workspace_path": "location",
    "AuditEntry": "records",
    "KeptResult": "records",
    "ResultInfo": "records",
    "ScenarioInfo": "records",
    "StoredVersion": "records",
    "VersionInfo": "records",
    "VersionRef": "refs",
    "parse_ref": "refs",
    "Workspace": "store",
}
"""Where each name lives: loaded on first use, so that commands which only
name a workspace path (``validate``, ``default``) never load sqlite-utils."""


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "AuditEntry",
    "KeptResult",
    "ResultInfo",
    "ScenarioInfo",
    "StoredVersion",
    "VersionInfo",
    "VersionRef",
    "Workspace",
    "WorkspaceError",
    "default_workspace_path",
    "parse_ref",
]
