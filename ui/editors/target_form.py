"""The coalition-wide numbers: target band, largest share, fewest nations, objective.

Spin boxes commit when a value is finished (not on every keystroke), through
the same validated, undoable edit as every table (:mod:`ui.editors.scenario_edit`);
they read and show numbers the locale's way (:mod:`ui.editors.number_spins`). A
refused value springs back and the reason goes to the status bar.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QWidget

from planner.errors import ScenarioError
from planner.rules.objectives import OBJECTIVES
from planner.scenario.format import MAX_ITEMS, MAX_TROOPS
from ui import numbers
from ui.document import ScenarioDocument
from ui.editors.number_spins import NumberSpinBox, WholeSpinBox
from ui.editors.scenario_edit import Mutation, changed, refusal
from ui.words import objective_label

TROOP_STEP = 500
SHARE_DECIMALS = 2
LABELS = {
    "target.min_troops": "Target, at least",
    "target.max_troops": "Target, at most",
    "rules.max_share": "Largest share of one nation",
    "rules.min_nations": "Fewest nations taking part",
    "objective": "Objective",
}


def _spin(name: str, field: str, maximum: int, step: int = 1, suffix: str = "") -> WholeSpinBox:
    spin = WholeSpinBox(LABELS[field])
    spin.setObjectName(name)
    spin.setRange(0, maximum)
    spin.setSingleStep(step)
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
        self.min_troops = _spin(
            "targetMinSpin", "target.min_troops", MAX_TROOPS, TROOP_STEP, " troops"
        )
        self.max_troops = _spin(
            "targetMaxSpin", "target.max_troops", MAX_TROOPS, TROOP_STEP, " troops"
        )
        self.max_share = NumberSpinBox(LABELS["rules.max_share"])
        self.max_share.setObjectName("maxShareSpin")
        self.max_share.setRange(0.0, 100.0)
        self.max_share.setDecimals(SHARE_DECIMALS)
        self.max_share.setSuffix(" %")
        self.max_share.setKeyboardTracking(False)
        self.min_nations = _spin("minNationsSpin", "rules.min_nations", MAX_ITEMS)
        self.objective = QComboBox()
        self.objective.setObjectName("objectiveCombo")
        for name, objective in OBJECTIVES.items():  # people read labels; the scenario keeps names
            self.objective.addItem(objective.label, str(name))
        columns = QHBoxLayout(self)  # two short columns: the tab is short and not empty
        for rows in (
            (
                ("target.min_troops", self.min_troops),
                ("target.max_troops", self.max_troops),
                ("objective", self.objective),
            ),
            (("rules.max_share", self.max_share), ("rules.min_nations", self.min_nations)),
        ):
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
            for field, widget in rows:
                form.addRow(LABELS[field], widget)
            columns.addLayout(form)
            columns.setAlignment(form, Qt.AlignmentFlag.AlignTop)
            columns.addSpacing(24)
        columns.addStretch()
        for spin in (self.min_troops, self.max_troops, self.max_share, self.min_nations):
            spin.refused.connect(self.editRejected)
        self.sync()
        self.min_troops.valueChanged.connect(lambda v: self._commit("target", "min_troops", v))
        self.max_troops.valueChanged.connect(lambda v: self._commit("target", "max_troops", v))
        self.max_share.valueChanged.connect(
            lambda v: self._commit("rules", "max_share", round(v / 100.0, SHARE_DECIMALS + 2))
        )
        self.min_nations.valueChanged.connect(lambda v: self._commit("rules", "min_nations", v))
        self.objective.currentIndexChanged.connect(
            lambda i: self._commit("", "objective", self.objective.itemData(i))
        )
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
        self.objective.setCurrentIndex(self.objective.findData(scenario.objective))
        self.objective.blockSignals(False)

    def _commit(self, section: str, field: str, value: Any) -> None:
        label = LABELS[f"{section}.{field}" if section else field]

        def mutate(data: dict[str, Any]) -> None:
            (data[section] if section else data)[field] = value

        if field == "max_share":  # as the box shows it
            shown = f"{numbers.exact(round(100 * value, SHARE_DECIMALS))} %"
        elif field == "objective":
            shown = objective_label(value)
        else:
            shown = numbers.figure(value)
        self._apply(label, mutate, shown)

    def _apply(self, label: str, mutate: Mutation, shown: str) -> None:
        try:
            after = changed(self._document.scenario, mutate)
        except ScenarioError as exc:
            self.editRejected.emit(refusal(label, exc))
            self.sync()
            return
        text = f"Set {label[0].lower()}{label[1:]} to {shown}"
        self._document.edit(after, text)
        self.editAccepted.emit(text)
