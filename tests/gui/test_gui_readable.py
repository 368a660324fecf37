"""Small readability fixes: chart titles fit narrow plots, marks over bars, a wide
name field when saving a version, and a short Target & rules tab."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from tests.helpers.gui import open_window
from ui.dialogs import TEXT_FIELD_CHARS, text_dialog
from ui.views.chart_setup import plot_widget


def test_a_title_wider_than_its_plot_drops_its_legend_then_its_middle(qtbot):
    title = "Stand-off support (not counted in troops, by type) in 2027-Q2"
    plot = plot_widget(title, "narrowChart")
    qtbot.addWidget(plot)
    plot.resize(330, 200)
    plot.show()
    qtbot.waitExposed(plot)
    assert plot.shown_title() == "Stand-off support in 2027-Q2"
    assert plot.toolTip() == title
    plot.resize(120, 200)
    qtbot.wait(20)
    shown = plot.shown_title()
    assert "…" in shown and shown.startswith("Sta") and shown.endswith("Q2")
    assert plot.getPlotItem().titleLabel.item.boundingRect().width() <= plot.width()
    plot.resize(900, 200)
    qtbot.wait(20)
    assert plot.shown_title() == title and plot.toolTip() == ""


def test_ceiling_and_requirement_marks_are_drawn_over_the_bars(qtbot):
    charts = open_window(qtbot).charts
    assert charts.ceilings.zValue() > charts.nation_bars.zValue()
    assert charts.floors.zValue() > charts.nation_bars.zValue()
    for items in (charts.coverage, charts.standoff):
        assert items["max"].zValue() > items["bars"].zValue()
        assert items["min"].zValue() > items["bars"].zValue()


def test_the_version_name_field_fits_a_long_name(qtbot):
    dialog = text_dialog(None, "Save version", "Scenario name in the workspace:", "paris")
    qtbot.addWidget(dialog)
    field = dialog.findChild(QLineEdit)
    assert field.minimumWidth() >= field.fontMetrics().averageCharWidth() * TEXT_FIELD_CHARS
    assert dialog.textValue() == "paris"


def test_the_target_and_rules_tab_is_short(qtbot):
    window = open_window(qtbot)
    form = window.target_form
    row = form.min_troops.sizeHint().height()
    assert form.minimumSizeHint().height() < 4.5 * row  # five fields in two columns, not one
