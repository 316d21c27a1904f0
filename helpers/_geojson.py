"""Validation of the package's GeoJSON files (zones of control, Natural Earth borders).

Each file must be a FeatureCollection whose features are objects with ``"type": "Feature"``, an
object of properties described by the resource's ``kit:features`` in ``data/datapackage.json``
(checked like table cells, with the same messages), and a Polygon or MultiPolygon whose rings are
lists of at least four finite ``[longitude, latitude]`` pairs. A problem raises a DataError whose
``row`` is the feature number (from 1).

Examples
--------
>>> len(geojson("borders")["features"])
7
"""

from __future__ import annotations

import functools
import json
import math
from typing import Any

from ._errors import DataError
from ._read import read_text
from ._validate import check_references, check_value, resource

__all__ = ["geojson"]


@functools.cache
def geojson(name: str) -> dict[str, Any]:
    """Return a GeoJSON file of the package, checked feature by feature (``kit:features``).

    Examples
    --------
    >>> geojson("zones")["type"]
    'FeatureCollection'
    """
    res = resource(name)
    rel = f"data/{res['path']}"
    try:
        content = json.loads(read_text(res))
    except json.JSONDecodeError as exc:
        raise DataError("data.problem.bad_json", file=rel, at_line=exc.lineno, column=exc.colno) from None
    if (
        not isinstance(content, dict)
        or content.get("type") != "FeatureCollection"
        or not isinstance(content.get("features"), list)
    ):
        raise DataError("data.problem.not_collection", file=rel, value=content)
    spec = res.get("kit:features", {"fields": []})
    seen: dict[str, dict[Any, int]] = {}
    for n, feature in enumerate(content["features"], start=1):
        at = {"file": rel, "row": n}
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise DataError("data.problem.not_feature", **at, value=feature)
        props = feature.get("properties")
        if not isinstance(props, dict):
            raise DataError("data.problem.no_properties", **at, field="properties", value=props)
        for fld in spec["fields"]:
            check_value(at, fld, props.get(fld["name"]), seen)
        _check_geometry(at, feature.get("geometry"), spec.get("geometry", ["Polygon", "MultiPolygon"]))
    properties = [f["properties"] for f in content["features"]]
    check_references(name, properties, [None] * len(properties), spec)
    return content


def _check_geometry(at: dict[str, Any], geometry: Any, allowed: list[str]) -> None:
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in allowed:
        raise DataError(
            "data.problem.geometry", **at, field="geometry", value=kind if kind else geometry, allowed=allowed
        )
    coords = geometry.get("coordinates")
    polygons = coords if kind == "MultiPolygon" else [coords]
    bad = _bad_polygons(polygons)
    if bad is not None:
        raise DataError("data.problem.coordinates", **at, field="geometry.coordinates", value=bad)


def _bad_polygons(polygons: Any) -> Any:
    """The first malformed part of a list of polygons (rings of [lon, lat] pairs), or None."""
    if not isinstance(polygons, list) or not polygons:
        return polygons
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return polygon
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                return ring
            for point in ring:
                if not _is_position(point):
                    return point
    return None


def _is_position(point: Any) -> bool:
    if not isinstance(point, list) or len(point) not in (2, 3):
        return False
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in point):
        return False
    return -180 <= point[0] <= 180 and -90 <= point[1] <= 90
