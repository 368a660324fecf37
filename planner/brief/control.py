"""Document control of a brief: marking, originator, reference, version, date, point of contact.

What a staff officer looks for before reading a page: who wrote it, how to
cite it, which version of the plan it reflects, how old it is, whom to ask,
and how it must be handled. The marking is one of the standard UK or NATO
markings, or the planner's own text (a national caveat, "REL TO ...").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE", "NATO UNCLASSIFIED", "NATO RESTRICTED")
"""UK Government Security Classifications and NATO markings a planning brief may carry."""
DEFAULT_MARKING = "OFFICIAL"
"""The UK baseline for routine government business; a planner sets another with --marking."""
NOT_GIVEN = "not given"
DECISION_DAYS = 14
"""Default time to decide: two weeks after the document's date (a planner sets --decide-by)."""
DEFAULT_DECISION = "Agree option A as the planning basis, on the conditions in the recommendation."
DEFAULT_NO_PLAN = (
    "Note that no force can be composed as offered, and direct that what is short be sought."
)
DEFAULT_NOT_KNOWN = (
    "Note that no plan was found within the time limit, and direct that the brief be made "
    "again with more time before a decision is taken."
)
"""The default decision when the time limit ended the search before any plan was found."""


def standard_marking(text: str) -> str:
    """`text` as one line; a standard marking in any case or spacing gets its own spelling."""
    line = " ".join(text.split())
    for marking in MARKINGS:
        if line.replace("-", " ").casefold() == marking.replace("-", " ").casefold():
            return marking
    return line or DEFAULT_MARKING


@dataclass(frozen=True)
class DocumentControl:
    """The fields a planner fills in; each blank one is printed as "not given"."""

    marking: str = DEFAULT_MARKING
    originator: str = ""
    """Who wrote it: a branch or post, e.g. "J5 Plans, PJHQ"."""
    reference: str = ""
    """How to cite it, e.g. "MNFU/J5/2026/014"."""
    version: str = ""
    """Which version of the plan: the workspace version when the scenario was saved."""
    dated: date | None = None
    """The document's date; None: the day it is generated."""
    contact: str = ""
    """Whom to ask: a name, post or telephone line."""
    decision: str = ""
    """The decision requested of the reader; blank: :data:`DEFAULT_DECISION`."""
    decide_by: date | None = None
    """When the decision is needed; None: :data:`DECISION_DAYS` after the document's date."""

    def tidy(self) -> DocumentControl:
        """Each field as one line; the marking in its standard spelling."""
        return replace(
            self,
            marking=standard_marking(self.marking),
            originator=" ".join(self.originator.split()),
            reference=" ".join(self.reference.split()),
            version=" ".join(self.version.split()),
            contact=" ".join(self.contact.split()),
            decision=" ".join(self.decision.split()),
        )

    def day(self, generated: datetime) -> str:
        return _day(self.dated or generated.date())

    def requested(self, has_plan: bool = True, known: bool = True) -> str:
        """The decision asked for; `known` False: the time limit left it open whether a
        plan exists at all (no plan found, none proven impossible)."""
        if self.decision:
            return self.decision
        if has_plan:
            return DEFAULT_DECISION
        return DEFAULT_NO_PLAN if known else DEFAULT_NOT_KNOWN

    def by_when(self, generated: datetime) -> str:
        """The date the decision is needed, as '16 December 2026'."""
        dated = self.dated or generated.date()
        return _day(self.decide_by or dated + timedelta(days=DECISION_DAYS))

    def rows(self, generated: datetime) -> list[tuple[str, str]]:
        """The control table of the cover, in the order a registry reads it."""
        return [
            ("Reference", self.reference or NOT_GIVEN),
            ("Version", self.version or NOT_GIVEN),
            ("Date", self.day(generated)),
            ("Originator", self.originator or NOT_GIVEN),
            ("Point of contact", self.contact or NOT_GIVEN),
            ("Marking", self.marking),
        ]

    def footer(self, scenario_name: str, generated: datetime) -> str:
        """The left footer of every page: reference and version first, then what and when."""
        version = f"version {self.version}" if self.version else ""
        cite = ", ".join(p for p in (self.reference, version) if p)
        what = f"{scenario_name} — decision brief, {self.day(generated)}"
        return f"{cite} — {what}" if cite else what

    def texts(self) -> list[tuple[str, str]]:
        """Its printed texts with where they come from (for the font check)."""
        found = [
            ("the marking", self.marking),
            ("the originator", self.originator),
            ("the reference", self.reference),
            ("the version", self.version),
            ("the point of contact", self.contact),
            ("the decision requested", self.decision),
        ]
        return [(where, text) for where, text in found if text]


def _day(day: date) -> str:
    return day.strftime("%d %B %Y").lstrip("0")
