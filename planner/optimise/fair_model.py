"""The fair_share program with handles the force-total search changes between solves.

One HiGHS model is built (:mod:`planner.optimise.program`) with, beside the
spec's program: a column D(n) per nation not declined equal to its deployed
troops, and a chord row per nation ``dev(n) >= alpha + beta D(n)``. The force
total is the program's own TOTAL column. A search step changes bounds and two
coefficients per nation, never the rest, so a step costs microseconds
instead of a rebuild. Only for one period with every area in the target
(where D(n) = Din(n) and GROUND = TOTAL): see :func:`applies`.
"""

from __future__ import annotations

import math
import threading

import highspy
import numpy as np

from planner.linear import INF, Expr
from planner.optimise import fair_bound
from planner.optimise.deadline import NO_DEADLINE, Deadline
from planner.optimise.program import build_hard_program, enforce, soft_rows
from planner.optimise.solver import HighsSession, highs_has_plan
from planner.optimise.troop_totals import open_nations
from planner.rules.objectives import set_objective
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell

SETTLED = (
    highspy.HighsModelStatus.kOptimal,
    highspy.HighsModelStatus.kObjectiveTarget,
    highspy.HighsModelStatus.kObjectiveBound,
    highspy.HighsModelStatus.kInfeasible,
    highspy.HighsModelStatus.kUnboundedOrInfeasible,
)
"""HiGHS ends that settle a setting: best found, target reached, nothing below the cutoff."""


def applies(scenario: Scenario) -> bool:
    """The search reasons about one D(n) per nation against one TOTAL: one period, and
    every area counting toward the target (several such areas are the same problem)."""
    return scenario.periods.count == 1 and all(a.in_target for a in scenario.areas)


class SolverTrouble(Exception):
    """HiGHS ended a solve in a way that settles nothing (solve error, iteration limit...)."""


class FairShareModel:
    """The fair_share program with D(n) columns, a total row and chord rows, built once.

    Bounds and coefficients change between solves; the model HiGHS sees
    depends only on the last settings, never on history (its solver state is
    cleared before every run).
    """

    def __init__(
        self, scenario: Scenario, cancel: threading.Event | None, deadline: Deadline = NO_DEADLINE
    ) -> None:
        program = build_hard_program(scenario, "fair_search", deadline)
        enforce(program, soft_rows(program))
        set_objective(program, "fair_share")
        model = program.model
        self._troops, self._chords = [], []
        for nation in open_nations(scenario):
            code = nation.code
            d = model.column(f"fair_share.troops.{code}", 0, INF)
            model.row(f"fair_share.troops.{code}", program.troops(code, 1) - Expr.of(d), 0, 0)
            dev = program.extra[f"fair_share.dev.{code}"]
            # placeholder coefficient and bound: `chords` sets both before any use
            chord = Expr({dev: 1.0, d: -0.5})
            self._chords.append(model.row(f"fair_share.chord.{code}", chord, lower=-1e30))
            self._troops.append(d)
        self._total = program.total_col[1]
        self.program, self.cancel = program, cancel
        deadline.check()
        self.session = HighsSession(model, cancel)
        self.highs: highspy.Highs = self.session.highs

    def at_total(self, total: int | None, within: tuple[int, int] | None = None) -> None:
        """Hold TOTAL at `total`, or in `within`; None frees it (the target band still applies)."""
        low, high = (0.0, math.inf) if total is None else (total, total)
        if within is not None:
            low, high = within
        self.highs.changeColBounds(self._total, low, high)

    def relaxed_bound(self, time_limit: float | None) -> float:
        """The LP relaxation's optimum under the current settings (-inf if unsolved).

        The basis of the last relaxation is kept: the next total changes a few
        bounds and coefficients, so dual simplex restarts from nearly optimal.
        """
        return self.session.relaxation(time_limit, warm=True)

    def dual_bound(self) -> float:
        """The last solve's proven lower bound on the objective (-inf if none)."""
        bound = self.highs.getInfo().mip_dual_bound
        return bound if math.isfinite(bound) else -math.inf

    def chords(self, w: fair_bound.Window | None) -> None:
        """dev(n) >= chord through (a, c - a) and (b, b - c), valid only at TOTAL = w.total."""
        for i, row in enumerate(self._chords):
            if w is None or not w.has_chord[i]:
                self.highs.changeRowBounds(row, -math.inf, math.inf)
                continue
            a, b, c = w.chord_a[i], w.chord_b[i], w.fair[i]
            slope = (a + b - 2 * c) / (b - a)
            self.highs.changeCoeff(row, self._troops[i], -slope)
            self.highs.changeRowBounds(row, (c - a) - slope * a, math.inf)

    def troops_within(self, low: np.ndarray | None, high: np.ndarray | None) -> None:
        """Hold each D(n) in [low, high]; None frees them."""
        for i, d in enumerate(self._troops):
            lo = 0.0 if low is None else float(low[i])
            hi = math.inf if high is None else float(high[i])
            self.highs.changeColBounds(d, lo, hi)

    def run(
        self, time_limit: float | None, cutoff: float | None, target: float | None
    ) -> tuple[str, dict[Cell, int] | None]:
        """Solve; stop early at a plan no worse than `target`; skip plans not below `cutoff`.

        Returns ``solved`` (this setting is settled: the plan, if any, is its
        best below the cutoff), ``time`` (the limit hit; a plan if one was
        found) or ``cancelled``; raises :class:`SolverTrouble` for any other
        end (a numerical failure must not pass for a settled total).
        """
        highs = self.highs
        highs.clearSolver()
        self.session.start_clock(time_limit)
        highs.setOptionValue("objective_bound", math.inf if cutoff is None else cutoff)
        highs.setOptionValue("objective_target", -math.inf if target is None else target)
        highs.run()
        status = highs.getModelStatus()
        statuses = highspy.HighsModelStatus
        if self.cancel is not None and self.cancel.is_set():
            return "cancelled", None
        values = highs.getSolution().col_value
        plan = self.program.allocation(values) if highs_has_plan(highs) else None
        if status in (statuses.kTimeLimit, statuses.kInterrupt):  # an interrupt is the clock
            return "time", plan
        if status not in SETTLED:
            raise SolverTrouble(f"HiGHS ended with {status.name}")
        return "solved", plan
