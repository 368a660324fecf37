"""Cost against fairness: the Pareto front between min_cost and fair_share.

Epsilon constraints, not weighted sums (those miss the non-convex points an
integer front has). The two ends are solved lexicographically (cheapest,
then fairest among the cheapest; fairest, then cheapest among the fairest).
Between them, for evenly spaced bounds e on the fair-share deviation, the
cheapest plan with deviation <= e is found, then the fairest plan costing
no more: every point returned is non-dominated. Points are plans under
every rule of spec section 2; their two numbers are recomputed exactly
from the allocation (planner.scenario.evaluate), as the spec defines them. A time
limit that stops a solve leaves its point unproved (``proved`` false; it
is dropped if another point beats it); Cancel keeps the points found so
far (``complete`` false), the two ends first.

Speed: one model for every solve; each starts from the best plan already
found within its bounds, and the cost found for a looser bound is a proved
floor for a tighter one (the solver stops once it meets it). A bound the
previous point already meets needs no solve: that point is again the answer.
The fairest end is found by the force-total search where it applies (see
:meth:`_Front.fairest` and docs/decisions.md). A point between the ends is first
sought with TOTAL held at the least total (:mod:`planner.analyses.pareto_totals`),
which settles it where the LP discards every other total. The points between the ends
are independent, so on a machine with idle cores they are solved in worker
processes, each with its own model (:class:`_Middle`); the points are the
same as when solved one after another.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from typing import Any

from planner.analyses import DEFAULT_POINTS
from planner.analyses.warm import run_from
from planner.analyses.workers import Workers
from planner.errors import PlannerError
from planner.explain.hard_check import hard_problems
from planner.linear import INF, Expr
from planner.optimise.program import ForceProgram, build_hard_program, enforce, soft_rows
from planner.optimise.solver import HighsSession
from planner.result.document import PlanResult, allocation_entries
from planner.rules.objectives import OBJECTIVES, objective_value
from planner.scenario.evaluate import evaluate
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell

Progress = Callable[[int, int], None]
SLACK = 1e-6
MOST_TOTALS = 8
"""Most force totals the cheapest of the fairest is sought at one by one (else the plain way)."""
PARALLEL_SECONDS = 1.0
"""The points between the ends times the cheapest end's solve time (s) above which
`workers=None` solves them in worker processes (when the machine has idle cores)."""
NO_FRONT = {
    "infeasible": "No plan meets every rule.",
    "unknown": "the time limit ended a solve before any plan was found",
    "cancelled": "cancelled before both ends of the front were found",
}


@dataclass(frozen=True)
class ParetoPoint:
    cost: float
    deviation: float
    total_troops: int
    allocation: dict[Cell, int]
    proved: bool = True  # False: a time limit stopped a solve, so the point may be dominated

    def to_dict(self, scenario: Scenario) -> dict[str, Any]:
        return {
            "min_cost": self.cost,
            "fair_share": self.deviation,
            "total_troops": self.total_troops,
            "proved": self.proved,
            "allocation": allocation_entries(scenario, self.allocation),
        }


@dataclass
class ParetoAnalysis:
    scenario: Scenario
    requested: int
    status: str  # optimal (front found) | feasible (some points unproved) | infeasible | ...
    points: list[ParetoPoint] = field(default_factory=list)
    reason: str = ""
    seconds: float = 0.0
    solves: int = 0  # solver runs made (a bound the last point meets needs none)

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def unproved(self) -> int:
        """Points a time limit kept from being proved non-dominated."""
        return sum(not p.proved for p in self.points)

    def to_dict(self) -> dict[str, Any]:
        return {
            "analysis": "pareto",
            "scenario": self.scenario.name,
            "status": self.status,
            "complete": not self.cancelled,
            "points_requested": self.requested,
            "reason": self.reason,
            "points": [p.to_dict(self.scenario) for p in self.points],
        }


class _Front:
    """One program with both objectives as rows whose bounds change between solves."""

    def __init__(self, scenario: Scenario, time_limit: float | None, cancel: Any) -> None:
        self.scenario, self.time_limit, self.cancel = scenario, time_limit, cancel
        self.program: ForceProgram = build_hard_program(scenario, "pareto")
        enforce(self.program, soft_rows(self.program))
        model = self.program.model
        cost = OBJECTIVES["min_cost"].define(self.program)
        deviation = OBJECTIVES["fair_share"].define(self.program)
        self.rows = {
            "cost": model.row("pareto.cost", cost),
            "deviation": model.row("pareto.deviation", deviation),
        }
        self.costs = {"cost": cost, "deviation": deviation}
        self.chords = self._chord_rows()
        self.session = HighsSession(model, cancel)
        self.held: tuple[int, int] | None = None  # (TOTAL column, the total it is held at)
        self.values: tuple[float, ...] | None = None
        self.known: list[tuple[float, ...]] = []  # every plan found: starts for later solves
        self.solves = 0
        self.by_totals = bool(self.chords)  # middle points total by total (pareto_totals)
        self._candidates: Any = None

    def _chord_rows(self) -> list[tuple[int, int]]:
        """Per nation not declined, a column D(n) equal to its troops and a chord row on its
        deviation (free until :meth:`hold_total` sets it): (D column, chord row). None where
        the force-total search does not apply (several periods, areas outside the target)."""
        from planner.optimise.fair_model import applies
        from planner.optimise.troop_totals import open_nations

        if not applies(self.scenario):
            return []
        program, model = self.program, self.program.model
        rows = []
        for nation in open_nations(self.scenario):
            code = nation.code
            d = model.column(f"pareto.troops.{code}", 0, INF)
            model.row(f"pareto.troops.{code}", program.troops(code, 1) - Expr.of(d), 0, 0)
            dev = program.extra[f"fair_share.dev.{code}"]
            chord = Expr({dev: 1.0, d: -0.5})
            rows.append((d, model.row(f"pareto.chord.{code}", chord, lower=-INF)))
        return rows

    def hold_total(self, total: int | None, window: Any = None) -> None:
        """Hold TOTAL at `total` with each nation's chord cut there (valid rows for every plan
        of that total, from planner.optimise.fair_bound.window); None frees both."""
        column = self.program.total_col[1]
        model = self.program.model
        if total is None:
            self.held = None
            self.session.set_col_bounds(column, model.col_lower[column], model.col_upper[column])
        else:
            self.held = (column, total)
            self.session.set_col_bounds(column, total, total)
        for i, (d, row) in enumerate(self.chords):
            if total is None or not window.has_chord[i]:
                self.session.set_row_bounds(row, -INF, INF)
                continue
            a, b, c = window.chord_a[i], window.chord_b[i], window.fair[i]
            slope = (a + b - 2 * c) / (b - a)
            self.session.set_coeff(row, d, -slope)
            self.session.set_row_bounds(row, (c - a) - slope * a, INF)

    def _bound(self, which: str, limit: float | None, floor: float | None = None) -> None:
        high = INF if limit is None else limit + SLACK * max(1.0, abs(limit))
        low = -INF if floor is None else floor - SLACK * max(1.0, abs(floor))
        self.session.set_row_bounds(self.rows[which], low, high)

    def best(
        self,
        goal: str,
        cost_at_most: float | None,
        deviation_at_most: float | None,
        cost_at_least: float | None = None,
    ) -> str:
        """Minimise `goal` ('cost' or 'deviation') under the bounds; the solver status.

        `cost_at_least` is a cost no plan within the bounds can beat (proved
        elsewhere): a floor that lets the solver stop once it meets it.
        """
        self._bound("cost", cost_at_most, cost_at_least)
        self._bound("deviation", deviation_at_most)
        self._set_goal(goal)
        start = self._start(goal, cost_at_most, deviation_at_most)
        outcome, runs = run_from(self.session, self.time_limit, start, self._value(goal))
        self.solves += runs
        self.values = outcome.values
        if outcome.values is not None:
            self.known.append(outcome.values)
        return outcome.status

    def _set_goal(self, goal: str) -> None:
        costs = [0.0] * len(self.program.model.col_names)
        for col, value in self.costs[goal].terms.items():
            costs[col] = value
        self.session.set_objective(costs)

    def _value(self, which: str):  # type: ignore[no-untyped-def]
        """A column vector's cost or deviation as the rows and the solver see it (terms only)."""
        terms = self.costs[which].terms
        return lambda values: sum(v * values[c] for c, v in terms.items())

    def _start(
        self, goal: str, cost_at_most: float | None, deviation_at_most: float | None
    ) -> tuple[float, ...] | None:
        """The best known plan for `goal` within the bounds (each known plan meets every
        rule, so one within the bounds is a feasible start), or None."""
        cost, deviation = self._value("cost"), self._value("deviation")

        def within(values: tuple[float, ...]) -> bool:
            if self.held is not None and round(values[self.held[0]]) != self.held[1]:
                return False
            return all(
                limit is None or value(values) <= limit + SLACK * max(1.0, abs(limit))
                for limit, value in ((cost_at_most, cost), (deviation_at_most, deviation))
            )

        fits = [v for v in self.known if within(v)]
        return min(fits, key=self._value(goal)) if fits else None

    def full_values(self, allocation: dict[Cell, int]) -> tuple[float, ...]:
        """Every column's value for a known plan (x, y, totals, deviations, D(n)): a start."""
        from planner.scenario.evaluate import fair_shares

        program = self.program
        values = program.column_values(allocation)
        phi = fair_shares(self.scenario)
        for t, ground in program.ground_col.items():
            for nation in self.scenario.nations:
                dev = program.extra.get(program.name(f"fair_share.dev.{nation.code}", t))
                if dev is not None:
                    gap = (
                        program.troops(nation.code, t).value(values)
                        - phi[nation.code] * values[ground]
                    )
                    values[dev] = abs(gap)
        for (d, _), nation in zip(self.chords, _open(self.scenario), strict=True):
            values[d] = program.troops(nation.code, 1).value(values)
        return tuple(values)

    def fairest(self, cost_at_least: float | None) -> tuple[str, ParetoPoint | None]:
        """The fairest plan, and the cheapest of the fairest: lexicographic("deviation"), faster.

        Where the force-total search applies (planner.optimise.fair_search, what `solve`
        uses for fair_share), it finds the least deviation d*. Only the totals whose
        fair_share bound is within d* (plus the row's slack) can hold a plan that fair, so
        the cheapest of the fairest is sought at each such total in turn, TOTAL held there
        with the chord cuts of that total: valid rows, so the same plans as the plain
        program, whose deviation LP bound is near zero (no result in 200 s on a generated
        40 x 24 scenario). Elsewhere, or when the search settles nothing, the plain way.
        """
        if not self.chords:
            return self.lexicographic("deviation", None, None, cost_at_least)
        from planner.optimise import fair_bound, fair_search
        from planner.optimise.deadline import Deadline

        found = fair_search.search(self.scenario, Deadline(self.time_limit), self.cancel)
        self.solves += 1  # the search, as one
        if found is None or found.outcome.status != "optimal" or found.allocation is None:
            return self.lexicographic("deviation", None, None, cost_at_least)
        totals = self.candidates()
        assert totals is not None  # the search applied, so its candidates exist
        fair = objective_value(self.scenario, found.allocation, "fair_share")
        limit = fair + SLACK * max(1.0, abs(fair))
        held = [int(t) for t, b in zip(totals.totals, totals.bounds, strict=True) if b <= limit]
        if len(held) > MOST_TOTALS:
            return self.lexicographic("deviation", None, None, cost_at_least)
        self.known.append(self.full_values(found.allocation))
        best: ParetoPoint | None = None
        status = "optimal"
        try:
            for total in held:
                window = fair_bound.window(totals.sets, totals.phi, totals.max_share, total)
                self.hold_total(total, window)
                cap = None if best is None else best.cost
                step = self.best("cost", cap, fair, cost_at_least)
                if step in ("optimal", "feasible"):
                    p = self.point(proved=step == "optimal")
                    if best is None or p.cost < best.cost:
                        best = p
                    if step == "feasible":
                        status = "feasible"
                elif step != "infeasible":  # a time limit or cancel: the rest unsearched
                    status = step if best is None or step == "cancelled" else "feasible"
                    break
                if best is not None and cost_at_least is not None:
                    if best.cost <= cost_at_least + SLACK * max(1.0, abs(cost_at_least)):
                        break  # as cheap as any plan at all: no other total can beat it
        finally:
            self.hold_total(None)
        if best is None and status not in ("cancelled", "infeasible"):
            best, status = self._point_of(found.allocation, False), "feasible"  # the search's
        if best is not None and status != "optimal":
            best = dataclasses.replace(best, proved=False)
        return status, best

    def candidates(self) -> Any:
        """Every force total a plan can have, with its fair_share bound (computed once), or
        None where the force-total search does not apply."""
        if self._candidates is None and self.chords:
            from planner.optimise import fair_search

            self._candidates = fair_search.candidates(self.scenario)
        return self._candidates

    def relaxed_cost(self, deviation_at_most: float, total: int, held: bool) -> float:
        """The least cost of the LP relaxation with deviation <= the bound and TOTAL >= `total`
        (== `total` with its chord cuts when `held`): a lower bound on the cost of every
        plan there. inf: no plan there; -inf: the LP settled nothing (no bound claimed)."""
        from planner.optimise import fair_bound

        totals, column = self.candidates(), self.program.total_col[1]
        session, model = self.session, self.program.model
        if held:
            self.hold_total(
                total, fair_bound.window(totals.sets, totals.phi, totals.max_share, total)
            )
        else:
            session.set_col_bounds(column, total, model.col_upper[column])
        self._bound("cost", None)
        self._bound("deviation", deviation_at_most)
        self._set_goal("cost")
        try:
            return session.relaxation(self.time_limit, warm=False)
        finally:
            self.hold_total(None)

    def cheapest_within(
        self, deviation_at_most: float, cost_at_least: float | None
    ) -> tuple[str, ParetoPoint | None]:
        """The point of a deviation bound between the ends: ``lexicographic("cost", ...)``,
        total by total where that pays (:mod:`planner.analyses.pareto_totals`). Once the
        sweep gives up it is not tried again: the next, tighter bounds leave more totals
        open, not fewer."""
        if self.by_totals:
            from planner.analyses.pareto_totals import cheapest_by_totals

            found = cheapest_by_totals(self, deviation_at_most, cost_at_least)
            if found is not None:
                return found
            self.by_totals = False
        return self.lexicographic("cost", None, deviation_at_most, cost_at_least)

    def point(self, proved: bool) -> ParetoPoint:
        assert self.values is not None
        return self._point_of(self.program.allocation(self.values), proved)

    def _point_of(self, allocation: dict[Cell, int], proved: bool) -> ParetoPoint:
        return ParetoPoint(
            objective_value(self.scenario, allocation, "min_cost"),
            objective_value(self.scenario, allocation, "fair_share"),
            evaluate(self.scenario, allocation).total_troops,
            allocation,
            proved,
        )

    def lexicographic(
        self,
        first: str,
        cost_at_most: float | None,
        deviation_at_most: float | None,
        cost_at_least: float | None = None,
    ) -> tuple[str, ParetoPoint | None]:
        """Best `first` under the bounds, then best of the other without losing on `first`.

        `cost_at_least`: a proved floor on the cost of any plan within the bounds.
        """
        status = self.best(first, cost_at_most, deviation_at_most, cost_at_least)
        if status not in ("optimal", "feasible"):
            return status, None
        p = self.point(proved=False)
        first_proved = status == "optimal"
        if first == "cost":
            floor = p.cost if first_proved else cost_at_least  # nothing within is cheaper
            status = self.best("deviation", p.cost, deviation_at_most, floor)
        else:
            status = self.best("cost", cost_at_most, p.deviation, cost_at_least)
        if status in ("optimal", "feasible"):
            return status, self.point(proved=first_proved and status == "optimal")
        return status, p


class _Pool:
    """Worker processes for the points between the ends, each with its own :class:`_Front`."""

    def __init__(
        self,
        scenario: Scenario,
        time_limit: float | None,
        cancel: threading.Event | None,
        asked: int | None,
    ) -> None:
        self.args = (scenario, time_limit)
        self.asked = asked
        self.workers = Workers(cancel)
        self.count = 0  # worker processes started
        self.running: dict[int, Future[_Answer]] = {}

    def pays(self, points: int, first_seconds: float) -> bool:
        """Whether workers pay for `points` points between the ends, the cheapest end having
        taken `first_seconds` (each point between costs two solves of about that, or more)."""
        if points < 2:
            return False
        if self.asked is not None:
            return self.asked > 1
        if _cores() < 2 or _busy():
            return False
        return points * first_seconds > PARALLEL_SECONDS

    def start(self) -> None:
        self.count = self.asked or 2
        self.workers.start(self.count, _start_worker, self.args)
        for _ in range(self.count):  # spawned now, so each builds its model while this one works
            self.workers.submit(_ready)

    @property
    def free(self) -> bool:
        return len(self.running) < self.count

    def submit(self, index: int, bound: float, floor: float | None, starts: list) -> None:
        self.running[index] = self.workers.submit(_solve_point, bound, floor, starts)

    def finished(self) -> list[tuple[int, _Answer | None]]:
        """The points the workers have answered, at least one (None: cancelled first)."""
        while not self.workers.cancelled:
            ready = [i for i in sorted(self.running) if self.running[i].done()]
            if ready:
                return [(i, self.running.pop(i).result()) for i in ready]
            wait(list(self.running.values()), timeout=0.1, return_when=FIRST_COMPLETED)
        self.running.clear()
        return [(-1, None)]

    def close(self, cancel: bool) -> None:
        self.workers.close(cancel)


_Answer = tuple[str, "ParetoPoint | None", int, list]
"""A worker's point: status, the point (None: no plan), solver runs, the plans it found."""


class _Middle:
    """The points between the two ends, loosest bound first, here and in any workers.

    Each is the lexicographic optimum of its bound, so the order they are settled in changes
    only the speed. As when they were solved one after another, a bound that a proved point
    of a looser bound already meets needs no solve (that point is again the answer), and the
    cost of a proved point of a looser bound is a floor for a tighter one; each solve starts
    from the plans known when it starts.
    """

    def __init__(
        self,
        front: _Front,
        pool: _Pool,
        cheapest: ParetoPoint,
        bounds: list[float],
        tick: Callable[[int], None],
    ) -> None:
        self.front, self.pool, self.bounds, self.tick = front, pool, bounds, tick
        self.cheapest = cheapest
        self.points: dict[int, ParetoPoint] = {}
        self.done = 0
        self.cancelled = False

    def _looser(self, index: int) -> list[ParetoPoint]:
        """The proved points of looser bounds than bound `index` (the cheapest end first)."""
        found = [self.cheapest, *(p for i, p in self.points.items() if i < index)]
        return [p for p in found if p.proved]

    def _met(self, index: int) -> bool:
        return any(p.deviation <= self.bounds[index] for p in self._looser(index))

    def _floor(self, index: int) -> float | None:
        looser = self._looser(index)
        return max(p.cost for p in looser) if looser else None  # a tighter bound costs no less

    def _record(self, index: int, status: str, point: ParetoPoint | None) -> None:
        if status == "cancelled":
            self.cancelled = True
        elif point is not None:
            self.points[index] = point
        self.done += 1
        self.tick(self.done)

    def _collect(self) -> None:
        for index, answer in self.pool.finished():
            if answer is None:  # cancelled while waiting
                self.cancelled = True
                continue
            status, point, runs, plans = answer
            self.front.solves += runs
            self.front.known.extend(plans)
            self._record(index, status, point)

    def run(self) -> list[ParetoPoint]:
        todo = list(range(len(self.bounds)))
        while (todo or self.pool.running) and not self.cancelled:
            while todo and (self.pool.free or not self.pool.count) and not self.cancelled:
                index = todo.pop(0)
                if self._met(index):
                    self._record(index, "optimal", None)
                elif self.pool.count:
                    starts = list(self.front.known)
                    self.pool.submit(index, self.bounds[index], self._floor(index), starts)
                else:
                    bound, floor = self.bounds[index], self._floor(index)
                    status, point = self.front.cheapest_within(bound, floor)
                    self._record(index, status, point)
            if self.pool.running and not self.cancelled:
                self._collect()
        return [self.points[i] for i in sorted(self.points)]


_worker_front: _Front | None = None


def _start_worker(scenario: Scenario, time_limit: float | None) -> None:
    """A worker's own program (in the worker process; Cancel is the parent's, by closing)."""
    global _worker_front
    _worker_front = _Front(scenario, time_limit, None)


def _ready() -> None:
    """Nothing: a first job, so a worker starts (and builds its program) before it is needed."""


def _solve_point(bound: float, floor: float | None, starts: list) -> _Answer:
    """The point of one deviation bound, in a worker: as :meth:`_Front.lexicographic`."""
    front = _worker_front
    assert front is not None
    front.known = list(starts)
    runs = front.solves
    status, point = front.cheapest_within(bound, floor)
    return status, point, front.solves - runs, front.known[len(starts) :]


def analyse_pareto(
    scenario: Scenario,
    objective: str | None = None,  # both objectives are the point; kept for a uniform call
    *,
    points: int = DEFAULT_POINTS,
    baseline: PlanResult | None = None,  # the two ends are solved here, both objectives
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ParetoAnalysis:
    """Up to `points` non-dominated plans from the cheapest to the fairest.

    `workers` 1 solves every point in this process; k > 1 solves the ends here and the
    points between them in k worker processes; None uses two when two cores exist, the
    machine is not busy with other work, and the cheapest end suggests the points between
    will take long enough (:data:`PARALLEL_SECONDS`). The points are the same either way.
    """
    if isinstance(points, bool) or not 2 <= points <= 50:
        raise PlannerError(f"points must be a whole number from 2 to 50, not {points!r}")
    start = time.perf_counter()
    analysis = ParetoAnalysis(scenario, points, "invalid")
    problems = hard_problems(scenario)
    if problems:
        analysis.reason = problems[0].message
        return analysis
    front = _Front(scenario, time_limit, cancel)
    steps = points

    def tick(done: int) -> None:
        if progress is not None:
            progress(done, steps)

    began = time.perf_counter()
    status, cheapest = front.lexicographic("cost", None, None)
    tick(1)
    if cheapest is None:
        analysis.status = status
        analysis.reason = NO_FRONT.get(status, status)
        return analysis
    pool = _Pool(scenario, time_limit, cancel, workers)
    if pool.pays(points - 2, time.perf_counter() - began):
        pool.start()  # the workers build their model while the fairest end is sought here
    middle: _Middle | None = None
    try:
        floor = cheapest.cost if cheapest.proved else None  # no plan is cheaper than the cheapest
        status, fairest = front.fairest(floor)
        tick(2)
        if fairest is None or status == "cancelled":
            analysis.status = status
            analysis.reason = NO_FRONT.get(status, status)
            return analysis
        span = cheapest.deviation - fairest.deviation
        bounds = [cheapest.deviation - span * k / (points - 1) for k in range(1, points - 1)]
        middle = _Middle(front, pool, cheapest, bounds, lambda done: tick(done + 2))
        found = [cheapest, fairest, *middle.run()]
    finally:
        pool.close(cancel=cancel is not None and cancel.is_set())
    assert middle is not None  # set unless the front ended before it (returned above)
    if middle.cancelled:
        analysis.status = "cancelled"
    analysis.points = non_dominated(found)
    analysis.solves = front.solves
    if analysis.status != "cancelled":
        analysis.status = "feasible" if analysis.unproved else "optimal"
    analysis.seconds = time.perf_counter() - start
    return analysis


def _cores() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1


def _busy() -> bool:
    """Whether other work already takes the cores a worker would use (the load average of
    the last minute, this process included, leaves less than one core and a half free).

    Measured on 2 cores at load 6 (docs/decisions.md): two workers made the default
    scenario's front slower (62.2 baseline solves against 52.7 in this process), having
    no idle core to run on and about a fifth more work to do.
    """
    if not hasattr(os, "getloadavg"):
        return False
    return os.getloadavg()[0] > _cores() - 1.5


def _open(scenario: Scenario) -> list[Any]:
    from planner.optimise.troop_totals import open_nations

    return open_nations(scenario)


def fairer_at_cost(
    analysis: ParetoAnalysis, cost: float, deviation: float
) -> tuple[int, ParetoPoint] | None:
    """The fairest point that costs no more than `cost` and is nearer fair share than
    `deviation` by a whole troop at least, with its number (1: the cheapest), or None.

    A least-cost solve has no fairness tie-break, so its plan may be any of the plans of
    least cost, while the front's cheapest point is the fairest of them (lexicographic):
    this says whether the front holds a plan as cheap and fairer. Every point is a plan
    that meets every rule, its two numbers exact, so the answer holds even for a point a
    time limit left unproved.
    """
    limit = cost + SLACK * max(1.0, abs(cost))
    found = [
        (number, p)
        for number, p in enumerate(analysis.points, start=1)
        if p.cost <= limit and round(deviation - p.deviation) >= 1
    ]
    return min(found, key=lambda item: item[1].deviation) if found else None


def non_dominated(found: list[ParetoPoint]) -> list[ParetoPoint]:
    """Equal points merged, and any point another beats on both numbers dropped, cheapest first.

    Proved points never lose here; a point a time limit left unproved may.
    """
    unique: dict[tuple[float, float], ParetoPoint] = {}
    for p in found:
        key = (round(p.cost, 6), round(p.deviation, 6))
        if key not in unique or (p.proved and not unique[key].proved):
            unique[key] = p
    keys = sorted(unique)
    kept = [k for k in keys if not any(o != k and o[0] <= k[0] and o[1] <= k[1] for o in keys)]
    return [unique[k] for k in kept]
