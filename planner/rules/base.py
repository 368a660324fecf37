"""What a constraint family is: the one home of a rule (issue "One home per rule").

A family owns everything about one kind of rule: its names (built by
:mod:`planner.rules.names`), its rows in the integer program, its check on a
given plan, its sentences for a planner, its rank in the conflict search,
what "best reachable alone" means for it, and what the GUI selects when a
planner clicks it. The program, the evaluation, the diagnosis, the wording,
the brief and the GUI iterate over the registered families
(:mod:`planner.rules`); none keeps a chain of ``if family == ...``.

Soft families (the requirement, spec S1-S8) yield :class:`SoftRow` objects:
the same row can be enforced, relaxed elastically or optimised alone. Hard
families (a nation's own statements, H1-H5) write rows that always hold.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from planner.linear import Expr
from planner.rules import names
from planner.scenario.evaluate import PlanEvaluation
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan

if TYPE_CHECKING:
    from planner.optimise.program import ForceProgram


@dataclass(frozen=True)
class Violation:
    """One constraint a plan breaks, by its spec name, in a planner's words."""

    constraint: str
    message: str
    hard: bool


@dataclass(frozen=True)
class Selection:
    """What the GUI puts in front of the planner for a rule: an editor and its keys.

    Kinds and their keys:
    ``target`` (field), ``requirement`` (unit, "min" | "max"),
    ``area_requirement`` (area, unit, "min" | "max"), ``area`` (area, field),
    ``rules`` (field), ``nation`` (code, field or None),
    ``cell`` (nation, unit, area or None, period).
    """

    kind: str
    keys: tuple[str | int | None, ...] = ()


@dataclass(frozen=True)
class SoftRow:
    """``expr <sense> bound``, named, with the troop-equivalents one unit of violation costs."""

    name: str
    expr: Expr
    sense: str  # ">=", "<=" or "=="
    bound: float
    weight: float
    family: str

    def gap(self, value: float) -> float:
        """How far `value` of the expression is from meeting the row (0 when it holds)."""
        if self.sense == ">=":
            return max(self.bound - value, 0.0)
        if self.sense == "<=":
            return max(value - self.bound, 0.0)
        return abs(value - self.bound)


class SoftFamily(ABC):
    """A kind of soft constraint: one module, registered once in :mod:`planner.rules`."""

    key: ClassVar[str]
    """First part of its names (``share`` in ``share.FR@2``)."""
    rank: ClassVar[int]
    """Order in the conflict search: lower ranks are dropped first, so rules a planner
    sets by hand (locks) are blamed only when they must be."""

    def owns(self, parts: tuple[str, ...]) -> bool:
        """Whether a name with these parts (period stripped) is one of this family's."""
        return parts[0] == self.key

    @abstractmethod
    def rows(self, program: ForceProgram) -> Iterator[SoftRow]:
        """The family's rows for this program's scenario, in report order."""

    @abstractmethod
    def check(self, scenario: Scenario, plan: Plan, ev: PlanEvaluation) -> Iterator[Violation]:
        """Each of the family's rules that `plan` breaks."""

    @abstractmethod
    def describe(self, scenario: Scenario, name: str) -> str:
        """A short phrase for one rule: 'at least 16 x Mechanised infantry battalion'."""

    @abstractmethod
    def unmet(self, scenario: Scenario, name: str, required: float, best: float, gap: float) -> str:
        """Why the rule cannot hold even alone, and by how much."""

    @abstractmethod
    def select(self, scenario: Scenario, name: str) -> Selection:
        """What the GUI selects when the planner clicks this rule."""

    def alone(self, program: ForceProgram, row: SoftRow) -> tuple[Expr, bool]:
        """What to optimise for the best value the row's expression can reach on its own:
        the expression, and True to maximise. Families override this where "best"
        means something else (a lock: the nearest count)."""
        return row.expr, row.sense == ">="

    def best_value(self, row: SoftRow, value: float) -> float:
        """The best reachable value reported, from the solved expression's value."""
        return value

    @staticmethod
    def period(name: str) -> int | None:
        return names.period_of(name)


class HardFamily(ABC):
    """A kind of hard constraint (a nation's own statements): never relaxed."""

    key: ClassVar[str]

    @abstractmethod
    def define(self, program: ForceProgram) -> None:
        """Write the family's bounds and rows into the program."""

    @abstractmethod
    def check(self, scenario: Scenario, plan: Plan, ev: PlanEvaluation) -> Iterator[Violation]:
        """Each statement `plan` breaks, named ``nation.<CODE>``."""
