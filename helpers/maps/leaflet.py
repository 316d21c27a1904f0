"""How a kit map finds Leaflet: the kit's own copy, the static site's, a CDN, or inline.

How maps work offline (the kit's copy, the static site's, a CDN, or Leaflet inline in VS Code and
Voilà) is told in ARCHITECTURE.md, "How a map finds Leaflet".

Examples
--------
>>> launch_platform({"VSCODE_PID": "4242"})
'vscode'
>>> "window.__kitWhenLeaflet" in loader_html()
True
"""

from __future__ import annotations

import base64
import functools
import json
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..i18n import t
from ..text import shorten

__all__ = ["CDN_CSS", "CDN_JS", "INLINE", "asset_dir", "launch_platform", "loader_html", "set_asset_base"]

CDN_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
CDN_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
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


def asset_dir() -> Path:
    """The folder holding the kit's copy of Leaflet (``helpers/static``)."""
    return Path(__file__).resolve().parent.parent / "static"


def set_asset_base(url: str | None) -> None:
    """Try ``url`` (a folder holding ``leaflet/leaflet.js``) before the other places; None to reset.

    ``"inline"`` (:data:`INLINE`) puts Leaflet itself into every map instead (see the module
    docstring: VS Code, Voilà).

    Only a web address (``http(s)://...``, with a plain ASCII host) or a path on the same server
    is accepted, made of the characters URLs use; anything else (quotes, ``<``, spaces,
    ``javascript:``, a protocol-relative ``//other.host/``) is refused with a ValueError, so a
    setting can never become a script in the page or quietly name another host.

    Examples
    --------
    >>> set_asset_base("https://school.example/kit/static/")
    >>> set_asset_base(None)
    """
    if url is not None and not _safe_url(url):
        raise ValueError(t("maps.bad_asset_base", value=shorten(url)))
    _asset_base["url"] = url


def _safe_url(url: Any) -> bool:
    """An http(s) address with an ASCII host, or a path on the same server; never ``//host`` in disguise.

    A path that starts with two slashes (``//other.host/x``, ``///other.host``) is read by the
    browser as an address on another host, so it is refused with the rest.

    Examples
    --------
    >>> _safe_url("/kit/static/"), _safe_url("https://school.example/kit/"), _safe_url("//other.host/x")
    (True, True, False)
    """
    return isinstance(url, str) and bool(_SAFE_URL.fullmatch(url)) and not url.startswith("//")


def _relative_static() -> str:
    try:
        rel = os.path.relpath(asset_dir(), os.getcwd())
    except ValueError:  # another drive on Windows
        rel = str(asset_dir())
    return rel.replace(os.sep, "/").rstrip("/") + "/"


def launch_platform(env: Mapping[str, str] | None = None) -> str:
    """Where the kernel runs: ``"jupyterlite"`` (Pyodide in the browser), else from its environment
    ``"voila"``, ``"vscode"`` or ``"jupyter"``.

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
    if sys.platform == "emscripten":  # JupyterLite: no Jupyter server serves the kit's files
        return "jupyterlite"
    env = os.environ if env is None else env
    if env.get("SERVER_SOFTWARE", "").startswith("voila/") or "VOILA_BASE_URL" in env or "VOILA_PREHEAT" in env:
        return "voila"
    if env.get("VSCODE_PID") or env.get("VSCODE_CWD"):
        return "vscode"
    return "jupyter"


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


def loader_html() -> str:
    """The elements a map's ``<head>`` needs to find Leaflet (or Leaflet itself, inline)."""
    first = _asset_base["url"] or os.environ.get("KIT_ASSET_URL") or ""
    if not _safe_url(first):  # a bad KIT_ASSET_URL is ignored rather than trusted
        first = ""
    # inline when asked to, or, with no setting, where no Jupyter server serves the kit's files
    inline = first == INLINE if first else launch_platform() != "jupyter"
    if inline:
        # Leaflet is in the page: the loader finds window.L and asks no server, and no CDN is named
        config = {"first": "", "rel": "", "cdnJs": "", "cdnCss": ""}
        return _inline_leaflet() + f"<script>{_LOADER_JS}({_json_for_script(config)});</script>"
    config = {"first": first, "rel": _relative_static(), "cdnJs": CDN_JS, "cdnCss": CDN_CSS}
    return f"<script>{_LOADER_JS}({_json_for_script(config)});</script>"
