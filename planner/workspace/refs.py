"""`NAME@VERSION` references as the command line writes them."""

from __future__ import annotations

from dataclasses import dataclass

from planner.errors import PlannerError


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
    if at and tail.isdigit() and name:
        number = int(tail)
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
