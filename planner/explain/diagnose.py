"""Spec sections 3 and 8: why no plan exists, and the plan that comes closest.

Three questions, each answered with the hard program (the nations' own
statements) as the fixed ground:
- closest plan: an elastic solve that minimises troop-equivalents of
  violation, then the objective among those plans;
- unmet alone: for each soft row the closest plan breaks, the best value
  its expression can reach with no other soft row present (each family
  says what "best" means for it);
- conflict: when each holds alone, a deletion filter over the soft rows
  (families of lower rank dropped first) leaves a set that clashes while
  every proper subset holds.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from planner.explain.hard_check import Unmet
from planner.explain.wording import unmet_sentence
from planner.linear import INF, Expr
from planner.optimise.deadline import Deadline, OutOfTime
from planner.optimise.program import add_elastic, build_hard_program, enforce, soft_rows
from planner.optimise.solver import HighsSession, SolveOutcome, solve_model
from planner.rules import SoftRow, family_of, violations
from planner.rules.objectives import set_objective
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan
from planner.status import Status

VIOLATION_SLACK = 1e-6
"""Relative room kept on the minimal violation when the objective is then optimised."""


@dataclass
class Diagnosis:
    """What cannot be met, what clashes, and the closest plan."""

    unmet: list[Unmet] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)
    closest: Plan | None = None
    complete: bool = True


class Budget:
    """Solver settings shared by every solve of one explanation, with one deadline."""

    def __init__(self, solver: str, deadline: Deadline, cancel: threading.Event | None):
        self.solver, self.cancel, self.deadline = solver, cancel, deadline

    def remaining(self) -> float | None:
        return self.deadline.remaining()

    def out(self) -> bool:
        left = self.remaining()
        return (left is not None and left <= 0) or bool(self.cancel and self.cancel.is_set())

    def run(self, model, start=None) -> SolveOutcome:  # type: ignore[no-untyped-def]
        left = self.remaining()
        if left is not None and left <= 0:
            return SolveOutcome(Status.UNKNOWN, 0.0)
        return solve_model(model, self.solver, left, self.cancel, start)


def closest_plan(scenario: Scenario, objective: str, budget: Budget) -> Plan | None:
    """Least violation of the soft rows, then the best objective among such plans."""
    program = build_hard_program(scenario, "closest", budget.deadline)
    violation = add_elastic(program, soft_rows(program))
    program.model.set_objective(violation)
    outcome = budget.run(program.model)
    if not outcome.has_plan or outcome.values is None:
        return None
    first = program.allocation(outcome.values)
    least = violation.value(outcome.values)
    program.model.row(
        "elastic.cap", violation, upper=least * (1 + VIOLATION_SLACK) + VIOLATION_SLACK
    )
    set_objective(program, objective)
    second = budget.run(program.model)
    if not second.has_plan or second.values is None:
        return first
    return program.allocation(second.values)


def best_alone(scenario: Scenario, name: str, budget: Budget) -> float | None:
    """The best value of one soft row's expression under the hard constraints only."""
    program = build_hard_program(scenario, "alone", budget.deadline)
    row = next(r for r in soft_rows(program) if r.name == name)
    family = family_of(name)
    expr, maximise = family.alone(program, row)
    program.model.set_objective(expr * -1.0 if maximise else expr)
    outcome = budget.run(program.model)
    if not outcome.has_plan or outcome.values is None:
        return None
    value = family.best_value(row, row.expr.value(outcome.values))
    return float(round(value)) if abs(value - round(value)) < 1e-6 else round(value, 6)


def unmet_alone(
    scenario: Scenario, suspects: list[SoftRow], budget: Budget
) -> tuple[list[Unmet], bool]:
    """The `suspects` that cannot hold even alone; and whether every one was checked."""
    found, complete = [], True
    for row in suspects:
        best = best_alone(scenario, row.name, budget)
        if best is None:
            complete = False
            continue
        gap = row.gap(best)
        if gap > 1e-6:
            sentence = unmet_sentence(scenario, row.name, row.bound, best, gap)
            found.append(Unmet(row.name, row.bound, best, gap, sentence))
    return found, complete


def minimal_conflict(scenario: Scenario, budget: Budget) -> list[str] | None:
    """A minimal set of soft rows that cannot hold together (deletion filter, one model)."""
    program = build_hard_program(scenario, "conflict", budget.deadline)
    rows = soft_rows(program)
    index = enforce(program, rows)
    program.model.set_objective(Expr())
    order = sorted(rows, key=lambda r: family_of(r.name).rank)
    if budget.solver != "highs":
        return _minimal_conflict_rebuilding(scenario, rows, order, budget)
    session = HighsSession(program.model, budget.cancel)
    model = program.model
    dropped: set[str] = set()
    for row in order:
        i = index[row.name]
        session.set_row_bounds(i, -INF, INF)
        outcome = session.run(budget.remaining())
        if outcome.status == Status.INFEASIBLE:
            dropped.add(row.name)  # the rest still clash without it: leave it out
            continue
        if not outcome.has_plan or budget.out():
            return None
        session.set_row_bounds(i, model.row_lower[i], model.row_upper[i])
    return [r.name for r in rows if r.name not in dropped]


def _minimal_conflict_rebuilding(
    scenario: Scenario, rows: list[SoftRow], order: list[SoftRow], budget: Budget
) -> list[str] | None:
    """The same deletion filter for CBC, which cannot change a model in place."""
    dropped: set[str] = set()
    for row in order:
        dropped.add(row.name)
        program = build_hard_program(scenario, "conflict", budget.deadline)
        enforce(program, [r for r in soft_rows(program) if r.name not in dropped])
        outcome = budget.run(program.model)
        if outcome.status == Status.INFEASIBLE:
            continue
        if not outcome.has_plan:
            return None
        dropped.discard(row.name)
    return [r.name for r in rows if r.name not in dropped]


def diagnose(
    scenario: Scenario,
    objective: str,
    solver: str = "highs",
    deadline: Deadline | float | None = None,
    cancel: threading.Event | None = None,
) -> Diagnosis:
    """Explain an infeasible scenario whose hard constraints hold (spec 3.2-3.4, 8).

    `deadline` is the solve's (or a time limit in seconds from now); when it
    passes, what was found so far is returned, marked incomplete.
    """
    if not isinstance(deadline, Deadline):
        deadline = Deadline(deadline)
    budget = Budget(solver, deadline, cancel)
    diagnosis = Diagnosis()
    try:
        _diagnose(scenario, objective, budget, diagnosis)
    except OutOfTime:
        diagnosis.complete = False  # what was found so far stands
    return diagnosis


def _diagnose(scenario: Scenario, objective: str, budget: Budget, diagnosis: Diagnosis) -> None:
    diagnosis.closest = closest_plan(scenario, objective, budget)
    rows = soft_rows(build_hard_program(scenario, "rows", budget.deadline))
    if diagnosis.closest is None:
        suspects = rows
        diagnosis.complete = False
    else:
        broken = {v.constraint for v in violations(scenario, diagnosis.closest) if not v.hard}
        suspects = [r for r in rows if r.name in broken]
    diagnosis.unmet, checked = unmet_alone(scenario, suspects, budget)
    diagnosis.complete = diagnosis.complete and checked
    if not diagnosis.unmet and checked:
        conflict = minimal_conflict(scenario, budget)
        diagnosis.conflict = conflict or []
        diagnosis.complete = conflict is not None
