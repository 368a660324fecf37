"""What the brief's conclusion rests on: the planning assumptions and dated references behind it.

A scenario file with provenance (``planner.scenario.provenance``) says, figure
by figure, whether a published report or a planning assumption stands
behind it. The conclusion rests on the target band and the periods, on
every requirement, on every nation's status (who is in and who is out),
and on the ceilings and offers of the nations that take part. The brief
lists the assumptions among those, each once, and marks the ones behind a
figure the sensitivity analysis found to move the result or break the
force. The brief cites them by number (:mod:`planner.brief.bibliography`).
"""

from __future__ import annotations

from typing import Any

from planner.brief.facts import Facts
from planner.scenario.provenance import Assumption, Provenance

NATION_FIELDS_IN_PLAN = ("status", "max_troops", "offers", "areas", "requires")


def conclusion_keys(facts: Facts) -> list[str]:
    """The basis keys of every figure the plan's conclusion depends on, in reading order."""
    scenario = facts.scenario
    keys = ["target"]
    if scenario.periods.count > 1:
        keys.append("periods")
    keys += [f"requirement.{uid}" for uid, req in scenario.requirements.items() if req.min]
    keys += [
        f"area_requirement.{area}.{uid}"
        for area, needs in scenario.area_requirements.items()
        for uid in needs
    ]
    taking_part = {r.nation.code for r in facts.taking_part}
    for nation in scenario.nations:
        keys.append(f"nation.{nation.code}.status")
        if nation.code in taking_part:
            keys += [f"nation.{nation.code}.{f}" for f in NATION_FIELDS_IN_PLAN[1:]]
    return keys


def moving_keys(sensitivity: Any) -> set[str]:
    """Basis keys of the factors the sensitivity analysis found to break or move the result."""
    if sensitivity is None or sensitivity.baseline_value is None:
        return set()
    base = sensitivity.baseline_value
    return {f.basis_key for f in sensitivity.ranked() if f.moves(base)}


def assumptions_behind(
    provenance: Provenance, keys: list[str], moving: set[str]
) -> list[tuple[Assumption, bool]]:
    """Each assumption behind `keys` once, with whether a moving figure rests on it."""
    moves = {i for key in moving for i in provenance.basis_of(key)}
    return [(a, a.id in moves) for a in provenance.assumptions_behind(keys)]
