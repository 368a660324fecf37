"""Numbers typed and shown the planner's way, under en_US and de_DE (issue: decimal commas).

Each test runs under both locales (``QLocale.setDefault`` before the window
opens). A number is typed into the editors as a planner types it; what the
locale reads as the number is stored exactly, anything else (``1,5`` under
en_US, ``10,5`` for a whole number) is refused with a line naming the field
and the text, and nothing changes.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLineEdit

from planner.scenario.io import default_scenario
from tests.helpers.gui import open_window, plan_cell, shown
from ui import numbers
from ui.editors.nations_model import COLUMNS
from ui.main_window import MainWindow

FIELDS = [c.field for c in COLUMNS]
CEILING, COST = FIELDS.index("max_troops"), FIELDS.index("cost_per_troop")
# per locale: the decimal 1.5 as typed there, the same digits as the other locale writes them
SEPARATORS = {"en_US": (".", ","), "de_DE": (",", ".")}


@pytest.fixture(params=sorted(SEPARATORS))
def locale_name(request, qapp):
    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield request.param
    QLocale.setDefault(before)


@pytest.fixture
def window(qtbot, locale_name) -> MainWindow:
    return open_window(qtbot)


def row_of(window: MainWindow, code: str) -> int:
    return [n.code for n in window.document.scenario.nations].index(code)


def type_into(qtbot, view, index, text: str) -> None:
    """Open the cell's editor as a planner does, type `text`, press Enter."""
    view.setFocus()
    index = shown(view, index)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.viewport().findChild(QLineEdit, "numberEditor")
    assert editor is not None, "numbers are typed as text, not into a spin box"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.viewport().findChild(QLineEdit, "numberEditor") is None)


def type_into_spin(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def message(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


# -- parsing and writing ----------------------------------------------------------------


def test_parsing_follows_the_locale_and_refuses_what_it_cannot_read(locale_name):
    decimal_point, other = SEPARATORS[locale_name]
    assert numbers.parse_number(f"1{decimal_point}5") == 1.5
    assert numbers.parse_whole(f"10{other}500") == 10500  # the locale's group separator
    assert numbers.parse_number(f"12{other}345{decimal_point}5") == 12345.5
    for text in (f"1{other}5", f"10{other}5", "1,2,3", "1.2.3", "nan", "inf", "12 x"):
        with pytest.raises(ValueError, match="is not a number"):
            numbers.parse_number(text)
    for text in ("10,5", "10.5", f"1{decimal_point}0", "ten"):
        with pytest.raises(ValueError, match="is not a whole number"):
            numbers.parse_whole(text)


def test_what_is_written_reads_back_as_exactly_the_same_number(locale_name):
    for value in (0.1, 1.05, 1.234, 3170.0, 12345.678, 0.30000000000000004):
        assert numbers.parse_number(numbers.edit_text(value)) == value
    for value in (0, 7, 12500, 1_000_000):
        assert numbers.parse_whole(numbers.edit_text(value)) == value
    assert numbers.whole(12500) == QLocale().toString(12500)


def test_core_sentences_get_the_locale_figures_and_nothing_else(locale_name):
    decimal_point, group = SEPARATORS[locale_name]
    sentence = "CA sends 2,100 troops, above its ceiling of 1,200 (share 0.4, nations[3])."
    assert numbers.localised(sentence) == (
        f"CA sends 2{group}100 troops, above its ceiling of 1{group}200 "
        f"(share 0{decimal_point}4, nations[3])."
    )
    assert numbers.localised("v1.2.3 of baseline@3, 12 units") == "v1.2.3 of baseline@3, 12 units"


# -- typing into the editors ------------------------------------------------------------


def test_a_decimal_cost_is_stored_as_typed_and_the_other_separator_is_refused(qtbot, window):
    decimal_point, other = SEPARATORS[QLocale().name()]
    table, model, row = window.nations_table, window.nations_model, row_of(window, "CA")
    index = model.index(row, COST)
    type_into(qtbot, table, index, f"1{other}5")  # 15 under en_US's eyes: never guessed
    assert window.document.scenario.nation("CA").cost_per_troop == 1.4
    assert window.document.undo_stack.count() == 0
    said = message(window)
    assert said.startswith("Canada's cost / troop: ") and f"'1{other}5'" in said
    assert "not a number" in said and "not changed" in said
    assert window.edit_message.isVisible() and window.edit_message.text() == said
    type_into(qtbot, table, index, f"1{decimal_point}5")
    assert window.document.scenario.nation("CA").cost_per_troop == 1.5
    assert index.data() == f"1{decimal_point}50"


def test_a_ceiling_with_a_decimal_comma_is_refused_not_read_as_105(qtbot, window):
    _, group = SEPARATORS[QLocale().name()]
    table, model, row = window.nations_table, window.nations_model, row_of(window, "FR")
    index = model.index(row, CEILING)
    for typed in ("10,5", "10.5"):
        type_into(qtbot, table, index, typed)
        assert window.document.scenario.nation("FR").max_troops == 10000, typed
        assert f"France's ceiling: '{typed}' is not a whole number" in message(window)
    assert window.document.undo_stack.count() == 0
    type_into(qtbot, table, index, f"10{group}500")
    assert window.document.scenario.nation("FR").max_troops == 10500
    assert index.data() == f"10{group}500"


def test_every_editor_model_refuses_text_the_locale_does_not_read_as_that_number(window):
    """What any editor hands over is the typed text; no model may drop a separator from it."""
    _, other = SEPARATORS[QLocale().name()]
    scenario = window.document.scenario
    ca, armd = row_of(window, "CA"), [u.id for u in scenario.unit_types].index("armd_bn")
    cases = (
        (window.nations_model, window.nations_model.index(ca, COST), f"1{other}5"),
        (window.nations_model, window.nations_model.index(ca, CEILING), "10,5"),
        (window.nations_model, window.nations_model.index(ca, CEILING), "10.5"),
        (window.allocation_model, window.allocation_model.index(ca, armd), "1,5"),
        (window.offers_model, window.offers_model.index(ca, armd), "1.5"),
        (window.requirements_model, window.requirements_model.index(armd, 1), "10,5"),
        (window.unit_types_model, window.unit_types_model.index(armd, 1), "5,5"),
    )
    for model, index, typed in cases:
        assert not model.setData(index, typed), (type(model).__name__, typed)
        assert f"'{typed}' is not a" in message(window)
    assert window.document.scenario == scenario and window.document.allocation == {}
    assert window.document.undo_stack.count() == 0


def test_an_unchanged_cell_commits_nothing_even_with_more_decimals_than_shown(qtbot, locale_name):
    base = default_scenario()
    nations = tuple(
        dataclasses.replace(n, cost_per_troop=1.2345) if n.code == "CA" else n for n in base.nations
    )
    window = open_window(qtbot, dataclasses.replace(base, nations=nations))
    decimal_point, _ = SEPARATORS[locale_name]
    index = window.nations_model.index(row_of(window, "CA"), COST)
    assert index.data() == f"1{decimal_point}2345"  # every digit shown, none rounded away
    window.nations_table.setCurrentIndex(shown(window.nations_table, index))
    window.nations_table.edit(shown(window.nations_table, index))
    editor = window.nations_table.viewport().findChild(QLineEdit, "numberEditor")
    assert editor.text() == f"1{decimal_point}2345"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.document.scenario.nation("CA").cost_per_troop == 1.2345
    assert window.document.undo_stack.count() == 0


def test_counts_typed_into_the_grid_are_whole_numbers_in_the_locale(qtbot, window):
    _, group = SEPARATORS[QLocale().name()]
    scenario = window.document.scenario
    row = row_of(window, "CA")
    column = [u.id for u in scenario.unit_types].index("mech_inf_bn")
    index = window.allocation_model.index(row, column)
    for typed in ("1,5", "1.5"):
        type_into(qtbot, window.allocation_grid, index, typed)
        assert window.document.allocation == {}, typed
        assert f"Canada, Mechanised infantry battalion: '{typed}' is not a whole" in message(window)
    type_into(qtbot, window.allocation_grid, index, "3")
    assert window.document.allocation == {plan_cell(window, "CA", "mech_inf_bn"): 3}
    troops = window.allocation_model.index(row, len(scenario.unit_types))
    assert troops.data() == f"2{group}100"
    assert any(f"2{group}100 troops" in s for s in window.explanation.sentences())
    assert window.charts.total_label.toPlainText() == f"2{group}100"


def test_target_spin_boxes_refuse_a_misplaced_separator_and_read_the_right_one(qtbot, window):
    decimal_point, other = SEPARATORS[QLocale().name()]
    form = window.target_form
    window.tabs.setCurrentWidget(form)
    type_into_spin(qtbot, form.min_troops, "2,5")  # 25 once Qt drops the separator
    assert window.document.scenario.target.min_troops == 25000
    assert "Target, at least: '2,5' is not a whole number" in message(window)
    assert form.min_troops.value() == 25000
    type_into_spin(qtbot, form.max_share, f"3{other}5")  # 35 once Qt drops the separator
    assert window.document.scenario.rules.max_share == 0.4
    assert f"'3{other}5' is not a number" in message(window)
    type_into_spin(qtbot, form.max_share, f"37{decimal_point}5")
    assert window.document.scenario.rules.max_share == 0.375
    assert window.document.undo_stack.count() == 1


def test_tables_spin_boxes_and_labels_write_figures_alike(qtbot, window):
    decimal_point, group = SEPARATORS[QLocale().name()]
    model = window.nations_model
    fr = row_of(window, "FR")
    assert model.index(fr, CEILING).data() == f"10{group}000"
    assert model.index(fr, COST).data() == f"1{decimal_point}00"
    assert window.target_form.min_troops.text() == f"25{group}000 troops"
    assert window.target_form.max_share.text() == f"40{decimal_point}00 %"
    units = window.unit_types_model
    hq = [u.id for u in window.document.scenario.unit_types].index("hq_sig")
    assert units.index(hq, 1).data() == "900"
    axis = window.charts.nation_plot.getAxis("left")
    assert axis.tickStrings([10000.0], 1.0, 1000.0) == [f"10{group}000"]
    assert axis.tickStrings([0.5], 1.0, 0.1) == [f"0{decimal_point}5"]


def test_costs_are_shown_by_the_one_rule_in_the_locales_figures(locale_name):
    """29,880.5 as `solve --json` says it (not 29,880 or 29,880.50), 8,660 not 8,660.0."""
    group, point = {"en_US": (",", "."), "de_DE": (".", ",")}[locale_name]
    assert numbers.cost(29880.5) == f"29{group}880{point}5"
    assert numbers.cost(8660.0) == f"8{group}660"
    assert numbers.cost(1234.25) == f"1{group}234{point}3"  # half up, one decimal
    assert numbers.cost_change(-1250.0) == f"-1{group}250"
