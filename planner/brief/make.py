"""One way to make a brief, for the command line and the app alike.

Solve the scenario (or take the plan in hand when it is the proven optimum of this
scenario), run the analyses the scenario calls for within one time limit (a quarter of it
at most for the solve, then even shares), take the finished analyses the caller already
has where they are exactly what the brief would compute (:mod:`planner.brief.reuse`), and
write the PDF. The command line's ``brief`` and the app's File > Export brief both call
:func:`make_brief`, so the same scenario gives the same document from either.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.analyses import BRIEF_SECONDS, DEFAULT_DRAWS
from planner.analyses.baseline import plan_in_hand
from planner.brief import brief_warnings, write_brief
from planner.brief.analyses import (
    Announce,
    BriefAnalyses,
    Progress,
    baseline_limit,
    parse_names,
    run_analyses,
)
from planner.brief.control import DocumentControl
from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from planner.status import Status

__all__ = ["BRIEF_SECONDS", "MadeBrief", "make_brief"]


@dataclass(frozen=True)
class MadeBrief:
    """A brief written: its pages, the plan and analyses it shows, and lines for the user."""

    pages: int
    result: PlanResult
    analyses: BriefAnalyses
    warnings: list[str]
    solved: bool
    """False when the plan handed in was used as it was (no solve)."""


def make_brief(
    scenario: Scenario,
    output: str | Path,
    control: DocumentControl | None = None,
    *,
    objective: str | None = None,
    analyses: str | Sequence[str] = "auto",
    time_limit: float | None = BRIEF_SECONDS,
    solver: str = "highs",
    draws: int = DEFAULT_DRAWS,
    plan: PlanResult | None = None,
    ready: Mapping[str, Any] | None = None,
    announce: Announce | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> MadeBrief | None:
    """Make the brief of `scenario` and write it to `output`; None when cancelled (nothing
    written). Raises OSError when `output` cannot be written, PlannerError for a bad
    `analyses` list (see :func:`planner.brief.analyses.parse_names`).

    `plan`: a solve the caller has (the app's plan on screen), used when
    :func:`planner.analyses.baseline.plan_in_hand`. `ready`: finished analyses by name,
    each taken when the brief would compute the same. `announce` hears each step in words
    ("solving", "analysis 2 of 6: ...", "writing the brief") and may return a callback for
    that step's work; `progress(done, total)` counts the analyses run.
    """
    names = parse_names(analyses, scenario) if isinstance(analyses, str) else tuple(analyses)
    deadline = None if time_limit is None else time.monotonic() + time_limit
    if announce is not None:
        announce("solving")
    solved = not plan_in_hand(plan, scenario, objective)
    if solved:
        from planner.solve import solve

        limit = baseline_limit(time_limit, names)
        result = solve(scenario, objective, solver, limit, cancel=cancel)
    else:
        assert plan is not None  # plan_in_hand said so
        result = plan
    if _cancelled(cancel, result):
        return None
    done = run_analyses(
        scenario,
        objective,
        names,
        result,
        cancel=cancel,
        progress=progress,
        deadline=deadline,
        options={"odds": {"draws": draws}},
        announce=announce,
        ready=ready,
    )
    done.time_limit = time_limit
    if _cancelled(cancel, result):
        return None
    if announce is not None:
        announce("writing the brief")
    pages = write_brief(scenario, result, output, control, analyses=done)
    return MadeBrief(pages, result, done, brief_warnings(scenario, control, done), solved)


def _cancelled(cancel: threading.Event | None, result: PlanResult) -> bool:
    return result.status == Status.CANCELLED or (cancel is not None and cancel.is_set())
