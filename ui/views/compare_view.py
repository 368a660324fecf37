"""Two versions or two results side by side: what changed, a table and a chart.

The workspace browser calls :func:`show_compare` with two
:class:`~planner.result.compare.CompareSide` values. Everything shown is
computed in ``planner`` (:mod:`planner.scenario.diff`,
:mod:`planner.result.compare`); this module only lays it out. With a plan on
both sides the table and chart show troops per nation; otherwise they show
each nation's ceiling, and the unit tab shows units on offer.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.result.compare import (
    CompareSide,
    Plan,
    PlanComparison,
    Row,
    ceiling_rows,
    compare_plans,
    offer_rows,
    signed,
)
from planner.scenario.diff import diff_scenarios
from planner.scenario.model import ObjectiveId
from ui import numbers
from ui.document import ScenarioDocument
from ui.views.chart_setup import BAR, FAIR, pg, plot_widget
from ui.words import objective_label

__all__ = ["CompareDialog", "CompareSide", "show_compare"]

Index = QModelIndex | QPersistentModelIndex
DIALOG_SIZE = (1100, 760)
NO_VALUE = "\u2014"
HEADING = QFont()
HEADING.setBold(True)
SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
A_BRUSH, B_BRUSH = FAIR, BAR


class RowsModel(QAbstractTableModel):
    """Read-only rows name | A | B | B - A; changed rows bold, the total row last."""

    def __init__(self, first: str, left: str, right: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = (first, left, right, "B \u2212 A")
        self.rows: tuple[Row, ...] = ()

    def set_rows(self, rows: tuple[Row, ...]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (row.delta or row.name == "total"):
            return HEADING
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and row.delta:
            return QBrush(QColor("#1f6f1f" if row.delta > 0 else "#b03020"))
        return None

    @staticmethod
    def _text(row: Row, column: int) -> str:
        if column == 0:
            return "Total" if row.name == "total" else row.name
        if column == 3:
            return numbers.localised(signed(row.delta)) if row.delta else ""
        value = row.a if column == 1 else row.b
        return NO_VALUE if value is None else numbers.figure(value)


class CompareDialog(QDialog):
    """Differences between two sides: sentences, per-nation table, grouped bar chart."""

    def __init__(
        self, left: CompareSide, right: CompareSide, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(f"Compare {left.label} and {right.label}")
        self.resize(*DIALOG_SIZE)
        self.left, self.right = left, right
        self.changes = diff_scenarios(left.scenario, right.scenario)
        plans = left.plan(), right.plan()
        self.comparison: PlanComparison | None = (
            compare_plans(plans[0], plans[1]) if plans[0] and plans[1] else None
        )
        self._title = self.windowTitle()
        self._summary = self._summary_text(plans)
        self._screen: ScenarioDocument | None = None
        self._build(plans)
        self._fill()

    def follow_screen(self, document: ScenarioDocument) -> None:
        """The right side is what `document` shows: say so whenever the screen no longer is it."""
        self._screen = document
        document.changed.connect(self._check_screen)

    @property
    def screen_changed(self) -> bool:
        """True when the side taken from the screen no longer matches the screen."""
        document = self._screen
        if document is None:
            return False
        shown = dict(self.right.allocation or {})
        return document.scenario != self.right.scenario or document.allocation != shown

    def _check_screen(self) -> None:
        changed = self.screen_changed
        note = " (the screen has changed since)" if changed else ""
        self.setWindowTitle(self._title + note)
        self.summary.setText(
            self._summary
            + ("\nThe screen has changed since this comparison: compare again." if changed else "")
        )

    # -- layout ---------------------------------------------------------------------
    def _build(self, plans: tuple[Plan | None, Plan | None]) -> None:
        layout = QVBoxLayout(self)
        self.summary = QLabel(self._summary)
        self.summary.setObjectName("compareSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.change_list = QListWidget()
        self.change_list.setObjectName("compareChanges")
        self.change_list.setWordWrap(True)
        a, b = f"A: {self.left.label}", f"B: {self.right.label}"
        first = "Nation"
        self.nation_model = RowsModel(first, a, b, self)
        self.unit_model = RowsModel("Unit type", a, b, self)
        self.table = self._table(self.nation_model, "compareTable")
        self.unit_table = self._table(self.unit_model, "compareUnitsTable")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("compareTabs")
        by_plan = self.comparison is not None
        self.tabs.addTab(self.table, "Troops by nation" if by_plan else "Ceilings by nation")
        self.tabs.addTab(self.unit_table, "Units by type" if by_plan else "Units on offer")
        self.chart = plot_widget(self._chart_title(by_plan), "compareChart", "troops")
        self.chart.addLegend(offset=(-10, 10))
        self.bars_a = pg.BarGraphItem(x=[], height=[], width=0.38, brush=A_BRUSH, name=a)
        self.bars_b = pg.BarGraphItem(x=[], height=[], width=0.38, brush=B_BRUSH, name=b)
        self.chart.addItem(self.bars_a)
        self.chart.addItem(self.bars_b)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.change_list)
        top.addWidget(self.tabs)
        top.setSizes([480, 620])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.chart)
        split.setSizes([400, 300])
        layout.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _table(model: RowsModel, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setAlternatingRowColors(True)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        return view

    def _chart_title(self, by_plan: bool) -> str:
        what = "Troops by nation" if by_plan else "Ceiling by nation"
        return f"{what}: A (grey) vs B (blue)"

    def _summary_text(self, plans: tuple[Plan | None, Plan | None]) -> str:
        sides = []
        for letter, side, plan in (("A", self.left, plans[0]), ("B", self.right, plans[1])):
            sides.append(f"{letter}: {side.label} \u2014 {_plan_words(plan)}")
        return "\n".join(sides)

    # -- content --------------------------------------------------------------------
    def _fill(self) -> None:
        lines = [c.text for c in self.changes] or ["no changes"]
        self._add_section("scenario", "Scenario changes (A -> B)", lines)
        if self.comparison is not None:
            lines = list(self.comparison.lines) or ["no changes"]
            self._add_section("plan", "Plan changes (A -> B)", lines)
            nations = (*self.comparison.nations, self.comparison.total)
            units = self.comparison.units
        else:
            nations = ceiling_rows(self.left.scenario, self.right.scenario)
            units = offer_rows(self.left.scenario, self.right.scenario)
        self.nation_model.set_rows(nations)
        self.unit_model.set_rows(units)
        self._update_chart([r for r in nations if r.name != "total"])
        self.change_list.setCurrentRow(-1)
        self.table.setFocus()  # the list would otherwise mark its first heading current

    def _add_section(self, section: str, title: str, lines: list[str]) -> None:
        heading = QListWidgetItem(title)
        heading.setFont(HEADING)
        heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # readable, not selectable
        heading.setData(SECTION_ROLE, "heading")
        self.change_list.addItem(heading)
        for line in lines:
            item = QListWidgetItem(numbers.localised(line))
            item.setData(SECTION_ROLE, section)
            self.change_list.addItem(item)

    def _update_chart(self, rows: list[Row]) -> None:
        xs = list(range(len(rows)))
        self.bars_a.setOpts(x=[x - 0.2 for x in xs], height=[r.a or 0 for r in rows])
        self.bars_b.setOpts(x=[x + 0.2 for x in xs], height=[r.b or 0 for r in rows])
        self.chart.getAxis("bottom").setTicks([[(i, r.name) for i, r in enumerate(rows)]])
        self.chart.setXRange(-0.7, max(len(rows), 1) - 0.3, padding=0)
        top = max([*(r.a or 0 for r in rows), *(r.b or 0 for r in rows), 1])
        self.chart.setYRange(0, top * 1.12, padding=0)

    def change_lines(self, section: str = "") -> list[str]:
        """The sentences shown (headings left out); `section` "scenario" or "plan" filters."""
        items = (self.change_list.item(i) for i in range(self.change_list.count()))
        return [
            item.text()
            for item in items
            if item.data(SECTION_ROLE) != "heading"
            and (not section or item.data(SECTION_ROLE) == section)
        ]


def _plan_words(plan: Plan | None) -> str:
    if plan is None:
        return "scenario only, no plan"
    status = plan.status or "hand-made plan"
    value = ""
    if plan.objective_value is not None:  # a cost by the one rule; fair share to 2 places
        worth = plan.objective_value
        exact = plan.objective != ObjectiveId.MIN_COST
        value = f" {numbers.exact(round(worth, 2)) if exact else numbers.cost(worth)}"
    objective = objective_label(plan.objective)
    return f"{status}, {numbers.figure(plan.total_troops)} troops, {objective}{value}"


def show_compare(parent: QWidget | None, left: CompareSide, right: CompareSide) -> CompareDialog:
    """Open the compare dialog (not modal; deleted when closed) and return it."""
    dialog = CompareDialog(left, right, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
