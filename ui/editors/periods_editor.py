"""The Periods tab: how long the operation lasts, rotation, full capability and build-up.

Left, the horizon (how many periods, what they are called, the first one),
the default rotation and the first period of full capability, with the
build-up minimums of the periods before it; right, each nation's rotation
and the period each offer is ready from. Every value is one validated,
undoable edit (:mod:`ui.editors.scenario_edit`) and moves the scenario to
scenario@2 (:func:`ui.editors.periods_tables.on_v2`); a refused value springs
back and the core's reason goes under the editors.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.errors import ScenarioError
from planner.scenario import words
from planner.scenario.format import MAX_PERIODS, MAX_ROTATION
from planner.scenario.model import Scenario
from ui import numbers
from ui.document import ScenarioDocument
from ui.editors.number_spins import WholeSpinBox
from ui.editors.periods_tables import BuildUpModel, ReadinessModel, RotationModel, on_v2
from ui.editors.scenario_edit import Mutation, changed, refusal, text
from ui.editors.scenario_tables import DocumentTableModel

LABELS = {
    "count": "Periods",
    "label": "Periods are called",
    "first": "First period",
    "rotation": "One period on operations in",
    "full_from": "First period of full capability",
}
HELP = {
    "count": "How many periods the operation is planned over (1 to 60)",
    "label": "What one period is called, e.g. quarter or month (for display only)",
    "first": "The first period's name, e.g. 2026-Q3 or 2027-01; the others count on from it",
    "rotation": "A unit serves one period, then rests the next ones: 3 is the rule of thirds "
    "(on operations, preparing, recovering); 1 is no rotation. A nation may state its own",
    "full_from": "From this period on the target, floors and requirements hold; "
    "before it only the build-up minimums below",
}


class PeriodsEditor(QWidget):
    """The periods section, the build-up table, rotation by nation and offers ready from."""

    editRejected = Signal(str)
    editAccepted = Signal(str)

    def __init__(self, document: ScenarioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodsEditor")
        self._document = document
        self.count = _spin("periodCountSpin", "count", MAX_PERIODS)
        self.label = _line("periodLabelEdit", "label")
        self.first = _line("firstPeriodEdit", "first")
        self.rotation = _spin("rotationSpin", "rotation", MAX_ROTATION)
        self.full_from = QComboBox()
        self.full_from.setObjectName("fullFromCombo")
        self.full_from.setToolTip(HELP["full_from"])
        self.build_up_model = BuildUpModel(document)
        self.rotation_model = RotationModel(document)
        self.readiness_model = ReadinessModel(document)
        self.build_up_table = _table("buildUpTable", self.build_up_model, "Build-up minimums")
        self.rotation_table = _table(
            "nationRotationTable", self.rotation_model, "Rotation cycle by nation"
        )
        self.readiness_table = _table(
            "readyFromTable", self.readiness_model, "First period each offer is ready"
        )
        self.readiness_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.build_up_note = QLabel()
        self.build_up_note.setObjectName("buildUpNote")
        self.build_up_note.setWordWrap(True)
        self._lay_out()
        self.sync()
        self._connect()

    def _lay_out(self) -> None:
        form = QFormLayout()
        for field, widget in (
            ("count", self.count),
            ("label", self.label),
            ("first", self.first),
            ("rotation", self.rotation),
            ("full_from", self.full_from),
        ):
            form.addRow(LABELS[field], widget)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.build_up_note)
        left.addWidget(self.build_up_table, 1)
        self.side = QTabWidget()
        self.side.setObjectName("periodsSideTabs")
        self.side.addTab(self.rotation_table, "Rotation by nation")
        self.side.addTab(self.readiness_table, "Offers ready from")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        row.addLayout(left, 2)
        row.addWidget(self.side, 3)

    def _connect(self) -> None:
        self.count.valueChanged.connect(lambda v: self._commit("count", v))
        self.rotation.valueChanged.connect(lambda v: self._commit("rotation", v))
        for line, field in ((self.label, "label"), (self.first, "first")):
            line.editingFinished.connect(lambda line=line, field=field: self._typed(line, field))
        self.full_from.currentIndexChanged.connect(  # `sync` fills it without signals
            lambda i: self._commit("full_from", self.full_from.itemData(i))
        )
        for spin in (self.count, self.rotation):
            spin.refused.connect(self.editRejected)
        models: tuple[DocumentTableModel, ...] = (
            self.build_up_model,
            self.rotation_model,
            self.readiness_model,
        )
        for model in models:
            model.editRejected.connect(self.editRejected)
            model.editAccepted.connect(self.editAccepted)
        self._document.changed.connect(self.sync)

    def sync(self) -> None:
        """Show the document's values without echoing them back as edits."""
        scenario = self._document.scenario
        periods = scenario.periods
        for widget, value in ((self.count, periods.count), (self.rotation, periods.rotation)):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)
        for line, shown in ((self.label, periods.label), (self.first, periods.first)):
            if line.text() != shown and not line.isModified():  # never under the planner's typing
                line.setText(shown)
        self.full_from.blockSignals(True)
        self.full_from.clear()
        for t in periods.all:
            self.full_from.addItem(words.period_label(scenario, t), t)
        self.full_from.setCurrentIndex(periods.full_from - 1)
        self.full_from.blockSignals(False)
        self.rotation.setSuffix(f" {_plural(periods.label)}")
        self.build_up_note.setText(_build_up_note(scenario))
        self.build_up_table.setVisible(periods.full_from > 1)

    def _typed(self, line: QLineEdit, field: str) -> None:
        """A text field finished: commit it; whatever happens, the document's value shows."""
        line.setModified(False)
        self._commit(field, text(line.text()))  # trimmed, as every table's text
        self.sync()

    def _commit(self, field: str, value: Any) -> None:
        scenario = self._document.scenario
        if value == getattr(scenario.periods, field):
            return
        dropped = _dropped_build_up(scenario, value) if field == "full_from" else []

        def mutate(data: dict[str, Any]) -> None:
            data["periods"][field] = value
            if dropped:
                data["target"]["build_up"] = [
                    s for s in data["target"]["build_up"] if s["period"] < value
                ]

        shown = words.period_label(scenario, value) if field == "full_from" else str(value)
        note = ""
        if dropped:
            note = f" (build-up minimums of {words.periods_span(scenario, dropped)} removed)"
        self._apply(field, on_v2(mutate), shown, note)

    def _apply(self, field: str, mutate: Mutation, shown: str, note: str = "") -> None:
        label = LABELS[field]
        try:
            after = changed(self._document.scenario, mutate)
        except ScenarioError as exc:
            self.editRejected.emit(refusal(label, _placed(self._document.scenario, field, exc)))
            self.sync()
            return
        said = f"Set {label[0].lower()}{label[1:]} to {shown}{note}"
        self._document.edit(after, said)
        self.editAccepted.emit(said)


_PATH = re.compile(r"nations\[(\d+)\]\.(?:offers\.(\w+)\.ready_from|rotation)")
WHERE = {
    "periods.count": "the number of periods",
    "periods.full_from": "the first period of full capability",
    "periods.rotation": "the default rotation",
    "target.build_up": "a build-up minimum",
    "locks": "a lock",
}


def _placed(scenario: Scenario, field: str, exc: ScenarioError) -> ScenarioError:
    """The core's reason, saying in planner words which other value it is about.

    Fewer periods can break a value elsewhere (the first full period, an offer's
    readiness); the core's sentence names the figure, this names whose it is.
    """
    path = exc.path
    if not path or path == f"periods.{field}":
        return exc
    where = next((said for key, said in WHERE.items() if path.startswith(key)), "")
    if m := _PATH.match(path):
        nation = scenario.nations[int(m[1])] if int(m[1]) < len(scenario.nations) else None
        who = nation.name if nation is not None else "a nation"
        where = (
            f"{who}'s {words.unit_name(scenario, m[2])} ready from" if m[2] else f"{who}'s rotation"
        )
    return ScenarioError(path, f"{where}: {exc.problem}") if where else exc


def _dropped_build_up(scenario: Scenario, full_from: int) -> list[int]:
    """Build-up periods a new first full period leaves without a place (they would be floors)."""
    return [b.period for b in scenario.target.build_up if b.period >= full_from]


def _build_up_note(scenario: Scenario) -> str:
    periods = scenario.periods
    if periods.full_from == 1:
        return "Full capability from the first period: no build-up."
    before = words.periods_span(scenario, list(range(1, periods.full_from)))
    return (
        f"Build-up in {before}: the least force in the target by then (empty: no minimum). "
        f"From {words.period_label(scenario, periods.full_from)} on the target holds "
        f"({numbers.whole(scenario.target.min_troops)} to "
        f"{numbers.whole(scenario.target.max_troops)} troops)."
    )


def _plural(label: str) -> str:
    return label if label.endswith("s") else f"{label}s"


def _spin(name: str, field: str, maximum: int) -> WholeSpinBox:
    spin = WholeSpinBox(LABELS[field])
    spin.setObjectName(name)
    spin.setRange(1, maximum)
    spin.setKeyboardTracking(False)
    spin.setToolTip(HELP[field])
    return spin


def _line(name: str, field: str) -> QLineEdit:
    line = QLineEdit()
    line.setObjectName(name)
    line.setToolTip(HELP[field])
    return line


def _table(name: str, model: DocumentTableModel, spoken: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(spoken)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setStretchLastSection(True)
    return view
