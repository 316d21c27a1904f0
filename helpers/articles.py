"""The two source articles for reading: sentences with translation, quotation, display and search.

A teacher adds an article of their own with ``python -m kit_teacher.article add FILE --id C ...``
(a teacher's tool, :mod:`kit_teacher.article`); what its lesson shows beyond these views is in
:mod:`helpers.mentions`.

The originals, their sentence ids, kinds and cleaning rules live in :mod:`helpers.sentences` (read
its docstring for the rules); this module joins them with the kit's English translation and
Indonesian gloss and lays them out for students. Translation, gloss, places, actors and glossary
come from the validated loaders of :mod:`helpers.data`, so a broken file gives a ``DataError``
naming it, not a traceback.

Examples
--------
>>> from helpers import articles
>>> articles.sentence("A.p16.s01").kind
'body'
>>> articles.sentence("A.p03.s01").kind
'boilerplate'
>>> len(articles.sentences("B"))
19
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

import pandas as pd

from . import data
from .i18n import by_lang, get_language, t
from .sentences import (
    ARTICLES,
    CLEANING_RULES,
    UnknownArticleError,
    article_language,
    check_article,
    clean,
    raw,
    segments,
)
from .text import fold, plain, shorten

__all__ = [
    "ARTICLES",
    "CLEANING_RULES",
    "Sentence",
    "UnknownSentenceError",
    "UnknownArticleError",
    "raw",
    "clean",
    "sentences",
    "sentence",
    "quote",
    "Quote",
    "show",
    "boilerplate",
    "search",
]


class UnknownSentenceError(KeyError, ValueError):
    """Raised for a sentence id that does not exist; the message shows the expected format."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, with its id, original string, cleaned text and translation."""

    sentence: str
    article: str
    paragraph: int
    number: int
    kind: str
    original: str
    text: str
    translation_en: str | None
    gloss_id: str | None

    def _repr_html_(self) -> str:
        return _quote_html(self, get_language())


def _side_table(frame: pd.DataFrame) -> dict[str, str]:
    return dict(zip(frame["sentence"], frame["text"]))


@functools.lru_cache(maxsize=1)
def _all_sentences() -> pd.DataFrame:
    frame = segments()
    frame["translation_en"] = frame["sentence"].map(_side_table(data.load_translation()))
    frame["gloss_id"] = frame["sentence"].map(_side_table(data.load_gloss()))
    return frame


def sentences(article: str | None = None) -> pd.DataFrame:
    """Return the sentences of one article (or both) as a DataFrame.

    Columns: ``sentence`` (id), ``article``, ``paragraph``, ``number``, ``kind``, ``original``
    (the exact original string), ``text`` (cleaned), ``translation_en``, ``gloss_id``.

    Examples
    --------
    >>> table = sentences("A")
    >>> table.loc[table["kind"] == "boilerplate", "sentence"].tolist()
    ['A.p03.s01', 'A.p05.s01', 'A.p13.s01', 'A.p14.s01', 'A.p29.s01']
    """
    frame = _all_sentences()
    if article is not None:
        frame = frame[frame["article"] == check_article(article)]
    return frame.reset_index(drop=True).copy()


def sentence(sid: str) -> Sentence:
    """Return one sentence by its id, e.g. ``"A.p16.s01"``.

    Raises
    ------
    UnknownSentenceError
        When the id is malformed or does not exist (the message shows the format).

    Examples
    --------
    >>> sentence("B.p04.s02").text
    'Milisi Haftar minggu ini juga merebut kota pesisir penting Sirte.'
    """
    frame = _all_sentences()
    key = plain(sid).strip() if isinstance(sid, str) else None
    match = frame[frame["sentence"] == key] if key else frame.iloc[0:0]
    if match.empty:
        raise UnknownSentenceError(t("articles.unknown_sentence", value=shorten(sid)))
    row = match.iloc[0].to_dict()
    for col in ("translation_en", "gloss_id"):
        row[col] = row[col] if isinstance(row[col], str) else None
    return Sentence(**row)


class Quote(str):
    """A quotation as plain text, with ``html``: the same, each part marked with its language (``lang``)."""

    html = ""


def quote(sid: str, *, lang: str | None = None) -> Quote:
    """Return a sentence as a plain-text quotation with its id (its ``html`` says each part's language).

    In English the English translation follows on a second line; in Indonesian, the English tweet
    is followed by its Indonesian gloss.

    Examples
    --------
    >>> print(quote("A.p28.s01", lang="en"))
    A.p28.s01: "Sejauh ini Jenderal Haftar telah menerima dukungan dari Mesir dan UEA."
      (English: So far General Haftar has received support from Egypt and the UAE.)
    >>> quote("A.p28.s01", lang="en").html.startswith('A.p28.s01: "<span lang="id">Sejauh ini')
    True
    """
    s, lang = sentence(sid), get_language(lang)
    companion, label = _companion(s, lang), t(_COMPANION_LABEL[lang], lang=lang)
    said = Quote(f'{s.sentence}: "{s.text}"' + (f"\n  ({label}: {companion})" if companion else ""))
    said.html = f'{s.sentence}: "<span lang="{_written_in(s)}">{html.escape(s.text)}</span>"' + (
        f'<br>  ({html.escape(label)}: <span lang="{lang}">{html.escape(companion)}</span>)' if companion else ""
    )
    return said


#: What follows a quoted sentence: the English translation in English, the Indonesian gloss (of
#: the English tweet) in Indonesian.
_COMPANION = {"en": "translation_en", "id": "gloss_id"}
_COMPANION_LABEL = {"en": "articles.english", "id": "articles.gloss"}


def _companion(s: Sentence, lang: str) -> str | None:
    """The text shown under a quoted sentence in ``lang`` (none for the English tweet in English)."""
    if lang == "en" and s.kind == "quote_en":
        return None
    return getattr(s, _COMPANION[lang]) or None


def _written_in(s: Sentence) -> str:
    """The language a sentence is written in (the English tweet quoted in article B is English)."""
    return "en" if s.kind == "quote_en" else article_language(s.article)


def _quote_html(s: Sentence, lang: str) -> str:
    said, companion = f'<span lang="{_written_in(s)}">{html.escape(s.text)}</span>', _companion(s, lang)
    said += f'<br><em lang="{lang}">{html.escape(companion)}</em>' if companion else ""
    return f"<blockquote><code>{html.escape(s.sentence)}</code> {said}</blockquote>"


@functools.lru_cache(maxsize=2)
def _highlights(lang: str) -> list[tuple[str, str, str, str, str]]:
    """(alias, kind, key, title, display name) for glossary terms, actors and places, longest alias first.

    Built in file order (no sets), so the output is the same on every run.
    """
    found: dict[str, tuple[str, str, str, str, str]] = {}

    def names(*values: str) -> list[str]:
        return [v for v in dict.fromkeys(values) if len(v) >= 2]

    for row in data.load_places().itertuples():
        display = by_lang(row, "name", lang)
        for alias in names(row.name_id, row.name_en, *row.variants.split(";")):
            found.setdefault(alias, (alias, "place", row.place, display, display))
    for row in data.load_actors().itertuples():
        display, title = by_lang(row, "name", lang), by_lang(row, "description", lang)
        for alias in names(row.name_id, row.name_en):
            found.setdefault(alias, (alias, "actor", row.actor, title, display))
    for row in data.load_glossary().itertuples():
        display, title = by_lang(row, "term", lang), by_lang(row, "definition", lang)
        for alias in names(*row.aliases.split(";")):
            found[alias] = (alias, "term", row.term, title, display)
    return sorted(found.values(), key=lambda v: (-len(v[0]), v[0]))


def _highlight(text: str, lang: str) -> tuple[str, set[tuple[str, str]]]:
    spans: list[tuple[int, int, tuple[str, str, str, str, str]]] = []
    taken = [False] * len(text)
    for entry in _highlights(lang):
        for m in re.finditer(r"(?<!\w)" + re.escape(entry[0]) + r"(?!\w)", text):
            if not any(taken[m.start() : m.end()]):
                spans.append((m.start(), m.end(), entry))
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    out, pos, used = [], 0, set()
    words = {kind: html.escape(t(f"articles.kind.{kind}", lang=lang)) for kind in ("actor", "place", "term")}
    for start, end, (_alias, kind, key, title, _display) in sorted(spans):
        out.append(html.escape(text[pos:start]))
        # the category is said in words too (for screen readers and black-and-white print), not by colour alone
        out.append(
            f'<a href="#kit-{kind}-{html.escape(key)}" class="kit-{kind}" title="{html.escape(title)}">'
            f'<span class="kit-sr">{words[kind]}: </span><mark>{html.escape(text[start:end])}</mark></a>'
        )
        used.add((kind, key))
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out), used


# Links in the text are underlined, not told apart by colour alone (WCAG 1.4.1); .kit-sr is read, not shown.
_ARTICLE_CSS = (
    "<style>.kit-article a{text-decoration:underline}"
    ".kit-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
    "</style>"
)


class ArticleView:
    """An article laid out sentence by sentence; renders as HTML in Jupyter, as text elsewhere."""

    def __init__(self, article: str, lang: str, parallel: bool, show_boilerplate: bool):
        self.article, self.lang, self.parallel, self.show_boilerplate = article, lang, parallel, show_boilerplate
        table = sentences(article)
        self.table = table if show_boilerplate else table[table["kind"] != "boilerplate"].reset_index(drop=True)

    def __repr__(self) -> str:
        lines = [t("articles.title", lang=self.lang, article=self.article)]
        for row in self.table.itertuples():
            label = f" [{t('articles.kind.' + row.kind, lang=self.lang)}]" if row.kind != "body" else ""
            lines.append(f"{row.sentence}{label}  {row.text}")
            if self.parallel and isinstance(row.translation_en, str) and row.kind != "quote_en":
                lines.append(f"{' ' * len(row.sentence)}  EN: {row.translation_en}")
            if self.lang == "id" and isinstance(row.gloss_id, str):
                lines.append(f"{' ' * len(row.sentence)}  ID: {row.gloss_id}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        lang = self.lang
        written_in = article_language(self.article)  # an added article may be in English
        original_col = "articles.col.original" if written_in == "id" else "articles.col.original_en"
        head = f"<th>{t('articles.col.id', lang=lang)}</th><th>{t(original_col, lang=lang)}</th>"
        if self.parallel:
            head += f"<th>{t('articles.col.translation', lang=lang)}</th>"
        rows, used = [], set()
        for row in self.table.itertuples():
            original, found = _highlight(row.text, lang)
            used |= found
            style = ' style="opacity:0.6"' if row.kind == "boilerplate" else ""
            label = (
                f" <small>[{html.escape(t('articles.kind.' + row.kind, lang=lang))}]</small>"
                if row.kind != "body"
                else ""
            )
            cells = f'<td><code>{row.sentence}</code>{label}</td><td lang="{_written_in(row)}">{original}</td>'
            if self.parallel:
                other = row.translation_en if isinstance(row.translation_en, str) else ""
                if lang == "id" and isinstance(row.gloss_id, str):
                    other = row.gloss_id
                cells += f'<td lang="{"id" if lang == "id" and isinstance(row.gloss_id, str) else "en"}">{html.escape(other)}</td>'
            rows.append(f"<tr{style}>{cells}</tr>")
        caption = html.escape(t("articles.title", lang=lang, article=self.article))
        out = (
            _ARTICLE_CSS + f'<table class="kit-article" lang="{lang}"><caption>{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
        return out + _legend_html(used, lang)


def _legend_html(used: set[tuple[str, str]], lang: str) -> str:
    if not used:
        return ""
    titles = {(kind, key): title for _a, kind, key, title, _d in _highlights(lang)}
    names = {(kind, key): display for _a, kind, key, _t, display in _highlights(lang)}
    items = [
        f'<li id="kit-{kind}-{html.escape(key)}"><b>{html.escape(names[(kind, key)])}</b> '
        f"({html.escape(t('articles.kind.' + kind, lang=lang))}): {html.escape(titles[(kind, key)])}</li>"
        for kind, key in sorted(used)
    ]
    return f'<details lang="{lang}"><summary>{html.escape(t("articles.glossary", lang=lang))}</summary><ul>{"".join(items)}</ul></details>'


def show(article: str, *, lang: str | None = None, parallel: bool = True, boilerplate: bool = False) -> ArticleView:
    """Lay out an article with sentence ids, the translation beside it, and highlighted names.

    Parameters
    ----------
    article : {"A", "B"}
    lang : {"id", "en"}, optional
        Language of headings and labels (default: the kit's current language).
    parallel : bool
        Show the English translation (or, in Indonesian mode, the gloss of the English tweet).
    boilerplate : bool
        Also show the web-page leftovers, greyed and labelled.

    Examples
    --------
    >>> view = show("B", lang="en")
    >>> "B.p04.s02" in view._repr_html_()
    True
    """
    return ArticleView(check_article(article), get_language(lang), parallel is not False, boilerplate is True)


def boilerplate(article: str | None = None) -> pd.DataFrame:
    """Return the web-page leftovers (sentence id, original string) of one article or both.

    Examples
    --------
    >>> boilerplate("A")["original"].tolist()[:2]
    ['Baca Juga', 'Advertisement']
    """
    table = sentences(article)
    return table.loc[table["kind"] == "boilerplate", ["sentence", "article", "original"]].reset_index(drop=True)


def search(term: str, *, article: str | None = None) -> pd.DataFrame:
    """Return the sentences whose text contains ``term`` (case- and accent-insensitive).

    Examples
    --------
    >>> search("gharyan")["sentence"].tolist()
    ['A.p16.s01', 'A.p17.s01', 'A.p18.s01']
    """
    if not (plain(term) or "").strip():
        raise ValueError(t("articles.bad_term", value=shorten(term)))
    table = sentences(article)
    needle = fold(plain(term))
    return table[table["text"].map(lambda s: needle in fold(s))].reset_index(drop=True)
