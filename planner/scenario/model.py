"""Domain types of a scenario (spec section 1), as small frozen dataclasses.

Everything here is already validated: build these only through
:mod:`planner.scenario.validation`, which turns raw JSON into them with precise
messages. The types themselves never raise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from planner.scenario.provenance import Provenance

SCENARIO_SCHEMA = "force-planner/scenario@1"
SCENARIO_SCHEMA_2 = "force-planner/scenario@2"
SCENARIO_SCHEMAS: tuple[str, ...] = (SCENARIO_SCHEMA, SCENARIO_SCHEMA_2)
THEATRE = "theatre"
"""Id of the one implicit area of a scenario that declares none (spec section 6)."""

Status = Literal["committed", "likely", "possible", "declined"]
STATUSES: tuple[str, ...] = ("committed", "likely", "possible", "declined")


class ObjectiveId(StrEnum):
    """The objectives a scenario may name; each has its registry entry in
    :mod:`planner.rules.objectives` (a test ties the two together)."""

    MIN_COST = "min_cost"
    FAIR_SHARE = "fair_share"


OBJECTIVES: tuple[str, ...] = tuple(ObjectiveId)


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
    areas: tuple[str, ...] | None = None
    """The areas its deployed units may stand in (a caveat); None: every area."""
    requires: tuple[str, ...] = ()
    """Nations that must take part for this one to take part (H5)."""
    min_partners: int = 0
    """Other nations that must take part for this one to take part (H5)."""
    rotation: int | None = None
    """Its rotation cycle in periods (H1r); None: the scenario's `periods.rotation`."""
    ready_from: dict[str, int] = field(default_factory=dict)
    """First period each offered unit type can serve in; missing: period 1."""

    def offer(self, unit_id: str) -> int:
        """Units of `unit_id` on offer; a missing offer is zero (H1)."""
        return self.offers.get(unit_id, 0)

    def ready(self, unit_id: str) -> int:
        """First period `unit_id` can serve in (spec section 6, `ready_from`)."""
        return self.ready_from.get(unit_id, 1)

    @property
    def conditional(self) -> bool:
        """Whether it takes part only if others do (`requires`, `min_partners`)."""
        return bool(self.requires) or self.min_partners > 0


@dataclass(frozen=True)
class Requirement:
    """How many units of one type the force needs; `max` None means no upper limit."""

    min: int = 0
    max: int | None = None


@dataclass(frozen=True)
class BuildUp:
    """A minimum force before full capability: at least `min_troops` in `period` (S1)."""

    period: int
    min_troops: int


@dataclass(frozen=True)
class Target:
    """The band the force's in-target troops must fall in (S1, S2), and its build-up."""

    min_troops: int
    max_troops: int
    build_up: tuple[BuildUp, ...] = ()

    def minimum(self, period: int, full_from: int) -> int | None:
        """S1's minimum in `period`: the band in full periods, the build-up figure before."""
        if period >= full_from:
            return self.min_troops
        for step in self.build_up:
            if step.period == period:
                return step.min_troops
        return None


@dataclass(frozen=True)
class Position:
    """Where an area lies, for maps only."""

    lat: float
    lon: float


@dataclass(frozen=True)
class Area:
    """A place the force's deployed units stand (spec section 6)."""

    id: str
    name: str
    in_target: bool = True
    capacity_troops: int | None = None
    position: Position | None = None


IMPLICIT_AREA = Area(THEATRE, "Theatre")


@dataclass(frozen=True)
class Periods:
    """The horizon: how many periods, how they are labelled, rotation, full capability."""

    count: int = 1
    label: str = "period"
    first: str = "1"
    rotation: int = 1
    full_from: int = 1

    @property
    def all(self) -> range:
        return range(1, self.count + 1)

    @property
    def full(self) -> range:
        """Periods of full capability: floors and requirements hold in these."""
        return range(self.full_from, self.count + 1)

    @property
    def several(self) -> bool:
        """Whether names and results carry periods (spec sections 9 and 10)."""
        return self.count > 1


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
    area: str | None = None
    """The area the count stands in; None: summed over areas (and for stand-off units)."""
    period: int | None = None
    """The period it holds in; None: every period from the offer's `ready_from`."""


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
    areas: tuple[Area, ...] = (IMPLICIT_AREA,)
    """Every area, in file order; a scenario that declares none has the implicit one."""
    periods: Periods = Periods()
    area_requirements: dict[str, dict[str, Requirement]] = field(default_factory=dict)
    schema: str = SCENARIO_SCHEMA
    provenance: Provenance | None = None
    """Dated references, assumptions and each figure's basis (never used by a solve)."""
    """The schema the file was written in; saving keeps it unless @2 fields need @2."""

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

    def area(self, area_id: str) -> Area:
        """The area with this id (KeyError if none)."""
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    @property
    def has_areas(self) -> bool:
        """Whether the scenario declares areas (results then name them, spec section 10)."""
        return self.areas != (IMPLICIT_AREA,)

    def areas_of(self, nation: Nation) -> tuple[str, ...]:
        """Ids of the areas `nation`'s deployed units may stand in, in scenario order."""
        if nation.areas is None:
            return tuple(a.id for a in self.areas)
        allowed = set(nation.areas)
        return tuple(a.id for a in self.areas if a.id in allowed)

    def rotation_of(self, nation: Nation) -> int:
        """The nation's rotation cycle: its own, else the scenario's."""
        return nation.rotation if nation.rotation is not None else self.periods.rotation

    @property
    def deployed_personnel(self) -> dict[str, int]:
        """Personnel per unit type that counts towards D(n): zero for stand-off units."""
        return {u.id: (u.personnel if u.deployed else 0) for u in self.unit_types}
