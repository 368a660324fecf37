"""Withdrawal (N-1): what if one nation of the optimal plan pulls out?

For each nation taking part in the baseline optimal plan, the nation is
declined and its locks dropped (:func:`~planner.analyses.participation.withdrawn`),
and the scenario is solved again with the same objective. A row says
whether a plan remains, its objective value and total, and in planner
words how the force changed against the baseline.

Speed: the baseline is one :func:`planner.solve.solve`; the rows share one
solver model with bounds changed per row, skip the explanation solves that
:func:`~planner.solve.solve` runs for an infeasible scenario (only
feasibility and the optimum are asked), and rows a cheap check rules out
need no solve at all (:mod:`planner.analyses.resolve`). A row's solve starts
from the baseline plan with the withdrawn nation's units handed to the other
nations taking part, or else to any available one (:func:`handed_over_to_anyone`),
when that plan meets every rule; by min_cost a start worth the baseline's
optimum is the row's optimum without a solve (no withdrawal of a nation neither
committed nor locked beats the baseline).

Two passes, so that "does the loss of one nation break the force?" is
answered for every nation before any cost is worked out: first each row's
feasibility (a handed-over plan that meets every rule proves a plan without
a solve; otherwise a feasibility-only solve), then the optimal plans row by
row, in the same order and from the same starts as one pass would (a row
the first pass proved infeasible is not solved again). A row whose optimum
the time did not allow keeps its feasibility answer (``cost_settled`` False).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planner.analyses.baseline import baseline_for
from planner.analyses.outcome import Outcome
from planner.analyses.participation import Answer, participants, withdrawn
from planner.analyses.resolve import Work, resolve
from planner.analyses.screen import Screen
from planner.result.document import PlanResult
from planner.rules import violations
from planner.rules.objectives import objective_named
from planner.scenario.evaluate import PlanEvaluation, evaluate
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell
from planner.scenario.plan import Plan as Allocation

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Baseline:
    """The plan with every nation as stated: the yardstick for each row."""

    status: str
    objective_value: float | None
    total_troops: int | None
    nations_used: tuple[str, ...]
    result: PlanResult

    @property
    def has_plan(self) -> bool:
        return self.result.has_plan

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "objective_value": self.objective_value,
            "total_troops": self.total_troops,
            "nations_used": list(self.nations_used),
            "explanation": self.result.explanation(),
        }


@dataclass(frozen=True)
class WithdrawalRow(Outcome):
    """One nation withdrawn: is there still a plan, and how does it differ?"""

    nation: str
    status: str  # optimal | feasible | infeasible | unknown | cancelled
    objective_value: float | None
    total_troops: int | None
    nations_used: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    reason: str | None = None
    allocation: dict[Cell, int] = field(default_factory=dict)
    nation_name: str = ""  # how `changes` names the nation withdrawn
    cost_settled: bool = True  # False: a plan exists, its optimum not worked out in the time

    @property
    def feasible(self) -> bool:
        return self.status in ("optimal", "feasible")

    def to_dict(self) -> dict[str, Any]:
        return {
            "nation": self.nation,
            "feasible": self.feasible,
            "objective_value": self.objective_value,
            "total_troops": self.total_troops,
            "status": self.status,
            "nations_used": list(self.nations_used),
            "changes": list(self.changes),
            "reason": self.reason,
            "cost_settled": self.cost_settled,
        }


@dataclass
class WithdrawalAnalysis:
    """The baseline and one row per nation of the baseline plan, in scenario order."""

    scenario: Scenario
    objective: str
    baseline: Baseline
    rows: list[WithdrawalRow]
    complete: bool = True
    seconds: float = 0.0
    work: Work = field(default_factory=Work)
    feasibility_units: int = 0  # rows the first pass had to solve (no handed-over plan held)

    @property
    def unchecked(self) -> tuple[str, ...]:
        """Nations of the baseline plan without a row (cancelled before their answer)."""
        done = {row.nation for row in self.rows}
        return tuple(c for c in self.baseline.nations_used if c not in done)

    @property
    def cost_unsettled(self) -> tuple[str, ...]:
        """Nations whose row says a plan remains but not yet at what cost."""
        return tuple(row.nation for row in self.rows if not row.cost_settled)

    @property
    def feasibility_complete(self) -> bool:
        """Every nation of the baseline plan has a proved answer: a plan remains, or none.

        True whenever ``complete`` is and no row is undecided; also when the costs
        of some rows were not settled in the time.
        """
        return (
            self.baseline.has_plan
            and not self.unchecked
            and not any(row.undecided for row in self.rows)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "analysis": "withdrawal",
            "scenario": self.scenario.name,
            "objective": self.objective,
            "complete": self.complete,
            "unchecked": list(self.unchecked),
            "feasibility_complete": self.feasibility_complete,
            "cost_unsettled": list(self.cost_unsettled),
            "baseline": self.baseline.to_dict(),
            "withdrawal": [row.to_dict() for row in self.rows],
        }


def analyse_withdrawal(
    scenario: Scenario,
    objective: str | None = None,
    *,
    baseline: PlanResult | None = None,
    time_limit: float | None = None,
    workers: int | None = None,
    cancel: threading.Event | None = None,
    progress: Progress | None = None,
) -> WithdrawalAnalysis:
    """Solve the baseline, then each withdrawal of a nation of its plan.

    `time_limit` applies to each solve; `workers` as in
    :func:`~planner.analyses.resolve.resolve` (None: processes when they
    pay). With no baseline plan the rows are
    empty and ``baseline.status`` says why. `progress(done, total)` counts
    work: the baseline is one unit, each row the first pass must solve one
    more, each row the second pass must solve one more (a row the cheap
    checks rule out costs nothing). Feasibility is settled for every row
    first (module docstring). When `cancel` is set the analysis stops with
    the rows answered so far and ``complete`` False: a row whose optimum was
    not reached keeps its feasibility answer with ``cost_settled`` False,
    and ``feasibility_complete`` says whether every nation has one.
    """
    start = time.perf_counter()
    objective = objective or scenario.objective
    result = baseline_for(scenario, objective, baseline, time_limit, cancel)
    base = _baseline(result)
    analysis = WithdrawalAnalysis(scenario, objective, base, [])
    if not base.has_plan:
        analysis.complete = result.status != "cancelled"
        analysis.seconds = time.perf_counter() - start
        return analysis
    codes = base.nations_used
    sets = [frozenset({code}) for code in codes]
    screen = Screen(scenario)
    everyone = frozenset(n.code for n in scenario.nations)
    second = sum(1 for a in dict.fromkeys(sets) if screen.why_not(everyone - a) is None)
    feasible = _Feasibility(scenario, base, sets, screen, time_limit, workers, cancel)
    # Feasibility first pays only where a run can be cut short (a time limit, Cancel): else
    # the second pass settles feasibility and cost in one solve per nation.
    early = time_limit is not None or cancel is not None
    first = analysis.feasibility_units = feasible.units if early else 0
    total = 1 + first + second  # the baseline, the first pass's solves, the second's sets

    def tell_first(done: int, _: int) -> None:
        if progress is not None:
            progress(1 + min(done, first), total)

    def tell(done: int, _: int) -> None:
        if progress is not None:
            progress(1 + first + min(done, second), total)

    if early:
        feasible.run(tell_first)

    given = {  # proved infeasible by a solve of the first pass: not solved again
        a: dataclasses.replace(answer, solved=False)
        for a, answer in feasible.answers.items()
        if a in feasible.solved and answer.status in ("infeasible", "invalid")
    }
    answers: dict[frozenset[str], Answer] = {}
    if not (cancel is not None and cancel.is_set()):
        answers, analysis.work = resolve(
            scenario,
            objective,
            sets,
            time_limit=time_limit,
            workers=workers,
            cancel=cancel,
            progress=tell,
            hint=lambda absent: handed_over_to_anyone(scenario, base.result.allocation, absent),
            given=given,
            floor=_floor(objective, base),
        )
    analysis.work.solves += feasible.work.solves
    analysis.work.solve_seconds += feasible.work.solve_seconds
    for code, absent in zip(codes, sets, strict=True):
        answer = answers.get(absent)
        known = feasible.answers.get(absent)
        if answer is None or answer.status == "cancelled":
            analysis.complete = False  # every row answered is kept; `unchecked` names the rest
        elif answer.status != "unknown" or not _has_plan(known):
            analysis.rows.append(_row(scenario, base, code, answer))
            continue
        if known is None or known.status == "cancelled":
            continue
        if known.has_plan:
            analysis.rows.append(
                WithdrawalRow(
                    code,
                    "feasible",
                    None,
                    None,
                    reason=COST_NOT_SETTLED,
                    nation_name=scenario.nation(code).name,
                    cost_settled=False,
                )
            )
        else:
            analysis.rows.append(_row(scenario, base, code, known))
    analysis.seconds = time.perf_counter() - start
    return analysis


def _floor(objective: str, base: Baseline) -> float | None:
    """The baseline's value when it bounds the rows of free nations: an optimum, by an
    objective a plan keeps when nations outside it are declined (resolve's `floor`)."""
    keeps = objective_named(objective).keeps_with_fewer_nations
    return base.objective_value if keeps and base.status == "optimal" else None


COST_NOT_SETTLED = "cost not settled in the time"
"""A row's words when a plan remains but its optimum was not worked out before the end."""


def _has_plan(answer: Answer | None) -> bool:
    return answer is not None and answer.has_plan


class _Feasibility:
    """Whether a plan remains without each nation: the first pass, no costs.

    A plan with the nation's units handed over (:func:`handed_over`, to the plan's
    nations, then to any available one) that meets every rule proves a plan; the
    sets the screen does not rule out either are asked of :func:`resolve` with no
    objective (:meth:`run`). `units`: how many that is, known before any solve.
    """

    def __init__(
        self,
        scenario: Scenario,
        base: Baseline,
        sets: list[frozenset[str]],
        screen: Screen,
        time_limit: float | None,
        workers: int | None,
        cancel: threading.Event | None,
    ) -> None:
        self.scenario, self.time_limit, self.cancel = scenario, time_limit, cancel
        self.workers = 1 if workers is None else workers  # a few sets: processes seldom pay
        self.answers: dict[frozenset[str], Answer] = {}
        self.solved: set[frozenset[str]] = set()  # the sets a solve answered
        self.work = Work()
        plan = base.result.allocation
        evaluated = evaluate(scenario, plan)
        everyone = frozenset(n.code for n in scenario.nations)
        self.rest: list[frozenset[str]] = []
        for absent in dict.fromkeys(sets):
            moved = handed_over_to_anyone(scenario, plan, absent, evaluated)
            if moved is not None:
                self.answers[absent] = Answer("feasible", moved, None, solved=False)
            else:
                self.rest.append(absent)
        self.units = sum(1 for a in self.rest if screen.why_not(everyone - a) is None)

    def run(self, progress: Progress) -> None:
        found, self.work = resolve(
            self.scenario,
            None,
            self.rest,
            time_limit=self.time_limit,
            workers=self.workers,
            cancel=self.cancel,
            progress=progress if self.units else None,
        )
        self.answers.update(found)
        self.solved = {a for a, answer in found.items() if answer.solved}


def _baseline(result: PlanResult) -> Baseline:
    if not result.has_plan:
        return Baseline(result.status, None, None, (), result)
    plan = result.evaluation
    return Baseline(
        result.status,
        result.objective_value,
        plan.total_troops,
        participants(result.scenario, result.allocation),
        result,
    )


def _row(scenario: Scenario, baseline: Baseline, code: str, answer: Answer) -> WithdrawalRow:
    if not answer.has_plan or answer.allocation is None:
        return WithdrawalRow(code, answer.status, None, None, reason=answer.reason)
    allocation = answer.allocation
    return WithdrawalRow(
        code,
        answer.status,
        answer.objective_value,
        evaluate(scenario, allocation).total_troops,
        participants(scenario, allocation),
        changes(scenario, baseline.result.allocation, allocation),
        allocation=dict(allocation),
        nation_name=scenario.nation(code).name,
    )


def changes(scenario: Scenario, before: Allocation, after: Allocation) -> tuple[str, ...]:
    """Troop changes by nation, largest first: 'Germany +1,400 troops', 'France out (-4,200)'.

    A nation with the same troops but other units (stand-off support, say)
    is 'US same troops, other units'; nations whose units are unchanged are
    left out.
    """
    old, new = evaluate(scenario, before), evaluate(scenario, after)
    found: list[tuple[int, str]] = []
    for nation in scenario.nations:
        c, name = nation.code, nation.name  # a person reads these: names, not codes
        delta = new.troops[c] - old.troops[c]
        if old.participating[c] and not new.participating[c]:
            found.append((abs(delta), f"{name} out ({delta:+,} troops)"))
        elif new.participating[c] and not old.participating[c]:
            found.append((abs(delta), f"{name} joins ({delta:+,} troops)"))
        elif delta:
            found.append((abs(delta), f"{name} {delta:+,} troops"))
        elif _mix_changed(before, after, c):
            found.append((0, f"{name} same troops, other units"))
    found.sort(key=lambda item: -item[0])
    return tuple(text for _, text in found)


def _mix_changed(before: Allocation, after: Allocation, code: str) -> bool:
    mine_before = {key: k for key, k in before.items() if key.nation == code and k}
    mine_after = {key: k for key, k in after.items() if key.nation == code and k}
    return mine_before != mine_after


def withdrawn_scenario(scenario: Scenario, code: str) -> Scenario:
    """The scenario one row solves: `code` declined, its locks dropped."""
    return withdrawn(scenario, [code])


def handed_over_to_anyone(
    scenario: Scenario,
    plan: Allocation,
    absent: frozenset[str],
    evaluated: PlanEvaluation | None = None,
) -> dict[Cell, int] | None:
    """:func:`handed_over` to the plan's own nations first, else to any available one."""
    evaluated = evaluate(scenario, plan) if evaluated is None else evaluated
    moved = handed_over(scenario, plan, absent, False, evaluated)
    return moved if moved is not None else handed_over(scenario, plan, absent, True, evaluated)


def handed_over(
    scenario: Scenario,
    plan: Allocation,
    absent: frozenset[str],
    anyone: bool = False,
    evaluated: PlanEvaluation | None = None,
) -> dict[Cell, int] | None:
    """`plan` with each unit of the nations in `absent` handed, one at a time, to the nation
    taking part that can take one more of that type there and then (:class:`_Hand`) at the
    lowest cost per troop (ties in scenario order). A deployed unit no one can take is made
    up with units of other types (:meth:`_Hand.make_up`); None when a stand-off unit finds
    no taker or the plan then breaks a rule of the withdrawn scenario. A start for a solve
    (and a proof that a plan remains), no more.
    `anyone`: every nation not absent and not declined may take units, not only the plan's.
    `evaluated`: ``evaluate(scenario, plan)``, when the caller has it already.
    """
    ev = evaluate(scenario, plan) if evaluated is None else evaluated
    moved = {key: count for key, count in plan.items() if count and key.nation not in absent}
    troops = {code: list(per_period) for code, per_period in ev.troops_at.items()}
    held: dict[tuple[str, str, int], int] = {}
    for key, count in moved.items():
        held[key.nation, key.unit, key.period] = (
            held.get((key.nation, key.unit, key.period), 0) + count
        )
    takers = [
        n
        for n in scenario.nations
        if n.code not in absent
        and (ev.participating[n.code] or (anyone and n.status != "declined"))
    ]
    leaving = [(key, count) for key, count in plan.items() if count and key.nation in absent]
    leaving.sort(key=lambda item: (item[0].nation, item[0].unit, str(item[0].area), item[0].period))
    hand = _Hand(scenario, takers, moved, held, troops, ev)
    short: dict[Cell, int] = {}  # per cell left (nation aside): troops no taker of its type took
    for key, count in leaving:
        unit = scenario.unit(key.unit)
        size = unit.personnel if unit.deployed else 0
        for _ in range(count):
            if not hand.give(key, key.unit, size):
                if not size:
                    return None
                short[key] = short.get(key, 0) + size
    for key, troops_short in short.items():
        hand.make_up(key, troops_short)
    return None if violations(withdrawn(scenario, absent), moved) else moved


class _Hand:
    """The units being handed over (:func:`handed_over`): who can take one more.

    A taker must offer one more of the type in that period with rotation (H1r) and
    readiness (H1), stay within its ceiling (H3) and its area caveat, and, where the unit
    counts toward the target, within the share cap (S5). These are checked unit by unit
    so that a hand-over over periods is not refused at the end for a rule a cheaper
    choice would have kept; the caller's :func:`violations` still decides."""

    def __init__(self, scenario, takers, moved, held, troops, ev) -> None:  # type: ignore[no-untyped-def]
        self.scenario, self.takers = scenario, takers
        self.moved, self.held, self.troops = moved, held, troops
        self.last = scenario.periods.count
        self.in_target = {code: list(per_period) for code, per_period in ev.in_target_at.items()}
        self.total = list(ev.total_at)
        self.share = scenario.rules.max_share

    def _can_serve(self, nation, unit_id: str, key: Cell) -> bool:  # type: ignore[no-untyped-def]
        """Whether one more `unit_id` of `nation` meets its offer, readiness and rotation."""
        t, offer = key.period, nation.offer(unit_id)
        if offer <= 0 or t < nation.ready(unit_id):
            return False
        if key.area is not None and key.area not in self.scenario.areas_of(nation):
            return False
        r = max(1, self.scenario.rotation_of(nation))
        for end in range(t, min(self.last, t + r - 1) + 1):  # every window holding t
            used = sum(
                self.held.get((nation.code, unit_id, s), 0)
                for s in range(max(1, end - r + 1), end + 1)
            )
            if used + 1 > offer:
                return False
        return True

    def _taker(self, unit_id: str, key: Cell, size: int):  # type: ignore[no-untyped-def]
        """The cheapest nation (troop for troop; scenario order on a tie) that can take one
        more `unit_id` where `key` serves, or None."""
        counts = self._counts(key, size)
        best = None
        for nation in self.takers:
            if not self._can_serve(nation, unit_id, key):
                continue
            if self.troops[nation.code][key.period - 1] + size > nation.max_troops:
                continue
            if counts:
                t = key.period - 1
                if self.in_target[nation.code][t] + size > self.share * self.total[t] + 1e-9:
                    continue
            if best is None or nation.cost_per_troop < best.cost_per_troop:
                best = nation
        return best

    def give(self, key: Cell, unit_id: str, size: int) -> bool:
        """One `unit_id` where `key` serves (its area and period) to the cheapest taker."""
        best = self._taker(unit_id, key, size)
        if best is None:
            return False
        target = key._replace(nation=best.code, unit=unit_id)
        self.moved[target] = self.moved.get(target, 0) + 1
        where = (best.code, unit_id, key.period)
        self.held[where] = self.held.get(where, 0) + 1
        self.troops[best.code][key.period - 1] += size
        if self._counts(key, size):
            self.in_target[best.code][key.period - 1] += size
        return True

    def _counts(self, key: Cell, size: int) -> bool:
        """Whether `size` troops where `key` serves count toward the target (and its cap)."""
        return bool(size) and key.area is not None and self.scenario.area(key.area).in_target

    def make_up(self, key: Cell, troops: int) -> None:
        """`troops` made up, as far as takers can, where `key` serves with deployed units of
        other types: each time the cheapest troop for troop, the larger unit on a tie. What
        cannot be made up is left out (the force may still be inside its band)."""
        kinds = [u for u in self.scenario.unit_types if u.deployed and u.personnel > 0]
        while troops > 0:
            options = []
            for unit in kinds:
                nation = self._taker(unit.id, key, unit.personnel)
                if nation is not None:
                    options.append((nation.cost_per_troop, -unit.personnel, unit))
            if not options:
                return
            unit = min(options, key=lambda option: option[:2])[2]
            self.give(key, unit.id, unit.personnel)
            troops -= unit.personnel
