"""One colour-blind-safe palette and one set of labels for sides and evidence, shared by maps and charts.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.style``.

Examples
--------
>>> PALETTE["GNA"]
'#0072B2'
>>> side_label("LNA", lang="id")
'LNA (pasukan Haftar)'
"""

from __future__ import annotations

import contextlib

from .i18n import t
from .text import plain

__all__ = [
    "ARTICLE_COLOURS",
    "ARTICLE_DASH",
    "FEEDBACK",
    "INK",
    "LETTER_INK",
    "PALETTE",
    "SIDE_LETTER",
    "SIDE_MARKER",
    "ZONE_HATCH",
    "SIDE_TEXT",
    "STATUS_DASH",
    "STATUS_ORDER",
    "SUPPORT_ORDER",
    "side_label",
    "status_label",
    "support_label",
    "chart_style",
]

#: Colour per controller or side (Okabe-Ito): blue, vermillion, and darker reddish purple and grey.
PALETTE: dict[str, str] = {"GNA": "#0072B2", "LNA": "#D55E00", "contested": "#B5609A", "other": "#767676"}
#: A letter per side, printed on map markers so that colour is never the only cue.
SIDE_LETTER: dict[str, str] = {"GNA": "G", "LNA": "L", "contested": "?", "other": "o"}
#: The colour of a side's letter on a marker or swatch of the side's colour (>= 4.5:1).
LETTER_INK: dict[str, str] = {"GNA": "#FFFFFF", "LNA": "#000000", "contested": "#000000", "other": "#000000"}
#: A side's colour for text on white (>= 4.5:1), e.g. chart labels: the vermillion is darkened.
SIDE_TEXT: dict[str, str] = {"GNA": "#0072B2", "LNA": "#B34D00", "contested": "#9C4A84", "other": "#666666"}
#: A matplotlib marker shape per side.
SIDE_MARKER: dict[str, str] = {"GNA": "o", "LNA": "s", "contested": "D", "other": "^"}
#: A pattern per side's zones (matplotlib's hatches; the web maps draw the same as SVG), so zones differ in grey too.
ZONE_HATCH: dict[str, str] = {"GNA": "--", "LNA": "//", "contested": "xx", "other": ".."}
#: Strongest evidence first.
STATUS_ORDER: tuple[str, ...] = ("acknowledged", "reported_un", "reported_media", "alleged_other_side", "denied")
#: Leaflet dash patterns per evidence status (None: solid line).
STATUS_DASH: dict[str, str | None] = {
    "acknowledged": None,
    "reported_un": "10 6",
    "reported_media": "3 6",
    "alleged_other_side": "12 4 2 4",
    "denied": "1 7",
}
#: Neutral colours for everything that is not a side: land, borders, text, grid lines, boxes.
INK: dict[str, str] = {
    "text": "#000",
    "paper": "#fff",
    "land": "#f4f1ea",
    "border": "#555",
    "border_print": "#777",
    "legend_frame": "#999",
    "line": "#333",
    "caption": "#444",
    "guide": "#bbb",
    "grid": "#eee",
    "frame": "#ccc",
    "attribution_bg": "#ffffffcc",
    "score": "#333333",  # the bars of scores (progress, class summary): no side's colour, and no feedback's
    "focus": "#000",  # the ring around a focused quiz control (on the page: 21:1)
    "selected": "#333",  # a chosen True/False button (10.9:1 against an unchosen one's grey)
}
#: One colour per article (Okabe-Ito green and a darker orange), distinct from the sides' colours.
ARTICLE_COLOURS: tuple[str, ...] = ("#009E73", "#B06F00")
#: One line style per article, so the two articles differ in more than colour.
ARTICLE_DASH: tuple[str, ...] = ("--", ":")
#: Feedback colours, chosen to belong to no side: a dark green for a right answer, black for anything
#: not yet right (a partial or a wrong answer). Both reach 4.5:1 on the page; the marks ✔ ◐ ✘ and
#: the words carry the meaning, the colour only repeats it.
FEEDBACK: dict[str, str] = {"right": "#00441B", "not_yet": "#000000"}
SUPPORT_ORDER: tuple[str, ...] = (
    "weapons_equipment",
    "drones_air_support",
    "fighters_mercenaries",
    "troops_advisers",
    "training",
    "medical",
    "diplomatic",
    "financial",
    "oil_economic",
)


def side_label(side: str, *, lang: str | None = None) -> str:
    """The name of a side or controller in words (``GNA``, ``LNA``, ``contested``, ``other``)."""
    return t(f"style.side.{plain(side)}", lang=lang)


def status_label(status: str, *, lang: str | None = None) -> str:
    """The name of an evidence status in words."""
    return t(f"style.status.{plain(status)}", lang=lang)


def support_label(kind: str, *, lang: str | None = None) -> str:
    """The name of a kind of support in words."""
    return t(f"style.support.{plain(kind)}", lang=lang)


def chart_style() -> contextlib.AbstractContextManager:
    """The kit's chart look (font sizes, no top/right spines), for a ``with`` block only."""
    import matplotlib as mpl

    return mpl.rc_context(
        {
            "font.size": 10,
            "axes.titlesize": 12,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "libya-kit",
            "font.family": "DejaVu Sans",
        }
    )
