"""Odds view: in how many draws of who turns up does a force exist, and how large is it?"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.analyses import DEFAULT_DRAWS, DEFAULT_PLAN_DRAWS, DEFAULT_PROBABILITIES
from planner.analyses.odds import OddsAnalysis, analyse_odds
from planner.analyses.shares import Share, interval_text, percent
from planner.analyses.verdicts import odds_verdict as verdict
from planner.analyses.verdicts import plan_draws_words
from planner.result.document import PlanResult
from planner.scenario.model import Scenario
from ui.views.analyses.base import AnalysisView
from ui.views.analyses.table import PARTIAL_STYLE, fill_table, result_table
from ui.views.chart_setup import BAR, pg, plot_widget
from ui.workers.worker import Job

MAX_GUI_DRAWS = 100_000
REQUIREMENT_HEADERS = (
    ("Unit type", ""),
    ("Minimum\nneeded", "The requirement's minimum of this unit type"),
    ("Minimum on offer\nin … of draws", "Share of draws in which nations that turn up offer it"),
    ("95% interval", "Where the share lies, 19 times in 20, given the draws made"),
    ("Offered on average,\nper unit needed", "Mean units offered over the draws, per unit needed"),
)
NATION_HEADERS = (
    ("Nation", ""),
    ("Status", ""),
    ("Chance it\nturns up", "The probability given to its status (the options at the left)"),
    ("Turns up in\n… of draws", "Share of draws in which the nation took part in the draw"),
    ("95% interval", "Where the share lies, 19 times in 20, given the draws made"),
    (
        "Used in … of draws\nwith a force",
        "Share of the draws with a force whose best plan uses it, over the sampled draws "
        "the summary names ('Best plans of' at the left)",
    ),
    ("95% interval", "Where the share lies, 19 times in 20, given the draws made"),
)


def headed_table(name: str, headers: tuple[tuple[str, str], ...]):  # noqa: ANN201 (QTableWidget)
    """A result table whose column titles say in words what each figure is."""
    table = result_table(name, [title for title, _ in headers])
    for column, (_, tip) in enumerate(headers):
        item = table.horizontalHeaderItem(column)
        if item is not None and tip:
            item.setToolTip(tip)
    return table


def _used(used: Share | None) -> tuple[str, str]:
    """The used share and its interval; empty when only feasibility was asked."""
    return ("", "") if used is None else (percent(used.value), interval_text(used))


class OddsView(AnalysisView):
    name = "odds"  # its entry in planner.analyses.registry
    title = "Odds"

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("oddsView")
        self.draws = QSpinBox()
        self.draws.setObjectName("oddsDraws")
        self.draws.setRange(10, MAX_GUI_DRAWS)
        self.draws.setSingleStep(500)
        self.draws.setValue(DEFAULT_DRAWS)
        self.draws.setGroupSeparatorShown(True)
        self.seed = QSpinBox()
        self.seed.setObjectName("oddsSeed")
        self.seed.setRange(0, 2_000_000_000)
        self.chances: dict[str, QDoubleSpinBox] = {}
        self.plan_draws = QSpinBox()
        self.plan_draws.setObjectName("oddsPlanDraws")
        self.plan_draws.setRange(0, MAX_GUI_DRAWS)  # 0 shows as "all"
        self.plan_draws.setSpecialValueText("all feasible draws")
        self.plan_draws.setSuffix(" feasible draws")
        self.plan_draws.setValue(DEFAULT_PLAN_DRAWS)
        self.plan_draws.setGroupSeparatorShown(True)
        self.plan_draws.setToolTip(
            "Whether a force exists is settled in every draw; its troops and the nations it "
            "uses come from the best plans of the first feasible draws (a random sample). "
            "All is exact and slower."
        )
        options = QFormLayout()
        options.addRow("Draws", self.draws)
        options.addRow("Seed", self.seed)
        options.addRow("Best plans of", self.plan_draws)
        for status, p in DEFAULT_PROBABILITIES.items():
            spin = QDoubleSpinBox()
            spin.setObjectName(f"oddsP_{status}")
            spin.setRange(0.0, 1.0)
            spin.setSingleStep(0.05)
            spin.setDecimals(2)
            spin.setValue(p)
            self.chances[status] = spin
            options.addRow(f"P({status})", spin)
        self.summary = QLabel("Run: draws who turns up, by the probability of each status.")
        self.summary.setObjectName("oddsSummary")
        self.summary.setWordWrap(True)
        self.histogram = plot_widget(
            "Troops of the best plan, feasible draws", "oddsHistogram", "draws", "troops"
        )
        self.bars = pg.BarGraphItem(x=[], height=[], width=1, brush=BAR)
        self.histogram.addItem(self.bars)
        self.requirements = headed_table("oddsRequirements", REQUIREMENT_HEADERS)
        self.nations = headed_table("oddsNations", NATION_HEADERS)
        self._unit_names: dict[str, str] = {}
        tables = QSplitter()
        tables.addWidget(self.requirements)
        tables.addWidget(self.nations)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(options)
        left_box.addStretch()
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.histogram, 2)
        right.addWidget(tables, 3)
        box = QHBoxLayout(self)
        box.addWidget(left)
        box.addLayout(right, 1)
        self.analysis: OddsAnalysis | None = None

    def make_job(self, scenario: Scenario, baseline: PlanResult | None = None) -> Job:
        self._unit_names = {u.id: u.name for u in scenario.unit_types}
        draws, seed = self.draws.value(), self.seed.value()
        plan_draws = self.plan_draws.value() or None  # 0: all
        chances = {status: spin.value() for status, spin in self.chances.items()}
        return lambda cancel, progress: analyse_odds(
            scenario,
            draws=draws,
            seed=seed,
            plan_draws=plan_draws,
            probabilities=chances,
            workers=1,
            cancel=cancel,
            progress=progress,
        )

    def show_result(self, result: object) -> None:
        assert isinstance(result, OddsAnalysis)
        self.analysis = result
        self.summary.setText(verdict(result))
        self.summary.setStyleSheet("" if result.complete else PARTIAL_STYLE)
        bins = result.total.histogram if result.total is not None else ()
        width = (bins[0][1] - bins[0][0]) * 0.9 if bins else 1
        self.bars.setOpts(
            x=[(lo + hi) / 2 for lo, hi, _ in bins],
            height=[n for _, _, n in bins],
            width=width or 1,
        )
        self.histogram.setTitle(f"Troops of the best plan, {plan_draws_words(result)}")
        self.histogram.getPlotItem().enableAutoRange()
        fill_table(
            self.requirements,
            [
                (
                    self._unit_names.get(r.unit_type, r.unit_type),
                    r.min,
                    percent(r.met.value),
                    interval_text(r.met),
                    "" if r.mean_ratio is None else f"{r.mean_ratio:.2f}",
                )
                for r in result.requirements
            ],
            {i for i, r in enumerate(result.requirements) if r.met_share < 0.5},
        )
        fill_table(
            self.nations,
            [
                (
                    n.code,
                    n.status,
                    f"{n.probability:.2f}",
                    percent(n.available.value),
                    interval_text(n.available),
                    *_used(n.used),
                )
                for n in result.nations
            ],
        )

    def clear(self) -> None:
        if self.analysis is not None:
            self.summary.setStyleSheet("color: #777;")
            self.summary.setText(verdict(self.analysis) + " (scenario changed since: run again)")
