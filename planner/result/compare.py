"""Two plans side by side: troops per nation, units per type, totals, status, objective.

A side is a :class:`CompareSide`: a label, the scenario it belongs to and,
optionally, a plan (an allocation such as a stored version keeps) or a
result document (``PlanResult.to_dict()``, as the workspace keeps results).
:func:`compare_plans` turns two plans into rows A | B | difference and the
lines a planner reads ("FR 9,800 -> 8,400 troops (-1,400)"). Troops come
from :func:`planner.scenario.evaluate.evaluate`, the same numbers the grid, charts
and brief show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from planner.rules.objectives import objective_value
from planner.scenario.diff import number
from planner.scenario.evaluate import evaluate
from planner.scenario.model import ObjectiveId, Scenario
from planner.scenario.plan import Cell, entry_cell
from planner.scenario.plan import Plan as Allocation
from planner.scenario.words import cost, cost_change


@dataclass(frozen=True)
class Plan:
    """One side's plan in numbers; `status` is "" for a hand-made plan."""

    label: str
    troops: dict[str, int]
    unit_counts: dict[str, int]
    total_troops: int
    status: str = ""
    objective: str = ""
    objective_value: float | None = None


@dataclass(frozen=True)
class Row:
    """One line of a comparison table: a name, its value on each side, B minus A."""

    name: str
    a: float | None
    b: float | None

    @property
    def delta(self) -> float:
        return (self.b or 0) - (self.a or 0)


@dataclass(frozen=True)
class PlanComparison:
    """Everything the compare view shows about two plans."""

    left: Plan
    right: Plan
    nations: tuple[Row, ...]
    units: tuple[Row, ...]
    total: Row
    objective_value: Row
    lines: tuple[str, ...]

    @property
    def values_comparable(self) -> bool:
        """Objective values differ in kind (cost, troops) unless both sides share the objective."""
        return self.left.objective == self.right.objective


@dataclass(frozen=True)
class CompareSide:
    """What a caller hands to the compare view for one side.

    `result` (a result document) wins over `allocation` when both are given;
    with neither, the side has no plan and only its scenario is compared.
    """

    label: str
    scenario: Scenario
    allocation: Mapping[Cell, int] | None = None
    result: Mapping[str, Any] | None = None

    def plan(self) -> Plan | None:
        """This side's plan, or None when it has none."""
        if self.result is not None:
            return plan_from_result(self.label, self.result, self.scenario)
        if self.allocation is not None:
            return plan_from_allocation(self.label, self.scenario, self.allocation)
        return None


def plan_from_allocation(
    label: str,
    scenario: Scenario,
    allocation: Allocation,
    status: str = "",
    objective: str | None = None,
) -> Plan:
    """A plan from a scenario and its allocation, valued under `objective` (default its own)."""
    objective = objective or scenario.objective
    plan = evaluate(scenario, allocation)
    return Plan(
        label=label,
        troops=dict(plan.troops),
        unit_counts=dict(plan.unit_counts),
        total_troops=plan.total_troops,
        status=status,
        objective=objective,
        objective_value=objective_value(scenario, allocation, objective),
    )


def unit_counts_of(document: Mapping[str, Any]) -> dict[str, int]:
    """Units of each type in a result document's allocation, summed over everything else."""
    counts: dict[str, int] = {}
    for item in document.get("allocation", []):
        uid = str(item["unit_type"])
        counts[uid] = counts.get(uid, 0) + int(item["count"])
    return counts


def plan_from_result(
    label: str, document: Mapping[str, Any], scenario: Scenario | None = None
) -> Plan:
    """A plan from a result document (spec section 4).

    With the scenario it was solved from, troops and unit counts are
    evaluated again from its allocation; without it, the document's own
    numbers are used. Status, objective and objective value are the
    document's.
    """
    objective = str(document.get("objective", ""))
    value = document.get("objective_value")
    status = str(document.get("status", ""))
    value = None if value is None else float(value)
    if scenario is not None:
        allocation = {
            entry_cell(scenario, item): int(item["count"])
            for item in document.get("allocation", [])
        }
        plan = evaluate(scenario, allocation)
        troops, counts, total = dict(plan.troops), dict(plan.unit_counts), plan.total_troops
    else:
        troops = {str(n["code"]): int(n["troops"]) for n in document.get("nations", [])}
        counts = unit_counts_of(document)
        total = int(document.get("total_troops", sum(troops.values())))
    return Plan(label, troops, counts, total, status, objective, value)


def _union(first: Iterable[str], second: Iterable[str]) -> list[str]:
    """`second`'s keys in order, then those only in `first` (B is the newer side)."""
    keys = list(second)
    return keys + [k for k in first if k not in keys]


def compare_plans(left: Plan, right: Plan) -> PlanComparison:
    """Rows A | B for nations, unit types, total and objective value, and the changed lines."""
    nations = tuple(
        Row(code, left.troops.get(code), right.troops.get(code))
        for code in _union(left.troops, right.troops)
    )
    units = tuple(
        Row(uid, left.unit_counts.get(uid, 0), right.unit_counts.get(uid, 0))
        for uid in _union(left.unit_counts, right.unit_counts)
    )
    total = Row("total", left.total_troops, right.total_troops)
    value = Row("objective value", left.objective_value, right.objective_value)
    lines = _lines(left, right, nations, units, total, value)
    return PlanComparison(left, right, nations, units, total, value, tuple(lines))


def signed(value: float) -> str:
    """+1,400 / -1,400 / 0."""
    return ("+" if value > 0 else "") + number(round(value, 2))


def _amount(value: float | None) -> str:
    return "none" if value is None else number(round(value, 2))


def _worth(objective: str | None, value: float | None) -> str:
    """An objective's value: least cost by the one rule for costs, others as `_amount`."""
    if value is not None and objective == ObjectiveId.MIN_COST:
        return cost(value)
    return _amount(value)


def _worth_change(objective: str | None, value: float) -> str:
    return cost_change(value) if objective == ObjectiveId.MIN_COST else signed(value)


def _lines(
    left: Plan,
    right: Plan,
    nations: tuple[Row, ...],
    units: tuple[Row, ...],
    total: Row,
    value: Row,
) -> list[str]:
    lines = []
    if left.status != right.status:
        lines.append(f"status {left.status or 'hand plan'} -> {right.status or 'hand plan'}")
    if left.objective != right.objective:
        lines.append(
            f"objective {left.objective} ({_worth(left.objective, value.a)}) -> "
            f"{right.objective} ({_worth(right.objective, value.b)})"
        )
    elif value.a != value.b:
        name = left.objective
        delta = f" ({_worth_change(name, value.delta)})" if None not in (value.a, value.b) else ""
        lines.append(f"objective value {_worth(name, value.a)} -> {_worth(name, value.b)}{delta}")
    if total.delta:
        lines.append(
            f"total {_amount(total.a)} -> {_amount(total.b)} troops ({signed(total.delta)})"
        )
    for row in nations:
        if row.delta:
            lines.append(
                f"{row.name} {_amount(row.a)} -> {_amount(row.b)} troops ({signed(row.delta)})"
            )
    for row in units:
        if row.delta:
            lines.append(
                f"{row.name} {_amount(row.a)} -> {_amount(row.b)} units ({signed(row.delta)})"
            )
    return lines


def ceiling_rows(left: Scenario, right: Scenario) -> tuple[Row, ...]:
    """Each nation's ceiling A | B (for two scenarios without plans), then the sum."""
    a = {n.code: n.max_troops for n in left.nations}
    b = {n.code: n.max_troops for n in right.nations}
    rows = [Row(code, a.get(code), b.get(code)) for code in _union(a, b)]
    return (*rows, Row("total", sum(a.values()), sum(b.values())))


def offer_rows(left: Scenario, right: Scenario) -> tuple[Row, ...]:
    """Units of each type on offer from all nations A | B."""

    def offered(scenario: Scenario) -> dict[str, int]:
        totals = {u.id: 0 for u in scenario.unit_types}
        for nation in scenario.nations:
            for uid, count in nation.offers.items():
                totals[uid] = totals.get(uid, 0) + count
        return totals

    a, b = offered(left), offered(right)
    return tuple(Row(uid, a.get(uid), b.get(uid)) for uid in _union(a, b))
