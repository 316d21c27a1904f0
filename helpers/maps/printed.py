"""The printed twin of the control map: the same content drawn with matplotlib, for paper.

matplotlib loads only with this module, so the folium maps of a lesson do not pay for it.
"""

from __future__ import annotations

from typing import Any

from matplotlib.patches import Polygon as MplPolygon

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


def control_map_static(date: Any, *, lang: str | None = None) -> KitFigure:
    """The same content as :func:`helpers.maps.control_map` drawn with matplotlib (no JavaScript), for print.

    Returns a :class:`helpers.charts.KitFigure` with ``alt_text``.

    Examples
    --------
    >>> fig = control_map_static("2020-06-06", lang="en")
    >>> "2020-06-06" in fig.alt_text
    True
    """
    lang = lang or get_language()
    day = snapshot_day(date)
    frame = control_on(day)
    with style.chart_style():
        fig, ax = new_figure(figsize=(7.5, 6.5))
        land = {"facecolor": INK["land"], "edgecolor": INK["border_print"], "linewidth": 0.6}
        for feature in load_borders()["features"]:
            for poly in polygons(feature["geometry"]):
                ax.add_patch(MplPolygon(poly[0], closed=True, **land))
        for feature in zones_on(day):
            colour = style.PALETTE[feature["properties"]["controller"]]
            for poly in feature["geometry"]["coordinates"]:
                ax.add_patch(MplPolygon(poly[0], closed=True, facecolor=colour, alpha=0.25, linewidth=0))
        for ctrl in style.PALETTE:
            part = frame[frame["controller"].astype(str) == ctrl]
            ax.scatter(
                part["lon"],
                part["lat"],
                s=42,
                marker=style.SIDE_MARKER[ctrl],
                color=style.PALETTE[ctrl],
                edgecolor="black",
                linewidth=0.6,
                label=f"{style.side_label(ctrl, lang=lang)} ({len(part)})",
                zorder=3,
            )
        for _, row in frame.iterrows():
            if row["kind"] in ("capital", "city") or row["place"] in _PRINT_LABELLED:
                ax.annotate(
                    place_name(row, lang),
                    (row["lon"], row["lat"]),
                    xytext=(4, 3),
                    textcoords="offset points",
                    fontsize=8,
                    zorder=4,
                    parse_math=False,
                )
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
    fig.alt_text = t("maps.static.alt", lang=lang, date=day, **count_sides(frame))
    return fig
