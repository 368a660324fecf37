"""The desktop menu entry and icon: well formed, and installed by the set-up, idempotently."""

from __future__ import annotations

import configparser
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_file_names_the_app_its_command_and_its_icon():
    desktop = entry(ROOT / "resources" / "force-planner.desktop")
    assert desktop["Type"] == "Application" and desktop["Name"] == "Force Planner"
    assert desktop["Exec"].startswith("force-planner gui")
    assert desktop["Icon"] == "force-planner" and desktop["Terminal"] == "false"
    assert desktop["Categories"].endswith(";")
    svg = (ROOT / "resources" / "icons" / "force-planner.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "http" not in svg.split("<svg")[0]
    png = (ROOT / "resources" / "icons" / "force-planner.png").read_bytes()
    assert png.startswith(b"\x89PNG")


def install(data: Path) -> str:
    env = dict(os.environ, XDG_DATA_HOME=str(data))
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "install-desktop.sh")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_setup_installs_the_entry_and_icon_once(tmp_path):
    first = install(tmp_path)
    installed = tmp_path / "applications" / "force-planner.desktop"
    assert "installed" in first and installed.is_file()
    exe = entry(installed)["Exec"]
    assert str(ROOT / ".venv" / "bin" / "force-planner") in exe and exe.endswith("gui %f")
    icons = tmp_path / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "force-planner.svg").is_file()
    assert (icons / "256x256" / "apps" / "force-planner.png").is_file()
    before = installed.stat().st_mtime_ns
    assert install(tmp_path) == ""  # nothing to do the second time
    assert installed.stat().st_mtime_ns == before


def test_the_setup_runs_the_desktop_install():
    assert "scripts/install-desktop.sh" in (ROOT / "scripts" / "setup.sh").read_text()
