"""Spec section 3: why no plan exists, and the plan that comes closest.

Three questions, each answered with the hard program (the nations' own
statements) as the fixed ground:
- closest plan: an elastic solve that minimises troop-equivalents of
  violation, then the objective among those plans;
- unmet alone: for each soft constraint the closest plan breaks, the best
  value its expression can reach with no other soft constraint present;
- conflict: when each holds alone, a deletion filter over the soft
  constraints leaves a set that clashes while every proper subset holds.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pulp

from planner import names
from planner.evaluate import Allocation, violations
from planner.hard_check import Unmet
from planner.model import Scenario
from planner.optimise.backends import SolveOutcome, run
from planner.optimise.deadline import NO_DEADLINE, Deadline, OutOfTime
from planner.optimise.objectives import set_objective
from planner.optimise.program import ForceProgram, build_hard_program
from planner.optimise.soft import SoftConstraint, add_elastic, enforce, remove, soft_constraints
from planner.wording import unmet_sentence

VIOLATION_SLACK = 1e-6
"""Relative room kept on the minimal violation when the objective is then optimised."""


@dataclass
class Diagnosis:
    """What cannot be met, what clashes, and the closest plan."""

    unmet: list[Unmet] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)
    closest: Allocation | None = None
    complete: bool = True


class _Budget:
    """Solver settings shared by every build and solve of one diagnosis, with one deadline."""

    def __init__(self, solver: str, deadline: Deadline, cancel: threading.Event | None):
        self.solver, self.deadline, self.cancel = solver, deadline, cancel

    def build(self, scenario: Scenario) -> ForceProgram:
        """The hard program; raises :class:`OutOfTime` once the deadline has passed."""
        return build_hard_program(scenario, self.deadline)

    def run(self, problem: pulp.LpProblem) -> SolveOutcome:
        return run(problem, self.solver, self.deadline.remaining(), self.cancel)


def closest_plan(scenario: Scenario, objective: str, budget: _Budget) -> Allocation | None:
    """Least violation of the soft constraints, then the best objective among such plans."""
    program = budget.build(scenario)
    violation = add_elastic(program, soft_constraints(program))
    program.problem.setObjective(violation)
    outcome = budget.run(program.problem)
    if not outcome.has_plan:
        return None
    first = program.allocation()
    least = pulp.value(violation) or 0.0
    program.problem += violation <= least * (1 + VIOLATION_SLACK) + VIOLATION_SLACK, "elastic.cap"
    set_objective(program, objective)
    outcome = budget.run(program.problem)
    return program.allocation() if outcome.has_plan else first


def _lock_distance(program, soft: SoftConstraint) -> pulp.LpAffineExpression:
    """2|x - count|, plus 1 above the count: nearest reachable count, ties to the lower."""
    distance = pulp.LpVariable("lock.distance", 0)
    program.problem += distance - 2 * (soft.bound - soft.expr) >= 0, "lock.distance.below"
    program.problem += distance - 2 * (soft.expr - soft.bound) >= 1, "lock.distance.above"
    return pulp.LpAffineExpression(distance)


def best_alone(scenario: Scenario, name: str, budget: _Budget) -> float | None:
    """The best value of one soft constraint's expression under hard constraints only."""
    program = budget.build(scenario)
    soft = next(s for s in soft_constraints(program) if s.name == name)
    if soft.sense == "==":
        program.problem.setObjective(_lock_distance(program, soft))
    else:
        program.problem.setObjective(soft.expr)
        program.problem.sense = pulp.LpMaximize if soft.sense == ">=" else pulp.LpMinimize
    if not budget.run(program.problem).has_plan:
        return None
    value = pulp.value(soft.expr)
    value = 0.0 if value is None else float(value)
    return float(round(value)) if abs(value - round(value)) < 1e-6 else round(value, 6)


def _gap(soft: SoftConstraint, best: float) -> float:
    if soft.sense == ">=":
        return soft.bound - best
    if soft.sense == "<=":
        return best - soft.bound
    return abs(best - soft.bound)


def unmet_alone(
    scenario: Scenario, suspects: list[SoftConstraint], budget: _Budget
) -> tuple[list[Unmet], bool]:
    """The `suspects` that cannot hold even alone; and whether every one was checked."""
    found: list[Unmet] = []
    complete = True
    for soft in suspects:
        try:
            best = best_alone(scenario, soft.name, budget)
        except OutOfTime:
            return found, False  # keep what was found before the time ran out
        if best is None:
            complete = False
            continue
        gap = _gap(soft, best)
        if gap > 1e-6:
            sentence = unmet_sentence(scenario, soft.name, soft.bound, best, gap)
            found.append(Unmet(soft.name, soft.bound, best, gap, sentence))
    return found, complete


CONFLICT_ORDER = ("lock", "share", "min_nations", "requirement", "target")
"""Families dropped first by the deletion filter; the survivors form the reported set,
so rules a planner sets by hand (locks) are blamed only when they must be."""


def minimal_conflict(scenario: Scenario, budget: _Budget) -> list[str] | None:
    """A minimal set of soft constraints that cannot hold together (deletion filter)."""
    program = budget.build(scenario)
    softs = soft_constraints(program)
    enforce(program, softs)
    program.problem.setObjective(pulp.LpAffineExpression())
    order = sorted(softs, key=lambda s: CONFLICT_ORDER.index(names.parts(s.name)[0]))
    kept = []
    for soft in order:
        remove(program, [soft])
        outcome = budget.run(program.problem)
        if outcome.status == "infeasible":
            continue  # the rest still clash without it: leave it out
        if not outcome.has_plan:
            return None
        enforce(program, [soft])
        kept.append(soft.name)
    return [s.name for s in softs if s.name in kept]


def diagnose(
    scenario: Scenario,
    objective: str,
    solver: str = "highs",
    deadline: Deadline = NO_DEADLINE,
    cancel: threading.Event | None = None,
) -> Diagnosis:
    """Explain an infeasible scenario whose hard constraints hold (spec 3.2-3.4).

    Every build and solve takes its time from `deadline`; what it leaves
    undone is marked incomplete.
    """
    diagnosis = Diagnosis()
    try:
        _diagnose(diagnosis, scenario, objective, _Budget(solver, deadline, cancel))
    except OutOfTime:
        diagnosis.complete = False
    return diagnosis


def _diagnose(diagnosis: Diagnosis, scenario: Scenario, objective: str, budget: _Budget) -> None:
    """Fill `diagnosis` step by step, so what was found stays when time runs out."""
    diagnosis.closest = closest_plan(scenario, objective, budget)
    softs = soft_constraints(budget.build(scenario))
    if diagnosis.closest is None:
        suspects = softs
        diagnosis.complete = False
    else:
        broken = {v.constraint for v in violations(scenario, diagnosis.closest) if not v.hard}
        suspects = [s for s in softs if s.name in broken]
    diagnosis.unmet, checked = unmet_alone(scenario, suspects, budget)
    diagnosis.complete = diagnosis.complete and checked
    if not diagnosis.unmet and checked:
        conflict = minimal_conflict(scenario, budget)
        diagnosis.conflict = conflict or []
        diagnosis.complete = conflict is not None
