"""One way to change a scenario from the GUI: edit its JSON data, validate, push.

Every editor (tables, grids, the target form) builds the new scenario from
``scenario_to_dict``, changes the data and runs the core's own validation
(``planner.validation.parse_scenario``), so the GUI refuses exactly what a
scenario file would refuse, with the same reason, and never pops a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from planner.errors import ScenarioError
from planner.model import Scenario
from planner.scenario_io import scenario_to_dict
from planner.validation import parse_scenario

Mutation = Callable[[dict[str, Any]], None]


def integer(value: Any) -> int:
    """A typed whole number ("7,500" and "7500" alike)."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().replace(",", "").replace("_", "")
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number") from None


def optional_integer(value: Any) -> int | None:
    """A whole number, or None for an empty cell ("no limit")."""
    if value is None or str(value).strip() in ("", "-", "none"):
        return None
    return integer(value)


def number(value: Any) -> float:
    try:
        return float(str(value).strip().replace(",", ""))
    except ValueError:
        raise ValueError(f"{value!r} is not a number") from None


def text(value: Any) -> str:
    return str(value).strip()


def validated(scenario: Scenario) -> Scenario:
    """The scenario after the core's own validation (ScenarioError if it breaks a rule)."""
    return parse_scenario(scenario_to_dict(scenario))


def changed(scenario: Scenario, mutate: Mutation) -> Scenario:
    """`scenario` with `mutate` applied to its JSON data, validated (ScenarioError if not)."""
    data = scenario_to_dict(scenario)
    mutate(data)
    return parse_scenario(data)


def refusal(label: str, exc: Exception) -> str:
    """The status-bar sentence for a refused edit."""
    reason = exc.problem if isinstance(exc, ScenarioError) else str(exc)
    return f"{label}: {reason}; the value was not changed."
