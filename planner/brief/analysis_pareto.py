"""Brief section: what fairness costs (the plans between least cost and fairest share)."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether

from planner.analyses.pareto import ParetoAnalysis
from planner.analyses.verdicts import pareto_verdict
from planner.brief.charts import LIGHT, _text
from planner.brief.prose import para
from planner.brief.tables import grid, head
from planner.scenario.model import Scenario

HEIGHT = 170.0
MARGIN = 46.0


def front_chart(analysis: ParetoAnalysis, width: float) -> Drawing:
    """Cost across, deviation up; each plan a dot, joined in cost order."""
    drawing = Drawing(width, HEIGHT)
    costs = [p.cost for p in analysis.points]
    devs = [p.deviation for p in analysis.points]
    c0, c1 = min(costs), max(costs) if max(costs) > min(costs) else min(costs) + 1
    d0, d1 = min(devs), max(devs) if max(devs) > min(devs) else min(devs) + 1
    w, h = width - 2 * MARGIN, HEIGHT - 40

    def xy(cost: float, dev: float) -> tuple[float, float]:
        return MARGIN + (cost - c0) / (c1 - c0) * w, 24 + (dev - d0) / (d1 - d0) * h

    drawing.add(Line(MARGIN, 24, MARGIN + w, 24, strokeColor=colors.black, strokeWidth=0.6))
    drawing.add(Line(MARGIN, 24, MARGIN, 24 + h, strokeColor=colors.black, strokeWidth=0.6))
    points = [xy(p.cost, p.deviation) for p in analysis.points]
    drawing.add(PolyLine([v for pt in points for v in pt], strokeColor=LIGHT, strokeWidth=1))
    for x, y in points:
        drawing.add(Circle(x, y, 2.6, fillColor=colors.black, strokeColor=None))
    drawing.add(_text(MARGIN, 10, f"{c0:,.0f}", size=6.5))
    drawing.add(_text(MARGIN + w, 10, f"{c1:,.0f}", anchor="end", size=6.5))
    drawing.add(
        _text(MARGIN + w / 2, 4, "Cost of the plan (troop-equivalents)", anchor="middle", size=7)
    )
    drawing.add(_text(MARGIN - 4, 24, f"{d0:,.0f}", anchor="end", size=6.5))
    drawing.add(_text(MARGIN - 4, 24 + h - 6, f"{d1:,.0f}", anchor="end", size=6.5))
    drawing.add(_text(MARGIN, HEIGHT - 8, "Troops off fair share (summed over nations)", size=7))
    return drawing


def pareto_section(scenario: Scenario, analysis: ParetoAnalysis, width: float) -> list[Flowable]:
    flow: list[Flowable] = [para("What fairness costs", "h2"), para(pareto_verdict(analysis))]
    if len(analysis.points) < 2:
        return flow
    flow.append(KeepTogether([front_chart(analysis, width)]))
    rows: list[list[object]] = [
        [
            head("Plan"),
            head("Troop-equivalents of cost", right=True),
            head("Troops off fair share", right=True),
            head("Troops", right=True),
        ]
    ]
    for i, p in enumerate(analysis.points, start=1):
        name = "cheapest" if i == 1 else "fairest" if i == len(analysis.points) else ""
        rows.append(
            [f"{i} {name}".strip(), f"{p.cost:,.1f}", f"{p.deviation:,.2f}", f"{p.total_troops:,}"]
        )
    widths = [0.34, 0.22, 0.22, 0.22]
    flow.append(grid(rows, [w * width for w in widths], numeric=(1, 2, 3)))
    flow.append(
        para(
            "Each plan meets every rule; none is both cheaper and fairer than another. Found "
            "by bounding how far from fair shares a plan may be, step by step; the two ends "
            "are the cheapest and the fairest plans.",
            "caption",
        )
    )
    return flow
