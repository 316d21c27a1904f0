"""What a screen reader gets from a lesson, in each language: the accessibility tree of JupyterLab (issue 25).

Lesson 00 shows one of each: a map of control (2020-06-06), the chart of control over time and a
quiz. After Run All, axe finds no WCAG A/AA violation and no best-practice finding in its outputs
(the check the class rehearsal makes on every lesson, made here on the lessons with most maps and
tables); then Playwright's accessibility tree (``aria_snapshot``, what assistive technology is
given) must hold the facts, each in its language:

- the map: its text alternative with the day's counts, its table with a town and its side, and
  inside its frame the link past the towns first, then the towns by name; frame and figure say
  their language;
- the chart: its description once (the image's name), and its table with every date of the record;
- the quiz: each question a group named by its text, each option named with the question, and
  the feedback (an alert) in the quiz's language, an Indonesian quote in English feedback marked so.

The Indonesian edition opens JupyterLab in Indonesian (`make lab KIT_LANG=id`): the page says
``lang="id-ID"`` and the file browser carries the language pack's words (it translates only part of
JupyterLab: the main menu stays in English).
"""

from __future__ import annotations

import shutil

import pytest

from helpers import charts, data, maps, quiz, style
from helpers.i18n import t

from .harness import start_lab, stop
from .lab_pages import leaflet_frames, open_and_run, open_lesson, wait_for_maps
from .test_accessibility import LAB_VIEWPORT, check_lesson_outputs

DAY = "2020-06-06"  # lesson 00's map


@pytest.mark.parametrize(
    ("lang", "lesson"),
    [(lang, lesson) for lang in ("en", "id") for lesson in ("03-mapping-control", "06-sources-and-claims")],
)
def test_no_axe_finding_in_the_outputs(page, lab, lang, lesson):
    page.set_viewport_size(LAB_VIEWPORT)
    open_and_run(page, lab, lang, lesson, workspace=f"sr-axe-{lang}-{lesson}")
    check_lesson_outputs(page, f"lab/{lang}/{lesson}")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_map_a_chart_and_a_quiz_read_aloud(page, lab, lang):
    page.set_viewport_size(LAB_VIEWPORT)
    open_and_run(page, lab, lang, "00-start-here", workspace=f"sr-{lang}")
    check_lesson_outputs(page, f"lab/{lang}/00-start-here")  # axe, before anything is clicked
    wait_for_maps(page)
    frame = data.control_on(DAY)
    counts = frame["controller"].astype(str).value_counts()

    # the map
    figure = page.locator("figure.kit-map").first
    assert figure.get_attribute("lang") == lang
    figure.locator("summary").click()  # the table, as a reader opens it
    said = figure.aria_snapshot()
    summary = maps.control_map(DAY, lang=lang).kit_summary
    assert summary.split(":")[0] in said and f"{counts['GNA']}" in said and f"{counts['LNA']}" in said, said[:600]
    tarhuna = frame.set_index("place").loc["tarhuna"]
    assert f'rowheader "{tarhuna[f"name_{lang}"]}"' in said and style.side_label("GNA", lang=lang) in said
    inside = next(f for f in leaflet_frames(page) if f.frame_element().evaluate("e => !!e.closest('figure.kit-map')"))
    assert inside.evaluate("document.documentElement.lang") == lang
    town_names = inside.locator("main").aria_snapshot()
    skip = t("maps.skip", lang=lang)
    assert town_names.index(skip) < town_names.index("Tripoli"), town_names[:400]  # the way past the towns first
    assert f"Tripoli — G: {style.side_label('GNA', lang=lang)}" in town_names

    # the chart
    chart = charts.control_over_time(lang=lang)
    picture = page.locator(f'figure[aria-label="{chart.axes[0].get_title()}"]').first
    assert picture.get_attribute("lang") == lang
    picture.locator("summary").click()
    said = picture.aria_snapshot()
    assert said.count(chart.alt_text) == 1, "the chart's description is read once, as the image's name"
    for day in sorted({d.date().isoformat() for d in data.load_control()["date"]}):
        assert f'rowheader "{day}"' in said, f"the table lacks {day}"

    # the quiz
    box = page.locator(".kit-quiz").first
    assert box.get_attribute("lang") == lang
    q1 = quiz.load("00-start-here", lang=lang).questions["q1"]
    said = box.aria_snapshot()
    assert f'group "1. {q1.text[lang]}"' in said
    right = q1.label(q1.entry("b"), lang)
    assert f'radio "{right} 1. {q1.text[lang]}"' in said, said[:800]
    first = page.locator(".kit-question").first
    first.get_by_role("radio", name=right).check()
    first.get_by_role("button", name={"en": "Check", "id": "Periksa"}[lang]).click()
    alert = first.get_by_role("alert")
    alert.wait_for(timeout=15_000)
    assert alert.get_attribute("lang") == lang
    assert {"en": "Correct!", "id": "Benar!"}[lang] in first.aria_snapshot()
    if lang == "en":  # article A's sentence, in Indonesian, inside English feedback
        assert alert.locator('span[lang="id"]').count() >= 1


def test_the_indonesian_edition_opens_jupyterlab_in_indonesian(page, lab):
    open_lesson(page, lab, "en", "00-start-here", workspace="sr-lang-en")
    assert page.evaluate("document.documentElement.lang") == "en"
    proc, base, token, tmp = start_lab(lang="id")  # as `make lab KIT_LANG=id` sets JupyterLab up
    try:
        open_lesson(page, (base, token), "id", "00-start-here", workspace="sr-lang-id")
        assert page.evaluate("document.documentElement.lang") == "id-ID"
        header = page.locator(".jp-DirListing-header").first.inner_text()  # the file browser's columns
        assert "Nama" in header, f"the language pack's words are missing: {header!r}"
    finally:
        stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)
