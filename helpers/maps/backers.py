"""The map of foreign backing: who backed which side, how we know, and what was denied.

Examples
--------
>>> "Ankara" in backers_map(lang="en").get_root().render()
True
"""

from __future__ import annotations

import html

import folium

from .. import style
from ..data import describe_sources, load_actors, load_backing, load_places
from ..i18n import by_lang, get_language, t
from ..style import INK
from .layers import geojson_layer, place_name, point, popup_html
from .page import add_layer_control, add_legend, base_map

__all__ = ["backers_map"]

#: The view of the backers' map: from the Sahel to Europe, and from the Atlantic to the Gulf.
BACKERS_BOUNDS = [[10, -10], [56, 56]]


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
    lang = get_language(lang)
    places = load_places().set_index("place")
    actors = load_actors().set_index("actor")
    backing = load_backing()
    m = base_map(lang, bounds=BACKERS_BOUNDS)
    targets = {"GNA": "tripoli", "LNA": "benghazi"}
    lines, homes, facts, sides, denied = [], {}, [], [], 0
    for (backer, side), group in backing.groupby(["backer", "side"], observed=True, sort=True):
        home = actors.loc[backer, "home"]
        if not home:
            continue
        side = str(side)
        shown = [s for s in style.STATUS_ORDER if s in set(group["status"].astype(str))][0]  # the strongest
        name, side_name = by_lang(actors.loc[backer], "name", lang), style.side_label(side, lang=lang)
        said = [
            (style.support_label(r.support, lang=lang), style.status_label(r.status, lang=lang), r.sources)
            for r in group.itertuples()
        ]
        rows = [(t("maps.popup.backer", lang=lang), name), (t("maps.popup.side", lang=lang), side_name)]
        rows += [
            (kind, f"{status} ({describe_sources(sources, lang=lang, titles=False)})") for kind, status, sources in said
        ]
        tip = html.escape(f"{name} → {side_name}: {style.status_label(shown, lang=lang)}")
        line = {"color": style.PALETTE[side], "dashArray": style.STATUS_DASH[shown]}
        ends = [[float(p["lon"]), float(p["lat"])] for p in (places.loc[home], places.loc[targets[side]])]
        lines.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": ends},
                "properties": {"tip": tip, "info": popup_html(rows), "line": line},
            }
        )
        homes[home] = place_name(places.loc[home], lang)
        facts.append((name, side_name, homes[home], "; ".join(f"{kind}: {status}" for kind, status, _ in said)))
        sides.append(side)
        denied += shown == "denied"
    geojson_layer(
        lines,
        style_function=lambda f: {**f["properties"]["line"], "weight": 3, "opacity": 1},
        tip="tip",
        popup_width=360,
    ).add_to(m)
    geojson_layer(
        [
            point(float(places.loc[h, "lon"]), float(places.loc[h, "lat"]), {"label": html.escape(label)})
            for h, label in sorted(homes.items())
        ],
        marker=folium.CircleMarker(radius=4, fill=True, fill_opacity=1, class_name="kit-capital"),
        style_function=lambda f: {"color": INK["text"], "fillColor": INK["text"], "weight": 1},
        tip="label",
        sticky=False,
    ).add_to(m)
    title = t("maps.title.backers", lang=lang)
    add_legend(m, title, lang, statuses=True, note=t("maps.backers_note", lang=lang))
    m.describe(
        lang,
        title,
        t("maps.alt.backers", lang=lang, n=len(facts), gna=sides.count("GNA"), lna=sides.count("LNA"), denied=denied),
        [t(key, lang=lang) for key in ("maps.popup.backer", "maps.popup.side", "maps.col.home", "maps.col.evidence")],
        facts,
    )
    add_layer_control(m)
    return m
