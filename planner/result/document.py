"""The result of a solve and its JSON document (spec sections 4 and 10, stable keys)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from planner.explain.hard_check import Unmet
from planner.explain.in_time import grouped_sentences, rotation_clause
from planner.explain.wording import conflict_sentence
from planner.rules.objectives import objective_value
from planner.scenario.evaluate import PlanEvaluation, evaluate
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell
from planner.status import EXIT_CODES, Status

RESULT_SCHEMA = "force-planner/result@1"
RESULT_SCHEMA_2 = "force-planner/result@2"
"""Results of scenarios with areas or several periods carry the keys of spec section 10."""


@dataclass
class PlanResult:
    """One solve's answer: status, the plan (or the closest plan) and what is unmet."""

    scenario: Scenario
    status: Status
    objective: str
    allocation: dict[Cell, int] = field(default_factory=dict)
    unmet: list[Unmet] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)
    solve_seconds: float = 0.0
    solver: str = "highs"
    mip_gap: float | None = None
    best_bound: float | None = None
    notes: list[str] = field(default_factory=list)
    tie_break: str | None = None
    """The objective that chose among equally good plans (see Objective.tie_break), if any."""
    explained: bool = True
    """False when a time limit or a cancel cut the explanation of an infeasible scenario short
    (its closest plan, if any, may not be the closest)."""

    @property
    def has_plan(self) -> bool:
        return Status(self.status).has_plan

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
        return EXIT_CODES[Status(self.status)]

    def explanation(self) -> list[str]:
        """Every sentence a planner should read about this result."""
        sentences = grouped_sentences(self.scenario, self.unmet)
        if self.conflict:
            sentences.append(conflict_sentence(self.scenario, self.conflict))
            minimums = [c for c in self.conflict if c.startswith("target.min_troops@")]
            if len(minimums) > 1:  # the force cannot be kept: say what rotation allows
                clause = rotation_clause(self.scenario, self.scenario.target.min_troops)
                if clause:
                    sentences.append(clause)
        return sentences + self.notes

    def to_dict(self) -> dict[str, Any]:
        """The result document of spec sections 4 and 10 (plus `explanation`, solver, gap)."""
        return ResultDocument(self).build()


class ResultDocument:
    """Builds the JSON document of one result; a class so the parts share one evaluation."""

    def __init__(self, result: PlanResult) -> None:
        self.result, self.scenario = result, result.scenario
        self.several = self.scenario.periods.several
        self.has_areas = self.scenario.has_areas

    @cached_property
    def plan(self) -> PlanEvaluation:
        return self.result.evaluation

    def build(self) -> dict[str, Any]:
        result, plan = self.result, self.plan
        doc: dict[str, Any] = {
            "schema": RESULT_SCHEMA_2 if self.several or self.has_areas else RESULT_SCHEMA,
            "status": str(result.status),
            "objective": result.objective,
            "objective_value": result.objective_value,
            "total_troops": plan.total_troops,
            "nations": [
                {
                    "code": n.code,
                    "participating": plan.participating[n.code],
                    "troops": plan.troops[n.code],
                }
                for n in self.scenario.nations
            ],
            "allocation": self.allocation(),
            "requirements": self.requirements(),
        }
        if self.several:
            doc["periods"] = self.periods()
        if self.has_areas:
            doc["areas"] = self.areas()
        doc.update(
            {
                "unmet": [
                    {
                        "constraint": u.constraint,
                        "required": _number(u.required),
                        "best_reachable": _number(u.best_reachable),
                        "gap": _number(u.gap),
                        "message": u.message,
                    }
                    for u in result.unmet
                ],
                "conflict": list(result.conflict),
                "explanation": result.explanation(),
                "solve_seconds": round(result.solve_seconds, 4),
                "solver": result.solver,
                "mip_gap": result.mip_gap,
                "best_bound": result.best_bound,
            }
        )
        return doc

    def allocation(self) -> list[dict[str, Any]]:
        return allocation_entries(self.scenario, self.result.allocation)

    def requirements(self) -> list[dict[str, Any]]:
        """Each requirement's count, per full period when there are several."""
        plan, scenario = self.plan, self.scenario
        entries = []
        for uid, req in scenario.requirements.items():
            periods = plan.full if self.several else range(1, 2)
            for t in periods:
                entry: dict[str, Any] = {
                    "unit_type": uid,
                    "count": plan.units_at[uid][t - 1],
                    "min": req.min,
                    "max": req.max,
                }
                if self.several:
                    entry["period"] = t
                entries.append(entry)
        return entries

    def periods(self) -> list[dict[str, Any]]:
        plan, scenario = self.plan, self.scenario
        return [
            {
                "period": t,
                "total_troops": plan.total_at[t - 1],
                "ground_troops": plan.ground_at[t - 1],
                "nations": [
                    {
                        "code": n.code,
                        "troops": plan.troops_at[n.code][t - 1],
                        "in_target": plan.in_target_at[n.code][t - 1],
                    }
                    for n in scenario.nations
                ],
            }
            for t in scenario.periods.all
        ]

    def areas(self) -> list[dict[str, Any]]:
        plan, scenario = self.plan, self.scenario
        entries = []
        for area in scenario.areas:
            for t in scenario.periods.all:
                entry: dict[str, Any] = {"area": area.id}
                if self.several:
                    entry["period"] = t
                entry["troops"] = plan.area_troops_at[area.id][t - 1]
                entry["capacity"] = area.capacity_troops
                entries.append(entry)
        return entries


def allocation_entries(scenario: Scenario, plan: Mapping[Cell, int]) -> list[dict[str, Any]]:
    """A plan as spec section 4/10 `allocation[]` entries: non-zero counts in scenario order
    (nation, unit type, period, area), with `area` when the scenario declares areas and
    `period` when it has several."""
    nations = {n.code: i for i, n in enumerate(scenario.nations)}
    units = {u.id: i for i, u in enumerate(scenario.unit_types)}
    areas = {a.id: i for i, a in enumerate(scenario.areas)}

    def order(cell: Cell) -> tuple[int, int, int, int]:
        area = -1 if cell.area is None else areas[cell.area]
        return nations[cell.nation], units[cell.unit], cell.period, area

    entries = []
    for key in sorted((k for k, v in plan.items() if v), key=order):
        entry: dict[str, Any] = {"nation": key.nation, "unit_type": key.unit, "count": plan[key]}
        if scenario.has_areas:
            entry["area"] = key.area
        if scenario.periods.several:
            entry["period"] = key.period
        entries.append(entry)
    return entries


def _number(value: float) -> int | float:
    """Whole numbers as JSON integers, the rest as floats."""
    return int(value) if float(value).is_integer() else float(value)
