"""Generated scenarios of a given size (nations x unit types) for benchmarks.

Seeded and deterministic. Shaped like the real problem: a mix of statuses,
stand-off units, floors for committed nations, a target band around a third
of what is on offer, requirements, a share cap and a minimum of nations.
"""

from __future__ import annotations

import json
import random
import string
import sys
from itertools import product


def _codes(count: int) -> list[str]:
    letters = string.ascii_uppercase
    codes = ["".join(p) for p in product(letters, repeat=2)]
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


if __name__ == "__main__":
    n, u, seed = (int(a) for a in sys.argv[1:4])
    json.dump(generate(n, u, seed), sys.stdout, indent=1)
