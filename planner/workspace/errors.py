"""The one error a workspace raises: a sentence naming the file and what is wrong."""

from __future__ import annotations

from pathlib import Path

from planner.errors import PlannerError


class WorkspaceError(PlannerError):
    """A workspace that cannot be opened, read or written, said in planner words."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"workspace {path}: {problem}")
