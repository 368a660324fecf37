"""fair_share over periods: a better plan with each period's ground force held.

The force-total search (:mod:`planner.optimise.fair_search`) reasons about
one period with every area in the target. Over periods its reason for
working still holds one period at a time: with GROUND(t) held at a number
G, nation n's fair share phi(n) G is a constant, and since its troops D(n,t)
can take only the sums of its offers, its deviation is at least the chord
through the two sums a <= phi(n) G <= b next to it (the cut of
:mod:`planner.optimise.fair_model`). Fractional units then no longer make
the LP bound zero, and HiGHS improves a plan at once where on the plain
program it stalls.

:func:`polish` holds every GROUND(t) at the given plan's, adds the chords,
solves from that plan and undoes both. Every plan it returns is a plan of
the program (it only adds rows valid at that ground force); the caller
solves the full program from it, which decides the optimum.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence

import numpy as np

from planner.linear import Expr
from planner.optimise.deadline import Deadline, OutOfTime
from planner.optimise.fair_time_bound import block_curve
from planner.optimise.periodic import periodic_ties
from planner.optimise.program import ForceProgram
from planner.optimise.solver import HighsSession, solve_model
from planner.optimise.troop_totals import open_nations, troop_grain
from planner.rules.objectives import objective_value
from planner.rules.statements import bitset_sums, most_troops
from planner.scenario.evaluate import evaluate, fair_shares
from planner.scenario.model import Nation, Scenario
from planner.scenario.plan import Cell


def troop_sums(scenario: Scenario, nation: Nation) -> np.ndarray:
    """Every D(n,t) the nation's offers can make in one period, 0 included, ascending: a
    superset of what any period allows (readiness, rotation and floors only remove)."""
    sizes = [
        (u.personnel, nation.offer(u.id))
        for u in scenario.unit_types
        if u.deployed and u.personnel and nation.offer(u.id)
    ]
    limit = most_troops(scenario, nation)
    reach = bitset_sums(sizes, limit)
    return np.array([d for d in range(limit + 1) if reach >> d & 1], dtype=np.int64)


def chord(sums: np.ndarray, fair: float) -> tuple[float, float] | None:
    """(slope, constant) of dev >= constant + slope * D, the chord through the sums next to
    `fair`; None when `fair` is a sum itself or lies beyond every sum (nothing to add)."""
    below, above = sums[sums <= fair], sums[sums >= fair]
    if not len(below) or not len(above) or below[-1] == above[0]:
        return None
    a, b = float(below[-1]), float(above[0])
    slope = (a + b - 2 * fair) / (b - a)
    return slope, (fair - a) - slope * a


def polish(
    program: ForceProgram,
    plan: dict[Cell, int],
    time_limit: float | None,
    cancel: threading.Event | None = None,
) -> dict[Cell, int] | None:
    """The best fair_share plan HiGHS finds in `time_limit` with every GROUND(t) held at
    `plan`'s, started from `plan`; None if none. The program's fair_share objective
    must be set; it is left as it was."""
    ground = evaluate(program.scenario, plan).ground_at
    return held_search(program, ground, plan, time_limit, cancel)


def held_search(
    program: ForceProgram,
    ground: Sequence[int],
    start: dict[Cell, int] | None,
    time_limit: float | None,
    cancel: threading.Event | None = None,
) -> dict[Cell, int] | None:
    """The best fair_share plan HiGHS finds in `time_limit` with GROUND(t) held at
    ``ground[t - 1]`` and the chords added, from `start` (a plan with that ground force,
    or None); None if none is found. The program's fair_share objective must be set; it is
    left as it was (rows dropped, bounds restored)."""
    scenario, model = program.scenario, program.model
    phi = fair_shares(scenario)
    first = len(model.row_names)
    held = {c: (model.col_lower[c], model.col_upper[c]) for c in program.ground_col.values()}
    try:
        for t, col in program.ground_col.items():
            model.col_lower[col] = model.col_upper[col] = float(ground[t - 1])
        for nation in scenario.nations:
            if nation.status == "declined":
                continue
            sums = troop_sums(scenario, nation)
            for t in scenario.periods.all:
                troops = program.troops(nation.code, t)
                cut = chord(sums, phi[nation.code] * ground[t - 1])
                if cut is None or not troops.terms:
                    continue
                slope, constant = cut
                dev = program.extra[program.name(f"fair_share.dev.{nation.code}", t)]
                row = Expr.of(dev).add(troops, -slope)
                model.row(program.name(f"fair_share.held.{nation.code}", t), row, lower=constant)
        values = None if start is None else program.column_values(start)
        outcome = solve_model(model, "highs", time_limit, cancel, values)
    finally:
        model.drop_rows_from(first)
        for col, (low, high) in held.items():
            model.col_lower[col], model.col_upper[col] = low, high
    if not outcome.has_plan or outcome.values is None:
        return None
    return program.allocation(outcome.values)


STEPS = (0.5, 0.75, 0.25)
"""Where the held ground forces are tried, from the start plan's (0) toward each period's
least single-period bound (1), in this order (measured: docs/decisions.md, "fair_share over
periods: plans held at other ground forces")."""

PROBE_SHARE = 0.3
"""Of the search's time, what each ground force tried away from the start plan's may take."""


PROBE_LEAST = 2.0
"""The least time a probe is given (if the search has it): held at generated seeds 0-4's
first step, HiGHS took 1.5-2 s to a first plan (loaded machine)."""

PROBE_SECONDS = 60.0
"""The search's time when it is given no limit, of which each probe takes its share."""


def fair_ground(scenario: Scenario, between: Callable[[], None] = lambda: None) -> list[int]:
    """Per period, the ground force in the band where the one-period bound of fair_share
    (:func:`planner.optimise.fair_time_bound.block_curve`, rotation left out) is least:
    where the nations' offers can come nearest their fair shares; empty when nothing is
    deployable. A direction to search in, not a claim about the optimum."""
    grain = troop_grain(scenario)
    if grain == 0:
        return []
    shares = fair_shares(scenario)
    phi = np.array([shares[n.code] for n in open_nations(scenario)])
    out = []
    for t in scenario.periods.all:
        between()
        first, values = block_curve(scenario, (t,), phi, grain)
        totals = (first + np.arange(len(values))) * grain
        values = np.where(totals <= scenario.target.max_troops, values, np.inf)
        if not np.isfinite(values).any():
            return []
        out.append(int(totals[int(np.argmin(values))]))
    return out


def toward(start: Sequence[int], aim: Sequence[int], step: float, grain: int) -> list[int]:
    """The ground forces `step` of the way from `start` to `aim`, period by period, on the
    grain (a multiple of it when both ends are)."""
    return [
        int(round((a + step * (b - a)) / grain)) * grain for a, b in zip(start, aim, strict=True)
    ]


def search(
    program: ForceProgram,
    plan: dict[Cell, int],
    time_limit: float | None,
    cancel: threading.Event | None = None,
    probe_limit: float | None = None,
) -> dict[Cell, int]:
    """A fair_share plan no worse than `plan` (a plan of the program), searched for in
    `time_limit` by holding the ground forces at several vectors and keeping the best;
    `probe_limit` (at least `time_limit`), when given, is how long the search may take
    once it holds other ground forces (they need a while for a first plan).

    When the program's LP bound is below :data:`WEAK` of `plan`'s worth (HiGHS's own
    search then finds little: the generated 18 x 17 x 3 x 8 seeds 0 and 1, where the
    least-cost start holds GROUND at the band's floor and the fairest plans are far above
    it; the default over 3 areas x 8 quarters), the search may take `probe_limit`: it holds
    each period's GROUND part of the way (:data:`STEPS`) toward :func:`fair_ground`, among
    periodic plans, each for :data:`PROBE_SHARE` of the time (at least
    :data:`PROBE_LEAST`) from no start, then polishes the best plan so far (`plan` when no
    step found a better one) at its own ground force (:func:`polish`, among periodic plans
    first) with the time left. Otherwise it is that polish of `plan` alone, in `time_limit`.
    Every plan it returns is a plan of the program and is never worth more than `plan`; the
    caller's program decides the optimum. The program's fair_share objective must be set;
    it is left as it was.
    """
    scenario = program.scenario
    clock = Deadline(time_limit)
    best, worth = plan, objective_value(scenario, plan, "fair_share")

    def keep(found: dict[Cell, int] | None) -> None:
        nonlocal best, worth
        if found is None:
            return
        value = objective_value(scenario, found, "fair_share")
        if value < worth - 1e-9 * max(1.0, abs(worth)):
            best, worth = found, value

    if not _weak(program, worth, clock, cancel):
        keep(_polish_own(program, best, clock, cancel))
        return best
    if probe_limit is not None and time_limit is not None and probe_limit > time_limit:
        clock = Deadline(max(0.0, clock.remaining() or 0.0) + probe_limit - time_limit)
        time_limit = probe_limit
    start = evaluate(scenario, best).ground_at
    grain = troop_grain(scenario)
    try:
        aim = fair_ground(scenario, clock.check) if grain else []
    except OutOfTime:
        aim = []
    probe = PROBE_SHARE * (PROBE_SECONDS if time_limit is None else time_limit)
    probe = max(probe, PROBE_LEAST)
    tried = {tuple(start)}
    with periodic_ties(program) as tied:
        for step in STEPS if aim and tied else ():
            left = clock.remaining()
            if _out(clock, cancel) or (left is not None and left < PROBE_LEAST):
                break  # too little time for a first plan: polish the best instead
            ground = toward(start, aim, step, grain)
            if tuple(ground) in tried:
                continue
            tried.add(tuple(ground))
            found = held_search(program, ground, None, _least(probe, clock), cancel)
            if found is None and step == STEPS[0]:
                break  # the nearest step found no plan: the far ones are less likely to
            keep(found)
    if not _out(clock, cancel):
        keep(_polish_own(program, best, clock, cancel))
    return best


WEAK = 0.01
"""Below this fraction of the start plan's worth the program's LP bound counts as weak:
measured against the least-cost start (docs/decisions.md), 0 on generated seeds 0 and 1 and
about 0.003 on the default over 3 areas x 8 quarters, 0.05-0.1 on seeds 2-4 (where the
band and rotation make the LP strong and HiGHS's own search from the polish does well)."""


def _weak(
    program: ForceProgram, worth: float, clock: Deadline, cancel: threading.Event | None
) -> bool:
    """Whether the program's LP relaxation bounds fair_share below :data:`WEAK` of `worth`
    (False when it is not settled in the time left)."""
    bound = HighsSession(program.model, cancel).relaxation(clock.remaining())
    return math.isfinite(bound) and bound < WEAK * worth


def _polish_own(
    program: ForceProgram,
    plan: dict[Cell, int],
    clock: Deadline,
    cancel: threading.Event | None,
) -> dict[Cell, int] | None:
    """:func:`polish` among periodic plans, or among all when no periodic plan is held at
    `plan`'s ground force (it differs a cycle apart) or none is found."""
    with periodic_ties(program) as tied:
        found = polish(program, plan, clock.remaining(), cancel) if tied else None
    if found is None and not _out(clock, cancel):
        found = polish(program, plan, clock.remaining(), cancel)
    return found


def _least(limit: float | None, clock: Deadline) -> float | None:
    left = clock.remaining()
    if limit is None:
        return left
    return limit if left is None else min(limit, left)


def _out(clock: Deadline, cancel: threading.Event | None) -> bool:
    left = clock.remaining()
    return (cancel is not None and cancel.is_set()) or (left is not None and left <= 0.05)
