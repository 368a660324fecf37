"""The coalition-wide numbers: target band, largest share, fewest nations, objective.

Spin boxes commit when a value is finished (not on every keystroke), through
the same validated, undoable edit as every table (:mod:`ui.scenario_edit`);
a refused value springs back and the reason goes to the status bar.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QSpinBox, QWidget

from planner.errors import ScenarioError
from planner.model import OBJECTIVES
from planner.validation import MAX_ITEMS, MAX_TROOPS
from ui.document import ScenarioDocument
from ui.scenario_edit import Mutation, changed, refusal

TROOP_STEP = 500


def _spin(name: str, maximum: int, step: int = 1, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(0, maximum)
    spin.setSingleStep(step)
    spin.setGroupSeparatorShown(True)
    spin.setKeyboardTracking(False)
    spin.setSuffix(suffix)
    return spin


class TargetForm(QWidget):
    """Target min/max troops, max share (%), min nations and the objective."""

    editRejected = Signal(str)
    editAccepted = Signal(str)

    def __init__(self, document: ScenarioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("targetForm")
        self._document = document
        self.min_troops = _spin("targetMinSpin", MAX_TROOPS, TROOP_STEP, " troops")
        self.max_troops = _spin("targetMaxSpin", MAX_TROOPS, TROOP_STEP, " troops")
        self.max_share = QDoubleSpinBox()
        self.max_share.setObjectName("maxShareSpin")
        self.max_share.setRange(0.0, 100.0)
        self.max_share.setDecimals(1)
        self.max_share.setSuffix(" %")
        self.max_share.setKeyboardTracking(False)
        self.min_nations = _spin("minNationsSpin", MAX_ITEMS)
        self.objective = QComboBox()
        self.objective.setObjectName("objectiveCombo")
        self.objective.addItems(list(OBJECTIVES))
        layout = QFormLayout(self)
        layout.addRow("Target, at least", self.min_troops)
        layout.addRow("Target, at most", self.max_troops)
        layout.addRow("Largest share of one nation", self.max_share)
        layout.addRow("Fewest nations taking part", self.min_nations)
        layout.addRow("Objective", self.objective)
        self.sync()
        self.min_troops.valueChanged.connect(lambda v: self._commit("target", "min_troops", v))
        self.max_troops.valueChanged.connect(lambda v: self._commit("target", "max_troops", v))
        self.max_share.valueChanged.connect(
            lambda v: self._commit("rules", "max_share", round(v / 100.0, 6))
        )
        self.min_nations.valueChanged.connect(lambda v: self._commit("rules", "min_nations", v))
        self.objective.currentTextChanged.connect(lambda v: self._commit("", "objective", v))
        document.changed.connect(self.sync)

    def sync(self) -> None:
        """Show the document's values without echoing them back as edits."""
        scenario = self._document.scenario
        values: list[tuple[Any, Any]] = [
            (self.min_troops, scenario.target.min_troops),
            (self.max_troops, scenario.target.max_troops),
            (self.max_share, 100.0 * scenario.rules.max_share),
            (self.min_nations, scenario.rules.min_nations),
        ]
        for widget, value in values:
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)
        self.objective.blockSignals(True)
        self.objective.setCurrentText(scenario.objective)
        self.objective.blockSignals(False)

    def _commit(self, section: str, field: str, value: Any) -> None:
        name = f"{section}.{field}" if section else field

        def mutate(data: dict[str, Any]) -> None:
            (data[section] if section else data)[field] = value

        self._apply(name, mutate, value)

    def _apply(self, name: str, mutate: Mutation, value: Any) -> None:
        try:
            after = changed(self._document.scenario, mutate)
        except ScenarioError as exc:
            self.editRejected.emit(refusal(name, exc))
            self.sync()
            return
        text = f"Set {name} to {value}"
        self._document.edit(after, text)
        self.editAccepted.emit(text)
