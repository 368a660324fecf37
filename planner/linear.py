"""A mixed-integer program as plain lists: named columns, named rows, one objective.

Families of constraints (:mod:`planner.rules`) and objectives write into this
model through a few calls (:meth:`LinearModel.column`, :meth:`LinearModel.row`);
the solver back ends (:mod:`planner.optimise.backends`) hand it to HiGHS in one
call, or to CBC through PuLP. Building is linear in the number of non-zeros and
never imports a solver, so a model can be built, inspected and counted (tests
count its non-zeros) without one.

Names are the spec's (``share.FR@2``, ``nation.FR.ceiling``): a row that
cannot hold maps back to the statement a person made.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

INF = math.inf


class Expr:
    """A linear expression: coefficients by column index, plus a constant.

    Deliberately small: ``+``, ``-``, scaling by a number, and ``add`` for
    building long sums in place without copying.
    """

    __slots__ = ("terms", "constant")

    def __init__(self, terms: Mapping[int, float] | None = None, constant: float = 0.0) -> None:
        self.terms: dict[int, float] = dict(terms) if terms else {}
        self.constant = float(constant)

    @classmethod
    def of(cls, column: int, coefficient: float = 1.0) -> Expr:
        return cls({column: coefficient})

    @classmethod
    def total(cls, parts: Iterable[Expr]) -> Expr:
        out = cls()
        for part in parts:
            out.add(part)
        return out

    def add(self, other: Expr, scale: float = 1.0) -> Expr:
        """self += scale * other, in place; returns self."""
        terms = self.terms
        for column, value in other.terms.items():
            terms[column] = terms.get(column, 0.0) + scale * value
        self.constant += scale * other.constant
        return self

    def add_term(self, column: int, coefficient: float) -> Expr:
        self.terms[column] = self.terms.get(column, 0.0) + coefficient
        return self

    def copy(self) -> Expr:
        return Expr(self.terms, self.constant)

    def __add__(self, other: Expr | float) -> Expr:
        if isinstance(other, Expr):
            return self.copy().add(other)
        return Expr(self.terms, self.constant + other)

    def __sub__(self, other: Expr | float) -> Expr:
        if isinstance(other, Expr):
            return self.copy().add(other, -1.0)
        return Expr(self.terms, self.constant - other)

    def __mul__(self, scale: float) -> Expr:
        return Expr({c: v * scale for c, v in self.terms.items()}, self.constant * scale)

    __rmul__ = __mul__

    def __neg__(self) -> Expr:
        return self * -1.0

    def value(self, values: list[float] | tuple[float, ...]) -> float:
        """The expression's value at a solution (`values` by column index)."""
        return self.constant + sum(v * values[c] for c, v in self.terms.items())

    def __repr__(self) -> str:
        return f"Expr({self.terms!r}, {self.constant!r})"


@dataclass
class LinearModel:
    """Columns (bounds, integrality, objective) and rows (bounds, entries), all named.

    Row entries are kept row by row; :meth:`csr` gives the arrays HiGHS takes.
    A row's constant is folded into its bounds when it is added.
    """

    name: str = "force"
    col_names: list[str] = field(default_factory=list)
    col_lower: list[float] = field(default_factory=list)
    col_upper: list[float] = field(default_factory=list)
    col_integer: list[bool] = field(default_factory=list)
    col_cost: list[float] = field(default_factory=list)
    row_names: list[str] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_entries: list[dict[int, float]] = field(default_factory=list)
    objective_offset: float = 0.0
    columns: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    def column(
        self, name: str, lower: float = 0.0, upper: float = INF, integer: bool = False
    ) -> int:
        """Add a column; its index. Names are unique (a repeat is a programming error)."""
        if name in self.columns:
            raise ValueError(f"column {name!r} defined twice")
        index = len(self.col_names)
        self.columns[name] = index
        self.col_names.append(name)
        self.col_lower.append(float(lower))
        self.col_upper.append(float(upper))
        self.col_integer.append(integer)
        self.col_cost.append(0.0)
        return index

    def row(self, name: str, expr: Expr, lower: float = -INF, upper: float = INF) -> int:
        """Add ``lower <= expr <= upper`` (the constant moves to the bounds); its index."""
        if name in self.rows:
            raise ValueError(f"row {name!r} defined twice")
        index = len(self.row_names)
        self.rows[name] = index
        self.row_names.append(name)
        self.row_lower.append(lower - expr.constant)
        self.row_upper.append(upper - expr.constant)
        self.row_entries.append({c: v for c, v in expr.terms.items() if v != 0.0})
        return index

    def constrain(self, name: str, expr: Expr, sense: str, bound: float) -> int:
        """Add ``expr <sense> bound`` with sense one of ">=", "<=", "==" (a soft row's form)."""
        if sense == ">=":
            return self.row(name, expr, lower=bound)
        if sense == "<=":
            return self.row(name, expr, upper=bound)
        if sense == "==":
            return self.row(name, expr, lower=bound, upper=bound)
        raise ValueError(f"unknown sense {sense!r}")

    def free_row(self, name: str) -> None:
        """Make a row always hold (bounds -inf..inf): how a constraint is dropped in place."""
        index = self.rows[name]
        self.row_lower[index], self.row_upper[index] = -INF, INF

    def drop_rows_from(self, first: int) -> None:
        """Remove every row added since the model had `first` rows: a trial restriction undone
        exactly (rows added later would otherwise stay, freed or not)."""
        for name in self.row_names[first:]:
            del self.rows[name]
        for rows in (self.row_names, self.row_lower, self.row_upper, self.row_entries):
            del rows[first:]

    def set_objective(self, expr: Expr) -> None:
        """Minimise `expr` (every other column's cost becomes 0)."""
        self.col_cost = [0.0] * len(self.col_names)
        for column, value in expr.terms.items():
            self.col_cost[column] = value
        self.objective_offset = expr.constant

    @property
    def num_nonzeros(self) -> int:
        return sum(len(entries) for entries in self.row_entries)

    def csr(self) -> tuple[list[int], list[int], list[float]]:
        """Row starts, column indices and values of the constraint matrix (compressed rows)."""
        starts: list[int] = [0]
        indices: list[int] = []
        values: list[float] = []
        for entries in self.row_entries:
            indices.extend(entries.keys())
            values.extend(entries.values())
            starts.append(len(indices))
        return starts, indices, values

    def objective_value(self, values: list[float] | tuple[float, ...]) -> float:
        return self.objective_offset + sum(
            cost * values[i] for i, cost in enumerate(self.col_cost) if cost
        )
