"""Least cost over periods: a variant's start proved optimal by its own blocks' bound.

The analyses answer each variant of a scenario (a nation withdrawn, a ceiling or a
minimum changed) on one program changed in place, started from a plan they already
know. Over several periods with alike areas (the 2026-01 Paris default) that program
is the scenario's full one, areas apart, whose least cost HiGHS did not prove in
120 s; :func:`planner.solve.solve` proves the baseline only through the merged
program and the blocks' bound (:mod:`planner.optimise.aggregate`,
:mod:`planner.optimise.blocks`). So a variant's solve there ran to its time limit,
and one variant took a whole analysis's share of a brief.

:func:`lower_bound` is that same bound for the variant's own scenario: its alike areas
merged (a relaxation with the same costs), the merged program cut into blocks of
periods, each bounded at its root. It never exceeds the variant's optimum. A start
plan that meets every rule of the variant and is worth no more is optimal, and no
tree is needed (:func:`proved`). A tightened variant (it only removes plans) can
also do no better than the baseline's optimum, so its bound is the larger of the
two. When the start falls short the bound is the target of the caller's run on its program
changed in place, which stops at the first plan that meets it, then optimal
(:attr:`planner.optimise.solver.HighsSession.target`).

Feasibility questions (no objective) over such scenarios are asked of the merged program
first (:func:`feasible_merged`): no plan there proves none; a plan split back into areas
that meets every rule proves one; otherwise the full program answers, as before.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from planner.optimise import aggregate, blocks
from planner.optimise.program import build_hard_program, enforce, soft_rows
from planner.optimise.solver import meets, solve_model
from planner.rules import violations
from planner.rules.objectives import objective_named, objective_value, set_objective
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell
from planner.status import Status

BOUND_SECONDS = 30.0
"""The most one variant's blocks' bound may take without a time limit (it only saves work)."""


def applies(scenario: Scenario, objective: str) -> bool:
    """Whether variants are proved this way: least cost (an objective summed over periods,
    not a force-total search) over several periods, with alike areas to merge (where the
    program changed in place is the scenario's full one, which HiGHS proves slowly)."""
    if objective_named(objective).fair_search or not scenario.periods.several:
        return False
    return aggregate.merge(scenario) is not None


def lower_bound(
    scenario: Scenario,
    objective: str,
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
) -> float | None:
    """A proven lower bound of `scenario`'s `objective`: the blocks' bound of its program
    with alike areas merged (or apart when none are alike); None when there is none in
    the time (or the objective does not split over periods)."""
    merged = aggregate.merge(scenario)
    program = build_hard_program(merged.scenario if merged is not None else scenario)
    enforce(program, soft_rows(program))
    if merged is not None:
        aggregate.add_floors(merged, program)
    set_objective(program, objective)
    limit = BOUND_SECONDS if time_limit is None else time_limit
    return blocks.lower_bound(program, limit, cancel)


@dataclass(frozen=True)
class Proof:
    """A variant's bound and, when the start meets it, that start as the optimum."""

    bound: float | None
    plan: dict[Cell, int] | None = None
    value: float | None = None

    @property
    def optimal(self) -> bool:
        return self.plan is not None


def proved(
    scenario: Scenario,
    objective: str,
    start: dict[Cell, int] | None,
    floor: float | None = None,
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
) -> Proof:
    """`start` as the optimum of `scenario` when it meets every rule and is worth no more
    than the scenario's lower bound (:func:`lower_bound`, raised to `floor` when given: a
    value no plan of `scenario` beats, such as the baseline's optimum for a variant that
    only removes plans). Without a start (or when it falls short) the bound is still given:
    the target of the caller's solve, which a plan worth no more meets as the optimum."""
    if start is not None and violations(scenario, start):
        start = None  # not a plan of `scenario`: it proves nothing
    value = None if start is None else objective_value(scenario, start, objective)
    if start is not None and floor is not None and value is not None and meets(value, floor):
        return Proof(floor, dict(start), value)  # the floor alone proves it
    bound = lower_bound(scenario, objective, time_limit, cancel)
    if bound is None:
        return Proof(floor)
    if floor is not None:
        bound = max(bound, floor)
    if start is None or value is None or not meets(value, bound):
        return Proof(bound)
    return Proof(bound, dict(start), value)


def mergeable(scenario: Scenario) -> bool:
    """Whether the scenario has several periods and alike areas to merge."""
    return scenario.periods.several and aggregate.merge(scenario) is not None


MERGED_FEASIBILITY_SHARE = 0.5
"""Of a time limit, the most the merged feasibility question may take (the full program has
the whole limit after it when its answer does not settle the question)."""


def feasible_merged(
    scenario: Scenario,
    time_limit: float | None = None,
    cancel: threading.Event | None = None,
) -> tuple[Status, dict[Cell, int] | None] | None:
    """Whether `scenario` has a plan, asked of its program with alike areas merged: no plan
    there proves none here (a relaxation); a merged plan split back into areas that meets
    every rule of `scenario` proves one. None when neither settles it (no merged answer in
    the time, or the split fails): the caller asks the full program.

    Measured on the 2026-01 Paris default (docs/decisions.md, helper paris-brief): 45
    feasibility questions took 16.7 s merged against 89.8 s on the full program; the split
    settled 9 of the 17 with a plan."""
    merged = aggregate.merge(scenario)
    if merged is None:
        return None
    program = build_hard_program(merged.scenario)
    enforce(program, soft_rows(program))
    aggregate.add_floors(merged, program)
    limit = None if time_limit is None else MERGED_FEASIBILITY_SHARE * time_limit
    outcome = solve_model(program.model, "highs", limit, cancel)
    if outcome.status == Status.INFEASIBLE:
        return Status.INFEASIBLE, None
    if not outcome.has_plan or outcome.values is None:
        return None
    plan = aggregate.split(merged, program.allocation(outcome.values), limit, cancel)
    if plan is None or violations(scenario, plan):
        return None
    return Status.OPTIMAL, plan
