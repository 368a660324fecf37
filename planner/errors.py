"""Errors that carry a sentence written for the planner, never a traceback."""

from __future__ import annotations


class PlannerError(Exception):
    """Base of every error the command line and GUI show as one line."""


class ScenarioError(PlannerError):
    """A scenario file that cannot be read or breaks a rule of spec section 1.

    `path` names the field (``nations[3].max_troops``) or is empty for
    problems with the file as a whole.
    """

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)
