"""Sustainment: the largest force the offers can keep inside the rules, and at which rotation
cycle the target band stops being reachable.

Rotation (H1r) is what makes a force hard to keep: under the rule of thirds a
unit serves one period in three, so a nation keeps about a third of its
offer deployed at once. Two questions, each an integer program on the
scenario's own rules (every hard and soft constraint except the target's
minimums, which are what is asked):

- the largest force: maximise the least TOTAL(t) over full periods;
- the sweep: the same with every nation on one rotation cycle r = 1, 2, ...,
  `cycles`, and whether the target band (and the build-up) can be met at r.

A scenario of one period has no rotation to speak of; the sweep then runs it
over a horizon of twice the longest cycle, with every period full, and says so.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planner.errors import PlannerError
from planner.explain.hard_check import hard_problems
from planner.linear import INF, Expr
from planner.optimise import aggregate
from planner.optimise.program import build_hard_program, enforce, soft_rows
from planner.optimise.solver import solve_model
from planner.result.document import PlanResult
from planner.scenario.evaluate import evaluate
from planner.scenario.model import Periods, Scenario
from planner.scenario.plan import Cell
from planner.status import Status

Progress = Callable[[int, int], None]
DEFAULT_CYCLES = 4


@dataclass(frozen=True)
class CycleLine:
    """One rotation cycle of the sweep: the largest force kept, and whether the band holds."""

    rotation: int
    largest: int | None  # None: no plan keeps every other rule (or the time limit)
    status: str
    band_reachable: bool | None  # None: undecided (the time limit)

    def kept_text(self) -> str:
        """The largest force as every table shows it: "at least N" when not proven the most."""
        if self.largest is None:
            return "-"
        if self.status != Status.OPTIMAL:  # the time limit ran out before the most was proven
            return f"at least {self.largest:,}"
        return f"{self.largest:,}"

    def kept_words(self, low: int) -> str:
        """The largest force in words for a table: 'below the band' when short of `low`,
        and why there is none, never a bare '-' (the app and the brief say the same)."""
        if self.largest is None:
            if self.status == Status.INFEASIBLE:
                return "none: no plan keeps the other rules"
            return "none found in the time limit"
        if self.largest < low:
            return f"{self.kept_text()}, below the band ({low - self.largest:,} short)"
        return self.kept_text()

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def cycle_words(label: str, rotation: int) -> str:
    """'one quarter in 3', as the rotation's tooltip says; 'every quarter (no rotation)' for 1."""
    if rotation <= 1:
        return f"every {label} (no rotation)"
    return f"one {label} in {rotation:,}"


@dataclass
class SustainmentAnalysis:
    scenario: Scenario
    objective: str
    largest: int | None = None
    """The largest force the scenario as written keeps in every full period."""
    largest_status: str = "unknown"
    by_period: list[int] = field(default_factory=list)
    """TOTAL(t) of the plan that keeps the largest force."""
    cycles: list[CycleLine] = field(default_factory=list)
    horizon: int = 1
    """Periods the sweep ran over (the scenario's own, or a longer one for one period)."""
    stretched: bool = False
    """Whether the sweep ran over a longer horizon than the scenario's single period."""
    cancelled: bool = False
    reason: str = ""
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        return not self.cancelled

    @property
    def breaks_at(self) -> int | None:
        """The shortest rotation cycle at which the band cannot be met, if any in the sweep."""
        for line in self.cycles:
            if line.band_reachable is False:
                return line.rotation
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "analysis": "sustainment",
            "scenario": self.scenario.name,
            "objective": self.objective,
            "complete": self.complete,
            "largest_force": self.largest,
            "largest_status": self.largest_status,
            "by_period": self.by_period,
            "horizon": self.horizon,
            "stretched": self.stretched,
            "breaks_at_rotation": self.breaks_at,
            "cycles": [line.to_dict() for line in self.cycles],
            "reason": self.reason,
        }


def largest_force(
    scenario: Scenario,
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
) -> tuple[Status, int | None, list[int]]:
    """The most in-target troops every full period can have at once under every other rule."""
    kept = _largest(scenario, time_limit, cancel)
    return kept.status, kept.least, kept.totals


@dataclass(frozen=True)
class _Kept:
    """One largest-force solve: its status, the least full-period total, totals and plan."""

    status: Status
    least: int | None = None
    totals: list[int] = field(default_factory=list)
    plan: dict[Cell, int] | None = None


MERGED_SHARE = 0.5
"""Of a time limit, the most the program with alike areas merged may take."""


def _largest(
    scenario: Scenario,
    time_limit: float | None,
    cancel: threading.Event | None,
    start: _Kept | None = None,
) -> _Kept:
    """:func:`largest_force` with its plan, started from `start`'s plan (valid here) if any.

    Over several periods the program with alike areas merged
    (:mod:`planner.optimise.aggregate`) is tried first: it is a relaxation with the same
    in-target totals, so its optimum, once split back into a plan of the scenario, is the
    scenario's. Measured on the 2026-01 default: see docs/performance.md.
    """
    merged = aggregate.merge(scenario) if scenario.periods.several else None
    if merged is not None:
        began = time.perf_counter()
        share = None if time_limit is None else MERGED_SHARE * time_limit
        kept = _largest_program(merged.scenario, share, cancel, None, merged)
        if kept.status == Status.INFEASIBLE:
            return kept  # a relaxation without a plan: the scenario has none either
        if kept.status == Status.OPTIMAL and kept.plan is not None:
            left = None if time_limit is None else time_limit - (time.perf_counter() - began)
            plan = aggregate.split(merged, kept.plan, left, cancel)
            if plan is not None:
                return _Kept(Status.OPTIMAL, kept.least, evaluate(scenario, plan).total_at, plan)
        if time_limit is not None:
            time_limit = max(0.0, time_limit - (time.perf_counter() - began))
    return _largest_program(scenario, time_limit, cancel, start)


def _largest_program(
    scenario: Scenario,
    time_limit: float | None,
    cancel: threading.Event | None,
    start: _Kept | None = None,
    floors: aggregate.Merged | None = None,
) -> _Kept:
    """The largest-force program of `scenario` solved (with `floors`' rows if merged)."""
    program = build_hard_program(scenario, "sustainment")
    if floors is not None:
        aggregate.add_floors(floors, program)
    rows = [r for r in soft_rows(program) if not r.name.startswith("target.min_troops")]
    enforce(program, rows)
    model = program.model
    least = model.column("sustainment.least", 0, INF, integer=True)
    for t in scenario.periods.full:
        model.row(program.name("sustainment.least", t), program.total(t) - Expr.of(least), lower=0)
    model.set_objective(Expr.of(least, -1.0))
    values = None
    if start is not None and start.plan is not None and start.least is not None:
        values = program.column_values(start.plan)
        values[least] = float(start.least)
    outcome = solve_model(model, "highs", time_limit, cancel, values)
    if not outcome.has_plan or outcome.values is None:
        return _Kept(outcome.status)
    totals = [round(outcome.values[program.total_col[t]]) for t in scenario.periods.all]
    return _Kept(
        outcome.status, round(outcome.values[least]), totals, program.allocation(outcome.values)
    )


def with_rotation(scenario: Scenario, rotation: int, horizon: int | None = None) -> Scenario:
    """`scenario` with every nation on the one rotation cycle (over `horizon` periods)."""
    periods = scenario.periods
    if horizon is not None:
        periods = Periods(horizon, periods.label, periods.first, rotation, 1)
    else:
        periods = dataclasses.replace(periods, rotation=rotation)
    nations = tuple(dataclasses.replace(n, rotation=None) for n in scenario.nations)
    return dataclasses.replace(scenario, periods=periods, nations=nations)


def analyse_sustainment(
    scenario: Scenario,
    objective: str | None = None,
    *,
    cycles: int = DEFAULT_CYCLES,
    baseline: PlanResult | None = None,
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> SustainmentAnalysis:
    """The largest force kept, then the sweep of rotation cycles 1..`cycles`."""
    if isinstance(cycles, bool) or not 1 <= cycles <= 12:
        raise PlannerError(f"cycles must be a whole number from 1 to 12, not {cycles!r}")
    start = time.perf_counter()
    objective = objective or scenario.objective
    analysis = SustainmentAnalysis(scenario, objective)
    problems = hard_problems(scenario)
    if problems:
        analysis.reason = problems[0].message
        analysis.largest_status = Status.INVALID
        return analysis
    steps = 1 + cycles

    def tick(done: int) -> None:
        if progress is not None:
            progress(done, steps)

    own = _largest(scenario, time_limit, cancel)
    analysis.largest_status, analysis.largest = str(own.status), own.least
    analysis.by_period = own.totals
    tick(1)
    if own.status == Status.CANCELLED:
        analysis.cancelled = True
        return analysis
    stretched = scenario.periods.count == 1
    horizon = 2 * cycles if stretched else None
    analysis.horizon, analysis.stretched = horizon or scenario.periods.count, stretched
    lines = _sweep(scenario, own, cycles, horizon, time_limit, cancel, tick)
    analysis.cancelled = len(lines) < cycles
    analysis.cycles = sorted(lines, key=lambda line: line.rotation)
    analysis.seconds = time.perf_counter() - start
    del baseline  # the band question is answered by its own programs, not the plan in hand
    return analysis


def _sweep(
    scenario: Scenario,
    own: _Kept,
    cycles: int,
    horizon: int | None,
    time_limit: float | None,
    cancel: threading.Event | None,
    tick: Callable[[int], None],
) -> list[CycleLine]:
    """The cycles from the longest down; a line per cycle settled (fewer when cancelled).

    A plan that keeps one cycle keeps every shorter one (its rotation windows
    are shorter), so each cycle starts from the plan of the one above and the
    largest force never grows with the cycle even when the time limit stops a
    solve early; a band reachable at a cycle is reachable at every shorter one
    without a solve. The scenario's own largest force is the line of its own
    cycle when every nation is on it, and a start for every cycle no longer
    than its shortest.
    """
    shortest = min((scenario.rotation_of(n) for n in scenario.nations), default=1)
    same_cycle = {scenario.rotation_of(n) for n in scenario.nations} <= {scenario.periods.rotation}
    lines: list[CycleLine] = []
    above: _Kept | None = None
    reachable_above = False
    for r in range(cycles, 0, -1):
        variant = with_rotation(scenario, r, horizon)
        starts = [k for k in (above,) if k is not None and k.least is not None]
        if horizon is None and r <= shortest and own.least is not None:
            starts.append(own)
        start = max(starts, key=lambda k: k.least or 0, default=None)
        if horizon is None and same_cycle and r == scenario.periods.rotation:
            kept = own  # the same program as the scenario's own: solved already
        else:
            kept = _largest(variant, time_limit, cancel, start)
        if kept.status == Status.CANCELLED:
            break
        if kept.least is None and start is not None and kept.status == Status.UNKNOWN:
            # the time limit stopped the solve before it took up its start: that plan still
            # keeps this cycle, as a lower bound only
            kept = dataclasses.replace(start, status=Status.FEASIBLE)
        reachable = True if reachable_above else _band_reachable(variant, time_limit, cancel)
        reachable_above = reachable is True
        lines.append(CycleLine(r, kept.least, str(kept.status), reachable))
        above = kept
        tick(2 + cycles - r)
    return lines


def _band_reachable(
    scenario: Scenario, time_limit: float | None, cancel: threading.Event | None
) -> bool | None:
    """Whether every rule, the target band and build-up included, can hold at once."""
    program = build_hard_program(scenario, "band")
    enforce(program, soft_rows(program))
    outcome = solve_model(program.model, "highs", time_limit, cancel)
    if outcome.status == Status.INFEASIBLE:
        return False
    return True if outcome.has_plan else None
