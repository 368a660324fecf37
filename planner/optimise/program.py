"""The force composition program, built in named steps (PyPSA-style).

1. :func:`define_variables`: x per :class:`~planner.scenario.plan.Cell` a nation may
   fill (its offer, caveat and readiness decide which exist), y per nation,
   and one column per period for TOTAL(t) (and GROUND(t) when some area lies
   outside the target), each held by one row. Every share or fairness row
   then refers to the one TOTAL column, so the program grows linearly with
   the number of nations.
2. the hard families (:data:`planner.rules.HARD`): a nation's own statements;
3. the soft families (:data:`planner.rules.SOFT`): each yields named rows
   that the caller enforces, relaxes or optimises alone;
4. an objective (:mod:`planner.rules.objectives`).

Nothing here imports a solver; :mod:`planner.optimise.solver` runs the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from planner.linear import INF, Expr, LinearModel
from planner.optimise.deadline import NO_DEADLINE, Deadline
from planner.rules import names
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell, all_cells


@dataclass
class ForceProgram:
    """The model with handles on the spec's variables and expressions (sections 2 and 7).

    Dict keys: ``troops[code, t]`` D(n,t); ``in_target[code, t]`` Din(n,t);
    ``units[unit, t]`` units of a type in the force; ``nation_units[code,
    unit, t]`` X(n,u,t); ``area_units[area, unit, t]``; ``area_troops[area,
    t]``. Missing keys mean an empty expression (use the accessors).
    """

    scenario: Scenario
    model: LinearModel
    x: dict[Cell, int] = field(default_factory=dict)
    y: dict[str, int] = field(default_factory=dict)
    total_col: dict[int, int] = field(default_factory=dict)
    ground_col: dict[int, int] = field(default_factory=dict)
    troops_expr: dict[tuple[str, int], Expr] = field(default_factory=dict)
    in_target_expr: dict[tuple[str, int], Expr] = field(default_factory=dict)
    units_expr: dict[tuple[str, int], Expr] = field(default_factory=dict)
    nation_units_expr: dict[tuple[str, str, int], Expr] = field(default_factory=dict)
    area_units_expr: dict[tuple[str, str, int], Expr] = field(default_factory=dict)
    area_troops_expr: dict[tuple[str, int], Expr] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)
    """Columns objectives and searches add (by name), e.g. fair-share deviations."""

    # -- the spec's expressions ---------------------------------------------------
    def name(self, base: str, period: int) -> str:
        """`base` qualified with its period when the scenario has several (spec section 9)."""
        return names.at(base, period if self.scenario.periods.several else None)

    def troops(self, code: str, period: int) -> Expr:
        return self.troops_expr.get((code, period)) or Expr()

    def in_target(self, code: str, period: int) -> Expr:
        return self.in_target_expr.get((code, period)) or Expr()

    def total(self, period: int) -> Expr:
        return Expr.of(self.total_col[period])

    def ground(self, period: int) -> Expr:
        return Expr.of(self.ground_col[period])

    def period_of(self) -> dict[int, int]:
        """The period of each column that belongs to one: the cells, TOTAL(t) and GROUND(t)
        (the columns of no period, such as participation, are left out)."""
        found = {col: key.period for key, col in self.x.items()}
        for t, col in self.total_col.items():
            found[col] = t
        for t, col in self.ground_col.items():
            found[col] = t
        return found

    def units(self, unit_id: str, period: int) -> Expr:
        return self.units_expr.get((unit_id, period)) or Expr()

    def nation_units(self, code: str, unit_id: str, period: int) -> Expr:
        return self.nation_units_expr.get((code, unit_id, period)) or Expr()

    def area_units(self, area_id: str, unit_id: str, period: int) -> Expr:
        return self.area_units_expr.get((area_id, unit_id, period)) or Expr()

    def area_troops(self, area_id: str, period: int) -> Expr:
        return self.area_troops_expr.get((area_id, period)) or Expr()

    def participants(self) -> Expr:
        return Expr({col: 1.0 for col in self.y.values()})

    # -- reading a solution -------------------------------------------------------------
    def allocation(self, values: Sequence[float]) -> dict[Cell, int]:
        """The solved x as exact integers, non-zero counts only."""
        found = {}
        for key, col in self.x.items():
            count = round(values[col])
            if count:
                found[key] = count
        return found

    def column_values(self, plan: dict[Cell, int]) -> list[float]:
        """x, y, TOTAL and GROUND for a known plan (a warm start); other columns 0."""
        values = [0.0] * len(self.model.col_names)
        taking_part = set()
        for key, col in self.x.items():
            count = plan.get(key, 0)
            values[col] = float(count)
            if count:
                taking_part.add(key.nation)
        for code, col in self.y.items():
            values[col] = 1.0 if code in taking_part else 0.0
        for period, col in self.total_col.items():
            values[col] = self._value(self.total_defining(period), values)
        for period, col in self.ground_col.items():
            if col != self.total_col.get(period):
                values[col] = self._value(self.ground_defining(period), values)
        return values

    def total_defining(self, period: int) -> Expr:
        return Expr.total(self.in_target(n.code, period) for n in self.scenario.nations)

    def ground_defining(self, period: int) -> Expr:
        return Expr.total(self.troops(n.code, period) for n in self.scenario.nations)

    @staticmethod
    def _value(expr: Expr, values: list[float]) -> float:
        return expr.value(values)


CHECK_EVERY = 4096
"""Cells built between two looks at the deadline (building a huge scenario takes seconds)."""


def define_variables(
    scenario: Scenario, name: str = "force", deadline: Deadline = NO_DEADLINE
) -> ForceProgram:
    """x per cell in 0..offer (H1, readiness and caveats by which cells exist), y per
    nation in its status's range (H4), TOTAL(t) and GROUND(t) with their rows.

    Raises :class:`~planner.optimise.deadline.OutOfTime` once `deadline` passes."""
    program = ForceProgram(scenario, LinearModel(name))
    model = program.model
    personnel = scenario.deployed_personnel
    in_target = {a.id for a in scenario.areas if a.in_target}
    for nation in scenario.nations:
        low = 1 if nation.status == "committed" else 0
        high = 0 if nation.status == "declined" else 1
        program.y[nation.code] = model.column(f"y.{nation.code}", low, high, integer=True)
    offers = {n.code: n.offers for n in scenario.nations}
    for count, key in enumerate(all_cells(scenario)):
        if count % CHECK_EVERY == 0:
            deadline.check()
        offer = offers[key.nation][key.unit]
        col = model.column(_column_name(key), 0, offer, integer=True)
        program.x[key] = col
        t = key.period
        _add(program.units_expr, (key.unit, t), col, 1.0)
        _add(program.nation_units_expr, (key.nation, key.unit, t), col, 1.0)
        size = personnel[key.unit]
        if key.area is None or not size:
            continue
        _add(program.troops_expr, (key.nation, t), col, size)
        _add(program.area_units_expr, (key.area, key.unit, t), col, 1.0)
        _add(program.area_troops_expr, (key.area, t), col, size)
        if key.area in in_target:
            _add(program.in_target_expr, (key.nation, t), col, size)
    outside = len(in_target) < len(scenario.areas)
    for t in scenario.periods.all:
        # integer (troops are whole): HiGHS otherwise aggregates rows through a continuous
        # TOTAL when it separates cuts, and one round of root cuts can outlast a time limit
        total = model.column(program.name("TOTAL", t), 0, INF, integer=True)
        model.row(program.name("total", t), program.total_defining(t) - Expr.of(total), 0, 0)
        program.total_col[t] = total
        if outside:
            ground = model.column(program.name("GROUND", t), 0, INF, integer=True)
            model.row(program.name("ground", t), program.ground_defining(t) - Expr.of(ground), 0, 0)
            program.ground_col[t] = ground
        else:
            program.ground_col[t] = total
    return program


def _column_name(key: Cell) -> str:
    where = "" if key.area is None else f".{key.area}"
    return f"x.{key.nation}.{key.unit}{where}@{key.period}"


def _add(index: dict, key: tuple, col: int, coefficient: float) -> None:
    expr = index.get(key)
    if expr is None:
        index[key] = Expr({col: coefficient})
    else:
        expr.add_term(col, coefficient)


def build_hard_program(
    scenario: Scenario, name: str = "force", deadline: Deadline = NO_DEADLINE
) -> ForceProgram:
    """Variables plus every hard family: the space of plans nations would accept."""
    from planner.rules import HARD

    program = define_variables(scenario, name, deadline)
    for family in HARD:
        deadline.check()
        family.define(program)
    deadline.check()
    return program


def soft_rows(program: ForceProgram) -> list:  # list[SoftRow]
    """Every soft row of the scenario that can bind, family by family in report order."""
    from planner.rules import SOFT

    return [row for family in SOFT for row in family.rows(program)]


def enforce(program: ForceProgram, rows: Iterable) -> dict[str, int]:
    """Add each soft row as a plain row under its own name; their row indices by name."""
    return {
        row.name: program.model.constrain(row.name, row.expr, row.sense, row.bound) for row in rows
    }


def add_elastic(program: ForceProgram, rows: Iterable) -> Expr:
    """Add each soft row with slack columns; return the weighted total violation."""
    model, violation = program.model, Expr()
    for row in rows:
        expr = row.expr.copy()
        if row.sense in (">=", "=="):
            under = model.column(f"slack.{row.name}.under", 0, INF)
            expr.add_term(under, 1.0)
            violation.add_term(under, row.weight)
        if row.sense in ("<=", "=="):
            over = model.column(f"slack.{row.name}.over", 0, INF)
            expr.add_term(over, -1.0)
            violation.add_term(over, row.weight)
        model.constrain(row.name, expr, row.sense, row.bound)
    return violation
