"""The two source articles: originals, sentences with stable ids, cleaning, translation, display.

The originals in ``data/articles/`` are kept byte-for-byte as received. Everything else is derived
here, in code, so that every quotation can be traced back to the original string.

Sentence ids
------------
``A.p16.s01`` is article A, paragraph 16, sentence 1. A paragraph is a non-empty line of the
original file (boilerplate lines count too); sentences are split inside a line after ``.``, ``!``
or ``?`` (and a closing quote) followed by a space and a capital letter or an opening quote; an
ellipsis ``...`` never ends a sentence. Ids are computed on the **original** text, before any
cleaning, so changing the cleaning rules can never change an id.

Cleaning rules (applied in this order to give the ``text`` of each sentence)
----------------------------------------------------------------------------
1. ``nbsp``: the non-breaking space (U+00A0) becomes an ordinary space.
2. ``stray-A``: a lone ``Â`` (left over from a mis-decoded non-breaking space) is removed.
3. ``spaces``: runs of white space become one space; the ends are trimmed.

Kinds of sentence
-----------------
- ``boilerplate``: web-page leftovers, not part of the report: "Baca Juga", "Advertisement",
  "Saksikan juga video berikut ini:", and lines that are empty once cleaned (the stray ``Â``).
- ``heading``: a sub-heading: a line of at most six words with no final punctuation.
- ``quote_en``: the embedded English tweet: a paragraph whose words are mostly English function
  words, and the tweet's byline (a line starting with a dash and naming an ``@account``).
- ``body``: everything else.

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
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from .i18n import get_language, t
from .paths import data_dir

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
    "show",
    "boilerplate",
    "search",
]

#: The two articles of the kit.
ARTICLES: tuple[str, ...] = ("A", "B")

#: The cleaning rules, in order: (name, function). Documented in the module docstring.
CLEANING_RULES: list[tuple[str, Callable[[str], str]]] = [
    ("nbsp", lambda s: s.replace("\u00a0", " ")),
    ("stray-A", lambda s: re.sub(r"(?<![A-Za-z\u00c0-\u024f])\u00c2(?![A-Za-z\u00c0-\u024f])", "", s)),
    ("spaces", lambda s: re.sub(r"\s+", " ", s).strip()),
]

_BOILERPLATE = re.compile(r"^(baca juga|advertisement|saksikan juga video berikut ini:?)$", re.I)
_SPLIT = re.compile(r'(?<=[.!?])(?<!\.\.\.)(["\u201d]?)\s+(?=["\u201cA-Z])')
_EN_WORDS = {"i", "am", "the", "and", "of", "to", "in", "is", "by", "there", "no", "only", "can", "as",
             "for", "at", "call", "taking", "place", "risk"}
_ID_WORDS = {"yang", "dan", "di", "ke", "dari", "untuk", "dengan", "ini", "itu", "telah", "bahwa",
             "pada", "oleh", "tidak"}
_SID = re.compile(r"^([AB])\.p(\d{2})\.s(\d{2})$")


class UnknownArticleError(KeyError, ValueError):
    """Raised for an article id other than "A" or "B"."""

    def __str__(self) -> str:
        return str(self.args[0])


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


def _check_article(article: Any) -> str:
    key = str(article).strip().upper() if isinstance(article, str) else None
    if key not in ARTICLES:
        raise UnknownArticleError(t("articles.unknown_article", value=repr(article)))
    return key


def raw(article: str) -> str:
    """Return the original text of an article exactly as received.

    Examples
    --------
    >>> raw("A").startswith("Liputan6.com, Tripoli")
    True
    """
    key = _check_article(article)
    return (data_dir() / "articles" / f"{key}-original.txt").read_bytes().decode("utf-8")


def clean(text: str) -> str:
    """Apply the documented cleaning rules to one string.

    Examples
    --------
    >>> clean("BBC,\\u00a0 Jumat")
    'BBC, Jumat'
    >>> clean("\\u00c2")
    ''
    """
    for _name, rule in CLEANING_RULES:
        text = rule(text)
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


def _kind(line: str) -> str:
    cleaned = clean(line)
    if not cleaned or _BOILERPLATE.match(cleaned):
        return "boilerplate"
    if re.match(r"^[\u2014\u2013-]\s", cleaned) and re.search(r"@\w+", cleaned):
        return "quote_en"
    if _is_english(cleaned):
        return "quote_en"
    if len(cleaned.split()) <= 6 and not re.search(r"[.!?:\"\u201d]$", cleaned):
        return "heading"
    return "body"


def _segment(article: str) -> list[dict[str, Any]]:
    rows = []
    lines = [line for line in raw(article).split("\n") if line.strip()]
    for p, line in enumerate(lines, start=1):
        kind = _kind(line)
        for s, original in enumerate(_split(line), start=1):
            rows.append({"sentence": f"{article}.p{p:02d}.s{s:02d}", "article": article, "paragraph": p,
                         "number": s, "kind": kind, "original": original})
    return rows


def _side_table(name: str) -> dict[str, str]:
    path = data_dir() / "articles" / name
    if not path.exists():
        return {}
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return dict(zip(table["sentence"], table["text"]))


@functools.lru_cache(maxsize=1)
def _all_sentences() -> pd.DataFrame:
    rows = [row for article in ARTICLES for row in _segment(article)]
    frame = pd.DataFrame(rows)
    frame["text"] = frame["original"].map(clean)
    translations, glosses = _side_table("translation_en.csv"), _side_table("gloss_id.csv")
    frame["translation_en"] = frame["sentence"].map(translations)
    frame["gloss_id"] = frame["sentence"].map(glosses)
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
        frame = frame[frame["article"] == _check_article(article)]
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
    key = sid.strip() if isinstance(sid, str) else None
    match = frame[frame["sentence"] == key] if key else frame.iloc[0:0]
    if match.empty:
        raise UnknownSentenceError(t("articles.unknown_sentence", value=repr(sid)))
    row = match.iloc[0].to_dict()
    for col in ("translation_en", "gloss_id"):
        row[col] = row[col] if isinstance(row[col], str) else None
    return Sentence(**row)


def quote(sid: str, *, lang: str | None = None) -> str:
    """Return a sentence as a plain-text quotation with its id.

    In English the English translation follows on a second line; in Indonesian, the English tweet
    is followed by its Indonesian gloss.

    Examples
    --------
    >>> print(quote("A.p28.s01", lang="en"))
    A.p28.s01: "Sejauh ini Jenderal Haftar telah menerima dukungan dari Mesir dan UEA."
      (English: So far General Haftar has received support from Egypt and the UAE.)
    """
    s = sentence(sid)
    lang = lang or get_language()
    text = f'{s.sentence}: "{s.text}"'
    if lang == "en" and s.translation_en and s.kind != "quote_en":
        text += f"\n  ({t('articles.english', lang='en')}: {s.translation_en})"
    elif lang == "id" and s.gloss_id:
        text += f"\n  ({t('articles.gloss', lang='id')}: {s.gloss_id})"
    return text


def _quote_html(s: Sentence, lang: str) -> str:
    out = f"<blockquote><code>{html.escape(s.sentence)}</code> {html.escape(s.text)}"
    if lang == "en" and s.translation_en and s.kind != "quote_en":
        out += f"<br><em>{html.escape(s.translation_en)}</em>"
    elif lang == "id" and s.gloss_id:
        out += f"<br><em>{html.escape(s.gloss_id)}</em>"
    return out + "</blockquote>"


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


@functools.lru_cache(maxsize=2)
def _highlights(lang: str) -> list[tuple[str, str, str, str, str]]:
    """(alias, kind, key, title, display name) for glossary terms, actors and places, longest alias first.

    Built in file order (no sets), so the output is the same on every run.
    """
    found: dict[str, tuple[str, str, str, str, str]] = {}
    base = data_dir()

    def read(name: str) -> pd.DataFrame | None:
        path = base / name
        return pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else None

    def names(*values: str) -> list[str]:
        return [v for v in dict.fromkeys(values) if len(v) >= 2]

    glossary, actors, places = read("glossary.csv"), read("actors.csv"), read("places.csv")
    if places is not None:
        for row in places.itertuples():
            display = row.name_en if lang == "en" else row.name_id
            for alias in names(row.name_id, row.name_en, *row.variants.split(";")):
                found.setdefault(alias, (alias, "place", row.place, display, display))
    if actors is not None:
        for row in actors.itertuples():
            display = row.name_en if lang == "en" else row.name_id
            title = row.description_en if lang == "en" else row.description_id
            for alias in names(row.name_id, row.name_en):
                found.setdefault(alias, (alias, "actor", row.actor, title, display))
    if glossary is not None:
        for row in glossary.itertuples():
            display = row.term_en if lang == "en" else row.term_id
            title = row.definition_en if lang == "en" else row.definition_id
            for alias in names(*row.aliases.split(";")):
                found[alias] = (alias, "term", row.term, title, display)
    return sorted(found.values(), key=lambda v: (-len(v[0]), v[0]))


def _highlight(text: str, lang: str) -> tuple[str, set[tuple[str, str]]]:
    spans: list[tuple[int, int, tuple[str, str, str, str, str]]] = []
    taken = [False] * len(text)
    for entry in _highlights(lang):
        for m in re.finditer(r"(?<!\w)" + re.escape(entry[0]) + r"(?!\w)", text):
            if not any(taken[m.start():m.end()]):
                spans.append((m.start(), m.end(), entry))
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
    out, pos, used = [], 0, set()
    for start, end, (_alias, kind, key, title, _display) in sorted(spans):
        out.append(html.escape(text[pos:start]))
        out.append(
            f'<a href="#kit-{kind}-{html.escape(key)}" class="kit-{kind}" title="{html.escape(title)}">'
            f"<mark>{html.escape(text[start:end])}</mark></a>"
        )
        used.add((kind, key))
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out), used


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
        head = f"<th>{t('articles.col.id', lang=lang)}</th><th>{t('articles.col.original', lang=lang)}</th>"
        if self.parallel:
            head += f"<th>{t('articles.col.translation', lang=lang)}</th>"
        rows, used = [], set()
        for row in self.table.itertuples():
            original, found = _highlight(row.text, lang)
            used |= found
            style = ' style="opacity:0.6"' if row.kind == "boilerplate" else ""
            label = (f' <small>[{html.escape(t("articles.kind." + row.kind, lang=lang))}]</small>'
                     if row.kind != "body" else "")
            cells = f"<td><code>{row.sentence}</code>{label}</td><td lang=\"id\">{original}</td>"
            if self.parallel:
                other = row.translation_en if isinstance(row.translation_en, str) else ""
                if lang == "id" and isinstance(row.gloss_id, str):
                    other = row.gloss_id
                cells += f'<td lang="{"id" if lang == "id" and isinstance(row.gloss_id, str) else "en"}">{html.escape(other)}</td>'
            rows.append(f"<tr{style}>{cells}</tr>")
        caption = html.escape(t("articles.title", lang=lang, article=self.article))
        out = (f'<table class="kit-article"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
               f"<tbody>{''.join(rows)}</tbody></table>")
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
    return f"<details><summary>{html.escape(t('articles.glossary', lang=lang))}</summary><ul>{''.join(items)}</ul></details>"


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
    return ArticleView(_check_article(article), lang or get_language(), parallel, boilerplate)


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
    if not isinstance(term, str) or not term.strip():
        raise ValueError(t("articles.bad_term", value=repr(term)))
    table = sentences(article)
    needle = _fold(term.strip())
    return table[table["text"].map(lambda s: needle in _fold(s))].reset_index(drop=True)
