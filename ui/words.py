"""Planner words the window needs beyond the core's (:mod:`planner.scenario.words`).

Objective names (``min_cost``) are ids; people read the objective's label
("least cost") from the registry :data:`planner.rules.objectives.OBJECTIVES`.
"""

from __future__ import annotations

from planner.rules.objectives import objective_amount, objective_label

__all__ = ["objective_amount", "objective_label", "short_name"]

AXIS_LABEL_CHARS = 24
"""The longest axis label a narrow chart can hold beside its bars."""


def short_name(name: str, limit: int = AXIS_LABEL_CHARS) -> str:
    """An axis label: 'Kyiv region (forward HQ hub)' -> 'Kyiv region'; cut with '…' past `limit`."""
    head = name.split(" (", 1)[0].strip() or name
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "…"
