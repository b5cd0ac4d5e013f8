"""Build `countries_110m.geojson` (country outlines keyed by ISO3) from the `world-atlas` TopoJSON.

Reads `countries-110m.json` of the npm package world-atlas 2 (Natural Earth 1:110m, public domain), decodes
its quantised arcs, names each country's ISO3 code through the gazetteer (a few Natural Earth short names by
hand), rounds coordinates to 0.01 degree, continues rings that cross the antimeridian past 180 degrees east
and writes a GeoJSON FeatureCollection whose feature ids are ISO3 codes. Features the gazetteer cannot name
(disputed areas) are left out.

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


def build(source: Path) -> dict:
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
        coordinates = [[ring(r, arcs) for r in polygon] for polygon in polygons]
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
