"""CBC, the fallback solver, through PuLP: the model is copied into a PuLP problem.

Kept apart so that nothing on the HiGHS path imports PuLP (it costs start-up
time); CBC is the independent second opinion and the fallback when HiGHS is
not wanted.
"""

from __future__ import annotations

import math
import os
import time

from planner.errors import PlannerError
from planner.linear import LinearModel
from planner.status import Status


def binary_path() -> str:
    """PuLP's bundled CBC binary, made executable if a copy lost its execute bit.

    PuLP looks for CBC beside its own package files (in a PyInstaller bundle:
    ``_internal/pulp/solverdir``). Copies and PyInstaller data files can drop
    the mode bits, and PuLP's own fix leaves the file unreadable to others,
    so give read and execute back to everyone where the file system allows.
    """
    import pulp

    raw = pulp.PULP_CBC_CMD.pulp_cbc_path  # PuLP runs it through pulp/apis/..
    path = os.path.normpath(raw)
    if not os.path.isfile(raw):
        raise PlannerError(
            f"CBC solver binary not found at {raw}; reinstall PuLP or rebuild the bundle"
        )
    mode = os.stat(path).st_mode
    if os.name != "nt" and mode | 0o555 != mode:
        try:
            os.chmod(path, mode | 0o555)
        except OSError as exc:
            if not os.access(path, os.X_OK):
                raise PlannerError(
                    f"CBC solver binary {path} is not executable and cannot be made so "
                    f"({exc.strerror}); run 'chmod +x {path}'"
                ) from None
    pulp.PULP_CBC_CMD._permissions_ok = True  # PuLP judged it once, at import
    return path


def to_pulp(model: LinearModel):  # type: ignore[no-untyped-def]
    """The same model as a PuLP problem (columns c0.., rows r0.. keep the order)."""
    import pulp

    problem = pulp.LpProblem(model.name, pulp.LpMinimize)
    columns = [
        pulp.LpVariable(
            f"c{i}",
            None if math.isinf(low) else low,
            None if math.isinf(high) else high,
            pulp.LpInteger if integer else pulp.LpContinuous,
        )
        for i, (low, high, integer) in enumerate(
            zip(model.col_lower, model.col_upper, model.col_integer, strict=True)
        )
    ]
    problem.setObjective(
        pulp.LpAffineExpression(
            [(columns[i], cost) for i, cost in enumerate(model.col_cost) if cost],
            constant=model.objective_offset,
        )
    )
    for index, entries in enumerate(model.row_entries):
        expr = pulp.LpAffineExpression([(columns[c], v) for c, v in entries.items()])
        low, high = model.row_lower[index], model.row_upper[index]
        if low == high:
            problem += expr == low, f"r{index}"
            continue
        if not math.isinf(low):
            problem += expr >= low, f"r{index}"
        if not math.isinf(high):
            problem += expr <= high, f"r{index}u"
    return problem, columns


def solve(model: LinearModel, time_limit: float | None):  # type: ignore[no-untyped-def]
    """Solve on CBC; a :class:`~planner.optimise.solver.SolveOutcome`."""
    import pulp

    from planner.optimise.solver import SolveOutcome

    binary_path()
    problem, columns = to_pulp(model)
    # CBC 2.10.3 (bundled with PuLP) can return a wrong "optimal" with its
    # preprocessing on (docs/decisions.md has the reproducer), so it is off.
    backend = pulp.PULP_CBC_CMD(
        msg=False, gapRel=0.0, gapAbs=1e-6, timeLimit=time_limit, options=["preprocess off"]
    )
    begin = time.perf_counter()
    problem.solve(backend)
    seconds = time.perf_counter() - begin
    if problem.status == pulp.LpStatusInfeasible:
        return SolveOutcome(Status.INFEASIBLE, seconds)
    values = tuple(float(c.value() or 0.0) for c in columns)
    if problem.sol_status == pulp.LpSolutionOptimal:
        bound = pulp.value(problem.objective)
        return SolveOutcome(Status.OPTIMAL, seconds, bound, 0.0, values)
    if problem.sol_status == pulp.LpSolutionIntegerFeasible:
        return SolveOutcome(Status.FEASIBLE, seconds, None, None, values)  # no bound from PuLP
    return SolveOutcome(Status.UNKNOWN, seconds)
