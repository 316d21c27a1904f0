"""One colour-blind-safe palette and one set of labels for sides and evidence, shared by maps and charts.

Colours come from the Okabe-Ito palette, which stays distinguishable with the common forms of
colour blindness. Colour never carries meaning alone: every side also has a letter and a marker
shape, and every evidence status a line style, and legends always name them in words.

Nothing here changes matplotlib's global settings; :func:`chart_style` is an explicit context
manager for the kit's charts.

Examples
--------
>>> PALETTE["GNA"]
'#0072B2'
>>> side_label("LNA", lang="id")
'LNA (pasukan Haftar)'
"""

from __future__ import annotations

import contextlib
from typing import Iterator

from .i18n import t

__all__ = ["ARTICLE_COLOURS", "INK", "PALETTE", "SIDE_LETTER", "SIDE_MARKER", "STATUS_DASH", "STATUS_ORDER",
           "SUPPORT_ORDER", "side_label", "status_label", "support_label", "chart_style"]

#: Colour per controller or side (Okabe-Ito): blue, vermillion, reddish purple, grey.
PALETTE: dict[str, str] = {"GNA": "#0072B2", "LNA": "#D55E00", "contested": "#CC79A7", "other": "#999999"}
#: A letter per side, printed on map markers so that colour is never the only cue.
SIDE_LETTER: dict[str, str] = {"GNA": "G", "LNA": "L", "contested": "?", "other": "o"}
#: A matplotlib marker shape per side.
SIDE_MARKER: dict[str, str] = {"GNA": "o", "LNA": "s", "contested": "D", "other": "^"}
#: Strongest evidence first.
STATUS_ORDER: tuple[str, ...] = ("acknowledged", "reported_un", "reported_media", "alleged_other_side", "denied")
#: Leaflet dash patterns per evidence status (None: solid line).
STATUS_DASH: dict[str, str | None] = {"acknowledged": None, "reported_un": "10 6", "reported_media": "3 6",
                                      "alleged_other_side": "12 4 2 4", "denied": "1 7"}
#: Neutral colours for everything that is not a side: land, borders, text, grid lines, boxes.
INK: dict[str, str] = {"text": "#000", "paper": "#fff", "land": "#f4f1ea", "border": "#555", "border_print": "#777",
                       "legend_frame": "#999", "line": "#333", "caption": "#444", "guide": "#bbb", "grid": "#eee",
                       "frame": "#ccc", "attribution_bg": "#ffffffcc"}
#: One colour per article (Okabe-Ito green and orange), distinct from the sides' colours.
ARTICLE_COLOURS: tuple[str, ...] = ("#009E73", "#E69F00")
SUPPORT_ORDER: tuple[str, ...] = ("weapons_equipment", "drones_air_support", "fighters_mercenaries", "troops_advisers",
                                  "training", "medical", "diplomatic", "financial", "oil_economic")


def side_label(side: str, *, lang: str | None = None) -> str:
    """The name of a side or controller in words (``GNA``, ``LNA``, ``contested``, ``other``)."""
    return t(f"style.side.{side}", lang=lang)


def status_label(status: str, *, lang: str | None = None) -> str:
    """The name of an evidence status in words."""
    return t(f"style.status.{status}", lang=lang)


def support_label(kind: str, *, lang: str | None = None) -> str:
    """The name of a kind of support in words."""
    return t(f"style.support.{kind}", lang=lang)


@contextlib.contextmanager
def chart_style() -> Iterator[None]:
    """Apply the kit's chart look (font sizes, no top/right spines) inside a ``with`` block only."""
    import matplotlib as mpl

    with mpl.rc_context({"font.size": 10, "axes.titlesize": 12, "axes.spines.top": False,
                         "axes.spines.right": False, "svg.hashsalt": "libya-kit", "font.family": "DejaVu Sans"}):
        yield
