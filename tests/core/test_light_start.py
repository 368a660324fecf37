"""Commands that only read or list load none of the heavy libraries (issue 18, a light start)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers.cli_support import ROOT

HEAVY = ("pulp", "highspy", "numpy", "sqlite_utils", "click", "reportlab", "PySide6", "pyqtgraph")
PROBE = """
import contextlib, io, json, sys
from planner.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps([code, sorted({m.split(".")[0] for m in sys.modules})]))
"""


def _loaded(*argv: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    code, loaded = json.loads(done.stdout.splitlines()[-1])
    assert code == 0
    return [name for name in HEAVY if name in loaded]


def test_workspace_listing_loads_no_heavy_library(tmp_path):
    db = str(tmp_path / "w.sqlite")
    scenario = "resources/default_scenario.json"
    assert _loaded("workspace", "--db", db, "import", scenario) == []
    assert _loaded("workspace", "--db", db, "list") == []
    name = "European Reassurance Force for Ukraine - baseline"
    assert _loaded("workspace", "--db", db, "history", name) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "resources/default_scenario.json"],
        ["validate", "--json", "resources/default_scenario.json"],
        ["default"],
        ["default", "--list"],
        ["schema"],
        ["completion", "bash"],
    ],
    ids=" ".join,
)
def test_reading_commands_load_no_heavy_library(argv):
    assert _loaded(*argv) == []


def test_the_command_line_loads_no_analysis_until_one_runs():
    """Building the parser reads the analyses' defaults from planner.analyses alone: a solve
    or a validate does not pay for the Pareto and sensitivity modules or worker processes."""
    probe = (
        "import json, sys\n"
        "from planner.cli.main import build_parser\n"
        "build_parser()\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('planner.analyses.')"
        " or m.split('.')[0] in ('multiprocessing', 'concurrent'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.splitlines()[-1])
    heavy = [m for m in loaded if m.split(".")[-1] in ("pareto", "sensitivity", "workers")]
    assert heavy == [], heavy
