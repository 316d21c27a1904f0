"""The layers drawn on the kit's maps (zones, lettered towns, points) and the facts they show.

Every layer is one GeoJSON layer with its tooltips and popups (much lighter than one folium
marker per place), and every text in it is HTML-escaped. The same facts go into the table under
each control map (:func:`describe_control`), which :func:`as_table` gives back as a DataFrame.

Examples
--------
>>> "G = GNA" in _letter_key("en")
True
>>> snapshot_day("2020-06-10")
'2020-06-06'
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import folium
import pandas as pd

from .. import style
from ..data import describe_sources, load_zones, nearest_snapshot
from ..i18n import by_lang, t
from .page import KitMap

__all__ = [
    "add_towns",
    "add_zones",
    "as_table",
    "count_sides",
    "describe_control",
    "geojson_layer",
    "place_name",
    "point",
    "popup_html",
    "snapshot_day",
    "zones_on",
]


def as_table(m: KitMap) -> pd.DataFrame:
    """The facts a kit map shows, as a DataFrame (the same table as under the map).

    Examples
    --------
    >>> from helpers.data import control_on
    >>> from helpers.maps import control_map
    >>> table = as_table(control_map("2020-06-06", lang="en"))
    >>> list(table.columns)[:2], len(table) == len(control_on("2020-06-06"))
    (['Place', 'Controlled by'], True)
    """
    if not isinstance(m, KitMap):
        raise TypeError(t("maps.not_a_kit_map", function="as_table", kind=type(m).__name__))
    return pd.DataFrame(list(m.kit_rows), columns=list(m.kit_columns))


def place_name(row: Any, lang: str) -> str:
    """A place's name in ``lang`` (a row of ``data/places.csv`` or of :func:`helpers.data.control_on`)."""
    return str(by_lang(row, "name", lang))


def snapshot_day(value: Any) -> str:
    """The day (ISO text) of the control snapshot on or before ``value``: the day a map shows."""
    return nearest_snapshot(value).date().isoformat()


def zones_on(day: str) -> list[dict[str, Any]]:
    """The approximate zones of control (GeoJSON features) of the snapshot of ``day``."""
    return [f for f in load_zones()["features"] if f["properties"]["date"] == day]


def popup_html(rows: list[tuple[str, str]]) -> str:
    """Popup text as escaped HTML lines (shown by a GeoJsonPopup; folium.Popup would need jQuery)."""
    return "<br>".join(f"<b>{html.escape(k)}</b>: {html.escape(v)}" for k, v in rows)


def point(lon: Any, lat: Any, properties: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON point feature.

    Examples
    --------
    >>> point(13.19, 32.89, {"label": "Tripoli"})["geometry"]
    {'type': 'Point', 'coordinates': [13.19, 32.89]}
    """
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


def geojson_layer(
    features: list[dict[str, Any]],
    *,
    style_function: Callable[[dict[str, Any]], dict[str, Any]],
    tip: str,
    popup_width: int | None = None,
    marker: Any = None,
    sticky: bool = True,
) -> folium.GeoJson:
    """One layer of ``features`` (left out of the layer control): the property ``tip`` names each
    feature's tooltip; with ``popup_width``, the property ``info`` is its popup."""
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        marker=marker,
        style_function=style_function,
        tooltip=folium.GeoJsonTooltip(fields=[tip], labels=False, sticky=sticky),
        popup=folium.GeoJsonPopup(fields=["info"], labels=False, max_width=popup_width) if popup_width else None,
        control=False,
    )


def count_sides(frame: pd.DataFrame) -> dict[str, int]:
    """How many places each side held, and in all (``n``), for the maps' text alternatives.

    Examples
    --------
    >>> from helpers.data import control_on
    >>> count_sides(control_on("2020-06-06"))["n"] == len(control_on("2020-06-06"))
    True
    """
    counts = frame["controller"].astype(str).value_counts()
    return {"n": len(frame), **{side.lower(): int(counts.get(side, 0)) for side in style.PALETTE}}


def _letter_key(lang: str) -> str:
    """The sentence that says which letter marks which side."""
    key = ", ".join(f"{style.SIDE_LETTER[s]} = {style.side_label(s, lang=lang)}" for s in style.PALETTE)
    return t("maps.alt.letters", lang=lang, key=key)


def _control_rows(frame: pd.DataFrame, lang: str, extra: dict[str, str] | None = None) -> list[tuple[str, ...]]:
    """One table row per place of ``frame``: name, side, confidence, sources (and ``extra``, by place)."""
    rows = []
    for _, row in frame.sort_values("name_en").iterrows():
        ctrl = str(row["controller"])
        cells = [
            place_name(row, lang),
            f"{style.SIDE_LETTER[ctrl]}: {style.side_label(ctrl, lang=lang)}",
            t(f"maps.confidence.{row['confidence']}", lang=lang),
            describe_sources(row["control_sources"], lang=lang, titles=False),
        ]
        if extra is not None:
            cells.append(extra.get(row["place"], "—"))
        rows.append(tuple(cells))
    return rows


def describe_control(
    m: KitMap, lang: str, title: str, summary: str, frame: pd.DataFrame, changes: dict[str, str] | None = None
) -> None:
    """The text under a control map: ``summary`` and the letter key, and a row per place (with its change)."""
    keys = ["maps.col.place", "maps.popup.controller", "maps.popup.confidence", "maps.popup.source"]
    columns = [t(key, lang=lang) for key in keys + (["maps.popup.change"] if changes is not None else [])]
    m.describe(lang, title, summary + " " + _letter_key(lang), columns, _control_rows(frame, lang, extra=changes))


def add_zones(layer: folium.Map | folium.FeatureGroup, day: str, lang: str) -> None:
    """Shade the approximate zones of control of ``day``, one colour and pattern per side (page.ZONE_PATTERNS)."""
    for feature in zones_on(day):
        ctrl = feature["properties"]["controller"]
        label = html.escape(f"{style.side_label(ctrl, lang=lang)} — {t('maps.approximate', lang=lang)}")
        geojson_layer(
            [{"type": "Feature", "properties": {"label": label}, "geometry": feature["geometry"]}],
            style_function=lambda f, c=ctrl: {"weight": 0, "fillColor": f"url(#kit-zone-{c})", "fillOpacity": 1},
            tip="label",
        ).add_to(layer)


def add_towns(
    layer: folium.Map | folium.FeatureGroup,
    frame: pd.DataFrame,
    lang: str,
    *,
    highlight: set[str] | None = None,
    extra: dict[str, str] | None = None,
) -> None:
    """Put each town of ``frame`` on ``layer``: a disc of its side's colour and letter, with a popup.

    Towns in ``highlight`` are drawn larger; ``extra`` adds a line (what changed) to a town's popup.
    """
    features = []
    for _, row in frame.iterrows():
        ctrl = str(row["controller"])
        rows = [
            (t("maps.popup.name", lang=lang), f"{row['name_id']} / {row['name_en']}"),
            (t("maps.popup.controller", lang=lang), style.side_label(ctrl, lang=lang)),
            (t("maps.popup.confidence", lang=lang), t(f"maps.confidence.{row['confidence']}", lang=lang)),
            (t("maps.popup.source", lang=lang), describe_sources(row["control_sources"], lang=lang, titles=False)),
        ]
        change = (extra or {}).get(row["place"])
        if change is not None:
            rows.append((t("maps.popup.change", lang=lang), change))
        big = highlight is not None and row["place"] in highlight
        tip = html.escape(f"{place_name(row, lang)} — {style.SIDE_LETTER[ctrl]}: {style.side_label(ctrl, lang=lang)}")
        if big and change is not None:
            tip += html.escape(f" ({change})")
        properties = {"tip": tip, "info": popup_html(rows), "fill": style.PALETTE[ctrl], "big": big, "side": ctrl}
        features.append(point(round(float(row["lon"]), 4), round(float(row["lat"]), 4), properties))
    if features:
        geojson_layer(
            features,
            marker=folium.Marker(icon=folium.DivIcon(class_name="kit-town", icon_size=(16, 16), icon_anchor=(8, 8))),
            style_function=lambda f: _pin(f["properties"]),
            tip="tip",
            popup_width=320,
        ).add_to(layer)


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
