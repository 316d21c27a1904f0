"""helpers.style: one colour-blind-safe palette, bilingual labels, no global side effects."""

from __future__ import annotations

import re

import pytest

from helpers import style
from helpers.i18n import t
from tests import colour_checks


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
    assert round(colour_checks.contrast_ratio(a, b), 2) == expected
    assert colour_checks.contrast_ratio(a, b) == colour_checks.contrast_ratio(b, a)


def test_contrast_ratio_refuses_what_it_cannot_measure():
    with pytest.raises(ValueError, match="#rrggbb"):
        colour_checks.contrast_ratio("#ffffffcc", "#000")


@pytest.mark.parametrize("background", list(BACKGROUNDS))
@pytest.mark.parametrize("side", list(style.PALETTE))
def test_side_colours_stand_out_from_every_background(side, background):
    ratio = colour_checks.contrast_ratio(style.PALETTE[side], BACKGROUNDS[background])
    assert ratio >= GRAPHICS, f"{side} on {background}: {ratio:.2f}"


@pytest.mark.parametrize("colour", style.ARTICLE_COLOURS)
def test_article_colours_stand_out_from_the_chart_page(colour):
    assert colour_checks.contrast_ratio(colour, style.INK["paper"]) >= GRAPHICS


@pytest.mark.parametrize("side", list(style.PALETTE))
def test_letters_on_markers_and_text_in_side_colours_are_readable(side):
    assert colour_checks.contrast_ratio(style.LETTER_INK[side], style.PALETTE[side]) >= TEXT
    assert colour_checks.contrast_ratio(style.SIDE_TEXT[side], style.INK["paper"]) >= TEXT


@pytest.mark.parametrize(
    "ink,minimum",
    [
        ("text", TEXT),
        ("line", TEXT),
        ("caption", TEXT),
        ("border", GRAPHICS),
        ("border_print", GRAPHICS),
        ("score", GRAPHICS),
    ],
)
def test_neutral_inks_are_readable_on_paper_and_land(ink, minimum):
    for background in BACKGROUNDS.values():
        assert colour_checks.contrast_ratio(style.INK[ink], background) >= minimum, ink


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


# Feedback (right / not yet) takes no side: its own colours, readable, and apart from every side's
# colour and from each other for every common form of colour blindness.
VISIONS = ("normal", "protan", "deutan", "tritan")
#: CIE76 ΔE above which two colours are clearly different (about 2 is just noticeable).
CLEARLY_DIFFERENT = 20.0
#: Colours that stand for something else in the kit: the sides and the two articles.
TAKEN = {
    **{f"side {k}": v for k, v in style.PALETTE.items()},
    **{f"side text {k}": v for k, v in style.SIDE_TEXT.items()},
}
TAKEN |= {f"article {i}": c for i, c in enumerate(style.ARTICLE_COLOURS)}


def test_feedback_has_a_colour_for_right_and_for_not_yet():
    assert set(style.FEEDBACK) == {"right", "not_yet"}
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in style.FEEDBACK.values())


@pytest.mark.parametrize("background", list(BACKGROUNDS))
@pytest.mark.parametrize("kind", list(style.FEEDBACK))
def test_feedback_colours_are_readable(kind, background):
    assert colour_checks.contrast_ratio(style.FEEDBACK[kind], BACKGROUNDS[background]) >= TEXT


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("kind", list(style.FEEDBACK))
def test_no_feedback_colour_equals_or_resembles_a_side_colour(kind, vision):
    colour = style.FEEDBACK[kind]
    for name, taken in TAKEN.items():
        assert colour.upper() != taken.upper(), f"feedback {kind} is {name}"
        seen = colour_checks.simulate_colour_vision(colour, vision), colour_checks.simulate_colour_vision(taken, vision)
        difference = colour_checks.colour_difference(*seen)
        assert difference >= CLEARLY_DIFFERENT, f"feedback {kind} looks like {name} ({vision}): ΔE {difference:.1f}"


def _drawn_colours(figure) -> set[str]:
    """Every colour a figure paints (faces, edges, lines, text of its visible parts), as #RRGGBB."""
    from matplotlib.colors import to_hex, to_rgba_array

    found = set()
    for artist in figure.findobj(lambda a: a.get_visible()):
        for getter in ("get_facecolor", "get_edgecolor", "get_color"):
            value = getattr(artist, getter, lambda: None)()
            if value is not None and not (isinstance(value, str) and value in ("auto", "face")):
                found |= {to_hex(rgba).upper() for rgba in to_rgba_array(value) if rgba[3] > 0}
    return found


def _score_chart_colours(tmp_path, monkeypatch) -> dict[str, set[str]]:
    """The colours of the student's progress chart and of the teacher's class summary chart."""
    from matplotlib.figure import Figure

    from helpers import progress
    from kit_teacher.summary import summarize

    progress.record(kind="quiz", item="00-start-here/q1", lesson="00-start-here", answer="a", correct=True, score=1.0)
    charts = {"progress": _drawn_colours(progress.report(lang="en").figure)}
    progress.export(tmp_path / "class" / "ayu.csv", student="Ayu")
    saved = []
    original = Figure.savefig
    monkeypatch.setattr(Figure, "savefig", lambda fig, *a, **k: (saved.append(fig), original(fig, *a, **k))[1])
    summarize(tmp_path / "class", out=tmp_path / "summary.png", lang="en")
    charts["class summary"] = set().union(*map(_drawn_colours, saved))
    return charts


@pytest.mark.parametrize("vision", VISIONS)
def test_score_charts_borrow_no_side_colour(tmp_path, monkeypatch, vision):
    """Issue 23's follow-up: the progress and class-summary bars were the GNA's blue. Every colour
    those charts paint (bars, text, axes) is neither a side's colour nor like one, in any colour vision."""
    charts = _score_chart_colours(tmp_path, monkeypatch)
    assert style.INK["score"].upper() in charts["progress"] & charts["class summary"]
    for chart, colours in charts.items():
        for colour in colours:
            for name, taken in TAKEN.items():
                assert colour != taken.upper(), f"the {chart} chart paints {name}"
                seen = (colour_checks.simulate_colour_vision(c, vision) for c in (colour, taken))
                assert colour_checks.colour_difference(*seen) >= CLEARLY_DIFFERENT, (
                    f"{chart}: {colour} looks like {name}"
                )


@pytest.mark.parametrize("vision", VISIONS)
def test_right_and_not_yet_stay_apart_for_colour_blind_readers(vision):
    right, not_yet = (colour_checks.simulate_colour_vision(style.FEEDBACK[k], vision) for k in ("right", "not_yet"))
    assert colour_checks.colour_difference(right, not_yet) >= CLEARLY_DIFFERENT


def test_colour_vision_simulation_keeps_greys_and_confuses_red_with_green():
    for vision in VISIONS:
        assert colour_checks.simulate_colour_vision("#767676", vision) == "#767676"
    red, green = "#D00000", "#5A8A00"
    assert colour_checks.colour_difference(red, green) > 60
    for vision in ("protan", "deutan"):
        seen = [colour_checks.simulate_colour_vision(c, vision) for c in (red, green)]
        assert colour_checks.colour_difference(*seen) < colour_checks.colour_difference(red, green) / 2
    with pytest.raises(ValueError, match="colour vision"):
        colour_checks.simulate_colour_vision("#000", "achromat")


def test_status_boxes_use_feedback_colours_not_side_colours():
    from helpers import status

    assert status.border_colour(1) == style.FEEDBACK["right"]
    assert status.border_colour(0.5) == status.border_colour(0) == style.FEEDBACK["not_yet"]
    assert not {status.border_colour(s) for s in (0, 0.5, 1)} & set(style.PALETTE.values())
