"""The page around every kit map: the base layer, a titled frame, a legend, a text alternative.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.maps.page``.

Examples
--------
>>> m = base_map("en")
>>> isinstance(m, KitMap) and "window.__kitWhenLeaflet" in m.get_root().render()
True
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
from string import Template as Fill
from typing import Any

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from .. import style
from ..data import load_borders
from ..i18n import catalogue, t
from ..style import INK
from ..text import table_html
from .leaflet import asset_dir, loader_html

__all__ = ["LIBYA_BOUNDS", "KitMap", "add_layer_control", "add_legend", "base_map", "html_size", "polygons"]

#: South-west and north-east corners (lat, lon) of the view of Libya every control map opens on.
LIBYA_BOUNDS = [[19.5, 9.3], [33.3, 25.2]]

# branca's page, with the map's script run by the loader once Leaflet is there.
# The page says its language and title, and lets the reader zoom (folium's viewport forbids it).
_PAGE = Template(
    '<!DOCTYPE html>\n<html lang="{{this.kit_lang}}">\n<head>\n'
    "{% if this.title %}<title>{{this.title}}</title>{% endif %}"
    "    {{this.header.render(**kwargs) | replace(', maximum-scale=1.0, user-scalable=no', '')}}\n</head>\n<body><main>\n    {{this.html.render(**kwargs)}}\n</main></body>\n"
    "<script>\nwindow.__kitWhenLeaflet(function () {\n    {{this.script.render(**kwargs)}}\n});\n</script>\n</html>\n"
)


_UNTRUSTED = '<span style="color:#565656">Make this Notebook Trusted to load map: File -> Trust Notebook'
#: The zones' patterns, as SVG paths in an 8 px tile (:data:`helpers.style.ZONE_HATCH` says them for matplotlib).
ZONE_PATTERNS = {
    "GNA": "M0 4H8",
    "LNA": "M0 8L8 0M-1 1L1 -1M7 9L9 7",
    "contested": "M0 8L8 0M0 0L8 8",
    "other": "M3 4H5",
}
_DEFS = "".join(
    f'<pattern id="kit-zone-{s}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" '
    f'fill="{c}" fill-opacity="0.28"/><path d="{ZONE_PATTERNS[s]}" stroke="{INK["line"]}" stroke-width="1.2"/></pattern>'
    for s, c in style.PALETTE.items()
)
#: The page's styles and its keyboard (kitKeys, kitLayers): helpers/static/maps, whose comments say why.
_CSS, _JS = (
    re.sub(r"/\*.*?\*/\s*", "", (asset_dir() / "maps" / f).read_text("utf-8"), flags=re.S)
    for f in ("page.css", "keys.js")
)
_KEYS = Template(
    "{% macro script(this, kwargs) %}kitKeys({{ this._parent.get_name() }}, {{ this.label | tojson }});{% endmacro %}"
)


class KitMap(folium.Map):
    """A folium map that shows with a title, a text alternative and a table of the same facts.

    In a notebook it renders as ``<figure>`` holding the map's ``<iframe>`` (with a ``title``) and a
    ``<figcaption>``: the text alternative, the source line, and a ``<details>`` toggle with an
    HTML table. Its plain-text form is the text alternative. The kit's map functions set them
    with :meth:`describe`.

    Examples
    --------
    >>> m = base_map("en")
    >>> m.describe("en", "Borders", "Map of Libya and its neighbours.", ["Country"], [("Libya",)])
    >>> page = m._repr_html_()
    >>> '<iframe title="Interactive map: Borders"' in page and "<details" in page
    True
    >>> repr(m)
    'Map of Libya and its neighbours.'
    """

    kit_title: str = ""
    kit_summary: str = ""
    kit_lang: str = "en"
    kit_columns: tuple[str, ...] = ()
    kit_rows: tuple[tuple[str, ...], ...] = ()

    def describe(self, lang: str, title: str, summary: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Give the map its title, text alternative and table (one row per place, the place first)."""
        self.kit_lang, self.kit_title, self.kit_summary = lang, title, summary
        self.kit_columns, self.kit_rows = tuple(columns), tuple(tuple(str(c) for c in r) for r in rows)
        self.get_root().title = html.escape(title)

    def _repr_html_(self, **kwargs) -> str:
        # elements named by their place in the map, not at random: a re-run notebook stays byte-identical
        seed, root = f"{self.kit_lang}\n{self.kit_title}\n{self.kit_summary}", self.get_root()
        todo = [(root, ""), (root.header, "h"), (root.html, "b"), (root.script, "s")]
        for element, place in todo:  # each map is its own page (<iframe>): two maps may share names
            element._id = hashlib.sha256(f"{seed}\n{place}".encode()).hexdigest()[:32]
            todo += [(child, f"{place}/{i}") for i, child in enumerate(element._children.values())]
        frame = super()._repr_html_(**kwargs)
        title = html.escape(t("maps.frame_title", lang=self.kit_lang, title=self.kit_title))
        frame = frame.replace("<iframe ", f'<iframe title="{title}" ', 1)
        # folium's own notice, shown by an untrusted notebook instead of the map, in the kit's language; the
        # <style> that hides it (from screen readers too) goes with the map, as an untrusted notebook drops both
        said = html.escape(t("maps.untrusted", lang=self.kit_lang))
        narrow = "@media (max-width:800px){.kit-map>div>div{padding-bottom:200%!important}}"  # room for the legend
        said = f'<style>.kit-untrusted{{display:none}}{narrow}</style><span class="kit-untrusted">{said}'
        frame = frame.replace(_UNTRUSTED, said, 1)
        toggle = t("maps.table.toggle", lang=self.kit_lang)
        table = table_html(toggle, self.kit_title, self.kit_columns, self.kit_rows)
        caption = (
            f'<figcaption style="font-size:0.9em;color:{INK["line"]}"><p>{html.escape(self.kit_summary)} '
            f"{html.escape(t('maps.attribution', lang=self.kit_lang))}</p>{table}</figcaption>"
        )
        named = f'lang="{self.kit_lang}" aria-label="{html.escape(self.kit_title)}"'  # not by its long caption
        return f'<figure class="kit-map" {named} style="margin:0">{frame}{caption}</figure>'

    def __repr__(self) -> str:
        return self.kit_summary or super().__repr__()


def base_map(lang: str, *, tiles: bool = True, bounds: list[list[float]] | None = None) -> KitMap:
    """An empty kit map in ``lang``: borders, optional street tiles, the source line, fitted to ``bounds``.

    The view opens on Libya (:data:`LIBYA_BOUNDS`) unless ``bounds`` says otherwise.
    """
    (south, west), (north, east) = LIBYA_BOUNDS
    m = KitMap(location=[(south + north) / 2, (west + east) / 2], zoom_start=5, tiles=None, control_scale=True)
    m.default_js, m.default_css = [], []  # only Leaflet, found by loader_html
    m.get_root()._template = _PAGE
    m.get_root().kit_lang = lang
    m.get_root().header.add_child(Element(loader_html()), name="kit_leaflet_loader")
    page = f"<style>{Fill(_CSS).substitute(INK)}</style><script>{_JS}</script>"
    m.get_root().header.add_child(Element(page), name="kit_style")
    folium.GeoJson(
        _simplified_borders(lang),
        name=t("maps.layer.borders", lang=lang),
        style_function=lambda f: {"color": INK["border"], "weight": 1, "fillColor": INK["land"], "fillOpacity": 1.0},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
        control=False,
    ).add_to(m)
    if tiles:
        osm = t("maps.layer.osm", lang=lang)
        folium.TileLayer(
            "OpenStreetMap", name=osm, overlay=True, show=False, attr="© OpenStreetMap contributors"
        ).add_to(m)
    m.fit_bounds(bounds or LIBYA_BOUNDS)
    attribution = html.escape(t("maps.attribution", lang=lang))
    m.get_root().html.add_child(
        Element(
            f'<div class="kit-source" style="position:absolute;bottom:2px;left:90px;z-index:999;font:10px sans-serif;background:{INK["attribution_bg"]};'
            f'padding:1px 4px">{attribution}</div><svg width="0" height="0" style="position:absolute" aria-hidden="true">'
            f"<defs>{_DEFS}</defs></svg>"
        )
    )
    keys = MacroElement()
    keys._template, keys.label = _KEYS, t("maps.skip", lang=lang)
    keys.add_to(m)
    return m


def html_size(m: folium.Map) -> int:
    """Size in bytes of a map's HTML as a notebook would store it.

    Examples
    --------
    >>> html_size(base_map("en")) < 200_000
    True
    """
    if not isinstance(m, folium.Map):
        raise TypeError(t("maps.not_a_kit_map", function="html_size", kind=type(m).__name__))
    return len(m._repr_html_().encode("utf-8"))


_FOLDED = Template(
    "{% macro script(this, kwargs) %}kitLayers({{ this.control.get_name() }}, {{ this.label | tojson }},"
    " {{ this.open | tojson }});{% endmacro %}"
)


def add_layer_control(m: folium.Map, *, folded: str | None = None) -> None:
    """Add the layer control, open in the top right corner (folded where the map is narrow); or, with
    ``folded``, folded to a button that says ``folded`` and opens on click or Enter, so its list covers no town until asked."""
    control = folium.LayerControl(collapsed=folded is not None)
    control.add_to(m)
    labelled = MacroElement()
    labelled._template, labelled.control, labelled.open = _FOLDED, control, folded is None
    labelled.label = folded or t("maps.layers_button", lang=m.get_root().kit_lang)
    labelled.add_to(m)


def add_legend(m: folium.Map, title: str, lang: str, *, statuses: bool = False, note: str | None = None) -> None:
    """Put the legend in the map's corner: the title, each side's colour and letter, and a note.

    With ``statuses``, only the two sides, and one line style per status of evidence (backers' map).
    """
    zone = (
        '<svg width="20" height="14" aria-hidden="true"><rect width="20" height="14" fill="url(#kit-zone-{})"/></svg> '
    )
    items = "".join(
        f'<div><span class="sw" style="background:{style.PALETTE[s]};color:{style.LETTER_INK[s]}" aria-hidden="true">'
        f"{style.SIDE_LETTER[s]}</span>{'' if statuses else zone.format(s)}{html.escape(style.side_label(s, lang=lang))}</div>"
        for s in (("GNA", "LNA") if statuses else style.PALETTE)
    )
    if statuses:
        items += "".join(
            f'<div><svg width="34" height="8" aria-hidden="true"><line x1="0" y1="4" x2="34" y2="4" stroke="{INK["line"]}" stroke-width="2" '
            f'stroke-dasharray="{style.STATUS_DASH[s] or "none"}"/></svg> {html.escape(style.status_label(s, lang=lang))}</div>'
            for s in style.STATUS_ORDER
        )
    note_html = f"<div><i>{html.escape(note)}</i></div>" if note else ""
    m.get_root().html.add_child(
        Element(
            f'<div class="kit-legend" role="note" style="position:absolute;bottom:24px;right:10px;z-index:999;max-width:280px">'
            f'<h1 style="font-size:1em;margin:0">{html.escape(title)}</h1>{items}{note_html}</div>'
        )
    )


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


def _simplified_borders(lang: str) -> dict[str, Any]:
    """The simplified borders as GeoJSON, each country labelled in ``lang`` (``label``, HTML-escaped).

    Examples
    --------
    >>> [f["properties"]["label"] for f in _simplified_borders("id")["features"] if f["properties"]["iso_a3"] == "EGY"]
    ['Mesir']
    """
    collection = json.loads(_borders_geojson())
    for feature in collection["features"]:
        iso = feature["properties"]["iso_a3"]
        key = f"maps.country.{iso}"
        feature["properties"]["label"] = html.escape(t(key, lang=lang) if key in catalogue() else iso)
    return collection
