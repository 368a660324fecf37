"""Check: sensitivity's shortcuts give a plain solve's answers, variant by variant.

`.venv/bin/python -m benchmarks.sensitivity_check` runs the sensitivity
analysis on the default scenario and on generated 8 x 6 scenarios (seeds 1-3,
benchmarks/generate.py), then solves every variant it did not leave unchanged
from scratch with :func:`planner.solve.solve` and compares status, objective
value and total troops. Prints each difference; exits 1 when there is one.
Arguments name other scenarios: `default`, `NxU:SEED` (generated) or a file.
"""

from __future__ import annotations

import json
import sys

from planner.analyses.sensitivity import analyse_sensitivity, with_ceiling, with_requirement_min
from planner.scenario.io import default_scenario, load_scenario, loads_scenario
from planner.scenario.model import Scenario
from planner.solve import solve

DEFAULT = ["default", "8x6:1", "8x6:2", "8x6:3"]


def scenario_named(name: str) -> Scenario:
    """`default`, `NxU:SEED` (benchmarks/generate.py) or a scenario file."""
    if name == "default":
        return default_scenario()
    if ":" in name and "x" in name:
        from benchmarks.generate import generate

        shape, seed = name.split(":")
        nations, units = (int(part) for part in shape.split("x"))
        return loads_scenario(json.dumps(generate(nations, units, int(seed))))
    return load_scenario(name)


def answer(status: str, value: float | None, total: int | None) -> tuple:
    return status, None if value is None else round(value, 6), total


def differences(name: str) -> int:
    scenario = scenario_named(name)
    analysis = analyse_sensitivity(scenario)
    found = checked = 0
    for factor in analysis.factors:
        for variant in (factor.low, factor.high):
            if variant.status == "unchanged":
                continue
            if factor.kind == "ceiling":
                changed = with_ceiling(scenario, factor.subject, variant.setting)
            else:
                changed = with_requirement_min(scenario, factor.subject, variant.setting)
            plain = solve(changed, analysis.objective, explain=False)
            want = answer(
                plain.status,
                plain.objective_value if plain.has_plan else None,
                plain.evaluation.total_troops if plain.has_plan else None,
            )
            got = answer(variant.status, variant.objective_value, variant.total_troops)
            checked += 1
            if got != want:
                found += 1
                print(f"  {name}: {factor.title} at {variant.setting:,}: {got} against {want}")
    print(f"{name}: {checked} variants solved plainly, {found} differ ({analysis.solves} solves)")
    return found


def main(argv: list[str]) -> int:
    return 1 if sum(differences(name) for name in argv or DEFAULT) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
