"""`NAME@VERSION` references as the command line writes them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.errors import PlannerError
from planner.workspace.values import MAX_INTEGER

VERSION_TAIL = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit() also takes '²'


@dataclass(frozen=True)
class VersionRef:
    """A scenario name and an optional version number (None: the latest)."""

    name: str
    number: int | None = None

    def __str__(self) -> str:
        return self.name if self.number is None else f"{self.name}@{self.number}"


def parse_ref(text: str, *, need_version: bool = False) -> VersionRef:
    """Split `NAME@3`; a name may itself hold '@' as long as the tail is not a number."""
    name, at, tail = text.rpartition("@")
    if at and VERSION_TAIL.fullmatch(tail) and name:
        digits = tail.lstrip("0") or "0"
        number = int(digits) if len(digits) <= len(str(MAX_INTEGER)) else MAX_INTEGER + 1
        if number > MAX_INTEGER:  # no workspace holds a larger number
            shown = text if len(text) <= 60 else text[:57] + "..."
            raise PlannerError(f"{shown!r}: no workspace has a version number that large")
        if number < 1:
            raise PlannerError(f"{text!r}: versions are numbered from 1")
        return VersionRef(name, number)
    if at and not name:
        raise PlannerError(f"{text!r}: give a scenario name before '@'")
    if at and not tail:
        raise PlannerError(f"{text!r}: give a version number after '@'")
    if need_version:
        raise PlannerError(f"{text!r}: give a version as NAME@NUMBER, e.g. {text}@1")
    return VersionRef(text)
