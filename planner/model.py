"""Domain types of a scenario (spec section 1), as small frozen dataclasses.

Everything here is already validated: build these only through
:mod:`planner.validation`, which turns raw JSON into them with precise
messages. The types themselves never raise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SCENARIO_SCHEMA = "force-planner/scenario@1"

Status = Literal["committed", "likely", "possible", "declined"]
STATUSES: tuple[str, ...] = ("committed", "likely", "possible", "declined")
OBJECTIVES: tuple[str, ...] = ("min_cost", "fair_share")


@dataclass(frozen=True)
class UnitType:
    """A kind of unit a nation can offer; `deployed` False means stand-off support."""

    id: str
    name: str
    personnel: int
    category: str = ""
    deployed: bool = True


@dataclass(frozen=True)
class Nation:
    """One nation's stated position: its status, floor, ceiling and offers."""

    code: str
    name: str
    max_troops: int
    status: str = "possible"
    min_troops: int = 0
    cost_per_troop: float = 1.0
    burden_weight: float = 0.0
    offers: dict[str, int] = field(default_factory=dict)
    notes: str = ""
    sources: tuple[str, ...] = ()

    def offer(self, unit_id: str) -> int:
        """Units of `unit_id` on offer; a missing offer is zero (H1)."""
        return self.offers.get(unit_id, 0)


@dataclass(frozen=True)
class Requirement:
    """How many units of one type the force needs; `max` None means no upper limit."""

    min: int = 0
    max: int | None = None


@dataclass(frozen=True)
class Target:
    """The band the force's deployed troops must fall in (S1, S2)."""

    min_troops: int
    max_troops: int


@dataclass(frozen=True)
class Rules:
    """Coalition-wide rules: largest share any nation may carry, fewest nations."""

    max_share: float = 1.0
    min_nations: int = 0


@dataclass(frozen=True)
class Lock:
    """A count the planner fixed by hand for one nation and unit type (S7)."""

    nation: str
    unit_type: str
    count: int


@dataclass(frozen=True)
class Backstop:
    """Support that may be withdrawn (e.g. US stand-off units) and what is needed without it.

    An addition to spec section 1 (issue 8, see docs/decisions.md): `nations`
    may stay out altogether; `requirements` then replace the scenario's
    requirement of the same unit type (types not listed keep theirs).
    """

    nations: tuple[str, ...]
    requirements: dict[str, Requirement] = field(default_factory=dict)
    notes: str = ""


@dataclass(frozen=True)
class Scenario:
    """A whole scenario file, validated."""

    name: str
    target: Target
    unit_types: tuple[UnitType, ...]
    nations: tuple[Nation, ...]
    requirements: dict[str, Requirement] = field(default_factory=dict)
    rules: Rules = Rules()
    locks: tuple[Lock, ...] = ()
    objective: str = "min_cost"
    description: str = ""
    backstop: Backstop | None = None

    def unit(self, unit_id: str) -> UnitType:
        """The unit type with this id (KeyError if none)."""
        for unit in self.unit_types:
            if unit.id == unit_id:
                return unit
        raise KeyError(unit_id)

    def nation(self, code: str) -> Nation:
        """The nation with this code (KeyError if none)."""
        for nation in self.nations:
            if nation.code == code:
                return nation
        raise KeyError(code)

    @property
    def deployed_personnel(self) -> dict[str, int]:
        """Personnel per unit type that counts towards D(n): zero for stand-off units."""
        return {u.id: (u.personnel if u.deployed else 0) for u in self.unit_types}
