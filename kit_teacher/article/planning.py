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
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from helpers.dates import ISO_DATE
from helpers.i18n import LANGUAGES
from helpers.paths import kit_root
from helpers.sentences import clean, split_lines

from .csv_files import read_csv
from .decoding import decode
from .errors import AddError
from .names import candidates, find_names, known_aliases
from .web_page import html_to_text, is_html

__all__ = [
    "MAX_BYTES",
    "MAX_CHARACTERS",
    "MAX_PARAGRAPHS",
    "MAX_SENTENCES",
    "Plan",
    "hidden_characters",
    "lesson_name",
    "plan",
]

_ID = re.compile(r"^[A-Z]$")
_KIT_ARTICLES = ("A", "B")

#: The largest file read (a saved web page with its scripts is rarely over 2 MB): larger ones are
#: refused before they are read.
MAX_BYTES = 10_000_000
#: The most text an article may have once a web page's machinery is dropped (a long report has 50,000).
MAX_CHARACTERS = 500_000
#: The most paragraphs and sentences an article may have (a long report has about 150 and 400).
MAX_PARAGRAPHS = 1_000
MAX_SENTENCES = 3_000
#: The longest publisher, title and address accepted, in characters.
MAX_FIELD = {"publisher": 200, "title": 300, "url": 2_000}
#: Characters that change the direction of text or are invisible (bidi controls, zero-width
#: spaces and joiners, a byte-order mark inside the text): kept, but the teacher is warned.
HIDDEN = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


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
    #: Warnings for the teacher (catalogue key, values): hidden characters in the text or a field.
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

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


def _check_details(
    root: Path, *, publisher: str, published: str, url: str, language: str, title: str | None = None
) -> None:
    """Refuse a bad language, date (malformed or outside the data), address, publisher or title."""
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
    if not (publisher or "").strip():
        raise AddError("no_publisher")
    for name, value in (("publisher", publisher), ("title", title), ("url", url)):
        _check_field(name, value or "")
    if not _good_url(url):
        raise AddError("bad_url", value=url)


def _good_url(url: str) -> bool:
    """An http(s) address with a host, no user name or password, and no space, quote or bracket."""
    if not re.match(r"^https?://[^\s\\<>\"`{}|^]+$", url or ""):
        return False
    try:
        parts = urlsplit(url)
        return bool(parts.hostname) and "@" not in parts.netloc and parts.port != 0
    except ValueError:  # a malformed [IPv6] host or port
        return False


def _check_field(name: str, value: str) -> None:
    """Refuse a field with a line break or another control character, or longer than its cap."""
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in value):
        raise AddError("control_character", option=f"--{name}")
    if len(value) > MAX_FIELD[name]:
        raise AddError("field_too_long", option=f"--{name}", limit=MAX_FIELD[name])


def hidden_characters(text: str) -> list[str]:
    """The invisible and direction-changing characters in ``text``, as ``U+XXXX`` codes (each once).

    Examples
    --------
    >>> hidden_characters("Tripoli\u200b \u202eilopirT")
    ['U+200B', 'U+202E']
    """
    return [f"U+{ord(c):04X}" for c in dict.fromkeys(HIDDEN.findall(text))]


def _read(path: Path, name: str) -> bytes:
    """The file's bytes: refused when it is missing, a link, not a regular file or too large."""
    try:
        info = path.lstat()
    except (OSError, ValueError):
        raise AddError("missing", file=str(path)) from None
    if stat.S_ISLNK(info.st_mode):
        raise AddError("symlink", file=str(path))
    if not stat.S_ISREG(info.st_mode):
        raise AddError("not_a_file", file=str(path))
    if info.st_size > MAX_BYTES:
        raise AddError("too_large", file=name, size=info.st_size, limit=MAX_BYTES)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        raise AddError("missing", file=str(path)) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped for something else since lstat
            raise AddError("not_a_file", file=str(path))
        content = handle.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise AddError("too_large", file=name, size=len(content), limit=MAX_BYTES)
    return content


def _check_size(text: str, rows: list[dict[str, Any]] | None, name: str) -> None:
    """Refuse an article with more text, paragraphs or sentences than the caps."""
    if len(text) > MAX_CHARACTERS:
        raise AddError("too_long", file=name, n=len(text), limit=MAX_CHARACTERS)
    if rows is None:
        paragraphs = sum(1 for line in text.split("\n") if line.strip())
        if paragraphs > MAX_PARAGRAPHS:
            raise AddError("too_many_paragraphs", file=name, n=paragraphs, limit=MAX_PARAGRAPHS)
    elif len(rows) > MAX_SENTENCES:
        raise AddError("too_many_sentences", file=name, n=len(rows), limit=MAX_SENTENCES)


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
    _check_details(root, publisher=publisher, published=published, url=url, language=language, title=title)
    path = Path(file)
    content = _read(path, path.name)
    text, encoding = decode(content, path.name)
    page = is_html(text, path.name)
    if page:
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_size(text, None, path.name)
    if page or encoding != "utf-8" or content.startswith(b"\xef\xbb\xbf") or b"\r" in content:
        received, received_name = content, f"{key}-received{'.html' if page else path.suffix or '.txt'}"
    else:
        received, received_name = None, None
    rows = split_lines(text, article=key, language=language)
    _check_size(text, rows, path.name)
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
    notes: list[tuple[str, dict[str, Any]]] = []
    for where, value in (("FILE", text), ("--publisher", publisher), ("--title", title or ""), ("--url", url)):
        if hidden_characters(value):
            notes.append(("hidden", {"where": where, "codes": ", ".join(hidden_characters(value))}))
    return Plan(root, key, language, text, received, received_name, encoding, rows, found, unknown, meta, slug, notes)
