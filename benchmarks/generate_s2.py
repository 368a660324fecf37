"""Scenario@2 benchmark scenarios: a @1 scenario spread over areas and periods.

Seeded and deterministic. ``in_time(raw, areas, periods, seed)`` takes a @1
scenario (the built-in default, or one of ``generate.py``) and adds what the
real case adds (force-model.md Part II): areas in and out of the target
(hubs with capacities, one on neighbouring NATO soil), a few nations whose
caveat keeps them out of the target area, an area requirement, quarters
with a rotation of two (a unit serves one quarter in two; none with one
period, the areas-only scenarios of issue 15), full capability
from the third quarter with a build-up before it, offers that become ready
later, and a target band scaled to what rotation lets the offers keep.
"""

from __future__ import annotations

import copy
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

ROTATION = 2


def in_time(raw: dict, areas: int = 3, periods: int = 8, seed: int = 0) -> dict:
    """`raw` (@1) as a @2 scenario over `areas` areas and `periods` quarters."""
    rng = random.Random(f"s2 {raw['name']} {areas}x{periods}:{seed}")
    out = copy.deepcopy(raw)
    out["schema"] = "force-planner/scenario@2"
    out["name"] = f"{raw['name']}, {areas} areas x {periods} quarters"
    rotation = ROTATION if periods > 1 else 1
    deployed = {u["id"] for u in out["unit_types"] if u.get("deployed", True)}
    inside = [f"hub_{i}" for i in range(max(1, areas - 1))]
    outside = "nato_border" if areas > 1 else None
    ceilings = sum(n["max_troops"] for n in out["nations"] if n.get("status") != "declined")
    band_max = int(ceilings / rotation * 0.8)
    band_min = int(band_max * 0.75)
    out["areas"] = [
        {
            "id": a,
            "name": f"Hub {i + 1}",
            "in_target": True,
            "capacity_troops": int(band_max * 0.9 / max(1, len(inside) - 0.5)),
        }
        for i, a in enumerate(inside)
    ]
    if outside is not None:
        out["areas"].append({"id": outside, "name": "Neighbouring NATO soil", "in_target": False})
    out["periods"] = {
        "count": periods,
        "label": "quarter",
        "first": "2027-Q1",
        "rotation": rotation,
        "full_from": min(3, periods),
    }
    out["target"] = {
        "min_troops": band_min,
        "max_troops": band_max,
        "build_up": [
            {"period": t, "min_troops": int(band_min * share)}
            for t, share in ((1, 0.4), (2, 0.7))
            if t < out["periods"]["full_from"]
        ],
    }
    for nation in out["nations"]:
        if outside is not None and rng.random() < 0.1:
            nation["areas"] = [outside]
        for uid, count in list(nation.get("offers", {}).items()):
            if uid in deployed and rng.random() < 0.2 and periods > 1:
                nation["offers"][uid] = {"count": count, "ready_from": rng.randint(2, 3)}
    wanted = sorted(deployed)[: max(1, len(deployed) // 8)]
    out["area_requirements"] = {inside[0]: {uid: {"min": 1, "max": None} for uid in wanted}}
    out["requirements"] = {
        uid: {"min": max(0, req["min"] // rotation), "max": req.get("max")}
        for uid, req in out.get("requirements", {}).items()
    }
    out["rules"] = dict(out.get("rules", {}), min_nations=out["rules"].get("min_nations", 0) // 2)
    out["locks"] = []
    return out


def default_in_time(areas: int = 3, periods: int = 8, seed: int = 0, objective: str = "min_cost"):
    """The built-in default scenario (18 nations x 17 unit types) over areas and quarters."""
    from planner.scenario.io import default_scenario_text

    raw = json.loads(default_scenario_text())
    raw["objective"] = objective
    return in_time(raw, areas, periods, seed)


def generated_in_time(
    nations: int,
    units: int,
    areas: int = 3,
    periods: int = 8,
    seed: int = 0,
    objective: str = "min_cost",
) -> dict:
    """A scenario of ``generate.py`` (nations x unit types) over areas and quarters."""
    return in_time(generate(nations, units, seed, objective), areas, periods, seed)


if __name__ == "__main__":  # generate_s2.py N U [AREAS PERIODS SEED]: print one scenario
    args = [int(a) for a in sys.argv[1:]]
    print(json.dumps(generated_in_time(*args), indent=1))
