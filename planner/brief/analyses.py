"""The analyses a brief carries: which ones, running them, and their sections.

A brief answers "how fragile is it" as well as "what is the best force":
the bottom line names the nations whose loss breaks the force (withdrawal)
and the odds that a force exists; each analysis then has its own section.
Analyses are looked up by name so the command line (`brief --analyses`)
and the GUI's brief export choose the same way.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from planner.analyses.verdicts import backstop_verdict, odds_verdict, withdrawal_verdict
from planner.brief.prose import para
from planner.errors import PlannerError
from planner.model import Scenario

Progress = Callable[[int, int], None]

# name -> (analysis module, function, brief section module, section function)
REGISTRY: dict[str, tuple[str, str, str, str]] = {
    "withdrawal": (
        "planner.analyses.withdrawal",
        "analyse_withdrawal",
        "planner.brief.analysis_withdrawal",
        "withdrawal_section",
    ),
    "odds": (
        "planner.analyses.odds",
        "analyse_odds",
        "planner.brief.analysis_odds",
        "odds_section",
    ),
    "sensitivity": (
        "planner.analyses.sensitivity",
        "analyse_sensitivity",
        "planner.brief.analysis_sensitivity",
        "sensitivity_section",
    ),
    "backstop": (
        "planner.analyses.backstop",
        "analyse_backstop",
        "planner.brief.analysis_backstop",
        "backstop_section",
    ),
    "pareto": (
        "planner.analyses.pareto",
        "analyse_pareto",
        "planner.brief.analysis_pareto",
        "pareto_section",
    ),
    "stability": (
        "planner.analyses.stable_plan",
        "analyse_stability",
        "planner.brief.analysis_stability",
        "stability_section",
    ),
}
DEFAULT_ANALYSES: tuple[str, ...] = tuple(REGISTRY)
BRIEF_DEFAULT: tuple[str, ...] = DEFAULT_ANALYSES
"""What a brief carries unless told otherwise (`--analyses none` for a quick one)."""


@dataclass
class BriefAnalyses:
    """Finished analyses by name, in the order their sections appear."""

    results: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.results.get(name)


def parse_names(text: str) -> tuple[str, ...]:
    """`--analyses withdrawal,odds` (or 'all' / 'none') as a checked tuple of names."""
    text = text.strip().lower()
    if text in ("", "none"):
        return ()
    if text == "all":
        return DEFAULT_ANALYSES
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise PlannerError(
            f"unknown analysis {unknown[0]!r}; choose from {', '.join(REGISTRY)}, all or none"
        )
    return names


def run_analyses(
    scenario: Scenario,
    objective: str | None,
    names: Sequence[str],
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> BriefAnalyses:
    """Run the named analyses one after another (progress counts analyses done)."""
    done = BriefAnalyses()
    for number, name in enumerate(names):
        if cancel is not None and cancel.is_set():
            break
        module, function = REGISTRY[name][:2]
        analyse = getattr(importlib.import_module(module), function)
        done.results[name] = analyse(scenario, objective, cancel=cancel)
        if progress is not None:
            progress(number + 1, len(names))
    return done


def fragility_points(analyses: BriefAnalyses | None) -> list[str]:
    """Bottom-line sentences: whose loss breaks the force, and the odds a force exists."""
    if analyses is None:
        return []
    points = []
    withdrawal = analyses.get("withdrawal")
    if withdrawal is not None:
        points.append(withdrawal_verdict(withdrawal, full_names=True))
    odds = analyses.get("odds")
    if odds is not None:
        points.append(odds_verdict(odds))
    backstop = analyses.get("backstop")
    if backstop is not None:
        points.append(backstop_verdict(backstop))
    return points


def analysis_sections(
    scenario: Scenario, analyses: BriefAnalyses | None, width: float
) -> list[Flowable]:
    """'How fragile is the force': one section per analysis that was run."""
    if analyses is None or not analyses.results:
        return []
    flow: list[Flowable] = [PageBreak(), para("How fragile is the force", "h1")]
    for name, result in analyses.results.items():
        module, function = REGISTRY[name][2:]
        section = getattr(importlib.import_module(module), function)
        flow += section(scenario, result, width)
    return flow
