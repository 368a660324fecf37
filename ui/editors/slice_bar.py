"""The area and period selectors above the allocation grid (scenario@2).

A scenario with several areas or periods has more plan cells than the grid
has cells; these two combo boxes say which the grid shows: "All areas" or
one area, "All quarters" (in the scenario's word) or one period
(:class:`ui.editors.grid_slice.Slice`). Each
is shown only when the scenario has more than one of its kind, so a
scenario@1 file looks as it always did.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QWidget

from planner.scenario.model import Scenario
from planner.scenario.words import period_label, plural
from ui.editors.grid_slice import Slice
from ui.editors.offer_tints import LEGEND, LEGEND_TIP

ALL_AREAS = "All areas"
KEEP = object()
"""`choose` leaves a selector as it is when given this."""

Choices = list[tuple[str, object]]


class SliceBar(QWidget):
    """Two selectors; `changed(Slice)` when the planner picks another area or period."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sliceBar")
        self.area = QComboBox()
        self.area.setObjectName("areaSelector")
        # a long area name must not widen the grid's side of the window
        self.area.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.area.setMinimumContentsLength(16)
        self.area.setToolTip("Which area the grid shows; all areas shows sums (read-only)")
        self.period = QComboBox()
        self.period.setObjectName("periodSelector")
        self.period.setToolTip("Which period the grid shows; all periods shows sums (read-only)")
        self.period_slider = QSlider(Qt.Orientation.Horizontal)  # steps through the periods
        self.period_slider.setObjectName("periodSlider")
        self.period_slider.setAccessibleName("Period the plan grid shows, step by step")
        self.period_slider.setToolTip("Step through the periods (far left: all periods)")
        self.period_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.period_slider.setPageStep(1)
        self.period_slider.setMinimumWidth(60)
        self.legend = QLabel(LEGEND)  # what the offers' tints mean, over one period
        self.legend.setObjectName("offerStateLegend")
        self.legend.setToolTip(LEGEND_TIP)
        self.area_label = QLabel("Area:")
        self.area_label.setBuddy(self.area)
        self.period_label = QLabel("Period:")
        self.period_label.setBuddy(self.period)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.area_label, self.area, self.period_label, self.period):
            row.addWidget(widget)
        row.addWidget(self.period_slider, 1)
        row.addWidget(self.legend)
        row.addStretch()
        self.area.currentIndexChanged.connect(self._picked)
        self.period.currentIndexChanged.connect(self._picked)
        self.period.currentIndexChanged.connect(self._slide_to)
        self.period_slider.valueChanged.connect(self.period.setCurrentIndex)
        self.hide()

    def slice(self) -> Slice:
        """What the selectors say now."""
        area, period = self.area.currentData(), self.period.currentData()
        return Slice(area if isinstance(area, str) else None, period if period else None)

    def follow(self, scenario: Scenario) -> Slice:
        """Offer `scenario`'s areas and periods, keeping the choice where it still exists."""
        areas: Choices = [(ALL_AREAS, None)] + [(a.name, a.id) for a in scenario.areas]
        every = f"All {plural(scenario.periods.label, 2)}"  # "Quarter: All quarters"
        periods: Choices = [(every, None)] + [
            (period_label(scenario, t), t) for t in scenario.periods.all
        ]
        several_areas, several_periods = len(areas) > 2, len(periods) > 2
        _fill(self.area, areas if several_areas else areas[:1])
        _fill(self.period, periods if several_periods else periods[:1])
        self.period_label.setText(f"{scenario.periods.label.capitalize()}:")
        for widget, shown in (
            (self.area_label, several_areas),
            (self.area, several_areas),
            (self.period_label, several_periods),
            (self.period, several_periods),
            (self.period_slider, several_periods),
        ):
            widget.setVisible(shown)
        self.period_slider.blockSignals(True)
        self.period_slider.setRange(0, self.period.count() - 1)
        self.period_slider.blockSignals(False)
        self._slide_to(self.period.currentIndex())
        self._show_legend()
        self.setVisible(several_areas or several_periods)
        return self.slice()

    def choose(self, area: object = KEEP, period: object = KEEP) -> bool:
        """Show `area` and `period` (KEEP: as they are); False if either is not offered."""
        found = True
        for combo, value in ((self.area, area), (self.period, period)):
            if value is KEEP:
                continue
            index = _index_of(combo, value)
            if index < 0:
                found = False
                continue
            combo.setCurrentIndex(index)
        return found

    def _slide_to(self, index: int) -> None:
        """The slider follows the period chosen in the list (without choosing again)."""
        self.period_slider.blockSignals(True)
        self.period_slider.setValue(max(index, 0))
        self.period_slider.blockSignals(False)

    def _picked(self, _index: int) -> None:
        self._show_legend()
        self.changed.emit(self.slice())

    def _show_legend(self) -> None:
        """The tints' legend, while the grid shows one of several periods (and its states)."""
        self.legend.setVisible(self.period.isVisibleTo(self) and self.slice().period is not None)


def _fill(combo: QComboBox, choices: Choices) -> None:
    """Replace `combo`'s items by `choices` without a signal, keeping the chosen value."""
    if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == choices:
        return
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, value in choices:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(_index_of(combo, chosen), 0))
    combo.blockSignals(False)


def _index_of(combo: QComboBox, value: object) -> int:
    """The item holding `value` (None: the first, "All ..."), or -1."""
    return 0 if value is None else combo.findData(value)
