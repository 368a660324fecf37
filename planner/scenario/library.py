"""The built-in scenarios: dated pictures of the public record, the newest first.

Each entry names a file in ``resources/``. The newest is the default a
planner starts from (the app without a file, ``force-planner default``);
older ones stay so that earlier conclusions can be reproduced. The
``2025-02-original`` file is the scenario as first shipped, with the
figures later found wrong (docs/research/builtin-scenarios.md lists the
corrections); tests and benchmarks pin their figures on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from planner.errors import PlannerError
from planner.scenario.io import loads_scenario
from planner.scenario.model import Scenario


@dataclass(frozen=True)
class Builtin:
    name: str
    """What a planner types: ``force-planner default 2026-01-paris``."""
    title: str
    as_of: str
    """The date of the case it pictures (its sources may be later: corrections)."""
    resource: str

    def text(self) -> str:
        """The file exactly as shipped."""
        return resources.files("resources").joinpath(self.resource).read_text(encoding="utf-8")

    def scenario(self) -> Scenario:
        return loads_scenario(self.text())


BUILTIN: tuple[Builtin, ...] = (
    Builtin(
        "2026-01-paris",
        "January 2026: after the Paris Declaration (areas, eight quarters, rotation)",
        "2026-01-09",
        "scenarios/2026-01-paris.json",
    ),
    Builtin(
        "2025-02-report",
        "February 2025: the report that started the project, figures corrected",
        "2025-02",
        "scenarios/2025-02-report.json",
    ),
    Builtin(
        "2025-02-original",
        "February 2025 as first shipped (uncorrected; kept to reproduce earlier results)",
        "2025-02",
        "default_scenario.json",
    ),
)
NEWEST = BUILTIN[0]


def builtin(name: str) -> Builtin:
    """The built-in scenario called `name`; the error lists the names there are."""
    for entry in BUILTIN:
        if entry.name == name:
            return entry
    choices = ", ".join(b.name for b in BUILTIN)
    raise PlannerError(f"no built-in scenario {name[:60]!r}; choose from {choices}")


def newest_scenario() -> Scenario:
    """The scenario a planner starts from: the newest built-in."""
    return NEWEST.scenario()
