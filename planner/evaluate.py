"""What an allocation means, computed straight from the spec's formulas.

No solver here: the GUI evaluates hand-made allocations on every edit, and
the optimiser reports objective values through the same functions, so the
number a planner sees is always the spec's number exactly (section 2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from planner import names
from planner.model import Scenario
from planner.wording import limit_percent

Allocation = Mapping[tuple[str, str], int]
"""Units per (nation code, unit type id); missing keys are zero."""


@dataclass(frozen=True)
class Violation:
    """One constraint an allocation breaks, in the spec's name and a planner's words."""

    constraint: str
    message: str
    hard: bool


@dataclass(frozen=True)
class PlanEvaluation:
    """Troops, participation and requirement coverage of one allocation."""

    troops: dict[str, int]
    participating: dict[str, bool]
    unit_counts: dict[str, int]
    total_troops: int

    @property
    def nations_taking_part(self) -> int:
        return sum(self.participating.values())


def evaluate(scenario: Scenario, allocation: Allocation) -> PlanEvaluation:
    """D(n), y(n), TOTAL and units per type for `allocation`."""
    personnel = scenario.deployed_personnel
    troops = {n.code: 0 for n in scenario.nations}
    units = {n.code: 0 for n in scenario.nations}
    counts = {u.id: 0 for u in scenario.unit_types}
    for (code, unit_id), count in allocation.items():
        if count:
            troops[code] += personnel[unit_id] * count
            units[code] += count
            counts[unit_id] += count
    return PlanEvaluation(
        troops=troops,
        participating={code: units[code] >= 1 for code in units},
        unit_counts=counts,
        total_troops=sum(troops.values()),
    )


def fair_shares(scenario: Scenario) -> dict[str, float]:
    """phi(n): each nation's share of the burden by weight; zero for declined nations.

    The spec is silent when every weight is zero; we then split evenly among
    the nations not declined (docs/decisions.md).
    """
    open_nations = [n for n in scenario.nations if n.status != "declined"]
    weight = sum(n.burden_weight for n in open_nations)
    shares = {n.code: 0.0 for n in scenario.nations}
    for n in open_nations:
        shares[n.code] = n.burden_weight / weight if weight > 0 else 1.0 / len(open_nations)
    return shares


def min_cost_value(scenario: Scenario, allocation: Allocation) -> float:
    """sum cost_per_troop(n) * personnel(u) * x[n,u]; stand-off units cost too."""
    cost = {n.code: n.cost_per_troop for n in scenario.nations}
    personnel = {u.id: u.personnel for u in scenario.unit_types}
    return float(sum(cost[c] * personnel[u] * k for (c, u), k in allocation.items()))


def fair_share_value(scenario: Scenario, allocation: Allocation) -> float:
    """sum |D(n) - phi(n) * TOTAL| in troops."""
    plan = evaluate(scenario, allocation)
    phi = fair_shares(scenario)
    return float(sum(abs(plan.troops[c] - phi[c] * plan.total_troops) for c in plan.troops))


OBJECTIVE_VALUE = {"min_cost": min_cost_value, "fair_share": fair_share_value}


def objective_value(scenario: Scenario, allocation: Allocation, objective: str) -> float:
    """The spec's objective value of `allocation`, exactly."""
    return OBJECTIVE_VALUE[objective](scenario, allocation)


def violations(scenario: Scenario, allocation: Allocation) -> list[Violation]:
    """Every hard and soft constraint of spec section 2 that `allocation` breaks."""
    plan = evaluate(scenario, allocation)
    found = _hard_violations(scenario, allocation, plan)
    found += _soft_violations(scenario, allocation, plan)
    return found


def _hard_violations(
    scenario: Scenario, allocation: Allocation, plan: PlanEvaluation
) -> list[Violation]:
    found = []
    for nation in scenario.nations:
        code, name = nation.code, names.nation(nation.code)
        for unit in scenario.unit_types:
            count = allocation.get((code, unit.id), 0)
            if count > nation.offer(unit.id):
                found.append(
                    Violation(
                        name,
                        f"{code} gives {count} {unit.id}, "
                        f"more than its offer of {nation.offer(unit.id)}",
                        True,
                    )
                )
        troops, taking_part = plan.troops[code], plan.participating[code]
        if nation.status == "committed" and not taking_part:
            found.append(Violation(name, f"{code} is committed but contributes no unit", True))
        if nation.status == "declined" and taking_part:
            found.append(Violation(name, f"{code} has declined but is given units", True))
        if taking_part and troops < nation.min_troops:
            found.append(
                Violation(
                    name,
                    f"{code} sends {troops:,} troops, below its floor of {nation.min_troops:,}",
                    True,
                )
            )
        if troops > nation.max_troops:
            found.append(
                Violation(
                    name,
                    f"{code} sends {troops:,} troops, above its ceiling of {nation.max_troops:,}",
                    True,
                )
            )
    return found


def _soft_violations(
    scenario: Scenario, allocation: Allocation, plan: PlanEvaluation
) -> list[Violation]:
    found = []
    total, target = plan.total_troops, scenario.target
    if total < target.min_troops:
        found.append(
            Violation(
                names.TARGET_MIN,
                f"force of {total:,} troops is "
                f"{target.min_troops - total:,} short of {target.min_troops:,}",
                False,
            )
        )
    if total > target.max_troops:
        found.append(
            Violation(
                names.TARGET_MAX,
                f"force of {total:,} troops is "
                f"{total - target.max_troops:,} over {target.max_troops:,}",
                False,
            )
        )
    for unit_id, req in scenario.requirements.items():
        count = plan.unit_counts[unit_id]
        if count < req.min:
            found.append(
                Violation(
                    names.requirement_min(unit_id),
                    f"{count} {unit_id}, {req.min - count} short of {req.min}",
                    False,
                )
            )
        if req.max is not None and count > req.max:
            found.append(
                Violation(
                    names.requirement_max(unit_id),
                    f"{count} {unit_id}, {count - req.max} over {req.max}",
                    False,
                )
            )
    share = scenario.rules.max_share
    for code, troops in plan.troops.items():
        if troops > share * total + 1e-9:
            found.append(
                Violation(
                    names.share(code),
                    f"{code} carries {troops:,} of {total:,} troops, "
                    f"above the {limit_percent(share)} limit",
                    False,
                )
            )
    if plan.nations_taking_part < scenario.rules.min_nations:
        found.append(
            Violation(
                names.MIN_NATIONS,
                f"{plan.nations_taking_part} nations take "
                f"part, fewer than {scenario.rules.min_nations}",
                False,
            )
        )
    for lk in scenario.locks:
        count = allocation.get((lk.nation, lk.unit_type), 0)
        if count != lk.count:
            found.append(
                Violation(
                    names.lock(lk.nation, lk.unit_type),
                    f"{lk.nation} {lk.unit_type} is {count}, locked at {lk.count}",
                    False,
                )
            )
    return found
