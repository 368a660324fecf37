"""Brief section: which ceilings and requirements move the objective (a tornado)."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from planner.analyses.sensitivity import Factor, SensitivityAnalysis
from planner.analyses.verdicts import sensitivity_verdict
from planner.brief.charts import (
    DARK,
    LABEL_SIZE,
    LIGHT,
    ROW,
    _text,
    axis_titled,
    clip,
    figure,
    name_list,
)
from planner.brief.prose import aim, measure, para
from planner.brief.tables import cell, grid, head
from planner.brief.text import esc, fonts
from planner.rules.objectives import objective_figure
from planner.scenario.model import Scenario

TORNADO_ROWS = 12
VALUE_WIDTH = 72.0
LABEL_WIDTH = 175.0  # wider than the nation charts': unit type names are long


def _end(factor: Factor, which: str, base: float) -> float | None:
    variant = getattr(factor, which)
    return variant.objective_value if variant.feasible else None


def tornado(analysis: SensitivityAnalysis, width: float) -> Drawing:
    """Lowered (light) and raised (dark) bars from the baseline; 'no plan' written out."""
    base = analysis.baseline_value or 0.0
    shown = shown_factors(analysis)
    ends = [
        v for f in shown for v in (_end(f, "low", base), _end(f, "high", base)) if v is not None
    ]
    spread = max([abs(v - base) for v in ends] + [1.0])
    height = 30 + ROW * len(shown)
    drawing = Drawing(width, height)
    plot = width - LABEL_WIDTH - VALUE_WIDTH
    middle = LABEL_WIDTH + plot / 2
    per = (plot / 2) / spread
    top = height - 14
    drawing.add(Line(middle, 10, middle, top, strokeColor=colors.black, strokeWidth=0.6))
    stated = f"the plan as stated: {objective_figure(analysis.objective, base, 1)}"
    drawing.add(_text(middle, 2, stated, anchor="middle", size=6.5))
    for i, factor in enumerate(shown):
        y = top - ROW * (i + 1) + 2
        drawing.add(_text(LABEL_WIDTH - 5, y + 2, _label(factor), anchor="end"))
        for which, fill in (("low", LIGHT), ("high", DARK)):
            value = _end(factor, which, base)
            if value is None:
                continue
            x0, x1 = sorted((middle, middle + (value - base) * per))
            drawing.add(
                Rect(
                    x0,
                    y,
                    max(x1 - x0, 0.5),
                    ROW - 4,
                    fillColor=fill,
                    strokeColor=colors.black,
                    strokeWidth=0.3,
                )
            )
        drawing.add(
            _text(
                LABEL_WIDTH + plot + 4,
                y + 2,
                factor.change_text(base, analysis.objective),
                size=6.5,
            )
        )
    drawing.add(
        _text(
            LABEL_WIDTH,
            height - 8,
            "light: factor lowered   dark: factor raised   right: change lowered / raised",
            size=6.5,
        )
    )
    return axis_titled(
        drawing, f"Change in {measure(analysis.objective).lower()} from the plan", middle
    )


def tornado_read(analysis: SensitivityAnalysis) -> str:
    """What to read from the tornado: which figures to confirm first, and which break the force."""
    shown = shown_factors(analysis)
    what = measure(analysis.objective).lower()
    breaking = [f.title for f in shown if f.breaks]
    moving = [f.title for f in shown if not f.breaks][:2]
    text = (
        f"the longer a bar, the larger the change in {what} when that one figure is "
        "lowered (light) or raised (dark)"
    )
    if breaking:
        text += f"; 'no plan' marks a change that breaks the force ({name_list(breaking, 3)})"
    if moving:
        text += f"; the figures to confirm first are the {' and the '.join(moving)}"
    return text + "."


def shown_factors(analysis: SensitivityAnalysis) -> list[Factor]:
    """Every factor that breaks the force, then the largest movers, 12 rows at least."""
    ranked = analysis.ranked()
    breaking = [f for f in ranked if f.breaks]
    return breaking + [f for f in ranked if not f.breaks][: max(0, TORNADO_ROWS - len(breaking))]


def _left_out(analysis: SensitivityAnalysis) -> str:
    """' The other 17 factors change it by at most 57.0.' when rows were left out."""
    shown = shown_factors(analysis)
    rest = [f for f in analysis.factors if f not in shown]
    if not rest:
        return ""
    base = analysis.baseline_value or 0.0
    most = max(f.swing(base) for f in rest)
    at_most = objective_figure(analysis.objective, most, 1)
    return (
        f" Shown: {len(shown)} of {len(analysis.factors)} factors; the other {len(rest)} "
        f"change the {measure(analysis.objective).lower()} by at most {at_most} between "
        "lowered and raised."
    )


def _label(factor: Factor) -> str:
    """The factor's name clipped to the label column, keeping 'ceiling' or 'minimum'."""
    word = f" {factor.setting_word}"
    room = LABEL_WIDTH - 8 - stringWidth(word, fonts().regular, LABEL_SIZE)
    return clip(factor.subject_name or factor.subject, room) + word


def sensitivity_section(
    scenario: Scenario, analysis: SensitivityAnalysis, width: float
) -> list[Flowable]:
    flow: list[Flowable] = [
        para("What moves the result", "h2"),
        para(esc(sensitivity_verdict(analysis))),
    ]
    if not analysis.factors:
        return flow
    flow.append(
        figure(
            f"What each figure does to the {measure(analysis.objective).lower()}",
            tornado(analysis, width),
            tornado_read(analysis),
        )
    )
    base = analysis.baseline_value or 0.0
    rows: list[list[object]] = [
        [
            head("Factor"),
            head("Lowered to", right=True),
            head(measure(analysis.objective), right=True),
            head("Raised to", right=True),
            head(measure(analysis.objective), right=True),
        ]
    ]
    for factor in shown_factors(analysis):
        rows.append(
            [cell(factor.title, bold=factor.breaks)]
            + [
                value
                for which in ("low", "high")
                for value in (
                    f"{getattr(factor, which).setting:,}",
                    "no plan"
                    if _end(factor, which, base) is None
                    else objective_figure(analysis.objective, _end(factor, which, base) or 0.0, 1),
                )
            ]
        )
    widths = [0.32, 0.17, 0.17, 0.17, 0.17]
    flow.append(grid(rows, [w * width for w in widths], numeric=(1, 2, 3, 4)))
    flow.append(
        para(
            "Each factor lowered and raised on its own, the rest as stated, re-planned "
            f"exactly for {aim(analysis.objective)}. Ceilings of the nations in the plan; "
            "minimums of every requirement." + _left_out(analysis),
            "caption",
        )
    )
    return flow
