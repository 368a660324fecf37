"""The body of the brief: contributions by nation with charts, the nation x
unit-type matrix, and requirement coverage with stand-off support apart.

The front (cover, bottom line) is :mod:`planner.brief.summary`; the failure
section and the assumptions are :mod:`planner.brief.failure` and
:mod:`planner.brief.assumptions`.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from planner.brief import charts
from planner.brief.facts import Facts, NationRow, nation_label, required_text, verdict
from planner.brief.prose import para, suffix
from planner.brief.tables import Vertical, cell, grid, head
from planner.brief.text import pct
from planner.scenario.model import UnitType

MATRIX_COLUMNS = 14


def _bars(rows: tuple[NationRow, ...]) -> list[charts.NationBar]:
    return [
        charts.NationBar(
            r.nation.name, r.troops, r.nation.min_troops, r.nation.max_troops, r.share, r.fair
        )
        for r in rows
    ]


def contributions(facts: Facts, width: float) -> list[Flowable]:
    """The table by nation (every nation, largest first) and its two charts."""
    header = [
        "Nation",
        "Status",
        "Floor – ceiling",
        "Troops",
        "Share",
        "Fair share",
        "Ground units",
        "Stand-off units",
    ]
    rows: list[list] = [[head(h) for h in header]]
    for r in facts.rows:
        n = r.nation
        rows.append(
            [
                cell(nation_label(n), bold=r.participating),
                n.status,
                f"{n.min_troops:,} – {n.max_troops:,}",
                f"{r.troops:,}" if r.participating else "-",
                pct(r.share, facts.cap) if r.participating else "-",
                pct(r.fair),
                str(r.ground_units or "-"),
                str(r.standoff_units or "-"),
            ]
        )
    rows.append(
        [
            "Total",
            "",
            "",
            f"{facts.total:,}",
            pct(1.0 if facts.total else 0.0),
            "",
            str(sum(r.ground_units for r in facts.rows)),
            str(sum(r.standoff_units for r in facts.rows)),
        ]
    )
    fractions = [0.26, 0.1, 0.15, 0.09, 0.08, 0.09, 0.11, 0.12]
    flow: list[Flowable] = [
        PageBreak(),
        para("Contributions by nation" + suffix(facts), "h1"),
        para(
            "Every nation in the scenario, largest contribution first; nations in bold take "
            "part. Troops count ground units only; share is of troops on the ground, fair "
            "share follows the burden weights of the nations not declined.",
            "caption",
        ),
        grid(rows, [width * f for f in fractions], numeric=range(2, 8), total_row=True),
    ]
    chart_rows = [
        r
        for r in facts.rows
        if r.participating or (r.nation.status != "declined" and r.nation.max_troops)
    ]
    more = len(chart_rows) - charts.MAX_ROWS
    note = (
        f" The {charts.MAX_ROWS} largest of {len(chart_rows)} nations are drawn."
        if more > 0
        else ""
    )
    bars = _bars(tuple(chart_rows))
    cap = facts.scenario.rules.max_share
    flow += [
        charts.figure(
            "Troops by nation, with floors and ceilings" + suffix(facts),
            charts.nations_chart(bars, width),
            charts.nations_read(bars),
            "Nations that take part or could; declined nations are left out." + note,
        ),
        charts.figure(
            "Share of the force against fair share" + suffix(facts),
            charts.share_chart(bars, cap, width),
            charts.share_read(bars, cap),
            "The dashed line is the largest share any one nation may carry." + note,
        ),
    ]
    return flow


def _matrix(
    facts: Facts, units: tuple[UnitType, ...], width: float, heading: Flowable
) -> list[Flowable]:
    """Nations taking part x unit types in the plan, split into column groups that fit."""
    used = [u for u in units if facts.plan.unit_counts[u.id]]
    if not used:
        return [heading, para("None in this plan.", "caption")]
    flow: list[Flowable] = []
    for start in range(0, len(used), MATRIX_COLUMNS):
        group = used[start : start + MATRIX_COLUMNS]
        name_width = width * 0.3
        count_width = min(28.0, (width - name_width - 34) / len(group))
        rows: list[list] = [[head("Nation")] + [Vertical(u.name) for u in group] + [head("Units")]]
        nations = [
            r for r in facts.taking_part if any(facts.count(r.nation.code, u.id) for u in group)
        ]
        for r in nations:
            counts = [facts.count(r.nation.code, u.id) for u in group]
            rows.append([cell(r.nation.name)] + [str(k or "") for k in counts] + [str(sum(counts))])
        totals = [facts.plan.unit_counts[u.id] for u in group]
        rows.append(["Total"] + [str(k) for k in totals] + [str(sum(totals))])
        numeric = range(1, len(group) + 2)
        table = grid(
            rows,
            [name_width] + [count_width] * len(group) + [34],
            numeric=numeric,
            total_row=True,
            header_valign="BOTTOM",
        )
        part: list[Flowable] = [] if start else [heading]
        if len(used) > MATRIX_COLUMNS:
            last = min(start + MATRIX_COLUMNS, len(used))
            part.append(para(f"Unit types {start + 1}–{last} of {len(used)}", "caption"))
        # a table that fits one page starts on a fresh one rather than leave a stub behind
        flow += [KeepTogether([*part, table]), Spacer(1, 4 * mm)]
    return flow


def matrix(facts: Facts, width: float) -> list[Flowable]:
    """The nation x unit-type matrix: ground units, then stand-off support apart."""
    return [
        PageBreak(),
        para("Units by nation and type" + suffix(facts), "h1"),
        para(
            "Units of each type each nation sends; only types and nations in the plan.", "caption"
        ),
        *_matrix(facts, facts.ground, width, para("Ground units (troops on the ground)", "h2")),
        *_matrix(
            facts,
            facts.standoff,
            width,
            para("Stand-off support (from outside the theatre, not counted in troops)", "h2"),
        ),
    ]


def _coverage_rows(facts: Facts, units: tuple[UnitType, ...], ground: bool) -> list[list]:
    reqs = facts.scenario.requirements
    header = [
        "Unit type",
        "Category",
        "Personnel",
        "Required",
        "In plan",
        "Troops" if ground else "From",
        "Verdict",
    ]
    rows: list[list] = [[head(h) for h in header]]
    for u in units:
        req = reqs.get(u.id)
        low, high = (req.min, req.max) if req else (0, None)
        count = facts.plan.unit_counts[u.id]
        if ground:
            extra: object = f"{count * u.personnel:,}"
        else:
            givers = [r for r in facts.taking_part if facts.count(r.nation.code, u.id)]
            extra = cell(
                ", ".join(f"{r.nation.code} {facts.count(r.nation.code, u.id)}" for r in givers)
                or "-"
            )
        rows.append(
            [
                cell(u.name),
                cell(u.category or "-"),
                f"{u.personnel:,}",
                required_text(low, high) if req else "none",
                str(count),
                extra,
                verdict(count, low, high) if req else "-",
            ]
        )
    return rows


def coverage(facts: Facts, width: float) -> list[Flowable]:
    """Requirement coverage per unit type; stand-off support in its own table."""
    ground = [0.31, 0.14, 0.11, 0.11, 0.09, 0.11, 0.13]
    standoff = [0.27, 0.11, 0.11, 0.1, 0.09, 0.21, 0.11]
    return [
        KeepTogether(
            [
                para("Requirement coverage" + suffix(facts), "h1"),
                para(
                    "Ground units: how many of each type the force needs and how many the "
                    "plan holds. Troops = units x personnel.",
                    "caption",
                ),
                grid(
                    _coverage_rows(facts, facts.ground, True),
                    [width * f for f in ground],
                    numeric=(2, 3, 4, 5, 6),
                ),
            ]
        ),
        Spacer(1, 5 * mm),
        KeepTogether(
            [
                para("Stand-off support" + suffix(facts), "h2"),
                para(
                    "ISR, air cover and air defence flown or based outside the theatre. Their "
                    "personnel are not troops on the ground and do not count towards the band. "
                    "From: nation code and units.",
                    "caption",
                ),
                grid(
                    _coverage_rows(facts, facts.standoff, False),
                    [width * f for f in standoff],
                    numeric=(2, 3, 4, 6),
                    extra=[("LEFTPADDING", (5, 0), (5, -1), 10)],
                ),
            ]
        ),
    ]
