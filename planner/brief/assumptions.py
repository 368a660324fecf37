"""Assumptions and sources: the method, the rules, and each nation's stated position."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph

from planner.brief.basis import (
    assumptions_behind,
    basis_words,
    conclusion_keys,
    moving_keys,
    reference_text,
    references_behind,
)
from planner.brief.facts import SOLVER_WORDS, Facts, band_text, nation_label
from planner.brief.text import esc, num, styles
from planner.rules.objectives import OBJECTIVES
from planner.scenario.model import Nation
from planner.scenario.words import limit_percent, percent


def _formula(objective: str) -> str:
    entry = OBJECTIVES.get(objective)
    return objective if entry is None else f"{entry.label}: {entry.formula}"


def _method(facts: Facts) -> list[str]:
    scenario, result = facts.scenario, facts.result
    value = result.objective_value
    lines = [
        f"Objective: {result.objective}, {_formula(result.objective)}"
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


def _nation_basis(facts: Facts, nation: Nation) -> list[str]:
    """'Status: Le Monde 2026-01-09; ceiling: planning assumption' for one nation."""
    provenance = facts.scenario.provenance
    if provenance is None:
        return []
    words = {"status": "Status", "max_troops": "ceiling", "offers": "offers", "areas": "areas"}
    parts = []
    for field, word in words.items():
        said = basis_words(provenance, f"nation.{nation.code}.{field}")
        if said:
            parts.append(f"{word}: {said}")
    return ["; ".join(parts) + "."] if parts else []


def _nation_block(
    nation: Nation, s: dict[str, ParagraphStyle], basis: list[str] | None = None
) -> list[Flowable]:
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
    block += [Paragraph(esc(f"Basis: {line}"), s["small"]) for line in basis or []]
    if nation.sources:
        block.append(Paragraph("Sources:", s["small"]))
        block += [Paragraph(esc(src), s["small_bullet"], bulletText="–") for src in nation.sources]
    return [KeepTogether(block)]


def assumptions(facts: Facts, sensitivity: Any = None) -> list[Flowable]:
    """Method and rules, what the conclusion rests on, then every nation's position.

    `sensitivity`: the brief's sensitivity analysis, if it ran: the assumptions behind a
    figure it found to move the result are marked.
    """
    s = styles()
    flow: list[Flowable] = [PageBreak(), Paragraph("Assumptions and sources", s["h1"])]
    flow.append(Paragraph("Method and rules", s["h2"]))
    flow += [Paragraph(esc(line), s["bullet"], bulletText="•") for line in _method(facts)]
    flow += _rests_on(facts, sensitivity, s)
    flow.append(Paragraph("Each nation's stated position", s["h2"]))
    for nation in facts.scenario.nations:
        flow += _nation_block(nation, s, _nation_basis(facts, nation))
    return flow


def _rests_on(facts: Facts, sensitivity: Any, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The planning assumptions and the dated references the conclusion rests on."""
    provenance = facts.scenario.provenance
    if provenance is None:
        return []
    keys = conclusion_keys(facts)
    behind = assumptions_behind(provenance, keys, moving_keys(sensitivity))
    flow: list[Flowable] = [Paragraph("What the conclusion rests on", s["h2"])]
    if behind:
        marked = sum(moves for _, moves in behind)
        lead = (
            f"{len(behind)} planning assumptions (no published source gives these figures) "
            "stand behind the target, the requirements and the nations' statements of this plan"
        )
        if sensitivity is not None:
            lead += (
                f"; {marked} of them are behind a figure the sensitivity analysis found to move "
                "the result or break the force (marked)"
                if marked
                else "; none is behind a figure the sensitivity analysis found to move the result"
            )
        flow.append(Paragraph(esc(lead + "."), s["body"]))
        for assumption, moves in behind:
            text = assumption.text + (f" ({assumption.reason})" if assumption.reason else "")
            flow.append(
                Paragraph(
                    ("<b>Moves the result.</b> " if moves else "") + esc(text),
                    s["bullet"],
                    bulletText="•",
                )
            )
    references = references_behind(provenance, keys)
    if references:
        flow.append(
            Paragraph(esc(f"Dated references ({len(references)}), newest first:"), s["body"])
        )
        flow += [
            Paragraph(esc(reference_text(r)), s["small_bullet"], bulletText="–") for r in references
        ]
    return flow
