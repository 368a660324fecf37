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
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planner.analyses.warm import run_from
from planner.errors import PlannerError
from planner.explain.hard_check import hard_problems
from planner.linear import INF
from planner.optimise.program import ForceProgram, build_hard_program, enforce, soft_rows
from planner.optimise.solver import HighsSession
from planner.result.document import PlanResult, allocation_entries
from planner.rules.objectives import OBJECTIVES, objective_value
from planner.scenario.evaluate import evaluate
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell

Progress = Callable[[int, int], None]
DEFAULT_POINTS = 8
SLACK = 1e-6
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
        self.session = HighsSession(model, cancel)
        self.values: tuple[float, ...] | None = None
        self.known: list[tuple[float, ...]] = []  # every plan found: starts for later solves
        self.solves = 0

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
        costs = [0.0] * len(self.program.model.col_names)
        for col, value in self.costs[goal].terms.items():
            costs[col] = value
        self.session.set_objective(costs)
        start = self._start(goal, cost_at_most, deviation_at_most)
        outcome, runs = run_from(self.session, self.time_limit, start, self._value(goal))
        self.solves += runs
        self.values = outcome.values
        if outcome.values is not None:
            self.known.append(outcome.values)
        return outcome.status

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
            return all(
                limit is None or value(values) <= limit + SLACK * max(1.0, abs(limit))
                for limit, value in ((cost_at_most, cost), (deviation_at_most, deviation))
            )

        fits = [v for v in self.known if within(v)]
        return min(fits, key=self._value(goal)) if fits else None

    def point(self, proved: bool) -> ParetoPoint:
        assert self.values is not None
        allocation = self.program.allocation(self.values)
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


def analyse_pareto(
    scenario: Scenario,
    objective: str | None = None,  # both objectives are the point; kept for a uniform call
    *,
    points: int = DEFAULT_POINTS,
    baseline: PlanResult | None = None,  # the two ends are solved here, both objectives
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> ParetoAnalysis:
    """Up to `points` non-dominated plans from the cheapest to the fairest."""
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

    status, cheapest = front.lexicographic("cost", None, None)
    tick(1)
    if cheapest is None:
        analysis.status = status
        analysis.reason = NO_FRONT.get(status, status)
        return analysis
    floor = cheapest.cost if cheapest.proved else None  # no plan is cheaper than the cheapest
    status, fairest = front.lexicographic("deviation", None, None, floor)
    tick(2)
    if fairest is None or status == "cancelled":
        analysis.status = status
        analysis.reason = NO_FRONT.get(status, status)
        return analysis
    found = [cheapest, fairest]
    span = cheapest.deviation - fairest.deviation
    last = cheapest
    for k in range(1, points - 1):
        bound = cheapest.deviation - span * k / (points - 1)
        if last.proved and last.deviation <= bound:
            tick(k + 2)  # the cheapest plan of a looser bound already meets this one: it is
            continue  # the cheapest here too, and the fairest of that cost (no solve)
        floor = last.cost if last.proved else None  # a tighter bound cannot cost less
        status, p = front.lexicographic("cost", None, bound, floor)
        tick(k + 2)
        if status == "cancelled":
            analysis.status = "cancelled"
            break
        if p is not None:
            found.append(p)
            last = p
    analysis.points = non_dominated(found)
    analysis.solves = front.solves
    if analysis.status != "cancelled":
        analysis.status = "feasible" if analysis.unproved else "optimal"
    analysis.seconds = time.perf_counter() - start
    return analysis


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
