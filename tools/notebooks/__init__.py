"""Build, execute and check the student notebooks from their MyST sources.

Each lesson has two sources, one per language: ``notebooks/src/en/NN-slug.md`` and
``notebooks/src/id/NN-nama.md``. They are MyST markdown notebooks: JupyterLab opens them as
notebooks (jupytext), GitHub shows them as text. From them this tool writes the two editions,
``notebooks/en/NN-slug.ipynb`` and ``notebooks/id/NN-nama.ipynb``, each named as its source.

Each edition has a file name in its own language (JupyterLab names a tab by the file name, so the
two editions must not share one; the table is ``helpers.paths.NOTEBOOK_NAMES``). The two sources
of a lesson are paired by their ``NN`` prefix; the lesson's slug (its folder in ``lessons/``) is
the English source's name.

The two sources of a lesson must keep the same cells: the same ids and the same types, in the same
order, and the same code in every code cell. Only the prose differs, and the language line
``helpers.set_language("en")`` / ``helpers.set_language("id")``, which names the edition's own
language, and the first cell's message for Colab without internet (``raise UsageError("...")``),
in that language. ``build``, ``execute`` and ``check`` refuse a lesson whose editions differ, naming the
lesson and the cell and showing the difference.

Every cell carries a stable id in its metadata (``+++ {"id": "..."}`` above a markdown cell,
``:id: ...`` in a code cell). A new cell has none until ``ids`` gives it one: the same new id to
the new cell in each edition, matched by position between cells that already have ids. No other
id ever changes, so the generated notebooks do not churn.

Front matter (``kit:``): ``title`` (that edition's title), ``minutes``, ``translation`` (who wrote
or translated that edition).

Usage::

    python -m tools.notebooks ids [NN-slug ...]       # give new cells an id, the same in both editions
    python -m tools.notebooks build [NN-slug ...]     # write the .ipynb files (no outputs)
    python -m tools.notebooks execute [NN-slug ...]   # build, then run them in place (make notebooks)
                                                      # (a lesson is named by either edition's name)
    python -m tools.notebooks check                   # exit 1 if a notebook differs from its sources

``--src DIR`` and ``--out DIR`` read the sources from and write the notebooks to other folders.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build_lesson, check, target, write
from .editions import compare_editions, load_lesson, normalize_code
from .execute import execute
from .ids import assign_ids
from .sources import LANGS, OUT, SRC, SourceError, lessons, load_source, relative, source_path

__all__ = [
    "LANGS",
    "SourceError",
    "assign_ids",
    "build_lesson",
    "check",
    "compare_editions",
    "execute",
    "lessons",
    "load_lesson",
    "load_source",
    "main",
    "normalize_code",
    "source_path",
    "target",
    "write",
]


def main(argv: list[str] | None = None) -> int:
    """Command line: ``ids``, ``build``, ``execute`` or ``check``; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.notebooks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["ids", "build", "execute", "check"])
    parser.add_argument("slugs", nargs="*", help="lessons to act on (default: all)")
    parser.add_argument("--src", type=Path, default=SRC, help="folder with en/ and id/ sources")
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write en/ and id/ notebooks into")
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = check(args.src, args.out)
        print("\n".join(problems) or "all notebooks match their sources")
        return 1 if problems else 0
    try:
        names = lessons(args.src, args.slugs)
        if args.command == "ids":
            for slug in names:
                for cid in assign_ids(slug, args.src):
                    print(f"{slug}: new cell id {cid}")
            return 0
    except SourceError as exc:
        print(f"cannot {args.command} the notebooks:\n{exc}", file=sys.stderr)
        return 1
    # Check every lesson before writing anything, so a refused build leaves no half-built set.
    built, problems = {}, []
    for slug in names:
        try:
            built[slug] = build_lesson(slug, args.src)
        except SourceError as exc:
            problems.append(str(exc))
    if problems:
        print(f"cannot {args.command} the notebooks:\n" + "\n".join(problems), file=sys.stderr)
        return 1
    for slug, books in built.items():
        for lang, nb in books.items():
            path = target(slug, lang, args.out, args.src)
            write(nb, path)
            if args.command == "execute":
                print(f"executing {relative(path)}", flush=True)
                execute(path)
            else:
                print(f"wrote {relative(path)}")
    return 0
