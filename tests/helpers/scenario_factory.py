"""Small random scenarios for brute-force and property-based tests.

Three kinds, all valid under spec section 1:

* ``planted``: a plan is drawn first and every statement and rule is set
  around it, so the scenario is feasible by construction;
* ``perturbed``: a planted scenario with one or two rules then tightened,
  which often gives soft constraints that hold alone but conflict together;
* ``random``: everything drawn independently (often infeasible, sometimes
  invalid: a committed nation whose offers cannot reach its floor).

Sizes stay within what :mod:`brute_force` enumerates quickly: at most 3
nations x 3 unit types with offers up to 3 (64 choices per nation).
Shares come from a short list of round numbers so that a share rule is either
met exactly or broken by a visible margin.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

SCHEMA = "force-planner/scenario@1"
CODES = ("FR", "DE", "PL", "NL", "ITA", "ES")
UNIT_IDS = ("mech_inf_bn", "arty_bty", "eng_coy", "isr_sqn", "sam_bty")
PERSONNEL = (100, 150, 200, 250, 300, 400, 500, 700)
COSTS = (0.0, 0.5, 0.8, 1.0, 1.25, 2.0)
WEIGHTS = (0.0, 1.0, 2.5, 3.0, 10.0)
SHARES = (0.25, 0.3, 0.4, 0.5, 0.6, 0.75, 1.0)
STATUSES = ("committed", "likely", "possible", "declined")
OBJECTIVES = ("min_cost", "fair_share")
KINDS = ("planted", "perturbed", "perturbed", "random")


def base_units(draw, max_units: int) -> list[dict[str, Any]]:
    k = draw(st.integers(1, max_units))
    ids = draw(st.permutations(UNIT_IDS))[:k]
    units = []
    for uid in ids:
        unit: dict[str, Any] = {
            "id": uid,
            "name": uid.replace("_", " ").title(),
            "personnel": draw(st.sampled_from(PERSONNEL)),
        }
        deployed = draw(st.sampled_from((True, True, True, False, None)))
        if deployed is not None:  # None: rely on the default (true)
            unit["deployed"] = deployed
        if draw(st.booleans()):
            unit["category"] = "support" if deployed is False else "manoeuvre"
        units.append(unit)
    return units


def troops_of(units: list[dict[str, Any]], x: dict[str, int]) -> int:
    by_id = {u["id"]: u for u in units}
    return sum(
        by_id[uid]["personnel"] * c for uid, c in x.items() if by_id[uid].get("deployed", True)
    )


@st.composite
def scenarios(
    draw, kind: str | None = None, max_nations: int = 3, max_units: int = 3, max_offer: int = 3
) -> dict[str, Any]:
    """A valid scenario dict (see module docstring for the kinds)."""
    kind = kind or draw(st.sampled_from(KINDS))
    units = base_units(draw, max_units)
    m = draw(st.integers(1, max_nations))
    codes = draw(st.permutations(CODES))[:m]
    offers = {}
    for code in codes:
        offers[code] = {}
        for u in units:
            n = draw(st.integers(0, max_offer))
            if n or draw(st.booleans()):  # sometimes omit a zero offer
                offers[code][u["id"]] = n
    if kind == "random":
        scenario = _random(draw, units, codes, offers)
    else:
        scenario = _planted(draw, units, codes, offers)
        if kind == "perturbed":
            _perturb(draw, scenario)
            scenario["name"] = "perturbed"
    _decorate(draw, scenario)
    return scenario


def _nation(code: str, status: str, low: int, high: int, offers: dict[str, int], draw) -> dict:
    nation: dict[str, Any] = {
        "code": code,
        "name": f"Nation {code}",
        "max_troops": high,
        "offers": offers,
    }
    if status != "possible" or draw(st.booleans()):
        nation["status"] = status
    if low or draw(st.booleans()):
        nation["min_troops"] = low
    cost = draw(st.sampled_from(COSTS + (None,)))
    if cost is not None:
        nation["cost_per_troop"] = cost
    weight = draw(st.sampled_from(WEIGHTS + (None,)))
    if weight is not None:
        nation["burden_weight"] = weight
    return nation


def _planted(draw, units, codes, offers) -> dict[str, Any]:
    """Draw a plan, then write statements and rules that it meets."""
    plan = {
        code: {uid: draw(st.integers(0, n)) for uid, n in offers[code].items()} for code in codes
    }
    nations, troops, joined = [], {}, {}
    for code in codes:
        d = troops_of(units, plan[code])
        joined[code] = sum(plan[code].values()) >= 1
        troops[code] = d
        if joined[code]:
            status = draw(st.sampled_from(("committed", "likely", "possible")))
            low = draw(st.sampled_from((0, 0, d, d // 2)))
            high = d + draw(st.sampled_from((0, 100, 500, 5000)))
        else:
            status = draw(st.sampled_from(("likely", "possible", "declined")))
            high = draw(st.sampled_from((0, 300, 1000, 5000)))
            low = draw(st.sampled_from((0, high // 2, high)))
        nations.append(_nation(code, status, low, high, offers[code], draw))
    total = sum(troops.values())
    counts = {u["id"]: sum(plan[c].get(u["id"], 0) for c in codes) for u in units}
    requirements = {}
    for u in units:
        if draw(st.booleans()):
            c = counts[u["id"]]
            requirements[u["id"]] = {
                "min": draw(st.integers(0, c)),
                "max": draw(st.sampled_from((None, c, c + 1, c + 3))),
            }
    biggest = max(troops.values()) / total if total else 0.0
    shares = [s for s in SHARES if s >= biggest - 1e-12]
    locks = [
        {"nation": code, "unit_type": uid, "count": c}
        for code in codes
        for uid, c in plan[code].items()
        if draw(st.integers(0, 4)) == 0
    ]
    return {
        "schema": SCHEMA,
        "name": "planted",
        "target": {
            "min_troops": draw(st.sampled_from((0, total // 2, total))),
            "max_troops": total + draw(st.sampled_from((0, 0, 300, 10000))),
        },
        "unit_types": units,
        "nations": nations,
        "requirements": requirements,
        "rules": {
            "max_share": draw(st.sampled_from(shares)),
            "min_nations": draw(st.integers(0, sum(joined.values()))),
        },
        "locks": locks,
        "objective": draw(st.sampled_from(OBJECTIVES)),
    }


def _perturb(draw, scenario: dict[str, Any]) -> None:
    """Tighten one or two rules of a planted scenario (it may stay feasible)."""
    for _ in range(draw(st.integers(1, 2))):
        what = draw(st.sampled_from(("tmin", "tmax", "share", "nations", "req", "lock")))
        target = scenario["target"]
        if what == "tmin":
            target["min_troops"] += draw(st.sampled_from((100, 500, 2000)))
            target["max_troops"] = max(target["max_troops"], target["min_troops"])
        elif what == "tmax" and target["max_troops"] > 0:
            target["max_troops"] = draw(st.integers(0, target["max_troops"] - 1))
            target["min_troops"] = min(target["min_troops"], target["max_troops"])
        elif what == "share":
            scenario["rules"]["max_share"] = draw(st.sampled_from(SHARES[:-1]))
        elif what == "nations":
            scenario["rules"]["min_nations"] += draw(st.integers(1, 2))
        elif what == "req":
            uid = draw(st.sampled_from([u["id"] for u in scenario["unit_types"]]))
            low = draw(st.integers(0, 4))
            scenario["requirements"][uid] = {
                "min": low,
                "max": draw(st.sampled_from((None, low, low + 1))),
            }
        elif what == "lock":
            offered = [
                (n["code"], uid, c)
                for n in scenario["nations"]
                for uid, c in n["offers"].items()
                if c > 0
            ]
            taken = {(lk["nation"], lk["unit_type"]) for lk in scenario["locks"]}
            free = [o for o in offered if o[:2] not in taken]
            if free:
                code, uid, c = draw(st.sampled_from(free))
                scenario["locks"].append(
                    {"nation": code, "unit_type": uid, "count": draw(st.integers(0, c))}
                )


def _random(draw, units, codes, offers) -> dict[str, Any]:
    nations = []
    capacity = 0
    for code in codes:
        most = troops_of(units, offers[code])
        capacity += most
        high = draw(st.integers(0, max(most, 100)))
        low = draw(st.sampled_from((0, 0, 0, 0, high // 3, high)))
        status = draw(st.sampled_from(STATUSES + ("likely", "possible")))
        nations.append(_nation(code, status, low, high, offers[code], draw))
    requirements = {}
    for u in units:
        if draw(st.booleans()):
            low = draw(st.integers(0, 4))
            requirements[u["id"]] = {"min": low, "max": draw(st.sampled_from((None, low, low + 2)))}
    locks = []
    for code in codes:
        for uid, n in offers[code].items():
            if draw(st.integers(0, 5)) == 0:
                locks.append({"nation": code, "unit_type": uid, "count": draw(st.integers(0, n))})
    tmin = draw(st.integers(0, max(capacity, 100)))
    return {
        "schema": SCHEMA,
        "name": "random",
        "target": {"min_troops": tmin, "max_troops": tmin + draw(st.integers(0, 3000))},
        "unit_types": units,
        "nations": nations,
        "requirements": requirements,
        "rules": {
            "max_share": draw(st.sampled_from(SHARES)),
            "min_nations": draw(st.integers(0, len(codes))),
        },
        "locks": locks,
        "objective": draw(st.sampled_from(OBJECTIVES)),
    }


def _decorate(draw, scenario: dict[str, Any]) -> None:
    """Optional fields and spellings the validator must accept; defaults left out."""
    if draw(st.booleans()):
        scenario["description"] = "generated by tests/helpers/scenario_factory.py"
    if draw(st.booleans()):
        scenario["nations"][0]["notes"] = "test nation"
        scenario["nations"][0]["sources"] = ["hypothesis"]
    if draw(st.integers(0, 4)) == 0:  # integral floats are accepted where integers belong
        scenario["unit_types"][0]["personnel"] = float(scenario["unit_types"][0]["personnel"])
    for key in ("requirements", "locks", "objective"):
        if not scenario[key] and draw(st.booleans()):
            del scenario[key]
    if scenario["rules"] == {"max_share": 1.0, "min_nations": 0} and draw(st.booleans()):
        del scenario["rules"]


def with_objective(scenario: dict[str, Any], objective: str) -> dict[str, Any]:
    out = copy.deepcopy(scenario)
    out["objective"] = objective
    return out
