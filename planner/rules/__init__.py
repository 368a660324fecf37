"""The registered constraint families: every rule of spec sections 2 and 7, one module each.

:data:`HARD` are a nation's own statements (never relaxed); :data:`SOFT`
the requirement, in report order. The program, the plan check, the
diagnosis, the wording, the brief and the GUI iterate over these lists, so
adding a rule is one module plus one :func:`register` call.
"""

from __future__ import annotations

from planner.rules.area_requirement import AreaRequirement
from planner.rules.base import HardFamily, Selection, SoftFamily, SoftRow, Violation
from planner.rules.capacity import AreaCapacity
from planner.rules.conditions import Conditions
from planner.rules.lock import Locks
from planner.rules.min_nations import MinNations
from planner.rules.requirement import UnitRequirement
from planner.rules.share import Share
from planner.rules.statements import Statements
from planner.rules.target import Target
from planner.scenario.evaluate import evaluate
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan

HARD: list[HardFamily] = [Statements(), Conditions()]
SOFT: list[SoftFamily] = [
    Target(),
    UnitRequirement(),
    AreaRequirement(),
    AreaCapacity(),
    Share(),
    MinNations(),
    Locks(),
]

__all__ = [
    "HARD",
    "SOFT",
    "HardFamily",
    "Selection",
    "SoftFamily",
    "SoftRow",
    "Violation",
    "family_of",
    "register",
    "violations",
]


def register(family: SoftFamily | HardFamily) -> None:
    """Add a family; soft families report after those already registered."""
    target: list = HARD if isinstance(family, HardFamily) else SOFT
    target.append(family)


def family_of(name: str) -> SoftFamily:
    """The soft family a constraint name belongs to (KeyError for a name none owns)."""
    from planner.rules.names import parts

    split = parts(name)
    for family in SOFT:
        if family.owns(split):
            return family
    raise KeyError(name)


def violations(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Every hard and soft constraint of spec sections 2 and 7 that `plan` breaks."""
    ev = evaluate(scenario, plan)
    found: list[Violation] = []
    for family in HARD:
        found += family.check(scenario, plan, ev)
    for soft in SOFT:
        found += soft.check(scenario, plan, ev)
    return found
