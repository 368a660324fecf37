"""A tagged PDF (issue 19, item 5): the brief's structure for screen readers and reflow.

reportlab draws but does not tag, so the brief tags as it draws. Every
flowable the page frame places is wrapped in marked content
(``/P <</MCID n>> BDC ... EMC``) and becomes a structure element under one
Document element, in the order it is drawn, which is the document order:
headings H1-H6 (levels from the section nesting, as the bookmarks have them,
never skipping one), P, lists (L > LI > LBody) for bullets, Figure with /Alt
(the chart's title and caption) for every chart, Table > TR > TH/TD for
tables (through reportlab's table render callback) and TOC > TOCI > Link for
the contents list (each entry's link annotation is in the tree too). A
paragraph or table that continues on the next page stays one element; a
table's repeated header row there is an artifact, as are table backgrounds
and rules and the banners, footers and page numbers.

When the document is saved, :meth:`Tagger.write` adds the structure tree
with reportlab's own PDF objects: StructTreeRoot, the elements, a
ParentTree mapping every page's marked-content ids to their elements,
/StructParents on every page and /MarkInfo <</Marked true>> in the catalog.
No second PDF library is needed (docs/decisions.md, "Tagged brief").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFString,
)
from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.flowables import NullDraw
from reportlab.platypus.tableofcontents import TableOfContents

ARTIFACT_PAGE = "/Artifact <</Type /Pagination>> BDC"
ARTIFACT_LAYOUT = "/Artifact <</Type /Layout>> BDC"
HEADING_BELOW = "h3"
"""The paragraph style of titles one level below the section they are in."""
FIGURE_FALLBACK = "Chart"
"""/Alt of a drawing placed without :func:`planner.brief.charts.figure` (none is, today)."""


@dataclass(eq=False)
class Mark:
    """One marked-content sequence: page number (1-based) and its id on that page."""

    page: int
    mcid: int


@dataclass(eq=False)
class Annotated:
    """A link annotation that belongs to an element (an OBJR kid): its page and reportlab name."""

    page: int
    name: str


@dataclass(eq=False)
class Node:
    """A structure element: its standard type, parent, kids in reading order, /Alt, /T."""

    role: str
    parent: Node | None = None
    kids: list[Node | Mark | Annotated] = field(default_factory=list)
    alt: str = ""
    title: str = ""  # /T: a heading's text, so its place in the outline can be read back
    actual: str = ""  # /ActualText: what is read instead of what is drawn
    scope: str = ""  # TH: "Column" or "Row"

    def __post_init__(self) -> None:
        if self.parent is not None:
            self.parent.kids.append(self)

    def walk(self) -> list[Node]:
        out = [self]
        for kid in self.kids:
            if isinstance(kid, Node):
                out += kid.walk()
        return out


class TableTags:
    """A table's render callback (reportlab calls it around backgrounds, rows, cells, rules):
    hands each event to the tagger of the canvas the table is drawn on.

    `kind`: "Table", "TOC" (rows become TOCI) or "Div" (a layout box: its cells' flowables
    are tagged as if on the page). The first `header_rows` rows (default: the rows a split
    repeats) are column headers (TH), and cells of the columns in `header_cols` row headers.
    The object outlives a layout pass and is shared by the parts a split makes, so a table
    continued on the next page is recognised as one.
    """

    def __init__(
        self,
        kind: str = "Table",
        header_rows: int | None = None,
        header_cols: tuple[int, ...] = (),
    ) -> None:
        self.kind, self.header_rows, self.header_cols = kind, header_rows, header_cols

    def __call__(self, table: Table, event: str, *args: Any) -> None:
        tagger = tagger_of(table.canv)
        if tagger is not None:
            getattr(tagger, f"table_{event}")(self, table, *args)


def tagger_of(canvas: Any) -> Tagger | None:
    return getattr(canvas, "_tagger", None)


def self_tagging(flowable: Flowable) -> bool:
    """Tables and the contents list tag their rows and cells themselves (a default
    :class:`TableTags` is given to a table that has none, before any split copies it)."""
    if isinstance(flowable, Table):
        if not isinstance(getattr(flowable, "_renderCB", None), TableTags):
            flowable._renderCB = TableTags()
        return True
    return isinstance(flowable, TableOfContents)


def set_alt(drawing: Drawing, text: str) -> Drawing:
    """`drawing` as a Figure whose /Alt is `text` (a chart's title and caption)."""
    drawing._tag_alt = " ".join(text.split())  # underscore: shapes refuse unknown attributes
    return drawing


class Tagger:
    """Builds the structure tree while the canvas draws; one per canvas (layout pass)."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self.owners: dict[int, list[Node]] = {}  # page -> element of each MCID
        self.containers: list[Node] = [self.root]
        from planner.brief.contents import Outline  # contents' list is tagged from here

        self.levels = Outline()  # heading levels as the bookmarks nest them
        self.last_heading = 0
        self.section = 0  # level of the last section heading (h1, h2 styles)
        self.open_list: Node | None = None
        self.continued: Node | None = None  # a paragraph split here goes on in this element
        self.last: Node | None = None  # the last element placed at the top
        self.tables: dict[TableTags, Node] = {}
        self.repeats = 0
        self.row: Node | None = None
        self.row_no = 0
        self.col_no = 0
        self.cell: Any = None
        self.start = 0
        self.bg_start = 0
        self.links_before = 0
        self.page_number: tuple[int, int, str] | None = None  # a contents entry's number
        self.links: list[tuple[Annotated, Node]] = []  # each gets a ParentTree key after pages

    # ---- marked content ------------------------------------------------------------

    def mark(self, canvas: Any, node: Node, start: int, end: int | None = None) -> bool:
        """Wrap what was drawn from `start` (to `end`, default: now) as marked content of
        `node`; False if nothing was."""
        code = canvas._code
        end = len(code) if end is None else end
        if end <= start:
            return False
        page = canvas.getPageNumber()
        owners = self.owners.setdefault(page, [])
        mcid = len(owners)
        owners.append(node)
        code.insert(end, "EMC")
        code.insert(start, f"/{node.role} <</MCID {mcid}>> BDC")
        node.kids.append(Mark(page, mcid))
        return True

    @staticmethod
    def artifact(
        canvas: Any, start: int, opening: str = ARTIFACT_LAYOUT, end: int | None = None
    ) -> None:
        code = canvas._code
        end = len(code) if end is None else end
        if end > start:
            code.insert(end, "EMC")
            code.insert(start, opening)

    def furniture(self, canvas: Any, draw: Callable[[], None]) -> None:
        """Banners, footer and page number: pagination artifacts, outside the tree."""
        start = len(canvas._code)
        draw()
        self.artifact(canvas, start, ARTIFACT_PAGE)

    # ---- flowables -----------------------------------------------------------------

    def placed(self, flowable: Flowable, canvas: Any, start: int) -> None:
        """`flowable` was drawn since `start` (code index): tag it in the open container."""
        if isinstance(flowable, NullDraw) or len(canvas._code) <= start:
            return
        parent = self.containers[-1]
        node = self.continued
        self.continued = None
        if node is None:
            node = self._element(flowable, parent)
        if not self.mark(canvas, node, start):
            return
        if isinstance(flowable, Paragraph) and getattr(flowable, "_splitpara", False):
            self.continued = node  # its remainder is the next flowable drawn
        self.last = node

    def _element(self, flowable: Flowable, parent: Node) -> Node:
        if isinstance(flowable, Drawing):
            self.open_list = None
            alt = getattr(flowable, "_tag_alt", "") or FIGURE_FALLBACK
            return Node("Figure", parent, alt=alt)
        if isinstance(flowable, Paragraph):
            heading, title = self._heading(flowable)
            if heading:
                self.open_list = None
                return Node(heading, parent, title=title)
            if getattr(flowable, "bulletText", None):
                if self.open_list is None or self.open_list.parent is not parent:
                    self.open_list = Node("L", parent)
                return Node("LBody", Node("LI", self.open_list))
        self.open_list = None
        return Node("P", parent)

    def _heading(self, paragraph: Paragraph) -> tuple[str, str]:
        """('H2', its text) for a heading paragraph, else ('', '')."""
        style, text = paragraph.style.name, paragraph.getPlainText()
        if style == HEADING_BELOW:
            level = self.section + 1  # a chart's or a block's title, under its section
        else:
            depth = self.levels.level(style, text)
            if depth is None:
                return "", ""
            level = depth + 1
        level = max(1, min(level, self.last_heading + 1, 6))  # never skip a level
        self.last_heading = level
        if style != HEADING_BELOW:
            self.section = level
        return f"H{level}", " ".join(text.split())

    def inner(self, flowable: Flowable) -> None:
        """A flowable drawn inside a layout box's cell: tag it as if placed on the page."""
        if "_tag_inner" in flowable.__dict__:
            return
        original = type(flowable).drawOn

        def draw_on(canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
            start = len(canvas._code)
            original(flowable, canvas, x, y, _sW)
            tagger = tagger_of(canvas)
            if tagger is not None:
                tagger.placed(flowable, canvas, start)

        flowable.drawOn = draw_on  # type: ignore[method-assign]
        flowable._tag_inner = True

    # ---- tables (TableTags events) -------------------------------------------------

    def table_startTable(self, key: TableTags, table: Table) -> None:  # noqa: N802
        node = self.tables.get(key)
        self.repeats = 0
        self.continued = None
        if node is not None and node is self.last:  # continued from the page before
            repeat = table.repeatRows
            self.repeats = repeat if isinstance(repeat, int) else len(repeat)
        else:
            self.open_list = None
            node = Node(key.kind, self.containers[-1])
            self.tables[key] = node
        self.containers.append(node)

    def table_startBG(self, key: TableTags, table: Table) -> None:  # noqa: N802
        self.bg_start = len(table.canv._code)

    def table_endBG(self, key: TableTags, table: Table) -> None:  # noqa: N802
        self.artifact(table.canv, self.bg_start)

    def table_startRow(self, key: TableTags, table: Table, row: int) -> None:  # noqa: N802
        self.row_no = row
        self.row = None
        if row >= self.repeats and key.kind == "Table":
            self.row = Node("TR", self.containers[-1])

    def table_startCell(  # noqa: N802
        self, key: TableTags, table: Table, row: int, col: int, value: Any, *_: Any
    ) -> None:
        self.col_no, self.cell = col, value
        self.start = len(table.canv._code)
        self.links_before = len(table.canv._annotationrefs)
        self.page_number = None
        if key.kind == "Div" and row >= self.repeats:
            for flowable in value if isinstance(value, list | tuple) else [value]:
                if isinstance(flowable, Flowable):
                    self.inner(flowable)

    def table_endCell(self, key: TableTags, table: Table) -> None:  # noqa: N802
        canvas = table.canv
        if self.row_no < self.repeats:
            self.artifact(canvas, self.start)
        elif key.kind == "Table" and self.row is not None:
            heads = table.repeatRows if key.header_rows is None else key.header_rows
            rows = heads if isinstance(heads, int) else len(heads)
            if self.row_no < rows:
                cell = Node("TH", self.row, scope="Column")
            elif self.col_no in key.header_cols:
                cell = Node("TH", self.row, scope="Row")
            else:
                cell = Node("TD", self.row)
            self.mark(canvas, cell, self.start)
        elif key.kind == "TOC" and not _blank(self.cell):
            item = Node("TOCI", self.containers[-1])
            links = canvas._annotationrefs[self.links_before :]
            holder = Node("Link", item) if links else item  # the entry links to its page
            self._entry(canvas, holder)
            for link in links:
                annotated = Annotated(canvas.getPageNumber(), link.name)
                holder.kids.append(annotated)
                self.links.append((annotated, holder))
                annotation = canvas._doc.idToObject[link.name]
                if not annotation.Contents:  # what a screen reader says for the link
                    annotation.Contents = " ".join(_text(self.cell).split())

    def toc_page_number(self, canvas: Any, start: int, page: str) -> None:
        """The contents list drew an entry's dot leader and page number since `start`."""
        self.page_number = (start, len(canvas._code), page)

    def _entry(self, canvas: Any, holder: Node) -> None:
        """A contents entry: reportlab draws its dots and page number before its text, so the
        structure puts the text first, then the number as a Span read as 'page N'."""
        if self.page_number is None:
            self.mark(canvas, holder, self.start)
            return
        low, high, page = self.page_number
        span = Node("Span", actual=f"page {page}")  # attached after the text below
        self.mark(canvas, span, low, high)
        self.mark(canvas, holder, high + 2)  # after the two operators just inserted
        self.artifact(canvas, self.start, end=low)  # the cell's graphics state, no text
        span.parent = holder
        holder.kids.append(span)

    def table_endRow(self, key: TableTags, table: Table) -> None:  # noqa: N802
        self.row = None

    def table_startLines(self, key: TableTags, table: Table) -> None:  # noqa: N802
        self.bg_start = len(table.canv._code)

    def table_endLines(self, key: TableTags, table: Table) -> None:  # noqa: N802
        self.artifact(table.canv, self.bg_start)

    def table_endTable(self, key: TableTags, table: Table) -> None:  # noqa: N802
        node = self.containers.pop()
        self.open_list = None
        self.last = node

    # ---- the structure tree ----------------------------------------------------------

    def write(self, canvas: Any) -> None:
        """Add the structure tree to `canvas`'s document (after every page is shown)."""
        doc = canvas._doc
        pages = doc.Pages.pages
        nodes = [n for n in self.root.walk()]
        names = {id(node): f"StructElem{i}" for i, node in enumerate(nodes)}

        def ref(node: Node) -> PDFObjectReference:
            return PDFObjectReference(names[id(node)])

        def page_ref(page: int) -> PDFObjectReference:
            return PDFObjectReference(f"Page{page}")  # reportlab's names, in page order

        for node in nodes:
            marks = [k for k in node.kids if isinstance(k, Mark)]
            entries: dict[str, Any] = {"S": PDFName(node.role)}  # /Type is optional: smaller
            entries["P"] = (
                PDFObjectReference("StructTreeRoot") if node.parent is None else ref(node.parent)
            )
            first = marks[0].page if marks else None
            if first is not None:
                entries["Pg"] = page_ref(first)
            kids: list[Any] = []
            for kid in node.kids:
                if isinstance(kid, Node):
                    kids.append(ref(kid))
                elif isinstance(kid, Annotated):
                    kids.append(
                        PDFDictionary(
                            {
                                "Type": PDFName("OBJR"),
                                "Obj": PDFObjectReference(kid.name),
                                "Pg": page_ref(kid.page),
                            }
                        )
                    )
                elif kid.page == first:
                    kids.append(kid.mcid)
                else:
                    kids.append(
                        PDFDictionary(
                            {"Type": PDFName("MCR"), "Pg": page_ref(kid.page), "MCID": kid.mcid}
                        )
                    )
            if kids:
                entries["K"] = PDFArray(kids)
            if node.alt:
                entries["Alt"] = PDFString(node.alt)
            if node.title:
                entries["T"] = PDFString(node.title)
            if node.actual:
                entries["ActualText"] = PDFString(node.actual)
            if node.scope:
                entries["A"] = PDFDictionary({"O": PDFName("Table"), "Scope": PDFName(node.scope)})
            doc.Reference(PDFDictionary(entries), names[id(node)])
        nums: list[Any] = []
        for index, page in enumerate(pages):
            page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
            page.StructParents = index
            page.Tabs = PDFName("S")  # annotations in structure order
            owners = self.owners.get(index + 1, [])
            nums += [index, PDFArray([ref(node) for node in owners])]
        for key, (annotated, node) in enumerate(self.links, start=len(pages)):
            annotation = doc.idToObject[annotated.name]
            annotation.permitted = (*annotation.permitted, "StructParent")
            annotation.otherkw["StructParent"] = key
            nums += [key, ref(node)]
        parent_tree = PDFDictionary({"Nums": PDFArray(nums)})
        root = PDFDictionary(
            {
                "Type": PDFName("StructTreeRoot"),
                "K": ref(self.root),
                "ParentTree": doc.Reference(parent_tree, "StructParentTree"),
                "ParentTreeNextKey": len(pages) + len(self.links),
            }
        )
        doc.Reference(root, "StructTreeRoot")
        doc.Catalog.StructTreeRoot = root
        doc.Catalog.MarkInfo = PDFDictionary({"Marked": "true"})


def _text(value: Any) -> str:
    items = value if isinstance(value, list | tuple) else [value]
    return " ".join(v.getPlainText() if isinstance(v, Paragraph) else str(v) for v in items)


def _blank(value: Any) -> bool:
    """A cell that draws nothing (the contents list's spacing rows)."""
    items = value if isinstance(value, list | tuple) else [value]
    return all(isinstance(v, NullDraw) or v in ("", None) for v in items)
