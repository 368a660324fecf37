"""Variables and hard constraints (H1-H4) of the force composition program.

Constraint names are stable and readable (``nation.FR.floor``) so a solver
log or an infeasibility maps back to the statement a nation made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pulp

from planner.model import Scenario
from planner.optimise.deadline import NO_DEADLINE, Deadline

TOTAL = "troops.total"
"""The TOTAL column (an integer: whole troops) and the row defining it as the sum of every D(n)."""


@dataclass
class ForceProgram:
    """A PuLP problem with handles on the spec's variables and expressions.

    TOTAL is a column of its own, defined by one row (``TOTAL = sum D(n)``):
    the share and fair_share rows then hold one TOTAL coefficient each
    instead of every nation's units, so the program grows linearly with the
    nations (it grew with their square).
    """

    scenario: Scenario
    problem: pulp.LpProblem
    x: dict[tuple[str, str], pulp.LpVariable]
    y: dict[str, pulp.LpVariable]
    troops: dict[str, pulp.LpAffineExpression]
    total: pulp.LpAffineExpression
    extra: dict[str, pulp.LpVariable] = field(default_factory=dict)
    by_nation: dict[str, list[tuple[str, pulp.LpVariable]]] = field(default_factory=dict)
    by_unit: dict[str, list[pulp.LpVariable]] = field(default_factory=dict)

    def units_of(self, unit_id: str) -> pulp.LpAffineExpression:
        """sum over nations of x[n, unit_id]."""
        return pulp.lpSum(self.by_unit.get(unit_id, []))

    def allocation(self) -> dict[tuple[str, str], int]:
        """The solved x as exact integers, non-zero counts only."""
        found = {}
        for key, var in self.x.items():
            count = round(var.value() or 0)
            if count:
                found[key] = count
        return found


def define_variables(
    scenario: Scenario, name: str = "force", deadline: Deadline = NO_DEADLINE
) -> ForceProgram:
    """x[n,u] in 0..offer (H1), y[n] binary, fixed by status (H4), and TOTAL with its row."""
    problem = pulp.LpProblem(name, pulp.LpMinimize)
    x: dict[tuple[str, str], pulp.LpVariable] = {}
    y: dict[str, pulp.LpVariable] = {}
    by_nation: dict[str, list[tuple[str, pulp.LpVariable]]] = {}
    by_unit: dict[str, list[pulp.LpVariable]] = {u.id: [] for u in scenario.unit_types}
    personnel = scenario.deployed_personnel
    troops: dict[str, pulp.LpAffineExpression] = {}
    for nation in scenario.nations:
        deadline.check()
        low = 1 if nation.status == "committed" else 0
        high = 0 if nation.status == "declined" else 1
        # LpInteger, not LpBinary: PuLP resets a binary's bounds to 0..1, which
        # would silently drop the status rule (H4).
        y[nation.code] = pulp.LpVariable(f"y.{nation.code}", low, high, pulp.LpInteger)
        mine = by_nation[nation.code] = []
        for unit in scenario.unit_types:
            offer = nation.offer(unit.id)
            if offer > 0:
                var = pulp.LpVariable(f"x.{nation.code}.{unit.id}", 0, offer, pulp.LpInteger)
                x[nation.code, unit.id] = var
                mine.append((unit.id, var))
                by_unit[unit.id].append(var)
        troops[nation.code] = pulp.LpAffineExpression(
            [(var, personnel[u]) for u, var in mine if personnel[u]]
        )
    # Integer (it is a sum of whole troops): HiGHS aggregates rows through
    # continuous columns when it separates cuts, and a continuous TOTAL, in
    # every share row, made each aggregate as long as the definition row.
    total = pulp.LpVariable(TOTAL, 0, cat=pulp.LpInteger)
    terms = [(var, k) for d in troops.values() for var, k in d.items()]
    problem.addConstraint(row(terms + [(total, -1)], pulp.LpConstraintEQ, 0), f"{TOTAL}.definition")
    return ForceProgram(
        scenario,
        problem,
        x,
        y,
        troops,
        pulp.LpAffineExpression(total),
        by_nation=by_nation,
        by_unit=by_unit,
    )


def row(terms: list[tuple[pulp.LpVariable, float]], sense: int, rhs: float) -> pulp.LpConstraint:
    """``sum(coefficient * variable) <sense> rhs``, built at once.

    PuLP's operators copy an expression at every step; with one row per
    offer that made building three times slower than the rows themselves.
    """
    return pulp.LpConstraint(pulp.LpAffineExpression(terms), sense, rhs=rhs)


def add_hard_constraints(program: ForceProgram, deadline: Deadline = NO_DEADLINE) -> None:
    """H2 (offers only with participation, at least one unit) and H3 (floor, ceiling)."""
    problem = program.problem
    le, ge = pulp.LpConstraintLE, pulp.LpConstraintGE
    for nation in program.scenario.nations:
        deadline.check()
        code, y = nation.code, program.y[nation.code]
        mine = program.by_nation[code]
        for unit_id, var in mine:
            offer = row([(var, 1), (y, -nation.offer(unit_id))], le, 0)
            problem.addConstraint(offer, f"nation.{code}.offer.{unit_id}")
        takes_part = row([(v, 1) for _, v in mine] + [(y, -1)], ge, 0)
        problem.addConstraint(takes_part, f"nation.{code}.takes_part")
        d = list(program.troops[code].items())
        if nation.min_troops:
            problem.addConstraint(row(d + [(y, -nation.min_troops)], ge, 0), f"nation.{code}.floor")
        problem.addConstraint(row(d + [(y, -nation.max_troops)], le, 0), f"nation.{code}.ceiling")


def build_hard_program(scenario: Scenario, deadline: Deadline = NO_DEADLINE) -> ForceProgram:
    """Variables plus every hard constraint: the space of plans nations would accept.

    Raises :class:`~planner.optimise.deadline.OutOfTime` once `deadline` has
    passed (checked nation by nation).
    """
    program = define_variables(scenario, deadline=deadline)
    add_hard_constraints(program, deadline)
    return program
