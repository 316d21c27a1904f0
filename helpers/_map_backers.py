"""The map of foreign backing: who backed which side, how we know, and what was denied.

Examples
--------
>>> "Ankara" in backers_map(lang="en").get_root().render()
True
"""

from __future__ import annotations

import html

import folium

from . import style
from ._map_layers import _describe
from ._map_page import _base_map, _info, _legend, _name
from .data import describe_sources, load_actors, load_backing, load_places
from .i18n import by_lang, get_language, t
from .style import INK

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
