"""What removing an area takes with it, so the scenario left is valid and nothing is lost unsaid.

An area is named by nations' caveats, by area requirements, by locks and by
the plan's cells. Removing it drops it from every caveat, drops its area
requirements and its locks, and clears its plan cells, all in one undoable
edit whose text says what went (docs/decisions.md, "Removing an area"). A
nation whose caveat accepts that area alone is the one case refused: it
would be left with nowhere to stand, and which area it should accept
instead is the planner's call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.scenario.model import Scenario
from planner.scenario.plan import Cell, Plan
from ui import numbers


@dataclass(frozen=True)
class Removal:
    """The mutation of the scenario data, the plan cells cleared, and what else goes."""

    area: str
    caveats: tuple[str, ...] = ()  # names of the nations whose caveats lose the area
    requirements: int = 0  # area requirements dropped
    locks: int = 0  # locks dropped
    cells: dict[Cell, int] = field(default_factory=dict)  # plan cells set to 0
    units: int = 0  # the units those cells held

    def mutate(self, data: dict[str, Any]) -> None:
        data["areas"] = [a for a in data["areas"] if a["id"] != self.area]
        for nation in data["nations"]:
            if nation.get("areas") is not None:
                nation["areas"] = [a for a in nation["areas"] if a != self.area]
        data.get("area_requirements", {}).pop(self.area, None)
        data["locks"] = [lk for lk in data.get("locks", []) if lk.get("area") != self.area]

    def sentence(self, what: str) -> str:
        """`what`, and what else went with it: 'Remove area X (and its 2 locks, ...)'."""
        also = []
        if self.caveats:
            also.append(f"from the caveats of {_listed(self.caveats)}")
        if self.requirements:
            also.append(_count(self.requirements, "area requirement"))
        if self.locks:
            also.append(_count(self.locks, "lock"))
        if self.units:
            also.append(f"{_count(self.units, 'planned unit')} there")
        return f"{what} (and {'; '.join(also)})" if also else what


def removal(scenario: Scenario, plan: Plan, area_id: str) -> Removal:
    """How to remove `area_id`; ValueError naming the nations that accept it alone."""
    alone = [n.name for n in scenario.nations if n.areas is not None and set(n.areas) == {area_id}]
    if alone:
        verb = "accepts" if len(alone) == 1 else "accept"
        raise ValueError(
            f"{_listed(alone)} {verb} no other area; change {'its' if len(alone) == 1 else 'their'}"
            " caveat (Conditions tab) first"
        )
    return Removal(
        area=area_id,
        caveats=tuple(n.name for n in scenario.nations if n.areas and area_id in n.areas),
        requirements=len(scenario.area_requirements.get(area_id, {})),
        locks=sum(1 for lk in scenario.locks if lk.area == area_id),
        cells={key: 0 for key, count in plan.items() if key.area == area_id and count},
        units=sum(count for key, count in plan.items() if key.area == area_id),
    )


def _count(number: int, thing: str) -> str:
    return f"{numbers.whole(number)} {thing}{'' if number == 1 else 's'}"


def _listed(names: list[str] | tuple[str, ...]) -> str:
    """'France', 'France and Poland', 'France, Poland and Italy'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
