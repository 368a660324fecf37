"""Solve a scenario: the one entry point the command line, GUI and tests call."""

from __future__ import annotations

import threading
import time

from planner.diagnose import diagnose
from planner.hard_check import hard_problems
from planner.model import Scenario
from planner.objectives import objective_named, set_objective
from planner.optimise import fair_search
from planner.optimise.program import build_hard_program, enforce, soft_rows
from planner.optimise.solver import SOLVERS, SolveOutcome, solve_model
from planner.plan import Cell
from planner.result import PlanResult
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
    result = PlanResult(scenario, Status.INVALID, objective, solver=solver)
    result.unmet = hard_problems(scenario)
    if not result.unmet:
        _optimise(result, start, time_limit, cancel, explain)
    result.solve_seconds = time.perf_counter() - start
    return result


def _left(start: float, time_limit: float | None) -> float | None:
    return None if time_limit is None else max(time_limit - (time.perf_counter() - start), 0.0)


def _optimise(
    result: PlanResult,
    start: float,
    time_limit: float | None,
    cancel: threading.Event | None,
    explain: bool,
) -> None:
    scenario = result.scenario
    outcome, allocation = _best_plan(
        scenario, result.objective, result.solver, start, time_limit, cancel
    )
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
    remaining = _left(start, time_limit)
    diagnosis = diagnose(
        scenario,
        result.objective,
        result.solver,
        None if remaining is None else max(remaining, 1.0),
        cancel,
    )
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
    start: float,
    time_limit: float | None,
    cancel: threading.Event | None,
) -> tuple[SolveOutcome, dict[Cell, int] | None]:
    """The solver's outcome and plan: fair_share on HiGHS searches the force total."""
    if objective_named(objective).fair_search and solver == "highs":
        found = fair_search.search(scenario, _left(start, time_limit), cancel)
        if found is not None:
            return found.outcome, found.allocation
    program = build_hard_program(scenario)
    enforce(program, soft_rows(program))
    set_objective(program, objective)
    left = _left(start, time_limit)
    if left is not None and left <= 0:
        return SolveOutcome(Status.UNKNOWN, 0.0), None
    outcome = solve_model(program.model, solver, left, cancel)
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
