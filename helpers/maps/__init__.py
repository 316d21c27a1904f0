"""Maps of territorial control and foreign backing (folium), drawn from ``data/``.

Every function returns a ``folium.Map`` (or, for :func:`control_map_static`, a matplotlib Figure)
and shows nothing by itself. Labels and legends follow :func:`helpers.set_language`; all text in
popups and tooltips is HTML-escaped.

The package's modules, each with one job:

- :mod:`helpers.maps.page`: the page around every map (base layer and borders, legend, the text
  alternative and table under it: how maps reach every student);
- :mod:`helpers.maps.leaflet`: how a map finds Leaflet offline (Jupyter, static site, VS Code, Voilà);
- :mod:`helpers.maps.layers`: zones, lettered towns and the facts they show;
- :mod:`helpers.maps.backers`: the map of foreign backing;
- :mod:`helpers.maps.printed`: the control map drawn with matplotlib, for paper.

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

from .. import style
from ..articles import quote, sentences
from ..data import changed_hands, control_on, load_article_meta, load_places, load_snapshots, split_list
from ..i18n import by_lang, get_language, t
from ..sentences import check_article
from ..style import INK
from .backers import backers_map
from .layers import (
    add_towns,
    add_zones,
    as_table,
    count_sides,
    describe_control,
    geojson_layer,
    place_name,
    point,
    snapshot_day,
)
from .leaflet import CDN_CSS, CDN_JS, asset_dir, set_asset_base
from .page import KitMap, add_layer_control, add_legend, base_map, html_size

if TYPE_CHECKING:
    from ..charts import KitFigure

__all__ = [
    "CDN_CSS",
    "CDN_JS",
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
    lang, tiles = get_language(lang), tiles is not False
    day = snapshot_day(date)
    m = base_map(lang, tiles=tiles)
    add_zones(m, day, lang)
    frame = control_on(day)
    add_towns(m, frame, lang)
    title = t("maps.title.control", lang=lang, date=day)
    add_legend(m, title, lang, note=t("maps.zones_note", lang=lang))
    describe_control(m, lang, title, t("maps.alt.control", lang=lang, date=day, **count_sides(frame)), frame)
    if tiles:
        add_layer_control(m)
    return m


def control_over_time(*, lang: str | None = None) -> folium.Map:
    """One map with a layer per snapshot date: pick a date in the layer control to watch the war move.

    Examples
    --------
    >>> m = control_over_time(lang="id")
    >>> "2020-06-06" in m.get_root().render()
    True
    """
    lang = get_language(lang)
    m = base_map(lang)
    days, held, counts = [], {}, []
    for n, row in enumerate(load_snapshots().itertuples()):
        day = row.date.date().isoformat()
        layer = folium.FeatureGroup(
            name=html.escape(f"{day}: {by_lang(row, 'label', lang)}"), overlay=False, show=n == 0
        )
        add_zones(layer, day, lang)
        frame = control_on(day)
        add_towns(layer, frame, lang)
        layer.add_to(m)
        days.append(day)
        counts.append(t("maps.alt.counts", lang=lang, date=day, **count_sides(frame)))
        for _, place in frame.iterrows():
            held.setdefault(place_name(place, lang), {})[day] = t(f"maps.short.{place['controller']}", lang=lang)
    title = t("maps.title.over_time", lang=lang)
    add_legend(m, title, lang, note=t("maps.zones_note", lang=lang))
    m.describe(
        lang,
        title,
        t("maps.alt.over_time", lang=lang, n=len(days), first=days[0], last=days[-1], counts="; ".join(counts)),
        [t("maps.col.place", lang=lang), *days],
        [(name, *(by_day.get(d, "—") for d in days)) for name, by_day in sorted(held.items())],
    )
    add_layer_control(m, folded=t("maps.choose_date", lang=lang))
    return m


def compare(date_a: Any, date_b: Any, *, lang: str | None = None) -> folium.Map:
    """Control on ``date_b``, with the places that changed hands since ``date_a`` ringed in black.

    Examples
    --------
    >>> "Tarhuna" in compare("2020-01-07", "2020-06-06", lang="en").get_root().render()
    True
    """
    lang = get_language(lang)
    day_a, day_b = snapshot_day(date_a), snapshot_day(date_b)
    changes = {
        r.place: f"{style.side_label(r.before, lang=lang)} → {style.side_label(r.after, lang=lang)}"
        for r in changed_hands(day_a, day_b).itertuples()
    }
    m = base_map(lang)
    add_zones(m, day_b, lang)
    frame = control_on(day_b)
    add_towns(m, frame, lang, highlight=set(changes), extra=changes)
    title = t("maps.title.compare", lang=lang, a=day_a, b=day_b, n=len(changes))
    add_legend(m, title, lang, note=t("maps.compare_note", lang=lang))
    names = dict(zip(frame["place"], (place_name(r, lang) for _, r in frame.iterrows())))
    moved = "; ".join(f"{names.get(p, p)}: {c}" for p, c in changes.items()) or "—"
    summary = t(
        "maps.alt.compare", lang=lang, a=day_a, b=day_b, moved=len(changes), changes=moved, **count_sides(frame)
    )
    describe_control(m, lang, title, summary, frame, changes)
    add_layer_control(m)
    return m


def article_places(article: str, *, lang: str | None = None) -> folium.Map:
    """Every place an article names, with the sentences that name it, and the front line of its date.

    Examples
    --------
    >>> "A.p16.s01" in article_places("A", lang="en").get_root().render()
    True
    """
    lang = get_language(lang)
    key = check_article(article)
    ids = set(sentences(key)["sentence"])  # raises a friendly error for an unknown article
    day = load_article_meta().set_index("article").loc[key, "published"]
    published = day.date().isoformat()
    places = load_places()
    named = places[places["sentences"].map(lambda s: bool(ids & set(split_list(s))))]
    m = base_map(lang)
    layer_named = folium.FeatureGroup(name=html.escape(t("maps.layer.named", lang=lang, article=key)))
    features, rows = [], []
    for _, row in named.iterrows():
        name, said = place_name(row, lang), [sid for sid in split_list(row["sentences"]) if sid in ids]
        quotes = "<br>".join(quote(sid, lang=lang).html for sid in said)
        info = f"<b>{html.escape(name)}</b><br>" + quotes
        features.append(point(float(row["lon"]), float(row["lat"]), {"label": html.escape(name), "info": info}))
        rows.append((name, t("maps.table.named", lang=lang, article=key), ", ".join(said)))
    named_names = ", ".join(sorted(r[0] for r in rows))
    geojson_layer(
        features,
        marker=folium.CircleMarker(radius=5, fill=True, fill_opacity=1, class_name="kit-named"),
        style_function=lambda f: {"color": INK["text"], "fillColor": INK["paper"], "weight": 2},
        tip="label",
        popup_width=340,
        sticky=False,
    ).add_to(layer_named)
    layer_named.add_to(m)
    front = control_on(day)
    front = front[front["controller"].astype(str) == "contested"]
    layer_front = folium.FeatureGroup(name=html.escape(t("maps.layer.front", lang=lang, date=published)))
    add_towns(layer_front, front, lang)
    layer_front.add_to(m)
    title = t("maps.title.article", lang=lang, article=key, date=published)
    add_legend(m, title, lang)
    front_names = [place_name(r, lang) for _, r in front.iterrows()]
    rows += [(name, t("maps.table.front", lang=lang, date=published), "—") for name in front_names]
    summary = t(
        "maps.alt.article",
        lang=lang,
        article=key,
        n=len(named),
        places=named_names,
        date=published,
        front=len(front),
        front_places=", ".join(sorted(front_names)) or "—",
    )
    columns = ["maps.col.place", "maps.col.layer", "maps.col.sentences"]
    m.describe(lang, title, summary, [t(c, lang=lang) for c in columns], rows)
    add_layer_control(m)
    if (named["country"] != "LBY").any():  # a place abroad: show every named place
        m.fit_bounds([[named["lat"].min(), named["lon"].min()], [named["lat"].max(), named["lon"].max()]])
    return m


def control_map_static(date: Any, *, lang: str | None = None) -> KitFigure:
    """The same content as :func:`control_map` drawn with matplotlib (no JavaScript), for print.

    matplotlib loads only now (:func:`helpers.maps.printed.control_map_static`), so the folium
    maps of a lesson do not pay for it.

    Examples
    --------
    >>> "2020-06-06" in control_map_static("2020-06-06", lang="en").alt_text
    True
    """
    from .printed import control_map_static as draw

    return draw(date, lang=lang)
