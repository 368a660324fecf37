"""The brief is a tagged PDF (issue 19, item 5), read back with pypdf.

Checked: the catalog says it is marked and has a structure tree; every
marked-content id on every page resolves through the ParentTree to the
element that holds it, and back (the contents list's links too); every text
run is inside marked content, and the banners, footer and page numbers are
artifacts; every chart is a
Figure with its title and caption as /Alt; the headings follow the bookmarks
and never skip a level; tables have rows and cells, a table continued on the
next page stays one element and its repeated header is an artifact there;
and the pages draw exactly what the untagged brief draws.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import re
import shutil
import subprocess
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject, DictionaryObject, IndirectObject

import planner.brief
from planner.analyses.odds import analyse_odds
from planner.brief import DEFAULT_MARKING, BriefAnalyses, render_brief
from planner.brief.document import BriefDocument, make_canvas
from planner.brief.prose import bullets, para
from planner.scenario.io import default_scenario, loads_scenario
from planner.solve import solve
from tests.helpers.generators import generate

WHEN = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
MARKED = re.compile(rb"^/(\w+) <</MCID (\d+)>> BDC$", re.M)
CHARTS_OF_ANNEX_A = 3  # troops against the band, troops by nation, shares


def _reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


@pytest.fixture(scope="module")
def quick() -> bytes:
    scenario = default_scenario()
    return render_brief(scenario, solve(scenario), generated=WHEN)[0]


@pytest.fixture(scope="module")
def with_odds() -> bytes:
    scenario = default_scenario()
    odds = analyse_odds(scenario, draws=40, seed=3, workers=1)
    analyses = BriefAnalyses({"odds": odds})
    return render_brief(scenario, solve(scenario), generated=WHEN, analyses=analyses)[0]


@pytest.fixture(scope="module")
def eighty() -> bytes:
    scenario = loads_scenario(json.dumps(generate(80, 40, 0)))
    return render_brief(scenario, solve(scenario, time_limit=30), generated=WHEN)[0]


def _obj(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _kids(element: DictionaryObject) -> list[Any]:
    kids = element.get("/K", [])
    return [_obj(k) for k in (kids if isinstance(kids, list) else [kids])]


def _elements(reader: PdfReader) -> list[DictionaryObject]:
    """Every structure element, in reading order (depth first)."""
    out: list[DictionaryObject] = []

    def walk(element: DictionaryObject) -> None:
        out.append(element)
        for kid in _kids(element):
            if isinstance(kid, DictionaryObject) and "/S" in kid:
                walk(kid)

    walk(_obj(reader.trailer["/Root"]["/StructTreeRoot"]["/K"]))
    return out


def _page_numbers(reader: PdfReader) -> dict[int, int]:
    """Page object number -> page index."""
    return {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}


def _marks(element: DictionaryObject, pages: dict[int, int]) -> list[tuple[int, int]]:
    """(page index, MCID) of the marked content `element` holds directly."""
    own = element.get("/Pg")
    out = []
    for kid in _kids(element):
        if isinstance(kid, int):
            out.append((pages[own.idnum], kid))
        elif isinstance(kid, DictionaryObject) and kid.get("/Type") == "/MCR":
            out.append((pages[kid.raw_get("/Pg").idnum], int(kid["/MCID"])))
    return out


def _runs(reader: PdfReader, index: int) -> list[tuple[tuple[str, ...], str]]:
    """Each text run on page `index` with the marked-content tags it is inside."""
    stack: list[str] = []
    runs: list[tuple[tuple[str, ...], str]] = []

    def before(op: bytes, args: list[Any], cm: Any, tm: Any) -> None:
        if op in (b"BDC", b"BMC"):
            stack.append(str(args[0]))
        elif op == b"EMC":
            stack.pop()

    def text(t: str, *_: Any) -> None:
        if t.strip():
            runs.append((tuple(stack), " ".join(t.split())))

    reader.pages[index].extract_text(visitor_operand_before=before, visitor_text=text)
    assert not stack, "unbalanced marked content"
    return runs


def _headings(reader: PdfReader) -> list[tuple[int, str]]:
    return [
        (int(e["/S"][2:]), str(e["/T"]))
        for e in _elements(reader)
        if re.fullmatch(r"/H[1-6]", e["/S"])
    ]


def _outline(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(" ".join(item.title.split()))

    walk(reader.outline)
    return titles


def test_the_brief_is_marked_with_a_structure_tree_under_one_document(quick):
    reader = _reader(quick)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    tree = root["/StructTreeRoot"]
    assert tree["/Type"] == "/StructTreeRoot"
    assert _obj(tree["/K"])["/S"] == "/Document"
    links = sum(len(page.get("/Annots", [])) for page in reader.pages)
    assert links  # the contents list's entries link to their pages
    assert tree["/ParentTreeNextKey"] == len(reader.pages) + links
    for index, page in enumerate(reader.pages):
        assert page["/StructParents"] == index
        assert page["/Tabs"] == "/S"
    counts = Counter(str(e["/S"]) for e in _elements(reader))
    for role in ("/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD", "/Figure"):
        assert counts[role], role
    assert counts["/TOC"] == 1 and counts["/TOCI"] >= 5
    assert counts["/Document"] == 1


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="needs pdfinfo (poppler)")
def test_pdfinfo_reads_it_as_tagged(quick, tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(quick)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M), info.stdout


@pytest.mark.parametrize("case", ["quick", "eighty", "with_odds"])
def test_every_marked_content_id_resolves_through_the_parent_tree(case, request):
    reader = _reader(request.getfixturevalue(case))
    pages = _page_numbers(reader)
    held: dict[tuple[int, int], Any] = {}
    for element in _elements(reader):
        for mark in _marks(element, pages):
            assert mark not in held, mark  # each sequence belongs to one element
            held[mark] = element.indirect_reference.idnum
        for kid in _kids(element):  # a kid's /P is its parent
            if isinstance(kid, DictionaryObject) and "/S" in kid:
                assert kid.raw_get("/P").idnum == element.indirect_reference.idnum
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    tree = {int(nums[i]): _obj(nums[i + 1]) for i in range(0, len(nums), 2)}
    drawn = 0
    for index, page in enumerate(reader.pages):
        ids = [int(m[1]) for m in MARKED.findall(page.get_contents().get_data())]
        assert ids == list(range(len(ids))), index  # 0, 1, 2, ... in drawing order
        owners = tree[page["/StructParents"]]
        assert len(owners) == len(ids)
        for mcid, owner in zip(ids, owners, strict=True):
            assert held[index, mcid] == owner.idnum, (index, mcid)
        drawn += len(ids)
        for annotation in page.get("/Annots", []):  # the contents list's links
            link = tree[_obj(annotation)["/StructParent"]]
            assert link["/S"] == "/Link" and _obj(link["/P"])["/S"] == "/TOCI"
            objects = [k for k in _kids(link) if isinstance(k, dict) and k.get("/Type") == "/OBJR"]
            assert annotation.idnum in [k.raw_get("/Obj").idnum for k in objects]
            assert str(_obj(annotation)["/Contents"]).strip()  # said by a screen reader
    assert drawn == len(held)  # no element points at content that is not drawn


@pytest.mark.parametrize("case", ["quick", "eighty"])
def test_all_text_is_tagged_and_the_page_furniture_is_artifacts(case, request):
    reader = _reader(request.getfixturevalue(case))
    total = len(reader.pages)
    for index in range(total):
        runs = _runs(reader, index)
        assert runs
        for tags, text in runs:
            assert tags, (index, text)  # nothing drawn outside marked content
            if text == f"Page {index + 1} of {total}":
                assert tags == ("/Artifact",), (index, text)
        artifacts = [text for tags, text in runs if "/Artifact" in tags]
        assert artifacts.count(DEFAULT_MARKING) == 2  # top and bottom banner
        assert f"Page {index + 1} of {total}" in artifacts
        assert any("decision brief" in text for text in artifacts)  # the footer line
    first = _runs(reader, 0)
    assert first[0][0] == ("/H1",) and first[0][1].startswith("Decision note:")


def test_every_chart_is_a_figure_with_its_title_and_caption_as_alt(quick, with_odds):
    for data, charts in ((quick, CHARTS_OF_ANNEX_A), (with_odds, CHARTS_OF_ANNEX_A + 1)):
        reader = _reader(data)
        elements = _elements(reader)
        figures = [(i, e) for i, e in enumerate(elements) if e["/S"] == "/Figure"]
        assert len(figures) == charts
        for at, figure in figures:
            alt = str(figure["/Alt"])
            title = next(  # the heading just before the chart is its title
                str(e["/T"]) for e in reversed(elements[:at]) if str(e["/S"]).startswith("/H")
            )
            assert alt.startswith(f"{title}. Read: "), alt
            assert len(alt) > len(title) + 20
    odds = [e for e in _elements(_reader(with_odds)) if e["/S"] == "/Figure"][-1]
    assert "40 draws" in str(odds["/Alt"])


@pytest.mark.parametrize("case", ["quick", "with_odds"])
def test_headings_follow_the_bookmarks_and_never_skip_a_level(case, request):
    reader = _reader(request.getfixturevalue(case))
    headings = _headings(reader)
    assert headings[0][0] == 1 and headings[0][1].startswith("Decision note:")
    for (before, _), (level, text) in zip(headings, headings[1:], strict=False):
        assert level <= before + 1, text
    bookmarks = _outline(reader)
    titles = [text for _, text in headings]
    assert [t for t in titles if t in set(bookmarks)] == bookmarks  # same order, all there
    parts = [text for level, text in headings if level == 1]
    assert parts[0].startswith("Decision note:")
    assert [p.split(":")[0] for p in parts[1:]] == [
        "Annex A",
        *(["Annex B"] if case == "with_odds" else []),
        "Annex C",
    ]


def test_a_table_continued_on_the_next_page_is_one_table_with_rows_and_cells(eighty):
    reader = _reader(eighty)
    pages = _page_numbers(reader)
    tables = [e for e in _elements(reader) if e["/S"] == "/Table"]
    assert tables
    for table in tables:
        rows = _kids(table)
        assert rows and all(r["/S"] == "/TR" for r in rows)
        for row in rows:
            assert _kids(row) and all(c["/S"] in ("/TH", "/TD") for c in _kids(row))
    spanning = []
    for table in tables:
        marks = {
            page for row in _kids(table) for cell in _kids(row) for page, _ in _marks(cell, pages)
        }
        if len(marks) > 1:
            spanning.append(table)
    assert spanning  # the contributions table of 80 nations runs over pages
    for table in spanning:
        heads = [c for c in _kids(_kids(table)[0]) if c["/S"] == "/TH"]
        assert heads and all(c["/A"]["/Scope"] == "/Column" for c in heads)
        assert sum(c["/S"] == "/TH" for r in _kids(table) for c in _kids(r)) == len(heads)
    repeated = [  # the header row drawn again on the next page: an artifact there
        text
        for index in range(len(reader.pages))
        for tags, text in _runs(reader, index)
        if tags == ("/Artifact",) and text == "Nation"
    ]
    assert repeated


def test_the_pages_draw_what_the_untagged_brief_draws(monkeypatch):
    scenario = dataclasses.replace(default_scenario())
    result = solve(scenario)
    tagged = _reader(render_brief(scenario, result, generated=WHEN)[0])
    monkeypatch.setattr(planner.brief, "make_canvas", functools.partial(make_canvas, tagged=False))
    plain = _reader(render_brief(scenario, result, generated=WHEN)[0])
    assert "/StructTreeRoot" not in plain.trailer["/Root"]
    assert len(tagged.pages) == len(plain.pages)
    marking = re.compile(rb"^(/\w+ <<[^\n]*>> BDC|EMC)\n", re.M)
    for ours, theirs in zip(tagged.pages, plain.pages, strict=True):
        stripped = marking.sub(b"", ours.get_contents().get_data())
        assert stripped == theirs.get_contents().get_data()


def test_each_contents_entry_reads_its_text_then_its_page(quick):
    reader = _reader(quick)
    entries = [e for e in _elements(reader) if e["/S"] == "/TOCI"]
    assert len(entries) >= 5
    pages = []
    for entry in entries:
        (link,) = _kids(entry)
        assert link["/S"] == "/Link"
        kids = _kids(link)
        assert isinstance(kids[0], int)  # the entry's text first
        span = next(k for k in kids if isinstance(k, DictionaryObject) and k.get("/S") == "/Span")
        assert kids.index(span) == 1  # then its page: the dot leader read as "page N"
        number = re.fullmatch(r"page (\d+)", str(span["/ActualText"]))
        assert number, span["/ActualText"]
        pages.append(int(number[1]))
    assert pages[0] == 1 and pages == sorted(pages)


def test_a_paragraph_or_bullet_split_over_pages_stays_one_element():
    buffer = io.BytesIO()
    doc = BriefDocument(buffer, title="Split")
    words = " ".join(f"word{i}" for i in range(3000))
    story = [
        para("Annex A: a long part", "h1"),
        para(words),
        *bullets(["a short bullet", words, "another short bullet"]),
    ]
    doc.multiBuild(story, canvasmaker=make_canvas(DEFAULT_MARKING, "footer"))
    reader = _reader(buffer.getvalue())
    assert len(reader.pages) >= 4
    pages = _page_numbers(reader)
    elements = _elements(reader)
    assert [e["/S"] for e in elements] == ["/Document", "/H1", "/P", "/L"] + ["/LI", "/LBody"] * 3
    spread = [sorted({page for page, _ in _marks(e, pages)}) for e in elements]
    assert len(spread[2]) >= 2  # the long paragraph, on consecutive pages
    assert spread[2] == list(range(spread[2][0], spread[2][-1] + 1))
    assert len(spread[7]) >= 2  # the long bullet's body
