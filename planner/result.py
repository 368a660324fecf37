"""The result of a solve and its JSON document (spec section 4, stable keys)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planner.evaluate import Allocation, PlanEvaluation, evaluate, objective_value
from planner.hard_check import Unmet
from planner.model import Scenario
from planner.wording import conflict_sentence

RESULT_SCHEMA = "force-planner/result@1"
EXIT_CODES = {
    "optimal": 0,
    "feasible": 0,
    "infeasible": 2,
    "invalid": 1,
    "unknown": 3,
    "cancelled": 3,
}


@dataclass
class PlanResult:
    """One solve's answer: status, the plan (or the closest plan) and what is unmet."""

    scenario: Scenario
    status: str
    objective: str
    allocation: dict[tuple[str, str], int] = field(default_factory=dict)
    unmet: list[Unmet] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)
    solve_seconds: float = 0.0
    solver: str = "highs"
    mip_gap: float | None = None
    best_bound: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def has_plan(self) -> bool:
        return self.status in ("optimal", "feasible")

    @property
    def evaluation(self) -> PlanEvaluation:
        return evaluate(self.scenario, self.allocation)

    @property
    def objective_value(self) -> float | None:
        if not self.has_plan and not self.allocation:
            return None
        return objective_value(self.scenario, self.allocation, self.objective)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    def explanation(self) -> list[str]:
        """Every sentence a planner should read about this result."""
        sentences = [u.message for u in self.unmet]
        if self.conflict:
            sentences.append(conflict_sentence(self.scenario, self.conflict))
        return sentences + self.notes

    def to_dict(self) -> dict[str, Any]:
        """The result document of spec section 4 (plus `explanation`, `solver`, gap keys)."""
        plan, scenario = self.evaluation, self.scenario
        value = self.objective_value
        return {
            "schema": RESULT_SCHEMA,
            "status": self.status,
            "objective": self.objective,
            "objective_value": value,
            "total_troops": plan.total_troops,
            "nations": [
                {
                    "code": n.code,
                    "participating": plan.participating[n.code],
                    "troops": plan.troops[n.code],
                }
                for n in scenario.nations
            ],
            "allocation": [
                {"nation": n.code, "unit_type": u.id, "count": self.allocation[n.code, u.id]}
                for n in scenario.nations
                for u in scenario.unit_types
                if self.allocation.get((n.code, u.id))
            ],
            "requirements": [
                {"unit_type": uid, "count": plan.unit_counts[uid], "min": req.min, "max": req.max}
                for uid, req in scenario.requirements.items()
            ],
            "unmet": [
                {
                    "constraint": u.constraint,
                    "required": _number(u.required),
                    "best_reachable": _number(u.best_reachable),
                    "gap": _number(u.gap),
                    "message": u.message,
                }
                for u in self.unmet
            ],
            "conflict": list(self.conflict),
            "explanation": self.explanation(),
            "solve_seconds": round(self.solve_seconds, 4),
            "solver": self.solver,
            "mip_gap": self.mip_gap,
            "best_bound": self.best_bound,
        }


def _number(value: float) -> int | float:
    """Whole numbers as JSON integers, the rest as floats."""
    return int(value) if float(value).is_integer() else float(value)


def allocation_from(items: Allocation) -> dict[tuple[str, str], int]:
    """A clean allocation dict with zero counts dropped."""
    return {key: int(count) for key, count in items.items() if count}
