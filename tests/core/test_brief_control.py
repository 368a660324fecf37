"""Document control on the brief: every field on the cover, reference and version on every page."""

from __future__ import annotations

import re

from pypdf import PdfReader

from planner.brief.control import DEFAULT_MARKING, MARKINGS, NOT_GIVEN, standard_marking
from planner.cli.brief_control import STANDARD_MARKINGS
from tests.helpers.cli_support import ROOT, run

SCENARIO = ROOT / "resources" / "default_scenario.json"
FIELDS = {
    "--originator": "J5 Plans, PJHQ",
    "--reference": "MNFU/J5/2026/014",
    "--plan-version": "baseline@3",
    "--date": "2026-12-02",
    "--contact": "Maj A. Smith, J5 Plans",
}


def _pages(path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _brief(tmp_path, *options: str) -> list[str]:
    out = tmp_path / "brief.pdf"
    done = run("brief", SCENARIO, "-o", out, "--analyses", "none", *options)
    assert done.returncode == 0, done.stderr
    return _pages(out)


def test_every_field_is_on_the_cover_and_the_citation_on_every_page(tmp_path):
    options = [x for pair in FIELDS.items() for x in pair]
    pages = _brief(tmp_path, "--marking", "nato restricted", *options)
    cover = pages[0]
    for label, value in [
        ("Reference", "MNFU/J5/2026/014"),
        ("Version", "baseline@3"),
        ("Date", "2 December 2026"),
        ("Originator", "J5 Plans, PJHQ"),
        ("Point of contact", "Maj A. Smith, J5 Plans"),
        ("Marking", "NATO RESTRICTED"),  # the standard spelling of what was typed
    ]:
        assert f"{label} {value}" in cover, label
    for number, page in enumerate(pages, start=1):
        assert page.count("NATO RESTRICTED") >= 2, number  # top and bottom of the page
        assert "MNFU/J5/2026/014, version baseline@3 — " in page, number
        assert f"Page {number} of {len(pages)}" in page


def test_blank_fields_say_so_and_the_default_marking_is_a_real_one(tmp_path):
    pages = _brief(tmp_path)
    assert DEFAULT_MARKING == "OFFICIAL" and DEFAULT_MARKING in MARKINGS
    for label in ("Reference", "Version", "Originator", "Point of contact"):
        assert f"{label} {NOT_GIVEN}" in pages[0]
    assert all(page.count("OFFICIAL") >= 2 for page in pages)
    assert not any("UNCLASSIFIED - FOR PLANNING" in page for page in pages)


def test_a_marking_of_ones_own_is_printed_as_written(tmp_path):
    pages = _brief(tmp_path, "--marking", "SECRET – REL TO UKR")
    assert all(page.count("SECRET – REL TO UKR") >= 2 for page in pages)


def test_a_bad_date_is_refused_before_any_work(tmp_path):
    out = tmp_path / "brief.pdf"
    done = run("brief", SCENARIO, "-o", out, "--date", "02/12/2026")
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "--date" in done.stderr
    assert not out.exists()


def test_the_help_lists_the_standard_markings():
    assert STANDARD_MARKINGS == ", ".join(MARKINGS)
    assert [standard_marking(m.lower().replace("-", " ")) for m in MARKINGS] == list(MARKINGS)
    shown = " ".join(run("brief", "--help").stdout.split())
    assert re.search(re.escape(STANDARD_MARKINGS), shown)
