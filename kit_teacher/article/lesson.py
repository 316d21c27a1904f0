"""The lesson skeleton of an added article, from the templates in ``kit_teacher/article/templates/``.

Each edition (``lesson.en.md``, ``lesson.id.md``) is a MyST notebook source with ``$placeholders``
(:class:`string.Template`) for the article's letter, number, title, publisher, date, address and
language, each escaped for Markdown (:mod:`.escaping`). The lesson calls only public functions of :mod:`helpers` (``helpers.articles.show``,
``helpers.mentions``, ``helpers.maps.article_places``, ``helpers.data``), so it runs in the
student edition, which has no ``kit_teacher/``.

Examples
--------
>>> sorted(path.name for path in TEMPLATES.glob("lesson.*.md"))
['lesson.en.md', 'lesson.id.md']
"""

from __future__ import annotations

import string
from pathlib import Path

from helpers.i18n import t

from .escaping import markdown_text, markdown_url
from .planning import Plan

__all__ = ["TEMPLATES", "lesson_text"]

#: The folder of the two lesson templates.
TEMPLATES = Path(__file__).parent / "templates"


def lesson_text(p: Plan, lang: str) -> str:
    """The lesson source of the article in ``p``, in edition ``lang``, every placeholder filled."""
    template = string.Template((TEMPLATES / f"lesson.{lang}.md").read_text(encoding="utf-8"))
    lang_names = {"id": t("article_add.lang.id", lang=lang), "en": t("article_add.lang.en", lang=lang)}
    return template.substitute(
        slug=p.slug,
        number=p.slug[:2],
        article=p.article,
        # the kit's stand-in title already names the article, publisher and date: say instead that none was given
        # the teacher's fields land in Markdown: escaped (.escaping), so they show as given and start nothing
        title=markdown_text(p.meta["title"] or t("article_add.no_title", lang=lang)),
        publisher=markdown_text(p.meta["publisher"]),
        date=markdown_text(p.meta["date"]),
        url=markdown_url(p.meta["url"]),
        language=lang_names[p.language],
        other="en" if p.language == "id" else "id",
    )
