"""Planner words the window needs beyond the core's (:mod:`planner.scenario.words`).

Objective names (``min_cost``) are ids; people read the objective's label
("least cost") from the registry :data:`planner.rules.objectives.OBJECTIVES`.
"""

from __future__ import annotations

from planner.rules.objectives import objective_label

__all__ = ["objective_label"]
