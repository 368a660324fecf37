"""Writing files so that a crash mid-write leaves the old file, never half a new one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, data: str | bytes) -> None:
    """Write beside the target, fsync, then rename over it (OSError if the disk refuses).

    Text is written as UTF-8 exactly as given (no newline translation). The
    file keeps the permissions of the one it replaces; a new file gets the
    ordinary 0644 rather than mkstemp's private 0600.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def output_path(text: str, what: str) -> Path:
    """A path we can write `what` to, or a PlannerError saying why not (before any work)."""
    from planner.errors import PlannerError

    output = Path(text)
    if output.is_dir() or not output.parent.is_dir():
        where = "is a folder" if output.is_dir() else "is in a folder that does not exist"
        raise PlannerError(f"cannot write {what} to {text}: it {where}")
    return output
