"""helpers.style: one colour-blind-safe palette, bilingual labels, no global side effects."""

from __future__ import annotations

import re

import pytest

from helpers import style
from helpers.i18n import t


def test_palette_is_okabe_ito_and_distinct():
    assert style.PALETTE == {"GNA": "#0072B2", "LNA": "#D55E00", "contested": "#CC79A7", "other": "#999999"}
    assert len(set(style.PALETTE.values())) == len(style.PALETTE)
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in style.PALETTE.values())


def test_colour_is_never_the_only_cue():
    for side in style.PALETTE:
        assert style.SIDE_LETTER[side] and style.SIDE_MARKER[side]
    assert len(set(style.SIDE_MARKER.values())) == len(style.PALETTE)
    assert set(style.STATUS_DASH) == set(style.STATUS_ORDER)
    assert len({str(v) for v in style.STATUS_DASH.values()}) == len(style.STATUS_ORDER)


@pytest.mark.parametrize("func,keys", [
    (style.side_label, list(style.PALETTE)),
    (style.status_label, list(style.STATUS_ORDER)),
    (style.support_label, list(style.SUPPORT_ORDER)),
])
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
