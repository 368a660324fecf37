"""Generated scenarios of a given size (nations x unit types), shared by tests and benchmarks.

Seeded and deterministic. Shaped like the real problem: a mix of statuses,
stand-off units, floors for committed nations, a target band around a third
of what is on offer, requirements, a share cap and a minimum of nations.
"""

from __future__ import annotations

import random
import string
from itertools import product


def _codes(count: int) -> list[str]:
    """Two-letter codes first (so smaller scenarios stay as they were), then three-letter."""
    letters = string.ascii_uppercase
    codes = ["".join(p) for p in product(letters, repeat=2)]
    if count > len(codes):
        codes += ["".join(p) for p in product(letters, repeat=3)]
    return codes[:count]


def generate(nations: int, units: int, seed: int, objective: str = "min_cost") -> dict:
    rng = random.Random(f"{nations}x{units}:{seed}")
    unit_types = []
    for i in range(units):
        deployed = i % 5 != 4
        unit_types.append(
            {
                "id": f"unit_{i:02d}",
                "name": f"Unit type {i}",
                # Real unit sizes are round numbers (a battalion of 650, a battery of 150).
                "personnel": 50 * (rng.randint(3, 18) if deployed else rng.randint(1, 6)),
                "category": "manoeuvre" if deployed else "stand-off",
                "deployed": deployed,
            }
        )
    statuses = ["committed"] * 2 + ["likely"] * 3 + ["possible"] * 4 + ["declined"]
    nation_list, offered = [], {u["id"]: 0 for u in unit_types}
    on_offer = 0
    for code in _codes(nations):
        offers = {u["id"]: rng.randint(1, 6) for u in unit_types if rng.random() < 0.6}
        troops = sum(
            unit_types[int(uid[5:])]["personnel"] * n
            for uid, n in offers.items()
            if unit_types[int(uid[5:])]["deployed"]
        )
        status = rng.choice(statuses)
        ceiling = max(0, int(troops * rng.uniform(0.6, 1.0)))
        floor = min(ceiling, rng.choice([0, 300, 600])) if status == "committed" else 0
        nation_list.append(
            {
                "code": code,
                "name": f"Nation {code}",
                "status": status,
                "min_troops": floor,
                "max_troops": ceiling,
                "cost_per_troop": round(rng.uniform(0.7, 1.5) * 20) / 20,  # index steps of 0.05
                "burden_weight": round(rng.uniform(10, 4000), 1),
                "offers": offers,
            }
        )
        if status != "declined":
            on_offer += ceiling
            for uid, n in offers.items():
                offered[uid] += n
    requirements = {}
    for u in unit_types:
        if rng.random() < 0.7 and offered[u["id"]] >= 3:
            low = offered[u["id"]] // 5
            requirements[u["id"]] = {"min": low, "max": max(low, offered[u["id"]] * 3 // 5)}
    return {
        "schema": "force-planner/scenario@1",
        "name": f"Generated {nations}x{units} seed {seed}",
        "target": {"min_troops": int(on_offer * 0.30), "max_troops": int(on_offer * 0.40)},
        "unit_types": unit_types,
        "nations": nation_list,
        "requirements": requirements,
        "rules": {"max_share": 0.35 if nations < 16 else 0.2, "min_nations": nations // 3},
        "locks": [],
        "objective": objective,
    }


def independent(nations: int, units: int, seed: int, objective: str = "min_cost") -> dict:
    """Scenarios of another shape than :func:`generate`'s, to check our claims against.

    :func:`generate` has every nation offer about 60% of the unit types, up to
    6 of each, rounds unit sizes to 50 and costs to steps of 0.05, and puts
    the optimum against the band's minimum: branch and bound must close its
    last gap over a subset-sum of troops. Here each nation offers three unit
    types, 1-3 of each, and all it offers is within its ceiling; sizes
    (80-900 troops) and costs (0.5-2.0) are arbitrary, the band is 20-60% of
    the ceilings, each requirement asks a fifth of what is offered (at least
    one unit, no maximum), shares are capped at 0.25 and a quarter of the
    nations must take part. It shares no code with :func:`generate` beyond
    the codes. Plain CBC is strong here (docs/performance.md).
    """
    rng = random.Random(f"independent {nations}x{units}:{seed}")
    unit_types = [
        {
            "id": f"u{i}",
            "name": f"Type {i}",
            "personnel": rng.randint(80, 900),
            "category": "manoeuvre" if i % 4 else "support",
            "deployed": i % 6 != 5,
        }
        for i in range(units)
    ]
    size = {u["id"]: u["personnel"] if u["deployed"] else 0 for u in unit_types}
    nation_list, offered, ceilings = [], dict.fromkeys(size, 0), 0
    statuses = ["committed", "likely", "likely", "possible", "possible", "possible", "declined"]
    for code in _codes(nations):
        chosen = rng.sample(sorted(size), min(3, units))
        offers = {uid: rng.randint(1, 3) for uid in chosen}
        status = rng.choice(statuses)
        ceiling = sum(size[uid] * k for uid, k in offers.items())
        nation_list.append(
            {
                "code": code,
                "name": f"Nation {code}",
                "status": status,
                "max_troops": ceiling,
                "cost_per_troop": rng.uniform(0.5, 2.0),
                "burden_weight": rng.uniform(1, 100),
                "offers": offers,
            }
        )
        if status != "declined":
            ceilings += ceiling
            for uid, k in offers.items():
                offered[uid] += k
    wanted = [uid for uid, total in offered.items() if total >= 3]
    requirements = {uid: {"min": max(1, offered[uid] // 5), "max": None} for uid in wanted}
    return {
        "schema": "force-planner/scenario@1",
        "name": f"Independent {nations}x{units} seed {seed}",
        "target": {"min_troops": int(ceilings * 0.20), "max_troops": int(ceilings * 0.60)},
        "unit_types": unit_types,
        "nations": nation_list,
        "requirements": requirements,
        "rules": {"max_share": 0.25 if nations >= 8 else 0.5, "min_nations": nations // 4},
        "locks": [],
        "objective": objective,
    }


SHAPES = {"generate": generate, "independent": independent}
"""The scenario makers benchmarks/run.py can use (--shape)."""


TIGHTENINGS = ("none", "requirements", "locks", "share", "band", "scarce")


def tightened(nations: int, units: int, seed: int, how: str) -> dict:
    """A fair_share scenario of :func:`generate` with one rule tightened.

    Tightened rules pull nations off their fair shares, where the fair_share
    search's bound per force total is no longer reached: `requirements` asks
    30-60% of every offered type, `scarce` 80% of three types, `locks` fixes
    five random counts, `share` caps shares at 0.15, `band` narrows the band.
    """
    raw = generate(nations, units, seed, "fair_share")
    rng = random.Random(f"{seed}:{how}")
    offered = {
        uid: sum(n["offers"].get(uid, 0) for n in raw["nations"] if n["status"] != "declined")
        for uid in raw["requirements"]
    }
    if how == "requirements":
        for uid, req in raw["requirements"].items():
            req["min"] = int(offered[uid] * rng.uniform(0.3, 0.6))
            req["max"] = max(req["min"], int(offered[uid] * 0.7))
    elif how == "scarce":
        for uid in rng.sample(sorted(raw["requirements"]), min(3, len(raw["requirements"]))):
            raw["requirements"][uid] = {"min": int(offered[uid] * 0.8), "max": None}
    elif how == "locks":
        offers = [
            (n["code"], uid, k)
            for n in raw["nations"]
            if n["status"] != "declined"
            for uid, k in n["offers"].items()
        ]
        for code, uid, k in rng.sample(offers, min(5, len(offers))):
            raw["locks"].append({"nation": code, "unit_type": uid, "count": rng.randint(0, k)})
    elif how == "share":
        raw["rules"]["max_share"] = 0.15
    elif how == "band":
        raw["target"]["max_troops"] = raw["target"]["min_troops"] + 50
    raw["name"] += f", {how} tightened"
    return raw


def requirement_heavy(nations: int, units: int, seed: int) -> dict:
    """A fair_share scenario whose requirements pull nations off their fair shares (issue 18).

    As a planner would meet one: each nation offers 2-3 unit types of 2-10
    units (within its ceiling), every type has a minimum of 15-30% of what is
    offered, the band is wide (1.2-1.56x the troops the minimums need),
    burden weights follow capacity with lognormal noise, `max_share` 0.10,
    five locks, `min_nations` 60% of the nations.
    """
    rng = random.Random(f"requirement heavy {nations}x{units}:{seed}")
    size = {f"u{i:02d}": 50 * rng.randint(3, 18) for i in range(units)}
    unit_types = [
        {"id": uid, "name": f"Type {uid[1:]}", "personnel": p, "category": "manoeuvre"}
        for uid, p in size.items()
    ]
    statuses = ["committed"] + ["likely"] * 3 + ["possible"] * 6
    nation_list, offered = [], dict.fromkeys(size, 0)
    for code in _codes(nations):
        chosen = rng.sample(sorted(size), min(rng.randint(2, 3), units))
        offers = {uid: rng.randint(2, 10) for uid in chosen}
        capacity = sum(size[uid] * k for uid, k in offers.items())
        nation_list.append(
            {
                "code": code,
                "name": f"Nation {code}",
                "status": rng.choice(statuses),
                "max_troops": capacity,
                "cost_per_troop": round(rng.uniform(0.7, 1.5) * 20) / 20,
                "burden_weight": round(capacity * rng.lognormvariate(0.0, 0.5), 1),
                "offers": offers,
            }
        )
        for uid, k in offers.items():
            offered[uid] += k
    requirements = {
        uid: {"min": int(total * rng.uniform(0.15, 0.30)), "max": None}
        for uid, total in offered.items()
        if total > 0
    }
    needed = sum(size[uid] * req["min"] for uid, req in requirements.items())
    cells = [(n["code"], uid, k) for n in nation_list for uid, k in n["offers"].items()]
    locks = [
        {"nation": code, "unit_type": uid, "count": rng.randint(1, max(1, k // 2))}
        for code, uid, k in rng.sample(cells, min(5, len(cells)))
    ]
    return {
        "schema": "force-planner/scenario@1",
        "name": f"Requirement-heavy {nations}x{units} seed {seed}",
        "target": {"min_troops": int(needed * 1.2), "max_troops": int(needed * 1.56)},
        "unit_types": unit_types,
        "nations": nation_list,
        "requirements": requirements,
        "rules": {"max_share": 0.10, "min_nations": -(-nations * 3 // 5)},
        "locks": locks,
        "objective": "fair_share",
    }
