"""Maps of territorial control and foreign backing (folium), drawn from ``data/``.

Every function returns a ``folium.Map`` (or, for :func:`control_map_static`, a matplotlib Figure)
and shows nothing by itself. Labels and legends follow :func:`helpers.set_language`; all text in
popups and tooltips is HTML-escaped.

How maps work offline: see :mod:`helpers._map_page`.

How maps reach every student: see :mod:`helpers._map_layers`.

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

from . import style
from .articles import quote, sentences
from .data import (
    changed_hands,
    control_on,
    load_article_meta,
    load_places,
    load_snapshots,
    split_list,
)

if TYPE_CHECKING:
    from .charts import KitFigure

from ._map_backers import backers_map
from ._map_layers import (
    _add_towns,
    _add_zones,
    _control_columns,
    _control_rows,
    _counts,
    _describe,
    _letter_key,
    as_table,
)
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
