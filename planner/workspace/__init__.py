"""The workspace: scenarios, their versions and their results in one SQLite file.

Pure Python over sqlite-utils; the command line (:mod:`planner.cli.workspace`)
and the GUI's workspace browser both go through :class:`Workspace`.
"""

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
