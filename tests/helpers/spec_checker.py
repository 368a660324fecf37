"""An independent checker of plans against the force model (spec sections 2 and 4).

Written from ``/work/shared/spec/force-model.md`` only; it shares no code with
``planner/``. It reads the *raw* scenario dict (applying the defaults of the
spec's field table itself) and a result dict, recomputes every number from the
allocation and lists each rule the plan breaks. An empty list means the plan
is sound.

Tolerances: counts and troops are integers and must match exactly; the
objective value matches within ``1e-6`` relative (``max(1, |v|)``); the share
rule S5 allows ``1e-6 * max(1, TOTAL)`` of floating-point noise, far below any
real violation in scenarios whose shares have at most a few decimals.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

RESULT_SCHEMA = "force-planner/result@1"
RESULT_KEYS = (
    "schema",
    "status",
    "objective",
    "objective_value",
    "total_troops",
    "nations",
    "allocation",
    "requirements",
    "unmet",
    "conflict",
    "solve_seconds",
)
STATUSES = ("optimal", "feasible", "infeasible", "invalid")
OBJECTIVES = ("min_cost", "fair_share")
REL_TOL = 1e-6
SHARE_TOL = 1e-6


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Unit:
    id: str
    personnel: int
    deployed: bool

    @property
    def troops(self) -> int:
        """Personnel counted in D(n): zero for stand-off units."""
        return self.personnel if self.deployed else 0


@dataclass(frozen=True)
class NationSpec:
    code: str
    status: str
    min_troops: int
    max_troops: int
    cost_per_troop: float
    burden_weight: float
    offers: dict[str, int]

    def offer(self, unit_id: str) -> int:
        return int(self.offers.get(unit_id, 0))


@dataclass(frozen=True)
class Model:
    """The scenario dict with every spec default applied (section 1 table)."""

    units: tuple[Unit, ...]
    nations: tuple[NationSpec, ...]
    target_min: int
    target_max: int
    requirements: dict[str, tuple[int, int | None]]
    max_share: float
    min_nations: int
    locks: tuple[tuple[str, str, int], ...]
    objective: str
    unit_by_id: dict[str, Unit] = field(default_factory=dict)
    nation_by_code: dict[str, NationSpec] = field(default_factory=dict)


def _int(value: Any) -> int:
    """Integers may be written as integral floats (700.0)."""
    if isinstance(value, float):
        assert value == int(value), value
    return int(value)


def model_of(scenario: Mapping[str, Any]) -> Model:
    """Read a raw scenario dict, applying the spec's defaults."""
    units = tuple(
        Unit(u["id"], _int(u["personnel"]), bool(u.get("deployed", True)))
        for u in scenario["unit_types"]
    )
    nations = tuple(
        NationSpec(
            code=n["code"],
            status=n.get("status", "possible"),
            min_troops=_int(n.get("min_troops", 0)),
            max_troops=_int(n["max_troops"]),
            cost_per_troop=float(n.get("cost_per_troop", 1.0)),
            burden_weight=float(n.get("burden_weight", 0.0)),
            offers={k: _int(v) for k, v in (n.get("offers") or {}).items()},
        )
        for n in scenario["nations"]
    )
    requirements = {
        uid: (_int(req.get("min", 0)), None if req.get("max") is None else _int(req["max"]))
        for uid, req in (scenario.get("requirements") or {}).items()
    }
    rules = scenario.get("rules") or {}
    locks = tuple(
        (lk["nation"], lk["unit_type"], _int(lk["count"])) for lk in scenario.get("locks") or []
    )
    return Model(
        units=units,
        nations=nations,
        target_min=_int(scenario["target"]["min_troops"]),
        target_max=_int(scenario["target"]["max_troops"]),
        requirements=requirements,
        max_share=float(rules.get("max_share", 1.0)),
        min_nations=_int(rules.get("min_nations", 0)),
        locks=locks,
        objective=scenario.get("objective", "min_cost"),
        unit_by_id={u.id: u for u in units},
        nation_by_code={n.code: n for n in nations},
    )


def fair_shares(model: Model) -> dict[str, float]:
    """phi(n): burden weight over the non-declined total; equal shares when that is 0."""
    active = [n for n in model.nations if n.status != "declined"]
    total_weight = sum(n.burden_weight for n in active)
    phi = {n.code: 0.0 for n in model.nations}
    for n in active:
        phi[n.code] = n.burden_weight / total_weight if total_weight > 0 else 1.0 / len(active)
    return phi


def soft_constraint_names(model: Model) -> list[str]:
    """Every soft constraint of the scenario, by its spec name (section 4)."""
    names = ["target.min_troops", "target.max_troops"]
    for uid, (_low, high) in model.requirements.items():
        names.append(f"requirement.{uid}.min")
        if high is not None:
            names.append(f"requirement.{uid}.max")
    if model.max_share < 1:
        names += [f"share.{n.code}" for n in model.nations]
    names.append("min_nations")
    names += [f"lock.{code}.{uid}" for code, uid, _count in model.locks]
    return names


# --------------------------------------------------------------------------- plans


@dataclass(frozen=True)
class Plan:
    """Everything spec section 2 derives from x[n,u]."""

    x: dict[tuple[str, str], int]
    troops: dict[str, int]  # D(n)
    total: int  # TOTAL
    participating: dict[str, bool]  # y(n)
    counts: dict[str, int]  # sum over n of x[n,u]


def plan_of(model: Model, cells: Mapping[tuple, int]) -> Plan:
    """The plan of `cells`, keyed by (nation, unit type, ...): a one-period, one-area plan, so
    any further key parts (the project's area and period) are summed over."""
    x: dict[tuple[str, str], int] = {}
    for key, count in cells.items():
        x[key[0], key[1]] = x.get((key[0], key[1]), 0) + count
    troops = {
        n.code: sum(model.unit_by_id[u].troops * c for (code, u), c in x.items() if code == n.code)
        for n in model.nations
    }
    participating = {
        n.code: any(c > 0 for (code, _u), c in x.items() if code == n.code) for n in model.nations
    }
    counts = {u.id: sum(c for (_n, uid), c in x.items() if uid == u.id) for u in model.units}
    return Plan(dict(x), troops, sum(troops.values()), participating, counts)


def objective_value(model: Model, plan: Plan, objective: str) -> float:
    """The number the spec says is reported for `objective` (section 2)."""
    if objective == "min_cost":
        return sum(
            model.nation_by_code[code].cost_per_troop * model.unit_by_id[u].personnel * c
            for (code, u), c in plan.x.items()
        )
    if objective == "fair_share":
        phi = fair_shares(model)
        return sum(abs(plan.troops[n.code] - phi[n.code] * plan.total) for n in model.nations)
    raise ValueError(f"unknown objective {objective!r}")


def share_excess(model: Model, plan: Plan, code: str) -> float:
    """D(n) - max_share * TOTAL: S5 holds when this is <= 0."""
    return plan.troops[code] - model.max_share * plan.total


def soft_satisfied(model: Model, plan: Plan) -> dict[str, bool]:
    """Each soft constraint S1-S7 by name: does the plan meet it?"""
    tol = SHARE_TOL * max(1.0, plan.total)
    ok = {
        "target.min_troops": plan.total >= model.target_min,
        "target.max_troops": plan.total <= model.target_max,
    }
    for uid, (low, high) in model.requirements.items():
        ok[f"requirement.{uid}.min"] = plan.counts[uid] >= low
        if high is not None:
            ok[f"requirement.{uid}.max"] = plan.counts[uid] <= high
    if model.max_share < 1:
        for n in model.nations:
            ok[f"share.{n.code}"] = share_excess(model, plan, n.code) <= tol
    ok["min_nations"] = sum(plan.participating.values()) >= model.min_nations
    for code, uid, count in model.locks:
        ok[f"lock.{code}.{uid}"] = plan.x.get((code, uid), 0) == count
    return ok


def hard_violations(model: Model, plan: Plan) -> list[str]:
    """H1-H4 (H2 holds by construction: y is read off x)."""
    errors = []
    for (code, uid), count in plan.x.items():
        offer = model.nation_by_code[code].offer(uid)
        if not 0 <= count <= offer:
            errors.append(f"H1 nation.{code}: {count} x {uid} but the offer is {offer}")
    for n in model.nations:
        d, y = plan.troops[n.code], plan.participating[n.code]
        if y and not n.min_troops <= d <= n.max_troops:
            errors.append(
                f"H3 nation.{n.code}: {d} deployed troops outside [{n.min_troops}, {n.max_troops}]"
            )
        if n.status == "committed" and not y:
            errors.append(f"H4 nation.{n.code}: committed but not taking part")
        if n.status == "declined" and y:
            errors.append(f"H4 nation.{n.code}: declined but taking part")
    return errors


# --------------------------------------------------------------------------- checker


def _close(a: float, b: float) -> bool:
    return math.isfinite(a) and abs(a - b) <= REL_TOL * max(1.0, abs(b))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _read_allocation(model: Model, result: Mapping[str, Any], errors: list[str]) -> dict:
    x: dict[tuple[str, str], int] = {}
    for i, item in enumerate(result.get("allocation") or []):
        code, uid, count = item.get("nation"), item.get("unit_type"), item.get("count")
        if code not in model.nation_by_code or uid not in model.unit_by_id:
            errors.append(f"allocation[{i}]: unknown nation/unit {code!r}/{uid!r}")
            continue
        if not _is_int(count) or count <= 0:
            errors.append(f"allocation[{i}]: count {count!r} is not a positive integer")
            continue
        if (code, uid) in x:
            errors.append(f"allocation[{i}]: {code}/{uid} listed twice")
        x[(code, uid)] = x.get((code, uid), 0) + count
    return x


def _check_reported(model: Model, plan: Plan, result: Mapping[str, Any]) -> list[str]:
    """The result's own numbers must be the ones its allocation gives."""
    errors = []
    if result.get("total_troops") != plan.total:
        errors.append(f"total_troops {result.get('total_troops')!r} != TOTAL {plan.total}")
    reported = {}
    for item in result.get("nations") or []:
        if item.get("code") in reported:
            errors.append(f"nations: {item.get('code')} listed twice")
        reported[item.get("code")] = item
    if set(reported) != set(model.nation_by_code):
        errors.append(
            f"nations lists {sorted(map(str, reported))}, "
            f"scenario has {sorted(model.nation_by_code)}"
        )
    for code, item in reported.items():
        if code not in model.nation_by_code:
            continue
        if item.get("troops") != plan.troops[code] or not _is_int(item.get("troops")):
            errors.append(
                f"nations.{code}.troops {item.get('troops')!r} != D = {plan.troops[code]}"
            )
        if item.get("participating") is not plan.participating[code]:
            errors.append(
                f"nations.{code}.participating {item.get('participating')!r} "
                f"!= {plan.participating[code]}"
            )
    reqs = {item.get("unit_type"): item for item in result.get("requirements") or []}
    if set(reqs) != set(model.requirements):
        errors.append(
            f"requirements lists {sorted(map(str, reqs))}, "
            f"scenario has {sorted(model.requirements)}"
        )
    for uid, (low, high) in model.requirements.items():
        item = reqs.get(uid)
        if item is None:
            continue
        if item.get("count") != plan.counts[uid] or not _is_int(item.get("count")):
            errors.append(f"requirements.{uid}.count {item.get('count')!r} != {plan.counts[uid]}")
        if item.get("min") != low or item.get("max") != high:
            errors.append(
                f"requirements.{uid}: min/max {item.get('min')!r}/{item.get('max')!r} "
                f"!= scenario {low}/{high}"
            )
    objective = result.get("objective")
    value = result.get("objective_value")
    if objective not in OBJECTIVES:
        errors.append(f"objective {objective!r} is not one of {OBJECTIVES}")
    elif value is not None:
        expected = objective_value(model, plan, objective)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not _close(float(value), expected)
        ):
            errors.append(f"objective_value {value!r} != {objective} of the allocation {expected}")
    return errors


def check_plan(scenario: dict, result: dict, *, feasible: bool) -> list[str]:
    """Every way `result` breaks the spec for `scenario`; empty when it is sound.

    Always: the result document's spec keys, H1-H4, and the reported totals,
    per-nation troops/participation, requirement counts and objective value
    against the allocation. With `feasible`, also S1-S7.
    """
    model = model_of(scenario)
    errors = [f"missing result key {k!r}" for k in RESULT_KEYS if k not in result]
    if result.get("schema") != RESULT_SCHEMA:
        errors.append(f"schema {result.get('schema')!r} != {RESULT_SCHEMA!r}")
    if result.get("status") not in STATUSES:
        errors.append(f"status {result.get('status')!r} is not one of {STATUSES}")
    if feasible and result.get("objective_value") is None:
        errors.append("objective_value is missing for a feasible plan")
    x = _read_allocation(model, result, errors)
    plan = plan_of(model, x)
    errors += hard_violations(model, plan)
    errors += _check_reported(model, plan, result)
    if feasible:
        for name, ok in soft_satisfied(model, plan).items():
            if not ok:
                errors.append(f"soft constraint {name} is broken by the plan")
    return errors
