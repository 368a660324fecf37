"""The objectives a planner can choose, one registry entry each (spec sections 2 and 7).

An entry holds everything about one objective: its value formula on a
plan (the number reported, exactly), its expression in the program, the
words people read (label, unit), and what the solver machinery may assume
about it. The program, the evaluation, the analyses, the brief and the GUI
read objectives only from :data:`OBJECTIVES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.linear import INF, Expr
from planner.scenario.evaluate import evaluate, fair_shares
from planner.scenario.model import ObjectiveId, Scenario
from planner.scenario.plan import Plan
from planner.scenario.words import cost, cost_change

if TYPE_CHECKING:
    from planner.optimise.program import ForceProgram


@dataclass(frozen=True)
class Objective:
    """One objective: formula, program expression, words for people, solver facts."""

    id: ObjectiveId
    label: str
    """What a planner calls it: 'least cost'."""
    unit: str
    """What its value is counted in, for people: 'troop-equivalents of cost'."""
    aim: str
    """One sentence saying what it asks of the plan."""
    formula: str
    """The formula in words, for the brief's method (what the value counts, exactly)."""
    value: Callable[[Scenario, Plan], float]
    define: Callable[[ForceProgram], Expr]
    fair_search: bool
    """The force-total search (:mod:`planner.optimise.fair_search`) proves it on HiGHS."""
    keeps_with_fewer_nations: bool
    """A plan's value does not change when nations outside it are declined (analyses may
    carry an optimal plan to scenarios with fewer nations)."""
    tie_break: str | None = None
    """The objective that settles what this one leaves free (fair_share ignores stand-off
    units and cost): among the optimal plans, the best by it is shown."""


def min_cost_value(scenario: Scenario, plan: Plan) -> float:
    """sum over cells of cost_per_troop(n) * personnel(u) * count; stand-off units cost too."""
    cost = {n.code: n.cost_per_troop for n in scenario.nations}
    personnel = {u.id: u.personnel for u in scenario.unit_types}
    return float(sum(cost[c.nation] * personnel[c.unit] * k for c, k in plan.items()))


def fair_share_value(scenario: Scenario, plan: Plan) -> float:
    """sum over t of sum over n of |D(n,t) - phi(n) * GROUND(t)|, in troops."""
    ev = evaluate(scenario, plan)
    phi = fair_shares(scenario)
    return float(
        sum(
            abs(troops[t] - phi[code] * ev.ground_at[t])
            for code, troops in ev.troops_at.items()
            for t in range(ev.periods)
        )
    )


def min_cost_expr(program: ForceProgram) -> Expr:
    scenario = program.scenario
    cost = {n.code: n.cost_per_troop for n in scenario.nations}
    personnel = {u.id: u.personnel for u in scenario.unit_types}
    return Expr({col: cost[c.nation] * personnel[c.unit] for c, col in program.x.items()})


def fair_share_expr(program: ForceProgram) -> Expr:
    """sum |D(n,t) - phi(n) GROUND(t)|, one deviation column per nation and period."""
    phi = fair_shares(program.scenario)
    model, total = program.model, Expr()
    for nation in program.scenario.nations:
        if nation.status == "declined":
            continue  # D(n,t) = 0 and phi(n) = 0: no deviation possible
        code = nation.code
        for t in program.scenario.periods.all:
            name = program.name(f"fair_share.dev.{code}", t)
            dev = model.column(name, 0, INF)
            gap = program.troops(code, t) - program.ground(t) * phi[code]
            model.row(program.name(f"fair_share.{code}.above", t), Expr.of(dev) - gap, lower=0)
            model.row(program.name(f"fair_share.{code}.below", t), Expr.of(dev) + gap, lower=0)
            program.extra[name] = dev
            total.add_term(dev, 1.0)
    return total


OBJECTIVES: dict[str, Objective] = {
    ObjectiveId.MIN_COST: Objective(
        ObjectiveId.MIN_COST,
        "least cost",
        "troop-equivalents of cost",
        "the cheapest force: troops (and stand-off units' crews) weighted by each "
        "nation's cost index",
        "the sum over every unit of the nation's cost index x the unit's personnel "
        "(stand-off units cost too)",
        min_cost_value,
        min_cost_expr,
        fair_search=False,
        keeps_with_fewer_nations=True,
    ),
    ObjectiveId.FAIR_SHARE: Objective(
        ObjectiveId.FAIR_SHARE,
        "fairest share",
        "troops off fair share",
        "each nation's ground troops as close as possible to its share by burden weight",
        "the sum over nations of |troops on the ground - fair share x total|, in troops; "
        "a nation that stays out counts its whole fair share",
        fair_share_value,
        fair_share_expr,
        fair_search=True,
        keeps_with_fewer_nations=False,
        tie_break=ObjectiveId.MIN_COST,
    ),
}
NAMES: tuple[str, ...] = tuple(OBJECTIVES)


def objective_label(name: str) -> str:
    """'least cost' for ``min_cost``; a name the registry does not know is shown as it is."""
    objective = OBJECTIVES.get(name)
    return objective.label if objective is not None else name


def objective_amount(name: str, number: str) -> str:
    """'least cost: 97,444 troop-equivalents of cost': an objective's value in planner
    words with its unit; `number` is the value as the caller formats it (the app localises
    it). An objective the registry does not know keeps its name."""
    entry = OBJECTIVES.get(name)
    return f"{name}: {number}" if entry is None else f"{entry.label}: {number} {entry.unit}"


def objective_figure(name: str, value: float, places: int = 0) -> str:
    """An objective's value as people read it, locale-free: least cost by the one rule for
    costs (:func:`planner.scenario.words.cost`: 29,880.5 as ``solve --json`` says it); any
    other objective (troops off fair share) with `places` decimals."""
    if name == ObjectiveId.MIN_COST:
        return cost(value)
    return f"{value:,.{places}f}"


def objective_change(name: str, value: float, places: int = 0) -> str:
    """A difference of an objective's values, always signed: ``+200.5`` (least cost by
    :func:`planner.scenario.words.cost_change`), other objectives with `places` decimals."""
    if name == ObjectiveId.MIN_COST:
        return cost_change(value)
    return f"{value:+,.{places}f}"


def objective_named(name: str) -> Objective:
    """The registry entry for `name` (KeyError names the choices)."""
    try:
        return OBJECTIVES[name]
    except KeyError:
        raise KeyError(f"unknown objective {name!r}; choose from {', '.join(NAMES)}") from None


def objective_value(scenario: Scenario, plan: Plan, objective: str) -> float:
    """The spec's objective value of `plan`, exactly."""
    return objective_named(objective).value(scenario, plan)


def set_objective(program: ForceProgram, objective: str) -> Expr:
    """Build the named objective into the program and minimise it; its expression."""
    expr = objective_named(objective).define(program)
    program.model.set_objective(expr)
    return expr
