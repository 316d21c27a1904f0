"""Write every handout of the kit (``make handouts``), as HTML and, with Chromium, as PDF.

Usage::

    python -m tools.handouts                 # make handouts: both languages, HTML and PDF
    python -m tools.handouts --html-only     # HTML only (no browser needed)
    python -m tools.handouts --lang id --out /tmp/sheets
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from .layout import LANGS, ROOT, lessons
from .lesson_sheets import key, worksheet
from .materials import materials
from .printing import find_chromium, print_all

__all__ = ["build", "main"]


def build(out: Path, *, langs: Iterable[str] = LANGS, pdf: bool = True, jobs: int = 3) -> list[Path]:
    """Write every handout's HTML under ``out/<lang>/`` and, with ``pdf``, print each to PDF.

    Returns the files written (PDFs when printed, HTML otherwise).
    """
    html_files: list[Path] = []
    for lang in langs:
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        pages: dict[str, Callable[[], str]] = {}
        for lesson in lessons():
            pages[f"{lesson}-worksheet"] = lambda lesson=lesson, lang=lang: worksheet(lesson, lang)
            pages[f"{lesson}-key"] = lambda lesson=lesson, lang=lang: key(lesson, lang)
        pages.update(materials(lang))
        for stem, make in pages.items():
            path = folder / f"{stem}.html"
            path.write_text(make(), encoding="utf-8")
            html_files.append(path)
    if not pdf:
        return html_files
    browser = find_chromium()
    if browser is None:
        raise RuntimeError(
            "Chromium was not found, so no PDF was printed (the HTML is in "
            f"{out}). On Debian or Ubuntu: apt-get install chromium; or run with --html-only."
        )
    targets = [p.with_suffix(".pdf") for p in html_files]
    print_all(browser, list(zip(html_files, targets)), jobs)
    return targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.handouts", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "handouts")
    parser.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    parser.add_argument("--html-only", action="store_true")
    parser.add_argument("--jobs", type=int, default=3, help="PDFs printed at once (default 3)")
    args = parser.parse_args(argv)
    try:
        written = build(args.out, langs=args.lang, pdf=not args.html_only, jobs=args.jobs)
    except RuntimeError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"{len(written)} handouts in {args.out}")
    return 0
