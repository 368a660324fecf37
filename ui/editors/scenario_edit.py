"""One way to change a scenario from the GUI: edit its JSON data, validate, push.

Every editor (tables, grids, the target form) builds the new scenario from
``scenario_to_dict``, changes the data and runs the core's own validation
(``planner.scenario.validation.parse_scenario``), so the GUI refuses exactly what a
scenario file would refuse, with the same reason, and never pops a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.errors import ScenarioError
from planner.scenario.io import scenario_to_dict
from planner.scenario.model import Scenario
from planner.scenario.validation import parse_scenario
from planner.scenario.words import field_words, id_words
from ui import numbers

Mutation = Callable[[dict[str, Any]], None]


def text(value: Any) -> str:
    return str(value).strip()


def validated(scenario: Scenario) -> Scenario:
    """The scenario after the core's own validation (ScenarioError if it breaks a rule)."""
    return _parsed(scenario, scenario_to_dict(scenario))


def changed(scenario: Scenario, mutate: Mutation) -> Scenario:
    """`scenario` with `mutate` applied to its JSON data, validated (ScenarioError if not)."""
    data = scenario_to_dict(scenario)
    mutate(data)
    return _parsed(scenario, data)


def _parsed(before: Scenario, data: dict[str, Any]) -> Scenario:
    """The core's validation; a refusal's reason names unit types and areas as the tables do."""
    try:
        return parse_scenario(data)
    except ScenarioError as exc:
        exc.problem = id_words(before, exc.problem)
        raise


def refusal(label: str, exc: Exception) -> str:
    """The status-bar sentence for a refused edit."""
    # the core writes its figures locale-free; the window's own reasons are written already
    if isinstance(exc, ScenarioError):
        reason = numbers.localised(field_words(exc.problem))
    else:
        reason = str(exc)
    return f"{label}: {reason}; the value was not changed."
