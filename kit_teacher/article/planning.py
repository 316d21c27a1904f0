"""The plan: everything ``add`` will write, worked out and checked before anything is written.

:func:`plan` reads the file (:mod:`.decoding`, :mod:`.web_page`), checks the id, date, address
and publisher, cuts the text into sentences ``C.pNN.sNN`` with the same code as A and B
(:mod:`helpers.sentences`), finds the names (:mod:`.names`) and chooses the lesson's number. Any
bad input raises :class:`~kit_teacher.article.errors.AddError`; :mod:`.writing` then writes the
:class:`Plan`.

Examples
--------
>>> lesson_name("08-article-c", "en")
'08-article-c'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from helpers.dates import ISO_DATE
from helpers.i18n import LANGUAGES
from helpers.paths import kit_root
from helpers.sentences import clean, split_lines

from .csv_files import read_csv
from .decoding import decode
from .errors import AddError
from .names import candidates, find_names, known_aliases
from .web_page import html_to_text, is_html

__all__ = ["Plan", "lesson_name", "plan"]

_ID = re.compile(r"^[A-Z]$")
_KIT_ARTICLES = ("A", "B")


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


def _check_details(root: Path, *, publisher: str, published: str, url: str, language: str) -> None:
    """Refuse a bad language, date (malformed or outside the data), address or publisher."""
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
    """Read and check everything; return what :func:`~kit_teacher.article.writing.write` will write.

    Raises :class:`~kit_teacher.article.errors.AddError`.

    Examples
    --------
    >>> plan("no-such-file.txt", article="C", publisher="X", published="2019-05-01", url="https://x")
    Traceback (most recent call last):
    ...
    kit_teacher.article.errors.AddError: There is no file no-such-file.txt. Check the name and the folder.
    """
    root = Path(root) if root else kit_root()
    key = article.strip() if isinstance(article, str) else ""
    if not _ID.match(key):
        raise AddError("bad_id", value=article)
    if key in _KIT_ARTICLES:
        raise AddError("kit_article", value=key)
    data = root / "data"
    exists = (data / "articles" / f"{key}-original.txt").exists()
    exists = exists or any(r["article"] == key for r in read_csv(data / "articles" / "metadata.csv")[1])
    if exists and not force:
        raise AddError("exists", value=key)
    _check_details(root, publisher=publisher, published=published, url=url, language=language)
    path = Path(file)
    if not path.is_file():
        raise AddError("missing", file=str(file))
    content = path.read_bytes()
    text, encoding = decode(content, path.name)
    page = is_html(text, path.name)
    if page:
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if page or encoding != "utf-8" or content.startswith(b"\xef\xbb\xbf") or b"\r" in content:
        received, received_name = content, f"{key}-received{'.html' if page else path.suffix or '.txt'}"
    else:
        received, received_name = None, None
    rows = split_lines(text, article=key, language=language)
    for row in rows:
        row["text"] = clean(row["original"])
    if not any(r["kind"] != "boilerplate" for r in rows):
        raise AddError("empty", file=path.name)
    places = read_csv(data / "places.csv")[1]
    actors = read_csv(data / "actors.csv")[1]
    content_rows = {r["sentence"]: r["text"] for r in rows if r["kind"] != "boilerplate"}
    found = find_names(content_rows, places, actors)
    unknown = candidates(list(content_rows.values()), known_aliases(places, actors))
    slug = _existing_slug(root, key) or f"{_next_number(root)}-article-{key.lower()}"
    if not force:
        for lang in LANGUAGES:
            target = root / "notebooks" / "src" / lang / f"{lesson_name(slug, lang)}.md"
            if target.exists():
                raise AddError("lesson_exists", file=str(target.relative_to(root)))
    meta = {"publisher": publisher.strip(), "date": published, "url": url, "title": (title or "").strip()}
    return Plan(root, key, language, text, received, received_name, encoding, rows, found, unknown, meta, slug)
