"""Solve a scenario: the one entry point the command line, GUI and tests call."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from planner.explain.diagnose import diagnose
from planner.explain.hard_check import hard_problems
from planner.explain.in_time import closest_note
from planner.optimise import aggregate, blocks, fair_periods, fair_search, root_proof, windows
from planner.optimise.deadline import Deadline, OutOfTime
from planner.optimise.periodic import LEAST_COST_OPTIONS, periodic_search
from planner.optimise.program import ForceProgram, build_hard_program, enforce, soft_rows
from planner.optimise.solver import SOLVERS, SolveOutcome, optimal_at, solve_model
from planner.result.document import PlanResult
from planner.rules import violations
from planner.rules.objectives import objective_named, objective_value, set_objective
from planner.scenario.evaluate import evaluate
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell
from planner.status import Status


def solve(
    scenario: Scenario,
    objective: str | None = None,
    solver: str = "highs",
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
    explain: bool = True,
) -> PlanResult:
    """The best plan under every constraint of spec sections 2 and 7, or why none exists.

    Statuses: optimal; feasible (time limit hit with a plan, gap given);
    infeasible (with unmet rules, a conflict and the closest plan); invalid
    (a committed nation's own statements clash); unknown (time limit, no plan);
    cancelled. `explain` False skips the explanation solves of an infeasible
    scenario (analyses that only need "is there a plan, and how good").
    `time_limit` bounds the whole call, building the model included.
    """
    if solver not in SOLVERS:
        raise ValueError(f"unknown solver {solver!r}; choose from {', '.join(SOLVERS)}")
    objective = objective or scenario.objective
    objective_named(objective)  # an unknown objective is the caller's error, said at once
    start = time.perf_counter()
    deadline = Deadline(time_limit)
    result = PlanResult(scenario, Status.INVALID, objective, solver=solver)
    result.unmet = hard_problems(scenario)
    if not result.unmet:
        _optimise(result, deadline, cancel, explain)
    result.solve_seconds = time.perf_counter() - start
    return result


def out_of_time_note(scenario: Scenario, seconds: float | None, doing: str) -> str:
    """The one line a planner reads when the search could not even start in time."""
    return (
        f"The time limit of {seconds:g} s ran out while {doing} "
        f"({len(scenario.nations):,} nations, {len(scenario.unit_types):,} unit types), "
        f"before any plan was searched for: allow more time."
    )


def _optimise(
    result: PlanResult,
    deadline: Deadline,
    cancel: threading.Event | None,
    explain: bool,
) -> None:
    scenario = result.scenario
    try:
        outcome, allocation = _best_plan(
            scenario, result.objective, result.solver, deadline, cancel
        )
    except OutOfTime as stopped:
        result.status = Status.UNKNOWN
        result.notes.append(out_of_time_note(scenario, deadline.seconds, str(stopped)))
        return
    result.status = outcome.status
    result.mip_gap, result.best_bound = outcome.mip_gap, outcome.best_bound
    if outcome.has_plan:
        result.allocation = dict(allocation or {})
        if outcome.status == Status.FEASIBLE:
            result.notes.append(_gap_note(outcome.mip_gap))
        elif explain:
            _settle_ties(result, deadline, cancel)
        return
    if outcome.status == Status.UNKNOWN:
        result.notes.append("The time limit ended the search before any plan was found.")
    if outcome.status != Status.INFEASIBLE or not explain:
        return
    diagnosis = diagnose(scenario, result.objective, result.solver, deadline, cancel)
    result.unmet, result.conflict = diagnosis.unmet, diagnosis.conflict
    result.allocation = dict(diagnosis.closest or {})
    if diagnosis.closest is not None:
        broken = [v for v in violations(scenario, diagnosis.closest) if not v.hard]
        result.notes.append(closest_note(scenario, broken))
    result.explained = diagnosis.complete
    if not diagnosis.complete:
        result.notes.append(
            "The explanation is incomplete: the time limit or a cancel stopped it early."
        )


def _best_plan(
    scenario: Scenario,
    objective: str,
    solver: str,
    deadline: Deadline,
    cancel: threading.Event | None,
) -> tuple[SolveOutcome, dict[Cell, int] | None]:
    """The solver's outcome and plan: fair_share on HiGHS searches the force total; the
    plain program over several periods is solved first with alike areas merged
    (:mod:`planner.optimise.aggregate`), then from a periodic plan (fair_share: a least-cost
    plan bettered with the ground force held).

    Raises :class:`OutOfTime` when `deadline` passes before a program is built.
    """
    if objective_named(objective).fair_search and solver == "highs":
        found = fair_search.search(scenario, deadline, cancel)
        if found is not None:
            return found.outcome, found.allocation
    start = None
    merged = aggregate.merge(scenario) if _merges(scenario, objective, solver) else None
    if merged is not None:
        left = deadline.remaining()
        share = Deadline(None if left is None else MERGED_SHARE * left)
        try:
            outcome, plan = _program_plan(
                merged.scenario, objective, solver, share, cancel, floors=merged
            )
        except OutOfTime:
            outcome, plan = SolveOutcome(Status.UNKNOWN, 0.0), None
        if outcome.status == Status.INFEASIBLE:
            return outcome, None  # a relaxation without a plan: the scenario has none either
        if plan is not None:
            start = aggregate.split(merged, plan, deadline.remaining(), cancel)
            if start is not None and outcome.status == Status.OPTIMAL:
                # the merged optimum bounds every plan; this one is worth it: optimal
                return outcome, start
        if cancel is not None and cancel.is_set():
            return SolveOutcome(Status.CANCELLED, 0.0), None
        if start is not None:
            try:
                full, kept = _program_plan(scenario, objective, solver, deadline, cancel, start)
            except OutOfTime:
                return outcome, start  # no time to build the full program: keep the plan
            if full.has_plan or full.status == Status.CANCELLED:
                return full, kept
            return outcome, start  # no time left to run it: the split plan stands
    return _program_plan(scenario, objective, solver, deadline, cancel, start)


MERGED_SHARE = 0.8
"""Of a time limit, the most the merged program may take; the full program has the rest,
from the split plan (or from its own start plans when a tight capacity refused the split)."""


def _merges(scenario: Scenario, objective: str, solver: str) -> bool:
    """Whether to solve with alike areas merged first: HiGHS over several periods (@1 files
    keep their plans exactly).

    fair_share: measured at a 30 s limit (loaded machine, one run each) the merged
    program with the time found 11,253 troops off fair share on the default scenario over
    3 areas x 8 quarters (the program alone 11,741) and 12,750 on the generated 18 x 17
    seed 0 (alone 15,138); with half the time, worse (docs/decisions.md).
    """
    return solver == "highs" and scenario.periods.several


def _program_plan(
    scenario: Scenario,
    objective: str,
    solver: str,
    deadline: Deadline,
    cancel: threading.Event | None,
    start_plan: dict[Cell, int] | None = None,
    floors: aggregate.Merged | None = None,
) -> tuple[SolveOutcome, dict[Cell, int] | None]:
    """The plain program's outcome and plan; `start_plan` (a plan of `scenario`) replaces
    the start plans otherwise searched for; `floors` (when `scenario` is its merged one)
    adds the floors of the locks merged away. Least cost from a periodic start that took a
    tree is first tried at the whole program's root (:mod:`planner.optimise.root_proof`),
    then bounded by blocks of periods (:mod:`planner.optimise.blocks`): a start that meets
    the bound is optimal without the program's own tree. Windows better the start
    (:mod:`planner.optimise.windows`) and stop at a plan that meets a known bound."""
    program = build_hard_program(scenario, deadline=deadline)
    enforce(program, soft_rows(program))
    if floors is not None:
        aggregate.add_floors(floors, program)
    tree = False  # least cost from a periodic start its own program proved only in a tree
    periodic = False  # the start is a periodic plan of a least-cost objective
    searched = 0.0  # seconds the periodic search took (the windows' patience is a share)
    if start_plan is not None:
        set_objective(program, objective)
        first: dict[Cell, int] | None = start_plan
    else:
        first = _first_plan(program, objective, solver, deadline, cancel)
        set_objective(program, objective)
        if first is None:
            hard = objective_named(objective).fair_search
            options = () if hard else LEAST_COST_OPTIONS
            began = time.perf_counter()
            first, nodes = _periodic_start(program, solver, deadline, cancel, options)
            searched = time.perf_counter() - began
            tree = nodes > 1 and not hard
            periodic = first is not None and not hard
        elif objective_named(objective).fair_search and program.scenario.periods.several:
            first = _fair_polish(program, first, deadline, cancel)
    start = None if first is None else program.column_values(first)
    bound = None
    if tree and start is not None:
        # a periodic plan its own program proved only in a tree is often the optimum
        # (generated seed 3): the whole program's root proves it in 0.15 s, where the blocks'
        # bound took 0.7 s; where it is not (the Paris default) the root is cut early
        proof = _root_proof(program, start, deadline, cancel)
        if proof.proven is not None:
            return proof.proven, program.allocation(list(proof.proven.values or start))
        bound = _block_bound(program, objective, solver, deadline, cancel)
        bound = _higher(bound, proof.bound)
        if bound is not None:
            proven = _meets(program, start, bound)
            if proven is not None:
                return proven, first
    if periodic and start is not None:
        # after the blocks' bound: a periodic start it proves needs no windows (the Paris
        # default: the windows took 3.8 cpu s there and bettered nothing)
        bettered = _by_windows(program, start, deadline, cancel, bound, searched)
        start, bound = bettered.values, bettered.bound
        first = program.allocation(start)
        if bound is not None:
            proven = _meets(program, start, bound)
            if proven is not None:
                return proven, first
    deadline.check()
    outcome = solve_model(program.model, solver, deadline.remaining(), cancel, start, bound)
    if not outcome.has_plan or outcome.values is None:
        return outcome, None
    return outcome, program.allocation(outcome.values)


def _higher(a: float | None, b: float | None) -> float | None:
    """The higher of two lower bounds (either may be missing)."""
    if a is None or b is None:
        return a if b is None else b
    return max(a, b)


ROOT_SHARE = 0.2
"""Of the time left, the most one proof attempt at the whole program's root may take (it is
cut sooner when it stalls: :mod:`planner.optimise.root_proof`)."""

ROOT_SECONDS = 30.0
"""The most it may take without a time limit."""


def _root_proof(
    program: ForceProgram,
    values: Sequence[float],
    deadline: Deadline,
    cancel: threading.Event | None,
) -> root_proof.RootProof:
    """:func:`planner.optimise.root_proof.attempt` on the program from `values`."""
    left = deadline.remaining()
    limit = ROOT_SECONDS if left is None else ROOT_SHARE * left
    return root_proof.attempt(program.model, values, limit, cancel)


def _meets(program: ForceProgram, values: Sequence[float], bound: float) -> SolveOutcome | None:
    """`values` (a start) as an optimal outcome when they are worth no more than `bound`, a
    lower bound of every plan (:mod:`planner.optimise.blocks`); None when they are worth more."""
    worth = program.model.objective_value(list(values))
    return optimal_at(worth, bound, SolveOutcome(Status.FEASIBLE, 0.0, values=tuple(values)))


START_SHARE = 0.25
"""Of a time limit, the most the first plan of a hard objective may take."""

PERIODIC_SHARE = 0.5
"""Of the time left, the most the periodic start plan may take (its best plan is kept)."""

PERIODIC_SECONDS = 60.0
"""The most it may take without a time limit (a start only: the full program decides)."""


def _periodic_start(
    program: ForceProgram,
    solver: str,
    deadline: Deadline,
    cancel: threading.Event | None,
    options: tuple[tuple[str, object], ...] = (),
) -> tuple[dict[Cell, int] | None, int]:
    """The best periodic plan under the program's objective (:mod:`planner.optimise.periodic`),
    as a start on HiGHS when the scenario has several periods (None otherwise), and the
    nodes of its search's tree; `options`: HiGHS options of that search.

    A periodic program proven at its root (generated 18 x 17 x 3 x 8 seed 0) leaves the
    whole program little to prove (there 0.3 s from the start, where the blocks' bound
    would cost 2.6 s); one that took a tree (the Paris default: about 2,000 nodes) is
    followed by a proof attempt at the whole program's root (generated seed 3: proven in
    0.15 s; Paris: cut after about 0.2 s) and the blocks' bound, which may make the start
    optimal at once."""
    if solver != "highs" or not program.scenario.periods.several:
        return None, 0
    left = deadline.remaining()
    limit = PERIODIC_SECONDS if left is None else PERIODIC_SHARE * left
    return periodic_search(program, limit, cancel, options)


WINDOW_SHARE = 0.25
"""Of the time left, the most bettering the periodic start window by window may take."""

WINDOW_SECONDS = 30.0
"""The most it may take without a time limit (a start only: the full program decides)."""

PATIENCE_SHARE = 0.25
"""Of the periodic search's own seconds, how long the windows may go without bettering the
plan before a proof attempt at the whole program's root (generated 18 x 17 x 3 x 8: the
periodic search 0.9-1.6 s, a window 0.02-0.2 s unless it cannot settle, then 0.5-0.9 s)."""


def _by_windows(
    program: ForceProgram,
    start: list[float],
    deadline: Deadline,
    cancel: threading.Event | None,
    bound: float | None = None,
    searched: float = 0.0,
) -> windows.Bettered:
    """The periodic start bettered a few periods at a time (:mod:`planner.optimise.windows`):
    the whole program from the bettered plan proved generated 18 x 17 x 3 x 8 seeds 1, 2
    and 4 and 40 x 24 x 3 x 8 seed 0 at its root (from the periodic plan: a tree of 10-20 s,
    and seed 1 and the 40 x 24 unproven in 30 s on a loaded machine). They stop at a plan
    that meets `bound`; once they go :data:`PATIENCE_SHARE` of `searched` without bettering
    the plan, the whole program's root is tried on it (:func:`_root_proof`)."""
    left = deadline.remaining()
    limit = WINDOW_SECONDS if left is None else WINDOW_SHARE * left
    patience = PATIENCE_SHARE * searched if searched > 0 else None

    def prove(values: list[float]) -> root_proof.RootProof:
        return _root_proof(program, values, deadline, cancel)

    return windows.search(program, start, limit, cancel, bound, patience, prove)


BLOCK_SHARE = 0.2
"""Of the time left, the most the blocks' lower bound may take (it only saves work)."""

BLOCK_SECONDS = 30.0
"""The most it may take without a time limit."""


def _block_bound(
    program: ForceProgram,
    objective: str,
    solver: str,
    deadline: Deadline,
    cancel: threading.Event | None,
) -> float | None:
    """A lower bound of least cost over several periods from blocks of periods bounded
    apart (:mod:`planner.optimise.blocks`); None for other objectives, solvers or
    scenarios of one period, or when none is found in its share of the time."""
    if solver != "highs" or not program.scenario.periods.several:
        return None
    if objective_named(objective).fair_search:
        return None
    left = deadline.remaining()
    limit = BLOCK_SECONDS if left is None else BLOCK_SHARE * left
    return blocks.lower_bound(program, limit, cancel)


POLISH_SHARE = 0.5
"""Of the time left, the most holding the ground force may take (fair_share over periods)."""

POLISH_SECONDS = 60.0
"""The most it may take without a time limit (its plan is a start: the full program decides)."""

PROBE_SHARE = 0.8
"""Of the time left, the most it may take once it holds other ground forces than the start
plan's (only when the program's LP bound is weak: :func:`fair_periods.search`)."""


def _fair_polish(
    program: ForceProgram,
    plan: dict[Cell, int],
    deadline: Deadline,
    cancel: threading.Event | None,
) -> dict[Cell, int]:
    """`plan` bettered for fair_share with the ground forces held (:func:`fair_periods.search`:
    part of the way toward each period's fairest ground force, then at the best plan's own,
    among periodic plans first); `plan` if no better is found.

    Measured on the default scenario over 3 areas x 8 quarters (docs/performance.md): the
    plain program started from the least-cost plan did not better it in 30 s; held, it fell
    to a fifth. On generated 18 x 17 x 3 x 8 the least-cost plan's ground force (the band's
    floor) is a poor place to hold it: docs/decisions.md, "fair_share over periods: plans
    held at other ground forces".
    """
    left = deadline.remaining()
    limit = POLISH_SECONDS if left is None else POLISH_SHARE * left
    probes = None if left is None else PROBE_SHARE * left
    return fair_periods.search(program, plan, limit, cancel, probes)


def _first_plan(
    program: ForceProgram,
    objective: str,
    solver: str,
    deadline: Deadline,
    cancel: threading.Event | None,
) -> dict[Cell, int] | None:
    """A plan to start an objective HiGHS finds plans for slowly (fair_share over periods).

    Measured on the default scenario over 3 areas x 8 quarters
    (benchmarks/s2.py): fair_share alone had no plan after 60 s, least cost
    proves its optimum in about 3 s (2 s from the periodic start); started
    from that plan fair_share holds one from the start (and
    :func:`_fair_polish` betters it). A least-cost objective needs no start.
    """
    entry = objective_named(objective)
    if solver != "highs" or entry.tie_break is None:
        return None
    left = deadline.remaining()
    limit = None if left is None else START_SHARE * left
    set_objective(program, entry.tie_break)
    share = Deadline(limit)
    periodic, _ = _periodic_start(program, solver, share, cancel)
    start = None if periodic is None else program.column_values(periodic)
    outcome = solve_model(program.model, solver, share.remaining(), cancel, start)
    if not outcome.has_plan or outcome.values is None:
        return None
    return program.allocation(outcome.values)


TIE_SECONDS = 10.0
"""Longest the tie-break may take (it starts from the optimal plan, so stopping keeps one)."""


def _settle_ties(result: PlanResult, deadline: Deadline, cancel: threading.Event | None) -> None:
    """Settle what the objective leaves free by its tie-break, troops per nation held.

    fair_share counts only each nation's ground troops: stand-off units and which units
    make up the troops are left to whatever the solver met first. Holding every D(n,t)
    at the optimal plan's keeps it exactly as fair; the tie-break (least cost) then
    chooses the units. A time limit keeps the plan in hand.
    """
    entry = objective_named(result.objective)
    if entry.tie_break is None or result.solver != "highs":
        return
    scenario = result.scenario
    ev = evaluate(scenario, result.allocation)
    program = build_hard_program(scenario, "ties", deadline)
    enforce(program, soft_rows(program))
    for code, per_period in ev.troops_at.items():
        for t, troops in enumerate(per_period, start=1):
            name = program.name(f"ties.troops.{code}", t)
            program.model.row(name, program.troops(code, t), troops, troops)
    set_objective(program, entry.tie_break)
    left = deadline.remaining()
    limit = TIE_SECONDS if left is None else min(TIE_SECONDS, left)
    start = program.column_values(result.allocation)  # no better plan in time: keep ours
    outcome = solve_model(program.model, "highs", limit, cancel, start)
    best = result.objective_value or 0.0
    if outcome.has_plan and outcome.values is not None:
        candidate = program.allocation(outcome.values)
        if objective_value(scenario, candidate, result.objective) <= best + 1e-6 * max(1, best):
            result.allocation = candidate
    result.tie_break = entry.tie_break
    label = objective_named(entry.tie_break).label
    proved = "" if outcome.status == Status.OPTIMAL else " (the time limit stopped that search)"
    result.notes.append(
        f"{objective_named(result.objective).label.capitalize()} counts each nation's troops "
        f"only; of the plans with these troops per nation, the one shown has the {label}"
        f"{proved}."
    )


def _gap_note(gap: float | None) -> str:
    if gap is None:
        return "The time limit stopped the search with a plan in hand; its gap is unknown."
    return (
        f"The time limit stopped the search with a plan in hand, proven within "
        f"{gap:.2%} of the optimum."
    )
