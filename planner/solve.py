"""Solve a scenario: the one entry point the command line, GUI and tests call."""

from __future__ import annotations

import threading
import time

from planner.explain.diagnose import diagnose
from planner.explain.hard_check import hard_problems
from planner.optimise import fair_search
from planner.optimise.deadline import Deadline, OutOfTime
from planner.optimise.program import build_hard_program, enforce, soft_rows
from planner.optimise.solver import SOLVERS, SolveOutcome, solve_model
from planner.result.document import PlanResult
from planner.rules.objectives import objective_named, set_objective
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell
from planner.status import Status


def solve(
    scenario: Scenario,
    objective: str | None = None,
    solver: str = "highs",
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
    explain: bool = True,
) -> PlanResult:
    """The best plan under every constraint of spec sections 2 and 7, or why none exists.

    Statuses: optimal; feasible (time limit hit with a plan, gap given);
    infeasible (with unmet rules, a conflict and the closest plan); invalid
    (a committed nation's own statements clash); unknown (time limit, no plan);
    cancelled. `explain` False skips the explanation solves of an infeasible
    scenario (analyses that only need "is there a plan, and how good").
    `time_limit` bounds the whole call, building the model included.
    """
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver {solver!r}; choose from {', '.join(SOLVERS)}")
    objective = objective or scenario.objective
    objective_named(objective)  # an unknown objective is the caller's error, said at once
    start = time.perf_counter()
    deadline = Deadline(time_limit)
    result = PlanResult(scenario, Status.INVALID, objective, solver=solver)
    result.unmet = hard_problems(scenario)
    if not result.unmet:
        _optimise(result, deadline, cancel, explain)
    result.solve_seconds = time.perf_counter() - start
    return result


def out_of_time_note(scenario: Scenario, seconds: float | None, doing: str) -> str:
    """The one line a planner reads when the search could not even start in time."""
    return (
        f"The time limit of {seconds:g} s ran out while {doing} "
        f"({len(scenario.nations):,} nations, {len(scenario.unit_types):,} unit types), "
        f"before any plan was searched for: allow more time."
    )


def _optimise(
    result: PlanResult,
    deadline: Deadline,
    cancel: threading.Event | None,
    explain: bool,
) -> None:
    scenario = result.scenario
    try:
        outcome, allocation = _best_plan(
            scenario, result.objective, result.solver, deadline, cancel
        )
    except OutOfTime as stopped:
        result.status = Status.UNKNOWN
        result.notes.append(out_of_time_note(scenario, deadline.seconds, str(stopped)))
        return
    result.status = outcome.status
    result.mip_gap, result.best_bound = outcome.mip_gap, outcome.best_bound
    if outcome.has_plan:
        result.allocation = dict(allocation or {})
        if outcome.status == Status.FEASIBLE:
            result.notes.append(_gap_note(outcome.mip_gap))
        return
    if outcome.status == Status.UNKNOWN:
        result.notes.append("The time limit ended the search before any plan was found.")
    if outcome.status != Status.INFEASIBLE or not explain:
        return
    diagnosis = diagnose(scenario, result.objective, result.solver, deadline, cancel)
    result.unmet, result.conflict = diagnosis.unmet, diagnosis.conflict
    result.allocation = dict(diagnosis.closest or {})
    if diagnosis.closest is not None:
        result.notes.append(
            "The plan shown is the closest one: it keeps every nation's "
            "own statements but breaks the rules above."
        )
    if not diagnosis.complete:
        result.notes.append(
            "The explanation is incomplete: the time limit or a cancel stopped it early."
        )


def _best_plan(
    scenario: Scenario,
    objective: str,
    solver: str,
    deadline: Deadline,
    cancel: threading.Event | None,
) -> tuple[SolveOutcome, dict[Cell, int] | None]:
    """The solver's outcome and plan: fair_share on HiGHS searches the force total.

    Raises :class:`OutOfTime` when `deadline` passes before a program is built.
    """
    if objective_named(objective).fair_search and solver == "highs":
        found = fair_search.search(scenario, deadline, cancel)
        if found is not None:
            return found.outcome, found.allocation
    program = build_hard_program(scenario, deadline=deadline)
    enforce(program, soft_rows(program))
    set_objective(program, objective)
    deadline.check()
    outcome = solve_model(program.model, solver, deadline.remaining(), cancel)
    if not outcome.has_plan or outcome.values is None:
        return outcome, None
    return outcome, program.allocation(outcome.values)


def _gap_note(gap: float | None) -> str:
    if gap is None:
        return "The time limit stopped the search with a plan in hand; its gap is unknown."
    return (
        f"The time limit stopped the search with a plan in hand, proven within "
        f"{gap:.2%} of the optimum."
    )
