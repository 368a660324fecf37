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
import functools
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.analyses.baseline import baseline_for
from planner.analyses.participation import ParticipationModel, withdrawn
from planner.analyses.warm import run_from
from planner.analyses.withdrawal import (
    WithdrawalAnalysis,
    WithdrawalRow,
    analyse_withdrawal,
    handed_over_to_anyone,
)
from planner.errors import PlannerError
from planner.explain.hard_check import hard_problems
from planner.linear import INF, Expr
from planner.optimise.program import ForceProgram, build_hard_program, enforce, soft_rows
from planner.optimise.solver import HighsSession, SolveOutcome
from planner.optimise.solver import solve_model as run
from planner.result.document import PlanResult, allocation_entries
from planner.rules import violations
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
    moves: tuple[UnitChange, ...] = ()
    """Every cell that moved, largest first: the one home of what changes."""
    reason: str = ""
    seconds: float = 0.0
    moves_proved: bool = True  # False: a time limit stopped the search for the fewest moves
    solves: int = 0  # HiGHS runs it took

    @property
    def has_plan(self) -> bool:
        return self.status in ("optimal", "feasible")

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def total_troops(self) -> int | None:
        return evaluate(self.scenario, self.allocation).total_troops if self.has_plan else None

    @property
    def changes(self) -> tuple[str, ...]:
        """The moves as the CLI and JSON word them: 'DE +1 mech_inf_bn in east @2'."""
        return tuple(move.text for move in self.moves)

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
            "moves": [move.to_dict(self.scenario) for move in self.moves],
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
    objective = objective or scenario.objective
    return _on_own_program(scenario, current, objective, time_limit, cancel, under_way, leaving)[0]


def _on_own_program(
    scenario: Scenario,
    current: Mapping[Cell, int],
    objective: str,
    time_limit: float | None,
    cancel: threading.Event | None,
    under_way: int = 0,
    leaving: str | None = None,
    fresh: bool = False,
) -> tuple[StablePlan, PlanResult | None]:
    """The stable plan on a program built for it, and with `fresh` the fresh re-plan too.

    The fresh re-plan (best objective, moves ignored) is solved first on the same program,
    before the units-moved columns exist, so it is the solve a program of its own makes;
    a fresh optimum that moves no more units than the fewest settles the second solve.
    """
    start = time.perf_counter()
    plan = _new_plan(scenario, current, objective)
    if plan.reason and not fresh:
        return plan, None
    program = fixed_program(scenario, plan.current, under_way, leaving)
    set_objective(program, objective)
    fresh_plan = None
    if fresh:
        outcome = run(program.model, "highs", time_limit, cancel)
        fresh_plan = PlanResult(scenario, outcome.status, objective)
        if outcome.has_plan and outcome.values is not None:
            fresh_plan.allocation = program.allocation(outcome.values)
        if outcome.status == "cancelled":
            plan.status, plan.reason = "cancelled", _no_plan("cancelled")
        if plan.reason:
            return plan, fresh_plan
    moves = add_moves(program, plan.current)
    stages = _Stages(HighsSession(program.model, cancel), program, moves, time_limit)
    known = (
        fresh_plan.allocation if fresh_plan is not None and fresh_plan.status == "optimal" else None
    )
    stages.settle(plan, stages.start_from(known, scenario, plan.current), known)
    plan.solves = stages.solves
    plan.seconds = time.perf_counter() - start
    return plan, fresh_plan


def _new_plan(scenario: Scenario, current: Mapping[Cell, int], objective: str) -> StablePlan:
    """An empty stable plan; `reason` says why when the scenario itself rules out any plan."""
    current = {k: int(v) for k, v in current.items() if v}
    plan = StablePlan(scenario, objective, "invalid", current)
    problems = hard_problems(scenario)
    if problems:
        plan.reason = problems[0].message
    return plan


@dataclass(frozen=True)
class Moves:
    """The units moved from a plan, sum |x - current|, as columns of a program.

    `row` bounds their sum (free until the second solve); `constant` counts the units
    that must move whatever (cells no longer on offer).
    """

    columns: dict[Cell, int]
    row: int
    constant: float

    def count(self, values: Sequence[float]) -> int:
        return round(self.constant + sum(values[col] for col in self.columns.values()))

    def fill(
        self, values: list[float], plan: Mapping[Cell, int], current: Mapping[Cell, int]
    ) -> list[float]:
        """`values` with each move column at |plan - current| (a start's moves)."""
        for key, col in self.columns.items():
            values[col] = float(abs(plan.get(key, 0) - current.get(key, 0)))
        return values


def add_moves(program: ForceProgram, current: Mapping[Cell, int]) -> Moves:
    """sum |x - current| with one column per cell (a constant where nothing is offered)."""
    model, moved, columns = program.model, Expr(), {}
    for cell, now in current.items():
        if cell not in program.x:
            moved.constant += now  # not on offer (any more): every unit there must move
    for cell, col in program.x.items():
        now = current.get(cell, 0)
        name = ".".join(str(part) for part in cell if part is not None)
        move = columns[cell] = model.column(f"moved.{name}", 0, INF)
        model.row(f"stability.{name}.up", Expr({move: 1.0, col: -1.0}), lower=-now)
        model.row(f"stability.{name}.down", Expr({move: 1.0, col: 1.0}), lower=now)
        moved.add_term(move, 1.0)
    row = model.row("stability.units_moved", Expr(dict(moved.terms)))
    return Moves(columns, row, moved.constant)


StartValues = Callable[[Scenario, dict[Cell, int]], list[float]]
"""Every column's value for a plan on a scenario (x, y, totals, deviations): a start."""


class _Stages:
    """The two solves of a stable re-plan on one HiGHS session, changed in place.

    The session's model minimises the analysis's objective as built; the first solve
    swaps in the units moved as costs, the second puts the objective back with the
    moves row bounded at the fewest. Each run may start from a plan (:func:`run_from`).
    """

    def __init__(
        self,
        session: HighsSession,
        program: ForceProgram,
        moves: Moves,
        time_limit: float | None,
        start_values: StartValues | None = None,
    ) -> None:
        self.session, self.program, self.moves = session, program, moves
        self.time_limit = time_limit
        self.objective_costs = list(program.model.col_cost)
        self.move_costs = [0.0] * len(self.objective_costs)
        for col in moves.columns.values():
            self.move_costs[col] = 1.0
        self._values: StartValues = start_values or (lambda _, plan: program.column_values(plan))
        self.solves = 0

    def start_from(
        self, plan: Mapping[Cell, int] | None, scenario: Scenario, current: Mapping[Cell, int]
    ) -> list[float] | None:
        """A full column vector for `plan` (x, y, totals, deviations, moves), or None."""
        if plan is None:
            return None
        return self.moves.fill(self._values(scenario, dict(plan)), plan, current)

    def settle(
        self,
        plan: StablePlan,
        start: list[float] | None,
        known_best: Mapping[Cell, int] | None,
    ) -> None:
        """Fill `plan`: the fewest moves, then the best objective among them.

        `start`: a plan of this scenario, as columns, for the first solve. `known_best`:
        a plan proved best by the objective here (a fresh optimum); when it moves no more
        than the fewest, it is the second solve's answer and that solve is not run.
        """
        first = self._run(self.move_costs, INF, start)
        if not first.has_plan or first.values is None:
            plan.status, plan.reason = first.status, _no_plan(first.status)
            return
        least = self.moves.count(first.values)
        fewest_moves = self.program.allocation(first.values)  # the second may end without one
        if known_best is not None and _distance(plan.current, known_best) == least:
            plan.status, plan.allocation = "optimal", dict(known_best)
        else:
            second = self._run(self.objective_costs, least - self.moves.constant, first.values)
            if second.status == "cancelled":
                plan.status, plan.reason = "cancelled", _no_plan("cancelled")
                return
            if second.has_plan and second.values is not None:
                plan.status = second.status
                plan.allocation = self.program.allocation(second.values)
            else:  # a time limit: the fewest moves are proved, the objective among them is not
                plan.status, plan.allocation = "feasible", fewest_moves
                plan.reason = "The time limit ended the search for the best objective among them."
        if first.status != "optimal":
            plan.status, plan.moves_proved = "feasible", False
            plan.reason = "The time limit ended the search before the fewest moves were proved."
        plan.moved = _distance(plan.current, plan.allocation)
        plan.objective_value = objective_value(plan.scenario, plan.allocation, plan.objective)
        plan.moves = unit_moves(plan.current, plan.allocation)

    def _run(
        self, costs: list[float], most_moved: float, start: Sequence[float] | None
    ) -> SolveOutcome:
        self.session.set_objective(costs)
        self.session.set_row_bounds(self.moves.row, -INF, most_moved)
        outcome, runs = run_from(self.session, self.time_limit, start)
        self.solves += runs
        return outcome


def _distance(before: Mapping[Cell, int], after: Mapping[Cell, int]) -> int:
    cells = set(before) | set(after)
    return sum(abs(after.get(c, 0) - before.get(c, 0)) for c in cells)


@dataclass(frozen=True)
class UnitChange:
    """One cell that moved: `nation`'s `unit` units (in `area`, in `period`), before and after.

    Ids, not names: the CLI and JSON word it with ids (:attr:`text`), the window and
    the brief name them with :mod:`planner.scenario.words`.
    """

    nation: str
    unit: str
    area: str | None  # None: a stand-off unit type
    period: int
    before: int
    after: int

    @classmethod
    def of(cls, cell: Cell, before: int, after: int) -> UnitChange:
        return cls(cell.nation, cell.unit, cell.area, cell.period, before, after)

    @property
    def cell(self) -> Cell:
        return Cell(self.nation, self.unit, self.area, self.period)

    @property
    def delta(self) -> int:
        return self.after - self.before

    @property
    def text(self) -> str:
        """'DE +1 mech_inf_bn', with ' in <area>' and ' @<period>' where the scenario has them."""
        where = "" if self.area in (None, THEATRE) else f" in {self.area}"
        when = "" if self.period == 1 else f" @{self.period}"
        return f"{self.nation} {self.delta:+d} {self.unit}{where}{when}"

    def to_dict(self, scenario: Scenario) -> dict[str, Any]:
        """As an `allocation[]` entry: `area` when the scenario declares areas, `period`
        when it has several."""
        entry: dict[str, Any] = {"nation": self.nation, "unit_type": self.unit}
        if scenario.has_areas:
            entry["area"] = self.area
        if scenario.periods.several:
            entry["period"] = self.period
        entry.update(before=self.before, after=self.after)
        return entry


def unit_moves(before: Mapping[Cell, int], after: Mapping[Cell, int]) -> tuple[UnitChange, ...]:
    """Every cell that moved, largest first (then by cell)."""
    cells = set(before) | set(after)
    moves = [UnitChange.of(c, before.get(c, 0), after.get(c, 0)) for c in cells]
    moves = [m for m in moves if m.delta]
    moves.sort(key=lambda m: (-abs(m.delta), str(m.cell)))
    return tuple(moves)


def unit_changes(before: Mapping[Cell, int], after: Mapping[Cell, int]) -> tuple[str, ...]:
    """'DE +1 mech_inf_bn', 'UK -1 arty_bn': every cell that moved, largest first
    (with its area and period where the scenario has them)."""
    return tuple(move.text for move in unit_moves(before, after))


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
    solves: int = 0
    """HiGHS runs made for the rows (the withdrawal analysis's among them), not the baseline."""

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
    withdrawal: WithdrawalAnalysis | None = None,
) -> StabilityAnalysis:
    """How much of the force a late withdrawal of each plan nation must reshuffle, at least.

    `after` = t: each nation leaves after period t, periods 1..t under way (held as
    planned); without it a nation is out from the start, and its fresh re-plan is the
    withdrawal analysis's row (:class:`_OutFromStart`): `withdrawal`'s when it is that
    analysis of this scenario, objective and baseline plan (the brief's, run already),
    else one run here.
    """
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
    late: Callable[[str], tuple[StablePlan, Fresh] | None]
    if after is None:
        late = _OutFromStart(scenario, base, objective, time_limit, cancel, withdrawal)
    else:
        late = functools.partial(
            _leaving_after, scenario, base, objective, after, time_limit, cancel
        )
    for i, code in enumerate(codes):
        found = late(code)
        if found is None or "cancelled" in (found[0].status, found[1].status):
            analysis.cancelled = True
            break
        stable, fresh = found
        analysis.solves += stable.solves + fresh.solves
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
    if isinstance(late, _OutFromStart):
        analysis.solves += late.solves
    return analysis


@dataclass(frozen=True)
class Fresh:
    """A fresh re-plan: the best plan once the nation is out, whatever it moves."""

    status: str
    allocation: dict[Cell, int]
    objective_value: float | None
    solves: int = 0  # solves made for this re-plan alone (none when a shared analysis had it)

    @property
    def has_plan(self) -> bool:
        return self.status in ("optimal", "feasible")

    @classmethod
    def of(cls, result: PlanResult, solves: int) -> Fresh:
        value = result.objective_value if result.has_plan else None
        return cls(result.status, dict(result.allocation), value, solves)


def _leaving_after(
    scenario: Scenario,
    base: PlanResult,
    objective: str,
    after: int,
    time_limit: float | None,
    cancel: threading.Event | None,
    code: str,
) -> tuple[StablePlan, Fresh]:
    """Nation `code` leaves after period `after`: the stable and the fresh re-plan, on one
    program built for the nation (:func:`_on_own_program`)."""
    later = leave_after(scenario, code)
    stable, fresh = _on_own_program(
        later, base.allocation, objective, time_limit, cancel, after, code, fresh=True
    )
    assert fresh is not None
    return stable, Fresh.of(fresh, 1)


def _same_withdrawal(
    given: WithdrawalAnalysis | None, scenario: Scenario, objective: str, base: PlanResult
) -> bool:
    """Whether `given` is the withdrawal analysis of this scenario, objective and baseline
    plan, every nation of the plan with a row (a row cut short is solved again here)."""
    if given is None or given.scenario != scenario or given.objective != objective:
        return False
    if dict(given.baseline.result.allocation) != dict(base.allocation):
        return False
    return not given.unchecked


class _OutFromStart:
    """Each nation out from the start, on one program changed in place.

    The fresh re-plans are the rows of :func:`analyse_withdrawal` (run once, here):
    the one home of "the best plan without this nation". The stable re-plans share a
    :class:`ParticipationModel` (a nation out: its columns held at 0, its locks freed)
    with the units moved added once; the first solve starts from the withdrawal row's
    plan or the baseline with the nation's units handed over, whichever moves fewer;
    a row with no plan needs no stable solve (the same rules rule out both), and a
    withdrawal optimum that moves no more than the fewest settles the second solve.
    A stable plan that breaks a rule of the withdrawn scenario is never passed on: it
    is worked out again on a program of its own (:func:`reoptimise_stable`).
    """

    def __init__(
        self,
        scenario: Scenario,
        base: PlanResult,
        objective: str,
        time_limit: float | None,
        cancel: threading.Event | None,
        given: WithdrawalAnalysis | None = None,
    ) -> None:
        self.scenario, self.base, self.objective = scenario, base, objective
        self.time_limit, self.cancel = time_limit, cancel
        if _same_withdrawal(given, scenario, objective, base):
            assert given is not None
            self.rows = {row.nation: row for row in given.rows}
            self.solves = 0  # that analysis's work, not this one's
        else:
            withdrawal = analyse_withdrawal(
                scenario, objective, baseline=base, time_limit=time_limit, workers=1, cancel=cancel
            )
            self.rows = {row.nation: row for row in withdrawal.rows}
            self.solves = withdrawal.work.solves
        self._moves: Moves | None = None
        self._model: ParticipationModel | None = None
        self._stages: _Stages | None = None

    def __call__(self, code: str) -> tuple[StablePlan, Fresh] | None:
        row = self.rows.get(code)
        if row is None:
            return None  # cancelled before the withdrawal analysis reached this nation
        later = withdrawn(self.scenario, [code])
        fresh = self._fresh(later, row)
        plan = _new_plan(later, self.base.allocation, self.objective)
        if plan.reason:
            return plan, fresh
        start = time.perf_counter()
        if fresh.status in ("infeasible", "invalid"):
            plan.status, plan.reason = fresh.status, _no_plan(fresh.status)
        else:
            plan = self._settle(plan, code, later, fresh)
        plan.seconds = time.perf_counter() - start
        return plan, fresh

    def _fresh(self, later: Scenario, row: WithdrawalRow) -> Fresh:
        """The withdrawal row as a fresh re-plan; solved here only when the row has neither
        a plan nor a proof of none (its time ran out)."""
        if row.feasible and row.allocation or row.status in ("infeasible", "invalid"):
            return Fresh(row.status, dict(row.allocation), row.objective_value)
        from planner.solve import solve

        result = solve(
            later, self.objective, time_limit=self.time_limit, cancel=self.cancel, explain=False
        )
        return Fresh.of(result, 1)

    def _settle(self, plan: StablePlan, code: str, later: Scenario, fresh: Fresh) -> StablePlan:
        stages = self._stages_for()
        assert self._model is not None
        self._model.withdraw(frozenset({code}))
        solves = stages.solves
        stages.settle(
            plan,
            stages.start_from(self._start(code, fresh), later, plan.current),
            fresh.allocation if fresh.status == "optimal" else None,
        )
        plan.solves = stages.solves - solves
        if not plan.has_plan or not violations(later, plan.allocation):
            return plan
        again = reoptimise_stable(later, plan.current, self.objective, self.time_limit, self.cancel)
        again.solves += plan.solves
        return again

    def _start(self, code: str, fresh: Fresh) -> dict[Cell, int] | None:
        """The plan of the withdrawn scenario that moves the fewest units, of those at hand."""
        base = self.base.allocation
        handed = handed_over_to_anyone(self.scenario, base, frozenset({code}))
        found = [p for p in (fresh.allocation if fresh.has_plan else None, handed) if p]
        return min(found, key=lambda p: _distance(base, p), default=None)

    def _stages_for(self) -> _Stages:
        """The shared program, built at the first nation that needs a solve."""
        if self._stages is None:

            def extend(program: ForceProgram) -> None:
                self._moves = add_moves(program, self.base.allocation)

            model = ParticipationModel(
                self.scenario, self.objective, self.time_limit, self.cancel, extend
            )
            assert self._moves is not None
            self._model = model
            self._stages = _Stages(
                model.session, model.program, self._moves, self.time_limit, model.start_values
            )
        return self._stages
