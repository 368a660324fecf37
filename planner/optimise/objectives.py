"""The two objectives of spec section 2 as PuLP expressions."""

from __future__ import annotations

import pulp

from planner.evaluate import fair_shares
from planner.optimise.program import ForceProgram


def min_cost(program: ForceProgram) -> pulp.LpAffineExpression:
    """sum cost_per_troop(n) * personnel(u) * x[n,u] (stand-off units included)."""
    scenario = program.scenario
    cost = {n.code: n.cost_per_troop for n in scenario.nations}
    return pulp.LpAffineExpression(
        [
            (var, cost[code] * scenario.unit(unit_id).personnel)
            for (code, unit_id), var in program.x.items()
        ]
    )


def fair_share(program: ForceProgram) -> pulp.LpAffineExpression:
    """sum |D(n) - phi(n) * TOTAL|, linearised with one deviation variable per nation."""
    phi = fair_shares(program.scenario)
    deviations = []
    for nation in program.scenario.nations:
        code = nation.code
        if nation.status == "declined":
            continue  # D(n) = 0 and phi(n) = 0: no deviation possible
        dev = pulp.LpVariable(f"fair_share.dev.{code}", 0)
        gap = program.troops[code] - phi[code] * program.total
        program.problem += dev - gap >= 0, f"fair_share.{code}.above"
        program.problem += dev + gap >= 0, f"fair_share.{code}.below"
        program.extra[dev.name] = dev
        deviations.append(dev)
    return pulp.lpSum(deviations)


OBJECTIVES = {"min_cost": min_cost, "fair_share": fair_share}


def set_objective(program: ForceProgram, objective: str) -> pulp.LpAffineExpression:
    """Build and install the named objective; returns its expression."""
    expr = OBJECTIVES[objective](program)
    program.problem.setObjective(expr)
    program.problem.sense = pulp.LpMinimize
    return expr
