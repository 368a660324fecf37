"""Analysis tables a planner can read: changes one per line without the row's own exit,
odds columns titled in words."""

from __future__ import annotations

from planner.analyses.withdrawal import WithdrawalRow
from ui.views.analyses.odds import OddsView
from ui.views.analyses.withdrawal import MAX_LINES, change_lines, shown_lines


def row(changes: tuple[str, ...], status: str = "optimal") -> WithdrawalRow:
    return WithdrawalRow("FR", status, 100.0, 20_000, ("DE", "UK"), changes)


def test_a_withdrawal_row_lists_other_nations_changes_once_each_without_its_own_exit():
    changes = ("FR out (-4,200 troops)", "DE +1,400 troops", "UK +800 troops", "DE +1,400 troops")
    lines = change_lines(row(changes))
    assert lines == ["DE +1,400 troops", "UK +800 troops"]
    assert shown_lines(lines) == "DE +1,400 troops\nUK +800 troops"
    assert change_lines(row(("FR out (-4,200 troops)",))) == ["no other nation changes"]


def test_a_long_list_of_changes_is_cut_with_a_count_and_kept_whole_elsewhere():
    lines = [f"N{i} +{i} troops" for i in range(MAX_LINES + 3)]
    shown = shown_lines(lines).splitlines()
    assert len(shown) == MAX_LINES and shown[-1].startswith("… and 4 more")
    assert shown[:-1] == lines[: MAX_LINES - 1]


def test_a_row_without_a_plan_says_why():
    assert change_lines(row((), status="infeasible"))[0] == "no plan meets every rule"


def test_odds_columns_are_titled_in_words(qtbot):
    view = OddsView()
    qtbot.addWidget(view)
    titles = [
        view.requirements.horizontalHeaderItem(c).text()
        for c in range(view.requirements.columnCount())
    ]
    assert "Minimum on offer\nin … of draws" in titles
    assert not any(t.endswith(" in") for t in titles)  # the cryptic "Min on offer in"
    tips = [
        view.nations.horizontalHeaderItem(c).toolTip() for c in range(view.nations.columnCount())
    ]
    assert sum(bool(t) for t in tips) >= 4
