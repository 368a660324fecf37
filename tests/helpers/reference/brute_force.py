"""Exhaustive enumeration of tiny Part II scenarios: the answers the reference MILP must match.

Every plan is listed. Per nation and unit type, the period-by-period
distributions over the nation's caveat areas that meet H1 (offer, readiness)
and H1r (rotation) are enumerated; their product per nation is filtered by
H3 (ceiling every period, floor in full periods when taking part) and the
status rule for declined nations; the product over nations is checked for H5
(requires, min_partners) and H4 for committed nations. Each plan is a row of
additive integer features (troops per nation and period, counts per unit
type, area and lock, ...), so every rule is a numpy comparison over all rows.

Shares nothing with :mod:`reference.reference_milp` except the scenario
reader and the naming helpers; the share rule is exact (integers times the
rational ``max_share``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from .scenario import Nation, Scenario, Unit, fair_shares, lock_base, lock_periods, period_name

MAX_PLANS = 200_000


def _total_sequences(scn: Scenario, nat: Nation, unit: Unit) -> Iterator[tuple[int, ...]]:
    """Per-period totals X(n,u,t) meeting H1 (offer, ready_from) and H1r (rotation)."""
    offer, ready, r = nat.offer(unit.id), nat.ready_from(unit.id), nat.rotation

    def extend(prefix: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
        t = len(prefix) + 1
        if t > scn.periods:
            yield prefix
            return
        top = 0 if t < ready else offer
        recent = sum(prefix[max(0, t - r) : t - 1])  # periods max(1, t-r+1) .. t-1
        for k in range(0, min(top, offer - recent) + 1):
            yield from extend(prefix + (k,))

    yield from extend(())


def _slots(scn: Scenario, nat: Nation, unit: Unit) -> tuple[str | None, ...]:
    return nat.areas if unit.deployed else (None,)


def _splits(k: int, slots: int) -> Iterator[tuple[int, ...]]:
    """Every way to place k units in `slots` areas."""
    if slots == 1:
        yield (k,)
        return
    for first in range(k + 1):
        for rest in _splits(k - first, slots - 1):
            yield (first, *rest)


def unit_options(scn: Scenario, nat: Nation, unit: Unit) -> int:
    """How many rotation-feasible placements of one nation's units of one type exist."""
    s = len(_slots(scn, nat, unit))
    return sum(
        math.prod(math.comb(k + s - 1, s - 1) for k in seq)
        for seq in _total_sequences(scn, nat, unit)
    )


def search_space_size(scn: Scenario) -> int:
    """An upper bound on the plans the enumeration lists (before H3 and H5)."""
    return math.prod(
        1 if n.status == "declined" else math.prod(unit_options(scn, n, u) for u in scn.units)
        for n in scn.nations
    )


@dataclass
class _Layout:
    """Column positions of the additive features of a plan."""

    scn: Scenario

    def __post_init__(self) -> None:
        scn, cols = self.scn, itertools.count()
        T = scn.period_range
        self.y = {n.code: next(cols) for n in scn.nations}
        self.units = {n.code: next(cols) for n in scn.nations}
        self.cost = {n.code: next(cols) for n in scn.nations}  # personnel x count, every type
        self.D = {(n.code, t): next(cols) for n in scn.nations for t in T}
        self.Din = {(n.code, t): next(cols) for n in scn.nations for t in T}
        self.X = {(u.id, t): next(cols) for u in scn.units for t in T}
        self.area = {(a.id, t): next(cols) for a in scn.areas for t in T}
        self.area_unit = {(a, u, t): next(cols) for (a, u) in scn.area_requirements for t in T}
        self.locks = [(lock, t, next(cols)) for lock in scn.locks for t in lock_periods(scn, lock)]
        self.width = next(cols)


Entry = tuple[tuple[str, str, str | None, int], int]


def _unit_table(lay: _Layout, nat: Nation, unit: Unit) -> tuple[np.ndarray, list[list[Entry]]]:
    """Feature rows of every placement of one nation's units of one type, and the placements."""
    scn = lay.scn
    in_target = {a.id: a.in_target for a in scn.areas}
    slots = _slots(scn, nat, unit)
    rows, placements = [], []
    for seq in _total_sequences(scn, nat, unit):
        for placed in itertools.product(*(_splits(k, len(slots)) for k in seq)):
            row = np.zeros(lay.width, dtype=np.int64)
            entries: list[Entry] = []
            for t, split in zip(scn.period_range, placed, strict=True):
                for a, c in zip(slots, split, strict=True):
                    if c == 0:
                        continue
                    entries.append(((nat.code, unit.id, a, t), c))
                    troops = unit.personnel * c
                    row[lay.units[nat.code]] += c
                    row[lay.cost[nat.code]] += troops
                    row[lay.X[unit.id, t]] += c
                    if a is not None:
                        row[lay.D[nat.code, t]] += troops
                        row[lay.Din[nat.code, t]] += troops if in_target[a] else 0
                        row[lay.area[a, t]] += troops
                        if (a, unit.id, t) in lay.area_unit:
                            row[lay.area_unit[a, unit.id, t]] += c
                    for lock, s, col in lay.locks:
                        if (lock.nation, lock.unit, s) == (nat.code, unit.id, t):
                            row[col] += c if lock.area in (None, a) else 0
            rows.append(row)
            placements.append(entries)
    return np.array(rows, dtype=np.int64).reshape(-1, lay.width), placements


def _product(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a[:, None, :] + b[None, :, :]).reshape(-1, a.shape[1])


@dataclass(frozen=True)
class _Choices:
    """A nation's kept rows, as flat indices into the product of its unit tables."""

    placements: list[list[list[Entry]]]
    kept: np.ndarray

    def entries(self, j: int) -> list[Entry]:
        if not self.placements:
            return []
        sizes = [len(p) for p in self.placements]
        picks = np.unravel_index(int(self.kept[j]), sizes)
        return [e for p, i in zip(self.placements, picks, strict=True) for e in p[int(i)]]


def _nation_table(lay: _Layout, nat: Nation) -> tuple[np.ndarray, _Choices]:
    """The nation's choices meeting H1, H1r, H2, H3; only the empty one if declined."""
    table = np.zeros((1, lay.width), dtype=np.int64)
    if nat.status == "declined":
        return table, _Choices([], np.zeros(1, dtype=np.int64))
    placements = []
    for unit in lay.scn.units:
        unit_rows, unit_placements = _unit_table(lay, nat, unit)
        table = _product(table, unit_rows)
        placements.append(unit_placements)
    takes_part = table[:, lay.units[nat.code]] > 0
    ok = np.ones(len(table), dtype=bool)
    for t in lay.scn.period_range:
        d = table[:, lay.D[nat.code, t]]
        ok &= d <= nat.max_troops
        if t >= lay.scn.full_from:
            ok &= ~takes_part | (d >= nat.min_troops)
    table[:, lay.y[nat.code]] = takes_part
    return table[ok], _Choices(placements, np.flatnonzero(ok))


@dataclass(frozen=True)
class SoftValues:
    """One soft constraint over every plan: its value and whether it holds."""

    name: str
    value: np.ndarray
    holds: np.ndarray
    sense: str
    required: float


@dataclass
class Enumeration:
    """Every plan meeting H1-H3 (declined nations out), with the rules evaluated on each."""

    scn: Scenario
    lay: _Layout
    rows: np.ndarray
    h5: np.ndarray  # requires and min_partners hold
    committed: np.ndarray  # every committed nation takes part
    soft: list[SoftValues]
    choices: list[_Choices]

    @property
    def hard(self) -> np.ndarray:
        return self.h5 & self.committed

    def plan(self, i: int) -> dict[tuple[str, str, str | None, int], int]:
        """The plan of row i, as the checker reads plans."""
        sizes = [len(c.kept) for c in self.choices]
        picks = np.unravel_index(i, sizes)
        return dict(e for c, j in zip(self.choices, picks, strict=True) for e in c.entries(int(j)))

    def col(self, index: int) -> np.ndarray:
        return self.rows[:, index]

    def cost(self) -> np.ndarray:
        return sum(
            n.cost_per_troop * self.col(self.lay.cost[n.code]).astype(float)
            for n in self.scn.nations
        )

    def fairness(self) -> np.ndarray:
        phi, out = fair_shares(self.scn), np.zeros(len(self.rows))
        for t in self.scn.period_range:
            ground = sum(self.col(self.lay.D[n.code, t]) for n in self.scn.nations)
            for n in self.scn.nations:
                out += np.abs(self.col(self.lay.D[n.code, t]) - phi[n.code] * ground)
        return out


def enumerate_plans(scn: Scenario, limit: int = MAX_PLANS) -> Enumeration:
    if search_space_size(scn) > limit:
        raise ValueError(f"search space {search_space_size(scn)} above {limit}")
    lay = _Layout(scn)
    rows, choices = np.zeros((1, lay.width), dtype=np.int64), []
    for nat in scn.nations:
        table, chosen = _nation_table(lay, nat)
        rows = _product(rows, table)
        choices.append(chosen)
    y = {n.code: rows[:, lay.y[n.code]] for n in scn.nations}
    count = sum(y.values())
    h5 = np.ones(len(rows), dtype=bool)
    committed = np.ones(len(rows), dtype=bool)
    for nat in scn.nations:
        for m in nat.requires:
            h5 &= y[nat.code] <= y[m]
        h5 &= nat.min_partners * y[nat.code] <= count - y[nat.code]
        if nat.status == "committed":
            committed &= y[nat.code] == 1
    enum = Enumeration(scn, lay, rows, h5, committed, [], choices)
    enum.soft = list(_soft_values(enum))
    return enum


def _soft_values(e: Enumeration) -> Iterator[SoftValues]:
    scn, lay = e.scn, e.lay

    def row(name: str, value: np.ndarray, sense: str, rhs: float) -> SoftValues:
        holds = {">=": value >= rhs, "<=": value <= rhs, "==": value == rhs}[sense]
        return SoftValues(name, value, holds, sense, rhs)

    total = {t: sum(e.col(lay.Din[n.code, t]) for n in scn.nations) for t in scn.period_range}
    for t in scn.period_range:
        floor = scn.target_min if t >= scn.full_from else scn.build_up.get(t)
        if floor is not None:
            yield row(period_name(scn, "target.min_troops", t), total[t], ">=", floor)
    for t in scn.period_range:
        yield row(period_name(scn, "target.max_troops", t), total[t], "<=", scn.target_max)
    for u, b in scn.requirements.items():
        for t in scn.full_periods:
            yield row(period_name(scn, f"requirement.{u}.min", t), e.col(lay.X[u, t]), ">=", b.min)
            if b.max is not None:
                yield row(
                    period_name(scn, f"requirement.{u}.max", t), e.col(lay.X[u, t]), "<=", b.max
                )
    for (a, u), b in scn.area_requirements.items():
        for t in scn.full_periods:
            here = e.col(lay.area_unit[a, u, t])
            yield row(period_name(scn, f"area.{a}.{u}.min", t), here, ">=", b.min)
            if b.max is not None:
                yield row(period_name(scn, f"area.{a}.{u}.max", t), here, "<=", b.max)
    for area in scn.areas:
        if area.capacity is not None:
            for t in scn.period_range:
                name = period_name(scn, f"area.{area.id}.capacity", t)
                yield row(name, e.col(lay.area[area.id, t]), "<=", area.capacity)
    p, q = scn.max_share.numerator, scn.max_share.denominator
    for nat in scn.nations:
        for t in scn.period_range:
            din = e.col(lay.Din[nat.code, t])
            value = din - float(scn.max_share) * total[t]
            holds = din * q <= p * total[t]  # exact, unlike the float value reported
            yield SoftValues(period_name(scn, f"share.{nat.code}", t), value, holds, "<=", 0.0)
    count = sum(e.col(lay.y[n.code]) for n in scn.nations)
    yield row("min_nations", count, ">=", scn.min_nations)
    for lock, t, col in lay.locks:
        yield row(period_name(scn, lock_base(lock), t), e.col(col), "==", lock.count)


@dataclass(frozen=True)
class BruteAnswer:
    status: str  # "optimal", "infeasible", "invalid"
    min_cost: float | None
    fair_share: float | None


def brute_optimum(e: Enumeration) -> BruteAnswer:
    """The optimum of both objectives over plans meeting every rule, or why there is none."""
    if not e.hard.any():
        return BruteAnswer("invalid", None, None)
    ok = e.hard.copy()
    for s in e.soft:
        ok &= s.holds
    if not ok.any():
        return BruteAnswer("infeasible", None, None)
    return BruteAnswer("optimal", float(e.cost()[ok].min()), float(e.fairness()[ok].min()))


def best_alone(e: Enumeration, s: SoftValues) -> float:
    """Best value of one soft constraint under the hard ones: max, min, or nearest count."""
    values = s.value[e.hard]
    if s.sense == ">=":
        return float(values.max())
    if s.sense == "<=":
        return float(values.min())
    distance = np.abs(values - s.required)
    nearest = values[distance == distance.min()]
    return float(nearest.min())


def feasible_with(e: Enumeration, names: Iterable[str]) -> bool:
    wanted, ok = set(names), e.hard.copy()
    for s in e.soft:
        if s.name in wanted:
            ok &= s.holds
    return bool(ok.any())


def own_statements_hold(e: Enumeration, code: str) -> bool:
    """Some listed plan has the nation taking part (every other nation may stay out)."""
    return bool((e.col(e.lay.y[code]) == 1).any())


def largest_participation(e: Enumeration) -> set[str]:
    """Section 8's fixed point P: who takes part in some plan meeting H1-H3 and H5.

    Committed nations are free here. Sets meeting the conditions are closed
    under union, so the largest one is the union of them all.
    """
    return {n.code for n in e.scn.nations if (e.col(e.lay.y[n.code])[e.h5] == 1).any()}


def committed_left_out(e: Enumeration) -> list[str]:
    """Committed nations outside P: those section 8 reports, in scenario order."""
    members = largest_participation(e)
    return [n.code for n in e.scn.nations if n.status == "committed" and n.code not in members]
