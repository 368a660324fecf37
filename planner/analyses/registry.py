"""The analyses, one registry entry each: one name for the CLI verb, the GUI tab, the brief
section and the JSON document's ``analysis`` key.

Layers above the core keep their own table keyed by these names (the CLI's
parsers in :mod:`planner.cli.analyse`, the brief's sections in
:mod:`planner.brief.analyses`, the GUI's views in ``ui``); a test asserts
every entry is reached by all three. Cores are loaded only when run, so
listing analyses (``--help``) loads no solver.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Analysis:
    """One analysis: its name, words for people, and where its core lives."""

    name: str
    title: str
    """What a planner calls it: 'If one nation pulls out'."""
    question: str
    """The question it answers, one line (CLI help, GUI tooltip)."""
    module: str
    function: str

    @property
    def core(self) -> Callable[..., Any]:
        """The core function, ``f(scenario, objective, *, baseline, time_limit, cancel,
        progress, **options)``: loaded on first use."""
        return getattr(importlib.import_module(self.module), self.function)

    def run(self, scenario: Any, objective: str | None = None, **options: Any) -> Any:
        return self.core(scenario, objective, **options)


ANALYSES: dict[str, Analysis] = {
    entry.name: entry
    for entry in (
        Analysis(
            "withdrawal",
            "If one nation pulls out",
            "re-solve with each nation of the optimal plan withdrawn in turn (N-1)",
            "planner.analyses.withdrawal",
            "analyse_withdrawal",
        ),
        Analysis(
            "odds",
            "Odds of a force, given who may take part",
            "how often a force exists when who takes part is drawn by status (Monte Carlo)",
            "planner.analyses.odds",
            "analyse_odds",
        ),
        Analysis(
            "sensitivity",
            "What moves the result",
            "each ceiling and requirement lowered and raised, ranked by how much it moves",
            "planner.analyses.sensitivity",
            "analyse_sensitivity",
        ),
        Analysis(
            "backstop",
            "If the backstop stays out",
            "the force with and without the backstop nations (the US by default)",
            "planner.analyses.backstop",
            "analyse_backstop",
        ),
        Analysis(
            "pareto",
            "What fairness costs",
            "the plans between the cheapest and the fairest, none better on both",
            "planner.analyses.pareto",
            "analyse_pareto",
        ),
        Analysis(
            "stability",
            "If a nation pulls out late",
            "re-plan moving the fewest units after a late change, against a fresh plan",
            "planner.analyses.stability",
            "analyse_stability",
        ),
        Analysis(
            "sustainment",
            "How long it lasts",
            "the largest force the offers keep, and the rotation cycle at which the band breaks",
            "planner.analyses.sustainment",
            "analyse_sustainment",
        ),
    )
}
NAMES: tuple[str, ...] = tuple(ANALYSES)


def analysis_named(name: str) -> Analysis:
    """The entry for `name` (KeyError names the choices)."""
    try:
        return ANALYSES[name]
    except KeyError:
        raise KeyError(f"unknown analysis {name!r}; choose from {', '.join(NAMES)}") from None
