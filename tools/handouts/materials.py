"""The paper materials the guides call for: the articles, actors, maps, glossary, timeline and blank forms.

Every fact comes from :mod:`helpers.data` and :mod:`helpers.articles`; :func:`materials` lists
them by file stem.

Examples
--------
>>> "Monday" in materials("en")["calendar-2020-01"]()
True
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Callable

from .layout import date_text, esc, month_grid, page, table, words

__all__ = ["actors", "five_w", "materials"]


def _article(article: str, lang: str) -> str:
    from helpers import articles, data

    table_ = articles.sentences(article)
    body = table_[table_["kind"] != "boilerplate"]
    # The voice column stays empty: students mark it (lesson 01), so the sheet does not give it away.
    rows = [
        [r["sentence"], r["text"], r["translation_en"] if isinstance(r["translation_en"], str) else r["gloss_id"], ""]
        for _, r in body.iterrows()
    ]
    meta = data.load_article_meta().set_index("article").loc[article]
    source = " · ".join(
        str(meta[c]) for c in ("outlet", f"title_{lang}", "published") if isinstance(meta[c], str) and meta[c]
    )
    head = [words("w_sentence", lang), words("original", lang), words("translation", lang), words("voice", lang)]
    return page(
        f"{words('article', lang)} {article}",
        f'<div class="help">{esc(words("article_help", lang))}</div><div class="small">{table(head, rows, fill=[3])}</div>'
        f'<div class="small">{esc(words("source_line", lang))}: {esc(source)}</div>',
        lang,
    )


def actors(lang: str, *, filled: bool = False) -> str:
    from helpers import data

    frame = data.load_actors()
    rows = [[r[f"name_{lang}"], r[f"description_{lang}"], r["type"], r["side"]] for _, r in frame.iterrows()]
    head = [words(k, lang) for k in ("a_name", "a_description", "a_type", "a_side")]
    return (
        f"<h2>{esc(words('actors', lang))}</h2>"
        + ("" if filled else f'<div class="help">{esc(words("actors_help", lang))}</div>')
        + f'<div class="small">{table(head, rows, fill=() if filled else [2, 3])}</div>'
    )


def _frames(lang: str) -> str:
    body = []
    for part in ("frames_neutral", "frames_brief"):
        body.append(
            f"<h2>{esc(words(part, lang))}</h2><ol>"
            + "".join(f"<li>{esc(f)}</li>" for f in words(f"{part}_list", lang))
            + "</ol>"
        )
    return page(words("frames", lang), "".join(body), lang)


def _tickets(lang: str) -> str:
    one = (
        f'<div class="ticket"><b>{esc(words("exit", lang))}</b> · {esc(words("name_line", lang))}<ol>'
        + "".join(f'<li>{esc(p)}<div class="line"></div></li>' for p in words("exit_list", lang))
        + "</ol></div>"
    )
    return page(words("exit", lang), one * 3, lang)


#: How wide each map prints: one map a page, no smaller than drawn (towns 3 mm across, legend 9 pt; tests/test_handouts.py).
MAP_WIDTH_MM = 168


def _map_svg(day: str, lang: str) -> tuple[bytes, str, str]:
    """One snapshot's printed control map with a scale bar (in the empty desert east of Sabha, clear of the
    north-west inset at the bottom right), cropped to its content, as SVG; its description and its towns by side."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers import maps

    fig = maps.control_map_static(day, lang=lang)
    ax = fig.axes[0]
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    lat = y0 + 0.5 * (y1 - y0)
    km_per_degree = 111.32 * math.cos(math.radians(lat))
    start = x1 - 0.05 * (x1 - x0) - 300 / km_per_degree
    ax.plot(
        [start, start + 300 / km_per_degree], [lat, lat], color="black", linewidth=3, solid_capstyle="butt", zorder=5
    )
    ax.text(
        start + 150 / km_per_degree,
        lat + 0.02 * (y1 - y0),
        f"300 {words('scale', lang)}",
        ha="center",
        fontsize=9,
        zorder=5,
    )
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text stays text: searchable and sharp in print
        fig.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.05)
    plt.close(fig)
    _columns, rows = fig.kit_table  # (town, side), by town
    sides = {side: ", ".join(town for town, s in rows if s == side) for _town, side in rows}
    return buffer.getvalue(), fig.alt_text, "; ".join(f"{side}: {towns}" for side, towns in sorted(sides.items()))


def _maps(lang: str) -> str:
    from helpers import data

    snaps = data.load_snapshots()
    cells = []
    for _, r in snaps.iterrows():  # one map a page, large enough for its symbols and legend; the facts under it
        svg, alt, towns = _map_svg(r["date"].date().isoformat(), lang)
        url = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
        cells.append(
            f'<figure><img src="{url}" alt="{esc(alt)}" style="width:{MAP_WIDTH_MM}mm"><figcaption><b>{esc(date_text(r["date"], lang))}</b>: '
            f"{esc(r[f'label_{lang}'])}. {esc(alt)} {esc(towns)}. {esc(words('source_line', lang))}: "
            f"{esc(data.describe_sources(r['sources'], lang=lang))}</figcaption></figure>"
        )
    body = "".join(f'<div class="maps{" pagebreak" * (n < len(cells) - 1)}">{c}</div>' for n, c in enumerate(cells))
    return page(words("maps", lang), f'<div class="help">{esc(words("maps_help", lang))}</div>{body}', lang)


def _glossary(lang: str) -> str:
    from helpers import data

    frame = data.load_glossary()
    rows = [[r[f"term_{lang}"], r[f"definition_{lang}"]] for _, r in frame.iterrows()]
    return page(
        words("glossary", lang),
        f'<div class="small">{table([words("g_term", lang), words("g_definition", lang)], rows)}</div>',
        lang,
    )


def _timeline(lang: str) -> str:
    from helpers import data

    frame = data.load_events().sort_values("date")
    rows = [[date_text(r["date"], lang, precision=r["precision"]), r[f"title_{lang}"]] for _, r in frame.iterrows()]
    return page(
        words("timeline", lang),
        f'<div class="tiny">{table([words("t_date", lang), words("t_event", lang)], rows)}</div>',
        lang,
    )


def five_w(lang: str) -> str:
    rows = [[words(k, lang), "", ""] for k in ("w_what", "w_who", "w_when", "w_where", "w_why", "w_how")]
    return f'<div class="help">{esc(words("five_w_help", lang))}</div>' + table(
        [words("w_question", lang), words("w_answer", lang), words("w_sentence", lang)], rows, fill=[1, 2]
    )


def materials(lang: str) -> dict[str, Callable[[], str]]:
    """The paper materials of ``lang``, by file stem, each a function returning its HTML.

    Examples
    --------
    >>> sorted(materials("en"))[:3]
    ['5w1h', 'actors', 'article-a']
    """
    return {
        "5w1h": lambda: page(
            words("five_w", lang), f"<div>{esc(words('name_line', lang))}</div>" + five_w(lang) * 2, lang
        ),
        "article-a": lambda: _article("A", lang),
        "article-b": lambda: _article("B", lang),
        "calendar-2020-01": lambda: page(
            f"{words('calendar', lang)}: {words('months', lang)[0]} 2020",
            f'<div class="help">{esc(words("calendar_help", lang))}</div>{month_grid(2020, 1, lang)}',
            lang,
        ),
        "actors": lambda: page(
            words("actors", lang), f"<div>{esc(words('name_line', lang))}</div>" + actors(lang), lang
        ),
        "sentence-frames": lambda: _frames(lang),
        "exit-ticket": lambda: _tickets(lang),
        "maps": lambda: _maps(lang),
        "glossary": lambda: _glossary(lang),
        "timeline": lambda: _timeline(lang),
    }
