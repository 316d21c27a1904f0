"""The page around every kit map: Leaflet found offline, the base layer, a titled frame.

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
   first;
3. or, where no Jupyter server serves the kit's files to the page, carry Leaflet **inline**: its
   script and stylesheet (images as ``data:`` addresses) go into the map's own page, which then
   asks nothing of any server. The kernel decides, from its environment (:func:`launch_platform`):

   - **VS Code** (and other editors built on it) shows outputs in a webview, with no Jupyter
     ``/files/`` route; its Jupyter extension starts kernels with VS Code's own variables
     (``VSCODE_PID``, and ``VSCODE_CWD`` also under WSL and remote set-ups: see
     microsoft/vscode-jupyter#3364 and holoviz/panel#5200, which detect VS Code the same way);
   - **Voilà** serves pages under ``/voila/render/...`` and files under ``/voila/files/...``, but
     only the types of its ``file_allowlist`` (images by default, not ``.js`` or ``.css``). It
     starts each kernel with CGI-style variables, ``SERVER_SOFTWARE=voila/<version>``,
     ``SCRIPT_NAME`` and ``VOILA_BASE_URL`` (voila/handler.py); a pre-started kernel of Voilà's
     pool has ``VOILA_PREHEAT``.

   Everywhere else Leaflet stays out of the map (inlined, it would add about 160 KB to every map
   and break the maps' size budget, ``benchmarks/maps_bench.py``). ``KIT_ASSET_URL=inline`` or
   ``set_asset_base("inline")`` asks for inline Leaflet anywhere; any other setting (an address)
   is tried first, as in 2, and turns the detection off. ``tools/notebooks.py`` builds the
   committed notebooks without the VS Code variables, so a notebook built from VS Code's terminal
   stays small.
4. draw the Natural Earth borders from ``data/`` as the base layer, with OpenStreetMap tiles only
   as an optional layer (off by default) in the layer control.

Examples
--------
>>> m = _base_map("en")
>>> isinstance(m, KitMap) and "window.__kitWhenLeaflet" in m.get_root().render()
True
"""

from __future__ import annotations

import base64
import functools
import html
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import folium
from branca.element import Element
from jinja2 import Template

from . import style
from .data import load_borders, load_zones, nearest_snapshot
from .i18n import by_lang, catalogue, get_language, t
from .style import INK
from .text import shorten

__all__ = [
    "CDN_CSS",
    "CDN_JS",
    "INLINE",
    "LIBYA_BOUNDS",
    "KitMap",
    "asset_dir",
    "html_size",
    "launch_platform",
    "set_asset_base",
]

CDN_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
CDN_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
#: South-west and north-east corners (lat, lon) of the view of Libya every control map opens on.
LIBYA_BOUNDS = [[19.5, 9.3], [33.3, 25.2]]
_asset_base: dict[str, str | None] = {"url": None}
#: The asset setting (``KIT_ASSET_URL`` or :func:`set_asset_base`) that puts Leaflet into each map.
INLINE = "inline"
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
    '<!DOCTYPE html>\n<html lang="{{this.kit_lang}}">\n<head>\n'
    "{% if this.title %}<title>{{this.title}}</title>{% endif %}"
    "    {{this.header.render(**kwargs) | replace(', maximum-scale=1.0, user-scalable=no', '')}}\n</head>\n<body>\n    {{this.html.render(**kwargs)}}\n</body>\n"
    "<script>\nwindow.__kitWhenLeaflet(function () {\n    {{this.script.render(**kwargs)}}\n});\n</script>\n</html>\n"
)


_UNTRUSTED = "Make this Notebook Trusted to load map: File -> Trust Notebook"


class KitMap(folium.Map):
    """A folium map that shows with a title, a text alternative and a table of the same facts.

    In a notebook it renders as ``<figure>`` holding the map's ``<iframe>`` (with a ``title``) and a
    ``<figcaption>``: the text alternative, the source line, and a ``<details>`` toggle with an
    HTML table. Its plain-text form is the text alternative. Set by the kit's map functions:
    ``kit_title``, ``kit_summary``, ``kit_columns``, ``kit_rows``, ``kit_lang``.

    Examples
    --------
    >>> m = _base_map("en")
    >>> m.kit_title, m.kit_summary = "Borders", "Map of Libya and its neighbours."
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

    def _repr_html_(self, **kwargs) -> str:
        frame = super()._repr_html_(**kwargs)
        title = html.escape(t("maps.frame_title", lang=self.kit_lang, title=self.kit_title))
        frame = frame.replace("<iframe ", f'<iframe title="{title}" ', 1)
        # folium's own notice, shown by an untrusted notebook instead of the map, in the kit's language
        frame = frame.replace(_UNTRUSTED, html.escape(t("maps.untrusted", lang=self.kit_lang)), 1)
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in self.kit_columns)
        body = "".join(
            "<tr>"
            + f'<th scope="row">{html.escape(r[0])}</th>'
            + "".join(f"<td>{html.escape(c)}</td>" for c in r[1:])
            + "</tr>"
            for r in self.kit_rows
        )
        table = (
            f"<details><summary>{html.escape(t('maps.table.toggle', lang=self.kit_lang))}</summary>"
            f"<table><caption>{html.escape(self.kit_title)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></details>"
        )
        caption = (
            f'<figcaption style="font-size:0.9em;color:{INK["line"]}"><p>{html.escape(self.kit_summary)} '
            f"{html.escape(t('maps.attribution', lang=self.kit_lang))}</p>{table}</figcaption>"
        )
        return f'<figure class="kit-map" lang="{self.kit_lang}" style="margin:0">{frame}{caption}</figure>'

    def __repr__(self) -> str:
        return self.kit_summary or super().__repr__()


def asset_dir() -> Path:
    """The folder holding the kit's copy of Leaflet (``helpers/static``)."""
    return Path(__file__).resolve().parent / "static"


def set_asset_base(url: str | None) -> None:
    """Try ``url`` (a folder holding ``leaflet/leaflet.js``) before the other places; None to reset.

    ``"inline"`` (:data:`INLINE`) puts Leaflet itself into every map instead (see the module
    docstring: VS Code, Voilà).

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


def launch_platform(env: Mapping[str, str] | None = None) -> str:
    """Where the kernel runs, from its environment: ``"voila"``, ``"vscode"`` or ``"jupyter"``.

    ``"jupyter"`` stands for every place a Jupyter server shows the notebook (JupyterLab, Notebook,
    Binder, a JupyterHub), and for any place not recognised.

    Examples
    --------
    >>> launch_platform({"SERVER_SOFTWARE": "voila/0.5.13", "SCRIPT_NAME": "/voila/render/x.ipynb"})
    'voila'
    >>> launch_platform({"VSCODE_PID": "4242"}), launch_platform({"VSCODE_CWD": "/home/ayu"})
    ('vscode', 'vscode')
    >>> launch_platform({"JPY_SESSION_NAME": "/home/ayu/kit/notebooks/en/00-start-here.ipynb"})
    'jupyter'
    """
    env = os.environ if env is None else env
    if env.get("SERVER_SOFTWARE", "").startswith("voila/") or "VOILA_BASE_URL" in env or "VOILA_PREHEAT" in env:
        return "voila"
    if env.get("VSCODE_PID") or env.get("VSCODE_CWD"):
        return "vscode"
    return "jupyter"


def _inline_wanted(setting: str) -> bool:
    """Inline Leaflet when asked to, or, with no setting, where no Jupyter server serves the kit's files."""
    if setting:
        return setting == INLINE
    return launch_platform() != "jupyter"


@functools.lru_cache(maxsize=1)
def _inline_leaflet() -> str:
    """Leaflet's stylesheet (its images as data: addresses) and script, as elements for a page's head."""
    folder = asset_dir() / "leaflet"

    def image(match: re.Match) -> str:
        path = folder / match.group(1)
        if not path.is_file():  # an image the kit does not ship (the default marker): no request
            return "none"
        return "url(data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii") + ")"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", image, (folder / "leaflet.css").read_text(encoding="utf-8"))
    js = (folder / "leaflet.js").read_text(encoding="utf-8")
    # nothing in either may end its element early (Leaflet 1.9.3 has none of these; a future copy might)
    if re.search(r"</style|</script|<!--", css + js, re.IGNORECASE):
        raise ValueError(f"{folder} holds text that would end a <style> or <script> early")
    return f'<style id="kit-leaflet-css">{css}</style><script id="kit-leaflet-js">{js}</script>'


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside a <script> element: no "</script>", no HTML comment, no entity."""
    text = json.dumps(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _loader_html() -> str:
    first = _asset_base["url"] or os.environ.get("KIT_ASSET_URL") or ""
    if not _safe_url(first):  # a bad KIT_ASSET_URL is ignored rather than trusted
        first = ""
    if _inline_wanted(first):
        # Leaflet is in the page: the loader finds window.L and asks no server, and no CDN is named
        config = {"first": "", "rel": "", "cdnJs": "", "cdnCss": ""}
        return _inline_leaflet() + f"<script>{_LOADER_JS}({_json_for_script(config)});</script>"
    config = {"first": first, "rel": _relative_static(), "cdnJs": CDN_JS, "cdnCss": CDN_CSS}
    return f"<script>{_LOADER_JS}({_json_for_script(config)});</script>"


def _base_map(lang: str, *, tiles: bool = True, bounds=None) -> folium.Map:
    (south, west), (north, east) = LIBYA_BOUNDS
    m = KitMap(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=5,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
    )
    m.default_js = []
    m.default_css = []
    m.get_root()._template = _PAGE
    m.get_root().kit_lang = lang
    m.get_root().header.add_child(Element(_loader_html()), name="kit_leaflet_loader")
    m.get_root().header.add_child(
        Element(
            f"<style>.kit-legend{{background:{INK['paper']};padding:6px 8px;border:1px solid {INK['legend_frame']};"
            "font:12px sans-serif;line-height:1.5}"
            ".kit-legend .sw{display:inline-block;width:14px;height:14px;border-radius:7px;vertical-align:middle;"
            f"border:1px solid {INK['text']};font-size:10px;font-weight:bold;text-align:center;line-height:14px;margin-right:4px}}"
            f".kit-pin{{display:block;box-sizing:border-box;width:100%;height:100%;border-radius:50%;border:1.5px solid {INK['text']};"
            "font:bold 11px/15px sans-serif;text-align:center}"
            f".kit-pin.big{{border:3px solid {INK['text']};line-height:14px;font-size:12px}}"
            ".kit-town:focus{outline:3px solid #000;outline-offset:2px}"
            ".kit-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
            "</style>"
        ),
        name="kit_style",
    )
    borders = _simplified_borders()
    folium.GeoJson(
        borders,
        name=t("maps.layer.borders", lang=lang),
        style_function=lambda f: {"color": INK["border"], "weight": 1, "fillColor": INK["land"], "fillOpacity": 1.0},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
        control=False,
    ).add_to(m)
    if tiles:
        folium.TileLayer(
            "OpenStreetMap",
            name=t("maps.layer.osm", lang=lang),
            overlay=True,
            show=False,
            attr="© OpenStreetMap contributors",
        ).add_to(m)
    m.fit_bounds(bounds or LIBYA_BOUNDS)
    attribution = html.escape(t("maps.attribution", lang=lang))
    m.get_root().html.add_child(
        Element(
            f'<div style="position:absolute;bottom:2px;left:90px;z-index:999;font:10px sans-serif;background:{INK["attribution_bg"]};'
            f'padding:1px 4px">{attribution}</div>'
        )
    )
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
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_a3": iso},
                "geometry": {"type": "MultiPolygon", "coordinates": simple},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features})


def _simplified_borders() -> dict[str, Any]:
    collection = json.loads(_borders_geojson())
    lang = get_language()
    for feature in collection["features"]:
        iso = feature["properties"]["iso_a3"]
        key = f"maps.country.{iso}"
        feature["properties"]["label"] = html.escape(t(key, lang=lang) if key in catalogue() else iso)
    return collection


def html_size(m: folium.Map) -> int:
    """Size in bytes of a map's HTML as a notebook would store it.

    Examples
    --------
    >>> html_size(_base_map("en")) < 200_000
    True
    """
    return len(m._repr_html_().encode("utf-8"))


def _zones_for(date_iso: str) -> list[dict[str, Any]]:
    return [f for f in load_zones()["features"] if f["properties"]["date"] == date_iso]


def _name(row: Any, lang: str) -> str:
    return str(by_lang(row, "name", lang))


def _iso(value: Any) -> str:
    return nearest_snapshot(value).date().isoformat()


def _info(rows: list[tuple[str, str]]) -> str:
    """Popup text as escaped HTML lines (shown by a GeoJsonPopup; folium.Popup would need jQuery)."""
    return "<br>".join(f"<b>{html.escape(k)}</b>: {html.escape(v)}" for k, v in rows)


def _pin(props: dict[str, Any]) -> dict[str, Any]:
    """DivIcon options for a town: a disc of the side's colour with its letter, named for screen readers."""
    side, big = props["side"], props["big"]
    size = 22 if big else 16
    letter = style.SIDE_LETTER[side]
    return {
        "html": f'<span class="kit-pin{" big" if big else ""}" style="background:{style.PALETTE[side]};'
        f'color:{style.LETTER_INK[side]}"><span aria-hidden="true">{letter}</span>'
        f'<span class="kit-sr">{props["tip"]}</span></span>',
        "iconSize": [size, size],
        "iconAnchor": [size // 2, size // 2],
    }


def _legend(m: folium.Map, title: str, lang: str, *, statuses: bool = False, note: str | None = None) -> None:
    items = "".join(
        f'<div><span class="sw" style="background:{style.PALETTE[s]};color:{style.LETTER_INK[s]}" aria-hidden="true">'
        f"{style.SIDE_LETTER[s]}</span>"
        f"{html.escape(style.side_label(s, lang=lang))}</div>"
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
            f"<b>{html.escape(title)}</b>{items}{note_html}</div>"
        )
    )
