"""Where the force stands: country outlines of Europe with one marker per area.

The outlines come from Natural Earth data shipped in ``resources/maps`` (public
domain, read by ``ui.views.map_data``; nothing is downloaded at run time) and are
drawn once. Each area with a position gets a filled circle whose area grows
with its troops, a ring for its capacity, red when over it, and a hollow dashed
circle when its troops do not count toward the target. ``update_areas`` only
resets the markers' data and the labels' text, so it is cheap enough to call on
every edit; areas without a position are listed under the map.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPolygonF
from PySide6.QtWidgets import QGraphicsPathItem, QLabel, QVBoxLayout, QWidget

from ui.views.chart_setup import pg
from ui.views.map_data import (  # load_europe_map: callers may take it from here
    X_SCALE,
    Country,
    MapData,
    MapDataError,
    load_europe_map,
    project,
)

if TYPE_CHECKING:  # pyqtgraph is imported through ui.views.chart_setup, which picks the binding
    from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent

SEA = "#dde8f0"
LAND = "#f3f1ec"
BORDER = "#a39e94"
UKRAINE = "#fbf1c7"
UKRAINE_BORDER = "#8c7b3e"
TROOPS = (74, 120, 181, 190)
OVER = (208, 69, 59, 200)
OUTSIDE_TARGET = (74, 120, 181, 45)
CAPACITY = "#262626"
COUNTRY_NAME = "#9a948a"
NAMED_COUNTRY_AREA = 3.5  # square degrees: smaller countries go unnamed (the Balkans crowd)
MAX_MARK_PX = 56.0  # diameter of the largest troops or capacity in view
MIN_MARK_PX = 7.0  # an area with few troops stays visible
LABEL_GAP_PX = 4.0
FRAME_MARGIN_DEG = 5.0  # land shown around the areas when framing them
MIN_VIEW_DEG = 1.5  # closest zoom, degrees of longitude across: the outlines are coarser


@dataclass(frozen=True)
class AreaMark:
    """One area as the map shows it; lat/lon None when the scenario gives no position."""

    id: str
    name: str
    lat: float | None
    lon: float | None
    troops: int
    capacity: int | None
    in_target: bool

    @property
    def placed(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def over_capacity(self) -> bool:
        return self.capacity is not None and self.troops > self.capacity

    def label(self) -> str:
        """'Kyiv region 7,400 / 8,000', or 'Kyiv region 7,400' without a capacity."""
        limit = f" / {self.capacity:,}" if self.capacity is not None else ""
        return f"{self.name} {self.troops:,}{limit}"

    def detail(self) -> str:
        """The label's numbers in words, for the tooltip."""
        if self.capacity is None:
            words = f"{self.troops:,} troops, no capacity limit"
        elif self.over_capacity:
            words = (
                f"{self.troops:,} troops: {self.troops - self.capacity:,} over "
                f"its capacity of {self.capacity:,}"
            )
        else:
            words = f"{self.troops:,} troops of a capacity of {self.capacity:,}"
        return words if self.in_target else f"{words}; not counted toward the target"

    def tooltip(self) -> str:
        return f"{self.label()}\n{self.detail()}"


# -- the widget ------------------------------------------------------------------------
def _country_path(rings: Iterable[np.ndarray]) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        xs, ys = project(ring[:, 0], ring[:, 1])
        path.addPolygon(QPolygonF([QPointF(x, y) for x, y in zip(xs, ys, strict=True)]))
        path.closeSubpath()
    return path


def _outline(rings: Iterable[np.ndarray], fill: str, border: str, z: float) -> QGraphicsPathItem:
    item = QGraphicsPathItem(_country_path(rings))
    item.setBrush(pg.mkBrush(fill))
    item.setPen(pg.mkPen(border, width=0.8))  # cosmetic: one pixel wide at any zoom
    item.setZValue(z)
    return item


class MapView(QWidget):
    """Country outlines drawn once; ``update_areas`` refreshes the markers and labels."""

    def __init__(self, map_data: MapData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapView")
        self.map_data: MapData | None = None
        self.areas: tuple[AreaMark, ...] = ()
        self.labels: list[pg.TextItem] = []
        self.country_names: list[pg.TextItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.plot = pg.PlotWidget(background=SEA)
        self.plot.setObjectName("mapPlot")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        for axis in ("left", "bottom"):
            self.plot.hideAxis(axis)
        self.view_box = self.plot.getViewBox()
        self.view_box.setAspectLocked(True)
        self.view_box.disableAutoRange()
        layout.addWidget(self.plot, 1)
        self.unplaced, self.legend = QLabel(wordWrap=True), QLabel(wordWrap=True)
        self.unplaced.hide()
        self.legend.setStyleSheet("font-size: 8pt")
        for label, name in ((self.unplaced, "mapUnplaced"), (self.legend, "mapLegend")):
            label.setObjectName(name)
            label.setContentsMargins(6, 0, 6, 2)
        layout.addWidget(self.unplaced)
        layout.addWidget(self.legend)
        self._build_markers()
        self._load(map_data)
        self.view_box.sigRangeChanged.connect(self._place_labels)
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        self.reset_view()

    # -- building (once) -----------------------------------------------------------
    def _load(self, map_data: MapData | None) -> None:
        try:
            self.map_data = map_data or load_europe_map()
        except MapDataError as exc:
            self.legend.setText(str(exc))
            self.legend.setStyleSheet("color: #b0302a")
            return
        others = [r for c in self.map_data.countries if c.iso_a3 != "UKR" for r in c.rings]
        self.land = _outline(others, LAND, BORDER, -20)
        self.plot.addItem(self.land)
        ukraine = self.map_data.country("UKR")
        if ukraine is not None:
            self.ukraine = _outline(ukraine.rings, UKRAINE, UKRAINE_BORDER, -19)
            self.plot.addItem(self.ukraine)
        named = sorted(self._named(self.map_data), key=Country.largest_ring_area, reverse=True)
        self.country_names = [self._country_name(c) for c in named]  # biggest claim space first
        self._limit_view(self.map_data)
        self.legend.setText(
            "Filled circle: troops in the area, its size growing with them · black ring: capacity"
            " · red: over capacity · hollow dashed: not counted toward the target"
            " · drag and scroll to move and zoom, double-click for the whole map"
            f"<br><span style='color:#8a8a8a'>Map: {self.map_data.source};"
            f" {self.map_data.licence}.</span>"
        )

    def _limit_view(self, data: MapData) -> None:
        """Zoom no closer than MIN_VIEW_DEG; pan and zoom out to one map's size past its edges.

        The margin lets a widget of any shape show the whole map box at once.
        """
        lon0, lat0, lon1, lat1 = data.extent()
        (x0, x1), _ = project(np.array([lon0, lon1]), np.array([lat0, lat1]))
        width, height = x1 - x0, lat1 - lat0
        self.view_box.setLimits(
            xMin=x0 - width, xMax=x1 + width, yMin=lat0 - height, yMax=lat1 + height,
            minXRange=MIN_VIEW_DEG * X_SCALE,
        )  # fmt: skip

    @staticmethod
    def _named(data: MapData) -> list[Country]:
        """Countries large enough to carry their name, with a name point inside the map box."""
        lon0, lat0, lon1, lat1 = data.bbox
        return [
            c
            for c in data.countries
            if c.label is not None
            and lon0 <= c.label[0] <= lon1
            and lat0 <= c.label[1] <= lat1
            and c.largest_ring_area() >= NAMED_COUNTRY_AREA
        ]

    def _country_name(self, country: Country) -> pg.TextItem:
        assert country.label is not None
        item = pg.TextItem(country.short, color=COUNTRY_NAME, anchor=(0.5, 0.5))
        font = item.textItem.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        font.setItalic(True)
        item.setFont(font)
        item.setPos(*project(*country.label))
        item.setZValue(-10)
        self.plot.addItem(item)
        return item

    def _build_markers(self) -> None:
        self.capacity_rings = pg.ScatterPlotItem(pxMode=True, brush=None, useCache=False)
        self.troop_marks = pg.ScatterPlotItem(pxMode=True, useCache=False)
        # invisible, as large as ring or circle, so hovering anywhere on a marker explains it
        self.hover_marks = pg.ScatterPlotItem(
            pxMode=True, pen=None, brush=(0, 0, 0, 0), hoverable=True, tip=self._tip
        )
        for z, item in enumerate((self.troop_marks, self.capacity_rings, self.hover_marks)):
            item.setZValue(10 + z)
            self.plot.addItem(item)

    # -- updating (every edit) ----------------------------------------------------------
    def update_areas(self, areas: Sequence[AreaMark]) -> None:
        """Show `areas`: markers for those with a position, a list of the others."""
        self.areas = tuple(areas)
        placed = [a for a in self.areas if a.placed]
        scale = max([a.troops for a in placed] + [a.capacity or 0 for a in placed] + [1])
        xs, ys = project(
            np.array([a.lon for a in placed], float), np.array([a.lat for a in placed], float)
        )
        troop_px = [_diameter(a.troops, scale) for a in placed]
        ring_px = [_diameter(a.capacity, scale) if a.capacity is not None else 0 for a in placed]
        ids = [a.id for a in placed]
        self.troop_marks.setData(
            x=xs, y=ys, size=troop_px, data=ids,
            brush=[_troop_brush(a) for a in placed], pen=[_troop_pen(a) for a in placed],
        )  # fmt: skip
        self.capacity_rings.setData(
            x=xs, y=ys, size=ring_px, data=ids, pen=pg.mkPen(CAPACITY, width=2), brush=None
        )
        hit_px = [max(t, r) for t, r in zip(troop_px, ring_px, strict=True)]
        self.hover_marks.setData(x=xs, y=ys, size=hit_px, data=ids)
        self._update_labels(placed)
        self._update_unplaced([a for a in self.areas if not a.placed])

    def _update_labels(self, placed: list[AreaMark]) -> None:
        while len(self.labels) < len(placed):
            label = pg.TextItem(anchor=(0, 0.5), fill=pg.mkBrush(255, 255, 255, 210))
            label.setZValue(20)
            self.plot.addItem(label)
            self.labels.append(label)
        for label, area in zip(self.labels, placed, strict=False):
            label.setText(area.label(), color="#a1281f" if area.over_capacity else "#1d1d1d")
            label.setToolTip(area.tooltip())
            label.show()
        for label in self.labels[len(placed) :]:
            label.hide()
        self._place_labels()

    def _update_unplaced(self, unplaced: list[AreaMark]) -> None:
        self.unplaced.setVisible(bool(unplaced))
        names = "; ".join(a.label() for a in unplaced)
        self.unplaced.setText(
            f"Not on the map (no position given; the Areas tab takes one): {names}"
        )

    def _place_labels(self, *_: object) -> None:
        """Put each label beside its marker where it hides no other marker or label.

        Country names come after, each shown only where it hides nothing placed before.
        """
        px_w, px_h = self.view_box.viewPixelSize()
        if not px_w or not px_h:
            return
        taken = self._place_area_labels(px_w, px_h)
        for name in self.country_names:
            rect = name.textItem.boundingRect()
            x, y, half_w, half_h = (
                name.pos().x() / px_w,
                -name.pos().y() / px_h,
                rect.width() / 2,
                rect.height() / 2,
            )
            box = (x - half_w, y - half_h, x + half_w, y + half_h)
            free = not taken or _hidden(np.array([box]), taken)[0] == 0
            name.setVisible(bool(free))
            if free:
                taken.append(box)

    def _place_area_labels(self, px_w: float, px_h: float) -> list[Box]:
        """Place the area labels; the pixel boxes of the markers and labels placed."""
        marks = self.troop_marks.data  # one spot per placed area, in the order of self.labels
        centres = [(x / px_w, -y / px_h) for x, y in zip(marks["x"], marks["y"], strict=True)]
        sizes = zip(marks["size"], self.capacity_rings.data["size"], strict=True)
        radii = [max(troops, capacity) / 2 for troops, capacity in sizes]
        taken = [_square(c, r) for c, r in zip(centres, radii, strict=True)]
        (x0, x1), (y0, y1) = self.view_box.viewRange()
        visible = (x0 / px_w, -y1 / px_h, x1 / px_w, -y0 / px_h)
        for label, centre, radius in zip(self.labels, centres, radii, strict=False):
            rect = label.textItem.boundingRect()
            box, anchor, offset = _free_spot(
                centre, radius, (rect.width(), rect.height()), taken, visible
            )
            taken.append(box)
            label.setAnchor(anchor)
            label.setPos((centre[0] + offset[0]) * px_w, -(centre[1] + offset[1]) * px_h)
        return taken

    def _tip(self, x: float, y: float, data: str) -> str:
        area = next((a for a in self.areas if a.id == data), None)
        return "" if area is None else area.tooltip()

    # -- the view -------------------------------------------------------------------------
    def reset_view(self) -> None:
        """Show the whole map box, wider or taller as the widget's shape asks.

        Aspect-locked, pyqtgraph refits this range on every resize until the planner
        pans or zooms.
        """
        lon0, lat0, lon1, lat1 = self.map_data.bbox if self.map_data else (-10, 34, 50, 66)
        (x0, x1), (y0, y1) = project(np.array([lon0, lon1]), np.array([lat0, lat1]))
        self.view_box.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def frame_areas(self) -> bool:
        """Show the placed areas with FRAME_MARGIN_DEG of land around them (False: none placed).

        Areas cluster in and around Ukraine, so the whole map box leaves their markers and
        labels crowded in a corner; double-click still shows the whole map.
        """
        placed = [a for a in self.areas if a.placed]
        if not placed:
            return False
        lons = np.array([a.lon for a in placed], float)
        lats = np.array([a.lat for a in placed], float)
        margin = FRAME_MARGIN_DEG
        (x0, x1), (y0, y1) = project(
            np.array([lons.min() - margin, lons.max() + margin]),
            np.array([lats.min() - margin, lats.max() + margin]),
        )
        self.view_box.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        return True

    def _on_click(self, event: MouseClickEvent) -> None:
        if event.double():
            self.reset_view()


def _diameter(value: int, scale: int) -> float:
    """Marker diameter in pixels: its area grows with `value`, the largest in view at the max."""
    if value <= 0:
        return MIN_MARK_PX / 2
    return max(MIN_MARK_PX, MAX_MARK_PX * math.sqrt(value / scale))


def _troop_brush(area: AreaMark) -> object:
    if not area.in_target:
        return pg.mkBrush(OUTSIDE_TARGET if not area.over_capacity else (*OVER[:3], 45))
    return pg.mkBrush(OVER if area.over_capacity else TROOPS)


def _troop_pen(area: AreaMark) -> object:
    if area.in_target:
        return pg.mkPen("w", width=1)  # the black capacity ring stays readable against it
    colour = OVER[:3] if area.over_capacity else TROOPS[:3]
    return pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine)


Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels, y down


def _square(centre: tuple[float, float], radius: float) -> Box:
    return (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius)


def _hidden(boxes: np.ndarray, taken: list[Box]) -> np.ndarray:
    """For each of `boxes` (k x 4), how many pixels of it the `taken` boxes cover."""
    others = np.array(taken).reshape(-1, 4)
    low = np.maximum(boxes[:, None, :2], others[:, :2])  # left, top of each overlap
    high = np.minimum(boxes[:, None, 2:], others[:, 2:])  # right, bottom
    return (high - low).clip(min=0).prod(axis=2).sum(axis=1)


def _free_spot(
    centre: tuple[float, float],
    radius: float,
    size: tuple[float, float],
    taken: list[Box],
    visible: Box,
) -> tuple[Box, tuple[float, float], tuple[float, float]]:
    """The first of right, left, below, above where a label is in view and overlaps nothing.

    Numpy, not QRectF: this runs for every label on every pan step.
    """
    (w, h), gap, (cx, cy) = size, radius + LABEL_GAP_PX, centre
    spots = (  # (label box, TextItem anchor, offset of the anchor from the centre)
        ((cx + gap, cy - h / 2, cx + gap + w, cy + h / 2), (0.0, 0.5), (gap, 0.0)),
        ((cx - gap - w, cy - h / 2, cx - gap, cy + h / 2), (1.0, 0.5), (-gap, 0.0)),
        ((cx - w / 2, cy + gap, cx + w / 2, cy + gap + h), (0.5, 0.0), (0.0, gap)),
        ((cx - w / 2, cy - gap - h, cx + w / 2, cy - gap), (0.5, 1.0), (0.0, -gap)),
    )
    boxes = np.array([spot[0] for spot in spots])
    hidden = _hidden(boxes, taken)
    outside = (boxes[:, :2] < visible[:2]).any(axis=1) | (boxes[:, 2:] > visible[2:]).any(axis=1)
    # the first free one, else the one in view hiding least (lexsort is stable)
    return spots[int(np.lexsort((hidden, outside))[0])]
