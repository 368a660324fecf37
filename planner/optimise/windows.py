"""A plan over periods bettered a few periods at a time: every other period held.

The periodic start (:mod:`planner.optimise.periodic`) repeats one rotation
cycle from the first full period; where the optimum's first full periods
differ from its later ones (the build-up leaves different units rested), the
periodic plan is a little dearer. Here the plan is bettered window by
window: the columns of ``r + 1`` consecutive periods (r the longest rotation
cycle) are freed, every other period's columns are held at the plan's
values, and the program, every row kept, is solved from the plan. Each
window's program is a small one (most of its columns are fixed, and
presolve removes them), and any plan it finds is a plan of the whole
program, worth no more than the one it started from. The windows prove
nothing: the caller's program (or the blocks' bound) still decides whether
the plan is optimal.

Measured on the generated 18 x 17 x 3 x 8 scenarios (merged areas, least
cost, 2026-12-03, load about 3): the periodic plans of seeds 1, 2 and 4 are
worth 396,660, 353,915 and 371,247.5; windows (2-4), (1-3), (3-5) take them
to 396,615, 353,797.5 and 371,232.5 in 0.2-1.2 cpu s, and the whole program
started from those plans proves them optimal at its root in 0.2-0.5 cpu s
(from the periodic plans it took 10-20 s, and seed 1 was not proven in 30 s).
On the generated 40 x 24 x 3 x 8 seed 0 they take 1,266,027.5 to 1,266,002.5, proven at once.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from planner.linear import LinearModel
from planner.optimise.program import ForceProgram
from planner.optimise.root_proof import RootProof
from planner.optimise.solver import HighsSession, meets


def windows(program: ForceProgram) -> list[tuple[int, ...]]:
    """The windows tried, in order: ``r + 1`` consecutive periods each, first the last
    period before full capability with the first full cycle (where a periodic plan and the
    optimum part), then the earlier windows, then the later ones.

    The later ones lie in the part the periodic plan repeats; on the generated 40 x 24 x 3 x 8
    seed 0 one of them (quarters 4-6) took the plan to the optimum, 1,266,002.5, which the
    full program then proves. A window stops after :data:`WINDOW_NODES` nodes of its own tree
    with the best plan it has (on generated 18 x 17 seed 1 one window took 101 nodes and
    2.1 cpu s to prove that it bettered nothing)."""
    scenario = program.scenario
    periods = list(scenario.periods.all)
    cycle = max([1, *(scenario.rotation_of(n) for n in scenario.nations)])
    width = cycle + 1
    if width >= len(periods):
        return []  # one window would be the whole program
    last = len(periods) - width
    first = max(0, min(last, scenario.periods.full_from - 2))
    order = [first, *range(first - 1, -1, -1), *range(first + 1, last + 1)]
    return [tuple(periods[s : s + width]) for s in order]


WINDOW_NODES = 20
"""Nodes a window's own tree may take (it only looks for a better plan)."""


def improve(
    program: ForceProgram,
    values: list[float],
    time_limit: float,
    cancel: threading.Event | None = None,
) -> list[float]:
    """`values` (a plan of the program, every column) bettered window by window within
    `time_limit`; `values` itself when no window betters it. The program is not changed."""
    return search(program, values, time_limit, cancel).values


@dataclass(frozen=True)
class Bettered:
    """The windows' plan (every column) and the best lower bound known when they stopped
    (the caller's, or its proof attempt's; None if neither gave one)."""

    values: list[float]
    bound: float | None


def search(
    program: ForceProgram,
    values: list[float],
    time_limit: float,
    cancel: threading.Event | None = None,
    bound: float | None = None,
    patience: float | None = None,
    prove: Callable[[list[float]], RootProof] | None = None,
) -> Bettered:
    """:func:`improve`, stopping as soon as the plan meets `bound` (a lower bound of every
    plan, proven elsewhere: the plan is then optimal, and no later window can better it).

    With `prove` (:func:`planner.optimise.root_proof.attempt` on the whole program) and
    `patience` seconds: once the windows after the first have gone that long without
    bettering the plan (the window running is cut there), `prove` is called once on the
    best plan; a plan it
    proves ends the windows, and its bound joins `bound`. Generated 18 x 17 x 3 x 8 seed 1:
    its first window reaches the optimum in 0.18 s, the five after it took 1.9 s to better
    nothing (two of them 0.5 s at their root, one 20 nodes), where the proof takes 0.15 s."""
    periods = list(program.scenario.periods.all)
    model = program.model
    if len(periods) < 2 or not any(model.col_integer):
        return Bettered(values, bound)
    period_of = program.period_of()
    session = HighsSession(model, cancel)
    session.set_option("mip_max_nodes", WINDOW_NODES)
    state = _State(model, list(values), model.objective_value(list(values)), bound)
    begin = time.perf_counter()
    ends = begin + time_limit
    armed = prove is not None and patience is not None  # a proof attempt still to come
    calm = math.inf  # when it comes: `patience` after the first window or the last bettering
    for window in windows(program):
        if state.met():
            break
        now = time.perf_counter()
        if ends - now <= 0 or (cancel is not None and cancel.is_set()):
            break
        if now >= calm:
            assert prove is not None
            state.prove(prove)
            armed, calm = False, math.inf
            if state.met():
                break
        session.target = state.bound
        free = set(window)
        for col, t in period_of.items():
            if t in free:
                session.set_col_bounds(col, model.col_lower[col], model.col_upper[col])
            else:
                held = round(state.best[col]) if model.col_integer[col] else state.best[col]
                session.set_col_bounds(col, held, held)
        outcome = session.run(min(ends, calm) - now, state.best)
        bettered = outcome.values is not None and state.offer(list(outcome.values))
        if armed and (bettered or calm == math.inf):
            assert patience is not None
            calm = time.perf_counter() + patience
        if time.perf_counter() >= calm and not state.met():
            assert prove is not None
            state.prove(prove)
            armed, calm = False, math.inf
    return Bettered(state.best, state.bound)


@dataclass
class _State:
    """The windows' best plan, its worth, and the best lower bound known."""

    model: LinearModel
    best: list[float]
    worth: float
    bound: float | None

    def met(self) -> bool:
        return self.bound is not None and meets(self.worth, self.bound)

    def offer(self, found: list[float]) -> bool:
        """Keep `found` (a plan of the model) if it is worth less; whether it was kept."""
        value = self.model.objective_value(found)
        if value < self.worth - 1e-9 * max(1.0, abs(self.worth)):
            self.best, self.worth = found, value
            return True
        return False

    def prove(self, prove: Callable[[list[float]], RootProof]) -> None:
        """The proof attempt on the best plan: its own plan if cheaper, its bound."""
        proof = prove(self.best)
        if proof.proven is not None and proof.proven.values is not None:
            self.offer(list(proof.proven.values))
        if proof.bound is not None:
            self.bound = proof.bound if self.bound is None else max(self.bound, proof.bound)
