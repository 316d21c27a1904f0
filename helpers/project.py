"""The project brief checklist: length, and whether every cited sentence and data row exists.

Students write a brief of 150-200 words citing article sentences (``A.p16.s01``) and data rows
(``control:tarhuna@2020-06-06``, ``events:sirte-taken-2020``, ``backing:uae@LNA@drones_air_support@reported_un``).
:func:`check_brief` returns a checklist; it never raises.

Examples
--------
>>> result = check_brief("Too short. A.p16.s01 places:gharyan")
>>> result.ok
False
>>> [item.ok for item in result.items][:2]
[False, True]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import status
from .i18n import get_language, t

__all__ = ["BriefCheck", "check_brief", "MIN_WORDS", "MAX_WORDS"]

MIN_WORDS, MAX_WORDS = 150, 200
_SENTENCE = re.compile(r"\b[A-Z]\.p\d{2,}\.s\d{2,}\b")
_ROW = re.compile(
    r"\b(actors|places|control|backing|events|claims|glossary|snapshots|sources):[A-Za-z0-9_@.\-]*[A-Za-z0-9_]"
)


@dataclass
class Item:
    ok: bool
    text: str


@dataclass
class BriefCheck:
    """The checklist: ``items`` (each ``ok`` and ``text``) and ``ok`` when everything passes."""

    items: list[Item] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.items) and all(i.ok for i in self.items)

    def __repr__(self) -> str:
        return status.checklist_text((i.ok, i.text) for i in self.items)

    def _repr_html_(self) -> str:
        return status.checklist_html((i.ok, i.text) for i in self.items)


def check_brief(text: Any, *, lang: str | None = None) -> BriefCheck:
    """Check a project brief: 150-200 words, at least one sentence id and one data row, all existing."""
    from .articles import UnknownSentenceError, sentence
    from .data import DataError, find_row

    lang = get_language(lang)
    if text is Ellipsis or text is None or (isinstance(text, str) and not text.strip()):
        return BriefCheck([Item(False, t("project.not_written", lang=lang))])
    if not isinstance(text, str):
        return BriefCheck([Item(False, t("project.not_text", lang=lang, kind=type(text).__name__))])
    words = len(re.findall(r"\S+", text))
    sentences = list(dict.fromkeys(_SENTENCE.findall(text)))
    rows = list(dict.fromkeys(m.group(0) for m in _ROW.finditer(text)))
    bad_sentences, bad_rows = [], []
    for sid in sentences:
        try:
            sentence(sid)
        except UnknownSentenceError:
            bad_sentences.append(sid)
    for ref in rows:
        try:
            find_row(ref)
        except DataError:
            bad_rows.append(ref)
    items = [
        Item(MIN_WORDS <= words <= MAX_WORDS, t("project.words", lang=lang, n=words, lo=MIN_WORDS, hi=MAX_WORDS)),
        Item(bool(sentences), t("project.sentences", lang=lang, n=len(sentences), ids=", ".join(sentences) or "-")),
        Item(bool(rows), t("project.rows", lang=lang, n=len(rows), ids=", ".join(rows) or "-")),
        Item(
            not bad_sentences and not bad_rows,
            t("project.all_exist", lang=lang)
            if not (bad_sentences or bad_rows)
            else t("project.missing", lang=lang, ids=", ".join(bad_sentences + bad_rows)),
        ),
    ]
    return BriefCheck(items)
