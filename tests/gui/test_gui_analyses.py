"""The analyses dock in the window: run from the Plan menu, progress, cancel, results shown."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from planner.analyses.registry import ANALYSES
from planner.analyses.withdrawal import WithdrawalAnalysis
from tests.helpers.gui import (
    open_window,
    plan_cell,
)
from ui.views.analyses.table import BAD_ROW, cell_texts

RUN_MS = 180_000


def _run(qtbot, window, name):
    """Run analysis `name` (its registry name) from the Plan > Analyses menu; its result."""
    dock = window.analyses_dock
    action = next(
        a for a in window.analysis_actions if a.text().endswith(f" {dock.view(name).title}…")
    )
    with qtbot.waitSignal(dock.runner.finished, timeout=RUN_MS) as blocker:
        action.trigger()
        assert dock.isVisible() and dock.runner.busy and not dock.run_button.isEnabled()
    assert dock.run_button.isEnabled() and not dock.cancel_button.isEnabled()
    return blocker.args[0]


def test_withdrawal_from_the_plan_menu_fills_the_table(qtbot):
    window = open_window(qtbot)
    analysis = _run(qtbot, window, "withdrawal")
    assert isinstance(analysis, WithdrawalAnalysis) and analysis.complete
    view = window.analyses_dock.view("withdrawal")
    name = {n.code: n.name for n in window.document.scenario.nations}
    assert cell_texts(view.table, 0) == [name[row.nation] for row in analysis.rows]  # not ids
    assert cell_texts(view.table, 1) == ["yes" if r.feasible else "NO" for r in analysis.rows]
    assert view.table.horizontalHeaderItem(2).text() == "Least cost"  # not "Objective"
    breaking = [r.nation for r in analysis.rows if not r.feasible]
    if breaking:
        assert "breaks the force" in view.summary.text()
        assert all(name[code] in view.summary.text() for code in breaking)
        assert not any(f" {code}," in view.summary.text() for code in breaking)
    else:
        assert "survives" in view.summary.text()


def test_odds_shows_the_share_and_a_histogram_of_feasible_draws(qtbot):
    window = open_window(qtbot)
    view = window.analyses_dock.view("odds")
    view.draws.setValue(300)
    view.seed.setValue(7)
    analysis = _run(qtbot, window, "odds")
    assert analysis.draws_done == 300
    assert f"{analysis.feasible_share:.1%}" in view.summary.text()
    heights = view.bars.opts["height"]
    assert sum(heights) == analysis.plan_draws == min(10, analysis.feasible_draws)
    assert "from 10 sampled feasible draws" in view.summary.text()
    assert view.histogram.full_title.endswith("from 10 sampled feasible draws")
    view.plan_draws.setValue(0)  # all
    assert view.plan_draws.text() == "all feasible draws"
    every = _run(qtbot, window, "odds")
    assert sum(view.bars.opts["height"]) == every.plan_draws == every.feasible_draws
    assert every.feasible_share == analysis.feasible_share
    assert f"from all {every.feasible_draws} feasible draws" in view.summary.text()
    assert view.requirements.rowCount() == len(analysis.requirements)
    assert view.nations.rowCount() == len(analysis.nations)


def test_a_long_odds_run_can_be_cancelled_and_says_so(qtbot):
    window = open_window(qtbot)
    dock = window.analyses_dock
    view = dock.view("odds")
    view.draws.setValue(100_000)
    view.chances["likely"].setValue(0.5)
    with qtbot.waitSignal(dock.runner.finished, timeout=RUN_MS) as blocker:
        assert window.run_analysis(view)
        qtbot.waitUntil(lambda: dock.progress.isVisible(), timeout=5000)
        qtbot.mouseClick(dock.cancel_button, Qt.MouseButton.LeftButton)
    analysis = blocker.args[0]
    assert not analysis.complete and analysis.draws_done < 100_000
    assert "cancelled" in dock.status.text() and "cancelled" in view.summary.text()
    assert window.isEnabled() and dock.run_button.isEnabled()


def test_an_edit_marks_the_shown_analysis_stale(qtbot):
    window = open_window(qtbot)
    _run(qtbot, window, "withdrawal")
    view = window.analyses_dock.view("withdrawal")
    scenario = window.document.scenario
    nations = tuple(
        dataclasses.replace(n, max_troops=9000) if n.code == "FR" else n for n in scenario.nations
    )
    window.document.edit(dataclasses.replace(scenario, nations=nations), "FR ceiling")
    assert "run again" in view.summary.text()


def test_a_second_run_while_one_is_busy_is_refused_with_a_reason(qtbot):
    window = open_window(qtbot)
    dock = window.analyses_dock
    view = dock.view("odds")
    view.draws.setValue(50_000)
    with qtbot.waitSignal(dock.runner.finished, timeout=RUN_MS):
        assert window.run_analysis(view)
        assert not window.run_analysis(dock.view("withdrawal"))
        assert "still running" in dock.status.text()
        dock.runner.cancel()


def test_a_plan_offered_by_an_analysis_goes_on_screen(qtbot):
    window = open_window(qtbot)
    view = window.analyses_dock.view("withdrawal")
    fr_mech = plan_cell(window, "FR", "mech_inf_bn")
    view.planRequested.emit({fr_mech: 2})
    assert window.document.allocation == {fr_mech: 2}
    assert "analysis" in window.statusBar().currentMessage()


def test_fewest_changes_keeps_the_screen_plan_after_a_late_cut(qtbot):
    window = open_window(qtbot)
    with qtbot.waitSignal(window.worker.finished, timeout=RUN_MS):
        window.optimise()
    before = dict(window.document.allocation)
    scenario = window.document.scenario
    nations = tuple(
        dataclasses.replace(n, max_troops=8000) if n.code == "FR" else n for n in scenario.nations
    )
    window.document.edit(dataclasses.replace(scenario, nations=nations), "FR ceiling")
    plan = _run(qtbot, window, "stability")
    view = window.analyses_dock.view("stability")
    assert plan.moved == 6 and "6 units moved" in view.summary.text()
    shown = [int(delta) for delta in cell_texts(view.table, 2)]
    assert sum(shown) == 0 and sum(abs(d) for d in shown) == 6  # units moved, not added
    scenario = window.document.scenario
    nations = {n.code: n.name for n in scenario.nations}
    units = {u.id: u.name for u in scenario.unit_types}
    assert cell_texts(view.table, 0) == [nations[move.nation] for move in plan.moves]
    assert cell_texts(view.table, 1) == [units[move.unit] for move in plan.moves]
    _no_ids(view.table, scenario)
    qtbot.mouseClick(view.use_button, Qt.MouseButton.LeftButton)
    after = window.document.allocation
    assert after == plan.allocation
    assert sum(abs(after.get(c, 0) - before.get(c, 0)) for c in set(before) | set(after)) == 6
    fr = [c for c in set(before) | set(after) if c.nation == "FR"]
    assert sum(after.get(c, 0) for c in fr) < sum(before.get(c, 0) for c in fr)


def _no_ids(table, scenario):
    """No cell of `table` is (or starts with) a nation code, unit-type id or area id."""
    ids = {n.code for n in scenario.nations} | {u.id for u in scenario.unit_types}
    ids |= {a.id for a in scenario.areas}
    for column in range(table.columnCount()):
        for text in cell_texts(table, column):
            assert text not in ids and text.split(" ")[0] not in ids, (column, text)


def test_fewest_changes_over_areas_and_periods_names_every_cell(qtbot):
    """A scenario@2 with areas and periods: area names and period labels, no ids."""
    from pathlib import Path

    from planner.analyses.stability import leave_after, reoptimise_stable
    from planner.scenario.io import load_scenario
    from planner.scenario.words import period_label
    from planner.solve import solve
    from ui.views.analyses.stability import StabilityView

    examples = Path(__file__).parents[1] / "helpers" / "reference" / "examples"
    scenario = load_scenario(examples / "small-space-time.json")
    base = solve(scenario)
    assert base.has_plan and scenario.has_areas and scenario.periods.several
    later = leave_after(scenario, "NL")
    plan = reoptimise_stable(later, base.allocation, under_way=1, leaving="NL")
    assert plan.has_plan and plan.moves and any(m.period > 1 for m in plan.moves)
    view = StabilityView(lambda: dict(base.allocation))
    qtbot.addWidget(view)
    view.show_result(plan)
    table = view.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Nation", "Unit type", "Area", "Period", "Change", "Before", "After"]
    areas = {a.id: a.name for a in scenario.areas}
    shown_areas = [areas[m.area] if m.area else "stand-off" for m in plan.moves]
    assert cell_texts(table, 0) == [later.nation(m.nation).name for m in plan.moves]
    assert cell_texts(table, 1) == [later.unit(m.unit).name for m in plan.moves]
    assert cell_texts(table, 2) == shown_areas
    assert cell_texts(table, 3) == [period_label(scenario, m.period) for m in plan.moves]
    assert [int(t) for t in cell_texts(table, 4)] == [m.delta for m in plan.moves]
    assert [int(t) for t in cell_texts(table, 5)] == [m.before for m in plan.moves]
    assert [int(t) for t in cell_texts(table, 6)] == [m.after for m in plan.moves]
    assert "2027-Q2" in cell_texts(table, 3)
    _no_ids(table, scenario)
    assert plan.objective_value == 8660.0  # a whole cost reads whole: 8,660, not 8,660.0
    assert "least cost: 8,660 troop-equivalents of cost." in view.summary.text()


def test_fewest_changes_without_a_plan_says_what_to_do(qtbot):
    window = open_window(qtbot)
    dock = window.analyses_dock
    assert not window.run_analysis(dock.view("stability"))
    assert "no plan on screen" in dock.status.text()


def test_sensitivity_draws_a_tornado_in_swing_order(qtbot):
    window = open_window(qtbot)
    view = window.analyses_dock.view("sensitivity")
    view.step.setValue(0.1)
    analysis = _run(qtbot, window, "sensitivity")
    ranked = analysis.ranked()
    assert cell_texts(view.table, 0) == [f.title for f in ranked]  # names: 'France ceiling'
    ids = {n.code for n in window.document.scenario.nations}
    ids |= {u.id for u in window.document.scenario.unit_types}
    assert not any(text.split()[0] in ids for text in cell_texts(view.table, 0))
    shown = list(reversed(ranked[:14]))
    assert list(view.high_bars.opts["x1"]) == [
        f.high.objective_value or analysis.baseline_value for f in shown
    ]
    ticks = view.tornado.getAxis("left")._tickLevels[0]
    top = ranked[0]
    assert [label for _, label in ticks][-1].endswith(top.setting_word)
    assert top.subject not in [label for _, label in ticks][-1].split()


def test_pareto_point_picked_in_the_chart_goes_on_screen(qtbot):
    window = open_window(qtbot)
    view = window.analyses_dock.view("pareto")
    view.points.setValue(3)
    front = _run(qtbot, window, "pareto")
    assert view.table.rowCount() == len(front.points) >= 2
    assert list(view.dots.data["x"]) == [p.cost for p in front.points]
    assert not view.use_button.isEnabled()
    spot = view.dots.points()[-1]
    view.dots.sigClicked.emit(view.dots, [spot], None)
    assert view.use_button.isEnabled()
    qtbot.mouseClick(view.use_button, Qt.MouseButton.LeftButton)
    assert window.document.allocation == front.points[-1].allocation


def test_backstop_view_shows_what_is_short_without_the_us(qtbot):
    window = open_window(qtbot)
    analysis = _run(qtbot, window, "backstop")
    view = window.analyses_dock.view("backstop")
    assert "Without United States no plan meets every rule" in view.summary.text()
    assert cell_texts(view.units, 0) == [u.unit_type for u in analysis.units]
    assert cell_texts(view.units, 5)[0] == "1"  # aew_orbit short by one
    assert list(view.needed.data["y"]) == [u.required_without for u in analysis.units]


def test_every_analysis_on_a_scenario_without_a_plan_says_so_and_does_not_crash(qtbot):
    window = open_window(qtbot)
    scenario = window.document.scenario
    nations = tuple(
        dataclasses.replace(n, status="declined") if n.code in ("FR", "UK") else n
        for n in scenario.nations
    )
    window.document.edit(dataclasses.replace(scenario, nations=nations), "FR, UK out")
    window.document.set_count(
        plan_cell(window, "DE", "mech_inf_bn"), 1, "typed"
    )  # a plan on screen to keep
    dock = window.analyses_dock
    dock.view("odds").draws.setValue(50)
    for view in dock.views():
        with qtbot.waitSignal(dock.runner.finished, timeout=RUN_MS):
            assert window.run_analysis(view), dock.status.text()
        text = view.summary.text().lower()
        assert "no " in text or "0.0%" in text, (view.title, text)


def test_every_registered_analysis_has_one_tab_and_one_menu_entry_by_its_name(qtbot):
    window = open_window(qtbot)
    dock = window.analyses_dock
    assert [view.name for view in dock.views()] == list(ANALYSES)
    for name, entry in ANALYSES.items():
        view = dock.view(name)
        tab = dock.tabs.indexOf(view)
        assert dock.tabs.tabText(tab) == view.title
        assert dock.tabs.tabToolTip(tab).lower() == entry.question.lower()
        action = window.findChild(QAction, f"analysis{name.capitalize()}Action")
        assert action is not None and action in window.analysis_actions
    assert dock.view("Withdrawal") is None  # a title is words for people, not a key


def test_sustainment_shows_the_sweep_and_marks_the_cycle_where_the_band_breaks(qtbot):
    window = open_window(qtbot)
    view = window.analyses_dock.view("sustainment")
    view.cycles.setValue(3)
    analysis = _run(qtbot, window, "sustainment")
    assert [line.rotation for line in analysis.cycles] == [1, 2, 3]
    label = window.document.scenario.periods.label
    assert cell_texts(view.table, 0) == [f"every {label} (no rotation)"] + [
        f"one {label} in {r}" for r in (2, 3)
    ]
    assert "-" not in cell_texts(view.table, 1)
    reached = {True: "can be met", False: "cannot be met", None: "undecided (time limit)"}
    assert cell_texts(view.table, 2) == [reached[line.band_reachable] for line in analysis.cycles]
    breaks = analysis.breaks_at
    assert breaks is not None and f"one period in {breaks}" in view.summary.text()
    assert view.table.item(breaks - 1, 0).background().color() == BAD_ROW
