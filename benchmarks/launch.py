"""Launch to window: the median time from process start until the main window is shown.

    .venv/bin/python benchmarks/launch.py [--runs N] [FILE]

Starts ``force-planner gui [FILE]`` N times (default 5) on the built-in
default scenario and reads the moment the window is up from the app itself
(``FORCE_PLANNER_EXIT_WHEN_SHOWN``: it prints the time once the window's
first expose and paint are handled, then exits). The clock starts just
before the process is spawned, so interpreter start, imports, loading the
scenario and building the window are all in it. Without a display it runs
offscreen (software painting); under ``xvfb-run`` it uses the X server.
Each run has its own empty settings, data and state folders: no last file
is reopened and the user's own are untouched.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOWN_ENV = "FORCE_PLANNER_EXIT_WHEN_SHOWN"  # ui/app.py


def launch_seconds(file: str | None) -> float:
    """One launch: seconds from spawning the process to the window shown."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, **{SHOWN_ENV: "1"})
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[name] = str(Path(home) / name.lower())
        if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        command = [sys.executable, "-m", "force_planner", "gui", *([file] if file else [])]
        start = time.time()
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
        )
    shown = [line for line in done.stdout.splitlines() if line.startswith("shown ")]
    if done.returncode != 0 or not shown:
        raise SystemExit(f"launch.py: the app did not report a window: {done.stderr.strip()}")
    return float(shown[-1].split()[1]) - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", help="a scenario file (default: the built-in)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = []
    for run in range(1, args.runs + 1):
        seconds = launch_seconds(args.file)
        times.append(seconds)
        print(f"run {run}: {seconds:.2f} s")
    platform = os.environ.get("QT_QPA_PLATFORM") or (
        "X11/Wayland"
        if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        else "offscreen"
    )
    print(
        f"launch to window, median of {len(times)} ({platform}): {statistics.median(times):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
