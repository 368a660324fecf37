"""The scenario@2 peers: the spec's model written plainly with PuLP, solved by CBC or HiGHS.

The model is the independent reference of ``tests/helpers/reference/reference_milp.py``
(written from force-model.md Part II, sharing no code with ``planner/``):
every hard and soft row, the objective, no tuning beyond a time limit.
``plain_s2.py FILE OBJECTIVE SOLVER CAP`` prints status and value as JSON.
SOLVER is ``cbc`` (PuLP's bundled CBC, a separate process) or ``highs``
(PuLP's in-process highspy interface).
"""

import json
import sys
from pathlib import Path

import pulp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers.reference import reference_milp as rm  # noqa: E402
from tests.helpers.reference.scenario import read_scenario  # noqa: E402


def main(path: str, objective: str, solver: str, cap: float) -> None:
    scn = read_scenario(json.loads(Path(path).read_text()))
    prog = rm.build(scn)
    rm.add_soft(prog)
    prog.prob.setObjective(rm._objective(prog, objective))
    if solver == "cbc":
        backend = pulp.PULP_CBC_CMD(msg=False, timeLimit=cap, gapRel=0.0)
    else:  # gap 0: prove the optimum, as ours does (HiGHS's default gap is 1e-4)
        backend = pulp.HiGHS(msg=False, timeLimit=cap, gapRel=0.0)
    prog.prob.solve(backend)
    # sol_status tells a proven optimum (1) from a plan the time limit stopped (2)
    words = {1: "Optimal", 2: "Feasible", -1: "Infeasible", 0: "Not Solved"}
    status = words.get(prog.prob.sol_status, pulp.LpSolution[prog.prob.sol_status])
    value = pulp.value(prog.prob.objective) if status in ("Optimal", "Feasible") else None
    print(json.dumps({"status": status, "objective_value": value}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]))
