"""The printed twin of the control map: the same content drawn with matplotlib, for paper.

The crowded north-west (Tripoli, Zawiya, Gharyan, Tarhuna, Misrata) is drawn again, larger, in an
inset, and every town's name goes where it overlaps no other name (:func:`_name_towns`), so the
map reads at half an A4 page. matplotlib loads only with this module, so the folium maps of a
lesson do not pay for it.
"""

from __future__ import annotations

from textwrap import fill
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.legend_handler import HandlerTuple
from matplotlib.patches import Patch
from matplotlib.patches import Polygon as MplPolygon
from matplotlib.patheffects import withStroke
from matplotlib.transforms import Bbox

from .. import style
from ..charts import KitFigure, new_figure
from ..data import control_on, load_borders
from ..i18n import get_language, t
from ..style import INK
from .layers import count_sides, place_name, snapshot_day, zones_on
from .page import LIBYA_BOUNDS, polygons

__all__ = ["control_map_static"]

#: Extra room (degrees) around LIBYA_BOUNDS on the printed map: west, east, south, north (legend title).
_PRINT_MARGIN = (0.3, 0.3, 0.2, 0.7)
#: Places labelled on the printed map besides capitals and cities: the turning points of the war.
_PRINT_LABELLED = ("gharyan", "tarhuna", "al-watiya")
#: The crowded north-west (west, east, south, north), drawn again in an inset at the bottom right
#: (``_INSET``: left, bottom, width, height as fractions of the map), over desert with no listed town.
_NORTH_WEST = (11.6, 15.4, 31.3, 33.2)
_INSET = (0.43, 0.01, 0.57, 0.31)
#: How every town is drawn, besides its side's shape and colour: 9 pt across (3 mm on paper; maps.pdf prints 1:1).
_SYMBOL = {"s": 81, "edgecolor": INK["text"], "linewidth": 0.6, "zorder": 3}
#: How a side's zones look: its colour, faint, and its hatching (so that zones differ in grey too).
_ZONES = {
    s: {"facecolor": (*to_rgb(c), 0.25), "hatch": style.ZONE_HATCH[s], "edgecolor": INK["border"]}
    for s, c in style.PALETTE.items()
}
#: How every town's name is written: on a halo of the page's colour, so it reads over zones and symbols.
_HALO = withStroke(linewidth=2.5, foreground=INK["paper"])
_NAME = {"fontsize": 8, "zorder": 4, "parse_math": False, "path_effects": [_HALO]}
#: Where a town's name may go, tried in turn: its offset from the town in points.
_SPOTS = [(5, 1), (5, -1), (-5, 1), (-5, -1), (0, 5), (0, -5), (6, 0), (-6, 0)]


def control_map_static(date: Any, *, lang: str | None = None) -> KitFigure:
    """The same content as :func:`helpers.maps.control_map` drawn with matplotlib (no JavaScript), for print.

    Returns a :class:`helpers.charts.KitFigure` with ``alt_text``.

    Examples
    --------
    >>> fig = control_map_static("2020-06-06", lang="en")
    >>> "2020-06-06" in fig.alt_text
    True
    """
    lang = get_language(lang)
    day = snapshot_day(date)
    frame = control_on(day)
    named = frame[frame["kind"].isin(["capital", "city"]) | frame["place"].isin(_PRINT_LABELLED)]
    west, east, south, north = _NORTH_WEST
    crowded = named["lon"].between(west, east) & named["lat"].between(south, north)
    with style.chart_style():
        fig, ax = new_figure(figsize=(7.5, 7.4))
        fig.subplots_adjust(bottom=0.2, top=0.95)  # room for the legend under the map
        inset = ax.inset_axes(_INSET, xticks=[], yticks=[], anchor="SE")
        for axes in (ax, inset):
            _draw(axes, day, frame, lang)
        (bottom, left), (top, right) = LIBYA_BOUNDS
        pad_w, pad_e, pad_s, pad_n = _PRINT_MARGIN
        ax.set(xlim=(left - pad_w, right + pad_e), ylim=(bottom - pad_s, top + pad_n), aspect=1.15)
        inset.set(xlim=(west, east), ylim=(south, north), aspect=1.15)
        inset.spines[:].set_visible(True)
        inset.set_title(t("maps.static.inset", lang=lang), fontsize=8, pad=2, loc="left")
        ax.indicate_inset((west, south, east - west, north - south), edgecolor=INK["line"], alpha=1)
        ax.set_xlabel(t("maps.static.lon", lang=lang))
        ax.set_ylabel(t("maps.static.lat", lang=lang))
        ax.set_title(t("maps.title.control", lang=lang, date=day))
        symbols, labels = ax.get_legend_handles_labels()  # each side: its zones' hatching and its towns' symbol
        zones = [(Patch(**_ZONES[s]), symbol) for s, symbol in zip(style.PALETTE, symbols)]
        said = {"title": t("maps.zones_note", lang=lang), "handler_map": {tuple: HandlerTuple(None)}}
        ax.legend(zones, labels, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=2, fontsize=9, **said)
        fig.text(0.01, 0.005, t("maps.attribution", lang=lang), fontsize=7, color=INK["caption"])
        ax.apply_aspect()
        _name_towns(inset, named[crowded], lang, frame, [inset.title])
        _name_towns(ax, named[~crowded], lang, frame, [ax.title, ax.get_legend(), inset, inset.title])
    rows = sorted((place_name(r, lang), style.side_label(str(r["controller"]), lang=lang)) for _, r in frame.iterrows())
    columns = [t("maps.col.place", lang=lang), t("maps.popup.controller", lang=lang)]
    fig.describe(lang, t("maps.static.alt", lang=lang, date=day, **count_sides(frame)), columns, rows)
    return fig


def _draw(ax: Any, day: str, frame: pd.DataFrame, lang: str) -> None:
    """Land, the approximate zones of ``day`` and a symbol per town of ``frame`` (shape and colour by side)."""
    land = {"facecolor": INK["land"], "edgecolor": INK["border_print"], "linewidth": 0.6}
    for feature in load_borders()["features"]:
        for poly in polygons(feature["geometry"]):
            ax.add_patch(MplPolygon(poly[0], closed=True, **land))
    for feature in zones_on(day):
        for poly in feature["geometry"]["coordinates"]:
            ax.add_patch(MplPolygon(poly[0], closed=True, linewidth=0, **_ZONES[feature["properties"]["controller"]]))
    for ctrl in style.PALETTE:
        part = frame[frame["controller"].astype(str) == ctrl]
        label = f"{style.side_label(ctrl, lang=lang)} ({len(part)})"
        ax.scatter(
            part["lon"], part["lat"], marker=style.SIDE_MARKER[ctrl], color=style.PALETTE[ctrl], label=label, **_SYMBOL
        )


def _name_towns(ax: Any, towns: pd.DataFrame, lang: str, frame: pd.DataFrame, avoid: list[Any]) -> None:
    """Write each town's name at the first of :data:`_SPOTS` (wrapped at 12 or 16 letters) where it stays on the map and overlaps
    no name already written nor anything in ``avoid``, covering the fewest town symbols of ``frame``."""
    renderer = ax.figure.canvas.get_renderer()
    locator = ax.get_axes_locator()  # an inset's place in the map, as drawing would settle it
    ax.apply_aspect(locator(ax, renderer) if locator else None)
    r = _SYMBOL["s"] ** 0.5 / 2 * ax.figure.dpi / 72  # a symbol's half-width, in pixels
    points = ax.transData.transform(frame[["lon", "lat"]])
    symbols = [Bbox([[x - r, y - r], [x + r, y + r]]) for x, y in points]
    taken, inside = [a.get_window_extent(renderer) for a in avoid], ax.get_window_extent(renderer)
    crowds = [(np.hypot(*(points - p).T) < 8 * r).sum() for p in ax.transData.transform(towns[["lon", "lat"]])]
    for _, town in towns.iloc[np.argsort(np.negative(crowds), kind="stable")].iterrows():  # the most crowded first
        name = place_name(town, lang)  # wrapped at 12 or 16 letters, whichever fits
        label = ax.annotate(name, (town["lon"], town["lat"]), (0, 0), textcoords="offset points", **_NAME)
        tries, scores = [(fill(name, n, break_on_hyphens=False), spot) for n in (12, 16) for spot in _SPOTS], []
        for text, spot in tries:
            _move(label, spot, text)
            box = label.get_window_extent(renderer)
            off = not (inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1))
            scores.append((off or any(box.overlaps(b) for b in taken), sum(box.overlaps(s) for s in symbols)))
        _move(label, *tries[scores.index(min(scores))][::-1])
        taken.append(label.get_window_extent(renderer))


def _move(label: Any, spot: tuple[float, float], text: str) -> None:
    """Put ``label``, saying ``text``, at ``spot`` points from its town, aligned away from it."""
    label.xyann = spot
    ha, va = ("center", "left", "right")[int(np.sign(spot[0]))], ("center", "bottom", "top")[int(np.sign(spot[1]))]
    label.set(text=text, ha=ha, va=va)
