"""Variables and hard constraints (H1-H4) of the force composition program.

Constraint names are stable and readable (``nation.FR.floor``) so a solver
log or an infeasibility maps back to the statement a nation made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pulp

from planner.model import Scenario


@dataclass
class ForceProgram:
    """A PuLP problem with handles on the spec's variables and expressions."""

    scenario: Scenario
    problem: pulp.LpProblem
    x: dict[tuple[str, str], pulp.LpVariable]
    y: dict[str, pulp.LpVariable]
    troops: dict[str, pulp.LpAffineExpression]
    total: pulp.LpAffineExpression
    extra: dict[str, pulp.LpVariable] = field(default_factory=dict)

    def units_of(self, unit_id: str) -> pulp.LpAffineExpression:
        """sum over nations of x[n, unit_id]."""
        return pulp.lpSum(v for (_, u), v in self.x.items() if u == unit_id)

    def allocation(self) -> dict[tuple[str, str], int]:
        """The solved x as exact integers, non-zero counts only."""
        found = {}
        for key, var in self.x.items():
            count = round(var.value() or 0)
            if count:
                found[key] = count
        return found


def define_variables(scenario: Scenario, name: str = "force") -> ForceProgram:
    """x[n,u] in 0..offer (H1) and y[n] binary, fixed by status (H4)."""
    problem = pulp.LpProblem(name, pulp.LpMinimize)
    x: dict[tuple[str, str], pulp.LpVariable] = {}
    y: dict[str, pulp.LpVariable] = {}
    personnel = scenario.deployed_personnel
    troops: dict[str, pulp.LpAffineExpression] = {}
    for nation in scenario.nations:
        low = 1 if nation.status == "committed" else 0
        high = 0 if nation.status == "declined" else 1
        # LpInteger, not LpBinary: PuLP resets a binary's bounds to 0..1, which
        # would silently drop the status rule (H4).
        y[nation.code] = pulp.LpVariable(f"y.{nation.code}", low, high, pulp.LpInteger)
        for unit in scenario.unit_types:
            offer = nation.offer(unit.id)
            if offer > 0:
                x[nation.code, unit.id] = pulp.LpVariable(
                    f"x.{nation.code}.{unit.id}", 0, offer, pulp.LpInteger
                )
        troops[nation.code] = pulp.LpAffineExpression(
            [(x[nation.code, u], personnel[u]) for (c, u) in x if c == nation.code and personnel[u]]
        )
    total = pulp.lpSum(troops.values())
    return ForceProgram(scenario, problem, x, y, troops, total)


def add_hard_constraints(program: ForceProgram) -> None:
    """H2 (offers only with participation, at least one unit) and H3 (floor, ceiling)."""
    problem = program.problem
    for nation in program.scenario.nations:
        code, y = nation.code, program.y[nation.code]
        mine = [(u, v) for (c, u), v in program.x.items() if c == code]
        for unit_id, var in mine:
            problem += var - nation.offer(unit_id) * y <= 0, f"nation.{code}.offer.{unit_id}"
        problem += pulp.lpSum(v for _, v in mine) - y >= 0, f"nation.{code}.takes_part"
        d = program.troops[code]
        if nation.min_troops:
            problem += d - nation.min_troops * y >= 0, f"nation.{code}.floor"
        problem += d - nation.max_troops * y <= 0, f"nation.{code}.ceiling"


def build_hard_program(scenario: Scenario) -> ForceProgram:
    """Variables plus every hard constraint: the space of plans nations would accept."""
    program = define_variables(scenario)
    add_hard_constraints(program)
    return program
