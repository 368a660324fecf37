"""The one source of constraint names (spec sections 4 and 9).

The integer program, infeasibility reports, the GUI and the brief all use
these, so a name in a report always maps back to one rule a person stated.
With more than one period every per-period name ends in ``@<t>``; with one
period no name carries a period.
"""

from __future__ import annotations

TARGET_MIN = "target.min_troops"
TARGET_MAX = "target.max_troops"
MIN_NATIONS = "min_nations"


def at(name: str, period: int | None) -> str:
    """`name` for one period: ``share.FR@2``; unchanged when `period` is None."""
    return name if period is None else f"{name}@{period}"


def requirement_min(unit_id: str) -> str:
    return f"requirement.{unit_id}.min"


def requirement_max(unit_id: str) -> str:
    return f"requirement.{unit_id}.max"


def share(code: str) -> str:
    return f"share.{code}"


def lock(code: str, unit_id: str, area: str | None = None) -> str:
    return f"lock.{code}.{unit_id}" if area is None else f"lock.{code}.{unit_id}.{area}"


def nation(code: str) -> str:
    return f"nation.{code}"


def area_capacity(area_id: str) -> str:
    return f"area.{area_id}.capacity"


def area_requirement_min(area_id: str, unit_id: str) -> str:
    return f"area.{area_id}.{unit_id}.min"


def area_requirement_max(area_id: str, unit_id: str) -> str:
    return f"area.{area_id}.{unit_id}.max"


def split(name: str) -> tuple[tuple[str, ...], int | None]:
    """A name's parts and period: ``share.FR@2`` -> (('share', 'FR'), 2).

    A period that is not a plain positive number (from a damaged file) is
    kept in the last part rather than trusted.
    """
    base, sep, tail = name.rpartition("@")
    if sep and tail.isascii() and tail.isdigit() and len(tail) <= 4 and int(tail) > 0:
        return tuple(base.split(".")), int(tail)
    return tuple(name.split(".")), None


def parts(name: str) -> tuple[str, ...]:
    """A name's family and subjects, without its period: ('share', 'FR')."""
    return split(name)[0]


def period_of(name: str) -> int | None:
    return split(name)[1]
