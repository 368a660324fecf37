"""Brief section: what if one nation pulls out (withdrawal N-1)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from planner.analyses.verdicts import withdrawal_verdict
from planner.analyses.withdrawal import WithdrawalAnalysis
from planner.brief.prose import aim, measure, para
from planner.brief.tables import cell, grid, head
from planner.brief.text import esc
from planner.rules.objectives import objective_change, objective_figure
from planner.scenario.model import Scenario

MAX_CHANGES = 4


def withdrawal_section(
    scenario: Scenario, analysis: WithdrawalAnalysis, width: float
) -> list[Flowable]:
    """The verdict, then one row per nation of the plan: does a force remain, at what cost."""
    flow: list[Flowable] = [
        para("If one nation pulls out", "h2"),
        para(esc(withdrawal_verdict(analysis, full_names=True))),
    ]
    if not analysis.rows:
        return flow
    names = {n.code: n.name for n in scenario.nations}
    base = analysis.baseline.objective_value
    rows: list[list[object]] = [
        [
            head("Nation out"),
            head("Force remains"),
            head(measure(analysis.objective), right=True),
            head("Change", right=True),
            head("Troops", right=True),
            head("What changes"),
        ]
    ]
    for row in analysis.rows:
        value = row.objective_value
        rows.append(
            [
                cell(names.get(row.nation, row.nation), bold=not row.feasible),
                cell("yes" if row.feasible else "NO", bold=not row.feasible),
                "" if value is None else objective_figure(analysis.objective, value, 1),
                ""
                if value is None or base is None
                else objective_change(analysis.objective, value - base, 1),
                "" if row.total_troops is None else f"{row.total_troops:,}",
                cell(_what_changes(row)),
            ]
        )
    widths = [0.13, 0.09, 0.17, 0.09, 0.08, 0.44]  # 0.11 broke 'Troop-equi/valents' mid-word
    flow.append(grid(rows, [w * width for w in widths], numeric=(2, 3, 4)))
    flow.append(
        para(
            "Each row: that nation declined and its locks dropped, the rest re-planned for "
            f"{aim(analysis.objective)} again. Changes are troops by nation against the plan "
            "above.",
            "caption",
        )
    )
    return flow


STATUS_WORDS = {"infeasible": "no plan meets every rule", "unknown": "not settled in the time"}
"""A row's status in planner words, where it has no reason of its own (an explanation the
time limit cut short): the Paris brief printed 'infeasible'."""


def _what_changes(row: object) -> str:
    if not getattr(row, "feasible", False) or not getattr(row, "cost_settled", True):
        status = str(getattr(row, "status", ""))
        return str(getattr(row, "reason", None) or STATUS_WORDS.get(status, status))
    changes = list(getattr(row, "changes", ()))
    shown = "; ".join(changes[:MAX_CHANGES])
    return shown + (f"; +{len(changes) - MAX_CHANGES} more" if len(changes) > MAX_CHANGES else "")
