"""The baseline: a plain PuLP + CBC script of the same model, as a user would write it.

No tuning, no in-process solver: build the spec's model with PuLP and call
CBC through PuLP's default command-line interface. Prints the objective value.
"""

import json
import sys

import pulp


def main(path: str, objective: str) -> None:
    data = json.load(open(path))
    units = {u["id"]: u for u in data["unit_types"]}
    prob = pulp.LpProblem("plain", pulp.LpMinimize)
    x, y, troops = {}, {}, {}
    for n in data["nations"]:
        c = n["code"]
        y[c] = pulp.LpVariable(f"y_{c}", cat="Binary")
        if n.get("status") == "committed":
            prob += y[c] == 1
        if n.get("status") == "declined":
            prob += y[c] == 0
        for uid, k in n.get("offers", {}).items():
            x[c, uid] = pulp.LpVariable(f"x_{c}_{uid}", 0, k, cat="Integer")
            prob += x[c, uid] <= k * y[c]
        mine = [x[c, u] for (cc, u) in x if cc == c]
        prob += pulp.lpSum(mine) >= y[c]
        troops[c] = pulp.lpSum(
            units[u]["personnel"] * x[cc, u]
            for (cc, u) in x
            if cc == c and units[u].get("deployed", True)
        )
        prob += troops[c] >= n.get("min_troops", 0) * y[c]
        prob += troops[c] <= n["max_troops"] * y[c]
    total = pulp.lpSum(troops.values())
    prob += total >= data["target"]["min_troops"]
    prob += total <= data["target"]["max_troops"]
    for uid, req in data.get("requirements", {}).items():
        count = pulp.lpSum(x[c, u] for (c, u) in x if u == uid)
        prob += count >= req.get("min", 0)
        if req.get("max") is not None:
            prob += count <= req["max"]
    share = data.get("rules", {}).get("max_share", 1)
    for c in troops:
        prob += troops[c] <= share * total
    prob += pulp.lpSum(y.values()) >= data.get("rules", {}).get("min_nations", 0)
    for lock in data.get("locks", []):
        prob += x[lock["nation"], lock["unit_type"]] == lock["count"]
    cost = {n["code"]: n.get("cost_per_troop", 1.0) for n in data["nations"]}
    if objective == "min_cost":
        prob += pulp.lpSum(cost[c] * units[u]["personnel"] * v for (c, u), v in x.items())
    else:
        open_ = [n for n in data["nations"] if n.get("status") != "declined"]
        weight = sum(n.get("burden_weight", 0) for n in open_)
        dev = []
        for n in open_:
            phi = n.get("burden_weight", 0) / weight if weight else 1 / len(open_)
            d = pulp.LpVariable(f"d_{n['code']}", 0)
            prob += d >= troops[n["code"]] - phi * total
            prob += d >= phi * total - troops[n["code"]]
            dev.append(d)
        prob += pulp.lpSum(dev)
    prob.solve(pulp.PULP_CBC_CMD(msg=False))
    print(
        json.dumps(
            {"status": pulp.LpStatus[prob.status], "objective_value": pulp.value(prob.objective)}
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
