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
spec's formulas on the withdrawn scenario (:func:`planner.scenario.evaluate.violations`)
before anyone sees it.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from planner.analyses import over_periods
from planner.analyses.warm import run_from
from planner.linear import INF
from planner.optimise.program import ForceProgram, build_hard_program, enforce, soft_rows
from planner.optimise.solver import HighsSession, SolveOutcome
from planner.rules import violations
from planner.rules.lock import lock_name
from planner.rules.objectives import objective_value, set_objective
from planner.scenario.evaluate import fair_shares
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell, Plan


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
    allocation: dict[Cell, int] | None = None
    objective_value: float | None = None
    reason: str | None = None
    solved: bool = True

    @property
    def has_plan(self) -> bool:
        return self.status in ("optimal", "feasible")


class ParticipationModel:
    """The scenario's integer program, built once; nations withdrawn by bounds.

    `objective` None means a feasibility question (no objective): any plan
    that meets every rule will do. `extend(program)`, if given, adds columns and
    rows after the objective, before HiGHS sees the model (the stability
    analysis's units moved). Not thread-safe: one per thread or process.
    """

    def __init__(
        self,
        scenario: Scenario,
        objective: str | None,
        time_limit: float | None = None,
        cancel: threading.Event | None = None,
        extend: Callable[[ForceProgram], None] | None = None,
    ) -> None:
        self.scenario, self.objective, self.cancel = scenario, objective, cancel
        self.time_limit = time_limit
        program = build_hard_program(scenario, "participation")
        self._lock_rows: dict[str, list[tuple[int, float]]] = {}
        rows = soft_rows(program)
        index = enforce(program, rows)
        for lk in scenario.locks:
            for row in rows:
                if row.family == "lock" and row.name.split("@")[0] == lock_name(lk):
                    self._lock_rows.setdefault(lk.nation, []).append((index[row.name], row.bound))
        self._fair_rows: dict[str, list[tuple[int, int, float]]] = {}
        self._devs: dict[str, list[int]] = {}
        if objective == "fair_share":
            self._fair_share(program)
        elif objective is not None:
            set_objective(program, objective)
        if extend is not None:
            extend(program)
        self.program = program
        self.session = HighsSession(program.model, cancel)
        self._cols = {code: [key for key in program.x if key.nation == code] for code in program.y}
        self._absent: frozenset[str] = frozenset()
        self._phi: dict[str, float] = {}
        self.solves = 0
        self.solve_seconds = 0.0
        self.floor: float | None = None
        """Least cost over periods (:mod:`planner.analyses.over_periods`): the optimum with
        every nation, which no set lacking only :attr:`free` nations beats (see
        :func:`planner.analyses.resolve.resolve`'s `floor`); raises such a set's bound."""
        self.free: frozenset[str] = frozenset()
        self._merges = over_periods.mergeable(scenario)
        """Feasibility questions are asked of the merged program first
        (:func:`planner.analyses.over_periods.feasible_merged`)."""

    def _fair_share(self, program: ForceProgram) -> None:
        """sum |D(n,t) - phi(n) GROUND(t)|; only phi's coefficient on GROUND ever changes."""
        set_objective(program, "fair_share")
        model = program.model
        for nation in self.scenario.nations:
            if nation.status == "declined":
                continue
            code = nation.code
            for t in self.scenario.periods.all:
                above = model.rows[program.name(f"fair_share.{code}.above", t)]
                below = model.rows[program.name(f"fair_share.{code}.below", t)]
                ground = program.ground_col[t]
                self._fair_rows.setdefault(code, []).append((above, ground, 1.0))
                self._fair_rows[code].append((below, ground, -1.0))
                dev = program.extra[program.name(f"fair_share.dev.{code}", t)]
                self._devs.setdefault(code, []).append(dev)
        self._phi = fair_shares(self.scenario)

    def _apply(self, absent: frozenset[str], scenario: Scenario) -> None:
        model, session, program = self.program.model, self.session, self.program
        for code in absent ^ self._absent:
            out = code in absent
            for key in self._cols[code]:
                col = program.x[key]
                session.set_col_bounds(col, 0.0, 0.0 if out else model.col_upper[col])
            y = program.y[code]
            session.set_col_bounds(
                y, 0.0 if out else model.col_lower[y], 0.0 if out else model.col_upper[y]
            )
            for row, count in self._lock_rows.get(code, []):
                session.set_row_bounds(row, -INF if out else count, INF if out else count)
        if self._fair_rows:
            self._fair_shares(absent, scenario)
        self._absent = absent

    def _fair_shares(self, absent: frozenset[str], scenario: Scenario) -> None:
        """phi(n) on GROUND in each nation's deviation rows; an absent nation's rows are freed.

        Freeing rather than writing phi = 0 keeps every coefficient in place,
        so the model HiGHS sees depends only on who is absent, not on history.
        """
        phi = fair_shares(scenario)
        for code, rows in self._fair_rows.items():
            out = code in absent
            if out != (code in self._absent):
                for row, _, _ in rows:
                    self.session.set_row_bounds(row, -INF if out else 0.0, INF)
                for dev in self._devs[code]:
                    self.session.set_col_bounds(dev, 0.0, 0.0 if out else INF)
            if not out and self._phi.get(code) != phi[code]:
                for row, ground, sign in rows:
                    self.session.set_coeff(row, ground, sign * phi[code])
                self._phi[code] = phi[code]

    def solve(self, absent: frozenset[str], start: Plan | None = None) -> Answer:
        """The best (or, without objective, any) plan with the nations in `absent` withdrawn.

        `start` is a plan known to meet every rule with `absent` withdrawn: the
        solver starts from it (a warm start) and only has to prove or improve
        it. A plan the solver returns that breaks a rule of the spec on the
        withdrawn scenario is never passed on: the set is solved again from
        scratch with :func:`planner.solve.solve`.
        """
        scenario = self.withdraw(absent)
        if self.objective is None and self._merges:
            found = over_periods.feasible_merged(scenario, self.time_limit, self.cancel)
            if found is not None:  # settled on the merged program: no plan, or a plan split back
                self.solves += 1
                status, plan = found
                return Answer(status, plan)
        target = None
        if self.objective is not None and over_periods.applies(self.scenario, self.objective):
            floor = self.floor if self.floor is not None and absent <= self.free else None
            proof = over_periods.proved(
                scenario,
                self.objective,
                None if start is None else dict(start),
                floor,
                self.time_limit,
                self.cancel,
            )
            if proof.optimal:
                self.solves += 1  # the bound's root runs: one solve's worth of work
                return Answer("optimal", proof.plan, proof.value)
            target = proof.bound
        values = None if start is None else self.start_values(scenario, dict(start))
        # a plan that meets the set's bound is its optimum
        outcome, runs = run_from(self.session, self.time_limit, values, target=target)
        self.solves += runs
        self.solve_seconds += outcome.seconds
        return self._answer(scenario, outcome)

    def withdraw(self, absent: frozenset[str]) -> Scenario:
        """Change the model in place to the scenario with `absent` withdrawn; that scenario."""
        scenario = withdrawn(self.scenario, absent)
        self._apply(frozenset(absent), scenario)
        return scenario

    def start_values(self, scenario: Scenario, plan: dict[Cell, int]) -> list[float]:
        """Every column's value for `plan`: x, y, TOTAL, GROUND and the deviations."""
        values = self.program.column_values(plan)
        if self._fair_rows:
            phi = fair_shares(scenario)
            from planner.scenario.evaluate import evaluate

            ev = evaluate(scenario, plan)
            for code, devs in self._devs.items():
                for t, dev in enumerate(devs, start=1):
                    values[dev] = abs(ev.troops_at[code][t - 1] - phi[code] * ev.ground_at[t - 1])
        return values

    def _answer(self, scenario: Scenario, outcome: SolveOutcome) -> Answer:
        if not outcome.has_plan or outcome.values is None:
            return Answer(outcome.status)
        allocation = self.program.allocation(outcome.values)
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


def participants(scenario: Scenario, allocation: Plan) -> tuple[str, ...]:
    """Codes of the nations with at least one unit in `allocation`, in scenario order."""
    used = {key.nation for key, count in allocation.items() if count}
    return tuple(n.code for n in scenario.nations if n.code in used)
