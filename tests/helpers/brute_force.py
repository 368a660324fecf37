"""Exhaustive enumeration of small scenarios: the exact answers the solver must match.

Every assignment of x[n,u] in 0..offer (and y[n]) is enumerated. Each nation's
hard-feasible choices (H1-H4) are listed first, then all combinations are laid
out as numpy rows, so a few hundred thousand plans take milliseconds. From
that table we read:

* the exact optimum of each objective over fully feasible plans (or None);
* for each soft constraint, the best value reachable under the hard
  constraints alone, with the spec's `required` and `gap` (section 3 item 2);
* whether any subset of soft constraints can hold together (section 3 item 3);
* for committed nations that cannot meet their own statements, why not
  (section 3 item 1).

Shares only the scenario reading (defaults, phi, names) with
:mod:`spec_checker`; nothing from ``planner/``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tests.helpers.spec_checker import (
    SHARE_TOL,
    Model,
    fair_shares,
    hard_violations,
    model_of,
    plan_of,
    soft_constraint_names,
    soft_satisfied,
)

MAX_ROWS = 3_000_000


@dataclass(frozen=True)
class NationFailure:
    """Why a committed nation has no hard-feasible choice.

    `mode` is ``"floor"`` (its offers within its ceiling cannot reach its
    floor; then `required` is the floor and `best_reachable` the most it can
    deploy within the ceiling), ``"ceiling"`` (every possible contribution is
    above its ceiling) or ``"no_offers"``.
    """

    code: str
    mode: str
    required: int | None = None
    best_reachable: int | None = None

    @property
    def gap(self) -> int | None:
        if self.required is None or self.best_reachable is None:
            return None
        return self.required - self.best_reachable


@dataclass(frozen=True)
class Unmet:
    constraint: str
    required: float
    best_reachable: float
    gap: float


@dataclass
class BruteForce:
    """The enumerated plan table of one scenario and what it implies."""

    model: Model
    failures: dict[str, NationFailure]
    rows: int = 0
    soft_names: list[str] = field(default_factory=list)
    masks: dict[str, np.ndarray] = field(default_factory=dict)
    objectives: dict[str, np.ndarray] = field(default_factory=dict)
    best: dict[str, Unmet] = field(default_factory=dict)
    x: np.ndarray | None = None  # (rows, nations, units)

    @property
    def hard_feasible(self) -> bool:
        return not self.failures

    def satisfiable(self, names: Iterable[str]) -> bool:
        """Can all the soft constraints `names` hold together under the hard ones?"""
        if not self.hard_feasible:
            return False
        mask = np.ones(self.rows, dtype=bool)
        for name in names:
            mask &= self.masks[name]
        return bool(mask.any())

    @property
    def feasible(self) -> bool:
        return self.satisfiable(self.soft_names)

    def optimum(self, objective: str) -> float | None:
        """The exact minimum of `objective` over feasible plans; None when there is none."""
        if not self.feasible:
            return None
        mask = np.ones(self.rows, dtype=bool)
        for name in self.soft_names:
            mask &= self.masks[name]
        return float(self.objectives[objective][mask].min())

    def individually_unmet(self) -> list[str]:
        """Soft constraints that fail even with all the others dropped (section 3 item 2)."""
        return [name for name in self.soft_names if not self.satisfiable([name])]

    def is_minimal_conflict(self, names: list[str]) -> tuple[bool, str]:
        """Section 3 item 3: jointly unsatisfiable, and satisfiable after dropping any one."""
        unknown = [n for n in names if n not in self.masks]
        if unknown:
            return False, f"not soft constraints of this scenario: {unknown}"
        if len(set(names)) != len(names):
            return False, f"duplicates in {names}"
        if self.satisfiable(names):
            return False, f"{names} can all hold together"
        for name in names:
            rest = [n for n in names if n != name]
            if not self.satisfiable(rest):
                return False, f"still unsatisfiable without {name}: {rest}"
        return True, ""


def nation_options(model: Model, nation_index: int) -> list[tuple[int, ...]]:
    """Every x[n, .] vector (with its implied y) that meets H1-H4 for this nation."""
    n = model.nations[nation_index]
    troops = [u.troops for u in model.units]
    options: list[tuple[int, ...]] = []
    if n.status != "committed":
        options.append(tuple(0 for _ in model.units))  # y = 0
    if n.status != "declined":
        ranges = [range(n.offer(u.id) + 1) for u in model.units]
        for x in itertools.product(*ranges):
            if sum(x) < 1:
                continue
            d = sum(t * c for t, c in zip(troops, x, strict=True))
            if n.min_troops <= d <= n.max_troops:
                options.append(x)
    return options


def _failure(model: Model, nation_index: int) -> NationFailure:
    n = model.nations[nation_index]
    troops = [u.troops for u in model.units]
    ranges = [range(n.offer(u.id) + 1) for u in model.units]
    reachable = [
        sum(t * c for t, c in zip(troops, x, strict=True))
        for x in itertools.product(*ranges)
        if sum(x) >= 1
    ]
    if not reachable:
        return NationFailure(n.code, "no_offers")
    within = [d for d in reachable if d <= n.max_troops]
    if within:
        return NationFailure(n.code, "floor", n.min_troops, max(within))
    return NationFailure(n.code, "ceiling")


def analyse(scenario: Mapping[str, Any]) -> BruteForce:
    """Enumerate every plan of a small scenario."""
    model = model_of(scenario)
    options = [nation_options(model, i) for i in range(len(model.nations))]
    failures = {
        model.nations[i].code: _failure(model, i) for i, opts in enumerate(options) if not opts
    }
    bf = BruteForce(model, failures, soft_names=soft_constraint_names(model))
    if failures:
        return bf
    shape = tuple(len(o) for o in options)
    rows = int(np.prod(shape)) if shape else 1
    if rows > MAX_ROWS:
        raise ValueError(f"scenario too large for brute force: {rows} plans")
    n_nations, n_units = len(model.nations), len(model.units)
    x = np.zeros((rows, n_nations, n_units), dtype=np.int64)
    if n_nations:
        index = np.indices(shape).reshape(n_nations, -1)
        for i, opts in enumerate(options):
            x[:, i, :] = np.asarray(opts, dtype=np.int64).reshape(len(opts), n_units)[index[i]]
    bf.rows, bf.x = rows, x
    _evaluate(bf)
    return bf


def _evaluate(bf: BruteForce) -> None:
    model, x = bf.model, bf.x
    assert x is not None
    troops_per_unit = np.array([u.troops for u in model.units], dtype=np.int64)
    personnel = np.array([u.personnel for u in model.units], dtype=np.float64)
    cost = np.array([n.cost_per_troop for n in model.nations], dtype=np.float64)
    d = (x * troops_per_unit).sum(axis=2)  # (rows, nations)
    total = d.sum(axis=1)
    y = x.sum(axis=2) >= 1
    counts = x.sum(axis=1)  # (rows, units)
    phi = fair_shares(model)
    phi_vec = np.array([phi[n.code] for n in model.nations], dtype=np.float64)
    bf.objectives = {
        "min_cost": ((x * personnel).sum(axis=2) * cost).sum(axis=1),
        "fair_share": np.abs(d - phi_vec * total[:, None]).sum(axis=1),
    }
    unit_index = {u.id: j for j, u in enumerate(model.units)}
    nation_index = {n.code: i for i, n in enumerate(model.nations)}

    def record(name, mask, required, best, gap):
        bf.masks[name] = mask
        bf.best[name] = Unmet(name, required, best, gap)

    record(
        "target.min_troops",
        total >= model.target_min,
        model.target_min,
        int(total.max()),
        model.target_min - int(total.max()),
    )
    record(
        "target.max_troops",
        total <= model.target_max,
        model.target_max,
        int(total.min()),
        int(total.min()) - model.target_max,
    )
    for uid, (low, high) in model.requirements.items():
        c = counts[:, unit_index[uid]]
        record(f"requirement.{uid}.min", c >= low, low, int(c.max()), low - int(c.max()))
        if high is not None:
            record(f"requirement.{uid}.max", c <= high, high, int(c.min()), int(c.min()) - high)
    if model.max_share < 1:
        tol = SHARE_TOL * np.maximum(1.0, total)
        for i, n in enumerate(model.nations):
            excess = d[:, i] - model.max_share * total
            best = float(excess.min())
            record(f"share.{n.code}", excess <= tol, 0, best, best)
    participants = y.sum(axis=1)
    record(
        "min_nations",
        participants >= model.min_nations,
        model.min_nations,
        int(participants.max()),
        model.min_nations - int(participants.max()),
    )
    for code, uid, count in model.locks:
        values = x[:, nation_index[code], unit_index[uid]]
        reachable = sorted(set(values.tolist()))
        nearest = min(reachable, key=lambda v: (abs(v - count), v))
        record(f"lock.{code}.{uid}", values == count, count, nearest, abs(count - nearest))


def feasible_plans(data):
    """Every allocation of a tiny scenario that meets every rule (independent checker)."""
    model = model_of(data)
    cells = [
        (n.code, u.id, n.offer(u.id)) for n in model.nations for u in model.units if n.offer(u.id)
    ]
    for counts in itertools.product(*(range(offer + 1) for _, _, offer in cells)):
        x = {(code, uid): c for (code, uid, _), c in zip(cells, counts, strict=True) if c}
        plan = plan_of(model, x)
        if not hard_violations(model, plan) and all(soft_satisfied(model, plan).values()):
            yield model, plan
