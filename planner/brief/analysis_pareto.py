"""Brief section: what fairness costs (the plans between least cost and fairest share).

Every point of the chart is labelled in planner words: its number in the
table, 'cheapest' and 'fairest' at the ends, and each point's cost in
troop-equivalents and its troops off fair share; the axes say what they
measure and in which unit.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from planner.analyses.pareto import ParetoAnalysis, ParetoPoint
from planner.analyses.verdicts import pareto_verdict
from planner.brief.charts import LIGHT, _text, figure
from planner.brief.options import FairerTwin, Option
from planner.brief.prose import para
from planner.brief.tables import grid, head
from planner.brief.text import esc, fonts
from planner.scenario.evaluate import evaluate
from planner.scenario.model import Scenario
from planner.scenario.words import cost, cost_change, percent

HEIGHT = 200.0
MARGIN = 46.0
RIGHT = 24.0
POINT_SIZE = 6.0
COST_AXIS = "Cost of the plan (troop-equivalents of cost)"
FAIR_AXIS = "Troops off fair share (summed over nations)"


def point_name(index: int, count: int) -> str:
    """'1 cheapest', '5', '8 fairest': a point as the chart and the table name it."""
    word = "cheapest" if index == 1 else "fairest" if index == count else ""
    return f"{index} {word}".strip()


def point_label(index: int, count: int, point: ParetoPoint, cheapest: ParetoPoint) -> str:
    """The words beside a point: its name, its cost and its troops off fair share, with units."""
    if index == 1:
        return (
            f"1 cheapest: {cost(point.cost)} troop-equivalents, "
            f"{point.deviation:,.0f} troops off fair share"
        )
    extra = point.cost - cheapest.cost
    fairer = cheapest.deviation - point.deviation
    return (
        f"{point_name(index, count)}: {cost_change(extra)} troop-equivalents, "
        f"{fairer:,.0f} troops nearer fair share"
    )


def _overlaps(box: tuple[float, float, float, float], taken: list[tuple]) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in taken)


def front_chart(analysis: ParetoAnalysis, width: float) -> Drawing:
    """Cost across, troops off fair share up; each plan a dot labelled in words."""
    drawing = Drawing(width, HEIGHT)
    costs = [p.cost for p in analysis.points]
    devs = [p.deviation for p in analysis.points]
    c0, c1 = min(costs), max(costs) if max(costs) > min(costs) else min(costs) + 1
    d0, d1 = min(devs), max(devs) if max(devs) > min(devs) else min(devs) + 1
    w, h = width - MARGIN - RIGHT, HEIGHT - 48
    bottom = 28.0

    def xy(cost: float, dev: float) -> tuple[float, float]:
        return MARGIN + (cost - c0) / (c1 - c0) * w, bottom + (dev - d0) / (d1 - d0) * h

    drawing.add(Line(MARGIN, bottom, MARGIN + w, bottom, strokeColor=colors.black, strokeWidth=0.6))
    drawing.add(Line(MARGIN, bottom, MARGIN, bottom + h, strokeColor=colors.black, strokeWidth=0.6))
    points = [xy(p.cost, p.deviation) for p in analysis.points]
    drawing.add(PolyLine([v for pt in points for v in pt], strokeColor=LIGHT, strokeWidth=1))
    taken: list[tuple] = [(x - 3, y - 3, x + 3, y + 3) for x, y in points]
    count = len(points)
    for index, ((x, y), point) in enumerate(zip(points, analysis.points, strict=True), start=1):
        drawing.add(Circle(x, y, 2.6, fillColor=colors.black, strokeColor=None))
        label = point_label(index, count, point, analysis.points[0])
        long = stringWidth(label, fonts().regular, POINT_SIZE)
        short_label = point_name(index, count)
        for text, dx, dy, anchor in (
            (label, 5, 3, "start"),
            (label, -5, -8, "end"),
            (label, 5, -8, "start"),
            (label, -5, 3, "end"),
            (short_label, 4, 3, "start"),
            (short_label, -4, -8, "end"),
        ):
            size = long if text == label else stringWidth(text, fonts().regular, POINT_SIZE)
            left = x + dx if anchor == "start" else x + dx - size
            box = (left - 1, y + dy - 1, left + size + 1, y + dy + POINT_SIZE + 1)
            inside = box[0] >= 2 and box[2] <= width - 2 and box[1] >= bottom + 1
            if inside and box[3] <= HEIGHT - 12 and not _overlaps(box, taken):
                taken.append(box)
                drawing.add(_text(x + dx, y + dy, text, anchor=anchor, size=POINT_SIZE))
                break
        else:  # crowded: the number at least, as the table names the plan
            drawing.add(_text(x + 4, y + 3, short_label, size=POINT_SIZE))
    drawing.add(_text(MARGIN, bottom - 10, cost(c0), size=6.5))  # the cheapest plan's cost
    drawing.add(_text(MARGIN + w, bottom - 10, cost(c1), anchor="end", size=6.5))
    drawing.add(_text(MARGIN + w / 2, 4, COST_AXIS, anchor="middle", size=6.5, bold=True))
    drawing.add(_text(MARGIN - 4, bottom, f"{d0:,.0f}", anchor="end", size=6.5))
    drawing.add(_text(MARGIN - 4, bottom + h - 6, f"{d1:,.0f}", anchor="end", size=6.5))
    drawing.add(_text(MARGIN, HEIGHT - 8, FAIR_AXIS, size=6.5, bold=True))
    return drawing


def largest_share(scenario: Scenario, point: ParetoPoint) -> str:
    """'40.0% (France)': the largest share of the troops on the ground one nation carries."""
    plan = evaluate(scenario, point.allocation)
    period = plan.least_period - 1
    total = plan.total_at[period]
    inside = {code: troops[period] for code, troops in plan.in_target_at.items()}
    if not total or not inside:
        return "-"
    top = max(inside, key=lambda code: inside[code])
    name = next(n.name for n in scenario.nations if n.code == top)
    return f"{percent(inside[top] / total, 1, scenario.rules.max_share)} ({name})"


def front_read(analysis: ParetoAnalysis) -> str:
    """What to read from the chart: where fairness is cheap and where it is dear."""
    points = analysis.points
    steps = [
        (b.cost - a.cost) / (a.deviation - b.deviation)
        for a, b in zip(points, points[1:], strict=False)
        if a.deviation > b.deviation
    ]
    text = (
        "each dot is a plan that meets every rule; moving right costs more, moving down is "
        "fairer, so a steep drop is fairness bought cheaply"
    )
    if steps:
        text += (
            f": each troop brought nearer fair share costs from {min(steps):,.2f} to "
            f"{max(steps):,.2f} troop-equivalents along the line"
        )
    return text + "."


def twin_note(option: Option, twin: FairerTwin) -> str:
    """Why the least-cost option on page 1 and plan 1 here show two figures for one cost."""
    letter = option.title.split(".")[0]
    compared = (
        "costs the same as"
        if twin.same_cost
        else f"costs {cost(twin.cheaper)} troop-equivalents less than"
    )
    why = (
        "Several plans share the least cost: the search for least cost weighs cost only and "
        f"may stop at any of them, while plan {twin.number} is the fairest of them."
        if twin.same_cost
        else f"The search for option {letter} stopped short of the least cost (at its time "
        f"limit or within its tolerance of the best), so plan {twin.number} is both cheaper "
        "and fairer."
    )
    return (
        f"Plan {twin.number} {compared} option {letter} of the decision note (the plan of least "
        f"cost) and is {twin.nearer:,.0f} troops nearer fair share ({twin.off_fair_share:,.0f} "
        f"against {twin.off_fair_share + twin.nearer:,.0f} troops off fair share). {why}"
    )


def pareto_section(
    scenario: Scenario,
    analysis: ParetoAnalysis,
    width: float,
    twin: tuple[Option, FairerTwin] | None = None,
) -> list[Flowable]:
    """`twin`: the least-cost option of the decision note and this analysis's fairer plan of
    its cost, when there is one (said after the verdict)."""
    flow: list[Flowable] = [para("What fairness costs", "h2"), para(esc(pareto_verdict(analysis)))]
    if twin is not None:
        flow.append(para(esc(twin_note(*twin))))
    if len(analysis.points) < 2:
        return flow
    flow.append(
        figure(
            "Cost against fairness: the plans from cheapest to fairest",
            front_chart(analysis, width),
            front_read(analysis),
        )
    )
    rows: list[list[object]] = [
        [
            head("Plan"),
            head("Troop-equivalents of cost", right=True),
            head("Troops off fair share", right=True),
            head("Largest share", right=True),
            head("Troops", right=True),
        ]
    ]
    count = len(analysis.points)
    for i, p in enumerate(analysis.points, start=1):
        rows.append(
            [
                point_name(i, count),
                cost(p.cost),
                f"{p.deviation:,.2f}",
                largest_share(scenario, p),
                f"{p.total_troops:,}",
            ]
        )
    widths = [0.2, 0.2, 0.2, 0.24, 0.16]
    flow.append(grid(rows, [w * width for w in widths], numeric=(1, 2, 3, 4)))
    flow.append(
        para(
            "Each plan meets every rule; none is both cheaper and fairer than another. Found "
            "by bounding how far from fair shares a plan may be, step by step; the two ends "
            "are the cheapest and the fairest plans. Largest share: of the troops on the "
            "ground, the most any one nation carries.",
            "caption",
        )
    )
    return flow
