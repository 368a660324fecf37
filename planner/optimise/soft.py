"""The soft constraints S1-S7: the requirement, each one reportable as unmet.

Each is a :class:`SoftConstraint` (a named linear row) so the same object
can be enforced, relaxed elastically, or optimised alone to find the best
value the nations' statements allow (spec section 3).
"""

from __future__ import annotations

from dataclasses import dataclass

import pulp

from planner import names
from planner.optimise.program import ForceProgram

NATION_WEIGHT = 1000.0
"""Troop-equivalents one missing nation costs in the elastic solve."""


@dataclass(frozen=True)
class SoftConstraint:
    """``expr <sense> bound`` with a name from :mod:`planner.names`.

    `sense` is ">=", "<=" or "==". `weight` converts one unit of violation into
    troop-equivalents for the elastic (closest plan) solve.
    """

    name: str
    expr: pulp.LpAffineExpression
    sense: str
    bound: float
    weight: float

    def row(self) -> pulp.LpConstraint:
        if self.sense == ">=":
            return self.expr >= self.bound
        if self.sense == "<=":
            return self.expr <= self.bound
        return self.expr == self.bound


def soft_constraints(program: ForceProgram) -> list[SoftConstraint]:
    """Every soft constraint of the scenario that can bind, in report order."""
    scenario = program.scenario
    found = [
        SoftConstraint(names.TARGET_MIN, program.total, ">=", scenario.target.min_troops, 1.0),
        SoftConstraint(names.TARGET_MAX, program.total, "<=", scenario.target.max_troops, 1.0),
    ]
    for unit_id, req in scenario.requirements.items():
        size = float(scenario.unit(unit_id).personnel)
        count = program.units_of(unit_id)
        if req.min > 0:
            found.append(SoftConstraint(names.requirement_min(unit_id), count, ">=", req.min, size))
        if req.max is not None:
            found.append(SoftConstraint(names.requirement_max(unit_id), count, "<=", req.max, size))
    share = scenario.rules.max_share
    if share < 1:
        for nation in scenario.nations:
            if nation.status != "declined":
                expr = program.troops[nation.code] - share * program.total
                found.append(SoftConstraint(names.share(nation.code), expr, "<=", 0, 1.0))
    if scenario.rules.min_nations > 0:
        found.append(
            SoftConstraint(
                names.MIN_NATIONS,
                pulp.lpSum(program.y.values()),
                ">=",
                scenario.rules.min_nations,
                NATION_WEIGHT,
            )
        )
    for lk in scenario.locks:
        var = program.x.get((lk.nation, lk.unit_type))
        if var is None:
            continue  # nothing on offer, so the lock is 0 and always holds
        expr = pulp.LpAffineExpression(var)
        size = float(scenario.unit(lk.unit_type).personnel)
        found.append(
            SoftConstraint(names.lock(lk.nation, lk.unit_type), expr, "==", lk.count, size)
        )
    return found


def enforce(program: ForceProgram, constraints: list[SoftConstraint]) -> None:
    """Add each soft constraint as a plain row under its own name."""
    for soft in constraints:
        program.problem += soft.row(), soft.name


def remove(program: ForceProgram, constraints: list[SoftConstraint]) -> None:
    """Take enforced soft constraints out again (for conflict search)."""
    for soft in constraints:
        program.problem.constraints.pop(soft.name, None)


def add_elastic(
    program: ForceProgram, constraints: list[SoftConstraint]
) -> pulp.LpAffineExpression:
    """Add each soft constraint with slack; return the weighted total violation."""
    violation = []
    for soft in constraints:
        over = pulp.LpVariable(f"slack.{soft.name}.over", 0)
        under = pulp.LpVariable(f"slack.{soft.name}.under", 0)
        if soft.sense == ">=":
            program.problem += soft.expr + under >= soft.bound, soft.name
            violation.append(soft.weight * under)
        elif soft.sense == "<=":
            program.problem += soft.expr - over <= soft.bound, soft.name
            violation.append(soft.weight * over)
        else:
            program.problem += soft.expr - over + under == soft.bound, soft.name
            violation += [soft.weight * over, soft.weight * under]
    return pulp.lpSum(violation)
