"""One colour-blind-safe palette and one set of labels for sides and evidence, shared by maps and charts.

Colours come from the Okabe-Ito palette, which stays distinguishable with the common forms of
colour blindness; the reddish purple, the grey and the orange are darker shades of Okabe-Ito's
so that every colour reaches WCAG 2.1 AA's 3:1 for graphics against both the white page and the
maps' land colour (:func:`contrast_ratio` computes it; tests/test_style.py checks every pair).
Colour never carries meaning alone: every side also has a letter (drawn on the map markers, in
:data:`LETTER_INK`, at least 4.5:1 against the side's colour) and a marker shape, every evidence
status a line style, and legends always name them in words.

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
from collections.abc import Iterator

from .i18n import t

__all__ = [
    "ARTICLE_COLOURS",
    "ARTICLE_DASH",
    "INK",
    "LETTER_INK",
    "PALETTE",
    "SIDE_LETTER",
    "SIDE_MARKER",
    "SIDE_TEXT",
    "STATUS_DASH",
    "STATUS_ORDER",
    "SUPPORT_ORDER",
    "side_label",
    "status_label",
    "support_label",
    "chart_style",
    "contrast_ratio",
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
}
#: One colour per article (Okabe-Ito green and a darker orange), distinct from the sides' colours.
ARTICLE_COLOURS: tuple[str, ...] = ("#009E73", "#B06F00")
#: One line style per article, so the two articles differ in more than colour.
ARTICLE_DASH: tuple[str, ...] = ("--", ":")
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
    return t(f"style.side.{side}", lang=lang)


def status_label(status: str, *, lang: str | None = None) -> str:
    """The name of an evidence status in words."""
    return t(f"style.status.{status}", lang=lang)


def support_label(kind: str, *, lang: str | None = None) -> str:
    """The name of a kind of support in words."""
    return t(f"style.support.{kind}", lang=lang)


def contrast_ratio(colour_a: str, colour_b: str) -> float:
    """WCAG 2.1 contrast ratio of two opaque colours given as ``#rgb`` or ``#rrggbb`` (1 to 21).

    Examples
    --------
    >>> round(contrast_ratio("#000", "#fff"), 1)
    21.0
    >>> contrast_ratio(PALETTE["GNA"], INK["paper"]) >= 4.5
    True
    """

    def luminance(colour: str) -> float:
        digits = colour.lstrip("#")
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        if len(digits) != 6:
            raise ValueError(f"not an opaque #rrggbb colour: {colour!r}")
        channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(colour_a), luminance(colour_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@contextlib.contextmanager
def chart_style() -> Iterator[None]:
    """Apply the kit's chart look (font sizes, no top/right spines) inside a ``with`` block only."""
    import matplotlib as mpl

    with mpl.rc_context(
        {
            "font.size": 10,
            "axes.titlesize": 12,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "libya-kit",
            "font.family": "DejaVu Sans",
        }
    ):
        yield
