"""Brief section: how much a late withdrawal must reshuffle, re-planned with fewest changes."""

from __future__ import annotations

from reportlab.platypus import Flowable

from planner.analyses.stability import StabilityAnalysis
from planner.brief.prose import aim, measure, para
from planner.brief.tables import cell, grid, head
from planner.brief.text import esc
from planner.rules.objectives import objective_figure
from planner.scenario.model import Scenario


def stability_verdict(analysis: StabilityAnalysis, scenario: Scenario) -> str:
    rows = [r for r in analysis.rows if r.moved_stable is not None]
    if not rows:
        return "No late withdrawal leaves a plan to re-plan towards."
    worst = max(rows, key=lambda r: r.moved_stable or 0)
    who = next((n.name for n in scenario.nations if n.code == worst.nation), worst.nation)
    saved = sum((r.moved_fresh or 0) - (r.moved_stable or 0) for r in rows)
    return (
        f"Re-planning with the fewest changes after one nation pulls out late moves at most "
        f"{worst.moved_stable} units (if {who} goes); a fresh optimal plan would move "
        f"{saved:,} units more over the {len(rows)} cases with a plan."
    )


def stability_section(
    scenario: Scenario, analysis: StabilityAnalysis, width: float
) -> list[Flowable]:
    flow: list[Flowable] = [
        para("If a nation pulls out late", "h2"),
        para(esc(stability_verdict(analysis, scenario))),
    ]
    if not analysis.rows:
        return flow
    names = {n.code: n.name for n in scenario.nations}
    rows: list[list[object]] = [
        [
            head("Nation out"),
            head("Units moved, fewest", right=True),
            head("Units moved, fresh plan", right=True),
            head(measure(analysis.objective), right=True),
            head("Same, fresh plan", right=True),
        ]
    ]

    def worth(value: float) -> str:
        return objective_figure(analysis.objective, value, 1)

    for r in analysis.rows:
        plan = r.moved_stable is not None
        rows.append(
            [
                cell(names.get(r.nation, r.nation), bold=not plan),
                str(r.moved_stable) if plan else "no plan",
                "" if r.moved_fresh is None else str(r.moved_fresh),
                "" if r.value_stable is None else worth(r.value_stable),
                "" if r.value_fresh is None else worth(r.value_fresh),
            ]
        )
    widths = [0.28, 0.18, 0.18, 0.18, 0.18]
    flow.append(grid(rows, [w * width for w in widths], numeric=(1, 2, 3, 4)))
    flow.append(
        para(
            "Fewest changes: the plan under every rule that moves the fewest units from the "
            f"plan above, then the {aim(analysis.objective)} among those.",
            "caption",
        )
    )
    return flow
