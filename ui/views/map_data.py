"""The shipped map of Europe: Natural Earth country outlines, checked once on loading.

Qt-free, so it can be read and tested on its own. The file is made at build time by
packaging/maps/make_europe_map.py (see resources/maps/README.md); a damaged or
missing file is refused with one MapDataError sentence, never a traceback.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

MAP_RESOURCE = "maps/europe.json"
REGENERATE = "packaging/maps/make_europe_map.py"
LAT0 = 48.0  # the projection is true to scale along this latitude
X_SCALE = math.cos(math.radians(LAT0))


class MapDataError(ValueError):
    """The shipped map file cannot be read; the message is one sentence for a person."""


@dataclass(frozen=True, eq=False)
class Country:
    iso_a3: str
    name: str
    short: str  # the name as the map shows it ("Bosnia and Herz.")
    label: tuple[float, float] | None  # lon/lat where Natural Earth puts the name
    rings: tuple[np.ndarray, ...]  # each (n, 2) lon/lat, closed; holes too (odd-even fill)

    def largest_ring_area(self) -> float:
        """Square degrees of its largest ring: whether its name fits on the map."""
        return max(_ring_area(r) for r in self.rings)


@dataclass(frozen=True, eq=False)
class MapData:
    source: str
    licence: str
    bbox: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max shown first
    countries: tuple[Country, ...]

    def country(self, iso_a3: str) -> Country | None:
        return next((c for c in self.countries if c.iso_a3 == iso_a3), None)

    def extent(self) -> tuple[float, float, float, float]:
        """lon_min, lat_min, lon_max, lat_max of every outline: how far one may pan."""
        points = np.concatenate([r for c in self.countries for r in c.rings])
        (lon0, lat0), (lon1, lat1) = points.min(axis=0), points.max(axis=0)
        return float(lon0), float(lat0), float(lon1), float(lat1)


def project(lon: float | np.ndarray, lat: float | np.ndarray) -> tuple:
    """Equirectangular, true to scale at LAT0: x = lon * cos(LAT0), y = lat."""
    return lon * X_SCALE, lat


# -- the shipped map file --------------------------------------------------------------
@cache
def load_europe_map() -> MapData:
    """The shipped Europe map, read once; MapDataError if it is missing or damaged."""
    try:
        text = resources.files("resources").joinpath(MAP_RESOURCE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MapDataError(_damaged(f"it cannot be read ({exc.__class__.__name__})")) from None
    return parse_map(text)


def parse_map(text: str) -> MapData:
    """Check the map document and turn it into MapData; one MapDataError naming the fault."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MapDataError(_damaged(f"it is not JSON (line {exc.lineno})")) from None
    if not isinstance(doc, dict):
        raise MapDataError(_damaged("it is not a JSON object"))
    bbox = _lon_lats(doc.get("bbox"), 4)
    if bbox is None:
        raise MapDataError(_damaged("bbox is not [lon_min, lat_min, lon_max, lat_max]"))
    countries = doc.get("countries")
    if not isinstance(countries, list) or not countries:
        raise MapDataError(_damaged("it has no countries"))
    parsed = tuple(_country(i, c) for i, c in enumerate(countries))
    return MapData(
        source=str(doc.get("source", "Natural Earth")),
        licence=str(doc.get("licence", "public domain")),
        bbox=(float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3])),
        countries=parsed,
    )


def _country(index: int, raw: object) -> Country:
    where = f"countries[{index}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("iso_a3"), str):
        raise MapDataError(_damaged(f"{where} has no iso_a3 code"))
    rings_raw = raw.get("rings")
    if not isinstance(rings_raw, list) or not rings_raw:
        raise MapDataError(_damaged(f"{where} ({raw['iso_a3']}) has no rings"))
    rings = []
    for j, ring in enumerate(rings_raw):
        try:
            points = np.array(ring, dtype=float)
        except (TypeError, ValueError):
            points = np.empty((0,))
        if points.ndim != 2 or points.shape[0] < 3 or points.shape[1] != 2:
            raise MapDataError(_damaged(f"{where}.rings[{j}] is not a list of [lon, lat] pairs"))
        if not _coords_ok(points.reshape(-1)):
            raise MapDataError(_damaged(f"{where}.rings[{j}] has a point off the globe"))
        rings.append(points)
    label = _lon_lats(raw.get("label"), 2)  # optional: without it the country goes unnamed
    name = str(raw.get("name", raw["iso_a3"]))
    point = (float(label[0]), float(label[1])) if label is not None else None
    return Country(raw["iso_a3"], name, str(raw.get("short", name)), point, tuple(rings))


def _ring_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float(abs((x[:-1] * y[1:] - x[1:] * y[:-1]).sum())) / 2


def _lon_lats(value: object, count: int) -> np.ndarray | None:
    """`value` as `count` numbers alternating lon, lat on the globe, else None."""
    if not isinstance(value, list) or len(value) != count:
        return None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return None
    flat = np.array(value, dtype=float)
    return flat if _coords_ok(flat) else None


def _coords_ok(flat: np.ndarray) -> bool:
    """Alternating lon, lat values, all finite and on the globe."""
    lon, lat = flat[0::2], flat[1::2]
    return bool(
        np.isfinite(flat).all() and (np.abs(lon) <= 180).all() and (np.abs(lat) <= 90).all()
    )


def _damaged(why: str) -> str:
    return (
        f"The map file resources/{MAP_RESOURCE} is damaged: {why}; "
        f"reinstall Force Planner or regenerate it with {REGENERATE}."
    )
