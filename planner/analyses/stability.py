"""Stability: re-optimise with the fewest changes from the plan on the table.

A late change (a ceiling lowered, a nation wavering) should not reshuffle the
whole force. Lexicographic, in two solves of one program under every rule of
spec section 2: first the least number of units moved, sum |x - current|
over every nation and unit type; then, with no more units moved than that,
the best objective value. Units a nation no longer offers must move, and
count as moved. A time limit that stops either solve makes the plan
``feasible`` (not proved), and `reason` says which part is not proved; a
Cancel returns no plan.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.analyses.baseline import baseline_for
from planner.explain.hard_check import hard_problems
from planner.linear import INF, Expr
from planner.optimise.program import ForceProgram, build_hard_program, enforce, soft_rows
from planner.optimise.solver import solve_model as run
from planner.result.document import PlanResult, allocation_entries
from planner.rules.objectives import objective_value, set_objective
from planner.scenario.evaluate import evaluate
from planner.scenario.model import THEATRE, Scenario
from planner.scenario.plan import Cell


@dataclass
class StablePlan:
    """The re-optimised plan, how many units it moves, and which."""

    scenario: Scenario
    objective: str
    status: str  # optimal | feasible | infeasible | invalid | unknown | cancelled
    current: dict[Cell, int]
    allocation: dict[Cell, int] = field(default_factory=dict)
    moved: int | None = None
    objective_value: float | None = None
    changes: tuple[str, ...] = ()
    reason: str = ""
    seconds: float = 0.0
    moves_proved: bool = True  # False: a time limit stopped the search for the fewest moves

    @property
    def has_plan(self) -> bool:
        return self.status in ("optimal", "feasible")

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def total_troops(self) -> int | None:
        return evaluate(self.scenario, self.allocation).total_troops if self.has_plan else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "analysis": "stability",
            "scenario": self.scenario.name,
            "objective": self.objective,
            "status": self.status,
            "units_moved": self.moved,
            "objective_value": self.objective_value,
            "total_troops": self.total_troops,
            "changes": list(self.changes),
            "reason": self.reason,
            "allocation": allocation_entries(self.scenario, self.allocation),
        }


def reoptimise_stable(
    scenario: Scenario,
    current: Mapping[Cell, int],
    objective: str | None = None,
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
) -> StablePlan:
    """The plan that moves the fewest units from `current`, then is best by `objective`."""
    start = time.perf_counter()
    objective = objective or scenario.objective
    current = {k: int(v) for k, v in current.items() if v}
    plan = StablePlan(scenario, objective, "invalid", current)
    problems = hard_problems(scenario)
    if problems:
        plan.reason = problems[0].message
        return plan
    program = build_hard_program(scenario, "stable")
    enforce(program, soft_rows(program))
    moved = _moved_expression(program, current)
    program.model.set_objective(moved)
    first = run(program.model, "highs", time_limit, cancel)
    if not first.has_plan or first.values is None:
        plan.status = first.status
        plan.reason = _no_plan(first.status)
        plan.seconds = time.perf_counter() - start
        return plan
    least = round(moved.value(first.values))
    fewest_moves = program.allocation(first.values)  # kept: the second may end without a plan
    program.model.row("stability.units_moved", moved, upper=least)
    set_objective(program, objective)
    second = run(program.model, "highs", time_limit, cancel)
    if second.status == "cancelled":
        plan.status, plan.reason = "cancelled", _no_plan("cancelled")
        plan.seconds = time.perf_counter() - start
        return plan
    if second.has_plan and second.values is not None:
        plan.status, plan.allocation = second.status, program.allocation(second.values)
    else:  # a time limit: the fewest moves are proved, the objective among them is not
        plan.status, plan.allocation = "feasible", fewest_moves
        plan.reason = "The time limit ended the search for the best objective among them."
    if first.status != "optimal":
        plan.status, plan.moves_proved = "feasible", False
        plan.reason = "The time limit ended the search before the fewest moves were proved."
    plan.moved = _distance(current, plan.allocation)
    plan.objective_value = objective_value(scenario, plan.allocation, objective)
    plan.changes = unit_changes(current, plan.allocation)
    plan.seconds = time.perf_counter() - start
    return plan


def _moved_expression(program: ForceProgram, current: Mapping[Cell, int]) -> Expr:
    """sum |x - current| with one column per cell (a constant where nothing is offered)."""
    model, moved = program.model, Expr()
    for cell, now in current.items():
        if cell not in program.x:
            moved.constant += now  # not on offer (any more): every unit there must move
    for cell, col in program.x.items():
        now = current.get(cell, 0)
        name = ".".join(str(part) for part in cell if part is not None)
        move = model.column(f"moved.{name}", 0, INF)
        model.row(f"stability.{name}.up", Expr({move: 1.0, col: -1.0}), lower=-now)
        model.row(f"stability.{name}.down", Expr({move: 1.0, col: 1.0}), lower=now)
        moved.add_term(move, 1.0)
    return moved


def _distance(before: Mapping[Cell, int], after: Mapping[Cell, int]) -> int:
    cells = set(before) | set(after)
    return sum(abs(after.get(c, 0) - before.get(c, 0)) for c in cells)


def unit_changes(before: Mapping[Cell, int], after: Mapping[Cell, int]) -> tuple[str, ...]:
    """'DE +1 mech_inf_bn', 'UK -1 arty_bn': every cell that moved, largest first
    (with its area and period where the scenario has them)."""
    cells = set(before) | set(after)
    moves = [(after.get(c, 0) - before.get(c, 0), c) for c in cells]
    moves = [m for m in moves if m[0]]
    moves.sort(key=lambda m: (-abs(m[0]), str(m[1])))
    return tuple(_move_text(delta, cell) for delta, cell in moves)


def _move_text(delta: int, cell: Cell) -> str:
    where = "" if cell.area in (None, THEATRE) else f" in {cell.area}"
    when = "" if cell.period == 1 else f" @{cell.period}"
    return f"{cell.nation} {delta:+d} {cell.unit}{where}{when}"


def _no_plan(status: str) -> str:
    if status == "infeasible":
        return "No plan meets every rule, whatever moves; run 'solve' to see why."
    if status == "cancelled":
        return "Cancelled."
    return "The time limit ended the search before any plan was found."


@dataclass(frozen=True)
class LateWithdrawal:
    """One nation of the plan pulls out late: the least re-plan against a fresh one."""

    nation: str
    status: str
    moved_stable: int | None
    moved_fresh: int | None
    value_stable: float | None
    value_fresh: float | None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class StabilityAnalysis:
    """For each nation of the baseline plan: units moved by the stable and a fresh re-plan."""

    scenario: Scenario
    objective: str
    baseline: dict[Cell, int]
    rows: list[LateWithdrawal] = field(default_factory=list)
    cancelled: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "analysis": "stability",
            "scenario": self.scenario.name,
            "objective": self.objective,
            "complete": not self.cancelled,
            "late_withdrawals": [row.to_dict() for row in self.rows],
        }


def analyse_stability(
    scenario: Scenario,
    objective: str | None = None,
    *,
    baseline: PlanResult | None = None,
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> StabilityAnalysis:
    """How much of the force a late withdrawal of each plan nation must reshuffle, at least."""
    from planner.analyses.participation import withdrawn
    from planner.solve import solve

    objective = objective or scenario.objective
    base = baseline_for(scenario, objective, baseline, time_limit, cancel)
    analysis = StabilityAnalysis(scenario, objective, dict(base.allocation))
    if not base.has_plan:
        analysis.cancelled = base.status == "cancelled"
        return analysis
    codes = [
        n.code
        for n in scenario.nations
        if any(c for key, c in base.allocation.items() if key.nation == n.code)
    ]
    for i, code in enumerate(codes):
        later = withdrawn(scenario, [code])
        stable = reoptimise_stable(later, base.allocation, objective, time_limit, cancel)
        fresh = solve(later, objective, time_limit=time_limit, cancel=cancel, explain=False)
        if "cancelled" in (stable.status, fresh.status):
            analysis.cancelled = True
            break
        analysis.rows.append(
            LateWithdrawal(
                code,
                stable.status,
                stable.moved if stable.has_plan else None,
                _distance(base.allocation, fresh.allocation) if fresh.has_plan else None,
                stable.objective_value if stable.has_plan else None,
                fresh.objective_value if fresh.has_plan else None,
            )
        )
        if progress is not None:
            progress(i + 1, len(codes))
    return analysis
