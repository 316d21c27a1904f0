"""Charts: titles, labels, captions and alt text in both languages; palette; deterministic; no pyplot."""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
from pathlib import Path

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import pytest

from helpers import charts, style
from tests import colour_checks

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
    assert 'alt="' in fig._repr_html_() and "<figcaption" in fig._repr_html_()


def test_languages_differ():
    for name, make in CHARTS.items():
        assert make("en").axes[0].get_title() != make("id").axes[0].get_title(), name


def test_charts_use_the_shared_palette():
    fig = charts.control_over_time(lang="en")
    colours = {patch.get_facecolor()[:3] for patch in fig.axes[0].patches}
    import matplotlib.colors as mcolors

    assert {mcolors.to_rgb(style.PALETTE["GNA"]), mcolors.to_rgb(style.PALETTE["LNA"])} <= {
        tuple(round(c, 6) for c in col) for col in colours
    } or mcolors.to_rgb(style.PALETTE["GNA"]) in colours


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
    from helpers import data

    fig = charts.control_over_time(lang="en")
    places = data.load_control()["place"].nunique()
    assert places == 37 and f"{places} listed places" in fig.alt_text


# --- contrast (issue 18): WCAG 2.1 AA, 3:1 for data marks, 4.5:1 for text ---------------------


def _hex(colour) -> str:
    import matplotlib.colors as mcolors

    return mcolors.to_hex(colour, keep_alpha=False)


def _opaque(colour) -> bool:
    import matplotlib.colors as mcolors

    return mcolors.to_rgba(colour)[3] > 0.99


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_text_in_every_chart_is_readable(name):
    fig = CHARTS[name]("en")
    fig.canvas.draw()
    background = _hex(fig.axes[0].get_facecolor())
    assert colour_checks.contrast_ratio(background, _hex(fig.get_facecolor())) == 1.0  # one background: the white page
    texts = [
        t
        for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_bbox_patch"))
        if t.get_visible() and t.get_text().strip()
    ]
    assert len(texts) > 5
    for text in texts:
        box = text.get_bbox_patch()
        behind = _hex(box.get_facecolor()) if box is not None and _opaque(box.get_facecolor()) else background
        ratio = colour_checks.contrast_ratio(_hex(text.get_color()), behind)
        assert ratio >= 4.5, f"{name}: {text.get_text()!r} in {_hex(text.get_color())} on {behind}: {ratio:.2f}"


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_data_mark_stands_out_from_the_page(name):
    fig = CHARTS[name]("en")
    ax = fig.axes[0]
    background = _hex(ax.get_facecolor())
    marks = [_hex(p.get_facecolor()) for p in ax.patches]  # bars
    for collection in ax.collections:  # scatter marks: filled in a colour, or hollow with a coloured edge
        marks += [_hex(c) for c in collection.get_facecolors() if _hex(c) != background]
        marks += [_hex(c) for c in collection.get_edgecolors()]
    marks += [
        _hex(line.get_color()) for line in ax.get_lines() if not line.get_label().startswith("_")
    ]  # labelled lines
    assert marks, name
    for colour in set(marks):
        assert colour_checks.contrast_ratio(colour, background) >= 3.0, f"{name}: {colour} on {background}"


def test_sides_and_statuses_differ_in_more_than_colour():
    by_side = charts.backing_by_side(lang="en").axes[0]
    hatches = {(p.get_facecolor(), p.get_hatch()) for p in by_side.patches}
    assert len({h for _c, h in hatches}) == 2  # GNA plain, LNA hatched
    stacked = charts.control_over_time(lang="en").axes[0]
    assert len({p.get_hatch() for p in stacked.patches}) == len(style.PALETTE)
    timeline = charts.timeline("2019-01-01", "2020-12-31", lang="en").axes[0]
    assert len({line.get_linestyle() for line in timeline.get_lines() if line.get_label().startswith("article")}) == 2


# ---------------------------------------------------------------- what each chart shows, as a table (issue 25)
def _table(fig) -> tuple[list[str], list[list[str]]]:
    """The table under a chart as a reader gets it: column headers, and each row's cells (from the HTML)."""
    page = fig._repr_html_()
    body = page[page.index("<table") : page.index("</table>")]
    columns = re.findall(r'<th scope="col">(.*?)</th>', body)
    rows = [
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r) for r in re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[1])
    ]
    return columns, rows


@pytest.mark.parametrize("name", CHARTS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_description_is_read_once(name, lang):
    """The alt text is what a screen reader reads; the same words under the image are for the eye only."""
    page = CHARTS[name](lang)._repr_html_()
    said = html.escape(CHARTS[name](lang).alt_text)
    assert page.count(said) == 2 and f'alt="{said}"' in page and f'<span aria-hidden="true">{said}</span>' in page


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_timeline_lists_every_event_and_both_articles(lang):
    from helpers.data import load_article_meta, load_events

    columns, rows = _table(charts.timeline("2011-01-01", "2021-12-31", lang=lang))
    events = load_events()
    titles = [str(v) for v in events[f"title_{lang}"]]
    assert len(rows) == len(events) + len(load_article_meta()), "each event and each article's day is a row"
    assert sorted(r[1] for r in rows if not r[1].startswith(("article", "berita"))) == sorted(map(html.escape, titles))
    assert [r[0] for r in rows] == sorted(r[0] for r in rows), "in the order of their dates"
    assert columns == (["date", "event"] if lang == "en" else ["tanggal", "peristiwa"])


def test_the_backing_bars_give_every_count():
    fig = charts.backing_by_side(lang="en")
    columns, rows = _table(fig)
    assert columns[1:] == ["GNA (Tripoli government)", "LNA (Haftar&#x27;s forces)"]
    drawn = sorted(int(p.get_width()) for p in fig.axes[0].patches)
    assert sorted(int(c) for r in rows for c in r[1:]) == drawn, "the table's counts are the bars' lengths"


def test_control_over_time_gives_every_date():
    from helpers.data import load_control

    fig = charts.control_over_time(lang="en")
    _columns, rows = _table(fig)
    control = load_control()
    assert [r[0] for r in rows] == sorted({d.date().isoformat() for d in control["date"]})
    for row in rows:  # every listed place, on every date
        assert sum(int(c) for c in row[1:]) == control["place"].nunique()
