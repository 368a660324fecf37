"""Assumptions and sources: the method, the rules, and each nation's stated position."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph

from planner.brief.facts import OBJECTIVE_WORDS, SOLVER_WORDS, Facts, band_text, nation_label
from planner.brief.text import esc, num, styles
from planner.scenario.model import Nation
from planner.scenario.words import limit_percent, percent


def _method(facts: Facts) -> list[str]:
    scenario, result = facts.scenario, facts.result
    value = result.objective_value
    lines = [
        f"Objective: {result.objective}, "
        f"{OBJECTIVE_WORDS.get(result.objective, result.objective)}"
        + (f"; value {value:,.2f}." if value is not None else "."),
        f"Solver: {SOLVER_WORDS.get(result.solver, result.solver)}; solve time "
        f"{result.solve_seconds:.2f} s; status {result.status}"
        + (f", proven gap {percent(result.mip_gap, 2)}" if result.mip_gap else "")
        + ".",
        f"Target band: {band_text(scenario)} troops on the ground; stand-off units do not count.",
        "Largest share of the force any one nation may carry: "
        f"{limit_percent(scenario.rules.max_share)}; "
        f"fewest nations taking part: {scenario.rules.min_nations}.",
        "Status: committed nations must take part, declined nations stay out; likely and "
        "possible nations take part only if the plan needs them.",
    ]
    for lock in scenario.locks:
        try:
            who, what = scenario.nation(lock.nation).name, scenario.unit(lock.unit_type).name
        except KeyError:
            who, what = lock.nation, lock.unit_type
        lines.append(f"Locked by the planner: {lock.count} x {what} from {who}.")
    return lines


def _nation_block(nation: Nation, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    block: list[Flowable] = [
        Paragraph(f"{esc(nation_label(nation))} — {esc(nation.status)}", s["h3"]),
        Paragraph(
            f"Floor {num(nation.min_troops)}, ceiling {num(nation.max_troops)} troops; cost index "
            f"{nation.cost_per_troop:g}; burden weight {nation.burden_weight:,g}.",
            s["small"],
        ),
    ]
    if nation.notes:
        block.append(Paragraph(esc(nation.notes), s["small"]))
    if nation.sources:
        block.append(Paragraph("Sources:", s["small"]))
        block += [Paragraph(esc(src), s["small_bullet"], bulletText="–") for src in nation.sources]
    return [KeepTogether(block)]


def assumptions(facts: Facts) -> list[Flowable]:
    """Method and rules, then every nation's status, notes and sources in file order."""
    s = styles()
    flow: list[Flowable] = [PageBreak(), Paragraph("Assumptions and sources", s["h1"])]
    flow.append(Paragraph("Method and rules", s["h2"]))
    flow += [Paragraph(esc(line), s["bullet"], bulletText="•") for line in _method(facts)]
    flow.append(Paragraph("Each nation's stated position", s["h2"]))
    for nation in facts.scenario.nations:
        flow += _nation_block(nation, s)
    return flow
