"""One colour-blind-safe palette and one set of labels for sides and evidence, shared by maps and charts.

Colours come from the Okabe-Ito palette, which stays distinguishable with the common forms of
colour blindness; the reddish purple, the grey and the orange are darker shades of Okabe-Ito's
so that every colour reaches WCAG 2.1 AA's 3:1 for graphics against both the white page and the
maps' land colour (:func:`contrast_ratio` computes it; tests/test_style.py checks every pair).
Colour never carries meaning alone: every side also has a letter (drawn on the map markers, in
:data:`LETTER_INK`, at least 4.5:1 against the side's colour) and a marker shape, every evidence
status a line style, and legends always name them in words.

Feedback (a right or not-yet-right answer) has colours of its own, :data:`FEEDBACK`, that no side
uses and that stay apart from every side colour and from each other for readers with protan, deutan
or tritan colour vision (:func:`simulate_colour_vision`, :func:`colour_difference`): in a kit about a
war, right and wrong must never borrow a side's colour.

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
    "FEEDBACK",
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
    "colour_difference",
    "simulate_colour_vision",
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
        r, g, b = _linear_rgb(colour)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(colour_a), luminance(colour_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


#: Machado, Oliveira and Fernandes (2009) matrices for full (severity 1.0) dichromacy, applied to
#: linear RGB.
_COLOUR_VISION: dict[str, tuple[tuple[float, float, float], ...]] = {
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _linear_rgb(colour: str) -> tuple[float, float, float]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    if len(digits) != 6:
        raise ValueError(f"not an opaque #rrggbb colour: {colour!r}")
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return r, g, b


def _hex(linear: tuple[float, ...]) -> str:
    def encode(c: float) -> int:
        c = min(max(c, 0.0), 1.0)
        return round(255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055))

    return "#" + "".join(f"{encode(c):02X}" for c in linear)


def simulate_colour_vision(colour: str, kind: str) -> str:
    """How ``colour`` looks to a reader with ``kind`` colour vision: ``normal``, ``protan``, ``deutan`` or ``tritan``.

    Examples
    --------
    >>> simulate_colour_vision("#767676", "deutan")
    '#767676'
    >>> simulate_colour_vision("#D55E00", "normal")
    '#D55E00'
    """
    rgb = _linear_rgb(colour)
    if kind == "normal":
        return _hex(rgb)
    if kind not in _COLOUR_VISION:
        raise ValueError(f"unknown colour vision {kind!r}: normal, protan, deutan or tritan")
    return _hex(tuple(sum(m * c for m, c in zip(row, rgb, strict=True)) for row in _COLOUR_VISION[kind]))


def colour_difference(colour_a: str, colour_b: str) -> float:
    """CIE 1976 colour difference (ΔE*ab) of two colours: about 2 is just noticeable, above 20 clearly different.

    Examples
    --------
    >>> colour_difference("#000", "#fff")
    100.0
    >>> colour_difference(PALETTE["GNA"], PALETTE["GNA"])
    0.0
    """

    def lab(colour: str) -> tuple[float, float, float]:
        r, g, b = _linear_rgb(colour)
        x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        fx, fy, fz = (t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29 for t in (x, y, z))
        return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)

    difference = sum((p - q) ** 2 for p, q in zip(lab(colour_a), lab(colour_b), strict=True)) ** 0.5
    return round(difference, 3)


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
