"""Stability view: re-optimise moving the fewest units from the plan on screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from planner.analyses.stability import StablePlan, UnitChange, reoptimise_stable
from planner.errors import PlannerError
from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell
from planner.scenario.words import area_name, nation_name, period_label, unit_name
from planner.status import Status
from ui import numbers
from ui.views.analyses.base import AnalysisView
from ui.views.analyses.table import fill_table, result_table
from ui.words import objective_amount, objective_figure
from ui.workers.worker import Job

HEADERS = ("Nation", "Unit type", "Change", "Before", "After")
"""The table's columns; "Area" and "Period" come after "Unit type" where the scenario has them."""


def headers(scenario: Scenario) -> tuple[str, ...]:
    where = ("Area",) if scenario.has_areas else ()
    when = ("Period",) if scenario.periods.several else ()
    return (*HEADERS[:2], *where, *when, *HEADERS[2:])


def change_row(scenario: Scenario, move: UnitChange) -> tuple[object, ...]:
    """One move in names: France, Mechanised infantry battalion, [area], [period], -1, 3, 2."""
    where = (area_name(scenario, move.area),) if scenario.has_areas else ()
    when = (period_label(scenario, move.period),) if scenario.periods.several else ()
    return (
        nation_name(scenario, move.nation),
        unit_name(scenario, move.unit),
        *where,
        *when,
        numbers.signed_whole(move.delta),
        move.before,
        move.after,
    )


def verdict(plan: StablePlan) -> str:
    value, troops = plan.objective_value, plan.total_troops  # both there when it has a plan
    if not plan.has_plan or value is None or troops is None:
        return numbers.localised(plan.reason) or f"No plan ({plan.status})."
    unproved = (
        f" Not proved: {plan.reason}" if plan.status == Status.FEASIBLE and plan.reason else ""
    )
    if not plan.moved:
        return "The plan on screen already meets every rule: nothing needs to move." + unproved
    fewest = "the fewest possible" if plan.moves_proved else "the fewest found"
    worth = objective_amount(plan.objective, objective_figure(plan.objective, value))
    return (
        f"{plan.moved} unit{'s' if plan.moved != 1 else ''} moved, {fewest}; "
        f"{numbers.whole(troops)} troops; {worth}." + numbers.localised(unproved)
    )


class StabilityView(AnalysisView):
    name = "stability"  # its entry in planner.analyses.registry
    title = "Fewest changes"

    def __init__(self, current_plan: Callable[[], dict[Cell, int]]) -> None:
        super().__init__()
        self.setObjectName("stabilityView")
        self.current_plan = current_plan
        self.summary = QLabel(
            "Run: keep the plan on screen as far as the rules allow, moving the fewest "
            "units (then the best objective) — for late changes that should not reshuffle "
            "the force."
        )
        self.summary.setObjectName("stabilitySummary")
        self.summary.setWordWrap(True)
        self.table = result_table("stabilityTable", HEADERS)
        self.use_button = QPushButton("&Put this plan on screen")
        self.use_button.setObjectName("stabilityUse")
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self._use)
        row = QHBoxLayout()
        row.addWidget(self.use_button)
        row.addStretch()
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addWidget(self.table)
        box.addLayout(row)
        self.plan: StablePlan | None = None

    def inputs(self, scenario: Scenario) -> object:
        """The re-plan starts from the plan on screen, so it is stale once that changes too."""
        return scenario, frozenset(self.current_plan().items())

    def make_job(self, scenario: Scenario, baseline: PlanResult | None = None) -> Job:
        current = dict(self.current_plan())
        if not current:
            raise PlannerError("There is no plan on screen to keep: optimise or type one first.")
        return lambda cancel, progress: reoptimise_stable(scenario, current, cancel=cancel)

    def show_result(self, result: object) -> None:
        assert isinstance(result, StablePlan)
        self.plan = result
        self.summary.setText(verdict(result))
        self.summary.setStyleSheet("" if result.has_plan else "color: #b00020;")
        columns = headers(result.scenario)
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(list(columns))
        fill_table(self.table, [change_row(result.scenario, move) for move in result.moves])
        self.use_button.setEnabled(result.has_plan and bool(result.moved))

    def _use(self) -> None:
        if self.plan is not None and self.plan.has_plan:
            self.planRequested.emit(dict(self.plan.allocation))
            self.use_button.setEnabled(False)

    def clear(self) -> None:
        if self.plan is not None:
            self.use_button.setEnabled(False)
            self.summary.setStyleSheet("color: #777;")
            self.summary.setText(verdict(self.plan) + " (scenario changed since: run again)")
