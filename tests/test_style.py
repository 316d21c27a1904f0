"""helpers.style: one colour-blind-safe palette, bilingual labels, no global side effects."""

from __future__ import annotations

import re

import pytest

from helpers import style
from helpers.i18n import t


def test_palette_is_okabe_ito_and_distinct():
    # Okabe-Ito blue and vermillion; its reddish purple and grey darkened to pass 3:1 (see below)
    assert style.PALETTE == {"GNA": "#0072B2", "LNA": "#D55E00", "contested": "#B5609A", "other": "#767676"}
    assert len(set(style.PALETTE.values())) == len(style.PALETTE)
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in style.PALETTE.values())


# WCAG 2.1 AA: 3:1 for graphical objects (1.4.11), 4.5:1 for text (1.4.3).
GRAPHICS, TEXT = 3.0, 4.5
#: The backgrounds the kit draws on: the notebook and chart page, and the maps' land.
BACKGROUNDS = {"paper": style.INK["paper"], "land": style.INK["land"]}


@pytest.mark.parametrize(
    "a,b,expected",
    [("#000", "#fff", 21.0), ("#fff", "#fff", 1.0), ("#777777", "#ffffff", 4.48), ("#0072B2", "#ffffff", 5.19)],
)
def test_contrast_ratio_matches_the_wcag_formula(a, b, expected):
    assert round(style.contrast_ratio(a, b), 2) == expected
    assert style.contrast_ratio(a, b) == style.contrast_ratio(b, a)


def test_contrast_ratio_refuses_what_it_cannot_measure():
    with pytest.raises(ValueError, match="#rrggbb"):
        style.contrast_ratio("#ffffffcc", "#000")


@pytest.mark.parametrize("background", list(BACKGROUNDS))
@pytest.mark.parametrize("side", list(style.PALETTE))
def test_side_colours_stand_out_from_every_background(side, background):
    ratio = style.contrast_ratio(style.PALETTE[side], BACKGROUNDS[background])
    assert ratio >= GRAPHICS, f"{side} on {background}: {ratio:.2f}"


@pytest.mark.parametrize("colour", style.ARTICLE_COLOURS)
def test_article_colours_stand_out_from_the_chart_page(colour):
    assert style.contrast_ratio(colour, style.INK["paper"]) >= GRAPHICS


@pytest.mark.parametrize("side", list(style.PALETTE))
def test_letters_on_markers_and_text_in_side_colours_are_readable(side):
    assert style.contrast_ratio(style.LETTER_INK[side], style.PALETTE[side]) >= TEXT
    assert style.contrast_ratio(style.SIDE_TEXT[side], style.INK["paper"]) >= TEXT


@pytest.mark.parametrize(
    "ink,minimum", [("text", TEXT), ("line", TEXT), ("caption", TEXT), ("border", GRAPHICS), ("border_print", GRAPHICS)]
)
def test_neutral_inks_are_readable_on_paper_and_land(ink, minimum):
    for background in BACKGROUNDS.values():
        assert style.contrast_ratio(style.INK[ink], background) >= minimum, ink


def test_articles_differ_in_more_than_colour():
    assert len(set(style.ARTICLE_DASH)) == len(style.ARTICLE_COLOURS)


def test_colour_is_never_the_only_cue():
    for side in style.PALETTE:
        assert style.SIDE_LETTER[side] and style.SIDE_MARKER[side]
    assert len(set(style.SIDE_MARKER.values())) == len(style.PALETTE)
    assert set(style.STATUS_DASH) == set(style.STATUS_ORDER)
    assert len({str(v) for v in style.STATUS_DASH.values()}) == len(style.STATUS_ORDER)


@pytest.mark.parametrize(
    "func,keys",
    [
        (style.side_label, list(style.PALETTE)),
        (style.status_label, list(style.STATUS_ORDER)),
        (style.support_label, list(style.SUPPORT_ORDER)),
    ],
)
def test_labels_exist_in_both_languages(func, keys):
    for key in keys:
        en, id_ = func(key, lang="en"), func(key, lang="id")
        assert en and id_ and not en.startswith("style.") and not id_.startswith("style.")
    assert [func(k, lang="en") for k in keys] != [func(k, lang="id") for k in keys]


def test_labels_follow_the_current_language():
    import helpers

    try:
        helpers.set_language("id")
        assert style.side_label("contested") == style.side_label("contested", lang="id")
        helpers.set_language("en")
        assert style.side_label("contested") == style.side_label("contested", lang="en")
    finally:
        helpers.set_language("en")


def test_chart_style_is_scoped():
    import matplotlib as mpl

    before = dict(mpl.rcParams)
    with style.chart_style():
        assert mpl.rcParams["axes.spines.top"] is False
    assert dict(mpl.rcParams) == before


def test_strings_catalogue_has_the_keys():
    assert t("style.side.GNA", lang="en")
