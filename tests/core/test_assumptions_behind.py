"""What a conclusion rests on: the assumptions and references behind it, in the brief and in
the sensitivity analysis (which of them move the result)."""

from __future__ import annotations

from types import SimpleNamespace

from planner.brief.basis import (
    assumptions_behind,
    conclusion_keys,
    moving_keys,
)
from planner.brief.facts import gather
from planner.scenario.library import builtin
from planner.solve import solve


def _factor(kind, subject, breaks=False, changes=(0.0, 0.0)):
    key = f"nation.{subject}.max_troops" if kind == "ceiling" else f"requirement.{subject}"
    return SimpleNamespace(basis_key=key, moves=lambda _: breaks or any(changes))


def test_the_assumptions_behind_the_plan_and_those_the_sensitivity_found_moving():
    scenario = builtin("2025-02-report").scenario()
    facts = gather(scenario, solve(scenario))
    provenance = scenario.provenance
    keys = conclusion_keys(facts)
    taking_part = {r.nation.code for r in facts.taking_part}
    assert {f"nation.{n.code}.status" for n in scenario.nations} <= set(keys)
    assert all(f"nation.{c}.max_troops" in keys for c in taking_part)
    out = next(n.code for n in scenario.nations if n.code not in taking_part)
    assert f"nation.{out}.max_troops" not in keys  # a nation out of the plan: its status only
    nobody_moves = assumptions_behind(provenance, keys, set())
    expected = {i for k in keys for i in provenance.basis_of(k)}
    assert [a.id for a, _ in nobody_moves] == [
        a.id for a in provenance.assumptions if a.id in expected
    ]
    assert not any(moves for _, moves in nobody_moves)

    code = sorted(taking_part)[0]
    sensitivity = SimpleNamespace(
        baseline_value=1.0,
        ranked=lambda: [
            _factor("ceiling", code, breaks=True),
            _factor("requirement", "nothing_moves"),
        ],
    )
    moving = moving_keys(sensitivity)
    assert moving == {f"nation.{code}.max_troops"}
    marked = {a.id for a, moves in assumptions_behind(provenance, keys, moving) if moves}
    assert marked == {
        i for i in provenance.basis_of(f"nation.{code}.max_troops") if provenance.assumption(i)
    }


def test_the_brief_prints_what_the_conclusion_rests_on(tmp_path):
    from pypdf import PdfReader

    from tests.helpers.cli_support import run

    source = tmp_path / "report.json"
    source.write_text(builtin("2025-02-report").text())
    out = tmp_path / "b.pdf"
    made = run("brief", source, "-o", out, "--analyses", "none")
    assert made.returncode == 0, made.stderr
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages)
    assert "What the conclusion rests on" in text
    scenario = builtin("2025-02-report").scenario()
    first = scenario.provenance.assumptions[0]
    assert " ".join(first.text.split())[:60] in text
    assert "Basis: Status [" in text or "Basis: Status A" in text


def test_the_sensitivity_analysis_names_the_assumptions_behind_each_factor(tmp_path):
    import json

    from tests.helpers.cli_support import run

    scenario = builtin("2025-02-report").scenario()
    provenance = scenario.provenance
    source = tmp_path / "report.json"
    source.write_text(builtin("2025-02-report").text())
    done = run("analyse", "sensitivity", source, "--json", timeout=600)
    assert done.returncode == 0, done.stderr
    factors = json.loads(done.stdout)["factors"]
    assert factors
    for factor in factors:
        key = (
            f"nation.{factor['subject']}.max_troops"
            if factor["kind"] == "ceiling"
            else f"requirement.{factor['subject']}"
        )
        expected = [i for i in provenance.basis_of(key) if provenance.assumption(i)]
        assert factor["assumptions"] == expected, factor["factor"]
    assert any(f["assumptions"] for f in factors)
