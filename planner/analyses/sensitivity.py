"""Sensitivity: how much each nation's ceiling and each requirement moves the objective.

Factors, each tried lowered and raised around the scenario as it is:
- the ceiling (max_troops) of each nation taking part in the baseline plan
  that offers troops on the ground, by `step` (default 20%) of it, rounded
  to whole troops; a lowered ceiling never goes below the nation's floor;
- the minimum of each requirement, by `units` (default 1); never below 0,
  and a raise that would pass the requirement's maximum stops at it.
Each variant is solved exactly with the same objective. A factor's swing is
the spread of the two objective values; a variant proved to have no plan
"breaks the force" and ranks its factor first. A variant a time limit left
without an answer is "undecided": its factor has no swing and ranks last.
Variants equal to the scenario (a floor or maximum in the way) are not
solved and say so. Cancelled, the factors varied so far are kept and
`planned` says how many there were to vary.

Speed: the variants share one model changed in place, and the cheap cases
that follow from the baseline or from plans found for earlier variants need
no solve (:mod:`planner.analyses.variants`). Variants are settled in blocks
of :data:`BLOCK`, each from what was known when its block began, so worker
processes (when asked for: spawned, not forked) may solve a block at once and
the answers do not depend on how many there are.
"""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from planner.analyses import DEFAULT_STEP, DEFAULT_UNITS
from planner.analyses.baseline import baseline_for
from planner.analyses.outcome import Outcome
from planner.analyses.variants import VariantAnswer, VariantModel
from planner.analyses.workers import Workers
from planner.errors import PlannerError
from planner.result.document import PlanResult
from planner.rules.objectives import objective_change
from planner.scenario.model import Requirement, Scenario

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Variant(Outcome):
    """One changed value and the answer to it."""

    setting: int
    status: str  # optimal | feasible | infeasible | unknown | cancelled | unchanged
    objective_value: float | None = None
    total_troops: int | None = None

    @property
    def feasible(self) -> bool:
        return self.status in ("optimal", "feasible", "unchanged")

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self) | {"feasible": self.feasible}


@dataclass(frozen=True)
class Factor:
    """A ceiling or a requirement, lowered and raised."""

    kind: str  # "ceiling" | "requirement"
    subject: str  # nation code or unit type id
    baseline_setting: int
    low: Variant
    high: Variant
    subject_name: str = ""  # the nation's or unit type's name, for people

    @property
    def label(self) -> str:
        """A short stable key: 'FR ceiling', 'aew_orbit min' (JSON, sorting)."""
        if self.kind == "ceiling":
            return f"{self.subject} ceiling"
        return f"{self.subject} min"

    @property
    def basis_key(self) -> str:
        """Where the scenario's provenance names the basis of this figure."""
        if self.kind == "ceiling":
            return f"nation.{self.subject}.max_troops"
        return f"requirement.{self.subject}"

    def moves(self, baseline: float) -> bool:
        """Whether changing it breaks the force or moves the objective (decided runs only)."""
        return not self.undecided and (self.breaks or any(c for c in self.changes(baseline) if c))

    @property
    def setting_word(self) -> str:
        return "ceiling" if self.kind == "ceiling" else "minimum"

    @property
    def title(self) -> str:
        """The factor in planner words: 'France ceiling', 'Armoured (tank) battalion minimum'."""
        return f"{self.subject_name or self.subject} {self.setting_word}"

    def changes(self, baseline: float) -> tuple[float | None, float | None]:
        """Objective change when lowered and when raised; None where that variant has no plan."""
        return tuple(  # type: ignore[return-value]
            None
            if not v.feasible
            else (baseline if v.objective_value is None else v.objective_value) - baseline
            for v in (self.low, self.high)
        )

    def change_text(self, baseline: float, objective: str = "") -> str:
        """'-362.5 / +362.5' (lowered / raised), 'no plan' for a variant without one; a
        change of least cost by the one rule for costs (`objective_change`)."""
        return " / ".join(
            "no plan" if d is None else "0" if d == 0 else objective_change(objective, d, 1)
            for d in self.changes(baseline)
        )

    @property
    def breaks(self) -> bool:
        return self.low.breaks or self.high.breaks

    @property
    def undecided(self) -> bool:
        """Neither side breaks, but a time limit left one without an answer."""
        return not self.breaks and (self.low.undecided or self.high.undecided)

    def swing(self, baseline: float) -> float:
        """Spread of the objective across low, baseline and high.

        inf when one side breaks the force; nan when a side is undecided
        (a time limit): its value is not known, so neither is the swing.
        """
        if self.breaks:
            return math.inf
        if self.undecided:
            return math.nan
        values = [baseline] + [
            baseline if v.objective_value is None else v.objective_value
            for v in (self.low, self.high)
        ]
        return max(values) - min(values)

    def to_dict(self, baseline: float) -> dict[str, Any]:
        swing = self.swing(baseline)
        return {
            "factor": self.label,
            "kind": self.kind,
            "subject": self.subject,
            "baseline_setting": self.baseline_setting,
            "low": self.low.to_dict(),
            "high": self.high.to_dict(),
            "breaks_force": self.breaks,
            "undecided": self.undecided,
            "swing": None if not math.isfinite(swing) else swing,
        }


@dataclass
class SensitivityAnalysis:
    scenario: Scenario
    objective: str
    step: float
    units: int
    baseline_status: str
    baseline_value: float | None
    factors: list[Factor] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    planned: int = 0  # factors to vary; len(factors) < planned only when cancelled
    solves: int = 0  # variants that needed a solver (cheap cases settle the rest)
    baseline: PlanResult | None = field(default=None, repr=False, compare=False)
    """The plan the variants were measured against (the brief checks it is its own)."""

    def ranked(self) -> list[Factor]:
        """Factors that break the force first, then by swing, largest first; undecided last."""
        base = self.baseline_value or 0.0

        def key(f: Factor) -> tuple[bool, float, str]:
            return f.undecided, 0.0 if f.undecided else -f.swing(base), f.label

        return sorted(self.factors, key=key)

    def assumptions_of(self, factor: Factor) -> list[str]:
        """Ids of the planning assumptions (not references) behind `factor`'s figure."""
        provenance = self.scenario.provenance
        if provenance is None:
            return []
        return [i for i in provenance.basis_of(factor.basis_key) if provenance.assumption(i)]

    def moving_assumptions(self) -> dict[str, list[str]]:
        """Factor title -> assumption ids, for the factors that move the result."""
        base = self.baseline_value or 0.0
        found = {f.title: self.assumptions_of(f) for f in self.ranked() if f.moves(base)}
        return {title: ids for title, ids in found.items() if ids}

    def to_dict(self) -> dict[str, Any]:
        base = self.baseline_value or 0.0
        return {
            "analysis": "sensitivity",
            "scenario": self.scenario.name,
            "objective": self.objective,
            "step": self.step,
            "units": self.units,
            "complete": not self.cancelled,
            "factors_planned": self.planned,
            "baseline": {"status": self.baseline_status, "objective_value": self.baseline_value},
            "factors": [
                f.to_dict(base) | {"assumptions": self.assumptions_of(f)} for f in self.ranked()
            ],
        }


def with_ceiling(scenario: Scenario, code: str, troops: int) -> Scenario:
    nations = tuple(
        dataclasses.replace(n, max_troops=troops) if n.code == code else n for n in scenario.nations
    )
    return dataclasses.replace(scenario, nations=nations)


def with_requirement_min(scenario: Scenario, unit_id: str, minimum: int) -> Scenario:
    requirements = dict(scenario.requirements)
    requirements[unit_id] = Requirement(minimum, requirements[unit_id].max)
    return dataclasses.replace(scenario, requirements=requirements)


def _changed(scenario: Scenario, kind: str, subject: str, setting: int) -> Scenario:
    if kind == "ceiling":
        return with_ceiling(scenario, subject, setting)
    return with_requirement_min(scenario, subject, setting)


def _ceiling_settings(scenario: Scenario, code: str, step: float) -> tuple[int, int, int]:
    nation = scenario.nation(code)
    now = nation.max_troops
    low = max(nation.min_troops, math.floor(now * (1 - step)))
    high = math.ceil(now * (1 + step))
    return now, low, high


def _requirement_settings(scenario: Scenario, unit_id: str, units: int) -> tuple[int, int, int]:
    req = scenario.requirements[unit_id]
    high = req.min + units if req.max is None else min(req.min + units, req.max)
    return req.min, max(0, req.min - units), high


def analyse_sensitivity(
    scenario: Scenario,
    objective: str | None = None,
    *,
    step: float = DEFAULT_STEP,
    units: int = DEFAULT_UNITS,
    baseline: PlanResult | None = None,
    time_limit: float | None = None,
    workers: int | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> SensitivityAnalysis:
    """Solve the baseline, then each factor lowered and raised (see the module docstring).

    `workers` k > 1 solves in k worker processes (spawned); None or 1 in
    this process. The answers are the same either way.
    """
    if not 0 < step < 1:
        raise PlannerError(f"the ceiling step must be between 0 and 1 (a share), not {step!r}")
    if isinstance(units, bool) or not 1 <= units <= 1000:
        raise PlannerError(f"the requirement step must be 1 to 1000 units, not {units!r}")
    start = time.perf_counter()
    objective = objective or scenario.objective
    base = baseline_for(scenario, objective, baseline, time_limit, cancel)
    analysis = SensitivityAnalysis(
        scenario,
        objective,
        step,
        units,
        base.status,
        base.objective_value if base.has_plan else None,
        baseline=base,
    )
    if not base.has_plan:
        analysis.cancelled = base.status == "cancelled"
        analysis.seconds = time.perf_counter() - start
        return analysis
    plan_nations = {key.nation for key, c in base.allocation.items() if c}
    deployed = {u.id for u in scenario.unit_types if u.deployed}
    jobs = [
        ("ceiling", n.code, _ceiling_settings(scenario, n.code, step))
        for n in scenario.nations
        if n.code in plan_nations and any(n.offer(u) for u in deployed)  # a ceiling can bind
    ] + [
        ("requirement", uid, _requirement_settings(scenario, uid, units))
        for uid in scenario.requirements
    ]
    analysis.planned = len(jobs)
    # work: the baseline, then one unit per variant that needs a solve (unchanged ones are free)
    total = 1 + sum((low != now) + (high != now) for _, _, (now, low, high) in jobs)
    done = 1
    if progress is not None:
        progress(done, total)

    shared = VariantModel(scenario, objective, base, time_limit, cancel)
    items = [
        (kind, subject, setting)
        for kind, subject, (now, low, high) in jobs
        for setting in (low, high)
        if setting != now
    ]
    answers: dict[tuple[str, str, int], VariantAnswer] = {}
    solvers = _Solvers(shared, (scenario, objective, base, time_limit), workers, cancel)

    def settled(item: tuple[str, str, int], answer: VariantAnswer) -> None:
        nonlocal done
        answers[item] = answer
        done += 1
        if progress is not None:
            progress(done, total)

    try:
        for first in range(0, len(items), BLOCK):
            block = items[first : first + BLOCK]
            if not _settle_block(scenario, block, len(items) - first, shared, solvers, settled):
                break  # cancelled
    finally:
        solvers.close()

    def variant(kind: str, subject: str, setting: int, now: int) -> Variant:
        if setting == now:
            return Variant(setting, "unchanged", base.objective_value, base.evaluation.total_troops)
        answer = answers.get((kind, subject, setting))
        if answer is None:
            return Variant(setting, "cancelled")
        if answer.status not in ("optimal", "feasible"):
            return Variant(setting, answer.status)
        return Variant(setting, answer.status, answer.objective_value, answer.total_troops)

    for kind, subject, (now, low, high) in jobs:
        low_variant = variant(kind, subject, low, now)
        high_variant = variant(kind, subject, high, now)
        if "cancelled" in (low_variant.status, high_variant.status):
            analysis.cancelled = True
            break
        name = scenario.nation(subject).name if kind == "ceiling" else scenario.unit(subject).name
        analysis.factors.append(Factor(kind, subject, now, low_variant, high_variant, name))
    analysis.solves = solvers.solves
    analysis.seconds = time.perf_counter() - start
    return analysis


BLOCK = 8
"""Variants settled at once: a solve starts only from plans known when its block began, so
the answers are the same whether the block's solves run here or in worker processes."""

Item = tuple[str, str, int]  # kind, subject, setting


def _settle_block(
    scenario: Scenario,
    block: list[Item],
    left: int,
    shared: VariantModel,
    solvers: _Solvers,
    settled: Callable[[Item, VariantAnswer], None],
) -> bool:
    """Settle `block` in order from what was known when it began; False when cancelled.

    Cheap cases first (:meth:`VariantModel.settled`), then the solves, each
    started from :meth:`VariantModel.start_for`; the plans they find are kept
    only once the whole block is answered.
    """
    todo: dict[Item, tuple[Scenario, dict | None]] = {}
    ready: dict[Item, VariantAnswer] = {}
    for item in block:
        changed = _changed(scenario, *item)
        answer = shared.settled(changed, *item)
        if answer is None:
            todo[item] = (changed, shared.start_for(changed, *item))
        else:
            ready[item] = answer
    futures = {}
    if todo and solvers.wants_pool(left):
        futures = {item: solvers.submit(item, start) for item, (_, start) in todo.items()}
    for item in block:
        answer = ready.get(item)
        if answer is None:
            changed, start = todo[item]
            future = futures.get(item)
            got = solvers.here(changed, item, start) if future is None else solvers.wait(future)
            if got is None or got.status == "cancelled":
                return False
            answer = ready[item] = got
            solvers.solves += got.runs
        settled(item, answer)
    for item in todo:  # known only now, so every solve of the block started alike
        shared.learn(*item, ready[item])
    return True


class _Solvers:
    """The shared model in this process, or worker processes when asked for."""

    def __init__(
        self,
        shared: VariantModel,
        args: tuple,
        workers: int | None,
        cancel: threading.Event | None,
    ) -> None:
        self.shared, self.args, self.asked, self.cancel = shared, args, workers, cancel
        self.workers = Workers(cancel)
        self.solves = 0

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def here(self, changed: Scenario, item: Item, start: dict | None) -> VariantAnswer | None:
        if self.cancelled:
            return None
        answer = self.shared.solve_from(changed, *item, start)
        return None if answer.status == "cancelled" else answer

    def wants_pool(self, left: int) -> bool:
        """Start workers now? `left`: variants still to settle (kept for a measured rule)."""
        if self.workers.started:
            return True
        # only when asked: measured on 2 shared cores, two workers never paid (docs/decisions.md)
        wanted = self.asked is not None and self.asked > 1
        if wanted:
            self.workers.start(self.asked or 2, _start_worker, self.args)
        return wanted

    def submit(self, item: Item, start: dict | None) -> Future[VariantAnswer]:
        return self.workers.submit(_solve_one, item, start)

    def wait(self, future: Future[VariantAnswer]) -> VariantAnswer | None:
        return self.workers.wait(future)

    def close(self, cancel: bool = False) -> None:
        self.workers.close(cancel)


_model: VariantModel | None = None


def _start_worker(
    scenario: Scenario, objective: str, base: PlanResult, time_limit: float | None
) -> None:
    global _model
    _model = VariantModel(scenario, objective, base, time_limit)


def _solve_one(item: Item, start: dict | None) -> VariantAnswer:
    assert _model is not None
    return _model.solve_from(_changed(_model.scenario, *item), *item, start)
