"""Answer many withdrawn sets at once: screen, infer, then solve what is left.

For each set of absent nations:
1. a cheap check (:class:`~planner.analyses.screen.Screen`) may prove no plan;
2. answers for sets with fewer absent nations may decide it. Call a nation
   *free* when it is not committed and has no locks; leaving free nations
   out only removes plans. So if a set S is infeasible and this set lacks
   only free nations more, it is infeasible too; and for ``min_cost`` (whose
   cost does not depend on who is declined), if S's optimal plan uses none
   of the free nations this set lacks more, that plan is optimal here too.
   When only feasibility is asked, any plan found so far that meets every
   rule of this set (checked with :func:`planner.evaluate.violations`)
   answers it;
3. otherwise one :class:`~planner.analyses.participation.ParticipationModel`
   solves it, in this process or in worker processes, starting from the
   best plan found so far that meets every rule of this set, if any (on the
   default scenario's draws this hardly ever exists: such plans use nearly
   every nation).

Sets go in waves by the number of absent nations, fewest first, and a wave
uses only the answers of earlier waves (sets of equal size cannot decide
one another anyway). Within a wave the solves are independent, so worker
processes can share them, and every answer is the same whatever ``workers``
is and however the processes are timed: each solve starts cold, and step 2
picks the first matching earlier set in a fixed order. Only the counts in
:class:`Work` vary. Worker processes pay only when enough solving is left
(:data:`PARALLEL_SECONDS`); docs/performance.md has the measurements.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from planner.analyses.participation import Answer, ParticipationModel, withdrawn
from planner.analyses.screen import Screen
from planner.evaluate import Allocation, objective_value, violations
from planner.model import Scenario

PARALLEL_SECONDS = 3.0
"""Estimated solving left (s) above which `workers=None` starts worker processes."""
BATCH = 4
"""Sets per job sent to a worker: small, so Cancel is felt within a few solves."""
PROBE = 3
"""Sets solved in this process before deciding on workers (to time one solve)."""
COST_KEEPS = ("min_cost",)
"""Objectives whose value of a plan does not depend on which nations are declined."""

OnAnswer = Callable[[frozenset[str], Answer], None]
Job = tuple[frozenset[str], Allocation | None]
"""A set of absent nations to solve, with a plan to start from (or None)."""


@dataclass
class Work:
    """How the answers were reached: sets screened, inferred and solved."""

    sets: int = 0
    screened: int = 0
    inferred: int = 0
    solves: int = 0
    workers: int = 1
    solve_seconds: float = 0.0


class _Inference:
    """Answers of earlier waves, as bitmasks over nations, and what follows from them."""

    def __init__(self, scenario: Scenario, screen: Screen, objective: str | None) -> None:
        self.scenario = scenario
        self.bit = {n.code: 1 << i for i, n in enumerate(scenario.nations)}
        self.free = sum(self.bit[c] for c in screen.free)
        self.objective = objective
        self.carry_plans = objective is None or objective in COST_KEEPS
        self.infeasible: list[int] = []
        self.plans: list[tuple[int, int, Answer]] = []  # (absent, nations used, answer)

    def mask(self, codes: frozenset[str] | set[str]) -> int:
        return sum(self.bit[c] for c in codes)

    def decide(self, absent: frozenset[str]) -> Answer | None:
        m = self.mask(absent)
        for s in self.infeasible:  # absent there too, and what is missing more is free
            if m & s == s and (m & ~s & ~self.free) == 0:
                return Answer("infeasible", solved=False)
        carried = self.plans if self.carry_plans else []
        for s, used, answer in carried:  # that plan does not need what is missing more
            if (
                m & s == s
                and (m & ~s & ~self.free) == 0
                and m & used == 0
                and self._holds(absent, answer)
            ):
                return Answer(
                    answer.status, answer.allocation, answer.objective_value, solved=False
                )
        if self.objective is None:  # any plan that meets every rule here answers "is there one?"
            for _, used, answer in self.plans:
                if used & m == 0 and self._holds(absent, answer):
                    return Answer(answer.status, answer.allocation, None, solved=False)
        return None

    def start(self, absent: frozenset[str]) -> Allocation | None:
        """The best plan found so far that holds with `absent` withdrawn, to start from.

        Any plan that uses none of the absent nations is a candidate; it must
        meet every rule of this set's scenario. Best by the objective on that
        scenario; the earliest on a tie.
        """
        m = self.mask(absent)
        scenario = withdrawn(self.scenario, absent)
        best: tuple[float, Allocation] | None = None
        for _, used, answer in self.plans:
            if used & m or answer.allocation is None:
                continue
            value = objective_value(scenario, answer.allocation, self.objective or "min_cost")
            if (best is None or value < best[0]) and not violations(scenario, answer.allocation):
                best = (value, answer.allocation)
        return None if best is None else best[1]

    def _holds(self, absent: frozenset[str], answer: Answer) -> bool:
        """Belt and braces: the carried plan meets every rule of the withdrawn scenario."""
        assert answer.allocation is not None
        return not violations(withdrawn(self.scenario, absent), answer.allocation)

    def learn(self, absent: frozenset[str], answer: Answer) -> None:
        if answer.status == "infeasible":
            self.infeasible.append(self.mask(absent))
        elif answer.status == "optimal" and answer.allocation is not None:
            used = self.mask({code for (code, _), k in answer.allocation.items() if k})
            self.plans.append((self.mask(absent), used, answer))


class _Solvers:
    """A model in this process, and worker processes once they pay."""

    def __init__(
        self,
        scenario: Scenario,
        objective: str | None,
        time_limit: float | None,
        workers: int | None,
        cancel: threading.Event | None,
        work: Work,
    ) -> None:
        self.args = (scenario, objective, time_limit)
        self.asked, self.cancel, self.work = workers, cancel, work
        self.model: ParticipationModel | None = None
        self.pool: ProcessPoolExecutor | None = None

    def solve(self, jobs: list[Job], left: int, done: OnAnswer) -> list[Answer]:
        """Answers for `jobs`, in order; shorter when cancelled. `left`: sets after these.

        `done` hears each answer as soon as it is in (for progress).
        """
        answers: list[Answer] = []
        for absent, start in jobs:
            if self.pool is None and self._wants_pool(len(jobs) - len(answers) + left):
                self._start_pool()
            if self.pool is not None:
                return answers + self._solve_in_pool(jobs[len(answers) :], done)
            if self.cancel is not None and self.cancel.is_set():
                return answers
            if self.model is None:
                self.model = ParticipationModel(*self.args, cancel=self.cancel)
            answer = self.model.solve(absent, start)
            self.work.solve_seconds = self.model.solve_seconds
            if answer.status == "cancelled":
                return answers
            answers.append(answer)
            done(absent, answer)
        return answers

    def _wants_pool(self, left: int) -> bool:
        if self.asked is not None:
            return self.asked > 1
        if getattr(sys, "frozen", False) or self.model is None or self.model.solves < PROBE:
            return False  # a frozen bundle cannot start workers without freeze_support
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        if (cores or 1) < 2:
            return False
        return self.model.solve_seconds / self.model.solves * left > PARALLEL_SECONDS

    def _start_pool(self) -> None:
        """Spawned (not forked) workers: the GUI runs analyses beside Qt's threads."""
        count = self.asked if self.asked is not None else 2
        self.work.workers = count
        self.pool = ProcessPoolExecutor(
            count,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=self.args,
        )

    def _solve_in_pool(self, jobs: list[Job], done: OnAnswer) -> list[Answer]:
        assert self.pool is not None
        batches = [jobs[i : i + BATCH] for i in range(0, len(jobs), BATCH)]
        futures = [self.pool.submit(_solve_batch, batch) for batch in batches]
        answers: list[Answer] = []
        for future, batch in zip(futures, batches, strict=True):
            while not future.done():
                if self.cancel is not None and self.cancel.is_set():
                    self.close(cancel=True)
                    return answers
                try:
                    future.result(timeout=0.1)
                except TimeoutError:
                    continue
            for (absent, _), answer in zip(batch, future.result(), strict=True):
                answers.append(answer)
                done(absent, answer)
        return answers

    def close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=not cancel, cancel_futures=True)
            self.pool = None


def resolve(
    scenario: Scenario,
    objective: str | None,
    sets: Sequence[frozenset[str]],
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    cancel: threading.Event | None = None,
    on_answer: OnAnswer | None = None,
) -> tuple[dict[frozenset[str], Answer], Work]:
    """An answer for each distinct set of absent nations (fewer if cancelled).

    `objective` None asks only whether a plan exists. `workers` 1 solves in
    this process; k > 1 uses k processes; None starts two when the solving
    left is estimated above :data:`PARALLEL_SECONDS` (and two cores exist).
    """
    screen = Screen(scenario)
    infer = _Inference(scenario, screen, objective)
    everyone = frozenset(n.code for n in scenario.nations)
    order = sorted(set(sets), key=lambda a: (len(a), sorted(a)))
    answers: dict[frozenset[str], Answer] = {}
    work = Work(sets=len(order))

    def record(absent: frozenset[str], answer: Answer) -> None:
        answers[absent] = answer
        work.solves += answer.solved
        if on_answer is not None:
            on_answer(absent, answer)

    remaining = []
    for absent in order:  # cheap checks first: they settle most Monte Carlo draws
        reason = screen.why_not(everyone - absent)
        if reason is None:
            remaining.append(absent)
        else:
            work.screened += 1
            record(absent, Answer("infeasible", reason=reason, solved=False))
    solvers = _Solvers(scenario, objective, time_limit, workers, cancel, work)
    try:
        left = len(remaining)
        for _, wave in itertools.groupby(remaining, key=len):
            group = list(wave)
            left -= len(group)
            todo: list[Job] = []
            for absent in group:
                decided = infer.decide(absent)
                if decided is None:
                    todo.append((absent, None if objective is None else infer.start(absent)))
                else:
                    work.inferred += 1
                    record(absent, decided)
            solved = solvers.solve(todo, left, record)
            if len(solved) < len(todo):
                break  # cancelled
            for (absent, _), answer in zip(todo, solved, strict=True):
                infer.learn(absent, answer)
    finally:
        solvers.close()
    return answers, work


_model: ParticipationModel | None = None


def _start_worker(scenario: Scenario, objective: str | None, time_limit: float | None) -> None:
    global _model
    _model = ParticipationModel(scenario, objective, time_limit)


def _solve_batch(batch: list[Job]) -> list[Answer]:
    assert _model is not None
    return [_model.solve(absent, start) for absent, start in batch]
