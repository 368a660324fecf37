"""One solver model for the sensitivity variants: a ceiling or a minimum changed in place.

Every variant of :mod:`planner.analyses.sensitivity` is the scenario with one
number changed: a nation's ceiling (the coefficient of its ``y`` in its
ceiling rows, ``D(n,t) - max_troops * y(n) <= 0``) or a requirement's minimum
(the lower bound of its min rows). :class:`VariantModel` builds the program
once and answers each variant by changing that coefficient or bound, then
putting it back; a relaxed variant (a ceiling raised, a minimum lowered)
starts from the baseline plan, which still meets every rule.

Cheap cases need no solve (:meth:`VariantModel.settled`), each exact for an
integer program, not only for its relaxation:
- a variant that only tightens (a ceiling lowered, a minimum raised) and that
  the baseline optimal plan still meets keeps the baseline's optimum: the
  plans left are a subset that still holds the best one;
- a raised ceiling that no sum of the nation's deployed units can fall
  between (old ceiling < troops <= new ceiling) admits no new plan;
- a variant that only tightens and that some plan already known to meet
  every rule of the scenario as stated (an earlier tightened variant's best
  plan) still meets at the baseline's optimum: its optimum can be no lower
  than the baseline's, and that plan reaches it.

Those known plans also start the solves of tightened variants: the best one
the variant still allows (a relaxed variant starts from the baseline plan).

Objectives solved by a search over the force total (fair_share) are solved
whole by :func:`planner.solve.solve`, as before (the cheap cases still apply).
Every plan the model returns is checked against the spec's rules on the
changed scenario; one that breaks a rule is solved again with
:func:`planner.solve.solve`.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from planner.analyses import over_periods
from planner.analyses.improve import cheaper, shed
from planner.analyses.warm import run_from
from planner.explain.hard_check import hard_problems
from planner.linear import INF
from planner.optimise.program import build_hard_program, enforce, soft_rows
from planner.optimise.solver import HighsSession
from planner.result.document import PlanResult
from planner.rules import names, violations
from planner.rules.objectives import objective_named, objective_value, set_objective
from planner.scenario.evaluate import PlanEvaluation, evaluate
from planner.scenario.model import Nation, ObjectiveId, Scenario
from planner.scenario.plan import Cell

TIE = 1e-6
"""Relative slack within which a known plan's objective counts as the baseline's optimum."""


@dataclass(frozen=True)
class VariantAnswer:
    """A variant's status, objective value and total troops; `solved` False for a cheap case."""

    status: str
    objective_value: float | None = None
    total_troops: int | None = None
    solved: bool = True
    plan: dict[Cell, int] | None = field(default=None, compare=False, repr=False)
    runs: int = field(default=0, compare=False)  # solver runs it took


def troop_sums(scenario: Scenario, nation: Nation, most: int) -> int:
    """Bitset of the troop counts up to `most` that the nation's deployed units can add to.

    A superset of what any plan can send in one period (readiness, rotation
    and areas only remove counts), so a count missing here is never sent.
    """
    reach, mask = 1, (1 << (most + 1)) - 1
    for unit in scenario.unit_types:
        if not unit.deployed or not unit.personnel:
            continue
        for _ in range(min(nation.offer(unit.id), most // unit.personnel)):
            reach = (reach | (reach << unit.personnel)) & mask
    return reach


class VariantModel:
    """The scenario's program under `objective`, built once; one number changed per solve."""

    def __init__(
        self,
        scenario: Scenario,
        objective: str,
        baseline: PlanResult,
        time_limit: float | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        self.scenario, self.objective, self.baseline = scenario, objective, baseline
        self.time_limit, self.cancel = time_limit, cancel
        self._session: HighsSession | None = None
        self.solves = 0
        self._evaluation = evaluate(scenario, baseline.allocation) if baseline.has_plan else None
        # plans known to meet every rule of `scenario` (baseline, tightened variants' optima)
        self._known: list[tuple[dict[Cell, int], PlanEvaluation]] = []
        self._hard_known: dict[tuple[str, str, int], bool] = {}
        self._best_memo: dict[tuple[str, str, int, int], tuple[dict[Cell, int], float] | None] = {}
        if self._evaluation is not None:
            self._known.append((dict(baseline.allocation), self._evaluation))

    @staticmethod
    def handles(objective: str) -> bool:
        """Whether the variants of `objective` are solved here (not by a force-total search)."""
        return not objective_named(objective).fair_search

    # -- cheap cases ------------------------------------------------------------------
    def settled(
        self, changed: Scenario, kind: str, subject: str, setting: int
    ) -> VariantAnswer | None:
        """The answer without a solve when it follows from the baseline, else None."""
        ev, base = self._evaluation, self.baseline
        if ev is None or base.status != "optimal" or self._hard(changed, kind, subject, setting):
            return None
        same = VariantAnswer("optimal", base.objective_value, ev.total_troops, solved=False)
        if self._relaxes(kind, subject, setting):
            if kind != "ceiling":
                return None
            now = self.scenario.nation(subject).max_troops
            between = troop_sums(self.scenario, self.scenario.nation(subject), setting) >> (now + 1)
            return None if between else same
        if not violations(changed, base.allocation):
            return same
        assert base.objective_value is not None
        tie = TIE * max(1.0, abs(base.objective_value))
        best = self._best_known(changed, kind, subject, setting)
        if best is not None and best[1] <= base.objective_value + tie:
            plan, value = best
            total = evaluate(changed, plan).total_troops
            return VariantAnswer("optimal", value, total, solved=False, plan=plan)
        return None

    def _best_known(
        self, changed: Scenario, kind: str, subject: str, setting: int
    ) -> tuple[dict[Cell, int], float] | None:
        """The best plan meeting every rule of `changed` among the known plans (a tightened
        variant only) and the baseline plan moved by one unit (:meth:`_moves`)."""
        memo = (kind, subject, setting, len(self._known))
        if memo not in self._best_memo:
            self._best_memo[memo] = self._best_found(changed, kind, subject, setting)
        return self._best_memo[memo]

    def _best_found(
        self, changed: Scenario, kind: str, subject: str, setting: int
    ) -> tuple[dict[Cell, int], float] | None:
        found = list(self._moves(changed, kind, subject, setting))
        relaxes = self._relaxes(kind, subject, setting)
        if relaxes:
            plan = dict(self.baseline.allocation)
            found.append((plan, objective_value(changed, plan, self.objective)))
        else:
            known = next(self._allowed(changed, kind, subject, setting), None)
            found.extend([] if known is None else [known])
            if not found and self.objective == ObjectiveId.MIN_COST:
                found.extend(self._shed_starts(changed, kind, subject))
        best = min(found, key=lambda item: item[1], default=None)
        if best is None or self.objective != ObjectiveId.MIN_COST:
            return best
        # a tightened variant can do no better than the baseline's optimum
        floor = None if relaxes else self.baseline.objective_value
        tie = 0.0 if floor is None else TIE * max(1.0, abs(floor))
        found.sort(key=lambda item: item[1])
        cheapest: tuple[dict[Cell, int], float] | None = None
        for plan, _ in found[: 1 if floor is None else STARTS]:
            plan = cheaper(changed, plan, floor)
            value = objective_value(changed, plan, self.objective)
            if cheapest is None or value < cheapest[1]:
                cheapest = plan, value
            if floor is not None and value <= floor + tie:
                break  # no plan of a tightened variant beats the baseline's optimum
        return cheapest

    def _shed_starts(
        self, changed: Scenario, kind: str, subject: str
    ) -> list[tuple[dict[Cell, int], float]]:
        """Starts for a tightened variant that no one-unit move reaches (least cost, one
        period and one area): a ceiling lowered by more than one unit sheds units one at a
        time (:func:`planner.analyses.improve.shed`); a raised minimum of a ground unit
        puts one into a nation taking part, cheapest first, which then sheds what passes
        its ceiling. At most :data:`STARTS`, each meeting every rule of `changed`."""
        scenario, plan, ev = self.scenario, dict(self.baseline.allocation), self._evaluation
        if scenario.periods.count != 1 or len(scenario.areas) != 1 or ev is None:
            return []
        found: list[tuple[dict[Cell, int], float]] = []
        if kind == "ceiling":
            for first in range(STARTS):  # each start takes another first move
                shed_plan = shed(changed, plan, subject, first)
                if shed_plan is None:
                    break  # (when the least dear way fails, the others mostly fail too)
                found.append((shed_plan, objective_value(changed, shed_plan, self.objective)))
            return found
        unit = scenario.unit(subject)
        if not unit.deployed:
            return found
        area = scenario.areas[0].id
        nations = sorted(
            (n.cost_per_troop, n.code)
            for n in scenario.nations
            if ev.participating.get(n.code)
            and (n.code, subject) not in {(lock.nation, lock.unit_type) for lock in scenario.locks}
            and n.offer(subject) > ev.nation_units_at.get((n.code, subject), [0])[0]
        )
        for _, code in nations:
            moved = dict(plan)
            key = Cell(code, subject, area, 1)
            moved[key] = moved.get(key, 0) + 1
            if ev.troops_at[code][0] + unit.personnel > scenario.nation(code).max_troops:
                shed_plan = shed(changed, moved, code)
            else:
                shed_plan = None if violations(changed, moved) else moved
            if shed_plan is not None:
                found.append((shed_plan, objective_value(changed, shed_plan, self.objective)))
                if len(found) >= STARTS:
                    break
        return found

    def _moves(
        self, changed: Scenario, kind: str, subject: str, setting: int
    ) -> Iterator[tuple[dict[Cell, int], float]]:
        """The best plan that the baseline's becomes with one unit of a changed requirement's
        type taken away (a minimum lowered) or added (raised) in one cell, if one meets every
        rule of `changed`. A nation already taking part gets the unit; a new stand-off cell
        is tried only with one period. Ceilings: none."""
        if not self.baseline.has_plan:
            return
        if kind == "ceiling":
            yield from self._ceiling_moves(changed, subject, setting)
            return
        plan = dict(self.baseline.allocation)
        step = -1 if self._relaxes(kind, subject, setting) else 1
        cells = {key for key, count in plan.items() if key.unit == subject and count}
        unit = self.scenario.unit(subject)
        if step > 0 and not unit.deployed and self.scenario.periods.count == 1:
            taking_part = {key.nation for key, count in plan.items() if count}
            cells |= {Cell(code, subject, None, 1) for code in taking_part}
        offered: dict[tuple[str, int], int] = {}
        for key, count in plan.items():
            if key.unit == subject:
                where = (key.nation, key.period)
                offered[where] = offered.get(where, 0) + count
        candidates = []
        order = sorted(cells, key=lambda key: (key.nation, str(key.area), key.period))
        for index, key in enumerate(order):
            if step > 0 and offered.get((key.nation, key.period), 0) >= (
                self.scenario.nation(key.nation).offer(subject)
            ):
                continue
            moved = dict(plan)
            moved[key] = moved.get(key, 0) + step
            if not moved[key]:
                del moved[key]
            candidates.append((objective_value(changed, moved, self.objective), index, moved))
        yield from _first_valid(changed, candidates)

    def _ceiling_moves(
        self, changed: Scenario, code: str, setting: int
    ) -> Iterator[tuple[dict[Cell, int], float]]:
        """The best plan that the baseline's becomes with one ground unit moved from the nation
        to another one taking part (a ceiling lowered) or to it from another (raised), if
        one meets every rule of `changed`. Moves that break a ceiling or floor are not tried."""
        ev = self._evaluation
        assert ev is not None
        plan = dict(self.baseline.allocation)
        raised = self._relaxes("ceiling", code, setting)
        scenario = self.scenario
        deployed = {u.id: u.personnel for u in scenario.unit_types if u.deployed}
        taking_part = [c for c, part in ev.participating.items() if part and c != code]

        def fits(nation: str, troops: int, period: int, ceiling: int | None = None) -> bool:
            n = scenario.nation(nation)
            top = n.max_troops if ceiling is None else ceiling
            return n.min_troops <= ev.troops_at[nation][period - 1] + troops <= top

        candidates: list[tuple[float, int, dict[Cell, int]]] = []
        for key, count in sorted(plan.items(), key=lambda item: _order(item[0])):
            size = deployed.get(key.unit)
            if not count or size is None:
                continue
            if raised:
                if key.nation == code or not fits(code, size, key.period, setting):
                    continue
                moves = (
                    [(key, key._replace(nation=code))]
                    if fits(key.nation, -size, key.period)
                    else []
                )
            else:
                if key.nation != code or not fits(code, -size, key.period, setting):
                    continue
                moves = [
                    (key, key._replace(nation=m)) for m in taking_part if fits(m, size, key.period)
                ]
            for source, target in moves:
                nation = scenario.nation(target.nation)
                if (
                    nation.offer(key.unit)
                    <= ev.nation_units_at.get((target.nation, key.unit), [0] * key.period)[
                        key.period - 1
                    ]
                ):
                    continue
                moved = dict(plan)
                moved[source] -= 1
                if not moved[source]:
                    del moved[source]
                moved[target] = moved.get(target, 0) + 1
                value = objective_value(changed, moved, self.objective)
                candidates.append((value, len(candidates), moved))
        yield from _first_valid(changed, candidates)

    def _allowed(
        self, changed: Scenario, kind: str, subject: str, setting: int
    ) -> Iterator[tuple[dict[Cell, int], float]]:
        """The known plans that meet every rule of `changed` (a tightened variant), best first.

        Each known plan meets every rule of the scenario as stated, so only the
        changed number needs a look; the spec's own check confirms each one as it is taken.
        """
        periods = self.scenario.periods
        found = []
        for plan, ev in self._known:
            if kind == "ceiling":
                fits = max(ev.troops_at[subject], default=0) <= setting
            else:
                counts = ev.units_at[subject][periods.full_from - 1 : periods.count]
                fits = min(counts, default=setting) >= setting
            if fits:
                found.append((plan, objective_value(changed, plan, self.objective)))
        found.sort(key=lambda item: item[1])
        return ((plan, value) for plan, value in found if not violations(changed, plan))

    def learn(self, kind: str, subject: str, setting: int, answer: VariantAnswer) -> None:
        """Keep a tightened variant's best plan: it meets every rule of the scenario as stated."""
        plan = answer.plan
        if plan is None or answer.status != "optimal" or self._relaxes(kind, subject, setting):
            return
        if not violations(self.scenario, plan):
            self._known.append((plan, evaluate(self.scenario, plan)))

    def start_for(
        self, changed: Scenario, kind: str, subject: str, setting: int
    ) -> dict[Cell, int] | None:
        """The plan a variant's solve starts from: the baseline's for a relaxed variant, else
        the best known plan the variant still allows (None when there is none)."""
        best = self._best_known(changed, kind, subject, setting)
        if best is not None:
            return best[0]
        if self._relaxes(kind, subject, setting) and self.baseline.has_plan:
            return dict(self.baseline.allocation)
        return None

    # -- solves -------------------------------------------------------------------------
    def solve(self, changed: Scenario, kind: str, subject: str, setting: int) -> VariantAnswer:
        """The best plan of `changed` (the scenario with `subject`'s number at `setting`),
        started from :meth:`start_for`; a tightened variant's plan is kept (:meth:`learn`)."""
        start = self.start_for(changed, kind, subject, setting)
        answer = self.solve_from(changed, kind, subject, setting, start)
        self.learn(kind, subject, setting, answer)
        return answer

    def solve_from(
        self,
        changed: Scenario,
        kind: str,
        subject: str,
        setting: int,
        start: dict[Cell, int] | None,
    ) -> VariantAnswer:
        """The best plan of `changed`, the solver started from `start` (a plan that meets
        every rule of `changed`, or None)."""
        before = self.solves
        answer = self._solve_from(changed, kind, subject, setting, start)
        return dataclasses.replace(answer, runs=self.solves - before)

    def _solve_from(
        self,
        changed: Scenario,
        kind: str,
        subject: str,
        setting: int,
        start: dict[Cell, int] | None,
    ) -> VariantAnswer:
        if not self.handles(self.objective):
            return _directly(self, changed)
        if self._hard(changed, kind, subject, setting):
            return VariantAnswer("invalid")
        target = None
        if over_periods.applies(self.scenario, self.objective):
            proof = self._over_periods(changed, kind, subject, setting, start)
            if isinstance(proof, VariantAnswer):
                return proof
            target = proof
        session = self._session or self._build()
        undo = self._change(kind, subject, setting)
        if undo is None:
            return _directly(self, changed)
        values = None if start is None else self.program.column_values(start)
        quiet = values is not None  # a start: HiGHS's own search mostly has nothing to find
        if quiet:
            _heuristics(session, False)
        try:  # a plan that meets the variant's bound is its optimum
            outcome, runs = run_from(
                session,
                self.time_limit,
                values,
                before_cold=lambda: _heuristics(session, True),
                target=target,
            )
        finally:
            if quiet:
                _heuristics(session, True)
            undo()
        self.solves += runs
        if not outcome.has_plan or outcome.values is None:
            return VariantAnswer(outcome.status)
        allocation = self.program.allocation(outcome.values)
        if violations(changed, allocation):
            return _directly(self, changed)
        return VariantAnswer(
            outcome.status,
            objective_value(changed, allocation, self.objective),
            evaluate(changed, allocation).total_troops,
            plan=allocation,
        )

    def _over_periods(
        self,
        changed: Scenario,
        kind: str,
        subject: str,
        setting: int,
        start: dict[Cell, int] | None,
    ) -> VariantAnswer | float | None:
        """Least cost over periods with alike areas (:mod:`planner.analyses.over_periods`):
        the start as the optimum when it meets the variant's own blocks' bound (a tightened
        variant's raised to the baseline's optimum); else that bound (None without one), the
        target of the solve on the program changed in place."""
        floor = None
        if not self._relaxes(kind, subject, setting) and self.baseline.status == "optimal":
            floor = self.baseline.objective_value
        proof = over_periods.proved(
            changed, self.objective, start, floor, self.time_limit, self.cancel
        )
        if proof.optimal:
            assert proof.plan is not None
            self.solves += 1  # the bound's root runs: one solve's worth of work
            return VariantAnswer(
                "optimal",
                proof.value,
                evaluate(changed, proof.plan).total_troops,
                plan=proof.plan,
            )
        return proof.bound

    def _hard(self, changed: Scenario, kind: str, subject: str, setting: int) -> bool:
        """Whether `changed` has a committed nation that cannot take part (status invalid).

        Asked once per variant (the cheap cases and the solve both ask). The
        national statements never name a requirement, so every minimum's
        variant shares the scenario's own answer.
        """
        key = ("requirement", "", 0) if kind != "ceiling" else (kind, subject, setting)
        known = self._hard_known.get(key)
        if known is None:
            known = self._hard_known[key] = bool(
                hard_problems(self.scenario if kind != "ceiling" else changed)
            )
        return known

    def _relaxes(self, kind: str, subject: str, setting: int) -> bool:
        """Whether the variant only adds plans: a ceiling raised or a minimum lowered."""
        if kind == "ceiling":
            return setting > self.scenario.nation(subject).max_troops
        return setting < self.scenario.requirements[subject].min

    def _build(self) -> HighsSession:
        self.program = build_hard_program(self.scenario, "sensitivity")
        self._rows = enforce(self.program, soft_rows(self.program))
        set_objective(self.program, self.objective)
        self._session = HighsSession(self.program.model, self.cancel)
        return self._session

    def _change(self, kind: str, subject: str, setting: int):  # type: ignore[no-untyped-def]
        """Put `setting` into the model; a function that puts the scenario's back, or None
        when the model has no row to change (a minimum of 0 raised: its rows were never
        written)."""
        program, session = self.program, self._session
        assert session is not None
        periods = self.scenario.periods
        if kind == "ceiling":
            y = program.y[subject]
            rows = [
                program.model.rows[name]
                for t in periods.all
                if (name := program.name(f"nation.{subject}.ceiling", t)) in program.model.rows
            ]
            now = self.scenario.nation(subject).max_troops
            for row in rows:
                session.set_coeff(row, y, -float(setting))

            def undo_ceiling() -> None:
                for row in rows:
                    session.set_coeff(row, y, -float(now))

            return undo_ceiling
        base = names.requirement_min(subject)
        rows = [self._rows[n] for t in periods.full if (n := program.name(base, t)) in self._rows]
        if len(rows) != len(periods.full):
            return None
        now = self.scenario.requirements[subject].min
        for row in rows:  # a min row is `units >= min`, no upper bound (the max has its own)
            session.set_row_bounds(row, float(setting), INF)

        def undo_minimum() -> None:
            for row in rows:
                session.set_row_bounds(row, float(now), INF)

        return undo_minimum


HEURISTICS = {
    "mip_heuristic_effort": (0.0, 0.05),
    "mip_heuristic_run_rins": (False, True),
    "mip_heuristic_run_rens": (False, True),
    "mip_heuristic_run_feasibility_jump": (False, True),
    "mip_heuristic_run_root_reduced_cost": (False, True),
}
"""HiGHS's primal heuristics: (off, HiGHS 1.16's default). A solve started from a plan runs
with them off: most starts are already optimal (on the default scenario 35 of 40), and then
the heuristics only cost time (measured in process CPU seconds, alternating in one run: the
analysis at 6.2 baseline solves against 7.45 with them on; generated 40 x 24: 4.94 s against
5.17 s). A cold solve, and the cold retry of :func:`planner.analyses.warm.run_from`, keep them."""


def _heuristics(session: HighsSession, on: bool) -> None:
    """HiGHS's primal heuristics on (its defaults) or off for the next runs of `session`."""
    for name, (off, default) in HEURISTICS.items():
        session.set_option(name, default if on else off)


STARTS = 3
"""Most start plans a tightened variant's local search runs from (it stops at the baseline's
optimum); a relaxed variant's runs from its best one."""

CHECKS = 12
"""Most one-unit moves checked against every rule per variant (cheapest first)."""


def _first_valid(
    changed: Scenario, candidates: list[tuple[float, int, dict[Cell, int]]]
) -> Iterator[tuple[dict[Cell, int], float]]:
    """The cheapest candidate plan that meets every rule of `changed` (of the first
    :data:`CHECKS`), ties in the order found."""
    candidates.sort(key=lambda item: (item[0], item[1]))
    for value, _, moved in candidates[:CHECKS]:
        if not violations(changed, moved):
            yield moved, value
            return


def _order(key: Cell) -> tuple[str, str, str, int]:
    return key.nation, key.unit, str(key.area), key.period


def _directly(model: VariantModel, changed: Scenario) -> VariantAnswer:
    """The slow, sure way: :func:`planner.solve.solve` on the changed scenario."""
    from planner.solve import solve

    result = solve(
        changed, model.objective, time_limit=model.time_limit, cancel=model.cancel, explain=False
    )
    model.solves += 1
    if not result.has_plan:
        return VariantAnswer(result.status)
    return VariantAnswer(
        result.status,
        result.objective_value,
        result.evaluation.total_troops,
        plan=dict(result.allocation),
    )
