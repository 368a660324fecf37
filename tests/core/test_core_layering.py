"""`planner/` is the model and never imports Qt, pyqtgraph or `ui` (STYLE.md, napari rule).

Checked twice: statically (every import statement under planner/) and at run
time (a subprocess where importing PySide6/pyqtgraph raises ImportError must
still import every planner module and run `solve` and `validate` through
`force_planner.launcher.main`).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLANNER = ROOT / "planner"
FORBIDDEN = ("PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "ui", "qtpy")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(
            node.func, "attr", getattr(node.func, "id", None)
        ) in ("import_module", "__import__"):
            if node.args and isinstance(node.args[0], ast.Constant):
                found.append((node.lineno, str(node.args[0].value)))
    return found


def test_planner_sources_exist():
    assert (PLANNER / "__init__.py").exists() or list(PLANNER.glob("*.py"))
    assert len(list(PLANNER.rglob("*.py"))) >= 3


def test_no_gui_imports_in_planner_sources():
    offences = []
    for path in sorted(PLANNER.rglob("*.py")):
        for line, module in imported_modules(path):
            if module.split(".")[0] in FORBIDDEN:
                offences.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not offences, "\n".join(offences)


BLOCKER = textwrap.dedent("""
    import importlib, importlib.abc, pkgutil, sys

    BLOCKED = {"PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "qtpy"}

    class Blocker(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"{name} is blocked: planner must run without a GUI")
            return None

    sys.meta_path.insert(0, Blocker())
    mode = sys.argv[1]
    if mode == "import-all":
        import planner
        names = [m.name for m in pkgutil.walk_packages(planner.__path__, "planner.")]
        for name in names:
            importlib.import_module(name)
        leaked = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
        print(len(names), leaked)
    else:
        sys.argv = ["force-planner", *sys.argv[2:]]
        from force_planner.launcher import main
        code = main()
        sys.exit(code or 0)
""")


def run_blocked(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", BLOCKER, *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_every_planner_module_imports_without_gui_libraries():
    proc = run_blocked("import-all")
    assert proc.returncode == 0, proc.stderr
    count, leaked = proc.stdout.split(" ", 1)
    assert int(count) >= 3
    assert leaked.strip() == "[]"


@pytest.fixture(scope="module")
def default_without_gui(tmp_path_factory) -> Path:
    proc = run_blocked("launcher", "default", "2025-02-original")
    assert proc.returncode == 0, proc.stderr[-3000:]
    path = tmp_path_factory.mktemp("nogui") / "default.json"
    path.write_text(proc.stdout)
    json.loads(proc.stdout)
    return path


def test_validate_without_gui_libraries(default_without_gui):
    proc = run_blocked("launcher", "validate", default_without_gui)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr


def test_solve_without_gui_libraries(default_without_gui):
    proc = run_blocked("launcher", "solve", default_without_gui, "--json")
    assert proc.returncode == 0, proc.stderr[-3000:]
    doc = json.loads(proc.stdout)
    assert doc["status"] == "optimal"
    assert 25000 <= doc["total_troops"] <= 30000


def test_the_layers_of_pyproject_hold():
    """import-linter's contracts: entry point above app above core, and the core's layers
    (cli, brief, analyses and workspace, solve, result, explain, optimise, rules, scenario)."""
    import subprocess
    import sys
    from pathlib import Path

    linter = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(linter)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:]
