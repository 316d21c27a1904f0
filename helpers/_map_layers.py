"""The layers of the kit's maps (zones, lettered towns) and the text alternative under each map.

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
>>> "G = GNA" in _letter_key("en")
True
"""

from __future__ import annotations

import html

import folium
import pandas as pd

from . import style
from ._map_page import KitMap, _info, _name, _pin, _zones_for
from .data import describe_sources
from .i18n import t

__all__ = ["as_table"]


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
        raise TypeError(t("maps.not_a_kit_map", kind=type(m).__name__))
    return pd.DataFrame(list(m.kit_rows), columns=list(m.kit_columns))


def _describe(m: KitMap, lang: str, title: str, summary: str, columns: list[str], rows: list[tuple[str, ...]]) -> None:
    m.kit_lang, m.kit_title, m.kit_summary = lang, title, summary
    m.kit_columns, m.kit_rows = tuple(columns), tuple(tuple(str(c) for c in r) for r in rows)
    m.get_root().title = html.escape(title)


def _counts(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["controller"].astype(str).value_counts()
    return {
        "n": len(frame),
        "gna": int(counts.get("GNA", 0)),
        "lna": int(counts.get("LNA", 0)),
        "contested": int(counts.get("contested", 0)),
        "other": int(counts.get("other", 0)),
    }


def _letter_key(lang: str) -> str:
    return t(
        "maps.alt.letters",
        lang=lang,
        key=", ".join(f"{style.SIDE_LETTER[s]} = {style.side_label(s, lang=lang)}" for s in style.PALETTE),
    )


def _control_rows(frame: pd.DataFrame, lang: str, extra: dict[str, str] | None = None) -> list[tuple[str, ...]]:
    rows = []
    for _, row in frame.sort_values("name_en").iterrows():
        ctrl = str(row["controller"])
        cells = [
            _name(row, lang),
            f"{style.SIDE_LETTER[ctrl]}: {style.side_label(ctrl, lang=lang)}",
            t(f"maps.confidence.{row['confidence']}", lang=lang),
            describe_sources(row["control_sources"], lang=lang, titles=False),
        ]
        if extra is not None:
            cells.append(extra.get(row["place"], "—"))
        rows.append(tuple(cells))
    return rows


def _control_columns(lang: str, *, change: bool = False) -> list[str]:
    cols = [
        t("maps.col.place", lang=lang),
        t("maps.popup.controller", lang=lang),
        t("maps.popup.confidence", lang=lang),
        t("maps.popup.source", lang=lang),
    ]
    return cols + [t("maps.popup.change", lang=lang)] if change else cols


def _add_zones(layer, date_iso: str, lang: str) -> None:
    for feature in _zones_for(date_iso):
        ctrl = feature["properties"]["controller"]
        label = html.escape(f"{style.side_label(ctrl, lang=lang)} — {t('maps.approximate', lang=lang)}")
        folium.GeoJson(
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "properties": {"label": label}, "geometry": feature["geometry"]}],
            },
            style_function=lambda f, c=style.PALETTE[ctrl]: {
                "color": c,
                "weight": 0,
                "fillColor": c,
                "fillOpacity": 0.28,
            },
            tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
            control=False,
        ).add_to(layer)


def _add_towns(
    layer, frame, lang: str, *, highlight: set[str] | None = None, extra: dict[str, str] | None = None
) -> int:
    """Towns as one GeoJSON layer of circle markers (much lighter than one folium marker each)."""
    features = []
    for _, row in frame.iterrows():
        ctrl = str(row["controller"])
        name = _name(row, lang)
        rows = [
            (t("maps.popup.name", lang=lang), f"{row['name_id']} / {row['name_en']}"),
            (t("maps.popup.controller", lang=lang), style.side_label(ctrl, lang=lang)),
            (t("maps.popup.confidence", lang=lang), t(f"maps.confidence.{row['confidence']}", lang=lang)),
            (t("maps.popup.source", lang=lang), describe_sources(row["control_sources"], lang=lang, titles=False)),
        ]
        if extra and row["place"] in extra:
            rows.append((t("maps.popup.change", lang=lang), extra[row["place"]]))
        big = highlight is not None and row["place"] in highlight
        tip = html.escape(f"{name} — {style.SIDE_LETTER[ctrl]}: {style.side_label(ctrl, lang=lang)}")
        if big:
            tip += html.escape(f" ({extra[row['place']]})") if extra and row["place"] in extra else ""
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(float(row["lon"]), 4), round(float(row["lat"]), 4)],
                },
                "properties": {"tip": tip, "info": _info(rows), "fill": style.PALETTE[ctrl], "big": big, "side": ctrl},
            }
        )
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
