"""File > New: a scenario a planner starts from, with the unit types already there.

Typing a catalogue of unit types (names, personnel, deployed or stand-off)
is the slow part of a new scenario and the same across scenarios, so a new
one takes the unit types of the newest built-in scenario and nothing else:
no nations, no offers, no requirements, no locks, a target of 0 troops.
The planner adds nations (Edit > Insert nation), requirements and the target.
"""

from __future__ import annotations

from typing import Any

from planner.scenario.io import scenario_to_dict
from planner.scenario.model import SCENARIO_SCHEMA, Scenario
from planner.scenario.validation import parse_scenario

NEW_NAME = "New scenario"


def blank_scenario(catalogue: Scenario) -> Scenario:
    """A new scenario with `catalogue`'s unit types only (validated like any file)."""
    units = scenario_to_dict(catalogue)["unit_types"]
    data: dict[str, Any] = {
        "schema": SCENARIO_SCHEMA,
        "name": NEW_NAME,
        "target": {"min_troops": 0, "max_troops": 0},
        "unit_types": [{k: v for k, v in u.items() if k != "basis"} for u in units],
        "nations": [],
    }
    return parse_scenario(data)
