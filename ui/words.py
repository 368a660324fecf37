"""Planner words the window needs beyond the core's (:mod:`planner.scenario.words`).

Objective names (``min_cost``) are ids; people read the objective's label
("least cost") from the registry :data:`planner.rules.objectives.OBJECTIVES`.
"""

from __future__ import annotations

from planner.rules.objectives import OBJECTIVES


def objective_label(name: str) -> str:
    """'least cost' for ``min_cost``; a name the registry does not know is shown as it is."""
    objective = OBJECTIVES.get(name)
    return objective.label if objective is not None else name
