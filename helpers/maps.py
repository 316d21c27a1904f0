"""Maps of territorial control and foreign backing (folium), drawn from ``data/``.

Every function returns a ``folium.Map`` (or, for :func:`control_map_static`, a matplotlib Figure)
and shows nothing by itself. Labels and legends follow :func:`helpers.set_language`; all text in
popups and tooltips is HTML-escaped.

How maps work offline: see :mod:`helpers._map_page`.

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

import html
from typing import TYPE_CHECKING, Any

import folium
import pandas as pd

from . import style
from .articles import quote, sentences
from .data import (
    changed_hands,
    control_on,
    describe_sources,
    load_actors,
    load_article_meta,
    load_backing,
    load_places,
    load_snapshots,
    split_list,
)

if TYPE_CHECKING:
    from .charts import KitFigure

from ._map_page import (  # noqa: F401  (CDN_*, asset_dir, set_asset_base, html_size: public here too)
    CDN_CSS,
    CDN_JS,
    LIBYA_BOUNDS,
    KitMap,
    _base_map,
    _info,
    _iso,
    _legend,
    _name,
    _pin,
    _zones_for,
    asset_dir,
    html_size,
    set_asset_base,
)
from .i18n import by_lang, get_language, t
from .style import INK

#: The view of the backers' map: from the Sahel to Europe, and from the Atlantic to the Gulf.
BACKERS_BOUNDS = [[10, -10], [56, 56]]

__all__ = [
    "KitMap",
    "control_map",
    "control_over_time",
    "compare",
    "article_places",
    "backers_map",
    "control_map_static",
    "as_table",
    "asset_dir",
    "set_asset_base",
    "html_size",
]


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
    _describe(
        m,
        lang,
        title,
        t("maps.alt.control", lang=lang, date=day, **_counts(frame)) + " " + _letter_key(lang),
        _control_columns(lang),
        _control_rows(frame, lang),
    )
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
    _describe(
        m,
        lang,
        title,
        t("maps.alt.over_time", lang=lang, n=len(days), first=days[0], last=days[-1], counts="; ".join(counts)),
        [t("maps.col.place", lang=lang), *days],
        [(name, *(by_day.get(d, "—") for d in days)) for name, by_day in sorted(held.items())],
    )
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
    changes = {
        r.place: f"{style.side_label(r.before, lang=lang)} → {style.side_label(r.after, lang=lang)}"
        for r in moved.itertuples()
    }
    m = _base_map(lang)
    _add_zones(m, day_b, lang)
    frame = control_on(day_b)
    _add_towns(m, frame, lang, highlight=set(changes), extra=changes)
    title = t("maps.title.compare", lang=lang, a=day_a, b=day_b, n=len(changes))
    _legend(m, title, lang, note=t("maps.compare_note", lang=lang))
    names = dict(zip(frame["place"], (_name(r, lang) for _, r in frame.iterrows())))
    moved_text = "; ".join(f"{names.get(p, p)}: {c}" for p, c in changes.items()) or "—"
    _describe(
        m,
        lang,
        title,
        t("maps.alt.compare", lang=lang, a=day_a, b=day_b, moved=len(changes), changes=moved_text, **_counts(frame))
        + " "
        + _letter_key(lang),
        _control_columns(lang, change=True),
        _control_rows(frame, lang, extra=changes),
    )
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
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(row["lon"]), float(row["lat"])]},
                "properties": {
                    "label": html.escape(_name(row, lang)),
                    "info": f"<b>{html.escape(_name(row, lang))}</b><br>"
                    + "<br>".join(html.escape(q).replace(chr(10), "<br>") for q in quotes),
                },
            }
        )
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
    rows = [
        (
            _name(r, lang),
            t("maps.table.named", lang=lang, article=key),
            ", ".join(sid for sid in split_list(r["sentences"]) if sid in ids),
        )
        for _, r in named.iterrows()
    ]
    rows += [
        (_name(r, lang), t("maps.table.front", lang=lang, date=day.date().isoformat()), "—")
        for _, r in front.iterrows()
    ]
    _describe(
        m,
        lang,
        title,
        t(
            "maps.alt.article",
            lang=lang,
            article=key,
            n=len(named),
            places=", ".join(named_names),
            date=day.date().isoformat(),
            front=len(front),
            front_places=", ".join(front_names) or "—",
        ),
        [t("maps.col.place", lang=lang), t("maps.col.layer", lang=lang), t("maps.col.sentences", lang=lang)],
        rows,
    )
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
        rows = [
            (t("maps.popup.backer", lang=lang), name),
            (t("maps.popup.side", lang=lang), style.side_label(str(side), lang=lang)),
        ]
        rows += [
            (
                style.support_label(r.support, lang=lang),
                f"{style.status_label(r.status, lang=lang)} ({describe_sources(r.sources, lang=lang, titles=False)})",
            )
            for r in group.itertuples()
        ]
        lines.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[float(start["lon"]), float(start["lat"])], [float(end["lon"]), float(end["lat"])]],
                },
                "properties": {
                    "tip": html.escape(
                        f"{name} → {style.side_label(str(side), lang=lang)}: {style.status_label(shown, lang=lang)}"
                    ),
                    "info": _info(rows),
                    "colour": style.PALETTE[str(side)],
                    "status": shown,
                },
            }
        )
        homes[home] = _name(places.loc[home], lang)
        facts.append(
            (
                name,
                style.side_label(str(side), lang=lang),
                _name(places.loc[home], lang),
                "; ".join(
                    f"{style.support_label(r.support, lang=lang)}: {style.status_label(r.status, lang=lang)}"
                    for r in group.itertuples()
                ),
            )
        )
        sides.append(str(side))
        denied += shown == "denied"
    folium.GeoJson(
        {"type": "FeatureCollection", "features": lines},
        style_function=lambda f: {
            "color": f["properties"]["colour"],
            "weight": 3,
            "opacity": 1,
            "dashArray": style.STATUS_DASH[f["properties"]["status"]],
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        popup=folium.GeoJsonPopup(fields=["info"], labels=False, max_width=360),
        control=False,
    ).add_to(m)
    folium.GeoJson(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [float(places.loc[h, "lon"]), float(places.loc[h, "lat"])],
                    },
                    "properties": {"label": html.escape(label)},
                }
                for h, label in sorted(homes.items())
            ],
        },
        marker=folium.CircleMarker(radius=4, fill=True, fill_opacity=1, class_name="kit-capital"),
        style_function=lambda f: {"color": INK["text"], "fillColor": INK["text"], "weight": 1},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, sticky=False),
        control=False,
    ).add_to(m)
    title = t("maps.title.backers", lang=lang)
    _legend(m, title, lang, statuses=True, note=t("maps.backers_note", lang=lang))
    _describe(
        m,
        lang,
        title,
        t("maps.alt.backers", lang=lang, n=len(facts), gna=sides.count("GNA"), lna=sides.count("LNA"), denied=denied),
        [
            t("maps.popup.backer", lang=lang),
            t("maps.popup.side", lang=lang),
            t("maps.col.home", lang=lang),
            t("maps.col.evidence", lang=lang),
        ],
        facts,
    )
    folium.LayerControl(collapsed=False).add_to(m)
    return m


def control_map_static(date: Any, *, lang: str | None = None) -> KitFigure:
    """The same content as :func:`control_map` drawn with matplotlib (no JavaScript), for print.

    See :func:`helpers.maps_print.control_map_static`.

    Examples
    --------
    >>> "2020-06-06" in control_map_static("2020-06-06", lang="en").alt_text
    True
    """
    from .maps_print import (
        control_map_static as draw,  # matplotlib loads only for a printed map
    )

    return draw(date, lang=lang)
