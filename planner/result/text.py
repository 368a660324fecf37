"""The readable table `force-planner solve` prints without --json."""

from __future__ import annotations

from planner.result.document import PlanResult
from planner.rules.objectives import objective_figure
from planner.scenario.plan import peak_units

STATUS_LINE = {
    "optimal": "Optimal plan found.",
    "feasible": "Plan found; the time limit stopped the search before optimality was proven.",
    "infeasible": "No plan meets every rule. The closest plan is shown.",
    "invalid": "The nations' own statements clash: no plan can exist.",
    "unknown": "No plan found before the time limit.",
    "cancelled": "Solve cancelled.",
}


def render(result: PlanResult) -> str:
    """Status, nations, units and explanation as aligned plain text."""
    scenario, plan = result.scenario, result.evaluation
    lines = [
        f"Scenario: {scenario.name}",
        f"Status:   {result.status} - {STATUS_LINE[result.status]}",
    ]
    value = result.objective_value
    if value is not None:
        lines.append(
            f"Objective ({result.objective}): {objective_figure(result.objective, value, 2)}"
        )
    target = scenario.target
    lines.append(
        f"Total troops on the ground: {plan.total_troops:,} "
        f"(target {target.min_troops:,}-{target.max_troops:,})"
    )
    lines.append(f"Nations taking part: {plan.nations_taking_part}")
    lines.append(f"Solve time: {result.solve_seconds:.3f} s ({result.solver})")
    if result.allocation:
        lines += ["", f"{'Nation':<24}{'Status':<11}{'Troops':>8}  Units"]
        peaks = peak_units(result.allocation)
        for nation in scenario.nations:
            units = ", ".join(
                f"{peaks[nation.code, u.id]} {u.id}"
                for u in scenario.unit_types
                if peaks.get((nation.code, u.id))
            )
            if units:
                lines.append(
                    f"{nation.name[:23]:<24}{nation.status:<11}"
                    f"{plan.troops[nation.code]:>8,}  {units}"
                )
    if scenario.requirements and result.allocation:
        width = min(60, max(len(scenario.unit(uid).name) for uid in scenario.requirements)) + 2
        lines += ["", f"{'Unit type':<{width}}{'Count':>6}{'Min':>6}{'Max':>6}"]
        for uid, req in scenario.requirements.items():
            high = "-" if req.max is None else str(req.max)
            lines.append(
                f"{scenario.unit(uid).name[: width - 2]:<{width}}"
                f"{plan.unit_counts[uid]:>6}{req.min:>6}{high:>6}"
            )
    explanation = result.explanation()
    if explanation:
        lines += ["", "Why:"] + [f"- {sentence}" for sentence in explanation]
    return "\n".join(lines)
