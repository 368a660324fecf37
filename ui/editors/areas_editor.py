"""The Areas tab: the areas table with Add and Remove, and the selected area's requirements.

The tables are the models' views (:mod:`ui.editors.areas_model`,
:mod:`ui.editors.area_requirements_model`); this widget only lays them out,
keeps the requirements table on the area selected, and turns the buttons
into the models' ``add_area`` and ``remove_area``.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QWidget,
)

from ui.document import ScenarioDocument
from ui.editors.area_requirements_model import AreaRequirementsModel
from ui.editors.areas_model import AreasModel
from ui.editors.side_by_side import TableMaker, column, side_by_side


class AreasEditor(QWidget):
    """Areas on the left, the requirements of the one selected on the right."""

    def __init__(self, document: ScenarioDocument, table: TableMaker) -> None:
        super().__init__()
        self.setObjectName("areasEditor")
        self.model = AreasModel(document)
        self.table = table("areasTable", self.model)
        self.table.setAccessibleName("Areas: where the force may stand")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AreasModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()  # the name is the first column
        self.requirements_model = AreaRequirementsModel(document)
        self.requirements = table("areaRequirementsTable", self.requirements_model)
        self.requirements.setAccessibleName("Ground units the selected area needs")
        self.requirements.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.requirements_title = QLabel()
        self.requirements_title.setWordWrap(True)
        self.add_button = QPushButton("&Add area")
        self.add_button.setObjectName("addAreaButton")
        self.remove_button = QPushButton("Re&move area")
        self.remove_button.setObjectName("removeAreaButton")
        self.remove_button.setToolTip(
            "Removes the selected area, and it from caveats, its area requirements, its locks"
            " and its plan cells (one step: Undo brings all back)"
        )
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch()
        left = column(self.table, buttons)
        right = column(self.requirements_title, self.requirements)
        side_by_side(self, "areasSplitter", left, right, (700, 300))
        self.add_button.clicked.connect(self.add_area)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.selectionModel().selectionChanged.connect(self._on_selected)
        self.model.modelReset.connect(self._follow_selection)
        document.changed.connect(self._follow_selection)
        self._follow_selection()

    def selected_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, AreasModel.NAME))

    def add_area(self) -> None:
        row = self.model.add_area()
        if row is not None:
            self.select_row(row)
            self.table.edit(self.model.index(row, AreasModel.NAME))  # type its name now

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            self.model.editRejected.emit("Select an area in the table, then remove it.")
            return
        if self.model.remove_area(row):
            self.select_row(min(row, self.model.rowCount() - 1))

    def _on_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._follow_selection()

    def _follow_selection(self) -> None:
        """The requirements table shows the area selected (or the first)."""
        areas = self.model.scenario.areas
        row = self.selected_row()
        area = areas[row] if row is not None and row < len(areas) else areas[0]
        self.requirements_model.show_area(area.id)
        self.requirements_title.setText(f"Ground units {area.name} needs (empty: no requirement)")
        self.remove_button.setEnabled(len(areas) > 1)
