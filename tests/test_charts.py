"""Charts: titles, labels, captions and alt text in both languages; palette; deterministic; no pyplot."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import pytest

from helpers import charts, style

ROOT = Path(__file__).resolve().parent.parent

CHARTS = {
    "backing_matrix": lambda lang: charts.backing_matrix(lang=lang),
    "backing_by_side": lambda lang: charts.backing_by_side(lang=lang),
    "control_over_time": lambda lang: charts.control_over_time(lang=lang),
    "timeline": lambda lang: charts.timeline("2019-01-01", "2020-12-31", lang=lang),
}


@pytest.mark.parametrize("name", CHARTS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_chart_is_labelled_captioned_and_described(name, lang):
    fig = CHARTS[name](lang)
    ax = fig.axes[0]
    assert ax.get_title()
    assert ax.get_xlabel() or ax.get_ylabel()
    caption = [t.get_text() for t in fig.texts]
    assert any(("Source:" if lang == "en" else "Sumber:") in c for c in caption)
    assert isinstance(fig.alt_text, str) and len(fig.alt_text) > 30
    assert f'alt="' in fig._repr_html_() and "<figcaption" in fig._repr_html_()


def test_languages_differ():
    for name, make in CHARTS.items():
        assert make("en").axes[0].get_title() != make("id").axes[0].get_title(), name


def test_charts_use_the_shared_palette():
    fig = charts.control_over_time(lang="en")
    colours = {patch.get_facecolor()[:3] for patch in fig.axes[0].patches}
    import matplotlib.colors as mcolors

    assert {mcolors.to_rgb(style.PALETTE["GNA"]), mcolors.to_rgb(style.PALETTE["LNA"])} <= {tuple(round(c, 6) for c in col) for col in colours} or \
        mcolors.to_rgb(style.PALETTE["GNA"]) in colours


def test_no_pyplot_figures_are_left_open_and_rcparams_untouched():
    import matplotlib as mpl

    before = dict(mpl.rcParams)
    plt.close("all")
    for make in CHARTS.values():
        make("en")
    assert plt.get_fignums() == []
    assert dict(mpl.rcParams) == before


def test_output_is_deterministic_and_not_blank():
    here = charts.backing_by_side(lang="en").png_bytes()
    # a second interpreter: two renders in one process would agree even if both were blank or random-seeded once
    code = "import sys, helpers; sys.stdout.buffer.write(helpers.charts.backing_by_side(lang='en').png_bytes())"
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=ROOT).stdout
    assert here == there
    pixels = mpimg.imread(io.BytesIO(here))[..., :3].reshape(-1, 3)
    colours = {tuple(p) for p in (pixels * 255).round().astype(int)}
    assert len(colours) > 20, "the chart is blank"
    for side in ("GNA", "LNA"):
        rgb = tuple(int(style.PALETTE[side][i : i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, f"no bar in the {side} colour"


def test_timeline_marks_both_articles():
    fig = charts.timeline("2019-01-01", "2020-12-31", lang="en")
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert any("article A (2019-04-05)" in label for label in labels)
    assert any("article B (2020-01-09)" in label for label in labels)


def test_control_over_time_counts_every_place():
    fig = charts.control_over_time(lang="en")
    assert "36 listed places" in fig.alt_text
