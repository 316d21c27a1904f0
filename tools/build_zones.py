"""Draw the approximate zones of control in data/zones.geojson from data/control.csv.

How the zones are drawn (the method is part of the data, so it is written down here):

1. Libya (the Natural Earth outline in data/natural-earth/) is cut into a grid of cells of
   ``CELL`` degrees: every cell whose centre is in Libya, plus every cell holding a listed place
   (a coastal town's cell may have its centre in the sea).
2. Each cell takes the controller of the nearest listed Libyan place on that snapshot date, if
   that place is closer than ``REACH_KM``; farther cells (open desert) belong to no zone. A cell
   that contains a place with high confidence takes that place's controller.
3. Cells of one controller are merged into rectangles along each row, and the rectangles of one
   controller and date form one MultiPolygon, marked ``approximate: true``.

The zones are therefore a picture of "who held the nearest town", not surveyed front lines; the
maps say so in their legend. Run ``python tools/build_zones.py`` after changing control.csv; a
test checks that every high-confidence place lies inside a zone of its controller.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

from matplotlib.path import Path as MplPath

from helpers.geo import haversine_km

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CELL = 0.25
REACH_KM = 160.0


def libya_paths() -> list[MplPath]:
    borders = json.loads((DATA / "natural-earth" / "libya_and_neighbours.geojson").read_text())
    feature = next(f for f in borders["features"] if f["properties"]["iso_a3"] == "LBY")
    geom = feature["geometry"]
    polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return [MplPath(poly[0]) for poly in polygons]


def read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build() -> dict:
    places = {row["place"]: row for row in read("places.csv") if row["country"] == "LBY"}
    control = read("control.csv")
    by_date: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in control:
        by_date[row["date"]].append(row)
    outline = libya_paths()
    lons = [i * CELL for i in range(int(9 / CELL), int(25.5 / CELL))]
    lats = [j * CELL for j in range(int(19.5 / CELL), int(33.5 / CELL))]
    points = [(float(p["lat"]), float(p["lon"])) for p in places.values()]
    cells = [
        (lat, lon)
        for lat in lats
        for lon in lons
        if any(p.contains_point((lon + CELL / 2, lat + CELL / 2)) for p in outline)
        or any(lat <= plat < lat + CELL and lon <= plon < lon + CELL for plat, plon in points)
    ]
    features = []
    for date in sorted(by_date):
        rows = by_date[date]
        seeds = [(float(places[r["place"]]["lat"]), float(places[r["place"]]["lon"]), r) for r in rows]
        owner: dict[tuple[float, float], str] = {}
        for lat, lon in cells:
            centre = (lat + CELL / 2, lon + CELL / 2)
            inside = [
                r
                for (plat, plon, r) in seeds
                if lat <= plat < lat + CELL and lon <= plon < lon + CELL and r["confidence"] == "high"
            ]
            if inside:
                owner[(lat, lon)] = inside[0]["controller"]
                continue
            dist, row = min((haversine_km(*centre, plat, plon), r) for plat, plon, r in seeds)
            if dist <= REACH_KM:
                owner[(lat, lon)] = row["controller"]
        rects: dict[str, list[list[list[float]]]] = defaultdict(list)
        for lat in lats:
            run_start, run_ctrl = None, None
            for lon in [*lons, None]:
                ctrl = owner.get((lat, lon)) if lon is not None else None
                if ctrl != run_ctrl:
                    if run_ctrl is not None:
                        x0, x1, y0, y1 = run_start, lon if lon is not None else lons[-1] + CELL, lat, lat + CELL
                        rects[run_ctrl].append(
                            [
                                [round(x0, 3), round(y0, 3)],
                                [round(x1, 3), round(y0, 3)],
                                [round(x1, 3), round(y1, 3)],
                                [round(x0, 3), round(y1, 3)],
                                [round(x0, 3), round(y0, 3)],
                            ]
                        )
                    run_start, run_ctrl = lon, ctrl
        for ctrl in sorted(rects):
            # the cells are cut from the Natural Earth outline of Libya, so that source is cited too
            sources = sorted(
                {s for r in rows if r["controller"] == ctrl for s in r["sources"].split(";")} | {"natural-earth-50m"}
            )
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "date": date,
                        "controller": ctrl,
                        "approximate": True,
                        "sources": ";".join(sources),
                        "note_en": f"Approximate: each {CELL} degree cell takes the controller of the nearest listed place within {REACH_KM:.0f} km (tools/build_zones.py).",
                        "note_id": f"Perkiraan: setiap petak {CELL} derajat mengikuti penguasa tempat terdaftar terdekat dalam jarak {REACH_KM:.0f} km (tools/build_zones.py).",
                    },
                    "geometry": {"type": "MultiPolygon", "coordinates": [[r] for r in rects[ctrl]]},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    zones = build()
    (DATA / "zones.geojson").write_text(
        json.dumps(zones, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"wrote data/zones.geojson: {len(zones['features'])} features")


if __name__ == "__main__":
    main()
