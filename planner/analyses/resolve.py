"""Answer many withdrawn sets at once: screen, infer, then solve what is left.

For each set of absent nations:
1. a cheap check (:class:`~planner.analyses.screen.Screen`) may prove no plan;
2. answers already solved may decide it. Call a nation *free* when it is
   not committed and has no locks; leaving free nations out only removes
   plans. So if a set S is infeasible and this set lacks only free nations
   more, it is infeasible too; and for ``min_cost`` (whose cost does not
   depend on who is declined), if S's optimal plan uses none of the free
   nations this set lacks more, that plan is optimal here too. When only
   feasibility is asked, any plan found so far that meets every rule of
   this set (checked with :func:`planner.scenario.evaluate.violations`) answers it,
   and so does such a plan with the absent nations' units handed to others
   (:func:`planner.analyses.withdrawal.handed_over`, checked the same way);
3. otherwise one :class:`~planner.analyses.participation.ParticipationModel`
   solves it, in this process or in worker processes, starting from the
   best plan found so far that meets every rule of this set, if any.

Every set is screened first (microseconds each); the sets the screen leaves
are settled *in the order the caller gives*, in blocks of :data:`BLOCK`.
Step 2 uses every answer solved before the set; step 3 starts only from
plans known when the block began. So worker processes can solve a block's
sets at once (dropping an answer an earlier one made unnecessary) and
every answer is the same whatever ``workers`` is and however the processes
are timed (each solve starts cold; step 2 picks the first matching earlier
set in a fixed order), and a run over the first sets of a longer list
answers them as the longer run does. Only the counts in :class:`Work` vary.

The order is the caller's business: the odds settle their draws in draw
order, so the draws settled when a run is cancelled are a random sample,
not the quick ones (docs/decisions.md). Progress counts work: a set the
screen settles costs nothing, each other set one unit. Worker processes
pay only when enough solving is left (:data:`PARALLEL_SECONDS`);
docs/performance.md has the measurements.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass

from planner.analyses.participation import Answer, ParticipationModel, withdrawn
from planner.analyses.screen import Screen
from planner.analyses.workers import Workers
from planner.optimise.solver import ABS_GAP
from planner.rules import violations
from planner.rules.objectives import OBJECTIVES, objective_value
from planner.scenario.evaluate import PlanEvaluation, evaluate
from planner.scenario.model import Scenario
from planner.scenario.plan import Plan as Allocation

PARALLEL_SECONDS = 3.0
"""Estimated solving left (s) above which `workers=None` starts worker processes."""
BLOCK = 8
"""Sets worker processes solve at once; a solve starts only from plans of earlier blocks."""
PROBE = 3
"""Sets solved in this process before deciding on workers (to time one solve)."""
HAND_TRIES = 3
"""Earlier plans whose units are handed over (feasibility only) before a set is solved."""

OnAnswer = Callable[[frozenset[str], Answer], None]
Progress = Callable[[int, int], None]
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
    """Answers of earlier blocks, as bitmasks over nations, and what follows from them."""

    def __init__(self, scenario: Scenario, screen: Screen, objective: str | None) -> None:
        self.scenario = scenario
        self.bit = {n.code: 1 << i for i, n in enumerate(scenario.nations)}
        self.free = sum(self.bit[c] for c in screen.free)
        self.objective = objective
        self.carry_plans = objective is None or OBJECTIVES[objective].keeps_with_fewer_nations
        self.infeasible: list[int] = []
        self.plans: list[tuple[int, int, Answer]] = []  # (absent, nations used, answer)
        self.handed = 0  # sets proved feasible by a plan with units handed over
        self._evaluated: dict[int, PlanEvaluation] = {}  # the plans' figures, for handing over

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
            return self._handed(absent, m)
        return None

    def _handed(self, absent: frozenset[str], m: int) -> Answer | None:
        """A plan found so far with the absent nations' units handed to others, if it holds.

        Tried on the :data:`HAND_TRIES` earlier plans that lose the fewest
        nations (the earliest first on a tie), handing units first to the
        plan's own nations, then to any available one; :func:`handed_over_to_anyone`
        checks the result with :func:`violations` on this set's scenario.
        """
        from planner.analyses.withdrawal import handed_over_to_anyone  # it imports this module

        ranked = sorted(range(len(self.plans)), key=lambda i: (_bits(self.plans[i][1] & m), i))
        for i in ranked[:HAND_TRIES]:
            answer = self.plans[i][2]
            assert answer.allocation is not None
            if i not in self._evaluated:
                self._evaluated[i] = evaluate(self.scenario, answer.allocation)
            moved = handed_over_to_anyone(
                self.scenario, answer.allocation, absent, self._evaluated[i]
            )
            if moved is not None:
                self.handed += 1
                return Answer(answer.status, moved, None, solved=False)
        return None

    def start(self, absent: frozenset[str], known: int) -> Allocation | None:
        """The best of the first `known` plans found that holds with `absent` withdrawn.

        The plan to start a solve from. Any plan that uses none of the absent
        nations is a candidate; it must meet every rule of this set's
        scenario. Best by the objective on that scenario; the earliest on a tie.
        """
        m = self.mask(absent)
        scenario = withdrawn(self.scenario, absent)
        best: tuple[float, Allocation] | None = None
        for _, used, answer in self.plans[:known]:
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
            used = self.mask({key.nation for key, k in answer.allocation.items() if k})
            self.plans.append((self.mask(absent), used, answer))


def _bits(mask: int) -> int:
    return bin(mask).count("1")


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
        self.workers = Workers(cancel)
        self.floor: float | None = None  # see resolve's `floor`
        self.free: frozenset[str] = frozenset()  # the nations whose absence only loses plans

    def at_floor(self, job: Job) -> Answer | None:
        """The job's start as the set's optimum, when it is worth the floor; else None."""
        absent, start = job
        scenario, objective = self.args[0], self.args[1]
        if self.floor is None or start is None or objective is None or absent - self.free:
            return None
        value = objective_value(withdrawn(scenario, absent), start, objective)
        if value > self.floor + ABS_GAP + 1e-9 * max(1.0, abs(self.floor)):
            return None
        return Answer("optimal", dict(start), value, solved=False)

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def here(self, job: Job) -> Answer | None:
        """Solve `job` in this process; None when cancelled."""
        if self.cancelled:
            return None
        if self.model is None:
            self.model = ParticipationModel(*self.args, cancel=self.cancel)
            self.model.floor, self.model.free = self.floor, self.free
        answer = self.model.solve(*job)
        self.work.solve_seconds = self.model.solve_seconds
        return None if answer.status == "cancelled" else answer

    def wants_pool(self, left: int) -> bool:
        """Start workers now? `left`: sets still to settle, this one included."""
        if self.workers.started:
            return True
        if self.asked is not None:
            wanted = self.asked > 1
        elif self.model is None or self.model.solves < PROBE:
            wanted = False
        elif _cores() < 2:
            wanted = False
        else:  # the sets left that will need a solve, at the rate of those settled so far
            settled = max(1, self.work.solves + self.work.inferred)
            needing = left * min(1.0, self.work.solves / settled)
            wanted = self.model.solve_seconds / self.model.solves * needing > PARALLEL_SECONDS
        if wanted:
            self._start_pool()
        return wanted

    def _start_pool(self) -> None:
        count = self.asked if self.asked is not None else 2
        self.work.workers = count
        self.workers.start(count, _start_worker, (*self.args, self.floor, self.free))

    def submit(self, job: Job) -> Future[Answer]:
        return self.workers.submit(_solve_one, job)

    def wait(self, future: Future[Answer]) -> Answer | None:
        """The answer of a job sent to a worker; None when cancelled first."""
        return self.workers.wait(future)

    def close(self, cancel: bool = False) -> None:
        self.workers.close(cancel)


def _cores() -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1


def resolve(
    scenario: Scenario,
    objective: str | None,
    sets: Sequence[frozenset[str]],
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    cancel: threading.Event | None = None,
    on_answer: OnAnswer | None = None,
    progress: Progress | None = None,
    hint: Callable[[frozenset[str]], Allocation | None] | None = None,
    given: Mapping[frozenset[str], Answer] | None = None,
    floor: float | None = None,
) -> tuple[dict[frozenset[str], Answer], Work]:
    """An answer for each distinct set of absent nations (fewer if cancelled).

    Sets are settled in the order given (a repeat adds nothing): every set
    is screened first, then the rest in blocks of :data:`BLOCK`, in order.
    `objective` None asks only whether a plan exists. `workers` 1 solves in
    this process; k > 1 uses k processes; None starts two when the solving
    left is estimated above :data:`PARALLEL_SECONDS` (and two cores exist).
    `progress(done, total)` counts work, not sets: each set the screen
    leaves (to infer or to solve) is one unit, a screened set none.
    `hint(absent)`, if given, is a plan that meets every rule with `absent`
    withdrawn (or None), to start a solve from when no earlier plan does;
    it must depend on `absent` alone, so the answers stay the same.
    `given`: answers already known (a set proved infeasible by a feasibility-only pass, say),
    taken as if solved at their place in the order, so the other answers are the same as
    when they are solved again.
    `floor`: the optimum with every nation, by an objective a plan keeps when nations
    outside it are declined; no plan of a set that lacks only free nations beats it (it
    only loses plans), so such a set whose start is worth it is optimal with that plan,
    no solve needed (:meth:`_Solvers.at_floor`).
    """
    screen = Screen(scenario)
    infer = _Inference(scenario, screen, objective)
    everyone = frozenset(n.code for n in scenario.nations)
    order = list(dict.fromkeys(sets))
    answers: dict[frozenset[str], Answer] = {}
    work = Work(sets=len(order))

    def record(absent: frozenset[str], answer: Answer) -> None:
        answers[absent] = answer
        work.solves += answer.solved
        if on_answer is not None:
            on_answer(absent, answer)

    remaining = []
    for index, absent in enumerate(order):  # cheap checks first: they settle most draws
        if index % 1000 == 999 and cancel is not None and cancel.is_set():
            return answers, work  # a million draws take seconds to screen
        reason = screen.why_not(everyone - absent)
        if reason is None:
            remaining.append(absent)
        else:
            work.screened += 1
            record(absent, Answer("infeasible", reason=reason, solved=False))
    meter = _Meter(len(remaining), progress)
    solvers = _Solvers(scenario, objective, time_limit, workers, cancel, work)
    if floor is not None and objective is not None:
        solvers.floor, solvers.free = floor, screen.free

    def settled(absent: frozenset[str], answer: Answer) -> None:
        record(absent, answer)
        meter.step()

    try:
        for first in range(0, len(remaining), BLOCK):
            block = remaining[first : first + BLOCK]
            if not _settle_block(
                block, len(remaining) - first, infer, solvers, objective, settled, hint, given
            ):
                break  # cancelled
    finally:
        solvers.close()
    return answers, work


def _settle_block(
    block: list[frozenset[str]],
    left: int,
    infer: _Inference,
    solvers: _Solvers,
    objective: str | None,
    settled: OnAnswer,
    hint: Callable[[frozenset[str]], Allocation | None] | None = None,
    given: Mapping[frozenset[str], Answer] | None = None,
) -> bool:
    """Settle `block` in order; False when cancelled.

    Each set is decided from every answer solved before it, if it can be;
    otherwise solved, starting from a plan known when the block began.
    That rule gives the same answers whether the block's solves run here
    one by one or all at once in worker processes (which may then solve a
    set an earlier answer of the block decides; that answer is dropped).
    """
    known = len(infer.plans)

    def job(absent: frozenset[str]) -> Job:
        if objective is None:
            return absent, None
        start = infer.start(absent, known)
        if start is None and hint is not None:
            start = hint(absent)
        return absent, start

    given = given or {}
    jobs = {a: job(a) for a in block if a not in given}
    floored = {a: answer for a, j in jobs.items() if (answer := solvers.at_floor(j)) is not None}
    futures: dict[frozenset[str], Future[Answer]] = {}
    if solvers.wants_pool(left):
        futures = {
            a: solvers.submit(jobs[a]) for a in jobs if a not in floored and infer.decide(a) is None
        }
    for absent in block:
        answer = infer.decide(absent)
        if answer is not None:
            solvers.work.inferred += 1
        elif absent in given or absent in floored:  # as if solved here: learned from likewise
            answer = given[absent] if absent in given else floored[absent]
            infer.learn(absent, answer)
        else:
            future = futures.get(absent)
            if future is None and solvers.wants_pool(left):
                future = solvers.submit(jobs[absent])
            answer = solvers.here(jobs[absent]) if future is None else solvers.wait(future)
            if answer is None:
                return False
            infer.learn(absent, answer)
        left -= 1
        settled(absent, answer)
    return True


class _Meter:
    """Progress in units of work: one per set that needed more than the screen."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.done, self.total, self.progress = 0, total, progress
        self._tell()

    def step(self) -> None:
        self.done += 1
        self._tell()

    def _tell(self) -> None:
        if self.progress is None:
            return
        if self.total:
            self.progress(self.done, self.total)
        else:  # nothing to solve: done at once
            self.progress(1, 1)


_model: ParticipationModel | None = None


def _start_worker(
    scenario: Scenario,
    objective: str | None,
    time_limit: float | None,
    floor: float | None = None,
    free: frozenset[str] = frozenset(),
) -> None:
    global _model
    _model = ParticipationModel(scenario, objective, time_limit)
    _model.floor, _model.free = floor, free


def _solve_one(job: Job) -> Answer:
    assert _model is not None
    return _model.solve(*job)
