"""A bound per force total that sees the requirements: the Lagrangian of the coupling rows.

The hull bound of :mod:`fair_bound` looks at each nation alone: it ignores the
requirement rows and ``min_nations``, which is why requirement-heavy scenarios
leave hundreds of totals open below the best plan. Here each nation's choices
are enumerated as columns (a count of each deployed type it offers, locks held,
its troops one it can send by :mod:`troop_totals`), and at a total T the LP over
convex combinations of one column per nation, with the requirement rows, the
nations row and the total row, is solved: a Dantzig-Wolfe master, whose value is
the Lagrangian dual of those rows (issue 18 item 4).

The bound returned is never the LP's own objective but the Lagrangian function
at the LP's row duals, evaluated here in exact arithmetic over every column:
a valid lower bound for any multipliers of the right sign, so solver
tolerances cannot make it cut off a plan. The same multipliers give a bound at
every other total in one pass over the columns (:meth:`ColumnBound.lagrangian`).

Only rows that hold in every plan are used, and some are left out (stand-off
requirements, per-area requirements, locks within one area, conditions between
nations): leaving a row out only weakens the bound.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import highspy
import numpy as np

from planner.optimise.fair_bound import share_cap
from planner.optimise.troop_totals import TroopTotals, open_nations
from planner.scenario.model import Scenario

MAX_COLUMNS = 300_000
"""Most columns (unit-count choices summed over nations) enumerated; beyond, no bound."""

MAX_NATION_COLUMNS = 50_000
"""Most choices one nation may have (a product of its offers); beyond, no bound."""

SAFETY = 1e-7
"""Relative margin taken off each bound, for floating-point sums over many columns."""


@dataclass(frozen=True)
class Multipliers:
    """Row duals of one master LP: requirements (per deployed type), nations, total."""

    requirement: np.ndarray
    nations: float
    total: float


class ColumnBound:
    """Columns of every nation not declined and the master LP over them, built once."""

    def __init__(
        self,
        scenario: Scenario,
        counts: np.ndarray,
        owner: np.ndarray,
        troops: np.ndarray,
        takes_part: np.ndarray,
        phi: np.ndarray,
    ) -> None:
        self.counts, self.owner, self.troops, self.takes_part = counts, owner, troops, takes_part
        self.phi = phi
        self.nations = int(owner.max()) + 1 if len(owner) else 0
        self.starts = np.r_[0, np.flatnonzero(np.diff(owner)) + 1]
        types = [u for u in scenario.unit_types if u.deployed]
        need = [scenario.requirements.get(u.id) for u in types]
        self.low = np.array([r.min if r else 0 for r in need], dtype=float)
        self.high = np.array(
            [np.inf if r is None or r.max is None else r.max for r in need], dtype=float
        )
        self.min_nations = float(scenario.rules.min_nations)
        self.max_share = scenario.rules.max_share
        self._counts = counts.astype(np.float64)
        self._troops = troops.astype(np.float64)
        self._fair = phi[owner]
        self._cached: tuple[int, float, np.ndarray, Multipliers] | None = None
        self._highs = self._master()

    @classmethod
    def build(
        cls, scenario: Scenario, sets: Sequence[TroopTotals], phi: np.ndarray
    ) -> ColumnBound | None:
        """The columns of `scenario`, or None when they would be too many or add nothing
        (no requirement on a deployed type and no ``min_nations``: the hull bound is it)."""
        types = [u for u in scenario.unit_types if u.deployed]
        index = {u.id: i for i, u in enumerate(types)}
        coupled = any(
            (r.min > 0 or r.max is not None) for u, r in scenario.requirements.items() if u in index
        )
        if not types or not (coupled or scenario.rules.min_nations > 0):
            return None
        personnel = np.array([u.personnel for u in types], dtype=np.int64)
        nations = open_nations(scenario)
        blocks, owners = [], []
        total = 0
        for k, (nation, allowed) in enumerate(zip(nations, sets, strict=True)):
            locked: dict[str, int] = {}
            for lock in scenario.locks:  # a lock within one area fixes only part: left out
                if lock.nation == nation.code and lock.area is None and lock.unit_type in index:
                    locked[lock.unit_type] = lock.count
            offered = [u for u in index if nation.offer(u) > 0]
            ranges = [[locked[u]] if u in locked else range(nation.offer(u) + 1) for u in offered]
            size = int(np.prod([len(r) for r in ranges], dtype=np.float64)) if ranges else 1
            total += size
            if size > MAX_NATION_COLUMNS or total > MAX_COLUMNS:
                return None
            block = np.zeros((size, len(types)), dtype=np.int64)
            if offered:
                grid = np.array(list(itertools.product(*ranges)), dtype=np.int64)
                block[:, [index[u] for u in offered]] = grid
            keep = np.isin(block @ personnel, allowed.values)  # the totals it can send
            blocks.append(block[keep])
            owners.append(np.full(int(keep.sum()), k))
            if not keep.any():
                return None  # no column: the search has no total either
        counts = np.concatenate(blocks)
        owner = np.concatenate(owners)
        troops = counts @ personnel
        standoff = np.array(
            [
                any(nation.offer(u.id) > 0 for u in scenario.unit_types if not u.deployed)
                for nation in nations
            ]
        )
        # taking part: any deployed unit, or (optimistically) stand-off units alone
        takes_part = (counts.sum(axis=1) > 0) | standoff[owner]
        return cls(scenario, counts, owner, troops, takes_part.astype(float), phi)

    @property
    def columns(self) -> int:
        return len(self.owner)

    def _master(self) -> highspy.Highs:
        """The master LP: one convexity row per nation, the requirement rows (deployed
        types), the nations row and the total row; costs and the total set per call."""
        k, n, u = self.columns, self.nations, self.counts.shape[1]
        rows = n + u + 2
        starts, index, value = [0], [], []
        for j in range(k):
            col = [self.owner[j]] + [n + t for t in np.flatnonzero(self.counts[j])]
            val = [1.0] + [float(c) for c in self.counts[j][self.counts[j] > 0]]
            if self.takes_part[j]:
                col.append(n + u)
                val.append(1.0)
            if self.troops[j]:
                col.append(n + u + 1)
                val.append(float(self.troops[j]))
            index += col
            value += val
            starts.append(len(index))
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = k, rows
        lp.col_cost_ = np.zeros(k)
        lp.col_lower_ = np.zeros(k)
        lp.col_upper_ = np.full(k, inf)
        lp.row_lower_ = np.r_[np.ones(n), self.low, self.min_nations, 0.0]
        lp.row_upper_ = np.r_[np.ones(n), np.where(np.isinf(self.high), inf, self.high), inf, 0.0]
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(value)
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("threads", 1)
        highs.setOptionValue("presolve", "off")  # each call starts from the last basis
        highs.passModel(lp)
        return highs

    def _cap(self, total: int | np.ndarray) -> np.ndarray:
        return share_cap(self.max_share, np.asarray(total))

    def at(self, total: int) -> tuple[float, Multipliers | None]:
        """The bound at `total` from its master LP, and the multipliers it gives.

        inf (and no multipliers) when the master is infeasible: then no plan has this
        total either. -inf when HiGHS settles nothing (no bound is claimed).
        """
        highs, k = self._highs, self.columns
        every = np.arange(k, dtype=np.int32)
        cap = float(self._cap(total))
        highs.changeColsCost(k, every, np.abs(self.troops - self.phi[self.owner] * total))
        highs.changeColsBounds(
            k, every, np.zeros(k), np.where(self.troops <= cap, highspy.kHighsInf, 0.0)
        )
        rows = self.nations + self.counts.shape[1] + 2
        highs.changeRowBounds(rows - 1, float(total), float(total))
        highs.run()
        status = highs.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return np.inf, None
        if status != highspy.HighsModelStatus.kOptimal:
            return -np.inf, None
        dual = np.asarray(highs.getSolution().row_dual)
        n, u = self.nations, self.counts.shape[1]
        mult = Multipliers(dual[n : n + u].copy(), float(dual[n + u]), float(dual[n + u + 1]))
        return float(self.lagrangian(np.array([total]), mult)[0]), mult

    def _fixed(self, mult: Multipliers) -> tuple[float, np.ndarray]:
        """The multipliers' constant and each column's part of its reduced cost that does not
        depend on the total; a multiplier of the wrong sign for its row is taken as zero."""
        key = id(mult)
        if self._cached is not None and self._cached[0] == key:
            return self._cached[1], self._cached[2]
        y = np.where(
            mult.requirement >= 0,
            mult.requirement,
            np.where(np.isinf(self.high), 0.0, mult.requirement),
        )
        side = np.where(y >= 0, self.low, np.where(np.isinf(self.high), 0.0, self.high))
        y_nations = max(mult.nations, 0.0)
        constant = float(y @ side) + y_nations * self.min_nations
        fixed = self._counts @ y + y_nations * self.takes_part + mult.total * self._troops
        self._cached = (key, constant, fixed, mult)
        return constant, fixed

    def lagrangian(self, totals: np.ndarray, mult: Multipliers, block: int = 64) -> np.ndarray:
        """The Lagrangian bound at each of `totals` with multipliers `mult` (inf: no plan).

        Sum over nations of the least reduced cost of a column that fits the total's
        share cap, plus each row's multiplier times the side of it that binds. A
        multiplier of the wrong sign for its row (a requirement with no maximum, or
        the nations row, below zero) is taken as zero, which keeps the bound valid.
        """
        constant, fixed = self._fixed(mult)
        fair = self._fair
        out = np.empty(len(totals))
        for first in range(0, len(totals), block):
            part = np.asarray(totals[first : first + block], dtype=np.float64)
            cost = np.abs(self._troops[None, :] - fair[None, :] * part[:, None]) - fixed[None, :]
            cost[self._troops[None, :] > self._cap(part)[:, None]] = np.inf
            least = np.minimum.reduceat(cost, self.starts, axis=1)
            value = least.sum(axis=1) + constant + mult.total * part
            out[first : first + block] = value - SAFETY * (1.0 + np.abs(value))
        return out

    def tighten(
        self,
        totals: np.ndarray,
        bounds: np.ndarray,
        best: float,
        check: Callable[[], None] = lambda: None,
    ) -> np.ndarray:
        """`bounds` at `totals` raised where they are below `best` (the best plan's value).

        Totals are taken in ascending order, so each master LP starts from a neighbour's
        basis and the last multipliers, applied first through :meth:`lagrangian` (a
        fraction of a millisecond), settle most totals without an LP. `check` runs
        before each LP (a deadline or Cancel may raise there).
        """
        out = np.array(bounds, dtype=np.float64)
        last: Multipliers | None = None
        for i in np.argsort(totals, kind="stable"):
            if out[i] >= best:
                continue
            total = int(totals[i])
            if last is not None:
                out[i] = max(out[i], float(self.lagrangian(np.array([total]), last)[0]))
                if out[i] >= best:
                    continue
            check()
            value, mult = self.at(total)
            out[i] = max(out[i], value)
            last = mult if mult is not None else last
        return out
