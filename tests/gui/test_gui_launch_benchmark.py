"""The launch benchmark's one measurement: the app reports its window and exits 0."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_one_launch_is_timed_from_spawn_to_the_window_shown():
    spec = importlib.util.spec_from_file_location("launch", ROOT / "benchmarks" / "launch.py")
    assert spec is not None and spec.loader is not None
    launch = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(launch)
    seconds = launch.launch_seconds(None)  # raises SystemExit if no window was reported
    assert 0 < seconds < 600
