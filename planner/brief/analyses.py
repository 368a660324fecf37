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
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from planner.analyses.registry import ANALYSES, NAMES
from planner.brief.options import other_objective, solve_middle, solve_other
from planner.brief.prose import para
from planner.brief.text import esc
from planner.errors import PlannerError
from planner.result.document import PlanResult
from planner.rules.objectives import objective_label
from planner.scenario.model import Scenario

Progress = Callable[[int, int], None]
Announce = Callable[[str], Progress | None]
"""Told what a brief runs next, in words ('analysis 2 of 6: if one nation pulls out');
returns the callback that step reports its work to (``done, total``), or None."""
ANNEX_ANALYSES = "Annex B: how fragile the force is"

SECTIONS: dict[str, tuple[str, str]] = {
    "withdrawal": ("planner.brief.analysis_withdrawal", "withdrawal_section"),
    "odds": ("planner.brief.analysis_odds", "odds_section"),
    "sensitivity": ("planner.brief.analysis_sensitivity", "sensitivity_section"),
    "backstop": ("planner.brief.analysis_backstop", "backstop_section"),
    "pareto": ("planner.brief.analysis_pareto", "pareto_section"),
    "stability": ("planner.brief.analysis_stability", "stability_section"),
    "sustainment": ("planner.brief.analysis_sustainment", "sustainment_section"),
}
"""The brief's section of each analysis of :data:`planner.analyses.registry.ANALYSES`."""
DEFAULT_ANALYSES: tuple[str, ...] = tuple(name for name in NAMES if name in SECTIONS)
OVER_TIME: frozenset[str] = frozenset({"sustainment"})
"""Analyses a brief carries by default only when the scenario has several periods: on one
period they answer a hypothetical (a horizon the planner did not write)."""
BRIEF_DEFAULT: tuple[str, ...] = tuple(n for n in DEFAULT_ANALYSES if n not in OVER_TIME)
"""What a brief of a one-period scenario carries unless told otherwise (`--analyses none`
for a quick one); :func:`brief_default` gives it for any scenario."""


def brief_default(scenario: Scenario | None) -> tuple[str, ...]:
    """The analyses a brief carries unless told otherwise: over time too when it has periods."""
    if scenario is not None and scenario.periods.count > 1:
        return DEFAULT_ANALYSES
    return BRIEF_DEFAULT


def title(name: str) -> str:
    """'if one nation pulls out (withdrawal)': the analysis as the brief names it."""
    entry = ANALYSES[name]
    return f"{entry.title[:1].lower()}{entry.title[1:]} ({name})"


@dataclass
class BriefAnalyses:
    """Finished analyses by name, in the order their sections appear.

    `unfinished`: the analyses a time limit stopped or kept from starting, in
    order; none of their figures are shown. `time_limit`: that limit, seconds.
    """

    results: dict[str, Any] = field(default_factory=dict)
    unfinished: list[str] = field(default_factory=list)
    time_limit: float | None = None
    other: PlanResult | None = None
    """The plan by the other objective, an option of the decision note (one solve)."""
    middle: PlanResult | None = None
    """The plan with the band's bottom raised to its middle, an option (one solve, when the
    plan sits in the lower half of the band)."""

    def get(self, name: str) -> Any:
        return self.results.get(name)

    def unfinished_sentence(self) -> str:
        """'Not finished within the 2 s time limit, so none of their figures are shown: ...'."""
        if not self.unfinished:
            return ""
        limit = f"the {self.time_limit:g} s time limit" if self.time_limit else "the time limit"
        listed = ", ".join(title(name) for name in self.unfinished)
        return f"Not finished within {limit}, so none of their figures are shown: {listed}."


def parse_names(text: str, scenario: Scenario | None = None) -> tuple[str, ...]:
    """`--analyses withdrawal,odds` (or 'auto', 'all', 'none') as a checked tuple of names."""
    text = text.strip().lower()
    if text in ("", "none"):
        return ()
    if text == "all":
        return DEFAULT_ANALYSES
    if text == "auto":
        return brief_default(scenario)
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        raise PlannerError(
            f"unknown analysis {unknown[0]!r}; choose from {', '.join(SECTIONS)}, auto, all or none"
        )
    return names


BASELINE_SHARE = 0.25
"""Of the brief's time limit, the most its own solve takes when analyses follow."""


def baseline_limit(time_limit: float | None, names: Sequence[str]) -> float | None:
    """Seconds for the brief's own solve: all of `time_limit` for a quick brief, a quarter
    when analyses follow (a plan that cannot be proven in time would otherwise use the whole
    limit, and every analysis would be listed as not finished)."""
    if time_limit is None or not names:
        return time_limit
    return BASELINE_SHARE * time_limit


def run_analyses(
    scenario: Scenario,
    objective: str | None,
    names: Sequence[str],
    baseline: PlanResult | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
    deadline: float | None = None,
    options: dict[str, dict[str, Any]] | None = None,
    announce: Announce | None = None,
) -> BriefAnalyses:
    """Run the named analyses one after another (progress counts analyses done).

    `deadline` (a ``time.monotonic()`` value) bounds them all: each gets an even
    share of what is left (the options' solves at the end count as one more), is
    stopped when its share runs out, and one that did not finish in it is listed
    in `unfinished` instead of shown half done (its solves may
    have been cut short, which would read as "no plan"). `options`: keyword
    arguments per analysis name (``{"odds": {"draws": 200}}``). `baseline`, the brief's own
    solve of the scenario, is handed to each analysis so none solves it again. When any
    analysis runs, the plan by the other objective is solved once more for the decision
    note's options, and the plan at the middle of the band once when the baseline sits
    below it (:mod:`planner.brief.options`). `announce` hears each step in words before
    it starts and may return a callback for the work that analysis reports (the command
    line's progress line); figures never depend on it.
    """
    done = BriefAnalyses()
    for number, name in enumerate(names):
        if cancel is not None and cancel.is_set():
            break
        analyse = ANALYSES[name].core
        kwargs = dict((options or {}).get(name, {}))
        kwargs["baseline"] = baseline
        if announce is not None:
            words = ANALYSES[name].title
            work = announce(
                f"analysis {number + 1} of {len(names)}: {words[:1].lower()}{words[1:]}"
            )
            if work is not None:
                kwargs["progress"] = work
        if deadline is None:
            done.results[name] = analyse(scenario, objective, cancel=cancel, **kwargs)
        else:
            shares = len(names) - number + 1  # this one, those after it, the options
            share = deadline - (deadline - time.monotonic()) * (shares - 1) / shares
            result = _before(share, cancel, analyse, scenario, objective, kwargs)
            if result is None:
                done.unfinished.append(name)
            else:
                done.results[name] = result
        if progress is not None:
            progress(number + 1, len(names))
    if names and baseline is not None and baseline.has_plan:
        if announce is not None:
            announce(f"the plan by {objective_label(other_objective(baseline.objective))}")
        done.other = solve_other(scenario, baseline, deadline, cancel)
        if announce is not None:
            announce("the plan at the middle of the target band")
        done.middle = solve_middle(scenario, baseline, deadline, cancel)
    return done


def _before(
    deadline: float,
    outer: threading.Event | None,
    analyse: Callable[..., Any],
    scenario: Scenario,
    objective: str | None,
    kwargs: dict[str, Any],
) -> Any | None:
    """The analysis if it finishes whole before `deadline`, else None."""
    left = deadline - time.monotonic()
    if left <= 0:
        return None
    stop, finished = threading.Event(), threading.Event()

    def watch() -> None:  # stop the analysis at the deadline, or when the caller cancels
        while not finished.wait(min(0.1, max(0.0, deadline - time.monotonic()))):
            if time.monotonic() >= deadline or (outer is not None and outer.is_set()):
                stop.set()
                return

    watcher = threading.Thread(target=watch, name="brief-deadline", daemon=True)
    watcher.start()
    try:
        result = analyse(scenario, objective, cancel=stop, time_limit=left, **kwargs)
    finally:
        finished.set()
        watcher.join()
    if stop.is_set() or time.monotonic() >= deadline or not _complete(result):
        return result if _answered(result) else None
    return result


def _answered(result: Any) -> bool:
    """Cut short, yet every question its page 1 needs is answered (the withdrawal's
    feasibility for every nation, some costs unsettled): shown, with what is missing said."""
    return bool(getattr(result, "feasibility_complete", False))


def _complete(result: Any) -> bool:
    complete = getattr(result, "complete", None)
    return bool(complete) if complete is not None else not getattr(result, "cancelled", False)


def analysis_sections(
    scenario: Scenario,
    analyses: BriefAnalyses | None,
    width: float,
    twin: tuple[Any, Any] | None = None,
) -> list[Flowable]:
    """'How fragile is the force': one section per analysis that was run. `twin`: the
    least-cost option and the fairer plan of its cost the Pareto analysis found
    (:func:`planner.brief.decision.least_cost_twin`), which its section names."""
    if analyses is None or not (analyses.results or analyses.unfinished):
        return []
    flow: list[Flowable] = [PageBreak(), para(ANNEX_ANALYSES, "h1")]
    if analyses.unfinished:
        flow.append(para(esc(analyses.unfinished_sentence())))
    for name, result in analyses.results.items():
        module, function = SECTIONS[name]
        section = getattr(importlib.import_module(module), function)
        extra = {"twin": twin} if name == "pareto" and twin is not None else {}
        flow += section(scenario, result, width, **extra)
    return flow
