"""What changed between two scenarios, in a planner's words.

``diff_scenarios(before, after)`` lists one :class:`Change` per thing a
planner would name: "FR ceiling 8,000 -> 10,000", "DE status possible ->
likely", "lock FR mech_inf_bn 6 removed". The workspace uses it for a
version's change summary and ``workspace diff``; the GUI's compare view
lists the same sentences. Every difference that shows in the saved file
(``scenario_to_dict``) yields at least one change, so "no changes" means
the two files say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from planner.scenario.model import Area, Lock, Nation, Requirement, Scenario, UnitType

NO_CHANGES = "no changes"


@dataclass(frozen=True)
class Change:
    """One difference: what part (`section`), whose (`subject`), which `field`, from/to.

    `before` and `after` hold the raw values (None where absent: an added or
    removed item, a missing offer); `text` is the sentence a planner reads.
    """

    section: str  # "scenario", "unit_type", "nation", "requirement" or "lock"
    subject: str  # "" for the scenario, else a unit type id, nation code or "FR mech_inf_bn"
    field: str  # "ceiling", "offers.mech_inf_bn", "added", "removed", "order", ...
    before: Any
    after: Any
    text: str

    @property
    def kind(self) -> str:
        """ "added", "removed" or "changed"."""
        return self.field if self.field in ("added", "removed") else "changed"

    def __str__(self) -> str:
        return self.text


def diff_scenarios(before: Scenario, after: Scenario) -> list[Change]:
    """Every change from `before` to `after`, in a stable order.

    Scenario-level fields first (name, description, target, rules,
    objective), then unit types, nations (in `after`'s order, removed ones
    last), requirements and locks.
    """
    changes = list(_scenario_changes(before, after))
    changes += _period_changes(before, after)
    changes += _area_changes(before, after)
    changes += _unit_type_changes(before, after)
    changes += _nation_changes(before, after)
    changes += _requirement_changes(before, after)
    changes += _area_requirement_changes(before, after)
    changes += _lock_changes(before, after)
    changes += _backstop_changes(before, after)
    return changes


def summarise(changes: Sequence[Change]) -> str:
    """The changes as one line joined with "; ", or "no changes"."""
    return "; ".join(c.text for c in changes) or NO_CHANGES


# -- number and value formatting ----------------------------------------------------


def number(value: float) -> str:
    """8,000 for whole numbers, 1.05 or 3,170.5 otherwise (never loses digits)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def percent(value: float) -> str:
    """40% for 0.4, 37.5% for 0.375."""
    return number(round(value * 100, 6)) + "%"


def band(low: int, high: int | None) -> str:
    """25,000-30,000, or "at least 12" when there is no upper limit."""
    return f"at least {number(low)}" if high is None else f"{number(low)}-{number(high)}"


def _quoted(text: str) -> str:
    return f'"{text}"'


def _offer(value: int | None) -> str:
    return "none" if value is None else number(value)


def _deployment(deployed: bool) -> str:
    return "deployed" if deployed else "stand-off"


def _free_text(who: str, what: str, old: str, new: str) -> str:
    """Long text is named, not dumped: "FR notes changed"."""
    verb = "added" if not old else "removed" if not new else "changed"
    return f"{who} {what} {verb}".strip()


def _arrow(label: str, old: str, new: str, unit: str = "") -> str:
    tail = f" {unit}" if unit else ""
    return f"{label} {old} -> {new}{tail}".strip()


# -- scenario level -----------------------------------------------------------------


def _scenario_changes(a: Scenario, b: Scenario) -> Iterator[Change]:
    if a.name != b.name:
        yield Change(
            "scenario", "", "name", a.name, b.name, _arrow("name", _quoted(a.name), _quoted(b.name))
        )
    if a.description != b.description:
        text = _free_text("", "description", a.description, b.description)
        yield Change("scenario", "", "description", a.description, b.description, text)
    old_band = (a.target.min_troops, a.target.max_troops)
    new_band = (b.target.min_troops, b.target.max_troops)
    if old_band != new_band:
        text = _arrow("target", band(*old_band), band(*new_band), "troops")
        yield Change("scenario", "", "target", old_band, new_band, text)
    if a.rules.max_share != b.rules.max_share:
        old, new = a.rules.max_share, b.rules.max_share
        yield Change(
            "scenario", "", "max_share", old, new, _arrow("max share", percent(old), percent(new))
        )
    if a.rules.min_nations != b.rules.min_nations:
        old_n, new_n = a.rules.min_nations, b.rules.min_nations
        text = _arrow("min nations", number(old_n), number(new_n))
        yield Change("scenario", "", "min_nations", old_n, new_n, text)
    if a.objective != b.objective:
        text = _arrow("objective", a.objective, b.objective)
        yield Change("scenario", "", "objective", a.objective, b.objective, text)
    if a.target.build_up != b.target.build_up:
        old_b, new_b = _build_up(a), _build_up(b)
        yield Change(
            "scenario",
            "",
            "build_up",
            a.target.build_up,
            b.target.build_up,
            _arrow("build-up", old_b, new_b),
        )


def _build_up(scenario: Scenario) -> str:
    steps = scenario.target.build_up
    if not steps:
        return "none"
    return ", ".join(f"{number(s.min_troops)} in period {s.period}" for s in steps)


# -- periods and areas (scenario@2) ------------------------------------------------------

PERIOD_FIELDS: tuple[tuple[str, str], ...] = (
    ("count", "periods"),
    ("label", "period label"),
    ("first", "first period"),
    ("rotation", "rotation"),
    ("full_from", "full capability from period"),
)


def _period_changes(a: Scenario, b: Scenario) -> Iterator[Change]:
    for attr, words in PERIOD_FIELDS:
        old, new = getattr(a.periods, attr), getattr(b.periods, attr)
        if old != new:
            shown = [_quoted(v) if isinstance(v, str) else number(v) for v in (old, new)]
            yield Change("periods", "", attr, old, new, _arrow(words, *shown))


def _area_changes(a: Scenario, b: Scenario) -> Iterator[Change]:
    old = {x.id: x for x in a.areas} if a.has_areas else {}
    new = {x.id: x for x in b.areas} if b.has_areas else {}
    return _keyed_changes("area", "area", old, new, _area_added, _area_changed)


def _area_added(area: Area) -> str:
    parts = [area.name, "counts toward the target" if area.in_target else "outside the target"]
    if area.capacity_troops is not None:
        parts.append(f"capacity {number(area.capacity_troops)}")
    return " (" + ", ".join(parts) + ")"


def _capacity(value: int | None) -> str:
    return "no limit" if value is None else number(value)


def _area_changed(a: Area, b: Area) -> Iterator[Change]:
    aid = b.id
    if a.name != b.name:
        text = _arrow(f"{aid} name", _quoted(a.name), _quoted(b.name))
        yield Change("area", aid, "name", a.name, b.name, text)
    if a.in_target != b.in_target:
        words = {True: "in the target", False: "outside the target"}
        text = _arrow(aid, words[a.in_target], words[b.in_target])
        yield Change("area", aid, "in_target", a.in_target, b.in_target, text)
    if a.capacity_troops != b.capacity_troops:
        text = _arrow(f"{aid} capacity", _capacity(a.capacity_troops), _capacity(b.capacity_troops))
        yield Change("area", aid, "capacity_troops", a.capacity_troops, b.capacity_troops, text)
    if a.position != b.position:
        yield Change("area", aid, "position", a.position, b.position, f"{aid} position changed")


def _area_requirement_changes(a: Scenario, b: Scenario) -> Iterator[Change]:
    keys = list(b.area_requirements) + [
        k for k in a.area_requirements if k not in b.area_requirements
    ]
    for area_id in keys:
        old, new = a.area_requirements.get(area_id, {}), b.area_requirements.get(area_id, {})
        for uid in list(new) + [u for u in old if u not in new]:
            x, y = old.get(uid), new.get(uid)
            if x == y:
                continue
            change = _requirement_change(uid, x, y)
            subject = f"{area_id} {uid}"
            text = f"area {area_id} " + change.text
            yield Change("area_requirement", subject, change.field, x, y, text)


# -- keyed lists: unit types, nations ---------------------------------------------


def _keyed_changes(
    section: str,
    label: str,
    old: dict[str, Any],
    new: dict[str, Any],
    added: Callable[[Any], str],
    changed: Callable[[Any, Any], Iterator[Change]],
) -> Iterator[Change]:
    """Added and changed items in `new`'s order, then removed ones, then a reorder."""
    for key, item in new.items():
        if key not in old:
            yield Change(section, key, "added", None, item, f"{label} {key} added{added(item)}")
        else:
            yield from changed(old[key], item)
    for key, item in old.items():
        if key not in new:
            yield Change(section, key, "removed", item, None, f"{label} {key} removed")
    kept_old = [k for k in old if k in new]
    kept_new = [k for k in new if k in old]
    if kept_old != kept_new:
        yield Change(section, "", "order", kept_old, kept_new, f"{label} order changed")


def _unit_type_changes(a: Scenario, b: Scenario) -> Iterator[Change]:
    old = {u.id: u for u in a.unit_types}
    new = {u.id: u for u in b.unit_types}
    return _keyed_changes("unit_type", "unit type", old, new, _unit_added, _unit_changed)


def _unit_added(unit: UnitType) -> str:
    parts = [unit.name, f"{number(unit.personnel)} personnel"]
    parts += [unit.category] if unit.category else []
    return " (" + ", ".join([*parts, _deployment(unit.deployed)]) + ")"


def _unit_changed(a: UnitType, b: UnitType) -> Iterator[Change]:
    uid = b.id

    def change(fld: str, old: Any, new: Any, text: str) -> Change:
        return Change("unit_type", uid, fld, old, new, text)

    if a.name != b.name:
        yield change(
            "name", a.name, b.name, _arrow(f"{uid} name", _quoted(a.name), _quoted(b.name))
        )
    if a.personnel != b.personnel:
        text = _arrow(f"{uid} personnel", number(a.personnel), number(b.personnel))
        yield change("personnel", a.personnel, b.personnel, text)
    if a.category != b.category:
        text = _arrow(f"{uid} category", a.category or "(none)", b.category or "(none)")
        yield change("category", a.category, b.category, text)
    if a.deployed != b.deployed:
        text = _arrow(uid, _deployment(a.deployed), _deployment(b.deployed))
        yield change("deployed", a.deployed, b.deployed, text)


def _nation_changes(a: Scenario, b: Scenario) -> Iterator[Change]:
    old = {n.code: n for n in a.nations}
    new = {n.code: n for n in b.nations}
    gone = {u.id for u in a.unit_types} - {u.id for u in b.unit_types}

    def changed(x: Nation, y: Nation) -> Iterator[Change]:
        return _nation_changed(x, y, [u.id for u in b.unit_types], gone)

    return _keyed_changes("nation", "nation", old, new, _nation_added, changed)


def _nation_added(nation: Nation) -> str:
    parts = [nation.status]
    if nation.min_troops:
        parts.append(f"floor {number(nation.min_troops)}")
    parts.append(f"ceiling {number(nation.max_troops)}")
    return " (" + ", ".join(parts) + ")"


NATION_NUMBERS: tuple[tuple[str, str], ...] = (
    ("min_troops", "floor"),
    ("max_troops", "ceiling"),
    ("cost_per_troop", "cost per troop"),
    ("burden_weight", "burden weight"),
)


def _nation_changed(
    a: Nation, b: Nation, unit_order: list[str], gone: set[str]
) -> Iterator[Change]:
    """Name, status, floor, ceiling, cost, weight, offers, notes, sources of one nation.

    Offers of unit types removed from the scenario are not listed: the
    unit type's removal already says it.
    """
    code = b.code

    def change(fld: str, old: Any, new: Any, text: str) -> Change:
        return Change("nation", code, fld, old, new, text)

    if a.name != b.name:
        yield change(
            "name", a.name, b.name, _arrow(f"{code} name", _quoted(a.name), _quoted(b.name))
        )
    if a.status != b.status:
        yield change("status", a.status, b.status, _arrow(f"{code} status", a.status, b.status))
    for attr, words in NATION_NUMBERS:
        old, new = getattr(a, attr), getattr(b, attr)
        if old != new:
            yield change(attr, old, new, _arrow(f"{code} {words}", number(old), number(new)))
    yield from _offer_changes(a, b, unit_order, gone)
    yield from _condition_changes(a, b)
    if a.notes != b.notes:
        yield change("notes", a.notes, b.notes, _free_text(code, "notes", a.notes, b.notes))
    if a.sources != b.sources:
        yield change("sources", a.sources, b.sources, _sources_text(code, a.sources, b.sources))


def _offer_changes(a: Nation, b: Nation, unit_order: list[str], gone: set[str]) -> Iterator[Change]:
    keys = [u for u in unit_order if u in a.offers or u in b.offers]
    keys += [u for u in {**a.offers, **b.offers} if u not in keys and u not in gone]
    for uid in keys:
        old, new = a.offers.get(uid), b.offers.get(uid)
        if old != new:
            text = _arrow(f"{b.code} offers {uid}", _offer(old), _offer(new))
            yield Change("nation", b.code, f"offers.{uid}", old, new, text)
        ready_old, ready_new = a.ready_from.get(uid), b.ready_from.get(uid)
        if ready_old != ready_new and uid in b.offers:
            text = _arrow(
                f"{b.code} {uid} ready from period",
                number(ready_old or 1),
                number(ready_new or 1),
            )
            yield Change("nation", b.code, f"ready_from.{uid}", ready_old, ready_new, text)


def _listed(values: tuple[str, ...] | None, empty: str) -> str:
    return empty if not values else ", ".join(values)


def _condition_changes(a: Nation, b: Nation) -> Iterator[Change]:
    """A nation's caveat, conditions and rotation (scenario@2): "DE areas: all -> pl_se"."""
    code = b.code
    if a.areas != b.areas:
        text = _arrow(f"{code} areas:", _listed(a.areas, "all"), _listed(b.areas, "all"))
        yield Change("nation", code, "areas", a.areas, b.areas, text)
    if a.requires != b.requires:
        text = _arrow(f"{code} requires:", _listed(a.requires, "none"), _listed(b.requires, "none"))
        yield Change("nation", code, "requires", a.requires, b.requires, text)
    if a.min_partners != b.min_partners:
        text = _arrow(f"{code} min partners", number(a.min_partners), number(b.min_partners))
        yield Change("nation", code, "min_partners", a.min_partners, b.min_partners, text)
    if a.rotation != b.rotation:
        old, new = ("default" if r is None else f"1 in {r}" for r in (a.rotation, b.rotation))
        yield Change(
            "nation", code, "rotation", a.rotation, b.rotation, _arrow(f"{code} rotation", old, new)
        )


def _sources_text(code: str, old: tuple[str, ...], new: tuple[str, ...]) -> str:
    added = sum(1 for s in new if s not in old)
    removed = sum(1 for s in old if s not in new)
    parts = [f"{added} added"] * bool(added) + [f"{removed} removed"] * bool(removed)
    return f"{code} sources: " + ", ".join(parts) if parts else f"{code} sources reordered"


# -- requirements and locks -----------------------------------------------------------


def _requirement_changes(a: Scenario, b: Scenario) -> Iterator[Change]:
    old, new = a.requirements, b.requirements
    keys = [uid for uid in new] + [uid for uid in old if uid not in new]
    for uid in keys:
        x, y = old.get(uid), new.get(uid)
        if x == y:
            continue
        yield _requirement_change(uid, x, y)


def _requirement_change(uid: str, x: Requirement | None, y: Requirement | None) -> Change:
    label = f"requirement {uid}"
    if x is None:
        assert y is not None
        return Change("requirement", uid, "added", None, y, f"{label} added ({_req(y)} units)")
    if y is None:
        return Change("requirement", uid, "removed", x, None, f"{label} removed")
    return Change("requirement", uid, "units", x, y, _arrow(label, _req(x), _req(y), "units"))


def _req(req: Requirement) -> str:
    return band(req.min, req.max)


def _lock_key(lk: Lock) -> tuple[str, ...]:
    key: tuple[str, ...] = (lk.nation, lk.unit_type)
    if lk.area is not None:
        key += (lk.area,)
    if lk.period is not None:
        key += (f"period {lk.period}",)
    return key


def _lock_changes(a: Scenario, b: Scenario) -> Iterator[Change]:
    old = {_lock_key(lk): lk for lk in a.locks}
    new = {_lock_key(lk): lk for lk in b.locks}
    for key, lk in new.items():
        subject = " ".join(key)
        if key not in old:
            yield Change("lock", subject, "added", None, lk, f"lock {subject} {lk.count} added")
        elif old[key].count != lk.count:
            text = _arrow(f"lock {subject}", number(old[key].count), number(lk.count))
            yield Change("lock", subject, "count", old[key], lk, text)
    for key, lk in old.items():
        if key not in new:
            subject = " ".join(key)
            yield Change("lock", subject, "removed", lk, None, f"lock {subject} {lk.count} removed")
    kept_old = [k for k in old if k in new]
    kept_new = [k for k in new if k in old]
    if kept_old != kept_new:
        yield Change("lock", "", "order", kept_old, kept_new, "lock order changed")


def _backstop_changes(a: Scenario, b: Scenario) -> Iterator[Change]:
    """The backstop (support that may be withdrawn): added, removed, or what changed."""
    x, y = a.backstop, b.backstop
    if x == y:
        return
    if x is None or y is None:
        verb = "added" if x is None else "removed"
        nations = ", ".join((y or x).nations)  # type: ignore[union-attr]
        yield Change("backstop", "", verb, x, y, f"backstop {verb} ({nations})")
        return
    if x.nations != y.nations:
        text = _arrow("backstop nations", ", ".join(x.nations), ", ".join(y.nations))
        yield Change("backstop", "", "nations", x.nations, y.nations, text)
    keys = list(y.requirements) + [uid for uid in x.requirements if uid not in y.requirements]
    for uid in keys:
        old, new = x.requirements.get(uid), y.requirements.get(uid)
        if old != new:
            change = _requirement_change(uid, old, new)
            text = "backstop " + change.text
            yield Change("backstop", uid, change.field, old, new, text)
    if x.notes != y.notes:
        yield Change(
            "backstop",
            "",
            "notes",
            x.notes,
            y.notes,
            _free_text("backstop", "notes", x.notes, y.notes),
        )
