"""A scenario with some nations withdrawn, and one solver model that answers it fast.

Both analyses ask the same question many times: "if these nations do not
take part, is there still a plan, and what is the best one?" A withdrawn
nation is marked ``declined`` and its locks are dropped
(:func:`withdrawn`); everything else stays as the planner wrote it.

:class:`ParticipationModel` builds the integer program of spec section 2
once (through :mod:`planner.optimise`) and answers each question by
changing bounds on the same HiGHS model: a withdrawn nation's ``x`` and
``y`` are fixed at 0 and its lock rows are freed. For ``fair_share`` the
fair shares phi(n) depend on who is declined, so the deviation rows are
written against one extra variable ``t = TOTAL`` and only the coefficient
phi(n) on ``t`` changes (an absent nation's deviation rows are freed and
its deviation fixed at 0). A solve may start from a known plan (a warm
start). Every plan it returns is checked against the
spec's formulas on the withdrawn scenario (:func:`planner.evaluate.violations`)
before anyone sees it.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

import highspy
import pulp

from planner.evaluate import Allocation, evaluate, fair_shares, objective_value, violations
from planner.model import Scenario
from planner.optimise.backends import SolveOutcome, _highs, _read_highs
from planner.optimise.objectives import set_objective
from planner.optimise.program import ForceProgram, build_hard_program
from planner.optimise.soft import enforce, soft_constraints


def withdrawn(scenario: Scenario, codes: Iterable[str]) -> Scenario:
    """`scenario` with each nation in `codes` declined and its locks dropped."""
    out = frozenset(codes)
    if not out:
        return scenario
    nations = tuple(
        dataclasses.replace(n, status="declined") if n.code in out else n for n in scenario.nations
    )
    locks = tuple(lk for lk in scenario.locks if lk.nation not in out)
    return dataclasses.replace(scenario, nations=nations, locks=locks)


@dataclass(frozen=True)
class Answer:
    """One withdrawn set's answer: a solver status, and the plan when there is one.

    `status` is optimal, feasible (time limit with a plan), infeasible,
    invalid (a committed nation's own statements clash), unknown (time limit,
    no plan) or cancelled. `reason` says in planner words why a plan was ruled
    out without a solve (None when a solver decided). `solved` is False when a
    cheap check or an earlier answer decided it.
    """

    status: str
    allocation: dict[tuple[str, str], int] | None = None
    objective_value: float | None = None
    reason: str | None = None
    solved: bool = True

    @property
    def has_plan(self) -> bool:
        return self.status in ("optimal", "feasible")


class ParticipationModel:
    """The scenario's integer program, built once; nations withdrawn by bounds.

    `objective` None means a feasibility question (no objective): any plan
    that meets every rule will do. Not thread-safe: one per thread or process.
    """

    def __init__(
        self,
        scenario: Scenario,
        objective: str | None,
        time_limit: float | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        self.scenario, self.objective, self.cancel = scenario, objective, cancel
        program = build_hard_program(scenario)
        enforce(program, soft_constraints(program))
        self._fair_rows: dict[str, tuple[pulp.LpConstraint, pulp.LpConstraint]] = {}
        self._t: pulp.LpVariable | None = None
        self._devs: dict[str, pulp.LpVariable] = {}
        if objective == "fair_share":
            self._fair_share(program)
        elif objective is not None:
            set_objective(program, objective)
        else:
            program.problem.setObjective(pulp.LpAffineExpression())
        self.program = program
        backend = _highs(time_limit, cancel)
        backend.createAndConfigureSolver(program.problem)
        backend.buildSolverModel(program.problem)
        self.highs = program.problem.solverModel
        self._index_nations()
        self._absent: frozenset[str] = frozenset()
        self._phi: dict[str, float] = {}
        self.solves = 0
        self.solve_seconds = 0.0

    def _fair_share(self, program: ForceProgram) -> None:
        """sum |D(n) - phi(n) t| with t = TOTAL, so only phi's coefficient ever changes."""
        problem = program.problem
        t = pulp.LpVariable("fair_share.total", 0)
        problem += t - program.total == 0, "fair_share.total"
        phi = fair_shares(self.scenario)
        deviations = []
        for nation in self.scenario.nations:
            if nation.status == "declined":
                continue
            code = nation.code
            dev = pulp.LpVariable(f"fair_share.dev.{code}", 0)
            above = dev - program.troops[code] + phi[code] * t >= 0
            below = dev + program.troops[code] - phi[code] * t >= 0
            problem += above, f"fair_share.{code}.above"
            problem += below, f"fair_share.{code}.below"
            self._fair_rows[code] = (
                problem.constraints[f"fair_share.{code}.above"],
                problem.constraints[f"fair_share.{code}.below"],
            )
            deviations.append(dev)
            self._devs[code] = dev
        problem.setObjective(pulp.lpSum(deviations))
        problem.sense = pulp.LpMinimize
        self._t = t

    def _index_nations(self) -> None:
        """Columns and lock rows of each nation, with their bounds as built."""
        program = self.program
        self._cols: dict[str, list[tuple[int, float, float]]] = {}
        for nation in self.scenario.nations:
            code = nation.code
            variables = [v for _, v in program.by_nation[code]] + [program.y[code]]
            self._cols[code] = [(v.index, v.lowBound or 0.0, v.upBound) for v in variables]
        self._lock_rows: dict[str, list[tuple[int, float]]] = {}
        for lk in self.scenario.locks:
            row = program.problem.constraints.get(f"lock.{lk.nation}.{lk.unit_type}")
            if row is not None:
                self._lock_rows.setdefault(lk.nation, []).append((row.index, float(lk.count)))

    def _apply(self, absent: frozenset[str], scenario: Scenario) -> None:
        inf = float("inf")
        for code in absent ^ self._absent:
            out = code in absent
            for col, low, high in self._cols[code]:
                self.highs.changeColBounds(col, 0.0 if out else low, 0.0 if out else high)
            for row, count in self._lock_rows.get(code, []):
                self.highs.changeRowBounds(row, -inf if out else count, inf if out else count)
        if self._t is not None:
            self._fair_shares(absent, scenario)
        self._absent = absent

    def _fair_shares(self, absent: frozenset[str], scenario: Scenario) -> None:
        """phi(n) on t in each nation's deviation rows; an absent nation's rows are freed.

        Freeing rather than writing phi = 0 keeps every coefficient in place,
        so the model HiGHS sees depends only on who is absent, not on history.
        """
        assert self._t is not None
        inf = float("inf")
        phi = fair_shares(scenario)
        for code, (above, below) in self._fair_rows.items():
            out = code in absent
            if out != (code in self._absent):
                for row in (above, below):
                    self.highs.changeRowBounds(row.index, -inf if out else 0.0, inf)
                self.highs.changeColBounds(self._devs[code].index, 0.0, 0.0 if out else inf)
            if not out and self._phi.get(code) != phi[code]:
                self.highs.changeCoeff(above.index, self._t.index, phi[code])
                self.highs.changeCoeff(below.index, self._t.index, -phi[code])
                self._phi[code] = phi[code]

    def solve(self, absent: frozenset[str], start: Allocation | None = None) -> Answer:
        """The best (or, without objective, any) plan with the nations in `absent` withdrawn.

        `start` is a plan known to meet every rule with `absent` withdrawn: the
        solver starts from it (a warm start) and only has to prove or improve
        it. A plan the solver returns that breaks a rule of spec section 2 on
        the withdrawn scenario is never passed on: the set is solved again
        from scratch with :func:`planner.solve.solve`.
        """
        scenario = withdrawn(self.scenario, absent)
        self._apply(frozenset(absent), scenario)
        self.highs.clearSolver()  # answers depend on `absent` and `start` only, not on history
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = self._columns(scenario, start)
            solution.value_valid = True
            self.highs.setSolution(solution)
        begin = time.perf_counter()
        self.highs.run()
        outcome = _read_highs(self.program.problem, time.perf_counter() - begin, self.cancel)
        self.solves += 1
        self.solve_seconds += outcome.seconds
        return self._answer(scenario, outcome)

    def _columns(self, scenario: Scenario, allocation: Allocation) -> list[float]:
        """Every column's value for `allocation`: x, y and, for fair_share, t and dev."""
        values = [0.0] * self.highs.getNumCol()
        plan = evaluate(scenario, allocation)
        for key, var in self.program.x.items():
            values[var.index] = float(allocation.get(key, 0))
        for code, var in self.program.y.items():
            values[var.index] = float(plan.participating[code])
        if self._t is not None:
            values[self._t.index] = float(plan.total_troops)
            phi = fair_shares(scenario)
            for code, dev in self._devs.items():
                values[dev.index] = abs(plan.troops[code] - phi[code] * plan.total_troops)
        return values

    def _answer(self, scenario: Scenario, outcome: SolveOutcome) -> Answer:
        if not outcome.has_plan:
            return Answer(outcome.status)
        values = self.highs.getSolution().col_value
        allocation = {}
        for key, var in self.program.x.items():
            count = round(values[var.index])
            if count:
                allocation[key] = count
        if violations(scenario, allocation):
            return solve_directly(scenario, self.objective)
        value = (
            None
            if self.objective is None
            else objective_value(scenario, allocation, self.objective)
        )
        return Answer(outcome.status, allocation, value)


def solve_directly(scenario: Scenario, objective: str | None) -> Answer:
    """The slow, sure way: :func:`planner.solve.solve` on the withdrawn scenario."""
    from planner.solve import solve

    result = solve(scenario, objective or scenario.objective)
    if not result.has_plan:
        return Answer(result.status)
    value = None if objective is None else result.objective_value
    return Answer(result.status, dict(result.allocation), value)


def participants(scenario: Scenario, allocation: Allocation) -> tuple[str, ...]:
    """Codes of the nations with at least one unit in `allocation`, in scenario order."""
    used = {code for (code, _), count in allocation.items() if count}
    return tuple(n.code for n in scenario.nations if n.code in used)
