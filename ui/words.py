"""Planner words the window needs beyond the core's (:mod:`planner.scenario.words`).

Objective names (``min_cost``) are ids; people read the objective's label
("least cost") from the registry :data:`planner.rules.objectives.OBJECTIVES`.
"""

from __future__ import annotations

from planner.rules import objectives
from planner.rules.objectives import objective_amount, objective_label
from ui import numbers

__all__ = [
    "objective_amount",
    "objective_change",
    "objective_figure",
    "objective_label",
    "short_name",
]

AXIS_LABEL_CHARS = 24
"""The longest axis label a narrow chart can hold beside its bars."""


def short_name(name: str, limit: int = AXIS_LABEL_CHARS) -> str:
    """An axis label: 'Kyiv region (forward HQ hub)' -> 'Kyiv region'; cut with '…' past `limit`."""
    head = name.split(" (", 1)[0].strip() or name
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"


def objective_figure(name: str, value: float, places: int = 1) -> str:
    """An objective's value the locale's way: least cost by the one rule for costs
    (29,880.5 as ``solve --json`` says it), troops off fair share with `places` decimals."""
    return numbers.localised(objectives.objective_figure(name, value, places))


def objective_change(name: str, value: float, places: int = 1) -> str:
    """A difference of an objective's values, signed, the locale's way."""
    return numbers.localised(objectives.objective_change(name, value, places))


def objective_heading(name: str) -> str:
    """'Least cost': a table column of an objective's values, headed in planner words."""
    label = objective_label(name)
    return label[:1].upper() + label[1:]
