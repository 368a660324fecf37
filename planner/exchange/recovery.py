"""Autosave snapshots of unsaved work, and reading them back after a crash.

A snapshot is a small JSON file holding the scenario being edited, the plan
on screen, and where the work came from (a file or a workspace version), so
that after a crash the planner gets back exactly what was on screen. Which
snapshots are orphaned (their app died) is the GUI's business: it holds a
lock beside each live one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planner.errors import PlannerError
from planner.files import UnreadableFileError, read_bounded, write_atomically
from planner.scenario.io import MAX_FILE_BYTES, loads_scenario, scenario_to_dict
from planner.scenario.model import Scenario
from planner.scenario.plan import Cell, from_row, to_rows

SNAPSHOT_SCHEMA = "force-planner/autosave@1"
SNAPSHOT_SUFFIX = ".autosave.json"


@dataclass(frozen=True)
class Snapshot:
    """Unsaved work as it was at the last autosave."""

    file: Path
    saved_at: str
    scenario: Scenario
    allocation: dict[Cell, int]
    origin_file: str | None = None
    origin_version: str | None = None  # "NAME@N" of a workspace version

    @property
    def title(self) -> str:
        if self.origin_version:
            return self.origin_version
        if self.origin_file:
            return Path(self.origin_file).name
        return self.scenario.name


def write_snapshot(
    file: Path,
    scenario: Scenario,
    allocation: dict[Cell, int],
    origin_file: str | None = None,
    origin_version: str | None = None,
) -> None:
    """Replace the snapshot `file` atomically (OSError if the disk refuses)."""
    data: dict[str, Any] = {
        "schema": SNAPSHOT_SCHEMA,
        "saved_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "origin_file": origin_file,
        "origin_version": origin_version,
        "scenario": scenario_to_dict(scenario),
        "allocation": to_rows(scenario, allocation),
    }
    write_atomically(file, json.dumps(data, ensure_ascii=False))


def read_snapshot(file: Path) -> Snapshot:
    """A snapshot back, scenario re-validated (PlannerError if it is unusable)."""
    try:
        data = json.loads(read_bounded(file, MAX_FILE_BYTES).decode("utf-8"))
        if data.get("schema") != SNAPSHOT_SCHEMA:
            raise PlannerError(f"{file.name} is not a Force Planner autosave")
        scenario = loads_scenario(json.dumps(data["scenario"]))
        allocation = {}
        for entry in data["allocation"]:
            key, count = from_row(scenario, entry)
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(f"a count that is not a whole number ({count!r:.20})")
            allocation[key] = count
        return Snapshot(
            file,
            str(data["saved_at"]),
            scenario,
            allocation,
            data.get("origin_file"),
            data.get("origin_version"),
        )
    except UnreadableFileError as exc:
        raise PlannerError(f"the autosave {file.name} cannot be read ({exc})") from None
    except PlannerError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PlannerError(f"the autosave {file.name} cannot be read ({exc})") from None


def snapshot_files(directory: Path) -> list[Path]:
    """Every snapshot in the folder, oldest first."""
    if not directory.is_dir():
        return []
    files = directory.glob(f"*{SNAPSHOT_SUFFIX}")
    return sorted(files, key=lambda f: f.stat().st_mtime)
