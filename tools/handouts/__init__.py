"""Printable handouts (A4 PDF) built from the kit's own data, question banks and exercises.

For each language, ``build/handouts/<lang>/`` receives:

* per lesson, a student worksheet (``NN-slug-worksheet.pdf``: the quiz questions with boxes and
  lines to fill, the exercises to report, the lesson's tables; no answer) and a separate teacher
  key (``NN-slug-key.pdf``: the answers with their reasons, the reference solutions and the values
  they return);
* the paper materials the guides call for: ``5w1h.pdf``, ``article-a.pdf`` and ``article-b.pdf``
  (every sentence with its id and the kit's translation), ``calendar-2020-01.pdf``, ``actors.pdf``,
  ``sentence-frames.pdf``, ``exit-ticket.pdf``;
* ``maps.pdf`` (the control map of every snapshot date, two to a page, with the crowded north-west
  enlarged in an inset, legend, scale bar and source line, symbols that read in black and white),
  ``glossary.pdf`` and ``timeline.pdf``.

Every fact comes from :mod:`helpers.data`, :mod:`helpers.articles`, :func:`helpers.quiz.load` and
:mod:`helpers.exercises`; the words of the sheets are in ``lessons/handouts/strings.yml`` in both
languages. Pages are written as HTML and printed with Debian's Chromium in headless mode (tagged
PDF); without Chromium the HTML is still written and the command says how to install it.

The package's modules, one job each: :mod:`~tools.handouts.layout` (the page, the wording),
:mod:`~tools.handouts.lesson_sheets` (worksheets and keys), :mod:`~tools.handouts.materials`
(the paper materials), :mod:`~tools.handouts.printing` (Chromium) and
:mod:`~tools.handouts.command` (``build`` and the command line, ``python -m tools.handouts``).
"""

from __future__ import annotations

from .command import build, main
from .layout import LANGS, ROOT, date_text, lessons, month_grid, page, table, words
from .lesson_sheets import key, worksheet
from .materials import materials
from .printing import find_chromium, print_pdf

__all__ = [
    "LANGS",
    "ROOT",
    "build",
    "date_text",
    "find_chromium",
    "key",
    "lessons",
    "main",
    "materials",
    "month_grid",
    "page",
    "print_pdf",
    "table",
    "words",
    "worksheet",
]
