"""Build `countries_110m.geojson` (country outlines keyed by ISO3) from the `world-atlas` TopoJSON.

Reads `countries-110m.json` of the npm package world-atlas 2 (Natural Earth 1:110m, public domain), decodes
its quantised arcs, names each country's ISO3 code through the gazetteer (a few Natural Earth short names by
hand), rounds coordinates to 0.01 degree, continues rings that cross the antimeridian past 180 degrees east,
simplifies the rings (Douglas-Peucker, 0.4 degree), drops islands under 1.5 degrees across and writes a
GeoJSON FeatureCollection whose feature ids are ISO3 codes. Features the gazetteer cannot name (disputed
areas) are left out.

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python data/geo/build_countries.py package/countries-110m.json
"""

from __future__ import annotations

import argparse
import json
from itertools import pairwise
from pathlib import Path

from dashboard.nlp.gazetteer import Gazetteer

OUT = Path(__file__).resolve().parent / "countries_110m.geojson"
TOLERANCE = 0.4  # degrees: Douglas-Peucker simplification (about 40 km), enough for a choropleth
MIN_EXTENT = 1.5  # degrees: smaller islands are dropped
# Natural Earth short names the gazetteer does not know.
BY_HAND = {
    "Bosnia and Herz.": "BIH",
    "Central African Rep.": "CAF",
    "Dem. Rep. Congo": "COD",
    "Dominican Rep.": "DOM",
    "Eq. Guinea": "GNQ",
    "S. Sudan": "SSD",
    "Solomon Is.": "SLB",
    "eSwatini": "SWZ",
    "Côte d'Ivoire": "CIV",
    "Timor-Leste": "TLS",
    "Macedonia": "MKD",
    "Kosovo": "XKX",
    "Congo": "COG",
    "Puerto Rico": "PRI",
}


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) points of every arc (arcs are delta-encoded integers under `transform`)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """A closed ring from arc indexes (~i is arc i reversed); shared end points are not repeated."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    cleaned = [p for k, p in enumerate(points) if k == 0 or p != points[k - 1]]
    if any(abs(a[0] - b[0]) > 180 for a, b in pairwise(cleaned)):
        # The ring crosses the antimeridian (Chukotka, the Aleutians, Fiji): continue it past 180 degrees
        # east so that it is not drawn across the whole map.
        cleaned = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in cleaned]
    return [list(p) for p in cleaned]


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker: drop points closer than `tolerance` degrees to the line their neighbours keep."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def _extent(ring: list[list[float]]) -> float:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return max(max(lons) - min(lons), max(lats) - min(lats))


def build(source: Path, tolerance: float = TOLERANCE, min_extent: float = MIN_EXTENT) -> dict:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    gaz = Gazetteer.load()
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        iso3 = BY_HAND.get(name) or gaz.country_code(name)
        if not iso3 or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        coordinates = [[simplify(ring(r, arcs), tolerance) for r in polygon] for polygon in polygons]
        coordinates = [p for p in coordinates if len(p[0]) >= 4]
        # Islands smaller than `min_extent` degrees are left out, unless they are all the country has.
        large = [p for p in coordinates if _extent(p[0]) >= min_extent]
        coordinates = large or coordinates
        features.append(
            {
                "type": "Feature",
                "id": iso3,
                "properties": {"name": gaz.country_name(iso3) or name},
                "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
            }
        )
    features.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", type=Path, help="countries-110m.json of the world-atlas package")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    collection = build(args.source)
    args.out.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    print(f"{len(collection['features'])} countries -> {args.out}")


if __name__ == "__main__":
    main()
