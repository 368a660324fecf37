"""The non-Qt half of ``force-planner --selftest``: is this installation (or bundle) whole?

Each check returns a :class:`Check` instead of raising, so one missing piece
(the CBC binary, a font, the default scenario) is named and the rest still run.
CBC is checked on a small built-in scenario (3 nations x 2 unit types): on
the default scenario it needs about 46 s with preprocessing off, far too long
for a check that should take seconds. HiGHS solves the default scenario.
"""

from __future__ import annotations

import os
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from planner.scenario.model import Scenario

SMALL_SCENARIO: dict = {
    "schema": "force-planner/scenario@1",
    "name": "Self-test: 3 nations x 2 unit types",
    "target": {"min_troops": 1500, "max_troops": 3000},
    "unit_types": [
        {"id": "inf_bn", "name": "Infantry battalion", "personnel": 500},
        {"id": "log_coy", "name": "Logistics company", "personnel": 150},
    ],
    "nations": [
        {
            "code": code,
            "name": name,
            "status": "likely",
            "min_troops": 0,
            "max_troops": 2000,
            "cost_per_troop": cost,
            "offers": {"inf_bn": 3, "log_coy": 2},
        }
        for code, name, cost in (("AA", "Alpha", 1.0), ("BB", "Bravo", 1.2), ("CC", "Charlie", 0.9))
    ],
    "requirements": {"inf_bn": {"min": 3}, "log_coy": {"min": 2}},
    "rules": {"max_share": 0.5, "min_nations": 2},
    "objective": "min_cost",
}
SMALL_OPTIMUM = 1820.0  # min cost of SMALL_SCENARIO, the same on HiGHS and CBC


@dataclass(frozen=True)
class Check:
    """One line of the self-test: what was checked, whether it held, and the detail."""

    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name}: {self.detail}"


def guarded(name: str, check: Callable[[], str]) -> Check:
    """Run `check` (which returns a detail or raises) as one :class:`Check`."""
    try:
        return Check(name, True, check())
    except Exception as exc:  # noqa: BLE001 - any failure is a finding, not a crash
        detail = f"{type(exc).__name__}: {exc}".strip()
        if os.environ.get("FORCE_PLANNER_SELFTEST_TRACE"):
            detail += "\n" + traceback.format_exc()
        return Check(name, False, detail)


class _State:
    scenario: Scenario | None = None
    result: object | None = None


def core_checks() -> Iterator[Check]:
    """Default scenario, HiGHS on it, CBC on the small scenario, a brief to a temp file.

    A generator, so each line can be printed as soon as its check is done.
    """
    state = _State()

    def default() -> str:
        from planner.scenario.io import default_scenario

        state.scenario = default_scenario()
        s = state.scenario
        return f"'{s.name}', {len(s.nations)} nations, {len(s.unit_types)} unit types"

    def highs() -> str:
        from planner.solve import solve

        if state.scenario is None:
            raise RuntimeError("skipped: the default scenario did not load")
        result = solve(state.scenario, solver="highs")
        state.result = result
        if result.status != "optimal":
            raise RuntimeError(f"status {result.status}, expected optimal")
        from planner.rules.objectives import objective_figure

        figure = objective_figure(result.objective, result.objective_value or 0.0, 2)
        return f"default scenario optimal, objective {figure} " + (
            f"in {result.solve_seconds:.1f} s"
        )

    def cbc() -> str:
        from planner.optimise.solver import cbc_path
        from planner.scenario.validation import parse_scenario
        from planner.solve import solve

        path = cbc_path()  # names a missing or non-executable binary
        result = solve(parse_scenario(SMALL_SCENARIO), solver="cbc")
        if result.status != "optimal" or abs((result.objective_value or 0) - SMALL_OPTIMUM) > 1e-6:
            raise RuntimeError(
                f"status {result.status}, objective {result.objective_value} "
                f"(expected optimal, {SMALL_OPTIMUM:g})"
            )
        return (
            f"small built-in scenario (3 nations x 2 unit types) optimal, objective "
            f"{result.objective_value:g}; binary {path}"
        )

    def brief() -> str:
        from planner.brief import write_brief
        from planner.brief.text import fonts

        if state.scenario is None or state.result is None:
            raise RuntimeError("skipped: no solved default scenario to write about")
        with tempfile.TemporaryDirectory(prefix="force-planner-selftest-") as folder:
            out = Path(folder) / "brief.pdf"
            pages = write_brief(state.scenario, state.result, out)  # type: ignore[arg-type]
            size = out.stat().st_size
        font = fonts()
        if not font.embedded:
            raise RuntimeError(
                f"{pages}-page brief written, but no TrueType font was found (Helvetica "
                "fallback cannot print non-Latin names); put DejaVuSans.ttf in resources/fonts"
            )
        return f"{pages} pages, {size:,} bytes, font {font.regular}"

    def workspace() -> str:
        import sqlite3

        from planner.workspace import VersionRef, Workspace

        if state.scenario is None or state.result is None:
            raise RuntimeError("skipped: no solved default scenario to keep")
        with tempfile.TemporaryDirectory(prefix="force-planner-selftest-") as folder:
            store = Workspace(Path(folder) / "workspace.sqlite")
            info = store.save_version("selftest", state.scenario, "self-test")
            store.add_result(VersionRef("selftest", info.number), state.result)  # type: ignore[arg-type]
            back = store.version(VersionRef("selftest"))
            if back.scenario != state.scenario or len(store.results("selftest")) != 1:
                raise RuntimeError("the version or result read back differs from what was saved")
            verdict = store.integrity()
        return (
            f"saved, read back and kept a result; integrity {verdict}; "
            f"SQLite {sqlite3.sqlite_version}"
        )

    yield guarded("default scenario", default)
    yield guarded("HiGHS solve", highs)
    yield guarded("CBC solve", cbc)
    yield guarded("PDF brief", brief)
    yield guarded("workspace", workspace)
