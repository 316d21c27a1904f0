"""The countries' borders under every map: Natural Earth from ``data/``, simplified to stay light.

The borders are simplified once (Douglas-Peucker, 0.03 degrees, about 3 km) and cached, so a
map carries a few kilobytes of outline instead of the full file.

Examples
--------
>>> egypt = [f for f in simplified_borders("id")["features"] if f["properties"]["iso_a3"] == "EGY"]
>>> egypt[0]["properties"]["label"]
'Mesir'
"""

from __future__ import annotations

import functools
import html
import json
from typing import Any

from ..data import load_borders
from ..i18n import catalogue, t

__all__ = ["polygons", "simplified_borders"]


def polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    """The polygons of a Polygon or MultiPolygon geometry, as a list either way.

    Examples
    --------
    >>> square = [[[0, 0], [1, 0], [1, 1], [0, 0]]]
    >>> polygons({"type": "Polygon", "coordinates": square}) == [square]
    True
    """
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]


def _douglas_peucker(points: list[list[float]], tolerance: float) -> list[list[float]]:
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
    distances = [abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm for x, y in points[1:-1]]
    index = max(range(len(distances)), key=distances.__getitem__) + 1
    if distances[index - 1] <= tolerance:
        return [points[0], points[-1]]
    return _douglas_peucker(points[: index + 1], tolerance)[:-1] + _douglas_peucker(points[index:], tolerance)


def _simplify_ring(ring: list[list[float]], tolerance: float) -> list[list[float]]:
    """Simplify a closed ring: split it at the point farthest from its start, simplify both halves."""
    x0, y0 = ring[0]
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - x0) ** 2 + (ring[i][1] - y0) ** 2)
    half1 = _douglas_peucker(ring[: far + 1], tolerance)
    half2 = _douglas_peucker(ring[far:], tolerance)
    return [[round(x, 2), round(y, 2)] for x, y in half1[:-1] + half2]


@functools.lru_cache(maxsize=1)
def _borders_geojson() -> str:
    features = []
    for feature in load_borders()["features"]:
        rings = (_simplify_ring(poly[0], 0.03) for poly in polygons(feature["geometry"]))
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_a3": feature["properties"].get("iso_a3", "")},
                "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in rings if len(ring) >= 4]},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features})


def simplified_borders(lang: str) -> dict[str, Any]:
    """The simplified borders as GeoJSON, each country labelled in ``lang`` (``label``, HTML-escaped)."""
    collection = json.loads(_borders_geojson())
    for feature in collection["features"]:
        iso = feature["properties"]["iso_a3"]
        key = f"maps.country.{iso}"
        feature["properties"]["label"] = html.escape(t(key, lang=lang) if key in catalogue() else iso)
    return collection
