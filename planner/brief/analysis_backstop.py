"""Brief section: the force with and without its stand-off backstop (the US case)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from planner.analyses.backstop import BackstopAnalysis
from planner.analyses.verdicts import backstop_verdict
from planner.brief.prose import bullets, para
from planner.brief.tables import cell, grid, head
from planner.brief.text import esc
from planner.model import Scenario


def backstop_section(
    scenario: Scenario, analysis: BackstopAnalysis, width: float
) -> list[Flowable]:
    who = ", ".join(analysis.backstop.nations) or "-"
    flow: list[Flowable] = [
        para(f"If the backstop stays out ({esc(who)})", "h2"),
        para(esc(backstop_verdict(analysis))),
    ]
    if not analysis.units:
        return flow
    names = {u.id: u.name for u in scenario.unit_types}
    rows: list[list[object]] = [
        [
            head("Stand-off / required unit"),
            head("With", right=True),
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
    nation_names = {n.code: n.name for n in scenario.nations}
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
        flow += [para("<b>What the others add without it</b>")] + bullets(adds)
    if analysis.without_result is not None and not analysis.without_result.has_plan:
        flow += [para("<b>What cannot be met without it</b>")] + bullets(
            analysis.without_result.explanation()
        )
    if analysis.backstop.notes:
        flow.append(para(esc(analysis.backstop.notes), "caption"))
    return flow
