"""Rules of a scenario file that need more than one field (spec sections 1 and 6).

They run on data whose shape :mod:`planner.scenario.format` has already
accepted (every field present has the right type and range, defaults filled
in), and yield every problem they find. None of them can be said in JSON
Schema, which is why they live here and not in the format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from planner.errors import quoted
from planner.scenario.format import NATION_CODE, REFERENCE_ID, UNIT_ID
from planner.scenario.model import IMPLICIT_AREA
from planner.scenario.shape import Problem

Data = dict[str, Any]


def _rule(path: str, message: str) -> Problem:
    return Problem(path, message, shape=False)


def _above_limit(path: str, value: int, limit: int) -> Iterator[Problem]:
    if value > limit:
        yield _rule(path, f"{value} is above the limit of {limit:,}")


def _repeats(values: list[str], path: str, key: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            yield _rule(f"{path}[{i}].{key}", f"{quoted(value)} appears more than once")
        seen.add(value)


def _requirement(req: Data, path: str) -> Iterator[Problem]:
    if req.get("max") is not None and req["min"] > req["max"]:
        yield _rule(f"{path}.min", f"{req['min']} is above max {req['max']}")


def _nations(data: Data) -> Iterator[Problem]:
    count = data["periods"]["count"]
    for i, nation in enumerate(data["nations"]):
        path = f"nations[{i}]"
        if nation["min_troops"] > nation["max_troops"]:
            yield _rule(
                f"{path}.min_troops",
                f"{nation['min_troops']} is above max_troops {nation['max_troops']}",
            )
        for uid, offer in nation["offers"].items():
            if isinstance(offer, dict) and "ready_from" in offer:
                yield from _above_limit(
                    f"{path}.offers.{uid}.ready_from", offer["ready_from"], count
                )
        for j, other in enumerate(nation["requires"]):
            if other == nation["code"]:
                yield _rule(f"{path}.requires[{j}]", f"{other} cannot require itself")


def _target(data: Data) -> Iterator[Problem]:
    target = data["target"]
    low, high = target["min_troops"], target["max_troops"]
    if low > high:
        yield _rule("target.min_troops", f"{low} is above target.max_troops {high}")
    steps = target.get("build_up", [])
    last = data["periods"]["full_from"] - 1
    for i, step in enumerate(steps):
        where = f"target.build_up[{i}]"
        if last < 1:
            yield _rule(
                f"{where}.period",
                "a build-up needs periods before full capability (periods.full_from > 1)",
            )
        else:
            yield from _above_limit(f"{where}.period", step["period"], last)
        yield from _above_limit(f"{where}.min_troops", step["min_troops"], high)
    yield from _repeats([str(s["period"]) for s in steps], "target.build_up", "period")


def _offer(nation: Data, uid: str) -> tuple[int, int]:
    """(count, first ready period) of `nation`'s offer of `uid`; (0, 1) when it offers none."""
    offer = nation["offers"].get(uid, 0)
    if isinstance(offer, dict):
        return offer["count"], offer.get("ready_from", 1)
    return offer, 1


def _locks(data: Data) -> Iterator[Problem]:
    nations: dict[str, Data] = {}
    for nation in data["nations"]:
        nations.setdefault(nation["code"], nation)  # a repeated code is its own problem
    deployed = {u["id"]: u["deployed"] for u in data["unit_types"]}
    count = data["periods"]["count"]
    for i, lock in enumerate(data["locks"]):
        path = f"locks[{i}]"
        code, uid = lock["nation"], lock["unit_type"]
        nation = nations[code]
        offered, ready = _offer(nation, uid)
        if lock["count"] > offered:
            yield _rule(
                f"{path}.count", f"{lock['count']} is above {code}'s offer of {offered} {uid}"
            )
        area = lock.get("area")
        if area is not None:
            if not deployed[uid]:
                yield _rule(
                    f"{path}.area", f"{uid} is a stand-off unit type, which stands in no area"
                )
            elif nation.get("areas") is not None and area not in nation["areas"]:
                yield _rule(f"{path}.area", f"{code}'s caveat does not allow its units in {area}")
        period = lock.get("period")
        if period is not None:
            if period > count:
                yield from _above_limit(f"{path}.period", period, count)
            elif lock["count"] > 0 and period < ready:
                yield _rule(
                    f"{path}.period",
                    f"{period} is before {code}'s {uid} is ready (from period {ready})",
                )
    keys = [
        f"{lk['nation']}.{lk['unit_type']}.{lk.get('area')}@{lk.get('period')}"
        for lk in data["locks"]
    ]
    yield from _repeats(keys, "locks", "unit_type")


def _requirements(data: Data) -> Iterator[Problem]:
    for uid, req in data["requirements"].items():
        yield from _requirement(req, f"requirements.{uid}")
    deployed = {u["id"]: u["deployed"] for u in data["unit_types"]}
    for area_id, needs in data["area_requirements"].items():
        for uid, req in needs.items():
            where = f"area_requirements.{area_id}.{uid}"
            if not deployed[uid]:
                yield _rule(where, "is a stand-off unit type; areas hold deployed units only")
            else:
                yield from _requirement(req, where)
    backstop = data.get("backstop")
    if backstop is not None:
        for uid, req in backstop["requirements"].items():
            yield from _requirement(req, f"backstop.requirements.{uid}")


def _ids(data: Data) -> Iterator[Problem]:
    yield from _repeats([u["id"] for u in data["unit_types"]], "unit_types", "id")
    yield from _repeats([n["code"] for n in data["nations"]], "nations", "code")
    if "areas" in data:
        yield from _repeats([a["id"] for a in data["areas"]], "areas", "id")
    periods = data["periods"]
    yield from _above_limit("periods.full_from", periods["full_from"], periods["count"])
    seen: set[str] = set()
    for entry in data["references"] + data["assumptions"]:
        if entry["id"] in seen:
            yield _rule("references", f"id {quoted(entry['id'])} is used twice")
        seen.add(entry["id"])


RULES = (_ids, _nations, _requirements, _locks, _target)
"""In the order a reader meets the fields: ids, nations, requirements, locks, the target."""


def problems(data: Data) -> Iterator[Problem]:
    """Every rule broken by `data` (a file whose shape is already right)."""
    for rule in RULES:
        yield from rule(data)


def defined_ids(data: Any) -> dict[str, set[str]]:
    """The ids a raw file defines, by kind, for references to be checked against.

    Read from the raw data before its shape is checked, so that a reference is
    judged against what the file meant to define even where a definition is broken.
    """

    def ids(key: str, name: str, pattern: re.Pattern[str]) -> set[str]:
        items = data.get(key) if isinstance(data, dict) else None
        if not isinstance(items, list):
            return set()
        found = (i.get(name) for i in items if isinstance(i, dict))
        return {v for v in found if isinstance(v, str) and pattern.fullmatch(v)}

    has_areas = isinstance(data, dict) and "areas" in data
    return {
        "unit": ids("unit_types", "id", UNIT_ID),
        "nation": ids("nations", "code", NATION_CODE),
        "area": ids("areas", "id", UNIT_ID) if has_areas else {IMPLICIT_AREA.id},
        "basis": ids("references", "id", REFERENCE_ID) | ids("assumptions", "id", REFERENCE_ID),
    }
