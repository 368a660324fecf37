"""The brief's document-control options: marking, originator, reference, version, date, contact.

Declared here without importing the brief, so that building the parser stays
light (the brief loads reportlab).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from planner.cli.arguments import document_date, marking, page_line

if TYPE_CHECKING:
    from planner.brief.control import DocumentControl

STANDARD_MARKINGS = "OFFICIAL, OFFICIAL-SENSITIVE, NATO UNCLASSIFIED, NATO RESTRICTED"
"""As in planner.brief.control.MARKINGS (a test ties the two)."""


TEXT_FIELDS = (
    ("--originator", "the originator", 'who wrote it, e.g. "J5 Plans"'),
    ("--reference", "the reference", "how to cite it"),
    (
        "--plan-version",
        "the version",
        "which version of the plan, e.g. the workspace version baseline@3",
    ),
    ("--contact", "the point of contact", "whom to ask"),
    (
        "--decision",
        "the decision requested",
        "the decision asked of the reader (default: agree the recommended option)",
    ),
)
"""One line of text each: the option, how a message names it, its help."""


def add_control_arguments(brief: argparse.ArgumentParser) -> None:
    group = brief.add_argument_group("document control (printed on the cover and in the footer)")
    group.add_argument(
        "--marking",
        type=marking,
        default=None,
        metavar="TEXT",
        help=f"on every page: {STANDARD_MARKINGS}, or your own text (default: OFFICIAL)",
    )
    for flag, what, help_text in TEXT_FIELDS:
        group.add_argument(flag, type=page_line(what), default=None, metavar="TEXT", help=help_text)
    group.add_argument(
        "--date",
        type=document_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the document's date (default: today)",
    )
    group.add_argument(
        "--decide-by",
        type=document_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="when the decision is needed (default: two weeks after the document's date)",
    )


def control_of(args: argparse.Namespace) -> DocumentControl:
    from planner.brief.control import DEFAULT_MARKING, DocumentControl

    return DocumentControl(
        marking=args.marking or DEFAULT_MARKING,
        originator=args.originator or "",
        reference=args.reference or "",
        version=args.plan_version or "",
        dated=args.date,
        contact=args.contact or "",
        decision=args.decision or "",
        decide_by=args.decide_by,
    )
