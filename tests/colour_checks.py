"""Colour measures for the tests: WCAG contrast, colour-blind simulation and colour difference.

They check the kit's palette (tests/test_style.py, test_charts.py, test_static_site.py); the kit
itself draws with fixed colours from :mod:`helpers.style` and never computes them at run time.
"""

from __future__ import annotations

from helpers.style import INK, PALETTE  # noqa: F401  (the examples below use them)


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
    """How ``colour`` looks to a reader with ``kind`` colour vision: ``normal``, ``protan``, ``deutan`` or ``tritan``;
    or in ``grey`` (printed in black and white, or a screen set to greyscale: its luminance only).

    Examples
    --------
    >>> simulate_colour_vision("#767676", "deutan")
    '#767676'
    >>> simulate_colour_vision("#D55E00", "normal")
    '#D55E00'
    >>> simulate_colour_vision("#FFFFFF", "grey"), simulate_colour_vision("#0000FF", "grey")
    ('#FFFFFF', '#4C4C4C')
    """
    rgb = _linear_rgb(colour)
    if kind == "normal":
        return _hex(rgb)
    if kind == "grey":
        luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
        return _hex((luminance, luminance, luminance))
    if kind not in _COLOUR_VISION:
        raise ValueError(f"unknown colour vision {kind!r}: normal, protan, deutan, tritan or grey")
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


def over(colour: str, opacity: float, background: str) -> str:
    """``colour`` laid at ``opacity`` over ``background``, mixed as browsers and matplotlib do (in sRGB).

    Examples
    --------
    >>> over("#000000", 0.5, "#ffffff")
    '#808080'
    """
    top, under = (_hex_channels(c) for c in (colour, background))
    return "#" + "".join(f"{round(opacity * a + (1 - opacity) * b):02x}" for a, b in zip(top, under, strict=True))


def _hex_channels(colour: str) -> list[int]:
    digits = colour.lstrip("#")
    digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
    return [int(digits[i : i + 2], 16) for i in (0, 2, 4)]
