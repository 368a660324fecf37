"""Shared by the tests of least cost over periods (blocks of periods, windows)."""

from __future__ import annotations

from planner.optimise.program import ForceProgram, build_hard_program, enforce, soft_rows
from planner.optimise.solver import HighsSession, SolveOutcome
from planner.rules.objectives import set_objective
from planner.scenario.model import Scenario
from tests.helpers.reference.strategies import scenarios

SEVERAL = scenarios(budget=20_000).filter(
    lambda raw: (raw.get("periods") or {}).get("count", 1) > 1
)
"""Small random scenario@2 files with more than one period."""


def least_cost_program(scenario: Scenario) -> ForceProgram:
    """The spec's program of `scenario` with every rule enforced, objective min_cost."""
    program = build_hard_program(scenario)
    enforce(program, soft_rows(program))
    set_objective(program, "min_cost")
    return program


def as_reference(allocation):  # type: ignore[no-untyped-def]
    """A plan as the reference checker reads it: (nation, unit, area, period) -> count."""
    return {(c.nation, c.unit, c.area, c.period): v for c, v in allocation.items() if v}


def dearest_plan(program: ForceProgram, seconds: float = 10) -> SolveOutcome:
    """The costliest plan of `program` (every rule kept): the worst start a search can have."""
    dearest = HighsSession(program.model)
    dearest.set_objective([-c for c in program.model.col_cost])
    return dearest.run(seconds)
