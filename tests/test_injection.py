"""Injection: hostile text in every string sink never becomes live markup or script.

Sinks: names in data/ (places, actors) shown by maps, charts and the article display; question
text in a bank, shown as widgets, text, markdown and in the static site; students' answers echoed
in feedback; the map asset base (see test_maps.py and the browser test). Each payload must come out
inert: escaped in HTML, literal in markdown, never evaluated as a template.
"""

from __future__ import annotations

import csv
import re

import pytest
import yaml
from nbconvert.filters.markdown_mistune import markdown2html_mistune

import helpers
from helpers import articles, check, maps, quiz
from helpers.project import check_brief

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><svg onload=alert(1)>",
    "{{ 7*7 }}{% raw %}",
    "```\n<img src=x onerror=alert(1)>\n```",
    "x\n```\n<img src=x onerror=alert(1)>\n",
    "javascript:alert(1)",
]
LIVE = re.compile(r"<script>alert|<img src=x onerror|<svg onload", re.IGNORECASE)


def _set_cell(path, key_column, key, column, value):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    for row in rows:
        if row[key_column] == key:
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_place_and_actor_names_are_inert_in_maps_and_article_display(data_copy, payload):
    _set_cell(data_copy / "places.csv", "place", "gharyan", "name_en", f"Gharyan {payload}")
    _set_cell(data_copy / "actors.csv", "actor", "haftar", "name_en", f"Haftar {payload}")
    if "{{" in payload or "{%" in payload:  # folium re-reads rendered scripts as Jinja: refused at load
        with pytest.raises(helpers.data.DataError) as error:
            maps.control_map("2019-04-10", lang="en")
        assert error.value.file.endswith("places.csv") and error.value.field == "name_en"
        return
    for page in (
        maps.control_map("2019-04-10", lang="en").get_root().render(),
        maps.backers_map(lang="en").get_root().render(),
        maps.article_places("A", lang="en").get_root().render(),
        maps.control_map("2019-04-10", lang="en")._repr_html_(),
        articles.show("A", lang="en")._repr_html_(),
    ):
        assert not LIVE.search(page)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_question_text_is_inert_in_every_form(lessons_copy, payload):
    bank_file = lessons_copy / "00-start-here" / "quiz.yml"
    bank = yaml.safe_load(bank_file.read_text(encoding="utf-8"))
    bank["questions"][0]["text"] = {"en": f"Where? {payload}", "id": f"Di mana? {payload}"}
    bank_file.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    loaded = quiz.load("00-start-here", lang="en")
    assert payload.splitlines()[0] in loaded.text()  # shown literally...
    html_from_markdown = markdown2html_mistune(loaded._repr_markdown_())
    assert not LIVE.search(html_from_markdown)  # ...and never as markup, even after a static-site render
    widget_html = " ".join(
        text
        for child in _walk(loaded.widget())
        for text in (getattr(child, "value", None), getattr(child, "description", None))
        if isinstance(text, str)
    )
    assert not LIVE.search(widget_html)


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_student_answers_echoed_in_feedback_are_inert(payload):
    for box in (
        check("00.1", payload),
        check("02.1", [payload]),
        check_brief(payload),
        quiz.load("00-start-here").answer("q1", payload),
    ):
        assert not LIVE.search(box._repr_html_())


def test_static_site_pages_have_no_live_payload(tmp_path):
    from tools import export_html

    pages = export_html.export(tmp_path / "site")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not LIVE.search(text), page
