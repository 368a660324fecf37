"""The brief's font ships with the package: no system font needed; what it cannot draw is named."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers.cli_support import ROOT, run

PROBE = """
import json, planner.brief.text as text
text.SYSTEM_FONT_DIRS = ()  # a machine with no fonts of its own
f = text.fonts()
print(json.dumps({"source": f.source, "family": f.family, "embedded": f.embedded,
                  "draws": all(ord(c) in f.covered for c in "ŁódźЖΩ")}))
"""


def test_the_shipped_dejavu_is_used_without_any_system_font():
    env = {"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["embedded"] and found["family"] == "DejaVu Sans"
    assert found["source"].startswith(str(ROOT / "resources" / "fonts"))
    assert found["draws"]  # Polish, Cyrillic and Greek names print as letters


def test_text_the_font_cannot_draw_is_named_on_stderr(tmp_path):
    data = json.loads((ROOT / "resources" / "default_scenario.json").read_text())
    data["nations"][0]["name"] = "法国 France"
    scenario = tmp_path / "cjk.json"
    scenario.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = run("brief", scenario, "-o", tmp_path / "b.pdf", "--analyses", "none")
    assert done.returncode == 0, done.stderr
    assert "cannot draw 法 (U+6CD5" in done.stderr and 'nation FR "法国 France"' in done.stderr
