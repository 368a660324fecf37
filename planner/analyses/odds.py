"""Odds by status: Monte Carlo over which nations take part.

Each draw decides, nation by nation, whether it is *available*: a nation
that is not declined is available with the probability of its status
(committed 1.0, likely 0.8, possible 0.4 unless set otherwise); declined
nations never are. A nation that is not available is withdrawn as in the
withdrawal analysis (declined, locks dropped); an available one keeps its
status, so the optimiser may still leave a likely or possible nation out.
Each draw is then the question "is there a plan, and what is the best?".

What is reported (docs/decisions.md):
- ``feasible_share``: share of draws with a plan meeting every rule;
- ``total``: deployed troops of the optimal plan (same objective as the
  scenario) over the feasible draws: min, p10, median, p90, max, mean and a
  histogram of ten equal bins over the target band;
- per requirement: ``met_share``, the share of all draws in which the
  available nations offer at least its min (each nation's offer of a
  deployed unit capped by what its ceiling allows), and ``mean_ratio``,
  the mean of offered / min over all draws;
- per nation: the share of draws it was available and the share of
  feasible draws in which the optimal plan uses it.
Every share comes with its 95% Wilson interval (:mod:`planner.analyses.shares`).

Whether a force exists (feasible share, coverage, availability) is settled
for every draw, asking only for feasibility. The figures that need a draw's
optimal plan (its troops, the objective value, the nations used) are taken
over a fixed random sample: the first ``plan_draws`` feasible draws in draw
order (``plan_draws`` in the JSON says how many; their intervals use that
count). ``plan_draws=None`` ("all") answers every draw with the objective in
one pass, as before the sample.

Draws come from ``random.Random(seed)``: for each draw, one ``random()``
per nation not declined, in scenario order; the nation is available when
that number is below its probability. Same scenario, settings and seed,
same numbers. Draws with the same available nations share one answer, and
most are settled without a solver (:mod:`planner.analyses.resolve`).

Draws are settled in draw order, however quick each is to answer. The
draws are independent, so the first k are a uniform random sample of all:
a cancelled run reports exactly the first k draws, all settled, and its
shares estimate the same quantities as the full run's (with wider
intervals); they equal a full run of k draws with the same seed.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.analyses import (
    DEFAULT_DRAWS,
    DEFAULT_PLAN_DRAWS,
    DEFAULT_PROBABILITIES,
    MAX_DRAWS,
)
from planner.analyses.participation import Answer
from planner.analyses.resolve import Work, resolve
from planner.analyses.screen import Screen
from planner.analyses.shares import Share
from planner.result.document import PlanResult
from planner.scenario.evaluate import evaluate
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan as Allocation

HISTOGRAM_BINS = 10
SAMPLE_IN_PROCESS = 16
"""A sample of at most this many sets is solved in this process unless workers are asked for,
and so is the feasibility of every draw (its solves take hundredths of a second and most sets
are inferred): starting two worker processes (imports, the model built in each) cost more than
they saved (40x24 whole process: 4.6 s CPU in one process, 6.4-7.1 s with two)."""

Progress = Callable[[int, int], None]


PARTIAL_DRAWS = 100
"""Draws settled, at least, before a run cut short (time limit, Cancel) is quoted: at 100 the
95% interval of a share is at most about 19 points wide. On the Paris default a 90 s cut
settled 244 of 1,000 draws (84 solves of about 1 s), where the whole run needs about 6 min."""


@dataclass(frozen=True)
class Distribution:
    """Nearest-rank percentiles of a list of numbers, with an optional histogram.

    `histogram` is a list of (low, high, count): equal bins from low to high,
    each holding low <= value < high, the last one also value == high.
    """

    count: int
    min: float
    p10: float
    median: float
    p90: float
    max: float
    mean: float
    histogram: tuple[tuple[float, float, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            key: _number(getattr(self, key))
            for key in ("count", "min", "p10", "median", "p90", "max", "mean")
        }
        if self.histogram:
            out["histogram"] = [
                {"low": _number(lo), "high": _number(hi), "count": n}
                for lo, hi, n in self.histogram
            ]
        return out


def distribution(
    values: Sequence[float], band: tuple[float, float] | None = None
) -> Distribution | None:
    """The distribution of `values` (None when empty); a histogram over `band` if given."""
    if not values:
        return None
    ordered = sorted(values)

    def rank(q: float) -> float:
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)]

    histogram: tuple[tuple[float, float, int], ...] = ()
    if band is not None:
        histogram = _histogram(ordered, band)
    return Distribution(
        len(ordered),
        ordered[0],
        rank(0.1),
        rank(0.5),
        rank(0.9),
        ordered[-1],
        round(math.fsum(ordered) / len(ordered), 6),
        histogram,
    )


def _histogram(
    ordered: list[float], band: tuple[float, float]
) -> tuple[tuple[float, float, int], ...]:
    low, high = band
    if high <= low:
        return ((low, high, len(ordered)),)
    width = (high - low) / HISTOGRAM_BINS
    counts = [0] * HISTOGRAM_BINS
    for value in ordered:
        counts[min(HISTOGRAM_BINS - 1, max(0, int((value - low) // width)))] += 1
    edges = [low + i * width for i in range(HISTOGRAM_BINS)] + [high]
    return tuple((edges[i], edges[i + 1], counts[i]) for i in range(HISTOGRAM_BINS))


@dataclass(frozen=True)
class RequirementOdds:
    """How often the available nations could meet one requirement's min, on offer."""

    unit_type: str
    min: int
    max: int | None
    met: Share  # draws in which the min is on offer, of the draws settled
    mean_ratio: float | None  # None when min is 0
    offered: Distribution | None

    @property
    def met_share(self) -> float:
        return self.met.value or 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit_type": self.unit_type,
            "min": self.min,
            "max": self.max,
            "met_share": self.met_share,
            "met_share_ci": self.met.interval_dict(),
            "mean_ratio": self.mean_ratio,
            "offered": None if self.offered is None else self.offered.to_dict(),
        }


@dataclass(frozen=True)
class NationOdds:
    """One nation's chance of being available, and of being used when a plan exists.

    `available`: draws in which it is available, of the draws settled;
    `used`: feasible draws whose optimal plan has a unit of it, of the
    feasible draws (None without totals: feasibility only).
    """

    code: str
    status: str
    probability: float
    available: Share
    used: Share | None

    @property
    def available_share(self) -> float:
        return self.available.value or 0.0

    @property
    def used_share(self) -> float | None:
        return None if self.used is None else self.used.value

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "status": self.status,
            "probability": self.probability,
            "available_share": self.available_share,
            "available_share_ci": self.available.interval_dict(),
            "used_share": self.used_share,
            "used_share_ci": None if self.used is None else self.used.interval_dict(),
        }


@dataclass
class OddsAnalysis:
    """The Monte Carlo's numbers over the first `draws_done` draws, all settled.

    `draws_done` < `draws` only when cancelled; the draws settled are then
    the first ones in draw order, a uniform random sample of the `draws`,
    so every share is an estimate of the same quantity as a full run's, with
    a wider interval. `answers` holds each set's answer (not in the JSON).
    """

    scenario: Scenario
    objective: str | None  # None: feasibility only, no totals
    draws: int
    seed: int
    probabilities: dict[str, float]
    draws_done: int = 0
    feasible_draws: int = 0
    infeasible_draws: int = 0
    unknown_draws: int = 0  # a time limit ended a solve before any plan was found
    total: Distribution | None = None
    objective_value: Distribution | None = None
    requirements: list[RequirementOdds] = field(default_factory=list)
    nations: list[NationOdds] = field(default_factory=list)
    distinct_sets: int = 0
    plan_draws: int = 0  # feasible draws the figures of the optimal plan were taken over
    plan_sample: int | None = None  # K asked (the first K feasible draws); None: all of them
    plan_sets: int = 0  # sets solved again for the sample's optimal plans (0: one pass)
    complete: bool = True
    seconds: float = 0.0
    work: Work = field(default_factory=Work)
    answers: Mapping[frozenset[str], Answer] = field(default_factory=dict, repr=False)
    plan_answers: Mapping[frozenset[str], Answer] = field(default_factory=dict, repr=False)

    @property
    def share_stands(self) -> bool:
        """Whether the feasible share can be quoted: every draw settled, or at least
        :data:`PARTIAL_DRAWS` (the first draws are a uniform random sample of all, so a
        cut run's share estimates the same quantity, with its wider interval)."""
        return self.draws_done >= min(self.draws, PARTIAL_DRAWS)

    @property
    def plans_cut(self) -> bool:
        """Cancelled after every draw was settled, while the sample's plans were solved."""
        return not self.complete and self.draws_done == self.draws

    @property
    def sampled(self) -> bool:
        """Were the optimal plans' figures taken over fewer than all the feasible draws?"""
        return self.objective is not None and self.plan_draws < self.feasible_draws

    @property
    def feasible(self) -> Share:
        """Feasible draws of those settled; the undecided ones widen the interval."""
        return Share(self.feasible_draws, self.draws_done, self.unknown_draws)

    @property
    def feasible_share(self) -> float | None:
        return self.feasible.value

    def to_dict(self) -> dict[str, Any]:
        """The JSON document: only numbers that the seed fixes (no timings, no solve counts)."""
        return {
            "analysis": "odds",
            "scenario": self.scenario.name,
            "objective": self.objective,
            "draws": self.draws,
            "draws_done": self.draws_done,
            "seed": self.seed,
            "probabilities": dict(self.probabilities),
            "complete": self.complete,
            "feasible_share": self.feasible_share,
            "feasible_share_ci": self.feasible.interval_dict(),
            "feasible_draws": self.feasible_draws,
            "infeasible_draws": self.infeasible_draws,
            "unknown_draws": self.unknown_draws,
            "distinct_sets": self.distinct_sets,
            "plan_draws": None if self.objective is None else self.plan_draws,
            "plan_draws_asked": None
            if self.objective is None
            else ("all" if self.plan_sample is None else self.plan_sample),
            "total": None if self.total is None else self.total.to_dict(),
            "objective_value": None
            if self.objective_value is None
            else self.objective_value.to_dict(),
            "requirements": [r.to_dict() for r in self.requirements],
            "nations": [n.to_dict() for n in self.nations],
        }


def probabilities_with(overrides: Mapping[str, float | None] | None = None) -> dict[str, float]:
    """The default probability per status, with `overrides` (0..1) applied."""
    out = dict(DEFAULT_PROBABILITIES)
    for status, value in (overrides or {}).items():
        if value is None:
            continue
        if status not in out:
            raise ValueError(f"no probability for status {status!r}; choose from {', '.join(out)}")
        if isinstance(value, bool) or not 0.0 <= float(value) <= 1.0:
            raise ValueError(f"probability for {status} must be between 0 and 1, not {value!r}")
        out[status] = float(value)
    return out


def draw_absences(
    scenario: Scenario, probabilities: Mapping[str, float], draws: int, seed: int
) -> list[frozenset[str]]:
    """For each draw, the nations (not declined) that are not available."""
    rng = random.Random(seed)
    open_nations = [
        (n.code, probabilities[n.status]) for n in scenario.nations if n.status != "declined"
    ]
    out = []
    for _ in range(draws):
        absent = []
        for code, p in open_nations:
            if not rng.random() < p:
                absent.append(code)
        out.append(frozenset(absent))
    return out


def analyse_odds(
    scenario: Scenario,
    objective: str | None = None,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    probabilities: Mapping[str, float | None] | None = None,
    feasibility_only: bool = False,
    plan_draws: int | None = DEFAULT_PLAN_DRAWS,
    baseline: PlanResult | None = None,  # unused: every draw is its own scenario
    time_limit: float | None = None,
    workers: int | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> OddsAnalysis:
    """Monte Carlo over participation; see the module docstring for every number.

    `probabilities` overrides the defaults by status (keys committed, likely,
    possible; values 0..1; ValueError otherwise). `feasibility_only` skips the
    optimal plans: only the feasible share, coverage and availability are
    reported. `plan_draws` K: the figures of the optimal plan (troops, value,
    used) are taken over the first K feasible draws in draw order, after
    feasibility is settled for every draw; None takes every feasible draw in
    one pass (the figures before sampling, exactly). `time_limit` applies to
    each solve. `progress(done, total)` counts work (sets to solve or infer;
    see :func:`resolve`), not draws. Draws are settled in draw order; when
    `cancel` is set the analysis stops and reports the first draws, all
    settled (``complete`` False), and the sampled plans settled by then.
    """
    if isinstance(draws, bool) or not 1 <= draws <= MAX_DRAWS:
        raise ValueError(f"draws must be a whole number from 1 to {MAX_DRAWS:,}, not {draws!r}")
    if plan_draws is not None and (
        isinstance(plan_draws, bool) or not isinstance(plan_draws, int) or plan_draws < 1
    ):
        raise ValueError(f"plan draws must be a whole number from 1 up, or all, not {plan_draws!r}")
    start = time.perf_counter()
    p = probabilities_with(probabilities)
    goal = None if feasibility_only else (objective or scenario.objective)
    absences = draw_absences(scenario, p, draws, seed)
    if goal is None or plan_draws is None:  # one pass: every draw with the question asked
        answers, work = resolve(
            scenario,
            goal,
            absences,  # in draw order: whatever is settled first is a random sample
            time_limit=time_limit,
            workers=workers,
            cancel=cancel,
            progress=progress,
        )
        settled = settled_draws(absences, answers)
        analysis = summarise(scenario, goal, draws, seed, p, settled, answers)
        analysis.work = work
    else:
        analysis = _sampled(
            scenario,
            goal,
            draws,
            seed,
            p,
            absences,
            plan_draws,
            time_limit,
            workers,
            cancel,
            progress,
        )
    if goal is not None:
        analysis.plan_sample = plan_draws
    analysis.seconds = time.perf_counter() - start
    return analysis


def _sampled(
    scenario: Scenario,
    goal: str,
    draws: int,
    seed: int,
    p: dict[str, float],
    absences: list[frozenset[str]],
    plan_draws: int,
    time_limit: float | None,
    workers: int | None,
    cancel: threading.Event | None,
    progress: Progress | None,
) -> OddsAnalysis:
    """Feasibility of every draw, then the optimal plans of the first `plan_draws` feasible ones.

    Progress: the first pass's units plus `plan_draws` (the most the second
    can need) until the sample is known, then the second pass's own units.
    """
    first = _Phase(progress, plan_draws)
    answers, work = resolve(
        scenario,
        None,
        absences,
        time_limit=time_limit,
        workers=1 if workers is None else workers,  # see SAMPLE_IN_PROCESS
        cancel=cancel,
        progress=first.report,
    )
    settled = settled_draws(absences, answers)
    sample = plan_sample(settled, answers, plan_draws)
    plans: dict[frozenset[str], Answer] = {}
    plan_sets = 0
    cancelled = cancel is not None and cancel.is_set()
    if sample and not cancelled:

        def hint(absent: frozenset[str]) -> Allocation | None:
            return answers[absent].allocation  # a plan of this very set: a start

        second = _Phase(progress, 0, offset=work.sets - work.screened)
        few = workers is None and len(set(sample)) <= SAMPLE_IN_PROCESS
        plans, more = resolve(
            scenario,
            goal,
            sample,
            time_limit=time_limit,
            workers=1 if few else workers,
            cancel=cancel,
            progress=second.report,
            hint=hint,
        )
        work = _added(work, more)
        plan_sets = more.sets
    elif progress is not None and not cancelled:  # no second pass: the first one's was all
        units = work.sets - work.screened
        progress(units or 1, units or 1)
    sampled = settled_draws(sample, plans)
    analysis = summarise(
        scenario, goal, draws, seed, p, settled, answers, plan_settled=sampled, plan_answers=plans
    )
    analysis.work = work
    analysis.plan_sets = plan_sets
    analysis.complete = analysis.complete and len(sampled) == len(sample)
    return analysis


class _Phase:
    """One pass's progress, shifted by `offset` units and padded by `later` units to come."""

    def __init__(self, progress: Progress | None, later: int, offset: int = 0) -> None:
        self.progress, self.later, self.offset = progress, later, offset
        self.units: int | None = None

    def report(self, done: int, total: int) -> None:
        if self.units is None:  # the first call: (0, units), or (1, 1) for no units at all
            self.units = 0 if (done, total) == (1, 1) else total
        if self.progress is None:
            return
        if not self.units:
            done = total = 0
        if self.offset + total + self.later:
            self.progress(self.offset + done, self.offset + total + self.later)
        else:
            self.progress(1, 1)


def _added(a: Work, b: Work) -> Work:
    return Work(
        a.sets + b.sets,
        a.screened + b.screened,
        a.inferred + b.inferred,
        a.solves + b.solves,
        max(a.workers, b.workers),
        a.solve_seconds + b.solve_seconds,
    )


def plan_sample(
    settled: Sequence[frozenset[str]], answers: Mapping[frozenset[str], Answer], k: int | None
) -> list[frozenset[str]]:
    """The first `k` feasible draws of `settled`, in draw order (all of them when `k` is None)."""
    feasible = [absent for absent in settled if answers[absent].has_plan]
    return feasible if k is None else feasible[:k]


def settled_draws(
    absences: Sequence[frozenset[str]], answers: Mapping[frozenset[str], Answer]
) -> Sequence[frozenset[str]]:
    """The longest run of first draws that all have an answer (all of them unless cancelled)."""
    for index, absent in enumerate(absences):
        answer = answers.get(absent)
        if answer is None or answer.status == "cancelled":
            return absences[:index]
    return absences


def summarise(
    scenario: Scenario,
    objective: str | None,
    draws: int,
    seed: int,
    probabilities: dict[str, float],
    settled: Sequence[frozenset[str]],
    answers: Mapping[frozenset[str], Answer],
    *,
    plan_settled: Sequence[frozenset[str]] | None = None,
    plan_answers: Mapping[frozenset[str], Answer] | None = None,
) -> OddsAnalysis:
    """The numbers over the draws `settled` (the first of `draws`), from each set's answer.

    The figures of the optimal plan are taken over `plan_settled` (draws
    answered in `plan_answers`); by default over every draw of `settled`
    whose answer in `answers` has a plan.
    """
    analysis = OddsAnalysis(scenario, objective, draws, seed, probabilities, answers=answers)
    analysis.complete = len(settled) == draws
    analysis.draws_done = n = len(settled)
    analysis.distinct_sets = len(set(settled))
    screen = Screen(scenario)
    everyone = frozenset(nat.code for nat in scenario.nations)
    available = {code: 0 for code in everyone}
    offered: dict[str, list[int]] = {uid: [] for uid in scenario.requirements}
    for absent in settled:
        answer = answers[absent]
        for code in everyone - absent:
            available[code] += scenario.nation(code).status != "declined"
        for uid, count in screen.offered_units(everyone - absent).items():
            offered[uid].append(count)
        if answer.has_plan:
            analysis.feasible_draws += 1
        elif answer.status == "infeasible":
            analysis.infeasible_draws += 1
        else:
            analysis.unknown_draws += 1
    if plan_settled is None or plan_answers is None:
        plan_settled, plan_answers = plan_sample(settled, answers, None), answers
    analysis.plan_answers = plan_answers
    totals, values = [], []
    used = {code: 0 for code in everyone}
    for absent in plan_settled:
        answer = plan_answers[absent]
        if not answer.has_plan or answer.allocation is None:
            continue
        analysis.plan_draws += 1
        plan = evaluate(scenario, answer.allocation)
        totals.append(plan.total_troops)
        if answer.objective_value is not None:
            values.append(answer.objective_value)
        for code, taking_part in plan.participating.items():
            used[code] += taking_part
    if objective is not None:
        band = (float(scenario.target.min_troops), float(scenario.target.max_troops))
        analysis.total = distribution(totals, band)
        analysis.objective_value = distribution(values)
    analysis.requirements = [
        RequirementOdds(
            uid,
            req.min,
            req.max,
            Share(sum(c >= req.min for c in offered[uid]), n),
            round(math.fsum(c / req.min for c in offered[uid]) / n, 6) if n and req.min else None,
            distribution(offered[uid]),
        )
        for uid, req in scenario.requirements.items()
    ]
    sampled = analysis.plan_draws
    analysis.nations = []
    for nat in scenario.nations:
        chance = 0.0 if nat.status == "declined" else probabilities[nat.status]
        analysis.nations.append(
            NationOdds(
                nat.code,
                nat.status,
                chance,
                Share(available[nat.code], n, exact=chance in (0.0, 1.0)),
                None if objective is None else Share(used[nat.code], sampled, exact=chance == 0),
            )
        )
    return analysis


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)
