"""The articles: byte-for-byte originals, stable sentence ids, cleaning, translation, display."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

import helpers
from helpers import articles, sentences
from helpers.paths import data_dir

# sha256 of the two articles exactly as received (../shared/seeds/, never read at run time)
ORIGINAL_SHA256 = {
    "A": "e43fcad00590ee69f7a3a43343f31411dcf38ce21b6eff6b453449b2323f136e",
    "B": "4d35e3912181a4d751eaa1fc2a6a4de3715fb5eb0459dc6392830e75e002aaa3",
}

EXPECTED = """
A.p01.s01 body|A.p02.s01 body|A.p03.s01 boilerplate|A.p04.s01 body|A.p05.s01 boilerplate|A.p06.s01 body
A.p07.s01 body|A.p08.s01 body|A.p09.s01 body|A.p10.s01 body|A.p11.s01 body|A.p12.s01 body
A.p13.s01 boilerplate|A.p14.s01 boilerplate|A.p15.s01 heading|A.p16.s01 body|A.p17.s01 body|A.p17.s02 body
A.p18.s01 body|A.p19.s01 body|A.p20.s01 body|A.p21.s01 quote_en|A.p21.s02 quote_en|A.p21.s03 quote_en
A.p21.s04 quote_en|A.p22.s01 quote_en|A.p23.s01 body|A.p24.s01 heading|A.p25.s01 body|A.p25.s02 body
A.p26.s01 body|A.p27.s01 body|A.p28.s01 body|A.p29.s01 boilerplate
B.p01.s01 body|B.p01.s02 body|B.p01.s03 body|B.p01.s04 body|B.p02.s01 body|B.p03.s01 body
B.p03.s02 body|B.p03.s03 body|B.p04.s01 body|B.p04.s02 body|B.p05.s01 body|B.p05.s02 body
B.p05.s03 body|B.p06.s01 body|B.p06.s02 body|B.p07.s01 body|B.p08.s01 body|B.p09.s01 body|B.p09.s02 body
"""


def expected_ids() -> list[tuple[str, str]]:
    return [tuple(item.split()) for item in EXPECTED.replace("\n", "|").split("|") if item.strip()]


@pytest.mark.parametrize("article", ["A", "B"])
def test_originals_are_byte_for_byte(article):
    data = (data_dir() / "articles" / f"{article}-original.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == ORIGINAL_SHA256[article]
    assert articles.raw(article).encode("utf-8") == data


def test_segmentation_gives_the_fixed_ids_and_kinds():
    table = articles.sentences()
    assert list(zip(table["sentence"], table["kind"])) == expected_ids()


def test_originals_are_kept_inside_each_sentence():
    for article in articles.ARTICLES:
        text = articles.raw(article)
        for original in articles.sentences(article)["original"]:
            assert original in text


def test_ids_do_not_depend_on_cleaning_rules(monkeypatch):
    before = articles.sentences()[["sentence", "kind", "original"]]
    before_text = articles.sentences()["text"].tolist()
    monkeypatch.setattr(sentences, "CLEANING_RULES", [("upper", str.upper), ("strip", str.strip)])
    sentences._segments.cache_clear()
    articles._all_sentences.cache_clear()
    try:
        after = articles.sentences()
        assert after["text"].tolist() != before_text  # the new rules were applied...
        assert after["sentence"].tolist() == before["sentence"].tolist()  # ...and changed no id
        assert after["original"].tolist() == before["original"].tolist()
    finally:
        monkeypatch.undo()
        sentences._segments.cache_clear()
        articles._all_sentences.cache_clear()


def test_cleaning_rules():
    a10 = articles.sentence("A.p10.s01")
    assert "\u00a0" in a10.original and "\u00a0" not in a10.text
    assert articles.sentence("A.p14.s01").text == ""
    assert articles.clean("  a \u00a0\u00a0 b ") == "a b"


def test_every_non_boilerplate_sentence_has_a_translation_and_tweets_a_gloss():
    table = articles.sentences()
    content = table[table["kind"] != "boilerplate"]
    assert content["translation_en"].notna().all(), content[content["translation_en"].isna()]["sentence"].tolist()
    assert table.loc[table["kind"] == "boilerplate", "translation_en"].isna().all()
    assert table.loc[table["kind"] == "quote_en", "gloss_id"].notna().all()
    ids = set(table["sentence"])
    for name in ("translation_en.csv", "gloss_id.csv", "attribution.csv"):
        side = pd.read_csv(data_dir() / "articles" / name, dtype=str, keep_default_na=False)
        assert set(side["sentence"]) <= ids, name
        assert side["sentence"].is_unique, name


def test_attribution_covers_every_non_boilerplate_sentence():
    table = articles.sentences()
    attribution = pd.read_csv(data_dir() / "articles" / "attribution.csv", dtype=str, keep_default_na=False)
    assert set(attribution["sentence"]) == set(table.loc[table["kind"] != "boilerplate", "sentence"])
    assert set(attribution["mode"]) <= {"reporter", "direct_quote", "reported_speech", "tweet", "heading"}
    for row in attribution.itertuples():
        if row.cue:
            for cue in row.cue.split("; "):
                assert cue in articles.sentence(row.sentence).text, (row.sentence, cue)


def test_metadata():
    meta = pd.read_csv(data_dir() / "articles" / "metadata.csv", dtype=str, keep_default_na=False)
    assert meta["article"].tolist() == ["A", "B"]
    assert meta.loc[0, "outlet"] == "Liputan6.com" and meta.loc[1, "outlet"] == "not named"
    for row in meta.itertuples():
        assert row.published_earliest <= row.published <= row.published_latest
        assert row.title_note_en and row.title_note_id


def test_quote_in_both_languages():
    assert "English:" in articles.quote("A.p28.s01", lang="en")
    assert "English" not in articles.quote("A.p28.s01", lang="id")
    assert "Terjemahan" in articles.quote("A.p21.s02", lang="id")


@pytest.mark.parametrize("bad", [None, 3, "x", "A.p99.s01", "a.p01.s01", ["A.p01.s01"]])
def test_unknown_sentence_is_a_friendly_error(bad):
    with pytest.raises(articles.UnknownSentenceError, match="A.p03.s01"):
        articles.sentence(bad)
    helpers.set_language("id")
    with pytest.raises(articles.UnknownSentenceError, match="Nomor kalimat"):
        articles.sentence(bad)


@pytest.mark.parametrize("bad", [None, "C", 1])
def test_unknown_article(bad):
    with pytest.raises(articles.UnknownArticleError, match='"A"'):
        articles.show(bad)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_show_renders_both_languages(lang):
    view = articles.show("A", lang=lang)
    page = view._repr_html_()
    assert "A.p16.s01" in page and "A.p03.s01" not in page
    assert helpers.t("articles.col.translation", lang=lang) in page
    assert "A.p03.s01" in articles.show("A", lang=lang, boilerplate=True)._repr_html_()
    assert "A.p16.s01" in repr(view)


def test_html_is_escaped(monkeypatch):
    table = articles._all_sentences().copy()
    table.loc[0, "text"] = "<script>alert(1)</script>"
    monkeypatch.setattr(articles, "_all_sentences", lambda: table)
    page = articles.show("A")._repr_html_()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_boilerplate_and_search():
    assert articles.boilerplate("A")["sentence"].tolist() == [
        "A.p03.s01",
        "A.p05.s01",
        "A.p13.s01",
        "A.p14.s01",
        "A.p29.s01",
    ]
    assert articles.boilerplate("B").empty
    assert articles.search("GUTERRES", article="A")["sentence"].tolist()[:2] == ["A.p02.s01", "A.p07.s01"]
    assert "A.p22.s01" in articles.search("antonio")["sentence"].tolist()  # accent-insensitive
    with pytest.raises(ValueError):
        articles.search(None)


def test_highlights_say_their_category_in_words_and_links_are_underlined():
    page = articles.show("A", lang="id")._repr_html_()
    marks = page.count("<mark>")
    assert marks > 10
    assert page.count('<span class="kit-sr">') == marks  # every highlight names its kind for a screen reader
    assert "text-decoration:underline" in page
