"""The analyses a brief carries: which ones, running them, and their sections.

A brief answers "how fragile is it" as well as "what is the best force":
the bottom line names the nations whose loss breaks the force (withdrawal)
and the odds that a force exists; each analysis then has its own section.
Analyses are looked up by name so the command line (`brief --analyses`)
and the GUI's brief export choose the same way.
"""

from __future__ import annotations

import importlib
import inspect
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, PageBreak

from planner.analyses.registry import ANALYSES, NAMES
from planner.analyses.workers import Workers
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
    reused: tuple[str, ...] = ()
    """The analyses taken finished from the caller (:mod:`planner.brief.reuse`), not run."""

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


DEAREST_FIRST: tuple[str, ...] = (
    "pareto",
    "stability",
    "odds",
    "sensitivity",
    "sustainment",
    "withdrawal",
    "backstop",
)
"""The analyses by what they cost on the default scenario, dearest first (measured one
after another, 2026-12-03: pareto 20.9 s, stability 7.1, odds 2.1, sensitivity 1.3,
withdrawal 0.8, backstop 0.5): two processes each take the dearest left when free."""


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
    workers: int | None = None,
    ready: Mapping[str, Any] | None = None,
) -> BriefAnalyses:
    """Run the named analyses (progress counts analyses done); their sections keep the
    order of `names` however they ran.

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

    `workers` 1 runs every analysis in this process, one after another; None (without a
    `deadline`, on two cores or more with one free) runs them in
    this process and one spawned worker at once, each taking the dearest analysis left
    (:data:`DEAREST_FIRST`) when free, and the options' solves in this process while the
    worker finishes. Every figure is the same either way: each analysis is the same
    deterministic run in whichever process.

    `ready`: finished results by name (the app's analyses dock keeps them); each one the
    brief's own run would reproduce exactly (:func:`planner.brief.reuse.taken`) is taken
    as it is and not run again, the rest run as above.
    """
    from planner.brief.reuse import taken

    done = BriefAnalyses()
    chosen = objective or scenario.objective
    done.results = taken(names, ready, scenario, chosen, baseline, options)
    done.reused = tuple(done.results)
    asked, names = names, [n for n in names if n not in done.results]

    def solve_options() -> None:
        if asked and baseline is not None and baseline.has_plan:
            if announce is not None:
                announce(f"the plan by {objective_label(other_objective(baseline.objective))}")
            done.other = solve_other(scenario, baseline, deadline, cancel)
            if announce is not None:
                announce("the plan at the middle of the target band")
            done.middle = solve_middle(scenario, baseline, deadline, cancel)

    if not names:
        solve_options()
    elif _side_wanted(names, deadline, workers):
        _run_side_by_side(
            scenario,
            objective,
            names,
            baseline,
            cancel,
            progress,
            options,
            announce,
            done,
            solve_options,
        )
    else:
        _run_in_turn(
            scenario,
            objective,
            names,
            baseline,
            cancel,
            progress,
            deadline,
            options,
            announce,
            done,
        )
        solve_options()
    done.results = {n: done.results[n] for n in asked if n in done.results}
    done.unfinished = [n for n in asked if n in done.unfinished]
    return done


def _words(names: Sequence[str], number: int) -> str:
    """'analysis 2 of 6: odds of a force, given who may take part'."""
    words = ANALYSES[names[number]].title
    return f"analysis {number + 1} of {len(names)}: {words[:1].lower()}{words[1:]}"


def _run_in_turn(
    scenario: Scenario,
    objective: str | None,
    names: Sequence[str],
    baseline: PlanResult | None,
    cancel: threading.Event | None,
    progress: Progress | None,
    deadline: float | None,
    options: dict[str, dict[str, Any]] | None,
    announce: Announce | None,
    done: BriefAnalyses,
) -> None:
    """One analysis after another in this process; under a deadline, page 1's first.

    Those the decision note quotes (:data:`PAGE_ONE`) run first, so that a brief whose
    solves are slow spends its time on the answers its verdict needs; the sections
    keep the order asked for.
    """
    asked = names
    if deadline is not None:
        names = [n for n in PAGE_ONE if n in asked] + [n for n in asked if n not in PAGE_ONE]
    for number, name in enumerate(names):
        if cancel is not None and cancel.is_set():
            break
        analyse = ANALYSES[name].core
        kwargs = dict((options or {}).get(name, {}))
        kwargs["baseline"] = baseline
        if name in REUSES and REUSES[name] in done.results:
            # one home for "the best plan without this nation": the brief's own withdrawal
            kwargs.setdefault(REUSES[name], done.results[REUSES[name]])
        if announce is not None:
            work = announce(_words(names, number))
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


REUSES: dict[str, str] = {"stability": "withdrawal"}
"""An analysis that takes another's finished result as a keyword of that name (one run
after it, in this process): stability's fresh re-plans are the withdrawal rows, so it
reuses the brief's withdrawal analysis rather than run its own."""

PAGE_ONE: tuple[str, ...] = ("withdrawal", "backstop", "odds")
"""The analyses the decision note's verdict rests on (whose loss breaks the force, whether
it holds without the backstop, the odds that it exists), cheapest first: on the Paris
default a 600 s brief finished only withdrawal and sustainment when they ran in the order
asked."""


def _side_wanted(names: Sequence[str], deadline: float | None, workers: int | None) -> bool:
    """Whether to run the analyses in two processes at once (see :func:`run_analyses`)."""
    if workers is not None:
        return workers > 1 and len(names) > 1
    if deadline is not None or len(names) < 2:
        return False  # a deadline shares its time in turn
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = cores or 1
    return cores >= 2 and _load() < cores - FREE_CORE


FREE_CORE = 0.5
"""Two processes only while the machine's load leaves a core free (the load counts this
process): measured on 2 cores at a load of 5, the full brief's analyses took 74.8 s side by
side against 58.9 s one after another (medians of 3, `benchmarks/analyses.py --targets
--only brief`), the same CPU spread over two processes that found no free core."""


def _load() -> float:
    """The machine's load over the last minute (0 where the system does not say)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def _run_side_by_side(
    scenario: Scenario,
    objective: str | None,
    names: Sequence[str],
    baseline: PlanResult | None,
    cancel: threading.Event | None,
    progress: Progress | None,
    options: dict[str, dict[str, Any]] | None,
    announce: Announce | None,
    done: BriefAnalyses,
    meanwhile: Callable[[], None],
) -> None:
    """The analyses in this process and one worker at once, each taking the dearest left
    when free (this process the dearest of all: it starts while the worker is spawned).

    `meanwhile` runs here once this process has no analysis left (the options' solves).
    The worker hears of a Cancel through an event it watches; its analyses report no work
    as they go (the progress line follows those of this process), only when each is done.
    """
    rank = {name: i for i, name in enumerate(DEAREST_FIRST)}
    left = sorted(range(len(names)), key=lambda i: (rank.get(names[i], len(rank)), i))
    results: dict[str, Any] = {}
    lock = threading.Lock()
    running: list[int] = []  # the analysis the worker runs now, by its number
    failed: list[BaseException] = []  # what the worker's analysis raised
    stop = multiprocessing.get_context("spawn").Event()
    side = Workers(cancel)
    side.start(1, _side_begin, (stop,))

    def cancelled() -> bool:
        return cancel is not None and cancel.is_set()

    def take() -> int | None:
        with lock:
            return left.pop(0) if left and not (cancelled() or stop.is_set()) else None

    def finish(name: str, result: Any) -> None:
        with lock:
            results[name] = result
            if progress is not None:
                progress(len(results), len(names))

    def kwargs_of(name: str) -> dict[str, Any]:
        kwargs = dict((options or {}).get(name, {}))
        kwargs["baseline"] = baseline
        if "workers" in inspect.signature(ANALYSES[name].core).parameters:
            kwargs.setdefault("workers", 1)  # both cores are busy already: no pool of its own
        return kwargs

    def feed() -> None:  # in a thread: the worker takes the dearest analysis left when free
        try:
            feed_all()
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            failed.append(exc)

    def feed_all() -> None:
        while (number := take()) is not None:
            name = names[number]
            running[:] = [number]
            answer = side.wait(side.submit(_side_run, name, scenario, objective, kwargs_of(name)))
            running.clear()
            if answer is None:  # cancelled: the worker is told to stop its analysis
                stop.set()
                return
            finish(name, answer)

    number = take()  # the dearest is this process's: it starts now, the worker once spawned
    feeder = threading.Thread(target=feed, name="brief-side", daemon=True)
    feeder.start()
    try:
        while number is not None:
            name = names[number]
            kwargs = kwargs_of(name)
            if announce is not None:
                work = announce(_words(names, number))
                if work is not None:
                    kwargs["progress"] = work
            finish(name, ANALYSES[name].core(scenario, objective, cancel=cancel, **kwargs))
            number = take()
        meanwhile()  # the options' solves, while the worker finishes
        told: int | None = None
        while feeder.is_alive():  # this process is done: say what the worker still runs
            now = running[0] if running else None
            if announce is not None and now is not None and now != told:
                announce(_words(names, now))
                told = now
            feeder.join(0.1)
    except BaseException:
        stop.set()  # this process's analysis failed: the worker's is not waited for
        raise
    finally:
        if cancelled():
            stop.set()
        feeder.join()
        side.close(cancel=stop.is_set())
    if failed:
        raise failed[0]
    for name in names:
        if name in results:
            done.results[name] = results[name]


_SIDE_STOP: threading.Event | None = None


def _side_begin(stop: Any) -> None:
    """In the worker: a Cancel of this process, set when the brief's `stop` is."""
    global _SIDE_STOP
    _SIDE_STOP = threading.Event()
    local = _SIDE_STOP

    def watch() -> None:
        stop.wait()
        local.set()

    threading.Thread(target=watch, name="brief-side-stop", daemon=True).start()


def _side_run(name: str, scenario: Scenario, objective: str | None, kwargs: dict[str, Any]) -> Any:
    """In the worker: one analysis, its Cancel the brief's."""
    return ANALYSES[name].core(scenario, objective, cancel=_SIDE_STOP, **kwargs)


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
    feasibility for every nation, some costs unsettled; the odds' share over enough of the
    first draws): shown, with what is missing said."""
    return bool(getattr(result, "feasibility_complete", False)) or bool(
        getattr(result, "share_stands", False)
    )


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
