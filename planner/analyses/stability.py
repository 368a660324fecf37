"""Stability: re-optimise with the fewest changes from the plan on the table.

A late change (a ceiling lowered, a nation wavering) should not reshuffle the
whole force. Lexicographic, in two solves of one program under every rule of
spec section 2: first the least number of units moved, sum |x - current|
over every nation and unit type; then, with no more units moved than that,
the best objective value. Units a nation no longer offers must move, and
count as moved. A time limit that stops either solve makes the plan
``feasible`` (not proved), and `reason` says which part is not proved; a
Cancel returns no plan.

Over periods, a late change comes with the periods already under way:
`under_way` = t keeps every cell of periods 1..t as it stands, and a nation
that "leaves after period t" (`leave_after`) keeps what it deployed up to t
and gives nothing after (its floor no longer binds once it has left).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from planner.analyses.baseline import baseline_for
from planner.errors import PlannerError
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


def leave_after(scenario: Scenario, code: str) -> Scenario:
    """`scenario` in which nation `code` may stop: no floor and no commitment to hold it.

    With :func:`fixed_program`'s `leaving` it gives nothing after the periods
    under way; up to them its plan stands as it was (which met its floor).
    """
    nations = tuple(
        dataclasses.replace(
            n, min_troops=0, status="likely" if n.status == "committed" else n.status
        )
        if n.code == code
        else n
        for n in scenario.nations
    )
    return dataclasses.replace(scenario, nations=nations)


def fixed_program(
    scenario: Scenario,
    current: Mapping[Cell, int],
    under_way: int = 0,
    leaving: str | None = None,
    name: str = "stable",
) -> ForceProgram:
    """Every rule, with periods 1..`under_way` held at `current` and `leaving` out after them."""
    program = build_hard_program(scenario, name)
    enforce(program, soft_rows(program))
    model = program.model
    for cell, col in program.x.items():
        if cell.period <= under_way:
            model.col_lower[col] = model.col_upper[col] = float(current.get(cell, 0))
        elif cell.nation == leaving:
            model.col_upper[col] = 0.0
    return program


def reoptimise_stable(
    scenario: Scenario,
    current: Mapping[Cell, int],
    objective: str | None = None,
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
    under_way: int = 0,
    leaving: str | None = None,
) -> StablePlan:
    """The plan that moves the fewest units from `current`, then is best by `objective`.

    `under_way`, `leaving`: periods held as they stand, and a nation that leaves after them.
    """
    start = time.perf_counter()
    objective = objective or scenario.objective
    current = {k: int(v) for k, v in current.items() if v}
    plan = StablePlan(scenario, objective, "invalid", current)
    problems = hard_problems(scenario)
    if problems:
        plan.reason = problems[0].message
        return plan
    program = fixed_program(scenario, current, under_way, leaving)
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
    after: int | None = None
    """The last period under way when each nation leaves (None: out from the start)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "analysis": "stability",
            "scenario": self.scenario.name,
            "objective": self.objective,
            "complete": not self.cancelled,
            "leaves_after_period": self.after,
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
    after: int | None = None,
) -> StabilityAnalysis:
    """How much of the force a late withdrawal of each plan nation must reshuffle, at least.

    `after` = t: each nation leaves after period t, periods 1..t under way (held as
    planned); without it a nation is out from the start.
    """
    from planner.analyses.participation import withdrawn
    from planner.solve import solve

    objective = objective or scenario.objective
    if after is not None and not 1 <= after < scenario.periods.count:
        raise PlannerError(
            f"after must be a period from 1 to {scenario.periods.count - 1} "
            f"(the scenario has {scenario.periods.count}), not {after!r}"
        )
    base = baseline_for(scenario, objective, baseline, time_limit, cancel)
    analysis = StabilityAnalysis(scenario, objective, dict(base.allocation), after=after)
    if not base.has_plan:
        analysis.cancelled = base.status == "cancelled"
        return analysis
    codes = [
        n.code
        for n in scenario.nations
        if any(c for key, c in base.allocation.items() if key.nation == n.code)
    ]
    for i, code in enumerate(codes):
        if after is None:
            later = withdrawn(scenario, [code])
            stable = reoptimise_stable(later, base.allocation, objective, time_limit, cancel)
            fresh = solve(later, objective, time_limit=time_limit, cancel=cancel, explain=False)
        else:
            later = leave_after(scenario, code)
            stable = reoptimise_stable(
                later, base.allocation, objective, time_limit, cancel, after, code
            )
            fresh = _fresh_after(later, base.allocation, objective, after, code, time_limit, cancel)
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


def _fresh_after(
    scenario: Scenario,
    current: Mapping[Cell, int],
    objective: str,
    after: int,
    leaving: str,
    time_limit: float | None,
    cancel: threading.Event | None,
) -> PlanResult:
    """The best plan from period `after` + 1 on, the periods before held: a fresh re-plan."""
    program = fixed_program(scenario, current, after, leaving, "fresh")
    set_objective(program, objective)
    outcome = run(program.model, "highs", time_limit, cancel)
    result = PlanResult(scenario, outcome.status, objective)
    if outcome.has_plan and outcome.values is not None:
        result.allocation = program.allocation(outcome.values)
    return result
