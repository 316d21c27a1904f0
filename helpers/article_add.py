"""Bring your own article: turn a news report into the sheets and the lesson skeleton A and B have.

``python -m helpers.articles add FILE --id C --publisher ... --date YYYY-MM-DD --url ...`` (or
``make article FILE=... ID=C ARGS="--publisher ..."``), from a plain-text or saved HTML page:

1. keeps the text as ``data/articles/C-original.txt`` (the file itself when it is UTF-8 plain
   text; for a saved web page or a Windows-1252/Latin-1 file, its text in UTF-8, with the file as
   received kept byte for byte beside it as ``C-received.html`` or ``C-received.txt``), and records
   the article in ``data/articles/metadata.csv``, ``data/sources.csv`` (``article-c``) and
   ``data/datapackage.json`` (with its hash);
2. cuts it into sentences ``C.pNN.sNN`` with the same code as A and B (:mod:`helpers.sentences`),
   web clutter marked as boilerplate;
3. writes the translation sheet: a row of ``data/articles/translation_en.csv`` per sentence with
   the English empty (for an English article, ``gloss_id.csv`` with the Indonesian empty);
4. finds the places and actors the kit knows (names and variants folded), adds the sentence ids
   to their ``sentences`` column, and lists unknown capitalised names as candidates, in a report
   ``data/articles/C-names.md``;
5. writes the claims sheet: a row of ``data/claims.csv`` per sentence, verdict empty ("not yet
   checked");
6. writes the lesson skeleton ``notebooks/src/en/NN-article-c.md`` and
   ``notebooks/src/id/NN-berita-c.md`` (each edition named in its language, paired by ``NN``) from
   ``helpers/templates/``.

Bad input (empty, binary or undecodable file, an id that exists or is malformed, a date that is
malformed or outside the data's range, a missing file) stops it before anything is written, with
a message in both languages and exit code 2; nothing existing is overwritten without ``--force``.

The functions :func:`names`, :func:`quoted` and :func:`backers` are what the generated lessons
call.

Examples
--------
>>> decode(b"Tripoli - Pasukan bergerak.", "x.txt")[0]
'Tripoli - Pasukan bergerak.'
>>> [name for name, _first in candidates(["Pasukan tiba di Tripoli dan Zliten."])]
['Tripoli', 'Zliten']
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import string
import sys
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from .dates import ISO_DATE
from .i18n import LANGUAGES, t
from .text import fold

__all__ = [
    "AddError",
    "Plan",
    "backers",
    "candidates",
    "decode",
    "find_names",
    "html_to_text",
    "lesson_name",
    "main",
    "names",
    "plan",
    "quoted",
    "write",
]

_ID = re.compile(r"^[A-Z]$")
_KIT_ARTICLES = ("A", "B")


class AddError(ValueError):
    """Bad input to ``add``: a catalogue key and values; ``message(lang)`` says it in either language."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def message(self, lang: str) -> str:
        """The message in ``lang`` ("en" or "id")."""
        return t(f"article_add.error.{self.key}", lang=lang, **self.values)

    def __str__(self) -> str:
        return self.message("en")


# ---------------------------------------------------------------- reading the file


def decode(content: bytes, name: str) -> tuple[str, str]:
    """Return the text of a file and the encoding it was read with (``utf-8`` or ``cp1252``).

    Raises
    ------
    AddError
        ``empty``, ``binary`` or ``encoding``.

    Examples
    --------
    >>> decode("Caf\\u00e9".encode("cp1252"), "x.txt")
    ('Café', 'cp1252')
    """
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AddError("encoding", file=name)  # UTF-16 ("Unicode" in old Notepad): text, but not UTF-8
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    if not content.strip():
        raise AddError("empty", file=name)
    head = content[:8192]
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in head)
    if b"\x00" in head or controls > len(head) // 100:
        raise AddError("binary", file=name)
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError:
        raise AddError("encoding", file=name) from None
    return text, "cp1252"


def _is_html(text: str, name: str) -> bool:
    return name.lower().endswith((".html", ".htm")) or bool(re.match(r"\s*<(!doctype html|html)", text, re.I))


class _PageText(HTMLParser):
    """The paragraphs of a saved web page: no scripts, styles, navigation, headers or forms."""

    SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "button", "svg"})
    SKIP |= {"iframe", "template", "select", "head"}
    BLOCK = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote", "div", "br"})
    BLOCK |= {"section", "article", "tr", "main", "figure", "ul", "ol", "table", "body"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.skipping: list[str] = []

    def _flush(self) -> None:
        line = re.sub(r"[ \t\r\n]+", " ", "".join(self.buffer)).strip()
        if line:
            self.lines.append(line)
        self.buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping.append(tag)
        elif not self.skipping and tag in self.BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif not self.skipping and tag in self.BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.buffer.append(data)


def html_to_text(page: str) -> str:
    """Return the paragraphs of a saved HTML page, one per line (scripts, styles, menus dropped).

    Examples
    --------
    >>> html_to_text("<nav>Menu</nav><p>Satu\\n dua.</p><script>x()</script><p>Tiga &amp; empat.</p>")
    'Satu dua.\\nTiga & empat.\\n'
    """
    parser = _PageText()
    parser.feed(page)
    parser.close()
    parser._flush()
    return "\n".join(parser.lines) + "\n"


# ---------------------------------------------------------------- names


def _aliases_place(row: dict[str, str]) -> list[str]:
    names = [row["name_en"], row["name_id"], *row.get("variants", "").split(";")]
    out = []
    for name in names:
        out += [name, re.sub(r"\s*\(.*?\)", "", name)]
    return [a.strip() for a in dict.fromkeys(out) if len(a.strip()) >= 3]


def _aliases_actor(row: dict[str, str]) -> list[str]:
    out = []
    for name in (row["name_en"], row["name_id"]):
        out += [name, re.sub(r"\s*\(.*?\)", "", name), *re.findall(r"\(([^()]+)\)", name)]
        if row.get("type") == "person":
            last = name.split()[-1]
            out += [last, re.sub(r"^(al|el)-", "", last)]
    return [a.strip() for a in dict.fromkeys(out) if len(a.strip()) >= 2]


def _pattern(alias: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(fold(alias)) + r"(?![a-z0-9])")


def find_names(texts: dict[str, str], places: list[dict[str, str]], actors: list[dict[str, str]]) -> dict[str, Any]:
    """Which known places and actors each sentence names (folded names, variants, surnames, acronyms).

    Returns ``{"place": {key: [sentence ids]}, "actor": {key: [sentence ids]}}``.

    Examples
    --------
    >>> places = [{"place": "misrata", "name_en": "Misrata", "name_id": "Misrata", "variants": "Misurata"}]
    >>> actors = [{"actor": "haftar", "name_en": "Khalifa Haftar", "name_id": "Khalifa Haftar", "type": "person"}]
    >>> find_names({"C.p01.s01": "HAFTAR menuju Misurata."}, places, actors)
    {'place': {'misrata': ['C.p01.s01']}, 'actor': {'haftar': ['C.p01.s01']}}
    """
    found: dict[str, dict[str, list[str]]] = {"place": {}, "actor": {}}
    tables = (("place", places, "place", _aliases_place), ("actor", actors, "actor", _aliases_actor))
    for kind, rows, key, aliases in tables:
        for row in rows:
            patterns = [_pattern(a) for a in aliases(row)]
            for sid, text in texts.items():
                if any(p.search(fold(text)) for p in patterns):
                    found[kind].setdefault(row[key], []).append(sid)
    return found


#: Capitalised words that start sentences or name days and months, never places or people.
_COMMON = set(
    """ada akan bagi baik bahkan banyak belum berbicara berita dalam dan dari dengan di dia ini itu jika juga kami
    kata kini ketika kemudian mereka menurut namun pada para pasukan pemerintah perdana presiden saat sebelumnya
    sejak selain sementara setelah tetapi untuk walaupun yang menteri jenderal kota ibu tentara seorang sekitar
    senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus september
    oktober november desember the a an and but in on at of this that these those it he she they we i when after
    before while however monday tuesday wednesday thursday friday saturday sunday january february march may june
    july august october december foto baca bagikan advertisement""".split()
)
_CAPITALISED = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:al-|el-|bin\s+|de\s+)?[A-Z][\w'’-]*)*")


def _initial(text: str, start: int) -> bool:
    """True when position ``start`` begins the sentence (only quotes or spaces before it)."""
    return not text[:start].strip(" \"'\u201c\u2018(")


def candidates(texts: list[str], known: list[str] | tuple[str, ...] = ()) -> list[tuple[str, int]]:
    """Capitalised names in the texts that no known alias covers: (name, how many times), first seen first.

    A single capitalised word at the start of a sentence is left out unless it is also capitalised
    inside a sentence; common words are trimmed from the ends of a name.

    Examples
    --------
    >>> candidates(["Kemudian pasukan Haftar tiba di Zliten.", "Zliten sepi.", "Warga lari."], known=["Haftar"])
    [('Zliten', 2)]
    """
    folded_known = [_pattern(k) for k in known]
    counts: dict[str, int] = {}
    inside = {m.group(0) for text in texts for m in _CAPITALISED.finditer(text) if not _initial(text, m.start())}
    for text in texts:
        for m in _CAPITALISED.finditer(text):
            words = m.group(0).split()
            if len(words) == 1 and _initial(text, m.start()) and words[0] not in inside:
                continue  # "Warga", "Toko-toko": capitalised only because a sentence starts there
            if len(words) > 1 and all(w.isupper() for w in words):
                continue  # a shouted phrase, not a name
            while words and fold(words[0]) in _COMMON:
                words = words[1:]
            while words and fold(words[-1]) in _COMMON:
                words = words[:-1]
            name = " ".join(words).strip("'’-")
            if len(name) < 3 or name.isupper() and len(name) <= 2:
                continue
            if any(p.search(fold(name)) for p in folded_known):
                continue
            counts[name] = counts.get(name, 0) + 1
    return list(counts.items())


# ---------------------------------------------------------------- the plan


@dataclass
class Plan:
    """Everything ``add`` will write, worked out (and checked) before anything is written."""

    root: Path
    article: str
    language: str
    text: str
    received: bytes | None
    received_name: str | None
    encoding: str
    rows: list[dict[str, Any]]
    found: dict[str, Any]
    unknown: list[tuple[str, int]]
    meta: dict[str, str]
    slug: str

    @property
    def content(self) -> list[dict[str, Any]]:
        """The sentences that are not boilerplate."""
        return [r for r in self.rows if r["kind"] != "boilerplate"]


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8"))  # "\n" on every system, as the kit's files


def _bounds(root: Path) -> tuple[str, str]:
    package = json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))
    span = next(r["kit:span"] for r in package["resources"] if "kit:span" in r)
    return span["from"], span["to"]


#: The file name of an added article's lesson in each language (after its two-digit number): each
#: edition is named in its own language, as the kit's lessons are (see helpers.paths.NOTEBOOK_NAMES).
_LESSON_NAME = {"en": "article-{article}", "id": "berita-{article}"}


def lesson_name(slug: str, lang: str) -> str:
    """The file name (no suffix) of an added article's lesson in one language, from its slug.

    Examples
    --------
    >>> lesson_name("08-article-c", "id")
    '08-berita-c'
    """
    number, article = slug[:2], slug.rsplit("-", 1)[1]
    return f"{number}-{_LESSON_NAME[lang].format(article=article)}"


def _next_number(root: Path) -> str:
    numbers = [
        int(p.name[:2]) for lang in LANGUAGES for p in (root / "notebooks" / "src" / lang).glob("[0-9][0-9]-*.md")
    ]
    return f"{max(numbers, default=-1) + 1:02d}"


def _existing_slug(root: Path, article: str) -> str | None:
    name = _LESSON_NAME["en"].format(article=article.lower())
    for p in sorted((root / "notebooks" / "src" / "en").glob(f"[0-9][0-9]-{name}.md")):
        return p.stem
    return None


def plan(
    file: str | Path,
    *,
    article: str,
    publisher: str,
    published: str,
    url: str,
    title: str | None = None,
    language: str = "id",
    force: bool = False,
    root: str | Path | None = None,
) -> Plan:
    """Read and check everything; return what :func:`write` will write. Raises :class:`AddError`.

    Examples
    --------
    >>> plan("no-such-file.txt", article="C", publisher="X", published="2019-05-01", url="https://x")
    Traceback (most recent call last):
    ...
    helpers.article_add.AddError: There is no file no-such-file.txt. Check the name and the folder.
    """
    from .paths import kit_root

    root = Path(root) if root else kit_root()
    key = article.strip() if isinstance(article, str) else ""
    if not _ID.match(key):
        raise AddError("bad_id", value=article)
    if key in _KIT_ARTICLES:
        raise AddError("kit_article", value=key)
    data = root / "data"
    exists = (data / "articles" / f"{key}-original.txt").exists()
    exists = exists or any(r["article"] == key for r in _read_csv(data / "articles" / "metadata.csv")[1])
    if exists and not force:
        raise AddError("exists", value=key)
    if language not in LANGUAGES:
        raise AddError("bad_language", value=language)
    if not ISO_DATE.fullmatch(published or ""):
        raise AddError("bad_date", value=published)
    try:
        date.fromisoformat(published)
    except ValueError:
        raise AddError("bad_date", value=published) from None
    first, last = _bounds(root)
    if not first <= published <= last:
        raise AddError("date_range", value=published, first=first, last=last)
    if not re.match(r"^https?://\S+$", url or ""):
        raise AddError("bad_url", value=url)
    if not (publisher or "").strip():
        raise AddError("no_publisher")
    path = Path(file)
    if not path.is_file():
        raise AddError("missing", file=str(file))
    content = path.read_bytes()
    text, encoding = decode(content, path.name)
    is_html = _is_html(text, path.name)
    if is_html:
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if is_html or encoding != "utf-8" or content.startswith(b"\xef\xbb\xbf") or b"\r" in content:
        received, received_name = content, f"{key}-received{'.html' if is_html else path.suffix or '.txt'}"
    else:
        received, received_name = None, None
    from .sentences import clean, split_lines

    rows = split_lines(text, article=key, language=language)
    for row in rows:
        row["text"] = clean(row["original"])
    if not any(r["kind"] != "boilerplate" for r in rows):
        raise AddError("empty", file=path.name)
    places = _read_csv(data / "places.csv")[1]
    actors = _read_csv(data / "actors.csv")[1]
    content_rows = {r["sentence"]: r["text"] for r in rows if r["kind"] != "boilerplate"}
    found = find_names(content_rows, places, actors)
    known = [a for row in places for a in _aliases_place(row)] + [a for row in actors for a in _aliases_actor(row)]
    unknown = candidates(list(content_rows.values()), known)
    slug = _existing_slug(root, key) or f"{_next_number(root)}-article-{key.lower()}"
    if not force:
        for lang in LANGUAGES:
            target = root / "notebooks" / "src" / lang / f"{lesson_name(slug, lang)}.md"
            if target.exists():
                raise AddError("lesson_exists", file=str(target.relative_to(root)))
    meta = {"publisher": publisher.strip(), "date": published, "url": url, "title": (title or "").strip()}
    return Plan(root, key, language, text, received, received_name, encoding, rows, found, unknown, meta, slug)


# ---------------------------------------------------------------- writing


def _drop(rows: list[dict[str, str]], column: str, article: str) -> list[dict[str, str]]:
    return [r for r in rows if not r[column].startswith(f"{article}.")]


def _add_ids(path: Path, key: str, found: dict[str, list[str]], article: str) -> None:
    header, rows = _read_csv(path)
    for row in rows:
        ids = [s for s in row["sentences"].split(";") if s and not s.startswith(f"{article}.")]
        row["sentences"] = ";".join(ids + found.get(row[key], []))
    _write_csv(path, header, rows)


def _metadata_row(p: Plan) -> dict[str, str]:
    given = p.meta["title"]
    title = {
        lang: given
        or t("article_add.meta.title", lang=lang, article=p.article, publisher=p.meta["publisher"], date=p.meta["date"])
        for lang in LANGUAGES
    }
    note = {
        lang: t("article_add.meta.title_note" if given else "article_add.meta.title_kit", lang=lang)
        for lang in LANGUAGES
    }
    evidence = {lang: t("article_add.meta.date_evidence", lang=lang, date=p.meta["date"]) for lang in LANGUAGES}
    dateline = re.match(r"^[^,\n]{1,40},\s*([A-Z][\w' -]{1,30}?)\s+[-\u2013\u2014]\s", p.text)
    return {
        "article": p.article,
        "file": f"{p.article}-original.txt",
        "outlet": p.meta["publisher"],
        "dateline": dateline.group(1) if dateline else "",
        "language": p.language,
        "published": p.meta["date"],
        "published_earliest": p.meta["date"],
        "published_latest": p.meta["date"],
        "date_evidence_en": evidence["en"],
        "date_evidence_id": evidence["id"],
        "title_en": title["en"],
        "title_id": title["id"],
        "title_note_en": note["en"],
        "title_note_id": note["id"],
    }


def _source_row(p: Plan) -> dict[str, str]:
    title = (
        p.meta["title"]
        or f"[Article {p.article} as added to the kit, without its headline (data/articles/{p.article}-original.txt)]"
    )
    note = (
        "Added with python -m helpers.articles add; the publisher, date and address are as the teacher gave them."
        + (
            ""
            if p.meta["title"]
            else " No title of its own in the kit: the teacher gave none, so the kit describes it."
        )
    )
    return {
        "source": f"article-{p.article.lower()}",
        "publisher": p.meta["publisher"],
        "title": title,
        "date": p.meta["date"],
        "kind": "news_site",
        "url": p.meta["url"],
        "note": note,
    }


def _claim_rows(p: Plan) -> list[dict[str, str]]:
    return [
        {
            "claim": f"{p.article.lower()}-{r['sentence'].split('.', 1)[1].replace('.', '-')}",
            "sentence": r["sentence"],
            "text_en": "",
            "text_id": "",
            "verdict": "",
            "explanation_en": "",
            "explanation_id": "",
            "sources": "",
        }
        for r in p.content
    ]


def _report(p: Plan, places: list[dict[str, str]], actors: list[dict[str, str]]) -> str:
    place_names = {r["place"]: r["name_en"] for r in places}
    actor_names = {r["actor"]: r["name_en"] for r in actors}
    lines = [
        f"# Article {p.article}: names found",
        "",
        "*Written by `python -m helpers.articles add`; regenerated with `--force`.*",
        "",
        "## Places the kit knows (data/places.csv)",
        "",
    ]
    lines += [f"- {place_names[k]} (`{k}`): {', '.join(ids)}" for k, ids in p.found["place"].items()] or ["- none"]
    lines += ["", "## Actors the kit knows (data/actors.csv)", ""]
    lines += [f"- {actor_names[k]} (`{k}`): {', '.join(ids)}" for k, ids in p.found["actor"].items()] or ["- none"]
    lines += [
        "",
        "## Candidates: capitalised names the kit does not know",
        "",
        "Add a row to data/places.csv or data/actors.csv for each one that is a place or an actor",
        "(with a source), then run the command again with --force.",
        "",
    ]
    lines += [f"- {name} ({n}x)" for name, n in p.unknown] or ["- none"]
    return "\n".join(lines) + "\n"


def _resource(p: Plan, name: str, path: str, fmt: str, media: str, title: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "title": title,
        "description": description,
        "licenses": [{"name": "other-closed", "title": "Quoted for education; copyright remains with the publisher"}],
        "format": fmt,
        "mediatype": media,
        "encoding": "utf-8",
        "kit:byteForByte": True,
    }


def _update_package(p: Plan) -> None:
    path = p.root / "data" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    low = p.article.lower()
    keep = {f"article_{low}", f"article_{low}_received", f"article_{low}_names"}
    package["resources"] = [r for r in package["resources"] if r["name"] not in keep]
    new = [
        _resource(
            p,
            f"article_{low}",
            f"articles/{p.article}-original.txt",
            "txt",
            "text/plain",
            f"Article {p.article} (original)",
            f"{p.meta['publisher']}, {p.meta['date']}: the text as added by a teacher ({p.meta['url']}).",
        )
    ]
    if p.received_name:
        html_file = p.received_name.endswith(".html")
        res = _resource(
            p,
            f"article_{low}_received",
            f"articles/{p.received_name}",
            "html" if html_file else "txt",
            "text/html" if html_file else "text/plain",
            f"Article {p.article} (file as received)",
            f"The file article {p.article} was read from, byte for byte ({p.encoding}).",
        )
        res["encoding"] = "utf-8" if p.encoding == "utf-8" else "windows-1252"
        new.append(res)
    names = _resource(
        p,
        f"article_{low}_names",
        f"articles/{p.article}-names.md",
        "md",
        "text/markdown",
        f"Article {p.article}: names found",
        "Places and actors the kit knows, and candidate names it does not, found by python -m helpers.articles add.",
    )
    names.pop("kit:byteForByte")
    names["licenses"] = [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    new.append(names)
    package["resources"] += new
    for res in package["resources"]:
        content = (p.root / "data" / res["path"]).read_bytes()
        res["bytes"] = len(content)
        res["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
    path.write_bytes((json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def _template(lang: str) -> string.Template:
    text = (resources.files(__package__ or "helpers") / "templates" / f"lesson.{lang}.md").read_text(encoding="utf-8")
    return string.Template(text)


def _lesson(p: Plan, lang: str) -> str:
    lang_names = {"id": t("article_add.lang.id", lang=lang), "en": t("article_add.lang.en", lang=lang)}
    return _template(lang).substitute(
        slug=p.slug,
        number=p.slug[:2],
        article=p.article,
        # the kit's stand-in title already names the article, publisher and date: say instead that none was given
        title=p.meta["title"] or t("article_add.no_title", lang=lang),
        publisher=p.meta["publisher"],
        date=p.meta["date"],
        url=p.meta["url"],
        language=lang_names[p.language],
        other="en" if p.language == "id" else "id",
    )


def write(p: Plan) -> list[str]:
    """Write everything a :class:`Plan` holds; return the files written (relative to the root).

    Rows of an earlier add of the same article (``--force``) are replaced, never duplicated.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from helpers.paths import kit_root
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("data", "notebooks/src"):
    ...     _ = shutil.copytree(kit_root() / name, root / name)
    >>> page = root / "berita.txt"
    >>> _ = page.write_text("Pasukan tiba di Sirte pada Senin.\\nBaca Juga\\n", encoding="utf-8")
    >>> files = write(plan(page, article="C", publisher="Uji", published="2020-01-20", url="https://example.org", root=root))
    >>> files[0], files[-1]
    ('data/articles/C-original.txt', 'notebooks/src/en/08-article-c.md')
    >>> shutil.rmtree(root)
    """
    data, art = p.root / "data", p.article
    written = []
    original = data / "articles" / f"{art}-original.txt"
    # a UTF-8 plain-text file without BOM or CR: the text encodes back to exactly the bytes received
    original.write_bytes(p.text.encode("utf-8"))
    written.append(original)
    for old in (data / "articles").glob(f"{art}-received.*"):
        old.unlink()
    if p.received_name:
        (data / "articles" / p.received_name).write_bytes(p.received)
        written.append(data / "articles" / p.received_name)
    header, rows = _read_csv(data / "articles" / "metadata.csv")
    _write_csv(
        data / "articles" / "metadata.csv", header, [r for r in rows if r["article"] != art] + [_metadata_row(p)]
    )
    header, rows = _read_csv(data / "sources.csv")
    src = _source_row(p)
    _write_csv(data / "sources.csv", header, [r for r in rows if r["source"] != src["source"]] + [src])
    sheet = "translation_en.csv" if p.language == "id" else "gloss_id.csv"
    for name in ("translation_en.csv", "gloss_id.csv"):
        header, rows = _read_csv(data / "articles" / name)
        rows = _drop(rows, "sentence", art)
        if name == sheet:
            rows += [{"sentence": r["sentence"], "text": ""} for r in p.content]
        _write_csv(data / "articles" / name, header, rows)
    written.append(data / "articles" / sheet)
    for name in ("attribution.csv",):
        header, rows = _read_csv(data / "articles" / name)
        _write_csv(data / "articles" / name, header, _drop(rows, "sentence", art))
    header, rows = _read_csv(data / "claims.csv")
    _write_csv(data / "claims.csv", header, _drop(rows, "sentence", art) + _claim_rows(p))
    written.append(data / "claims.csv")
    _add_ids(data / "places.csv", "place", p.found["place"], art)
    _add_ids(data / "actors.csv", "actor", p.found["actor"], art)
    report = data / "articles" / f"{art}-names.md"
    report.write_bytes(_report(p, _read_csv(data / "places.csv")[1], _read_csv(data / "actors.csv")[1]).encode("utf-8"))
    written.append(report)
    _update_package(p)
    written += [data / "articles" / "metadata.csv", data / "sources.csv", data / "places.csv", data / "actors.csv"]
    written.append(data / "datapackage.json")
    for lang in LANGUAGES:
        target = p.root / "notebooks" / "src" / lang / f"{lesson_name(p.slug, lang)}.md"
        target.write_bytes(_lesson(p, lang).encode("utf-8"))
        written.append(target)
    return [str(w.relative_to(p.root)) for w in written]


# ---------------------------------------------------------------- what the lessons call


def _ids(article: str) -> set[str]:
    from .articles import sentences

    return set(sentences(article)["sentence"])


def names(article: str, *, lang: str | None = None) -> pd.DataFrame:
    """The places and actors the kit knows that an article names, with the sentences naming them.

    Examples
    --------
    >>> names("B", lang="en").query("key == 'sirte'")[["kind", "name", "sentences"]].values.tolist()
    [['place', 'Sirte', 'B.p04.s02']]
    """
    from .data import load_actors, load_places, split_list
    from .i18n import by_lang, get_language

    lang = lang or get_language()
    ids = _ids(article)
    out = []
    for kind, frame, key in (("place", load_places(), "place"), ("actor", load_actors(), "actor")):
        for row in frame.itertuples():
            mine = [s for s in split_list(row.sentences) if s in ids]
            if mine:
                out.append(
                    {
                        "kind": kind,
                        "key": getattr(row, key),
                        "name": by_lang(row, "name", lang),
                        "sentences": ";".join(mine),
                    }
                )
    return pd.DataFrame(out, columns=["kind", "key", "name", "sentences"])


_QUOTE_CUES = re.compile(
    r"[\"\u201c\u201d]|\b(kata|katanya|mengatakan|menurut|ujar|ujarnya|menegaskan|menyatakan|said|says|according to|told)\b",
    re.I,
)


def quoted(article: str) -> pd.DataFrame:
    """The sentences of an article that quote someone or report speech (quotation marks, verbs of saying).

    A first list for the teacher: who speaks in each is written in ``data/articles/attribution.csv``.

    Examples
    --------
    >>> quoted("A")["sentence"].tolist()[:2]
    ['A.p08.s01', 'A.p10.s01']
    """
    from .articles import sentences

    table = sentences(article)
    table = table[table["kind"] != "boilerplate"]
    cue = table["text"].map(lambda s: ", ".join(dict.fromkeys(m.group(0).lower() for m in _QUOTE_CUES.finditer(s))))
    out = table.assign(cue=cue)
    return out.loc[out["cue"] != "", ["sentence", "text", "cue"]].reset_index(drop=True)


def backers(article: str, *, lang: str | None = None) -> pd.DataFrame:
    """The rows of ``data/backing.csv`` whose backer is an actor the article names.

    Examples
    --------
    >>> sorted(set(backers("B", lang="en")["backer"]))[:3]
    ['chadian-fighters', 'egypt', 'france']
    """
    from .data import load_backing, localize

    named = names(article, lang=lang)
    keys = set(named.loc[named["kind"] == "actor", "key"])
    table = load_backing()
    table = table[table["backer"].isin(keys)]
    return localize(table, lang=lang).reset_index(drop=True)


# ---------------------------------------------------------------- command line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.articles add", description=t("article_add.help", lang="en")
    )
    parser.add_argument("file")
    parser.add_argument("--id", dest="article", required=True)
    parser.add_argument("--publisher", required=True)
    parser.add_argument("--date", dest="published", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--title")
    parser.add_argument("--lang", dest="language", default="id")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--root")
    return parser


def _say(key: str, **values: Any) -> str:
    return "\n".join(t(key, lang=lang, **values) for lang in ("en", "id"))


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.articles add FILE --id C ...``; returns the exit status (2 on bad input).

    Examples
    --------
    >>> main(["remove", "x.txt"])  # says how to use it, in both languages, on stderr
    2
    """
    args = sys.argv[1:] if argv is None else list(argv)
    parser = _parser()
    if not args or args[0] != "add":
        print(_say("article_add.usage"), file=sys.stderr)
        return 2
    try:
        opts = parser.parse_args(args[1:])
    except SystemExit as exc:  # argparse has printed what is missing (in English): say how, in both languages
        if exc.code:
            print(_say("article_add.usage"), file=sys.stderr)
        return 0 if exc.code == 0 else 2
    try:
        p = plan(
            opts.file,
            article=opts.article,
            publisher=opts.publisher,
            published=opts.published,
            url=opts.url,
            title=opts.title,
            language=opts.language,
            force=opts.force,
            root=opts.root,
        )
    except AddError as exc:
        print("\n".join(exc.message(lang) for lang in ("en", "id")), file=sys.stderr)
        return 2
    if p.encoding != "utf-8":
        print(_say("article_add.read_as", encoding="Windows-1252 (Latin-1)"))
    files = write(p)
    print(_say("article_add.done", article=p.article, n=len(p.rows), content=len(p.content)))
    for name in files:
        print(f"  {name}")
    print(
        _say(
            "article_add.found",
            places=len(p.found["place"]),
            actors=len(p.found["actor"]),
            unknown=", ".join(n for n, _ in p.unknown) or "-",
        )
    )
    print(_say("article_add.next", slug=p.slug))
    return 0
