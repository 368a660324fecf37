"""The one source of constraint names (spec section 4).

The integer program, infeasibility reports, the GUI and the brief all use
these, so a name in a report always maps back to one rule a person stated.
"""

TARGET_MIN = "target.min_troops"
TARGET_MAX = "target.max_troops"
MIN_NATIONS = "min_nations"


def requirement_min(unit_id: str) -> str:
    return f"requirement.{unit_id}.min"


def requirement_max(unit_id: str) -> str:
    return f"requirement.{unit_id}.max"


def share(code: str) -> str:
    return f"share.{code}"


def lock(code: str, unit_id: str) -> str:
    return f"lock.{code}.{unit_id}"


def nation(code: str) -> str:
    return f"nation.{code}"


def parts(name: str) -> tuple[str, ...]:
    """Split a constraint name into its family and subjects: ('share', 'FR')."""
    return tuple(name.split("."))
