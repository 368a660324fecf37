"""A quick local search that makes a variant's start plan cheaper (least cost only).

A start is only a start: HiGHS still proves the optimum from it. But HiGHS
proves fast from a start that is already optimal (measured on the default
scenario: 0.01 s against 0.2-0.4 s from a start some 50 dearer), so a few
milliseconds of search here pay whenever they reach it.

Moves, each kept only when it lowers the cost and the spec's own check
(:func:`planner.rules.violations`) finds the plan still meets every rule:
- one unit taken away;
- one unit out of a cell and one into another (a unit moved to another
  nation, or a unit of another type in its place);
- two nations trading a unit each, of different types.
Only for scenarios with one period and one area (every scenario@1 file),
where a cell is a nation and a unit type; a quick test on totals, offers,
ceilings, floors and requirement bounds drops most moves before the check.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator

from planner.rules import violations
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell

ROUNDS = 20
"""Most improving moves taken."""
CHECKS = 30
"""Most plans given to the spec's check in one search."""
TRIES = 8
"""Most plans given to the spec's check for one move: past that, the search stops (on a
generated 40 x 24 scenario the quick test passed many moves the check refused, and 60
checks a search cost more than the solves saved)."""

SHED_WORK = 30_000
"""Most moves a shed looks at (pairs and adds listed, passing the quick test or not): on the
default scenario France's shed of 2,000 troops looked at 23,000; on a generated 40 x 24
scenario most sheds that looked at 50,000 or more found no plan meeting every rule."""

Move = tuple[float, int, tuple[Cell, ...], tuple[Cell, ...]]
"""(saving, order found, cells losing a unit, cells gaining one)."""


def cheaper(
    scenario: Scenario, plan: dict[Cell, int], floor: float | None = None
) -> dict[Cell, int]:
    """`plan` (meeting every rule of `scenario`) made cheaper under least cost by single
    moves, each still meeting every rule; stops at `floor` (a value no plan can beat)."""
    if scenario.periods.count != 1 or len(scenario.areas) != 1:
        return plan
    return _Search(scenario).run({k: v for k, v in plan.items() if v}, floor)


def shed(
    scenario: Scenario, plan: dict[Cell, int], code: str, first: int = 0
) -> dict[Cell, int] | None:
    """`plan` (meeting every rule but nation `code`'s ceiling in `scenario`) brought within
    that ceiling, or None: one ground unit at a time leaves the nation (dropped, moved to
    another nation, or traded for a smaller one), the dearest-to-cheapest move first by
    what it adds to the cost, each passing the quick test but for the nation's ceiling; the
    result must pass the spec's check; `first` > 0 takes the move that many places down the
    list first (another start). Least cost, one period and one area only."""
    if scenario.periods.count != 1 or len(scenario.areas) != 1:
        return None
    search = _Search(scenario)
    return search.shed({k: v for k, v in plan.items() if v}, code, first)


class _Search:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.area = scenario.areas[0].id
        self.nations = {n.code: n for n in scenario.nations}
        self.units = {u.id: u for u in scenario.unit_types}
        self.locked = {(lock.nation, lock.unit_type) for lock in scenario.locks}
        # tables for the inner loops: a cell's cost, a unit's troops on the ground, offers
        self._cost = {
            (n.code, u.id): n.cost_per_troop * u.personnel
            for n in scenario.nations
            for u in scenario.unit_types
        }
        self._troops = {u.id: u.personnel if u.deployed else 0 for u in scenario.unit_types}
        self._offer = {
            (n.code, u.id): n.offer(u.id) for n in scenario.nations for u in scenario.unit_types
        }
        self._cells = {
            (n.code, u.id): Cell(n.code, u.id, self.area if u.deployed else None, 1)
            for n in scenario.nations
            for u in scenario.unit_types
        }
        self.adds = sorted(
            (self.cost(n.code, u.id), n.code, u.id)
            for n in scenario.nations
            if n.status != "declined"
            for u in scenario.unit_types
            if n.offer(u.id) > 0 and (n.code, u.id) not in self.locked
        )
        self.checks = 0
        self.work = 0  # pairs and adds looked at by `moves` (a shed stops at SHED_WORK)

    def cost(self, nation: str, unit: str) -> float:
        return self._cost[nation, unit]

    def troops(self, unit: str) -> int:
        return self._troops[unit]

    def cell(self, nation: str, unit: str) -> Cell:
        return self._cells[nation, unit]

    def run(self, plan: dict[Cell, int], floor: float | None) -> dict[Cell, int]:
        value = sum(self.cost(k.nation, k.unit) * v for k, v in plan.items())
        for _ in range(ROUNDS):
            if floor is not None and value <= floor + 1e-6 * max(1.0, abs(floor)):
                break
            found = self.step(plan)
            if found is None:
                break
            plan, saved = found
            value += saved
        return plan

    def shed(self, plan: dict[Cell, int], code: str, first: int) -> dict[Cell, int] | None:
        ceiling = self.nations[code].max_troops
        for round_ in range(ROUNDS):
            if self.work > SHED_WORK:
                return None
            held = sum(self.troops(k.unit) * v for k, v in plan.items() if k.nation == code)
            if held <= ceiling:
                if violations(self.scenario, plan):
                    return None
                return plan
            need = first + 1 if round_ == 0 else 1
            kept: list[tuple[float, int, Move]] = []  # a max-heap of the `need` least dear
            limit = [math.inf]  # moves dearer than the `need`-th least dear are not listed
            for move in self.moves(plan, over=code, limit=limit):
                if self._change_of(code, move) >= 0:
                    continue
                heapq.heappush(kept, (-move[0], -move[1], move))
                if len(kept) > need:
                    heapq.heappop(kept)
                if len(kept) == need:
                    limit[0] = -kept[0][0]
            if len(kept) < need:
                return None
            best = kept[0][2]  # the `need`-th least dear
            plan = _applied(plan, best[2], best[3])
        return None

    def _change_of(self, code: str, move: Move) -> int:
        """What `move` changes in nation `code`'s troops."""
        _, _, outs, ins = move
        return sum(self.troops(k.unit) for k in ins if k.nation == code) - sum(
            self.troops(k.unit) for k in outs if k.nation == code
        )

    def step(self, plan: dict[Cell, int]) -> tuple[dict[Cell, int], float] | None:
        """The cheapest single move that meets every rule, and what it saves (negative)."""
        moves = heapq.nsmallest(TRIES, self.moves(plan), key=lambda move: (move[0], move[1]))
        for saved, _, outs, ins in moves:
            if self.checks >= CHECKS:
                return None
            moved = _applied(plan, outs, ins)
            self.checks += 1
            if not violations(self.scenario, moved):
                return moved, saved
        return None

    def moves(
        self, plan: dict[Cell, int], over: str | None = None, limit: list[float] | None = None
    ) -> Iterator[Move]:
        """(saving, order, cells out, cells in) of every move that passes the quick test;
        nation `over` (above its ceiling) may take any change that lowers its troops, and
        then moves whose saving is `limit[0]` or more (read as they are listed) are left out."""
        limit = limit or [math.inf]
        scenario, nations = self.scenario, self.nations
        cost_of, troops_of, cell_of, offer = self._cost, self._troops, self._cells, self._offer
        troops: dict[str, int] = {}
        count: dict[str, int] = {}
        held: dict[str, int] = {}
        for key, n in plan.items():
            troops[key.nation] = troops.get(key.nation, 0) + troops_of[key.unit] * n
            count[key.unit] = count.get(key.unit, 0) + n
            held[key.nation] = held.get(key.nation, 0) + n
        total = sum(troops.values())
        target, req = scenario.target, scenario.requirements

        taking_part = sum(1 for units in held.values() if units)

        def fits(code: str, change: int, leaves: bool = False) -> bool:
            """Whether the nation's troops stay within its floor and ceiling, or, for one
            that leaves, whether it may (not committed, enough nations left)."""
            nation = nations[code]
            if leaves:
                return nation.status != "committed" and taking_part > scenario.rules.min_nations
            if code == over and change < 0:
                return nation.min_troops <= troops.get(code, 0) + change
            return nation.min_troops <= troops.get(code, 0) + change <= nation.max_troops

        order = 0
        cells = [k for k in plan if (k.nation, k.unit) not in self.locked]
        for key in cells:
            if over is not None and key.nation != over:
                continue  # shedding: only the nation above its ceiling gives up a unit
            worth, size = cost_of[key.nation, key.unit], troops_of[key.unit]
            low = req.get(key.unit)
            if (
                total - size >= target.min_troops
                and (low is None or count[key.unit] - 1 >= low.min)
                and fits(key.nation, -size, held[key.nation] == 1)
            ):
                order += 1
                yield -worth, order, (key,), ()
            for cost, code, unit in self.adds:
                self.work += 1
                if over is None and cost >= worth - 1e-9:
                    break  # improving moves only (a shed takes the least dear instead)
                if cost - worth >= limit[0]:
                    break  # the adds are listed by cost: the rest are dearer still
                if code == key.nation and unit == key.unit:
                    continue
                extra = troops_of[unit]
                if not target.min_troops <= total - size + extra <= target.max_troops:
                    continue
                if unit != key.unit:
                    low, high = req.get(key.unit), req.get(unit)
                    if low is not None and count[key.unit] - 1 < low.min:
                        continue
                    if high is not None and high.max is not None:
                        if count.get(unit, 0) + 1 > high.max:
                            continue
                into = cell_of[code, unit]
                if plan.get(into, 0) >= offer[code, unit]:
                    continue
                if code == key.nation:
                    if not fits(code, extra - size):
                        continue
                elif not (fits(code, extra) and fits(key.nation, -size, held[key.nation] == 1)):
                    continue
                order += 1
                yield cost - worth, order, (key,), (into,)
        if over is None:
            pairs = ((first, second) for i, first in enumerate(cells) for second in cells[i + 1 :])
        else:  # shedding: the nation above its ceiling trades with each other one
            others = [k for k in cells if k.nation != over]
            pairs = (
                (first, second) for first in cells if first.nation == over for second in others
            )
        rate = {code: n.cost_per_troop for code, n in nations.items()}
        people = {uid: u.personnel for uid, u in self.units.items()}
        for first, second in pairs:
            self.work += 1
            a, b = first.nation, second.nation
            if a == b or first.unit == second.unit:
                continue
            if (
                over is None
                and (rate[b] - rate[a]) * (people[first.unit] - people[second.unit]) >= 0
            ):
                continue  # the trade saves nothing (the sum below would say so more slowly)
            saved = (
                cost_of[b, first.unit]
                + cost_of[a, second.unit]
                - cost_of[a, first.unit]
                - cost_of[b, second.unit]
            )
            if (over is None and saved >= -1e-9) or saved >= limit[0]:
                continue
            shift = troops_of[second.unit] - troops_of[first.unit]
            if over is not None and shift >= 0:
                continue  # shedding: the nation above its ceiling (a) must come down
            if not (fits(a, shift) and fits(b, -shift)):
                continue
            to_b, to_a = cell_of[b, first.unit], cell_of[a, second.unit]
            if plan.get(to_b, 0) >= offer[b, first.unit]:
                continue
            if plan.get(to_a, 0) >= offer[a, second.unit]:
                continue
            order += 1
            yield saved, order, (first, second), (to_b, to_a)


def _applied(
    plan: dict[Cell, int], outs: tuple[Cell, ...], ins: tuple[Cell, ...]
) -> dict[Cell, int]:
    """`plan` with a unit taken out of each cell of `outs` and one put into each of `ins`."""
    moved = dict(plan)
    for key in outs:
        moved[key] -= 1
        if not moved[key]:
            del moved[key]
    for key in ins:
        moved[key] = moved.get(key, 0) + 1
    return moved
