"""The Conditions tab: per nation, the areas it accepts and what its coming hangs on.

The table (:mod:`ui.editors.conditions_model`) shows every nation's caveat
and conditions in words; beside it, two lists of checkboxes edit those of
the nation selected: the areas it accepts and the nations it requires.
Area and nation names are long ("Eastern Romania (Constanta, NATO
territory)") and contain commas, so they are ticked, never typed.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from ui.document import ScenarioDocument
from ui.editors.conditions_model import ConditionsModel
from ui.editors.side_by_side import TableMaker, column, side_by_side

CHOICE = Qt.ItemDataRole.UserRole


class ConditionsEditor(QWidget):
    """The conditions table, and checkboxes for the nation selected."""

    def __init__(self, document: ScenarioDocument, table: TableMaker) -> None:
        super().__init__()
        self.setObjectName("conditionsEditor")
        self.model = ConditionsModel(document)
        self.table = table("conditionsTable", self.model)
        self.table.setAccessibleName("Conditions: areas each nation accepts, what it requires")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ConditionsModel.AREAS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ConditionsModel.REQUIRES, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ConditionsModel.REQUIRES, 110)
        self.areas_title, self.requires_title = QLabel(), QLabel()
        self.areas_list = _choices("acceptedAreasList", "Areas the selected nation accepts")
        self.requires_list = _choices("requiredNationsList", "Nations the selected nation requires")
        self.areas_title.setBuddy(self.areas_list)
        self.requires_title.setBuddy(self.requires_list)
        side = column(self.areas_title, self.areas_list, self.requires_title, self.requires_list)
        side_by_side(self, "conditionsSplitter", self.table, side, (600, 400))
        self._filling = False
        self.areas_list.itemChanged.connect(self._on_area_ticked)
        self.requires_list.itemChanged.connect(self._on_nation_ticked)
        self.table.selectionModel().selectionChanged.connect(self._on_selected)
        self.model.modelReset.connect(self._fill)
        document.changed.connect(self._fill)
        self._fill()

    def selected_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else 0

    def select_nation(self, code: str) -> None:
        row = [n.code for n in self.model.scenario.nations].index(code)
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, ConditionsModel.AREAS))

    def _on_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._fill()

    def _fill(self) -> None:
        """Tick the selected nation's areas and required nations."""
        scenario = self.model.scenario
        if not scenario.nations:
            return
        nation = scenario.nations[min(self.selected_row(), len(scenario.nations) - 1)]
        accepted = set(scenario.areas_of(nation))
        self._filling = True
        try:
            _fill_list(self.areas_list, [(a.id, a.name, a.id in accepted) for a in scenario.areas])
            others = [n for n in scenario.nations if n.code != nation.code]
            _fill_list(
                self.requires_list, [(n.code, n.name, n.code in nation.requires) for n in others]
            )
        finally:
            self._filling = False
        every = " (it states none: every area)" if nation.areas is None else ""
        self.areas_title.setText(f"Areas {nation.name} &accepts{every}:")
        self.requires_title.setText(f"{nation.name} takes part only if these take &part:")

    def _on_area_ticked(self, _item: QListWidgetItem) -> None:
        if not self._filling:
            self.model.set_areas(self.selected_row(), _ticked(self.areas_list))
            self._fill()  # a refused edit unticks what was ticked

    def _on_nation_ticked(self, _item: QListWidgetItem) -> None:
        if not self._filling:
            self.model.set_requires(self.selected_row(), _ticked(self.requires_list))
            self._fill()


def _choices(name: str, words: str) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(name)
    widget.setAccessibleName(words)
    widget.setUniformItemSizes(True)
    return widget


def _fill_list(widget: QListWidget, rows: list[tuple[str, str, bool]]) -> None:
    """One checkable row per (id, name, ticked); rebuilt only when the ids or names change."""
    shape = [(key, name) for key, name, _ in rows]
    current = [(widget.item(i).data(CHOICE), widget.item(i).text()) for i in range(widget.count())]
    rebuilt = shape != current
    if rebuilt:
        widget.clear()
        for key, name, _ in rows:
            item = QListWidgetItem(name)
            item.setData(CHOICE, key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            widget.addItem(item)
    for i, (_, _, ticked) in enumerate(rows):
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if rebuilt or widget.item(i).checkState() != state:  # a new item draws no box until set
            widget.item(i).setCheckState(state)


def _ticked(widget: QListWidget) -> list[str]:
    items = (widget.item(i) for i in range(widget.count()))
    return [str(item.data(CHOICE)) for item in items if item.checkState() == Qt.CheckState.Checked]
