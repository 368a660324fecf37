"""The scenario@2 peers: the spec's model written plainly with PuLP, solved by CBC or HiGHS.

The model is the independent reference of ``tests/helpers/reference/reference_milp.py``
(written from force-model.md Part II, sharing no code with ``planner/``):
every hard and soft row, the objective, no tuning beyond a time limit and a
gap of 0 (prove the optimum, as ours does). ``plain_s2.py FILE OBJECTIVE
SOLVER CAP`` prints one JSON line: status, value, the proven gap where the
solver says it, and ``seconds``, the model build plus solve inside this
process (imports and reading the file excluded). SOLVER is ``cbc`` (PuLP's
bundled CBC, a separate process) or ``highs`` (PuLP's in-process highspy).
"""

import json
import math
import re
import sys
import tempfile
import time
from pathlib import Path

import pulp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.helpers.reference import reference_milp as rm  # noqa: E402
from tests.helpers.reference.scenario import read_scenario  # noqa: E402


def cbc_gap(log: str, value: float | None) -> float | None:
    """The relative gap CBC's log ends with ('Lower bound:' after a time limit)."""
    found = re.findall(r"Lower bound:\s*(-?[\d.eE+-]+)", log)
    if value is None or not found:
        return None
    bound = float(found[-1])
    return abs(value - bound) / max(abs(value), 1e-9)


def highs_gap(prob: pulp.LpProblem) -> float | None:
    model = getattr(prob, "solverModel", None)
    if model is None:
        return None
    gap = model.getInfo().mip_gap
    return gap if math.isfinite(gap) else None


def main(path: str, objective: str, solver: str, cap: float) -> None:
    scn = read_scenario(json.loads(Path(path).read_text()))
    start = time.perf_counter()
    prog = rm.build(scn)
    rm.add_soft(prog)
    prog.prob.setObjective(rm._objective(prog, objective))
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "cbc.log"
        if solver == "cbc":
            backend = pulp.PULP_CBC_CMD(msg=False, timeLimit=cap, gapRel=0.0, logPath=str(log))
        else:
            backend = pulp.HiGHS(msg=False, timeLimit=cap, gapRel=0.0, threads=1)
        prog.prob.solve(backend)
        seconds = time.perf_counter() - start
        # sol_status tells a proven optimum (1) from a plan the time limit stopped (2)
        words = {1: "Optimal", 2: "Feasible", -1: "Infeasible", 0: "Not Solved"}
        status = words.get(prog.prob.sol_status, pulp.LpSolution[prog.prob.sol_status])
        value = pulp.value(prog.prob.objective) if status in ("Optimal", "Feasible") else None
        if status == "Optimal":
            gap: float | None = 0.0
        elif solver == "cbc":
            gap = cbc_gap(log.read_text() if log.exists() else "", value)
        else:
            gap = highs_gap(prog.prob)
    print(json.dumps({"status": status, "objective_value": value, "gap": gap, "seconds": seconds}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]))
