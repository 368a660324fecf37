"""A writer killed with SIGKILL mid-save loses at most that save; the file stays consistent.

The writer (tests/helpers/workspace_writer.py) saves versions in a loop and prints
each committed number, while a reader of ours stays connected. We kill it
at a random moment, many times over the same file, and after each kill
check SQLite's integrity check, that versions run 1..n without a gap, that
n is the last number printed or one more (saved but killed before it could
print), and that the latest version loads. `FORCE_PLANNER_KILLS` raises
the number of kills (default 25).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from planner.workspace import VersionRef, Workspace

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("FORCE_PLANNER_KILLS", "25"))


def _kill_during_saves(db: Path, rng: random.Random) -> int | None:
    """Start the writer, let it save for a random while, SIGKILL it; the last number it printed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.workspace_writer", str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # it is saving now
    assert first.strip().isdigit(), proc.stderr.read() if proc.stderr else ""
    time.sleep(rng.uniform(0.0, 0.15))
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    printed = [int(line) for line in (first + out).split() if line.isdigit()]
    assert proc.returncode == -signal.SIGKILL
    return printed[-1] if printed else None


def test_killing_a_writer_mid_save_loses_at_most_that_save(tmp_path):
    db = tmp_path / "w.sqlite"
    rng = random.Random(20261125)
    _kill_during_saves(db, rng)
    # A reader that stays open in this process the whole time, as a GUI's might:
    # our own opening of the file must never disturb its locks (see connection.py).
    reader = sqlite3.connect(db)
    for kill in range(KILLS):
        last_printed = _kill_during_saves(db, rng)
        assert reader.execute("SELECT count(*) FROM versions").fetchone()[0] >= 1
        with closing(sqlite3.connect(db)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            numbers = [n for (n,) in conn.execute("SELECT number FROM versions ORDER BY number")]
        assert numbers == list(range(1, len(numbers) + 1)), f"gap after kill {kill}"
        assert last_printed is not None
        assert numbers[-1] in (last_printed, last_printed + 1), (kill, numbers[-1], last_printed)
        latest = Workspace(db).version(VersionRef("killed"))
        assert latest.info.number == numbers[-1]
        assert latest.allocation is not None and latest.scenario.nation("FR").max_troops > 10_000
    reader.close()
