"""Add, duplicate and remove nations, unit types and requirements in a scenario's JSON data.

Plain functions over the data :func:`ui.editors.scenario_edit.changed` hands
a mutation, so every row command is validated by the core and undone like
any edit. New ids are made unique and valid here (a nation code is 2-3
capital letters, a unit type id a slug); removing something others refer
to takes what refers to it along and says so in one line (:class:`Removal`).
"""

from __future__ import annotations

import copy
import itertools
import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.scenario.format import NATION_CODE, UNIT_ID

Data = dict[str, Any]
UNIT_ID_LENGTH = 40
NEW_NATION_NAME, NEW_UNIT_NAME = "New nation", "New unit type"
NEW_NATION: Data = {"status": "possible", "max_troops": 0, "offers": {}}
NEW_UNIT: Data = {"personnel": 100, "category": "", "deployed": True}
NEW_REQUIREMENT = {"min": 1, "max": None}
DUPLICATE_DROPS = ("notes", "sources", "basis")
"""A copied nation's notes, sources and basis describe the other nation: the copy starts without."""


# -- ids ----------------------------------------------------------------------------------
def _codes(stem: str) -> Iterator[str]:
    letters = string.ascii_uppercase
    stem = re.sub("[^A-Z]", "", stem.upper())
    if len(stem) >= 2:
        yield stem[:3]
        yield from (stem[:2] + c for c in letters)
    yield from ("".join(p) for p in itertools.product(letters, repeat=2))
    yield from ("".join(p) for p in itertools.product(letters, repeat=3))


def unique_code(taken: set[str], stem: str = "NEW") -> str:
    """A nation code no nation has: the stem, the stem's first two letters and one more, ..."""
    return next(c for c in _codes(stem) if c not in taken and NATION_CODE.fullmatch(c))


def unique_unit_id(taken: set[str], stem: str = "new_unit") -> str:
    """A unit type id no unit type has: `stem`, then `stem_2`, `stem_3`, ... (at most 40 long)."""
    stem = re.sub("[^a-z0-9_]", "_", stem.lower())[:UNIT_ID_LENGTH] or "unit"
    if stem not in taken:
        return stem
    for number in itertools.count(2):
        suffix = f"_{number}"
        candidate = stem[: UNIT_ID_LENGTH - len(suffix)] + suffix
        if candidate not in taken and UNIT_ID.fullmatch(candidate):
            return candidate
    raise AssertionError("unreachable")


def unique_name(taken: set[str], name: str) -> str:
    """`name`, or `name 2`, `name 3`, ... so two rows never read the same."""
    if name not in taken:
        return name
    return next(f"{name} {n}" for n in itertools.count(2) if f"{name} {n}" not in taken)


def _copy_name(taken: set[str], name: str) -> str:
    return unique_name(taken, f"{name} (copy)")


# -- nations ------------------------------------------------------------------------------
def add_nation(data: Data, at: int) -> str:
    """A new nation (no offers, no troops) inserted at row `at`; its code."""
    nations = data["nations"]
    code = unique_code({n["code"] for n in nations})
    name = unique_name({n["name"] for n in nations}, NEW_NATION_NAME)
    nations.insert(at, {**copy.deepcopy(NEW_NATION), "code": code, "name": name})
    return code


def duplicate_nation(data: Data, row: int) -> str:
    """A copy of the nation at `row` (offers, limits, caveats) just below it; its code."""
    nations = data["nations"]
    twin = {k: v for k, v in copy.deepcopy(nations[row]).items() if k not in DUPLICATE_DROPS}
    twin["code"] = unique_code({n["code"] for n in nations}, nations[row]["code"])
    twin["name"] = _copy_name({n["name"] for n in nations}, nations[row]["name"])
    nations.insert(row + 1, twin)
    return str(twin["code"])


@dataclass
class Removal:
    """What went with the removed rows, for the one line the window shows."""

    names: list[str] = field(default_factory=list)
    along: list[str] = field(default_factory=list)

    def sentence(self) -> str:
        what = joined(self.names)
        return f"Removed {what}" + (f", with {joined(self.along)}" if self.along else "") + "."


def joined(items: Sequence[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _counted(count: int, one: str, many: str) -> list[str]:
    return [f"{count} {one if count == 1 else many}"] if count else []


def remove_nations(data: Data, rows: Sequence[int]) -> Removal:
    """Remove the nations at `rows` with their locks, from others' `requires` and the backstop."""
    nations = data["nations"]
    gone = {nations[r]["code"] for r in rows}
    removal = Removal(names=[nations[r]["name"] for r in sorted(rows)])
    data["nations"] = [n for n in nations if n["code"] not in gone]
    locks = data.get("locks", [])
    data["locks"] = [lk for lk in locks if lk["nation"] not in gone]
    removal.along += _counted(len(locks) - len(data["locks"]), "lock", "locks")
    for nation in data["nations"]:
        required = nation.get("requires", [])
        if any(code in gone for code in required):
            nation["requires"] = [code for code in required if code not in gone]
            removal.along.append(f"the condition of {nation['name']} that it takes part")
    backstop = data.get("backstop")
    if backstop and any(code in gone for code in backstop["nations"]):
        backstop["nations"] = [code for code in backstop["nations"] if code not in gone]
        if not backstop["nations"]:
            data.pop("backstop")
            removal.along.append("the backstop it made up")
        else:
            removal.along.append("its place in the backstop")
    return removal


# -- unit types ---------------------------------------------------------------------------
def add_unit_type(data: Data, at: int) -> str:
    """A new deployed unit type nobody offers yet, inserted at row `at`; its id."""
    units = data["unit_types"]
    uid = unique_unit_id({u["id"] for u in units})
    name = unique_name({u["name"] for u in units}, NEW_UNIT_NAME)
    units.insert(at, {**NEW_UNIT, "id": uid, "name": name})
    return uid


def duplicate_unit_type(data: Data, row: int) -> str:
    """A copy of the unit type at `row` (name, personnel, category, deployed) below it; its id.

    Nobody offers the copy yet and nothing requires it: offers and
    requirements are the planner's to give it.
    """
    units = data["unit_types"]
    twin = dict(units[row])
    twin["id"] = unique_unit_id({u["id"] for u in units}, units[row]["id"])
    twin["name"] = _copy_name({u["name"] for u in units}, units[row]["name"])
    units.insert(row + 1, twin)
    return str(twin["id"])


def remove_unit_types(data: Data, rows: Sequence[int]) -> Removal:
    """Remove the unit types at `rows` with every offer, requirement and lock of them."""
    units = data["unit_types"]
    gone = {units[r]["id"] for r in rows}
    removal = Removal(names=[units[r]["name"] for r in sorted(rows)])
    data["unit_types"] = [u for u in units if u["id"] not in gone]
    offers = 0
    for nation in data["nations"]:
        for uid in gone & set(nation["offers"]):
            offers += 1
            del nation["offers"][uid]
    removal.along += _counted(offers, "nation's offer", "nations' offers")
    requirements = [uid for uid in gone if uid in data.get("requirements", {})]
    for uid in requirements:
        del data["requirements"][uid]
    removal.along += _counted(len(requirements), "requirement", "requirements")
    area_needs = 0
    for area, needs in list(data.get("area_requirements", {}).items()):
        for uid in gone & set(needs):
            area_needs += 1
            del needs[uid]
        if not needs:
            del data["area_requirements"][area]
    removal.along += _counted(area_needs, "area requirement", "area requirements")
    backstop = data.get("backstop") or {}
    for uid in gone & set(backstop.get("requirements", {})):
        del backstop["requirements"][uid]
        removal.along.append("its need without the backstop")
    locks = data.get("locks", [])
    data["locks"] = [lk for lk in locks if lk["unit_type"] not in gone]
    removal.along += _counted(len(locks) - len(data["locks"]), "lock", "locks")
    return removal


# -- requirements (rows are unit types: one requirement each, or none) -------------------
def add_requirements(data: Data, rows: Sequence[int]) -> list[str]:
    """A requirement of at least one unit for each unit type at `rows` without one; their names."""
    units, needs = data["unit_types"], data.setdefault("requirements", {})
    added = [units[r] for r in rows if units[r]["id"] not in needs]
    for unit in added:
        needs[unit["id"]] = dict(NEW_REQUIREMENT)
    return [u["name"] for u in added]


def remove_requirements(data: Data, rows: Sequence[int]) -> list[str]:
    """No requirement any more for the unit types at `rows`; the names of those that had one."""
    units, needs = data["unit_types"], data.get("requirements", {})
    removed = [units[r] for r in rows if units[r]["id"] in needs]
    for unit in removed:
        del needs[unit["id"]]
    return [u["name"] for u in removed]
