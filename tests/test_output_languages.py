"""Every kit output says its language, so a screen reader reads it in that language (issue 25).

JupyterLab marks its page ``lang="en"`` whatever the notebook (or ``id-ID`` with the Indonesian
language pack, whatever the notebook too): each of the kit's outputs carries ``lang`` itself, and
the parts written in another language (an Indonesian sentence quoted in English feedback, the
English tweet quoted in Indonesian feedback) carry their own. `make lab KIT_LANG=id` opens
JupyterLab in Indonesian (tools/lab_settings.py); the browser test is
tests/browser/test_screen_reader.py.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import articles, charts, explain, maps, progress, provenance, quiz
from helpers.check import check
from tools import lab_settings

ROOT = Path(__file__).resolve().parent.parent


def _outer_lang(markup: str) -> str | None:
    """The ``lang`` of the first element of ``markup`` (after any <style>)."""
    markup = re.sub(r"^(?:\s*<style[^>]*>.*?</style>)*\s*", "", markup, flags=re.S)
    first = re.match(r"<[a-z]+\b[^>]*>", markup)
    found = first and re.search(r'\blang="([a-z-]+)"', first.group(0))
    return found.group(1) if found else None


def _solution(lang: str):
    from helpers import solution
    from helpers.i18n import get_language, set_language

    before = get_language()
    set_language(lang)
    try:
        return solution("00.1")
    finally:
        set_language(before)


def _explained(lang: str) -> str:
    try:
        {"place": 1}["plce"]
    except KeyError as exc:
        return explain._html(explain.explain(exc, lang=lang) or "", "Traceback", lang)
    raise AssertionError("no KeyError")


OUTPUTS = {
    "quiz feedback": lambda lang: quiz.load("00-start-here", lang=lang).answer("q1", "b")._repr_html_(),
    "quiz, not answered": lambda lang: quiz.load("00-start-here", lang=lang).answer("q4", "")._repr_html_(),
    "exam notice": lambda lang: quiz.load("00-start-here", mode="exam", lang=lang).answer("q1", "b")._repr_html_(),
    "chart": lambda lang: charts.backing_by_side(lang=lang)._repr_html_(),
    "printed map": lambda lang: maps.control_map_static("2020-06-06", lang=lang)._repr_html_(),
    "map": lambda lang: maps.control_map("2020-06-06", lang=lang)._repr_html_(),
    "article": lambda lang: articles.show("B", lang=lang)._repr_html_(),
    "sources": lambda lang: provenance.sources("afp-2020-01-06-sirte", lang=lang)._repr_html_(),
    "progress report": lambda lang: progress.report(lang=lang)._repr_html_(),
    "explained error": _explained,
    # Markdown outputs (the quiz's text form where widgets do not show, a model solution) wrap themselves
    "quiz as text": lambda lang: quiz.load("00-start-here", lang=lang)._repr_markdown_(),
    "model solution": lambda lang: _solution(lang)._repr_markdown_(),
}


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("kind", sorted(OUTPUTS))
def test_every_kit_output_says_its_language(kind, lang, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))
    assert _outer_lang(OUTPUTS[kind](lang)) == lang, kind


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_check_result_says_the_kits_language(lang):
    import helpers

    before = helpers.get_language()
    helpers.set_language(lang)
    try:
        assert _outer_lang(check("00.1", "nothing like it")._repr_html_()) == lang
    finally:
        helpers.set_language(before)


def test_indonesian_quotes_in_english_feedback_are_marked_indonesian():
    said = quiz.load("00-start-here", lang="en").answer("q1", "b")._repr_html_()
    assert _outer_lang(said) == "en" and '<span lang="id">' in said, said  # article A's sentence
    assert '(English: <span lang="en">' in said  # its translation


def test_the_english_tweet_in_indonesian_feedback_is_marked_english():
    tweet = articles.quote("A.p21.s01", lang="id").html
    assert tweet.startswith('A.p21.s01: "<span lang="en">I am deeply concerned')
    assert '(Terjemahan: <span lang="id">Saya sangat prihatin' in tweet
    table = articles.show("A", lang="en")._repr_html_()
    assert re.search(r'<td lang="en">I am deeply concerned', table), "the tweet's cell says it is English"


def test_the_indonesian_edition_opens_jupyterlab_in_indonesian(tmp_path):
    for lang, locale in (("id", "id_ID"), ("en", "en")):
        written = lab_settings.install(lang, tmp_path / lang)
        assert written == tmp_path / lang / "share/jupyter/lab/settings/overrides.json"
        said = written.read_text(encoding="utf-8")
        assert f'"locale": "{locale}"' in said and '"fetchNews": "false"' in said
    dry = subprocess.run(["make", "-n", "lab", "KIT_LANG=id"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "-m tools.lab_settings --lang id" in dry.stdout
    lock = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    assert re.search(r"^jupyterlab-language-pack-id-id==\S+$", lock, flags=re.M), "the language pack is pinned"
