"""Maps of territorial control and foreign backing (folium), drawn from ``data/``.

Every function returns a ``folium.Map`` (or, for :func:`control_map_static`, a matplotlib Figure)
and shows nothing by itself. Labels and legends follow :func:`helpers.set_language`; all text in
popups and tooltips is HTML-escaped.

How maps work offline
---------------------
A plain folium map loads Leaflet, jQuery, Bootstrap and icon fonts from several CDNs, so in a
classroom without internet it stays blank. The kit's maps:

1. load **only Leaflet** (one script, one stylesheet): markers are circles and labels are text,
   so nothing else is needed. The per-map ``default_js``/``default_css`` lists are replaced on the
   map object itself, never on the ``folium.Map`` class, so other maps are not affected.
2. find Leaflet with a small loader script in the map's ``<head>``, trying in order:

   a. the kit's own copy, ``helpers/static/leaflet/``, served by the Jupyter server that shows
      the notebook. The loader takes the notebook page's address (``.../lab/tree/<folder>/x.ipynb``,
      with any JupyterHub or Binder prefix), turns it into the server's file address
      (``.../files/<folder>/``) and adds the path from the notebook's folder to
      ``helpers/static`` (computed in the kernel). This works locally, on Binder, on a
      JupyterHub and in a clone made by nbgitpuller, with no internet;
   b. ``../_static/leaflet/``, where ``make html`` puts Leaflet next to the exported pages of the
      static site (a USB stick or a school web server);
   c. the public CDN folium itself uses, for any other place the notebook is viewed online.

   ``set_asset_base(url)`` (or the environment variable ``KIT_ASSET_URL``) puts another address
   first.
3. draw the Natural Earth borders from ``data/`` as the base layer, with OpenStreetMap tiles only
   as an optional layer (off by default) in the layer control.

How maps reach every student (WCAG 2.1 AA)
------------------------------------------
Every function returns a :class:`KitMap`, a ``folium.Map`` that shows in a notebook as a
``<figure>``: the map's frame, titled (``<iframe title=...>``, and ``lang`` and ``<title>`` inside
it), then a caption that a screen reader reads right after the frame: what the map shows, the
date, how many places each side held, the source line, and a ``<details>`` toggle holding the
same facts as an HTML table with headers. The text sits in the map's own output, so it is there
in every notebook, on the static site and in the stored outputs without an extra cell, and a
screen-reader user does not have to find it elsewhere; :func:`as_table` gives the same facts as a
DataFrame for students who want to sort or filter them. On the map, every town is a marker
with its side's letter (G, L, ?, o) in a contrasting ink, reachable with the Tab key (Enter
opens its popup).

Examples
--------
>>> m = control_map("2020-06-10")
>>> isinstance(m, folium.Map), type(m).__name__
(True, 'KitMap')
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from branca.element import Element
from jinja2 import Template

from . import style
from .articles import quote, sentences
from .data import (
    changed_hands,
    control_on,
    describe_sources,
    load_actors,
    load_article_meta,
    load_backing,
    load_borders,
    load_places,
    load_snapshots,
    load_zones,
    nearest_snapshot,
    split_list,
)
from .i18n import by_lang, catalogue, get_language, t
from .style import INK
from .text import shorten

__all__ = ["KitMap", "control_map", "control_over_time", "compare", "article_places", "backers_map",
           "control_map_static", "as_table", "asset_dir", "set_asset_base", "html_size"]

CDN_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
CDN_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
#: South-west and north-east corners (lat, lon) of the view of Libya every control map opens on.
LIBYA_BOUNDS = [[19.5, 9.3], [33.3, 25.2]]
#: The view of the backers' map: from the Sahel to Europe, and from the Atlantic to the Gulf.
BACKERS_BOUNDS = [[10, -10], [56, 56]]
#: Extra room (degrees) around LIBYA_BOUNDS on the printed map: west, east, south, north (legend title).
_PRINT_MARGIN = (0.3, 0.3, 0.2, 0.7)
#: Places labelled on the printed map besides capitals and cities: the turning points of the war.
_PRINT_LABELLED = ("gharyan", "tarhuna", "al-watiya")
_asset_base: dict[str, str | None] = {"url": None}
# An http(s) address or a path, in the characters of RFC 3986 less quotes and parentheses.
_SAFE_URL = re.compile(r"(?:https?://[A-Za-z0-9.-]+(?::[0-9]+)?)?[A-Za-z0-9._~/%+-]*")

# Finds Leaflet and runs the map once it is there. The candidates are tried in order (see the
# module docstring); each is added with DOM calls, never document.write, and the page's own
# map script waits in __kitWhenLeaflet until one has loaded. Only the successful candidate's
# stylesheet stays, so no page asks a CDN for what it already has.
_LOADER_JS = """(function (c) {
  var queue = [];
  window.__kitWhenLeaflet = function (run) { if (window.L) { run(); } else { queue.push(run); } };
  var m = (document.baseURI || "").match(
    /^(.*?\\/)(?:(?:lab|doc)\\/(?:workspaces\\/[^/]+\\/)?tree\\/|notebooks\\/)((?:[^?#]*\\/)?)([^/?#]*)/);
  var bases = [];
  if (c.first) { bases.push(c.first.replace(/\\/?$/, "/")); }
  if (m) {
    bases.push(m[1] + "files/" + m[2] + c.rel);
    // JupyterLab's address sometimes names the notebook's folder, not the notebook (a link followed
    // again to a notebook the workspace already shows): try it as that folder too
    if (m[3] && m[3].indexOf(".") < 0) { bases.push(m[1] + "files/" + m[2] + m[3] + "/" + c.rel); }
  }
  bases.push("../_static/");
  var found = bases.map(function (b) { return {js: b + "leaflet/leaflet.js", css: b + "leaflet/leaflet.css"}; });
  found.push({js: c.cdnJs, css: c.cdnCss});
  function attempt(i) {
    if (i >= found.length) { return; }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = found[i].css;
    var js = document.createElement("script");
    js.src = found[i].js;
    js.onload = function () { while (queue.length) { queue.shift()(); } };
    js.onerror = function () { css.remove(); js.remove(); attempt(i + 1); };
    document.head.appendChild(css);
    document.head.appendChild(js);
  }
  if (!window.L) { attempt(0); }
})"""

# branca's page, with the map's script run by the loader once Leaflet is there.
# The page says its language and title, and lets the reader zoom (folium's viewport forbids it).
_PAGE = Template(
    "<!DOCTYPE html>\n<html lang=\"{{this.kit_lang}}\">\n<head>\n"
    "{% if this.title %}<title>{{this.title}}</title>{% endif %}"
    "    {{this.header.render(**kwargs) | replace(', maximum-scale=1.0, user-scalable=no', '')}}\n</head>\n<body>\n    {{this.html.render(**kwargs)}}\n</body>\n"
    "<script>\nwindow.__kitWhenLeaflet(function () {\n    {{this.script.render(**kwargs)}}\n});\n</script>\n</html>\n"
)


class KitMap(folium.Map):
    """A folium map that shows with a title, a text alternative and a table of the same facts.

    In a notebook it renders as ``<figure>`` holding the map's ``<iframe>`` (with a ``title``) and a
    ``<figcaption>``: the text alternative, the source line, and a ``<details>`` toggle with an
    HTML table. Its plain-text form is the text alternative. Set by the kit's map functions:
    ``kit_title``, ``kit_summary``, ``kit_columns``, ``kit_rows``, ``kit_lang``.

    Examples
    --------
    >>> m = control_map("2020-06-06", lang="en")
    >>> html = m._repr_html_()
    >>> '<iframe title="Interactive map: Who controlled what on 2020-06-06"' in html
    True
    >>> "<table" in html and "<details" in html and repr(m).startswith("Map of Libya on 2020-06-06")
    True
    """

    kit_title: str = ""
    kit_summary: str = ""
    kit_lang: str = "en"
    kit_columns: tuple[str, ...] = ()
    kit_rows: tuple[tuple[str, ...], ...] = ()

    def _repr_html_(self, **kwargs) -> str:
        frame = super()._repr_html_(**kwargs)
        title = html.escape(t("maps.frame_title", lang=self.kit_lang, title=self.kit_title))
        frame = frame.replace("<iframe ", f'<iframe title="{title}" ', 1)
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in self.kit_columns)
        body = "".join("<tr>" + f'<th scope="row">{html.escape(r[0])}</th>'
                       + "".join(f"<td>{html.escape(c)}</td>" for c in r[1:]) + "</tr>" for r in self.kit_rows)
        table = (f'<details><summary>{html.escape(t("maps.table.toggle", lang=self.kit_lang))}</summary>'
                 f'<table><caption>{html.escape(self.kit_title)}</caption><thead><tr>{head}</tr></thead>'
                 f"<tbody>{body}</tbody></table></details>")
        caption = (f'<figcaption style="font-size:0.9em;color:{INK["line"]}"><p>{html.escape(self.kit_summary)} '
                   f'{html.escape(t("maps.attribution", lang=self.kit_lang))}</p>{table}</figcaption>')
        return f'<figure class="kit-map" lang="{self.kit_lang}" style="margin:0">{frame}{caption}</figure>'

    def __repr__(self) -> str:
        return self.kit_summary or super().__repr__()


def as_table(m: KitMap) -> pd.DataFrame:
    """The facts a kit map shows, as a DataFrame (the same table as under the map).

    Examples
    --------
    >>> table = as_table(control_map("2020-06-06", lang="en"))
    >>> list(table.columns)[:2], len(table) == len(control_on("2020-06-06"))
    (['Place', 'Controlled by'], True)
    """
    if not isinstance(m, KitMap):
        raise TypeError(t("maps.not_a_kit_map", kind=type(m).__name__))
    return pd.DataFrame(list(m.kit_rows), columns=list(m.kit_columns))


def _describe(m: KitMap, lang: str, title: str, summary: str, columns: list[str], rows: list[tuple[str, ...]]) -> None:
    m.kit_lang, m.kit_title, m.kit_summary = lang, title, summary
    m.kit_columns, m.kit_rows = tuple(columns), tuple(tuple(str(c) for c in r) for r in rows)
    m.get_root().title = html.escape(title)


def _counts(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["controller"].astype(str).value_counts()
    return {"n": len(frame), "gna": int(counts.get("GNA", 0)), "lna": int(counts.get("LNA", 0)),
            "contested": int(counts.get("contested", 0)), "other": int(counts.get("other", 0))}


def _letter_key(lang: str) -> str:
    return t("maps.alt.letters", lang=lang, key=", ".join(f"{style.SIDE_LETTER[s]} = {style.side_label(s, lang=lang)}"
                                                          for s in style.PALETTE))


def _control_rows(frame: pd.DataFrame, lang: str, extra: dict[str, str] | None = None) -> list[tuple[str, ...]]:
    rows = []
    for _, row in frame.sort_values("name_en").iterrows():
        ctrl = str(row["controller"])
        cells = [_name(row, lang), f"{style.SIDE_LETTER[ctrl]}: {style.side_label(ctrl, lang=lang)}",
                 t(f"maps.confidence.{row['confidence']}", lang=lang), describe_sources(row["control_sources"], lang=lang, titles=False)]
        if extra is not None:
            cells.append(extra.get(row["place"], "—"))
        rows.append(tuple(cells))
    return rows


def _control_columns(lang: str, *, change: bool = False) -> list[str]:
    cols = [t("maps.col.place", lang=lang), t("maps.popup.controller", lang=lang), t("maps.popup.confidence", lang=lang),
            t("maps.popup.source", lang=lang)]
    return cols + [t("maps.popup.change", lang=lang)] if change else cols


def asset_dir() -> Path:
    """The folder holding the kit's copy of Leaflet (``helpers/static``)."""
    return Path(__file__).resolve().parent / "static"


def set_asset_base(url: str | None) -> None:
    """Try ``url`` (a folder holding ``leaflet/leaflet.js``) before the other places; None to reset.

    Only a web address (``http(s)://...``) or a path is accepted, made of the characters URLs
    use; anything else (quotes, ``<``, spaces, ``javascript:``) is refused with a ValueError, so
    a setting can never become a script in the page.

    Examples
    --------
    >>> set_asset_base("https://school.example/kit/static/")
    >>> set_asset_base(None)
    """
    if url is not None and not _safe_url(url):
        raise ValueError(t("maps.bad_asset_base", value=shorten(url)))
    _asset_base["url"] = url


def _safe_url(url: Any) -> bool:
    return isinstance(url, str) and bool(_SAFE_URL.fullmatch(url))


def _relative_static() -> str:
    try:
        rel = os.path.relpath(asset_dir(), os.getcwd())
    except ValueError:  # another drive on Windows
        rel = str(asset_dir())
    return rel.replace(os.sep, "/").rstrip("/") + "/"


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside a <script> element: no "</script>", no HTML comment, no entity."""
    text = json.dumps(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _loader_html() -> str:
    first = _asset_base["url"] or os.environ.get("KIT_ASSET_URL") or ""
    if not _safe_url(first):  # a bad KIT_ASSET_URL is ignored rather than trusted
        first = ""
    config = {"first": first, "rel": _relative_static(), "cdnJs": CDN_JS, "cdnCss": CDN_CSS}
    return f"<script>{_LOADER_JS}({_json_for_script(config)});</script>"


def _base_map(lang: str, *, tiles: bool = True, bounds=None) -> folium.Map:
    (south, west), (north, east) = LIBYA_BOUNDS
    m = KitMap(location=[(south + north) / 2, (west + east) / 2], zoom_start=5, tiles=None, control_scale=True, prefer_canvas=False)
    m.default_js = []
    m.default_css = []
    m.get_root()._template = _PAGE
    m.get_root().kit_lang = lang
    m.get_root().header.add_child(Element(_loader_html()), name="kit_leaflet_loader")
    m.get_root().header.add_child(Element(
        f"<style>.kit-legend{{background:{INK['paper']};padding:6px 8px;border:1px solid {INK['legend_frame']};"
        "font:12px sans-serif;line-height:1.5}"
        ".kit-legend .sw{display:inline-block;width:14px;height:14px;border-radius:7px;vertical-align:middle;"
        f"border:1px solid {INK['text']};font-size:10px;font-weight:bold;text-align:center;line-height:14px;margin-right:4px}}"
        f".kit-pin{{display:block;box-sizing:border-box;width:100%;height:100%;border-radius:50%;border:1.5px solid {INK['text']};"
        "font:bold 11px/15px sans-serif;text-align:center}"
        f".kit-pin.big{{border:3px solid {INK['text']};line-height:14px;font-size:12px}}"
        ".kit-town:focus{outline:3px solid #000;outline-offset:2px}"
        ".kit-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
        "</style>"), name="kit_style")
    borders = _simplified_borders()
    folium.GeoJson(
        borders, name=t("maps.layer.borders", lang=lang),
        style_function=lambda f: {"color": INK["border"], "weight": 1, "fillColor": INK["land"], "fillOpacity": 1.0},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
        control=False,
    ).add_to(m)
    if tiles:
        folium.TileLayer("OpenStreetMap", name=t("maps.layer.osm", lang=lang), overlay=True, show=False,
                         attr="© OpenStreetMap contributors").add_to(m)
    m.fit_bounds(bounds or LIBYA_BOUNDS)
    attribution = html.escape(t("maps.attribution", lang=lang))
    m.get_root().html.add_child(Element(
        f'<div style="position:absolute;bottom:2px;left:90px;z-index:999;font:10px sans-serif;background:{INK["attribution_bg"]};'
        f'padding:1px 4px">{attribution}</div>'))
    return m


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
    borders = load_borders()
    features = []
    for feature in borders["features"]:
        geom = feature["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        simple = []
        for poly in polygons:
            ring = _simplify_ring(poly[0], 0.03)
            if len(ring) >= 4:
                simple.append([ring])
        iso = feature["properties"].get("iso_a3", "")
        features.append({"type": "Feature", "properties": {"iso_a3": iso},
                         "geometry": {"type": "MultiPolygon", "coordinates": simple}})
    return json.dumps({"type": "FeatureCollection", "features": features})


def _simplified_borders() -> dict[str, Any]:
    collection = json.loads(_borders_geojson())
    lang = get_language()
    for feature in collection["features"]:
        iso = feature["properties"]["iso_a3"]
        key = f"maps.country.{iso}"
        feature["properties"]["label"] = html.escape(t(key, lang=lang) if key in catalogue() else iso)
    return collection


def _zones_for(date_iso: str) -> list[dict[str, Any]]:
    return [f for f in load_zones()["features"] if f["properties"]["date"] == date_iso]


def _name(row: Any, lang: str) -> str:
    return str(by_lang(row, "name", lang))


def _info(rows: list[tuple[str, str]]) -> str:
    """Popup text as escaped HTML lines (shown by a GeoJsonPopup; folium.Popup would need jQuery)."""
    return "<br>".join(f"<b>{html.escape(k)}</b>: {html.escape(v)}" for k, v in rows)


def _add_zones(layer, date_iso: str, lang: str) -> None:
    for feature in _zones_for(date_iso):
        ctrl = feature["properties"]["controller"]
        label = html.escape(f"{style.side_label(ctrl, lang=lang)} — {t('maps.approximate', lang=lang)}")
        folium.GeoJson(
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"label": label},
                                                          "geometry": feature["geometry"]}]},
            style_function=lambda f, c=style.PALETTE[ctrl]: {"color": c, "weight": 0, "fillColor": c, "fillOpacity": 0.28},
            tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
            control=False,
        ).add_to(layer)


def _add_towns(layer, frame, lang: str, *, highlight: set[str] | None = None, extra: dict[str, str] | None = None) -> int:
    """Towns as one GeoJSON layer of circle markers (much lighter than one folium marker each)."""
    features = []
    for _, row in frame.iterrows():
        ctrl = str(row["controller"])
        name = _name(row, lang)
        rows = [(t("maps.popup.name", lang=lang), f"{row['name_id']} / {row['name_en']}"),
                (t("maps.popup.controller", lang=lang), style.side_label(ctrl, lang=lang)),
                (t("maps.popup.confidence", lang=lang), t(f"maps.confidence.{row['confidence']}", lang=lang)),
                (t("maps.popup.source", lang=lang), describe_sources(row["control_sources"], lang=lang, titles=False))]
        if extra and row["place"] in extra:
            rows.append((t("maps.popup.change", lang=lang), extra[row["place"]]))
        big = highlight is not None and row["place"] in highlight
        tip = html.escape(f"{name} — {style.SIDE_LETTER[ctrl]}: {style.side_label(ctrl, lang=lang)}")
        if big:
            tip += html.escape(f" ({extra[row['place']]})") if extra and row["place"] in extra else ""
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [round(float(row["lon"]), 4), round(float(row["lat"]), 4)]},
                         "properties": {"tip": tip, "info": _info(rows), "fill": style.PALETTE[ctrl], "big": big,
                                        "side": ctrl}})
    if features:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            marker=folium.Marker(icon=folium.DivIcon(class_name="kit-town", icon_size=(16, 16), icon_anchor=(8, 8))),
            style_function=lambda f: _pin(f["properties"]),
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
            popup=folium.GeoJsonPopup(fields=["info"], labels=False, max_width=320),
            control=False,
        ).add_to(layer)
    return len(features)


def _pin(props: dict[str, Any]) -> dict[str, Any]:
    """DivIcon options for a town: a disc of the side's colour with its letter, named for screen readers."""
    side, big = props["side"], props["big"]
    size = 22 if big else 16
    letter = style.SIDE_LETTER[side]
    return {"html": f'<span class="kit-pin{" big" if big else ""}" style="background:{style.PALETTE[side]};'
                    f'color:{style.LETTER_INK[side]}"><span aria-hidden="true">{letter}</span>'
                    f'<span class="kit-sr">{props["tip"]}</span></span>',
            "iconSize": [size, size], "iconAnchor": [size // 2, size // 2]}


def _legend(m: folium.Map, title: str, lang: str, *, statuses: bool = False, note: str | None = None) -> None:
    items = "".join(
        f'<div><span class="sw" style="background:{style.PALETTE[s]};color:{style.LETTER_INK[s]}" aria-hidden="true">'
        f"{style.SIDE_LETTER[s]}</span>"
        f"{html.escape(style.side_label(s, lang=lang))}</div>" for s in (("GNA", "LNA") if statuses else style.PALETTE))
    if statuses:
        items += "".join(
            f'<div><svg width="34" height="8" aria-hidden="true"><line x1="0" y1="4" x2="34" y2="4" stroke="{INK["line"]}" stroke-width="2" '
            f'stroke-dasharray="{style.STATUS_DASH[s] or "none"}"/></svg> {html.escape(style.status_label(s, lang=lang))}</div>'
            for s in style.STATUS_ORDER)
    note_html = f"<div><i>{html.escape(note)}</i></div>" if note else ""
    m.get_root().html.add_child(Element(
        f'<div class="kit-legend" role="note" style="position:absolute;bottom:24px;right:10px;z-index:999;max-width:280px">'
        f"<b>{html.escape(title)}</b>{items}{note_html}</div>"))


def _iso(value: Any) -> str:
    return nearest_snapshot(value).date().isoformat()


def control_map(date: Any, *, lang: str | None = None, tiles: bool = True) -> folium.Map:
    """Who controlled which town on the snapshot nearest (on or before) ``date``.

    Approximate zones are shaded, towns are circles coloured and lettered by controller, each
    with a popup (names in both languages, controller, confidence, source).

    Examples
    --------
    >>> "Gharyan" in control_map("2019-04-10", lang="en").get_root().render()
    True
    """
    lang = lang or get_language()
    day = _iso(date)
    m = _base_map(lang, tiles=tiles)
    _add_zones(m, day, lang)
    frame = control_on(day)
    _add_towns(m, frame, lang)
    title = t("maps.title.control", lang=lang, date=day)
    _legend(m, title, lang, note=t("maps.zones_note", lang=lang))
    _describe(m, lang, title, t("maps.alt.control", lang=lang, date=day, **_counts(frame)) + " " + _letter_key(lang),
              _control_columns(lang), _control_rows(frame, lang))
    if tiles:
        folium.LayerControl(collapsed=False).add_to(m)
    return m


def control_over_time(*, lang: str | None = None) -> folium.Map:
    """One map with a layer per snapshot date: pick a date in the layer control to watch the war move.

    Examples
    --------
    >>> m = control_over_time(lang="id")
    >>> "2020-06-06" in m.get_root().render()
    True
    """
    lang = lang or get_language()
    m = _base_map(lang)
    snapshots = load_snapshots()
    days, held, counts = [], {}, []
    for n, row in enumerate(snapshots.itertuples()):
        day = row.date.date().isoformat()
        label = f"{day}: {by_lang(row, 'label', lang)}"
        layer = folium.FeatureGroup(name=html.escape(label), overlay=False, show=(n == 0))
        _add_zones(layer, day, lang)
        frame = control_on(day)
        _add_towns(layer, frame, lang)
        layer.add_to(m)
        days.append(day)
        counts.append(t("maps.alt.counts", lang=lang, date=day, **_counts(frame)))
        for _, place in frame.iterrows():
            held.setdefault(_name(place, lang), {})[day] = t(f"maps.short.{place['controller']}", lang=lang)
    title = t("maps.title.over_time", lang=lang)
    _legend(m, title, lang, note=t("maps.zones_note", lang=lang))
    _describe(m, lang, title,
              t("maps.alt.over_time", lang=lang, n=len(days), first=days[0], last=days[-1], counts="; ".join(counts)),
              [t("maps.col.place", lang=lang), *days],
              [(name, *(by_day.get(d, "—") for d in days)) for name, by_day in sorted(held.items())])
    folium.LayerControl(collapsed=False).add_to(m)
    return m


def compare(date_a: Any, date_b: Any, *, lang: str | None = None) -> folium.Map:
    """Control on ``date_b``, with the places that changed hands since ``date_a`` ringed in black.

    Examples
    --------
    >>> "Tarhuna" in compare("2020-01-07", "2020-06-06", lang="en").get_root().render()
    True
    """
    lang = lang or get_language()
    day_a, day_b = _iso(date_a), _iso(date_b)
    moved = changed_hands(day_a, day_b)
    changes = {r.place: f"{style.side_label(r.before, lang=lang)} → {style.side_label(r.after, lang=lang)}"
               for r in moved.itertuples()}
    m = _base_map(lang)
    _add_zones(m, day_b, lang)
    frame = control_on(day_b)
    _add_towns(m, frame, lang, highlight=set(changes), extra=changes)
    title = t("maps.title.compare", lang=lang, a=day_a, b=day_b, n=len(changes))
    _legend(m, title, lang, note=t("maps.compare_note", lang=lang))
    names = dict(zip(frame["place"], (_name(r, lang) for _, r in frame.iterrows())))
    moved_text = "; ".join(f"{names.get(p, p)}: {c}" for p, c in changes.items()) or "—"
    _describe(m, lang, title,
              t("maps.alt.compare", lang=lang, a=day_a, b=day_b, moved=len(changes), changes=moved_text, **_counts(frame))
              + " " + _letter_key(lang),
              _control_columns(lang, change=True), _control_rows(frame, lang, extra=changes))
    folium.LayerControl(collapsed=False).add_to(m)
    return m


def article_places(article: str, *, lang: str | None = None) -> folium.Map:
    """Every place an article names, with the sentences that name it, and the front line of its date.

    Examples
    --------
    >>> "A.p16.s01" in article_places("A", lang="en").get_root().render()
    True
    """
    lang = lang or get_language()
    key = str(article).strip().upper()
    ids = set(sentences(key)["sentence"])  # raises a friendly error for an unknown article
    meta = load_article_meta().set_index("article")
    day = meta.loc[key, "published"]
    places = load_places()
    named = places[places["sentences"].map(lambda s: bool(ids & set(split_list(s))))]
    libyan = named[named["country"] == "LBY"]
    m = _base_map(lang, bounds=LIBYA_BOUNDS if len(libyan) == len(named) else None)
    layer_named = folium.FeatureGroup(name=html.escape(t("maps.layer.named", lang=lang, article=key)))
    features = []
    for _, row in named.iterrows():
        quotes = [quote(sid, lang=lang) for sid in split_list(row["sentences"]) if sid in ids]
        features.append({"type": "Feature",
                         "geometry": {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]},
                         "properties": {"label": html.escape(_name(row, lang)),
                                        "info": f"<b>{html.escape(_name(row, lang))}</b><br>"
                                                + "<br>".join(html.escape(q).replace(chr(10), "<br>") for q in quotes)}})
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        marker=folium.CircleMarker(radius=5, fill=True, fill_opacity=1, class_name="kit-named"),
        style_function=lambda f: {"color": INK["text"], "fillColor": INK["paper"], "weight": 2},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, sticky=False),
        popup=folium.GeoJsonPopup(fields=["info"], labels=False, max_width=340),
        control=False,
    ).add_to(layer_named)
    layer_named.add_to(m)
    front = control_on(day)
    front = front[front["controller"].astype(str) == "contested"]
    layer_front = folium.FeatureGroup(name=html.escape(t("maps.layer.front", lang=lang, date=day.date().isoformat())))
    _add_towns(layer_front, front, lang)
    layer_front.add_to(m)
    title = t("maps.title.article", lang=lang, article=key, date=day.date().isoformat())
    _legend(m, title, lang)
    named_names = sorted(_name(r, lang) for _, r in named.iterrows())
    front_names = sorted(_name(r, lang) for _, r in front.iterrows())
    rows = [(_name(r, lang), t("maps.table.named", lang=lang, article=key),
             ", ".join(sid for sid in split_list(r["sentences"]) if sid in ids)) for _, r in named.iterrows()]
    rows += [(_name(r, lang), t("maps.table.front", lang=lang, date=day.date().isoformat()), "—") for _, r in front.iterrows()]
    _describe(m, lang, title,
              t("maps.alt.article", lang=lang, article=key, n=len(named), places=", ".join(named_names),
                date=day.date().isoformat(), front=len(front), front_places=", ".join(front_names) or "—"),
              [t("maps.col.place", lang=lang), t("maps.col.layer", lang=lang), t("maps.col.sentences", lang=lang)], rows)
    folium.LayerControl(collapsed=False).add_to(m)
    if len(libyan) != len(named):
        m.fit_bounds([[named["lat"].min(), named["lon"].min()], [named["lat"].max(), named["lon"].max()]])
    return m


def backers_map(*, lang: str | None = None) -> folium.Map:
    """Foreign backers linked to the side they backed: colour by side, line style by evidence.

    A line joins the backer's home (``home`` in data/actors.csv) to Tripoli (GNA) or Benghazi
    (LNA); when a backing is both reported and denied, the line shows the strongest evidence and
    the popup lists every status with its sources.

    Examples
    --------
    >>> "Ankara" in backers_map(lang="en").get_root().render()
    True
    """
    lang = lang or get_language()
    places = load_places().set_index("place")
    actors = load_actors().set_index("actor")
    backing = load_backing()
    m = _base_map(lang, bounds=BACKERS_BOUNDS)
    targets = {"GNA": "tripoli", "LNA": "benghazi"}
    lines, homes, facts, sides, denied = [], {}, [], [], 0
    for (backer, side), group in backing.groupby(["backer", "side"], observed=True, sort=True):
        home = actors.loc[backer, "home"]
        if not home:
            continue
        statuses = [s for s in style.STATUS_ORDER if s in set(group["status"].astype(str))]
        shown = statuses[0]
        start, end = places.loc[home], places.loc[targets[str(side)]]
        name = by_lang(actors.loc[backer], "name", lang)
        rows = [(t("maps.popup.backer", lang=lang), name), (t("maps.popup.side", lang=lang), style.side_label(str(side), lang=lang))]
        rows += [(style.support_label(r.support, lang=lang),
                  f"{style.status_label(r.status, lang=lang)} ({describe_sources(r.sources, lang=lang, titles=False)})") for r in group.itertuples()]
        lines.append({"type": "Feature",
                      "geometry": {"type": "LineString", "coordinates": [[float(start["lon"]), float(start["lat"])],
                                                                         [float(end["lon"]), float(end["lat"])]]},
                      "properties": {"tip": html.escape(f"{name} → {style.side_label(str(side), lang=lang)}: "
                                                        f"{style.status_label(shown, lang=lang)}"),
                                     "info": _info(rows), "colour": style.PALETTE[str(side)], "status": shown}})
        homes[home] = _name(places.loc[home], lang)
        facts.append((name, style.side_label(str(side), lang=lang), _name(places.loc[home], lang),
                      "; ".join(f"{style.support_label(r.support, lang=lang)}: {style.status_label(r.status, lang=lang)}"
                                for r in group.itertuples())))
        sides.append(str(side))
        denied += shown == "denied"
    folium.GeoJson(
        {"type": "FeatureCollection", "features": lines},
        style_function=lambda f: {"color": f["properties"]["colour"], "weight": 3, "opacity": 1,
                                  "dashArray": style.STATUS_DASH[f["properties"]["status"]]},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        popup=folium.GeoJsonPopup(fields=["info"], labels=False, max_width=360),
        control=False,
    ).add_to(m)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(places.loc[h, "lon"]), float(places.loc[h, "lat"])]},
             "properties": {"label": html.escape(label)}} for h, label in sorted(homes.items())]},
        marker=folium.CircleMarker(radius=4, fill=True, fill_opacity=1, class_name="kit-capital"),
        style_function=lambda f: {"color": INK["text"], "fillColor": INK["text"], "weight": 1},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, sticky=False),
        control=False,
    ).add_to(m)
    title = t("maps.title.backers", lang=lang)
    _legend(m, title, lang, statuses=True, note=t("maps.backers_note", lang=lang))
    _describe(m, lang, title,
              t("maps.alt.backers", lang=lang, n=len(facts), gna=sides.count("GNA"), lna=sides.count("LNA"), denied=denied),
              [t("maps.popup.backer", lang=lang), t("maps.popup.side", lang=lang), t("maps.col.home", lang=lang),
               t("maps.col.evidence", lang=lang)], facts)
    folium.LayerControl(collapsed=False).add_to(m)
    return m


def control_map_static(date: Any, *, lang: str | None = None):
    """The same content as :func:`control_map` drawn with matplotlib (no JavaScript), for print.

    Returns a :class:`helpers.charts.KitFigure` with ``alt_text``.

    Examples
    --------
    >>> fig = control_map_static("2020-06-06", lang="en")
    >>> "2020-06-06" in fig.alt_text
    True
    """
    # matplotlib loads only when a printed map is asked for: the folium maps do not need it
    from matplotlib.patches import Polygon as MplPolygon

    from .charts import new_figure

    lang = lang or get_language()
    day = _iso(date)
    frame = control_on(day)
    with style.chart_style():
        fig, ax = new_figure(figsize=(7.5, 6.5))
        for feature in load_borders()["features"]:
            geom = feature["geometry"]
            for poly in geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]:
                ax.add_patch(MplPolygon(poly[0], closed=True, facecolor=INK["land"], edgecolor=INK["border_print"], linewidth=0.6))
        for feature in _zones_for(day):
            colour = style.PALETTE[feature["properties"]["controller"]]
            for poly in feature["geometry"]["coordinates"]:
                ax.add_patch(MplPolygon(poly[0], closed=True, facecolor=colour, alpha=0.25, linewidth=0))
        for ctrl in style.PALETTE:
            part = frame[frame["controller"].astype(str) == ctrl]
            ax.scatter(part["lon"], part["lat"], s=42, marker=style.SIDE_MARKER[ctrl], color=style.PALETTE[ctrl],
                       edgecolor="black", linewidth=0.6, label=f"{style.side_label(ctrl, lang=lang)} ({len(part)})", zorder=3)
        for _, row in frame.iterrows():
            if row["kind"] in ("capital", "city") or row["place"] in _PRINT_LABELLED:
                ax.annotate(_name(row, lang), (row["lon"], row["lat"]), xytext=(4, 3), textcoords="offset points",
                            fontsize=8, zorder=4, parse_math=False)
        (south, west), (north, east) = LIBYA_BOUNDS
        pad_w, pad_e, pad_s, pad_n = _PRINT_MARGIN
        ax.set_xlim(west - pad_w, east + pad_e)
        ax.set_ylim(south - pad_s, north + pad_n)
        ax.set_aspect(1.15)
        ax.set_xlabel(t("maps.static.lon", lang=lang))
        ax.set_ylabel(t("maps.static.lat", lang=lang))
        ax.set_title(t("maps.title.control", lang=lang, date=day))
        ax.legend(loc="lower left", fontsize=8, title=t("maps.zones_note", lang=lang), title_fontsize=7)
        fig.text(0.01, 0.005, t("maps.attribution", lang=lang), fontsize=7, color=INK["caption"])
    counts = frame["controller"].astype(str).value_counts()
    fig.alt_text = t("maps.static.alt", lang=lang, date=day, gna=int(counts.get("GNA", 0)), lna=int(counts.get("LNA", 0)),
                     contested=int(counts.get("contested", 0)), other=int(counts.get("other", 0)))
    return fig


def html_size(m: folium.Map) -> int:
    """Size in bytes of a map's HTML as a notebook would store it.

    Examples
    --------
    >>> html_size(control_map("2020-06-06")) < 200_000
    True
    """
    return len(m._repr_html_().encode("utf-8"))
