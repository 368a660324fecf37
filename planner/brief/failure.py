"""When no plan meets every rule: what cannot be met, by how much, and which rules clash.

The sentences are :meth:`PlanResult.explanation` and :mod:`planner.explain.wording`
word for word, so the brief says exactly what the GUI and the CLI say.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from planner.brief.closest import CLOSEST_HEADING, closest_points
from planner.brief.facts import Facts
from planner.brief.tables import cell, grid, head
from planner.brief.text import esc, num, styles
from planner.explain.wording import describe_rule


def _rule(facts: Facts, constraint: str) -> str:
    try:
        return describe_rule(facts.scenario, constraint)
    except (KeyError, IndexError, StopIteration):
        return constraint


def failure(facts: Facts, width: float) -> list[Flowable]:
    """Unmet rules with required, best reachable and gap; the conflicting set; notes."""
    result, s = facts.result, styles()
    if not (result.unmet or result.conflict):
        return []
    flow: list[Flowable] = [Paragraph("Why no plan meets every rule", s["h1"])]
    if result.unmet:
        flow.append(
            Paragraph(
                "Rules that cannot hold even with every other rule dropped: the best value the "
                "nations' own statements allow, and how far it falls short.",
                s["caption"],
            )
        )
        rows: list[list] = [[head(h) for h in ("Rule", "Required", "Best reachable", "Short by")]]
        for u in result.unmet:
            rows.append(
                [
                    cell(_rule(facts, u.constraint)),
                    num(u.required),
                    num(u.best_reachable),
                    num(u.gap),
                ]
            )
        fractions = [0.6, 0.13, 0.15, 0.12]
        flow += [grid(rows, [width * f for f in fractions], numeric=(1, 2, 3)), Spacer(1, 8)]
    if result.conflict:
        flow.append(Paragraph("Rules that clash", s["h2"]))
        flow.append(
            Paragraph(
                "Each of these rules can hold on its own, but not all together; dropping any one "
                "of them lets the rest hold.",
                s["caption"],
            )
        )
        rows = [[head("Rule")]]
        rows += [[cell(_rule(facts, c))] for c in result.conflict]
        flow.append(grid(rows, [width]))
        flow.append(Spacer(1, 6))
    flow.append(Paragraph("In the planner's words", s["h3"]))
    flow += [Paragraph(esc(n), s["bullet"], bulletText="•") for n in result.explanation()]
    broken = closest_points(facts)
    if broken:
        flow.append(Paragraph(esc(CLOSEST_HEADING), s["h3"]))
        flow += [Paragraph(esc(n), s["bullet"], bulletText="•") for n in broken]
    return flow
