"""Run the `force-planner` command line as a user would: a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(
    *args: str, timeout: float = 180, limits: Callable[[], None] | None = None
) -> subprocess.CompletedProcess:
    """`force-planner ARGS` from the repo root, offscreen, output captured as text.

    `limits` runs in the child before it starts (e.g. resource limits).
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "force_planner", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        env=env,
        preexec_fn=limits,
    )
