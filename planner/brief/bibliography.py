"""Sources once: every source the brief cites, numbered in order of first citation.

A reader meets "[3]" beside a figure and finds the report once, under
Sources, instead of the same citation printed under every nation. Planning
assumptions are numbered apart ("A2"): they are not sources, and the reader
must see which conclusions would fall with each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.scenario.model import Scenario
from planner.scenario.provenance import Assumption, Provenance, Reference
from planner.scenario.words import area_name, nation_name, unit_name

FIELD_WORDS = {
    "status": "status",
    "min_troops": "floor",
    "max_troops": "ceiling",
    "offers": "offers",
    "areas": "caveat on areas",
    "requires": "conditions",
    "min_partners": "conditions",
    "rotation": "rotation",
    "cost_per_troop": "cost index",
    "burden_weight": "burden weight",
}


@dataclass(frozen=True)
class Source:
    number: int
    text: str
    url: str = ""


@dataclass
class Bibliography:
    """Sources by number, and planning assumptions by their own numbers, each once."""

    sources: list[Source] = field(default_factory=list)
    _numbers: dict[str, int] = field(default_factory=dict)
    assumptions: list[Assumption] = field(default_factory=list)
    _assumption_numbers: dict[str, int] = field(default_factory=dict)

    def cite(self, text: str, url: str = "", key: str = "") -> int:
        """The number of a source, given one on its first citation."""
        key = key or "text:" + " ".join(text.split())
        if key not in self._numbers:
            self._numbers[key] = len(self.sources) + 1
            self.sources.append(Source(len(self.sources) + 1, text, url))
        return self._numbers[key]

    def cite_reference(self, reference: Reference) -> int:
        return self.cite(reference_text(reference), reference.url, key=f"ref:{reference.id}")

    def assume(self, assumption: Assumption) -> int:
        if assumption.id not in self._assumption_numbers:
            self.assumptions.append(assumption)
            self._assumption_numbers[assumption.id] = len(self.assumptions)
        return self._assumption_numbers[assumption.id]

    def basis(self, provenance: Provenance, key: str) -> list[str]:
        """'[2]' and 'A1' marks for the figure `key`, citing each on first use."""
        marks = []
        for ref_id in provenance.basis_of(key):
            reference = provenance.reference(ref_id)
            if reference is not None:
                marks.append(f"[{self.cite_reference(reference)}]")
            else:
                assumption = provenance.assumption(ref_id)
                if assumption is not None:
                    marks.append(f"A{self.assume(assumption)}")
        return list(dict.fromkeys(marks))


def reference_text(reference: Reference) -> str:
    """'Le Monde, 2026-01-09: title' (the URL is shown apart, never fetched)."""
    title = f": {reference.title}" if reference.title else ""
    return f"{reference.outlet}, {reference.date}{title}"


def numbers(marks: list[int]) -> str:
    """'[1, 4, 7]' for source numbers."""
    return "[" + ", ".join(str(n) for n in sorted(set(marks))) + "]"


def possessive(name: str) -> str:
    """ "France's", "the Netherlands'" (a name ending in s takes the apostrophe alone)."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def figures_words(scenario: Scenario, keys: list[str]) -> list[str]:
    """Basis keys in a planner's words, one nation field said once for all its nations:
    'every nation's status', 'the ceiling of Germany, Italy and Spain'."""
    places: dict[tuple[str, str], list[str]] = {}  # ("words" | "field", text): its nations
    for key in keys:
        kind, _, rest = key.partition(".")
        if kind == "nation":
            code, _, fld = rest.partition(".")
            places.setdefault(("field", fld), []).append(nation_name(scenario, code))
        else:
            places.setdefault(("words", figure_words(scenario, key)), [])
    words = []
    for (sort, text), nations in places.items():
        if sort == "words":
            words.append(text)
            continue
        names = list(dict.fromkeys(nations))
        what = FIELD_WORDS.get(text, text)
        if len(names) == len(scenario.nations) and len(names) > 2:
            words.append(f"every nation's {what}")
        elif len(names) == 1:
            words.append(f"{possessive(names[0])} {what}")
        else:
            words.append(f"the {what} of {', '.join(names[:-1])} and {names[-1]}")
    return words


def figure_words(scenario: Scenario, key: str) -> str:
    """A basis key other than a nation's in a planner's words: 'the requirement for AEW
    orbits' (nation fields are said together, by :func:`figures_words`)."""
    kind, _, rest = key.partition(".")
    if kind == "target":
        return "the target band"
    if kind == "periods":
        return "the horizon and rotation"
    if kind == "requirement":
        return f"the requirement for {unit_name(scenario, rest)}"
    if kind == "area_requirement":
        area, _, uid = rest.partition(".")
        return f"the requirement for {unit_name(scenario, uid)} in {area_name(scenario, area)}"
    if kind == "area":
        return area_name(scenario, rest)
    return key
