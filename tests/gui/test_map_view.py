"""The map of where the force stands: shipped outlines, markers, labels, tooltips.

Runs offscreen (QT_QPA_PLATFORM=offscreen) with pytest-qt's ``qtbot``.
"""

from __future__ import annotations

import dataclasses
import json
import math
from importlib import resources

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from ui.views import map_view
from ui.views.map_data import MAP_RESOURCE, MapDataError, parse_map, project
from ui.views.map_view import AreaMark, MapView, load_europe_map

KYIV = AreaMark("ua_kyiv", "Kyiv region", 50.45, 30.52, 7400, 8000, True)
WEST = AreaMark("ua_west", "Western Ukraine", 49.84, 24.03, 2600, 2500, True)
POLAND = AreaMark("pl_se", "South-east Poland", 50.04, 22.0, 1000, None, False)
RESERVE = AreaMark("reserve", "Reserve pool", None, None, 1200, None, True)
NEIGHBOURS = ("UKR POL ROU MDA SVK HUN BLR RUS EST LVA LTU FIN DEU FRA GBR TUR BGR GEO").split()


@pytest.fixture
def view(qtbot) -> MapView:
    widget = MapView()
    widget.resize(1000, 700)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def by_id(scatter) -> dict:
    return {point.data(): point for point in scatter.points()}


def shown_labels(view: MapView) -> list[str]:
    return [label.toPlainText() for label in view.labels if label.isVisible()]


# -- the shipped file ---------------------------------------------------------------------
def test_shipped_map_has_ukraine_and_its_neighbours_and_is_small():
    data = load_europe_map()
    assert load_europe_map() is data  # read once
    codes = {c.iso_a3 for c in data.countries}
    assert set(NEIGHBOURS) <= codes
    ukraine = data.country("UKR")
    assert ukraine is not None and ukraine.name == "Ukraine"
    lat_min = min(ring[:, 1].min() for ring in ukraine.rings)
    assert lat_min < 44.6  # Crimea is drawn as Ukraine's (Germany's point of view)
    assert "Natural Earth" in data.source and data.licence == "public domain"
    size = len(resources.files("resources").joinpath(MAP_RESOURCE).read_bytes())
    assert size < 300_000


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda doc: "{not json", "is not JSON"),
        (lambda doc: json.dumps({**doc, "countries": []}), "has no countries"),
        (lambda doc: json.dumps({**doc, "bbox": [1, 2]}), "bbox"),
        (lambda doc: json.dumps({**doc, "bbox": ["west", 34, 50, 66]}), "bbox"),
        (lambda doc: json.dumps({**doc, "countries": [{"name": "Ukraine"}]}), "countries[0]"),
        (
            lambda doc: json.dumps({**doc, "countries": [{**doc["countries"][0], "rings": [[1]]}]}),
            "countries[0].rings[0] is not a list of [lon, lat] pairs",
        ),
        (
            lambda doc: json.dumps(
                {
                    **doc,
                    "countries": [{**doc["countries"][0], "rings": [[[0, 0], [0, 95], [1, 1]]]}],
                }
            ),
            "countries[0].rings[0] has a point off the globe",
        ),
    ],
)
def test_a_damaged_map_file_is_refused_with_one_clear_line(damage, words):
    text = resources.files("resources").joinpath(MAP_RESOURCE).read_text(encoding="utf-8")
    with pytest.raises(MapDataError) as caught:
        parse_map(damage(json.loads(text)))
    message = str(caught.value)
    assert words in message and "damaged" in message and "\n" not in message


def test_the_view_says_so_when_the_map_file_is_damaged(qtbot, monkeypatch):
    def broken():
        raise MapDataError("The map file resources/maps/europe.json is damaged: it is not JSON.")

    monkeypatch.setattr(map_view, "load_europe_map", broken)
    widget = MapView()
    qtbot.addWidget(widget)
    widget.update_areas([KYIV])  # markers still work without outlines
    assert "damaged" in widget.legend.text()
    assert shown_labels(widget) == ["Kyiv region 7,400 / 8,000"]


# -- markers and labels -----------------------------------------------------------------
def test_markers_and_labels_follow_the_plan_without_redrawing_the_outlines(view):
    land, land_path = view.land, view.land.path()
    items_before = len(view.view_box.addedItems)
    view.update_areas([KYIV, WEST])
    sizes = {k: p.size() for k, p in by_id(view.troop_marks).items()}
    rings = {k: p.size() for k, p in by_id(view.capacity_rings).items()}
    # area grows with troops; ring and circle on one scale
    assert (sizes["ua_kyiv"] / rings["ua_kyiv"]) ** 2 == pytest.approx(7400 / 8000)
    assert (sizes["ua_kyiv"] / sizes["ua_west"]) ** 2 == pytest.approx(7400 / 2600)
    assert shown_labels(view) == ["Kyiv region 7,400 / 8,000", "Western Ukraine 2,600 / 2,500"]

    view.update_areas([KYIV, dataclasses.replace(WEST, troops=5200)])
    grown = {k: p.size() for k, p in by_id(view.troop_marks).items()}
    assert grown["ua_west"] > sizes["ua_west"]
    assert (grown["ua_west"] / sizes["ua_west"]) ** 2 == pytest.approx(2.0)
    assert "Western Ukraine 5,200 / 2,500" in shown_labels(view)

    view.update_areas([KYIV])
    assert shown_labels(view) == ["Kyiv region 7,400 / 8,000"]
    assert len(view.troop_marks.points()) == 1
    assert view.land is land and view.land.path() == land_path
    assert len(view.view_box.addedItems) - items_before <= 2  # only the two labels made


def test_an_area_over_capacity_turns_red_and_one_outside_the_target_is_hollow_dashed(view):
    view.update_areas([KYIV, WEST, POLAND])
    points = by_id(view.troop_marks)
    red, blue = points["ua_west"].brush().color(), points["ua_kyiv"].brush().color()
    assert red.red() > 150 and red.blue() < 100
    assert blue.blue() > 150 and blue.red() < 100
    hollow = points["pl_se"]
    assert hollow.pen().style() == Qt.PenStyle.DashLine
    assert hollow.brush().color().alpha() < 80
    assert points["ua_kyiv"].pen().style() == Qt.PenStyle.SolidLine
    assert "pl_se" in by_id(view.capacity_rings) and by_id(view.capacity_rings)["pl_se"].size() == 0


def test_an_area_without_position_is_listed_under_the_map(view):
    view.update_areas([KYIV, RESERVE])
    assert set(by_id(view.troop_marks)) == {"ua_kyiv"}
    assert not view.unplaced.isHidden()
    assert "Not on the map" in view.unplaced.text()
    assert "Reserve pool 1,200" in view.unplaced.text()
    view.update_areas([KYIV])
    assert view.unplaced.isHidden()


def test_hovering_a_marker_explains_it(view, qtbot):
    view.update_areas([KYIV, WEST, POLAND])
    x, y = project(KYIV.lon, KYIV.lat)
    scene_point = view.view_box.mapViewToScene(QPointF(x, y))
    target = view.plot.mapFromScene(scene_point)
    qtbot.mouseMove(view.plot.viewport(), target)
    qtbot.waitUntil(lambda: "Kyiv region" in view.view_box.toolTip())
    assert (
        view.view_box.toolTip() == "Kyiv region 7,400 / 8,000\n7,400 troops of a capacity of 8,000"
    )
    assert "not counted toward the target" in POLAND.detail()
    assert "100 over its capacity of 2,500" in WEST.detail()


def test_labels_and_country_names_do_not_cover_each_other_or_markers(view):
    view.update_areas([KYIV, WEST, POLAND])
    boxes = [label.sceneBoundingRect() for label in view.labels if label.isVisible()]
    assert len(boxes) == 3
    for i, box in enumerate(boxes):
        assert not any(box.intersects(other) for other in boxes[i + 1 :])
    for area in (KYIV, WEST, POLAND):
        centre = view.view_box.mapViewToScene(QPointF(*project(area.lon, area.lat)))
        assert not any(box.contains(centre) for box in boxes)
    names = [n.sceneBoundingRect() for n in view.country_names if n.isVisible()]
    assert len(names) >= 20  # most countries around Ukraine are named
    for i, name in enumerate(names):
        assert not any(name.intersects(other) for other in names[i + 1 :] + boxes)
    shown = {n.toPlainText() for n in view.country_names if n.isVisible()}
    assert {"Poland", "Romania", "Belarus", "Finland"} <= shown


@pytest.mark.parametrize("size", [(1000, 700), (1300, 420), (420, 700)])
def test_the_first_view_shows_the_whole_map_box_at_any_shape(qtbot, size):
    widget = MapView()
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    (x0, x1), (y0, y1) = widget.view_box.viewRange()
    lon0, lat0, lon1, lat1 = load_europe_map().bbox
    slack = 1e-6
    assert x0 <= lon0 * math.cos(math.radians(48)) + slack
    assert x1 >= lon1 * math.cos(math.radians(48)) - slack
    assert y0 <= lat0 + slack and y1 >= lat1 - slack
    assert min(x1 - x0, y1 - y0) < 1.5 * max(lon1 - lon0, lat1 - lat0)  # not zoomed far out


def test_resizing_keeps_the_map_box_fitted_until_the_planner_zooms(view, qtbot):
    lon0, lat0, lon1, lat1 = load_europe_map().bbox
    box_w, box_h = (lon1 - lon0) * math.cos(math.radians(48)), lat1 - lat0

    def tight() -> bool:
        (x0, x1), (y0, y1) = view.view_box.viewRange()
        return min((x1 - x0) / box_w, (y1 - y0) / box_h) == pytest.approx(1.0, abs=0.02)

    for size in ((1300, 420), (420, 700), (1000, 700)):
        view.resize(*size)
        qtbot.waitUntil(tight)
    centre = QPointF(view.plot.viewport().rect().center())
    wheel = QWheelEvent(
        centre, view.plot.viewport().mapToGlobal(centre), QPoint(), QPoint(0, 240),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(view.plot.viewport(), wheel)
    zoomed = view.view_box.viewRange()
    assert zoomed[1][1] - zoomed[1][0] < 0.9 * box_h
    view.resize(900, 700)
    qtbot.wait(50)
    assert view.view_box.viewRange()[1][1] - view.view_box.viewRange()[1][0] < 0.9 * box_h
    qtbot.mouseDClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=centre.toPoint())
    # QTest's double click ends on the double-click press; a hand lets go of the button
    qtbot.mouseRelease(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=centre.toPoint())
    qtbot.waitUntil(tight)


def test_a_grab_of_the_map_shows_land_sea_and_markers(view, tmp_path):
    view.update_areas([KYIV, WEST, POLAND])
    out = tmp_path / "map.png"
    assert view.grab().save(str(out))
    image = QImage(str(out))
    assert image.width() >= 900
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert len(colours) > 30
    for expected in (map_view.SEA, map_view.LAND, map_view.UKRAINE):
        assert QColor(expected).name() in colours
    west = view.view_box.mapViewToScene(QPointF(*project(WEST.lon, WEST.lat)))
    pixel = image.pixelColor(view.plot.mapFromScene(west) + view.plot.pos())
    assert pixel.red() > 180 and pixel.green() < 150  # the over-capacity marker is red
