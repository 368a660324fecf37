"""Brief section: the force with and without its stand-off backstop (the US case)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from planner.analyses.backstop import BackstopAnalysis
from planner.analyses.verdicts import backstop_verdict
from planner.brief.prose import bullets, para
from planner.brief.tables import cell, grid, head
from planner.brief.text import esc
from planner.scenario.model import Scenario


def backstop_section(
    scenario: Scenario, analysis: BackstopAnalysis, width: float
) -> list[Flowable]:
    nation_names = {n.code: n.name for n in scenario.nations}
    who = ", ".join(nation_names.get(c, c) for c in analysis.backstop.nations) or "-"
    flow: list[Flowable] = [
        para(f"If the backstop stays out ({esc(who)})", "h2"),
        para(esc(backstop_verdict(analysis))),
    ]
    if analysis.already_out:
        return flow + _cannot_be_met(analysis) + _notes(analysis)
    if not analysis.units:
        return flow
    names = {u.id: u.name for u in scenario.unit_types}
    with_plan = analysis.with_result.has_plan
    rows: list[list[object]] = [
        [
            head("Stand-off / required unit"),
            head("With" if with_plan else "With (closest plan)", right=True),
            head("From backstop", right=True),
            head("Needed without", right=True),
            head("Without", right=True),
            head("Short", right=True),
        ]
    ]
    for u in analysis.units:
        rows.append(
            [
                cell(names.get(u.unit_type, u.unit_type), bold=bool(u.short)),
                str(u.with_count),
                str(u.from_backstop),
                str(u.required_without),
                str(u.without_count),
                str(u.short or ""),
            ]
        )
    widths = [0.4, 0.1, 0.14, 0.14, 0.11, 0.11]
    flow.append(grid(rows, [w * width for w in widths], numeric=(1, 2, 3, 4, 5)))
    adds = []
    for n in analysis.nations:
        if n.nation in analysis.backstop.nations:
            continue
        parts = [f"{names.get(k, k)} {v:+d}" for k, v in n.units_added.items()]
        delta = n.troops_without - n.troops_with
        if delta:
            parts.insert(0, f"troops {delta:+,}")
        if parts:
            adds.append(f"{nation_names.get(n.nation, n.nation)}: {'; '.join(parts)}")
    if adds:
        compared = "" if with_plan else " (closest plans compared)"
        flow += [para(f"<b>What the others add without it{compared}</b>")] + bullets(adds)
    return flow + _cannot_be_met(analysis) + _notes(analysis)


def _cannot_be_met(analysis: BackstopAnalysis) -> list[Flowable]:
    if analysis.without_result is None or analysis.without_result.has_plan:
        return []
    return [para("<b>What cannot be met without it</b>")] + bullets(
        analysis.without_result.explanation()
    )


def _notes(analysis: BackstopAnalysis) -> list[Flowable]:
    return [para(esc(analysis.backstop.notes), "caption")] if analysis.backstop.notes else []
