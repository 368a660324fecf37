"""The totals under the allocation grid: units of each type against what the force needs.

Two rows, one cell per unit type: "Total" (the column's sum as the grid
shows it) and "Needed" (the requirement's min and max). A total is
coloured when the force breaks the requirement in a full period the grid
shows (short: red, over: orange), with the periods and figures in its
tooltip. With one area shown the area's own requirement applies, if the
scenario has one (requirements of the whole force count every area).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from planner.scenario.model import Requirement, Scenario
from planner.scenario.plan import Plan
from planner.scenario.words import in_period
from ui import numbers
from ui.document import ScenarioDocument
from ui.editors.allocation_model import BROKEN, LOCK_BROKEN, RIGHT, AllocationModel
from ui.editors.grid_slice import Slice

Index = QModelIndex | QPersistentModelIndex
ROWS = ("Total", "Needed")
SHORT, OVER = QBrush(BROKEN), QBrush(LOCK_BROKEN)


@dataclass(frozen=True)
class UnitTotal:
    """One unit type's column: its sum as shown, what is needed, and where it falls outside."""

    shown: str  # as the grid shows it: a sum, or a range over periods
    needed: Requirement | None
    short: tuple[str, ...] = ()  # one sentence per full period below the minimum
    over: tuple[str, ...] = ()  # and above the maximum

    def needed_text(self) -> str:
        req = self.needed
        if req is None or (req.min == 0 and req.max is None):
            return ""
        if req.max is None:
            return f"≥ {numbers.whole(req.min)}"
        if req.min == 0:
            return f"≤ {numbers.whole(req.max)}"
        if req.min == req.max:
            return numbers.whole(req.min)
        return f"{numbers.whole(req.min)}–{numbers.whole(req.max)}"


def unit_totals(scenario: Scenario, plan: Plan, view: Slice) -> list[UnitTotal]:
    """Each unit type's total in the slice shown, checked against its requirement.

    Over every period of a scenario with several, a sum of quarters means
    nothing against a requirement per quarter: the total is then the range of
    the force's count over the full periods ("4–6"), each of which is checked.
    """
    counts = view.counts(plan)
    over_periods = view.period is None and scenario.periods.several
    periods = [view.period] if view.period is not None else list(scenario.periods.full)
    totals = []
    for unit in scenario.unit_types:
        area = view.area if unit.deployed and len(scenario.areas) > 1 else None
        needed = (
            scenario.area_requirements.get(area, {}).get(unit.id)
            if area is not None
            else scenario.requirements.get(unit.id)
        )
        per_period = {
            t: sum(
                n
                for key, n in plan.items()
                if key.unit == unit.id and (area is None or key.area == area) and key.period == t
            )
            for t in periods
            if t in scenario.periods.full
        }
        if over_periods and per_period:
            low, high = min(per_period.values()), max(per_period.values())
            shown = (
                numbers.whole(low) if low == high else f"{numbers.whole(low)}–{numbers.whole(high)}"
            )
        else:
            shown = numbers.whole(sum(n for (_, u), n in counts.items() if u == unit.id))
        short, over = _breaches(scenario, needed, per_period)
        totals.append(UnitTotal(shown, needed, short, over))
    return totals


def _breaches(
    scenario: Scenario, needed: Requirement | None, per_period: dict[int, int]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One sentence per full period below the minimum, and per period above the maximum."""
    short: list[str] = []
    over: list[str] = []
    if needed is None:
        return (), ()
    whole = numbers.whole
    for period, count in per_period.items():
        when = in_period(scenario, period)
        if count < needed.min:
            short.append(
                f"{whole(count)}{when}: {whole(needed.min - count)} short of {whole(needed.min)}"
            )
        if needed.max is not None and count > needed.max:
            over.append(
                f"{whole(count)}{when}: {whole(count - needed.max)} over {whole(needed.max)}"
            )
    return tuple(short), tuple(over)


def troops_in_target(scenario: Scenario, plan: Plan, view: Slice) -> int | None:
    """Deployed troops of the slice's one period standing in the target's areas.

    None when every area shown is in the target (the troops total is then the
    figure the band counts) or no single period is shown. Spec section 7: the
    band counts troops in areas ``in_target`` only, so "12,285 troops" in a
    grid beside "10,000 troops" in the status line needs this second figure.
    """
    if view.period is None and scenario.periods.several:
        return None
    shown = [a for a in scenario.areas if view.area is None or a.id == view.area]
    if all(a.in_target for a in shown):
        return None
    inside = frozenset(a.id for a in shown if a.in_target)
    return sum(view.troops(scenario, plan, inside).values())


class TotalsModel(QAbstractTableModel):
    """The two totals rows, following the grid (its slice) and the document (its plan)."""

    def __init__(self, document: ScenarioDocument, grid: AllocationModel) -> None:
        super().__init__(grid)
        self._document = document
        self._grid = grid
        self._scenario = document.scenario
        self._totals: list[UnitTotal] = []
        self._troops = ""
        self._in_target = ""  # troops in the target's areas, when some shown stand outside
        self.refresh()
        grid.modelReset.connect(self._reset)
        grid.dataChanged.connect(self.refresh)
        grid.headerDataChanged.connect(self.refresh)

    def totals(self) -> list[UnitTotal]:
        return list(self._totals)

    def _reset(self) -> None:
        self.beginResetModel()
        self._compute()
        self.endResetModel()

    def refresh(self, *_: object) -> None:
        if len(self._document.scenario.unit_types) != len(self._scenario.unit_types):
            self._reset()
            return
        self._compute()
        if self._totals:
            self.dataChanged.emit(self.index(0, 0), self.index(1, len(self._totals)))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, 0)  # 'Total' or 'Per quarter'

    def _compute(self) -> None:
        self._scenario = scenario = self._document.scenario
        plan, view = self._document.allocation, self._grid.slice
        self._totals = unit_totals(scenario, plan, view)
        over_periods = view.period is None and scenario.periods.several
        troops = view.troops(scenario, plan)
        self._troops = "" if over_periods else numbers.whole(sum(troops.values()))
        inside = None if over_periods else troops_in_target(scenario, plan, view)
        self._in_target = "" if inside is None else numbers.whole(inside)

    def _per_period(self) -> str:
        """'quarter' while the totals are a range over periods (the grid sums them), else ''."""
        scenario = self._scenario
        over_periods = self._grid.slice.period is None and scenario.periods.several
        return scenario.periods.label if over_periods else ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(ROWS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._totals) + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        per = self._per_period()
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return f"Per {per}" if section == 0 and per else ROWS[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.ToolTipRole:
            if section == 1:
                return "What the force needs of each type (requirement min–max)"
            if per:
                return (
                    f"Units of each type in the force in each {per} of full capability, "
                    f"fewest–most (the cells above sum over every {per})"
                )
            return "Units of each type in the plan shown"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and row == 0:
            font = QFont()
            font.setBold(True)
            return font
        if column >= len(self._totals):  # the troops column
            if role == Qt.ItemDataRole.DisplayRole:
                if row == 0:
                    return self._troops
                return f"{self._in_target} in target" if self._in_target else None
            if role == Qt.ItemDataRole.ToolTipRole and self._troops:
                if not self._in_target:
                    return "Troops of every nation in the plan shown"
                return (
                    f"{self._troops} troops of every nation in the areas shown; "
                    f"{self._in_target} of them stand in the target's areas, "
                    "the troops the target band counts"
                )
            return None
        total = self._totals[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return total.shown if row == 0 else total.needed_text()
        if role == Qt.ItemDataRole.BackgroundRole and row == 0:
            if total.short:
                return SHORT
            if total.over:
                return OVER
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column, total)
        return None

    def _tooltip(self, column: int, total: UnitTotal) -> str:
        name = self._scenario.unit_types[column].name
        several = self._grid.slice.period is None and self._scenario.periods.several
        per = " (lowest to highest over the full periods)" if several else ""
        lines = [f"{name}: {total.shown} in the plan shown{per}"]
        needed = total.needed_text()
        lines.append(f"Needed: {needed}" if needed else "No requirement for this type")
        lines += [f"Short: {line}" for line in total.short]
        lines += [f"Over: {line}" for line in total.over]
        return "\n".join(lines)
