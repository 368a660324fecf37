"""Where a scenario's figures come from: dated references, assumptions, each figure's basis.

The project's extension of the scenario format (docs/decisions.md, "Sources
and assumptions"): top-level ``references`` (an outlet's dated report) and
``assumptions`` (what the planner assumed, and why no source), and a
``basis`` list of their ids on the target, the periods, each area,
requirement and area requirement, and per field on each nation. None of it
changes a solve; it is read, checked (every id named exists), kept through
saving, and printed by the brief. The solver's model never sees it: the
basis is lifted out of the raw data before validation and put back on save.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from planner.errors import ScenarioError

REFERENCE_ID = re.compile(r"[a-z0-9][a-z0-9_.-]{0,79}")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
MAX_TEXT = 4_000
MAX_ENTRIES = 2_000
NATION_BASIS_FIELDS = frozenset(
    {
        "status",
        "min_troops",
        "max_troops",
        "offers",
        "areas",
        "requires",
        "min_partners",
        "rotation",
        "cost_per_troop",
        "burden_weight",
    }
)


@dataclass(frozen=True)
class Reference:
    """A dated public report: the outlet that published it (not an aggregator's copy)."""

    id: str
    outlet: str
    title: str
    date: str
    url: str = ""
    """Shown to the reader, never fetched: the product works offline."""


@dataclass(frozen=True)
class Assumption:
    """A figure the planner assumed, and why no source gives it."""

    id: str
    text: str
    reason: str = ""


@dataclass(frozen=True)
class Provenance:
    references: tuple[Reference, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    basis: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Basis ids by what they back: ``target``, ``periods``, ``area.<id>``,
    ``requirement.<unit>``, ``area_requirement.<area>.<unit>``, ``nation.<CODE>.<field>``."""

    def basis_of(self, key: str) -> tuple[str, ...]:
        return self.basis.get(key, ())

    def reference(self, ref_id: str) -> Reference | None:
        return next((r for r in self.references if r.id == ref_id), None)

    def assumption(self, ref_id: str) -> Assumption | None:
        return next((a for a in self.assumptions if a.id == ref_id), None)

    def assumptions_behind(self, keys: list[str]) -> list[Assumption]:
        """The assumptions the figures named by `keys` rest on, each once, in file order."""
        wanted = {i for key in keys for i in self.basis_of(key)}
        return [a for a in self.assumptions if a.id in wanted]


def _text(value: Any, path: str, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise ScenarioError(path, "expected a non-empty text")
    if len(value) > MAX_TEXT:
        raise ScenarioError(path, f"text longer than {MAX_TEXT:,} characters")
    return value


def _entries(raw: Any, path: str, fields: set[str], required: set[str]) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise ScenarioError(path, "expected a list")
    if len(raw) > MAX_ENTRIES:
        raise ScenarioError(path, f"more than {MAX_ENTRIES:,} entries")
    out = []
    for i, item in enumerate(raw):
        where = f"{path}[{i}]"
        if not isinstance(item, dict):
            raise ScenarioError(where, "expected an object")
        for key in item:
            if key not in fields:
                raise ScenarioError(
                    f"{where}.{key}", f"unknown field (allowed: {', '.join(sorted(fields))})"
                )
        for key in sorted(required - item.keys()):
            raise ScenarioError(f"{where}.{key}", "missing")
        if not isinstance(item["id"], str) or not REFERENCE_ID.fullmatch(item["id"]):
            raise ScenarioError(f"{where}.id", "expected an id of a-z, 0-9, '.', '_', '-'")
        out.append(item)
    return out


def _references(raw: Any) -> tuple[Reference, ...]:
    items = _entries(
        raw, "references", {"id", "outlet", "title", "date", "url"}, {"id", "outlet", "date"}
    )
    refs = []
    for i, item in enumerate(items):
        where = f"references[{i}]"
        date = _text(item["date"], f"{where}.date")
        if not DATE.fullmatch(date):
            raise ScenarioError(f"{where}.date", f"{date!r} is not a date like 2026-01-06")
        refs.append(
            Reference(
                item["id"],
                _text(item["outlet"], f"{where}.outlet"),
                _text(item.get("title"), f"{where}.title", required=False),
                date,
                _text(item.get("url"), f"{where}.url", required=False),
            )
        )
    return tuple(refs)


def _assumptions(raw: Any) -> tuple[Assumption, ...]:
    items = _entries(raw, "assumptions", {"id", "text", "reason"}, {"id", "text"})
    return tuple(
        Assumption(
            item["id"],
            _text(item["text"], f"assumptions[{i}].text"),
            _text(item.get("reason"), f"assumptions[{i}].reason", required=False),
        )
        for i, item in enumerate(items)
    )


def _ids(raw: Any, path: str, known: set[str]) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise ScenarioError(path, "expected a non-empty list of reference or assumption ids")
    for i, ref_id in enumerate(raw):
        if not isinstance(ref_id, str) or ref_id not in known:
            shown = ref_id if isinstance(ref_id, str) else type(ref_id).__name__
            raise ScenarioError(
                f"{path}[{i}]", f"{str(shown)[:60]!r} is not a reference or assumption of this file"
            )
    return tuple(raw)


def split_provenance(data: Any) -> tuple[Any, Provenance | None]:
    """`data` without its provenance fields, and the provenance (None when it has none).

    Fields the model does not know are left for validation to refuse; only
    the provenance fields, where the format allows them, are lifted out.
    """
    if not isinstance(data, dict):
        return data, None
    places = list(_basis_places(data))
    if not places and "references" not in data and "assumptions" not in data:
        return data, None
    data = copy.copy(data)
    references = _references(data.pop("references", []))
    assumptions = _assumptions(data.pop("assumptions", []))
    known = {r.id for r in references} | {a.id for a in assumptions}
    if len(known) < len(references) + len(assumptions):
        seen: set[str] = set()
        for entry_id in [r.id for r in references] + [a.id for a in assumptions]:
            if entry_id in seen:
                raise ScenarioError("references", f"id {entry_id!r} is used twice")
            seen.add(entry_id)
    basis: dict[str, tuple[str, ...]] = {}
    for container, path, key in _basis_places(data):
        holder = _copy_holder(data, container)
        raw = holder.pop("basis")
        if key.startswith("nation."):
            if not isinstance(raw, dict):
                raise ScenarioError(f"{path}.basis", "expected an object of field: [ids]")
            for fld, ids in raw.items():
                if fld not in NATION_BASIS_FIELDS:
                    raise ScenarioError(
                        f"{path}.basis.{fld}",
                        f"not a nation field (allowed: {', '.join(sorted(NATION_BASIS_FIELDS))})",
                    )
                basis[f"{key}.{fld}"] = _ids(ids, f"{path}.basis.{fld}", known)
        else:
            basis[key] = _ids(raw, f"{path}.basis", known)
    return data, Provenance(references, assumptions, basis)


def _copy_holder(data: dict[str, Any], container: tuple[Any, ...]) -> dict[str, Any]:
    """Copy the objects along `container` (a key path into `data`) so the caller's stay intact."""
    node: Any = data
    for step in container[:-1]:
        child = copy.copy(node[step])
        node[step] = child
        node = child
    last = container[-1]
    holder = copy.copy(node[last])
    node[last] = holder
    return holder


def _basis_places(data: dict[str, Any]):
    """(key path, file path, basis key) of every object that carries a `basis` field."""

    def has(value: Any) -> bool:
        return isinstance(value, dict) and "basis" in value

    for name in ("target", "periods"):
        if has(data.get(name)):
            yield (name,), name, name
    areas = data.get("areas")
    if isinstance(areas, list):
        for i, area in enumerate(areas):
            if has(area):
                yield ("areas", i), f"areas[{i}]", f"area.{area.get('id')}"
    requirements = data.get("requirements")
    if isinstance(requirements, dict):
        for uid, req in requirements.items():
            if has(req):
                yield ("requirements", uid), f"requirements.{uid}", f"requirement.{uid}"
    area_requirements = data.get("area_requirements")
    if isinstance(area_requirements, dict):
        for area_id, needs in area_requirements.items():
            if isinstance(needs, dict):
                for uid, req in needs.items():
                    if has(req):
                        yield (
                            ("area_requirements", area_id, uid),
                            f"area_requirements.{area_id}.{uid}",
                            f"area_requirement.{area_id}.{uid}",
                        )
    nations = data.get("nations")
    if isinstance(nations, list):
        for i, nation in enumerate(nations):
            if has(nation):
                yield ("nations", i), f"nations[{i}]", f"nation.{nation.get('code')}"


def join_provenance(out: dict[str, Any], provenance: Provenance | None) -> dict[str, Any]:
    """Put `provenance` back into a scenario document `out` (in place); returns `out`."""
    if provenance is None:
        return out
    if provenance.references:
        out["references"] = [
            {k: v for k, v in vars(r).items() if v or k in ("id", "outlet", "date")}
            for r in provenance.references
        ]
    if provenance.assumptions:
        out["assumptions"] = [
            {k: v for k, v in vars(a).items() if v or k in ("id", "text")}
            for a in provenance.assumptions
        ]
    nation_basis: dict[str, dict[str, list[str]]] = {}
    for key, ids in provenance.basis.items():
        kind, _, rest = key.partition(".")
        if kind in ("target", "periods") and kind in out:
            out[kind]["basis"] = list(ids)
        elif kind == "area":
            for area in out.get("areas", []):
                if area["id"] == rest:
                    area["basis"] = list(ids)
        elif kind == "requirement" and rest in out.get("requirements", {}):
            out["requirements"][rest]["basis"] = list(ids)
        elif kind == "area_requirement":
            area_id, _, uid = rest.partition(".")
            need = out.get("area_requirements", {}).get(area_id, {}).get(uid)
            if need is not None:
                need["basis"] = list(ids)
        elif kind == "nation":
            code, _, fld = rest.partition(".")
            nation_basis.setdefault(code, {})[fld] = list(ids)
    for nation in out.get("nations", []):
        if nation["code"] in nation_basis:
            nation["basis"] = nation_basis[nation["code"]]
    return out
