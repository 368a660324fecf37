"""A lower bound on the fair_share objective for each possible force total.

Once the force total T is fixed, each nation's fair share c(n) = phi(n) T is
a constant and its deviation |D(n) - c(n)| is a function of D(n) alone.
Over the troop totals the nation can actually send (:mod:`troop_totals`)
the convex hull of that function has at most three pieces: slope -1 up to
the largest total a(n) <= c(n), the chord from a(n) to the smallest total
b(n) >= c(n), and slope +1 beyond. Minimising the sum of these hulls with
the sum of D(n) equal to T is a greedy fill by slope, which gives a bound
that ignores only requirements, minimum nations and locks across nations.
The integer program's own LP bound is near 0 (it can give every nation its
fair share exactly); this one is usually attained, which is what lets
:mod:`fair_search` prove optimality in one or two solves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from planner.optimise.troop_totals import TroopTotals

SHARE_SLACK = 1e-6
"""Troops of rounding allowed on max_share * T, so the bound never cuts a plan off."""

SNAP = 1e-9
"""Relative distance at which phi(n) T counts as equal to a troop total (float noise)."""

CELLS_PER_BLOCK = 1 << 22
"""Totals x nations evaluated at once: bounds memory to some hundred MB."""


@dataclass(frozen=True)
class Hulls:
    """The hull pieces of every nation at each total in `totals` (arrays: totals x nations).

    `start` and `top` are the least and most a nation can send (0 if it may
    stay out), `a` and `b` its totals either side of its fair share `c`
    (`has_a`, `has_b` say whether they exist), `feasible` per total whether
    every nation can send something that fits.
    """

    totals: np.ndarray
    c: np.ndarray
    start: np.ndarray
    top: np.ndarray
    a: np.ndarray
    b: np.ndarray
    has_a: np.ndarray
    has_b: np.ndarray
    feasible: np.ndarray


def share_cap(max_share: float, totals: np.ndarray) -> np.ndarray:
    """The most troops one nation may send at each force total (inf: no cap)."""
    t = np.asarray(totals, dtype=np.float64)
    return np.floor(max_share * t + SHARE_SLACK) if max_share < 1 else np.full(t.shape, np.inf)


def hulls(
    sets: Sequence[TroopTotals], phi: np.ndarray, max_share: float, totals: np.ndarray
) -> Hulls:
    """Hull pieces of each nation (columns) at each force total (rows)."""
    t = totals.astype(np.float64)
    shape = (len(t), len(sets))
    c = t[:, None] * phi[None, :]
    cap = share_cap(max_share, t)
    start, top, a, b = (np.zeros(shape) for _ in range(4))
    has_a, has_b = np.zeros(shape, bool), np.zeros(shape, bool)
    feasible = np.ones(len(t), bool)
    for i, nation in enumerate(sets):
        values = nation.values
        if len(values) == 0:
            feasible[:] = False
            continue
        fits = np.searchsorted(values, cap, side="right")  # totals <= max_share * T
        feasible &= fits > 0
        fits = np.maximum(fits, 1)
        # a fair share within rounding noise of a total it can send *is* that total:
        # else a chord of slope 1 - 1e-15 would pass for cheaper than the rising pieces
        noise = SNAP * np.maximum(1.0, np.abs(c[:, i]))
        below = np.minimum(np.searchsorted(values, c[:, i] + noise, side="right"), fits) - 1
        above = np.searchsorted(values, c[:, i] - noise, side="left")
        has_a[:, i], has_b[:, i] = below >= 0, above < fits
        a[:, i] = values[np.maximum(below, 0)]
        b[:, i] = values[np.minimum(above, len(values) - 1)]
        start[:, i], top[:, i] = values[0], values[fits - 1]
    feasible &= (start.sum(axis=1) <= t) & (top.sum(axis=1) >= t)
    return Hulls(totals, c, start, top, a, b, has_a, has_b, feasible)


def _pieces(h: Hulls) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Value at `start`, lengths of the -1, chord and +1 pieces, and each chord's slope."""
    base = np.where(h.has_a, h.c - h.start, h.start - h.c)
    falling = np.where(h.has_a, h.a - h.start, 0.0)
    chord = np.where(h.has_a & h.has_b & (h.b > h.a), h.b - h.a, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.where(chord > 0, (h.a + h.b - 2 * h.c) / chord, np.inf)
    rising = np.where(h.has_b, h.top - h.b, 0.0)
    return base, falling, chord, slope, rising


def lower_bounds(h: Hulls) -> np.ndarray:
    """For each total, the least sum of hull deviations with sum D(n) = T (inf: no plan)."""
    base, falling, chord, slope, _ = _pieces(h)
    need = h.totals - h.start.sum(axis=1)
    value = base.sum(axis=1) - np.minimum(need, falling.sum(axis=1))
    rest = need - falling.sum(axis=1)
    order = np.argsort(slope, axis=1, kind="stable")
    lengths = np.take_along_axis(chord, order, axis=1)
    slopes = np.take_along_axis(slope, order, axis=1)
    before = np.cumsum(lengths, axis=1) - lengths
    used = np.clip(rest[:, None] - before, 0.0, lengths)
    value += (np.where(used > 0, slopes, 0.0) * used).sum(axis=1)
    value += np.maximum(rest - chord.sum(axis=1), 0.0)
    return np.where(h.feasible, value, np.inf)


def lower_bounds_over(
    sets: Sequence[TroopTotals],
    phi: np.ndarray,
    max_share: float,
    totals: np.ndarray,
    between_blocks: Callable[[], None] = lambda: None,
) -> np.ndarray:
    """:func:`lower_bounds` for every total in `totals`, block by block to bound memory.

    `between_blocks` runs before each block (a deadline check may raise there).
    """
    block = max(1, CELLS_PER_BLOCK // max(1, len(sets)))
    out = np.empty(len(totals))
    for first in range(0, len(totals), block):
        between_blocks()
        part = totals[first : first + block]
        out[first : first + block] = lower_bounds(hulls(sets, phi, max_share, part))
    return out


@dataclass(frozen=True)
class Window:
    """At one total: each nation's D(n) range holding every bound-optimal plan, and its chord."""

    total: int
    bound: float
    low: np.ndarray
    high: np.ndarray
    fair: np.ndarray
    chord_a: np.ndarray
    chord_b: np.ndarray
    has_chord: np.ndarray
    fill: np.ndarray


def window(sets: Sequence[TroopTotals], phi: np.ndarray, max_share: float, total: int) -> Window:
    """Where the bound's optimum lies at `total`, nation by nation.

    The greedy fill stops at a slope: every nation on a cheaper piece is
    filled, every nation on a dearer one untouched. If it stops on a chord,
    every bound-optimal plan has a(n) <= D(n) <= b(n); if on the rising
    pieces, D(n) >= a(n) (or b(n)); if on the falling ones, D(n) <= b(n).
    A plan inside these ranges that reaches the bound is optimal at this total.
    """
    h = hulls(sets, phi, max_share, np.array([total]))
    bound = float(lower_bounds(h)[0])
    _, falling, chord, slope, rising = (p[0] for p in _pieces(h))
    rest = total - h.start.sum() - falling.sum()
    low = h.start[0] if rest <= 0 else np.where(h.has_a[0], h.a[0], h.b[0])
    high = h.top[0] if rest > chord.sum() else np.where(h.has_b[0], h.b[0], h.a[0])
    fill = _greedy(
        h.start[0],
        [falling, chord[np.argsort(slope, kind="stable")], rising],
        np.argsort(slope, kind="stable"),
        total,
    )
    return Window(total, bound, low, high, h.c[0], h.a[0], h.b[0], chord > 0, fill)


def _greedy(
    start: np.ndarray, pieces: list[np.ndarray], chord_order: np.ndarray, total: int
) -> np.ndarray:
    """One bound-optimal D: falling pieces, then chords by slope, then rising pieces."""
    fill = start.copy()
    need = total - start.sum()
    for k, lengths in enumerate(pieces):
        order = chord_order if k == 1 else np.arange(len(start))
        for i, length in zip(order, lengths, strict=True):
            if need <= 0:
                return fill
            take = min(length, need)
            fill[i] += take
            need -= take
    return fill
