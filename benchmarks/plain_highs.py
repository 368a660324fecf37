"""The second peer: the same plain model written straight to HiGHS with highspy's modelling API.

No PuLP and no tuning: the model of ``plain_cbc.py``, built with
``highspy.Highs().addVariable``/``addConstr`` and solved in process at
HiGHS's defaults except the gap, 0 so that it proves the optimum as ours
does (the default 1e-4 stops short of it). Prints the status and objective
value as JSON, as ``plain_cbc.py`` does.
"""

import json
import sys

import highspy


def main(path: str, objective: str) -> None:
    data = json.load(open(path))
    units = {u["id"]: u for u in data["unit_types"]}
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)  # prove the optimum, as ours does (default 1e-4)
    x, y, troops = {}, {}, {}
    for n in data["nations"]:
        c = n["code"]
        y[c] = h.addBinary(name=f"y_{c}")
        if n.get("status") == "committed":
            h.addConstr(y[c] == 1)
        if n.get("status") == "declined":
            h.addConstr(y[c] == 0)
        for uid, k in n.get("offers", {}).items():
            x[c, uid] = h.addIntegral(lb=0, ub=k, name=f"x_{c}_{uid}")
            h.addConstr(x[c, uid] - k * y[c] <= 0)
        mine = [x[c, u] for (cc, u) in x if cc == c]
        h.addConstr(sum(mine) - y[c] >= 0)
        troops[c] = sum(
            units[u]["personnel"] * x[cc, u]
            for (cc, u) in x
            if cc == c and units[u].get("deployed", True)
        )
        if isinstance(troops[c], int):  # a nation with no deployed units
            troops[c] = 0 * y[c]
        h.addConstr(troops[c] - n.get("min_troops", 0) * y[c] >= 0)
        h.addConstr(troops[c] - n["max_troops"] * y[c] <= 0)
    total = sum(troops.values())
    h.addConstr(total >= data["target"]["min_troops"])
    h.addConstr(total <= data["target"]["max_troops"])
    for uid, req in data.get("requirements", {}).items():
        count = sum(x[c, u] for (c, u) in x if u == uid)
        h.addConstr(count >= req.get("min", 0))
        if req.get("max") is not None:
            h.addConstr(count <= req["max"])
    share = data.get("rules", {}).get("max_share", 1)
    for c in troops:
        h.addConstr(troops[c] - share * total <= 0)
    h.addConstr(sum(y.values()) >= data.get("rules", {}).get("min_nations", 0))
    for lock in data.get("locks", []):
        h.addConstr(x[lock["nation"], lock["unit_type"]] == lock["count"])
    cost = {n["code"]: n.get("cost_per_troop", 1.0) for n in data["nations"]}
    if objective == "min_cost":
        h.minimize(sum(cost[c] * units[u]["personnel"] * v for (c, u), v in x.items()))
    else:
        open_ = [n for n in data["nations"] if n.get("status") != "declined"]
        weight = sum(n.get("burden_weight", 0) for n in open_)
        dev = []
        for n in open_:
            phi = n.get("burden_weight", 0) / weight if weight else 1 / len(open_)
            d = h.addVariable(lb=0, name=f"d_{n['code']}")
            h.addConstr(d - troops[n["code"]] + phi * total >= 0)
            h.addConstr(d + troops[n["code"]] - phi * total >= 0)
            dev.append(d)
        h.minimize(sum(dev))
    status = h.getModelStatus()
    words = {
        highspy.HighsModelStatus.kOptimal: "Optimal",
        highspy.HighsModelStatus.kInfeasible: "Infeasible",
    }
    value = (
        h.getInfo().objective_function_value
        if status == highspy.HighsModelStatus.kOptimal
        else None
    )
    print(
        json.dumps(
            {"status": words.get(status, h.modelStatusToString(status)), "objective_value": value}
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
