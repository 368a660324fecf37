"""Assumptions and sources: the method, the rules, and each nation's stated position."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph

from planner.brief.basis import assumptions_behind, conclusion_keys, moving_keys
from planner.brief.bibliography import Bibliography, figures_words, numbers
from planner.brief.facts import SOLVER_WORDS, Facts, band_text, nation_label
from planner.brief.summary import STATUS_WORDS
from planner.brief.text import esc, num, styles
from planner.rules.objectives import OBJECTIVES, objective_figure
from planner.scenario.model import Nation
from planner.scenario.provenance import Assumption
from planner.scenario.words import limit_percent, percent

ANNEX_SOURCES = "Annex C: assumptions and sources"


def _unit(objective: str) -> str:
    entry = OBJECTIVES.get(objective)
    return "" if entry is None else entry.unit


def _formula(objective: str) -> str:
    entry = OBJECTIVES.get(objective)
    return objective if entry is None else f"{entry.label}: {entry.formula}"


def _method(facts: Facts) -> list[str]:
    scenario, result = facts.scenario, facts.result
    value = result.objective_value
    lines = [
        f"The plan is chosen for {_formula(result.objective)}"
        + (
            f"; this plan: {objective_figure(result.objective, value)} {_unit(result.objective)}."
            if value is not None
            else "."
        ),
        f"Computed exactly with {SOLVER_WORDS.get(result.solver, result.solver)} in "
        f"{result.solve_seconds:.2f} s: "
        + STATUS_WORDS.get(result.status, result.status)
        + (f", within {percent(result.mip_gap, 2)} of the best possible" if result.mip_gap else "")
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


def _nation_basis(facts: Facts, nation: Nation, bib: Bibliography) -> list[str]:
    """'Status [2]; ceiling A3.' for one nation: the sources and assumptions behind its figures."""
    provenance = facts.scenario.provenance
    if provenance is None:
        return []
    words = {"status": "Status", "max_troops": "ceiling", "offers": "offers", "areas": "areas"}
    parts = []
    for fld, word in words.items():
        marks = bib.basis(provenance, f"nation.{nation.code}.{fld}")
        if marks:
            parts.append(f"{word} {', '.join(marks)}")
    return ["; ".join(parts) + "."] if parts else []


def _nation_block(
    nation: Nation, s: dict[str, ParagraphStyle], basis: list[str], bib: Bibliography
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
    block += [Paragraph(esc(f"Basis: {line}"), s["small"]) for line in basis]
    if nation.sources:
        cited = numbers([bib.cite(src) for src in nation.sources])
        block.append(Paragraph(esc(f"Sources: {cited}"), s["small"]))
    return [KeepTogether(block)]


def assumptions(facts: Facts, sensitivity: Any = None) -> list[Flowable]:
    """Method and rules, what the conclusion rests on, every nation's position, then the
    sources (each once, by number) and the planning assumptions (each once, with what
    depends on it).

    `sensitivity`: the brief's sensitivity analysis, if it ran: the assumptions behind a
    figure it found to move the result are marked.
    """
    s, bib = styles(), Bibliography()
    flow: list[Flowable] = [PageBreak(), Paragraph(ANNEX_SOURCES, s["h1"])]
    flow.append(Paragraph("Method and rules", s["h2"]))
    flow += [Paragraph(esc(line), s["bullet"], bulletText="•") for line in _method(facts)]
    flow += _rests_on(facts, sensitivity, s, bib)
    listed = len(bib.assumptions)
    flow.append(Paragraph("Each nation's stated position", s["h2"]))
    for nation in facts.scenario.nations:
        flow += _nation_block(nation, s, _nation_basis(facts, nation, bib), bib)
    flow += _other_assumptions(facts, s, bib, listed)
    flow += _sources(s, bib)
    return flow


def _rests_on(
    facts: Facts, sensitivity: Any, s: dict[str, ParagraphStyle], bib: Bibliography
) -> list[Flowable]:
    """The planning assumptions and the published sources the conclusion rests on."""
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
            flow.append(_assumption(facts, assumption, keys, bib, s, moves))
    cited = [
        bib.cite_reference(r)
        for key in keys
        for r in map(provenance.reference, provenance.basis_of(key))
        if r is not None
    ]
    if cited:
        flow.append(
            Paragraph(
                esc(f"Published sources behind the conclusion (under Sources): {numbers(cited)}."),
                s["body"],
            )
        )
    return flow


def _assumption(
    facts: Facts,
    assumption: Assumption,
    keys: list[str],
    bib: Bibliography,
    s: dict[str, ParagraphStyle],
    moves: bool = False,
) -> Paragraph:
    """'A2. Moves the result. TEXT (reason). It stands behind: France's ceiling; ...'."""
    provenance = facts.scenario.provenance
    assert provenance is not None
    number = bib.assume(assumption)
    text = assumption.text + (f" ({assumption.reason})" if assumption.reason else "")
    behind = figures_words(
        facts.scenario, [key for key in keys if assumption.id in provenance.basis_of(key)]
    )
    stands = f" It stands behind {'; '.join(behind)}." if behind else " No figure cites it."
    return Paragraph(
        f"<b>A{number}.</b> "
        + ("<b>Moves the result.</b> " if moves else "")
        + esc(text.rstrip(".") + "." + stands),
        s["bullet"],
        bulletText="•",
    )


def _other_assumptions(
    facts: Facts, s: dict[str, ParagraphStyle], bib: Bibliography, listed: int
) -> list[Flowable]:
    """Every planning assumption not listed under the conclusion (the first `listed`),
    each once: those behind costs, burden weights and nations outside the plan."""
    provenance = facts.scenario.provenance
    if provenance is None:
        return []
    shown = {a.id for a in bib.assumptions[:listed]}
    rest = bib.assumptions[listed:]
    rest += [a for a in provenance.assumptions if a.id not in shown and a not in rest]
    if not rest:
        return []
    flow: list[Flowable] = [
        Paragraph("Other planning assumptions", s["h2"]),
        Paragraph(
            esc(
                "Behind figures that do not decide whether this plan meets the rules: "
                "costs, burden weights, and the positions of nations outside the plan."
            ),
            s["body"],
        ),
    ]
    return flow + [_assumption(facts, a, list(provenance.basis), bib, s) for a in rest]


def _sources(s: dict[str, ParagraphStyle], bib: Bibliography) -> list[Flowable]:
    if not bib.sources:
        return []
    flow: list[Flowable] = [Paragraph("Sources", s["h2"])]
    for source in bib.sources:
        url = f" {source.url}" if source.url else ""
        flow.append(
            Paragraph(
                esc(f"{source.text}{url}"), s["small_bullet"], bulletText=f"[{source.number}]"
            )
        )
    return flow
