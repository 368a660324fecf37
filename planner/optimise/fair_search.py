"""Exact fair_share plans by searching the force total, on one HiGHS model.

The fair_share program's LP bound is near zero (fractional units give every
nation its fair share exactly), so branch and bound alone cannot prove a
plan optimal at 40 nations and more. Here the force total T is searched
instead: :mod:`fair_bound` gives a lower bound for every possible T, and the
totals are taken cheapest bound first. At each T the program gets
``TOTAL = T`` and, per nation, the chord cut of its deviation hull
(:mod:`fair_model`). It is tried with every D(n) fixed at one bound-optimal
fill, then with D(n) in the range that holds every bound-optimal plan (a
plan there that reaches the bound is optimal outright), then free, each
time with the best plan so far as a cutoff. The search ends when the next
total's bound is no better than the best plan.

Where requirements or locks pull nations off their fair shares, the bound
is not reached and many totals stay open. Then every total's bound is raised
by one that sees the requirements and ``min_nations`` (:mod:`fair_columns`,
the Lagrangian of those rows over each nation's unit-count choices), which
settles most totals without a solve; else the program is tried over all of
them at once for a few seconds before going on total by total. Where the
totals are very many per nation (unit sizes without a round grain), that
program follows the first total at once.

Every solve is the spec's program plus valid rows (the chord cuts, the
total, ranges proved to hold an optimum), so every plan meets every rule.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from planner.optimise import fair_bound, fair_columns
from planner.optimise.deadline import NO_DEADLINE, Deadline, OutOfTime
from planner.optimise.fair_model import FairShareModel, SolverTrouble, applies
from planner.optimise.solver import SolveOutcome
from planner.optimise.troop_totals import (
    MAX_STEPS,
    TroopTotals,
    enumeration_steps,
    open_nations,
    troop_grain,
    troop_totals,
)
from planner.rules.objectives import objective_value
from planner.rules.statements import most_troops
from planner.scenario.evaluate import fair_shares
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell, Plan
from planner.status import Status

MAX_BOUND_CELLS = 10_000_000
"""Most (totals x nations) bounds computed (about 2 s); beyond, the plain program is solved."""

TOTALS_ONE_BY_ONE = 20
"""Totals left below the best plan beyond which solving them together is tried first."""

WINDOW_TRIES = 3
"""Totals at which the bound's window is tried first; past them it rarely pays (see docs)."""

TOGETHER_SECONDS = 5.0
"""How long that try may take before the search goes on one total at a time."""

FIRST_TOTAL_SECONDS = 2.0
"""How long the first total may take before the program over every total is tried.

Where each requirement can be met by many nations on their own (the `independent`
shape of benchmarks/generate.py), one total can take longer than the whole program:
14x10 seed 0 spent 20 s on its first of 12,084 totals, while the program over every
total proved the optimum in 0.8 s. Past this, when more than MANY_TOTALS totals are
left below the best plan, that program gets half of what is left (TOGETHER_SECONDS at
least); if it settles nothing, or fewer totals are left, the search goes on as before."""

DENSE_FIRST_SECONDS = 0.2
"""The first total's time where the totals are dense (DENSE_TOTALS): enough where it is
settled at once (0.01-0.02 s on `independent` 8x6 seeds 1 and 2, where its plan reaches
its bound or the total has no plan), little lost where it is not."""

MANY_TOTALS = 1_000
"""Totals below the best plan beyond which one total at a time cannot pay: 7,498 on that
14x10 scenario, 63 on the requirement-heavy 80x40 seed 1, which the search proves."""

DENSE_TOTALS = 200
"""Candidate totals per nation beyond which the first total gets only DENSE_FIRST_SECONDS.

Known before any total is solved. Where unit sizes share no round grain (the
`independent` shape: grain 1, 800-1,700 totals per nation at 8x6 to 80x40), holding
TOTAL at one value is a subset-sum equality that branch and bound finds slowly (the
first total took 2.5-19 s on 5 of 8 such scenarios at 8x6 and 14x10, measured
2026-12-03), and neighbouring totals have nearly the same bound, so thousands stay below
the best plan; the program over every total proves those scenarios in 0.2-4.4 s. Round
unit sizes (grain 10 or 50: the default scenario 33 per nation, `generate` 6-64,
requirement-heavy 10-14) keep FIRST_TOTAL_SECONDS: their first total settles in about a
second or less, and the program over every total often does not settle at all."""


TIGHTEN_FROM = 4
"""Totals left below the best plan from which bounds that see the requirements are sought:
building them costs about one total's solve (0.05 s at 24x10, 0.4 s at 80x40)."""


def tolerance(value: float) -> float:
    """How close two objective values must be to count as equal (floating point noise)."""
    return 1e-6 + 1e-12 * abs(value)


@dataclass(frozen=True)
class Candidates:
    """The totals worth searching, with their bounds, cheapest first."""

    sets: list[TroopTotals]
    phi: np.ndarray
    max_share: float
    totals: np.ndarray
    bounds: np.ndarray

    def below(self, value: float) -> np.ndarray:
        """The totals whose bound is below `value` (so a better plan may have them)."""
        if not math.isfinite(value):
            return self.totals
        return self.totals[: np.searchsorted(self.bounds, value - tolerance(value), "left")]


def candidates(scenario: Scenario, deadline: Deadline = NO_DEADLINE) -> Candidates | None:
    """Every force total a plan could have and its bound; None where the search does not apply.

    It does not apply when no nation offers a deployed unit (every total is
    0) or when the totals are too many to enumerate (a grain of 1 over a
    band of millions of troops).
    """
    nations = open_nations(scenario)
    grain = troop_grain(scenario)
    if not nations or grain == 0 or enumeration_steps(scenario, grain) > MAX_STEPS:
        return None
    target = scenario.target
    first = -(-target.min_troops // grain)
    last = min(target.max_troops, sum(most_troops(scenario, n) for n in nations)) // grain
    if (last - first + 1) * len(nations) > MAX_BOUND_CELLS:
        return None
    totals = np.arange(first, max(first, last + 1), dtype=np.int64) * grain

    def check() -> None:
        deadline.check("bounding the fair_share objective at each force total")

    sets = []
    for nation in nations:
        check()
        sets.append(troop_totals(scenario, nation, grain))
    shares = fair_shares(scenario)
    phi = np.array([shares[n.code] for n in nations])
    share = scenario.rules.max_share
    bounds = fair_bound.lower_bounds_over(sets, phi, share, totals, check)
    keep = np.isfinite(bounds)
    order = np.argsort(bounds[keep], kind="stable")
    return Candidates(sets, phi, share, totals[keep][order], bounds[keep][order])


@dataclass
class SearchResult:
    """What the search found: a solver-style outcome and the best plan."""

    outcome: SolveOutcome
    allocation: dict[Cell, int] | None


class _Best:
    """The best plan found so far and its exact objective value."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.value = math.inf
        self.allocation: dict[Cell, int] | None = None

    def offer(self, allocation: Plan | None) -> float:
        """Keep `allocation` if it is better; return its value (inf for none)."""
        if allocation is None:
            return math.inf
        value = objective_value(self.scenario, allocation, "fair_share")
        if value < self.value:
            self.value, self.allocation = value, dict(allocation)
        return value

    def cutoff(self) -> float | None:
        return None if self.allocation is None else self.value - tolerance(self.value)


def search(
    scenario: Scenario,
    deadline: Deadline = NO_DEADLINE,
    cancel: threading.Event | None = None,
) -> SearchResult | None:
    """The fair_share optimum of `scenario`, or None where the search does not apply.

    None also when HiGHS ends a solve in a way that settles nothing: the
    caller then solves the plain program, which reports such ends itself.

    When the first total settled does not reach its bound (requirements or
    locks pull nations off their fair shares) and many totals remain below
    the best plan, the program is first tried over all those totals at once
    for a few seconds: requirements strong enough to spoil the bound often
    make the program's own LP bound strong. If that does not settle it, the
    search goes on one total at a time from the best plan found.
    """
    if not applies(scenario):
        return None
    start = time.perf_counter()
    found = candidates(scenario, deadline)
    if found is None:
        return None
    if len(found.totals) == 0:  # no total can be met by the nations' own statements
        return SearchResult(SolveOutcome(Status.INFEASIBLE, time.perf_counter() - start), None)
    try:
        return _search(scenario, found, start, deadline, cancel)
    except SolverTrouble:
        return None


def _search(
    scenario: Scenario,
    found: Candidates,
    start: float,
    deadline: Deadline,
    cancel: threading.Event | None,
) -> SearchResult:
    """The search proper, over the candidate totals of `found` (see :func:`search`)."""
    model = FairShareModel(scenario, cancel, deadline)
    best = _Best(scenario)

    remaining = deadline.remaining

    floor = -math.inf  # proven by the all-at-once try: every open plan is at least this

    def finish(status: str, bound: float | None) -> SearchResult:
        status = Status(status)
        gap = None
        if bound is not None and best.allocation is not None:
            bound = min(max(bound, floor), best.value)
            gap = 0.0 if status == "optimal" else (best.value - bound) / max(best.value, 1e-9)
        outcome = SolveOutcome(status, time.perf_counter() - start, bound, gap)
        return SearchResult(outcome, best.allocation)

    tried_together = False
    skip = 0  # the first total, when _first_total settled it
    first = _first_total(model, found, best, remaining)
    if first is not None:
        step, together = first
        skip = 1 if step == "solved" else 0
        if together is not None:
            tried_together = True
            step, floor = together
            if step == "all settled":
                status = "optimal" if best.allocation is not None else "infeasible"
                return finish(status, best.value)
        if step == "infeasible":
            return finish("infeasible", None)
        if step == "cancelled":
            return finish(step, float(found.bounds[0]))
    tightened = _tighten(scenario, found, skip, best, deadline, cancel)
    if tightened is not None:  # its bounds beat the program's over all totals at once
        found, skip, tried_together = tightened, 0, True
    for searched, (total, bound) in enumerate(zip(found.totals, found.bounds, strict=True)):
        if searched < skip:
            continue
        if best.value <= bound + tolerance(bound):
            return finish("optimal", best.value)
        if cancel is not None and cancel.is_set():
            return finish("cancelled", float(bound))
        left = found.below(best.value)[searched:]
        if searched and not tried_together and len(left) > TOTALS_ONE_BY_ONE:
            tried_together = True
            left_seconds = remaining()
            limit = (
                TOGETHER_SECONDS if left_seconds is None else min(TOGETHER_SECONDS, left_seconds)
            )
            step, floor = _settle_totals(model, left, best, limit, float(bound))
            if step == "all settled":
                status = "optimal" if best.allocation is not None else "infeasible"
                return finish(status, best.value)
            if step == "cancelled":
                return finish(step, float(bound))
        step = _settle_total(model, found, int(total), float(bound), best, remaining, searched)
        if step == "infeasible":
            return finish("infeasible", None)
        if step != "solved":
            status = step if step == "cancelled" else ("feasible" if best.allocation else "unknown")
            return finish(status, float(bound))
    if best.allocation is None:
        return finish("infeasible", None)
    return finish("optimal", best.value)


def _tighten(
    scenario: Scenario,
    found: Candidates,
    skip: int,
    best: _Best,
    deadline: Deadline,
    cancel: threading.Event | None,
) -> Candidates | None:
    """The totals after the first `skip`, re-ordered by bounds that see the requirements.

    Only once a plan is known and the first total fell short of its hull bound with
    many totals left below that plan (requirements, ``min_nations`` or locks pull
    nations off their shares): :mod:`fair_columns` then raises every bound below the
    plan, and totals it lifts above the plan are settled without a solve. None where
    it does not pay or does not apply (too many unit-count choices to enumerate), and
    when the deadline or Cancel comes first (the search then goes on as before).
    """
    if best.allocation is None or len(found.totals) <= skip:
        return None
    if best.value <= float(found.bounds[skip]) + tolerance(float(found.bounds[skip])):
        return None
    if not TIGHTEN_FROM <= len(found.below(best.value)) - skip <= 2 * MANY_TOTALS:
        return None  # too few to pay, or so many that a bound per total cannot settle them
    columns = fair_columns.ColumnBound.build(scenario, found.sets, found.phi)
    if columns is None:
        return None

    def check() -> None:
        deadline.check("bounding the fair_share objective with the requirements")
        if cancel is not None and cancel.is_set():
            raise OutOfTime("cancelled")

    totals, bounds = found.totals[skip:], found.bounds[skip:]
    try:
        raised = columns.tighten(totals, bounds, best.value - tolerance(best.value), check)
    except OutOfTime:
        return None
    order = np.argsort(raised, kind="stable")
    return Candidates(found.sets, found.phi, found.max_share, totals[order], raised[order])


def _first_total(
    model: FairShareModel,
    found: Candidates,
    best: _Best,
    remaining: Callable[[], float | None],
) -> tuple[str, tuple[str, float] | None] | None:
    """The first total within FIRST_TOTAL_SECONDS, or else the program over every total.

    Where the totals are dense (:func:`dense`) the first total gets only
    DENSE_FIRST_SECONDS, and the program over every total follows even when it was
    settled, if many totals are left below its plan. None when there is too little time
    to try (the loop then starts as before). Else (the first total's step, None) when
    it ended within the cap and no hand-over follows (its plan is kept in `best`), or
    (its step, what :func:`_settle_totals` says of every total at once); the search then
    starts again from the first total (the second when the first was settled), with
    the plans found so far.
    """
    many = dense(found)
    cap = DENSE_FIRST_SECONDS if many else FIRST_TOTAL_SECONDS
    left = remaining()
    if left is not None and left <= 2 * cap:
        return None
    total, bound = int(found.totals[0]), float(found.bounds[0])

    def capped() -> float | None:
        now = remaining()
        return cap if now is None else min(cap, now)

    began = time.perf_counter()
    step = _settle_total(model, found, total, bound, best, capped, 0)
    if step == "time" and time.perf_counter() - began < cap * 0.9:
        return step, None  # the deadline itself is near
    if step not in ("time", "solved") or (step == "solved" and not many):
        return step, None  # ended within the cap
    left_totals = found.below(best.value)
    if len(left_totals) <= MANY_TOTALS:
        return step, None  # few totals: the search one by one pays (requirement-heavy cases)
    limit = _together_limit(remaining())
    return step, _settle_totals(model, left_totals, best, limit, bound)


def dense(found: Candidates) -> bool:
    """Whether the totals are so many per nation that one total at a time cannot pay
    (DENSE_TOTALS): then the first total gets only a short slice before the program over
    every total."""
    return len(found.totals) > DENSE_TOTALS * len(found.sets)


def _together_limit(now: float | None) -> float:
    """The time the program over every total gets in the hand-over: half of what is left,
    TOGETHER_SECONDS at least (never past the deadline), 4 x TOGETHER_SECONDS without one."""
    if now is None:
        return 4 * TOGETHER_SECONDS
    return min(max(TOGETHER_SECONDS, now / 2), now)


def _settle_totals(
    model: FairShareModel, totals: np.ndarray, best: _Best, limit: float | None, bound: float
) -> tuple[str, float]:
    """Solve over every total in `totals` at once, below the best plan: all settled or not.

    `bound` is the least bound of those totals: a plan that reaches it is optimal
    among them, so HiGHS stops there. Returns the step and HiGHS's proven bound: no
    plan with such a total is better (the others are no better than the best plan already).
    """
    model.at_total(None, (int(totals.min()), int(totals.max())))
    model.chords(None)
    model.troops_within(None, None)
    status, plan = model.run(limit, best.cutoff(), bound + tolerance(bound))
    best.offer(plan)
    if status == "solved":
        return "all settled", best.value
    return status, model.dual_bound()


def _settle_total(
    model: FairShareModel,
    found: Candidates,
    total: int,
    bound: float,
    best: _Best,
    remaining: Callable[[], float | None],
    searched: int,
) -> str:
    """Find the best plan at `total`, or prove none beats `best`.

    Returns solved, infeasible (no plan at any total), time or cancelled.
    """
    w = fair_bound.window(found.sets, found.phi, found.max_share, total)
    model.at_total(total)
    model.chords(w)
    target = bound + tolerance(bound)
    if best.allocation is not None:
        model.troops_within(None, None)
        if model.relaxed_bound(remaining()) >= best.value - tolerance(best.value):
            return "solved"
    ranges = [(w.low, w.high)] if searched < WINDOW_TRIES else []
    if all(np.isin(w.fill[i], s.values) for i, s in enumerate(found.sets)):
        ranges.insert(0, (w.fill, w.fill))  # one bound-optimal plan's totals: cheapest to try
    for low, high in ranges:
        model.troops_within(low, high)
        status, plan = model.run(remaining(), best.cutoff(), target)
        if status != "solved":
            best.offer(plan)
            return status
        if best.offer(plan) <= target:
            return "solved"
    if searched == 0 and best.allocation is None and not _any_plan(model, best, remaining):
        return "infeasible"
    if best.value <= target:
        return "solved"
    model.at_total(total)
    model.chords(w)
    model.troops_within(None, None)
    status, plan = model.run(remaining(), best.cutoff(), target)
    best.offer(plan)
    return status


def _any_plan(model: FairShareModel, best: _Best, remaining: Callable[[], float | None]) -> bool:
    """Whether the scenario has a plan at all, at any total (the first one found is kept)."""
    model.at_total(None)
    model.chords(None)
    model.troops_within(None, None)
    status, plan = model.run(remaining(), None, math.inf)
    best.offer(plan)
    if status != "solved":
        return True  # undecided: carry on searching totals
    return plan is not None
