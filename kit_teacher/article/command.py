"""The command line: ``python -m kit_teacher.article add FILE --id C --publisher ... --date ... --url ...``.

It plans (:mod:`.planning`), writes (:mod:`.writing`) and says what it wrote and what to do
next, in both languages. Bad input is a message in both languages on stderr and exit code 2,
with nothing written.

``make article FILE=... ID=C ARGS="..."`` runs ``python -m kit_teacher.article make``, which
reads the three from the environment (``ARTICLE_FILE``, ``ARTICLE_ID``, ``ARTICLE_ARGS``, set by
the Makefile unexpanded): ``ARGS`` is split as a shell would split it (quotes kept together) but
nothing in any of them is run or expanded, so a backtick stays a backtick and ``$`` stays ``$``.

Examples
--------
>>> main(["remove", "x.txt"])  # says how to use it, in both languages, on stderr
2
>>> from_make({"ARTICLE_FILE": "a`id`$x.txt", "ARTICLE_ID": "C", "ARTICLE_ARGS": "--publisher 'Kompas $5'"})
['add', 'a`id`$x.txt', '--id', 'C', '--publisher', 'Kompas $5']
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Mapping
from typing import Any

from helpers.i18n import t

from .commit import write
from .errors import AddError
from .planning import plan

__all__ = ["from_make", "main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kit_teacher.article add", description=t("article_add.help", lang="en")
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


def from_make(env: Mapping[str, str]) -> list[str] | None:
    """The arguments of ``add`` from ``make article``'s variables (None when ARGS has an unclosed quote)."""
    try:
        more = shlex.split(env.get("ARTICLE_ARGS", ""))
    except ValueError:
        return None
    return ["add", env.get("ARTICLE_FILE", ""), "--id", env.get("ARTICLE_ID", ""), *more]


def main(argv: list[str] | None = None) -> int:
    """``python -m kit_teacher.article add FILE --id C ...``; returns the exit status (2 on bad input)."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args == ["make"]:
        args = from_make(os.environ) or []
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
    for key, values in p.notes:
        print(_say(f"article_add.{key}", **values), file=sys.stderr)
    try:
        files = write(p)
    except AddError as exc:
        print("\n".join(exc.message(lang) for lang in ("en", "id")), file=sys.stderr)
        return 2
    if p.encoding != "utf-8":
        print(_say("article_add.read_as", encoding="Windows-1252 (Latin-1)"))
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
