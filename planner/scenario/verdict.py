"""What ``force-planner validate`` says about a file: valid, or every problem found.

One line per problem, each naming the field, so a planner fixing a file from
a colleague sees the whole list at once instead of one error per run; the
same as JSON for tools (`validate --json`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.errors import ScenarioError, quoted
from planner.files import input_label
from planner.scenario.io import read_scenario_data
from planner.scenario.model import Scenario
from planner.scenario.shape import Problem
from planner.scenario.validation import MAX_PROBLEMS, check_scenario


@dataclass(frozen=True)
class ValidationReport:
    file: str
    """The file as messages name it (``-`` is standard input)."""
    scenario: Scenario | None
    problems: tuple[Problem, ...]
    readable: bool = True
    """False when the file is not a JSON document at all (then one problem says why)."""

    @property
    def valid(self) -> bool:
        return self.scenario is not None

    @property
    def complete(self) -> bool:
        """False when the list stopped at :data:`MAX_PROBLEMS` and more may follow."""
        return len(self.problems) < MAX_PROBLEMS

    def summary(self) -> str:
        assert self.scenario is not None
        s = self.scenario
        return (
            f"{self.file}: valid scenario {quoted(s.name, 200)} with "
            f"{len(s.nations)} nations and {len(s.unit_types)} unit types"
        )

    def lines(self) -> list[str]:
        """One line per problem, then how many, for a person reading a terminal."""
        out = [f"{self.file}: {problem}" for problem in self.problems]
        count = len(self.problems)
        if not self.complete:
            out.append(f"{self.file}: stopped after {count} problems; fix these and validate again")
        elif count > 1:
            out.append(f"{self.file}: {count} problems")
        return out

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "valid": self.valid}
        if self.scenario is not None:
            out.update(
                schema=self.scenario.schema,
                name=self.scenario.name,
                nations=len(self.scenario.nations),
                unit_types=len(self.scenario.unit_types),
            )
        out["problems"] = [
            {"path": p.path, "message": p.message, "kind": _kind(p, self.readable)}
            for p in self.problems
        ]
        out["complete"] = self.complete
        return out


def _kind(problem: Problem, readable: bool) -> str:
    """``file`` (not JSON at all), ``shape`` (the JSON Schema agrees) or ``rule``."""
    if not readable:
        return "file"
    return "shape" if problem.shape else "rule"


def validation_report(path: str | Path) -> ValidationReport:
    """Read and check the scenario file at `path` (``-``: standard input); never raises for it."""
    label = input_label(str(path))
    try:
        data = read_scenario_data(path)
    except ScenarioError as exc:
        return ValidationReport(label, None, (Problem(exc.path, exc.problem),), readable=False)
    scenario, problems = check_scenario(data)
    return ValidationReport(label, scenario, tuple(problems))
