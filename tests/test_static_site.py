"""`make html`: a static site with both languages, maps that keep their local Leaflet, no answers revealed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tools import export_html

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    export_html.export(out)
    return out


def secrets_of_every_bank() -> list[str]:
    found = []
    for bank in (ROOT / "lessons").glob("*/quiz.yml"):
        for q in yaml.safe_load(bank.read_text())["questions"]:
            found += [q["explanation"]["en"], q["explanation"]["id"]]
            found += [o["feedback"][lang] for o in q.get("options", []) if "feedback" in o for lang in ("en", "id")]
    return found


def test_index_lists_both_languages(site):
    index = (site / "index.html").read_text()
    assert 'href="en/00-start-here.html"' in index and 'href="id/00-start-here.html"' in index
    assert "Mulai di sini" in index and "Start here" in index


@pytest.mark.parametrize("lang,title,quiz_intro", [("en", "Start here", "Check yourself"), ("id", "Mulai di sini", "Uji dirimu")])
def test_one_page_per_language(site, lang, title, quiz_intro):
    page = (site / lang / "00-start-here.html").read_text()
    assert title in page
    assert quiz_intro in page and "[q1]" in page  # the quiz, in its readable text form
    assert "_static/" in page and "leaflet.js" in page  # the map's loader, with the site's local copy
    assert "alt=" in page  # the chart keeps its alt text


def test_no_answer_is_revealed(site):
    pages = "".join(p.read_text() for p in site.rglob("*.html"))
    import html

    unescaped = html.unescape(pages)
    for secret in secrets_of_every_bank():
        assert secret not in pages and secret not in unescaped, secret


def test_leaflet_is_copied(site):
    assert (site / "_static" / "leaflet" / "leaflet.js").exists()
    assert (site / "_static" / "leaflet" / "LICENSE").exists()
