"""The two articles' original text and its sentences, with stable ids: the bottom of the data layer.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.sentences``.

Examples
--------
>>> segments("B")["sentence"].tolist()[:2]
['B.p01.s01', 'B.p01.s02']
>>> "A.p16.s01" in sentence_ids()
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from ._errors import DataError
from ._read import parse_csv, read_text
from .i18n import t
from .paths import data_dir
from .text import plain, shorten

__all__ = [
    "ARTICLES",
    "CLEANING_RULES",
    "SENTENCE_ID",
    "UnknownArticleError",
    "article_keys",
    "check_article",
    "article_language",
    "raw",
    "clean",
    "segments",
    "sentence_ids",
    "split_lines",
    "unreadable_articles",
]

#: The two articles of the kit; articles a teacher adds are found by :func:`article_keys`.
ARTICLES: tuple[str, ...] = ("A", "B")

#: The form of a sentence id (an article is one capital letter): paragraph and sentence numbers of
#: at least two digits, ``A.p01.s01`` to ``C.p130.s104`` (the same pattern as the sentence fields
#: of data/datapackage.json and lessons/quiz.schema.json).
SENTENCE_ID = re.compile(r"^([A-Z])\.p(\d{2,})\.s(\d{2,})$")

#: The name of an article's original in ``data/articles/``.
_ORIGINAL = re.compile(r"^([A-Z])-original\.txt$")

#: The cleaning rules, in order: (name, function). Documented in the module docstring.
CLEANING_RULES: list[tuple[str, Callable[[str], str]]] = [
    ("nbsp", lambda s: s.replace("\u00a0", " ")),
    ("stray-A", lambda s: re.sub(r"(?<![A-Za-z\u00c0-\u024f])\u00c2(?![A-Za-z\u00c0-\u024f])", "", s)),
    ("spaces", lambda s: re.sub(r"\s+", " ", s).strip()),
]

_BOILERPLATE = re.compile(r"^(baca juga|advertisement|saksikan juga video berikut ini:?)$", re.I)
_SHARE = re.compile(
    r"^((bagikan|share|tweet|salin tautan|copy link|facebook|twitter|x|whatsapp|telegram|line|e-?mail|linkedin)[\s:|,/-]*)+$",
    re.I,
)
_CAPTION = re.compile(r"^(foto|photo|ilustrasi)\s*:|\((foto|photo|ilustrasi)\s*:[^()]*\)\s*$", re.I)
_SPLIT = re.compile(r'(?<=[.!?])(?<!\.\.\.)(["\u201d]?)\s+(?=["\u201cA-Z])')
_EN_WORDS = {
    "i",
    "am",
    "the",
    "and",
    "of",
    "to",
    "in",
    "is",
    "by",
    "there",
    "no",
    "only",
    "can",
    "as",
    "for",
    "at",
    "call",
    "taking",
    "place",
    "risk",
}
_ID_WORDS = {
    "yang",
    "dan",
    "di",
    "ke",
    "dari",
    "untuk",
    "dengan",
    "ini",
    "itu",
    "telah",
    "bahwa",
    "pada",
    "oleh",
    "tidak",
}


class UnknownArticleError(KeyError, ValueError):
    """Raised for an article id other than "A" or "B"."""

    def __str__(self) -> str:
        return str(self.args[0])


def article_keys() -> tuple[str, ...]:
    """Return the articles of this copy of the kit: ``A``, ``B`` and any a teacher added, in order.

    Examples
    --------
    >>> article_keys()[:2]
    ('A', 'B')
    """
    folder = data_dir() / "articles"
    added = sorted(m.group(1) for p in folder.glob("*-original.txt") if (m := _ORIGINAL.match(p.name)))
    return ARTICLES + tuple(key for key in added if key not in ARTICLES)


def check_article(article: Any) -> str:
    """Return the article key ``"A"`` or ``"B"`` (case and spaces forgiven), or raise.

    Examples
    --------
    >>> check_article(" b ")
    'B'
    """
    key = plain(article).strip().upper() if isinstance(article, str) else None
    if key not in ARTICLES and key not in article_keys():
        raise UnknownArticleError(t("articles.unknown_article", value=shorten(article)))
    return key


def _path(article: str) -> str:
    return f"articles/{article}-original.txt"


def raw(article: str) -> str:
    """Return the original text of an article exactly as received.

    Raises
    ------
    DataError
        When the file is missing or is not UTF-8 (naming the file and the line).

    Examples
    --------
    >>> raw("A").startswith("Liputan6.com, Tripoli")
    True
    """
    return read_text({"path": _path(check_article(article)), "format": "txt"})


def clean(text: str) -> str:
    """Apply the documented cleaning rules to one string.

    Examples
    --------
    >>> clean("BBC,\\u00a0 Jumat")
    'BBC, Jumat'
    >>> clean("\\u00c2")
    ''
    """
    if not isinstance(text, str):  # a ValueError in the student's language
        raise ValueError(t("articles.not_text", value=shorten(text)))
    for _name, rule in CLEANING_RULES:
        text = rule(plain(text))
    return text


def _split(line: str) -> list[str]:
    parts = _SPLIT.split(line)
    out, buf = [], parts[0]
    for i in range(1, len(parts), 2):
        out.append(buf + parts[i])
        buf = parts[i + 1]
    out.append(buf)
    return out


def _is_english(line: str) -> bool:
    words = re.findall(r"[a-z]+", line.lower())
    en = sum(w in _EN_WORDS for w in words)
    idn = sum(w in _ID_WORDS for w in words)
    return en >= 3 and en > 2 * idn


def _kind(line: str, language: str = "id") -> str:
    cleaned = clean(line)
    if not cleaned or _BOILERPLATE.match(cleaned) or _SHARE.match(cleaned) or _CAPTION.search(cleaned):
        return "boilerplate"
    if language == "id" and re.match(r"^[\u2014\u2013-]\s", cleaned) and re.search(r"@\w+", cleaned):
        return "quote_en"
    if language == "id" and _is_english(cleaned):
        return "quote_en"
    if len(cleaned.split()) <= 6 and not re.search(r"[.!?:\"\u201d]$", cleaned):
        return "heading"
    return "body"


def article_language(article: str) -> str:
    """The language an article is written in, read from ``data/articles/metadata.csv`` (A and B: ``id``).

    Examples
    --------
    >>> article_language("A")
    'id'
    """
    if article in ARTICLES:
        return "id"
    try:
        records, _lines = parse_csv({"path": "articles/metadata.csv", "format": "csv"})
    except DataError:
        return "id"  # the metadata's own error is reported by the validator
    header = records[0] if records else []
    if "article" not in header or "language" not in header:
        return "id"
    for cells in records[1:]:
        row = dict(zip(header, cells))
        if row.get("article") == article:
            return row.get("language") or "id"
    return "id"


def split_lines(text: str, *, article: str = "X", language: str = "id") -> list[dict[str, Any]]:
    """Cut a text into paragraphs (non-empty lines) and sentences, with ids and kinds: the one segmenter.

    Examples
    --------
    >>> [(r["sentence"], r["kind"]) for r in split_lines("Baca Juga\\nIa pergi. Dia pulang.", article="C")]
    [('C.p01.s01', 'boilerplate'), ('C.p02.s01', 'body'), ('C.p02.s02', 'body')]
    """
    rows = []
    lines = [line for line in text.split("\n") if line.strip()]
    for p, line in enumerate(lines, start=1):
        kind = _kind(line, language)
        for s, original in enumerate(_split(line), start=1):
            rows.append(
                {
                    "sentence": f"{article}.p{p:02d}.s{s:02d}",
                    "article": article,
                    "paragraph": p,
                    "number": s,
                    "kind": kind,
                    "original": original,
                }
            )
    return rows


def _segment(article: str) -> list[dict[str, Any]]:
    return split_lines(raw(article), article=article, language=article_language(article))


@functools.cache
def _segments(article: str) -> pd.DataFrame:
    frame = pd.DataFrame(_segment(article), columns=["sentence", "article", "paragraph", "number", "kind", "original"])
    frame["text"] = frame["original"].map(clean)
    return frame


def segments(article: str | None = None) -> pd.DataFrame:
    """Return the sentences of one article (or both): id, place, kind, original and cleaned text.

    Columns: ``sentence``, ``article``, ``paragraph``, ``number``, ``kind``, ``original``, ``text``.

    Examples
    --------
    >>> segments("A").loc[0, ["sentence", "kind"]].tolist()
    ['A.p01.s01', 'body']
    """
    keys = article_keys() if article is None else (check_article(article),)
    return pd.concat([_segments(key) for key in keys], ignore_index=True)


def unreadable_articles() -> dict[str, DataError]:
    """Return the articles whose file cannot be read, with the error for each (empty: all readable).

    Examples
    --------
    >>> unreadable_articles()
    {}
    """
    broken = {}
    for article in article_keys():
        try:
            _segments(article)
        except DataError as exc:
            broken[article] = exc
    return broken


def sentence_ids() -> frozenset[str]:
    """Return the ids of every sentence of the articles that can be read.

    An article that cannot be read (missing, not UTF-8) contributes no ids; the validator then
    only checks the form of ids that point into it, so one broken article does not stop the
    tables that cite it from loading (``validate`` still reports the article itself).

    Examples
    --------
    >>> len(sentence_ids())
    53
    """
    broken = unreadable_articles()
    return frozenset(
        sid for article in article_keys() if article not in broken for sid in _segments(article)["sentence"]
    )
