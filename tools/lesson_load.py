"""How long a lesson's notebook takes a beginner: the kit's lesson-load model (issue 22).

The model, for the cells of one path of a notebook (the **core** path: cells not tagged
``extension``; or the **extension** cells)::

    minutes = words of prose / 150        (markdown cells; a beginner reads ~150 words a minute)
            + 3.5 per checked exercise    (a ``helpers.check(`` call in a code cell)
            + 1 per quiz question         (the questions of each ``helpers.quiz.show(...)`` shown)
            + 1 per map or chart          (a ``helpers.maps.*`` / ``helpers.charts.*`` call)
            + 4                           (open, name, save, hand in: core path only)

A lesson's core path must fit 40 minutes (a 45-minute period keeps five for the teacher). The
minutes a lesson *states* (front matter ``kit: minutes:``, the notebook's "N minutes", the READMEs'
lesson tables, the guides' plans) are the model rounded up to 5 (:func:`stated`); extension minutes
are stated apart. ``tests/test_lesson_load.py`` holds every lesson to it.

Words are counted in the edition with more of them (the English one, in practice): the budget must
hold for whichever edition a class reads, and the larger count is the cautious one.

Usage::

    python -m tools.lesson_load        # a table of every lesson's load, core and extension
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = [
    "BUDGET",
    "EXTENSION_TAG",
    "Load",
    "is_extension",
    "lesson_load",
    "minutes",
    "prose_words",
    "stated",
]

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 40  # minutes of core path a beginner may need
EXTENSION_TAG = "extension"
WORDS_PER_MINUTE = 150
EXERCISE_MINUTES = 3.5
QUESTION_MINUTES = 1.0
FIGURE_MINUTES = 1.0
HAND_IN_MINUTES = 4.0

_CHECK = re.compile(r"\bhelpers\.check\(")
_FIGURE = re.compile(r"\bhelpers\.(?:maps|charts)\.\w+\(")
_QUIZ = re.compile(r"\bhelpers\.quiz\.show\(\s*[\"']([\w-]+)[\"']")


def minutes(words: int, exercises: int, questions: int, figures: int, *, hand_in: bool = True) -> float:
    """The model: minutes a beginner needs for so much reading, exercises, questions and figures.

    Examples
    --------
    >>> minutes(1500, exercises=4, questions=5, figures=2)   # 10 + 14 + 5 + 2 + 4
    35.0
    >>> minutes(300, exercises=1, questions=0, figures=0, hand_in=False)  # an extension: no hand-in
    5.5
    """
    total = words / WORDS_PER_MINUTE + EXERCISE_MINUTES * exercises + QUESTION_MINUTES * questions
    return total + FIGURE_MINUTES * figures + (HAND_IN_MINUTES if hand_in else 0.0)


def stated(model: float) -> int:
    """The minutes a lesson states for a model figure: rounded up to a multiple of 5.

    Examples
    --------
    >>> stated(31.2), stated(35.0), stated(0.0)
    (35, 35, 0)
    """
    return int(5 * math.ceil(round(model, 6) / 5))


def prose_words(markdown: str) -> int:
    """Words a student reads in a markdown cell (link targets, HTML tags and markup left out).

    Examples
    --------
    >>> prose_words("## 1. Run a cell (5 minutes)\\n\\nPress **Shift + Enter**; see [the guide](x/y.md).")
    12
    """
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    text = re.sub(r"<[^>]+>", " ", text)
    return len(re.findall(r"[^\W_]+(?:['’.-][^\W_]+)*", text))


def is_extension(cell) -> bool:
    """Whether a notebook cell is tagged ``extension`` (not on the core path)."""
    return EXTENSION_TAG in (cell.get("metadata", {}).get("tags") or [])


def _questions(lesson: str) -> int:
    """How many questions ``helpers.quiz.show(lesson)`` shows: the bank's ``draw``, or all."""
    bank = yaml.safe_load((ROOT / "lessons" / lesson / "quiz.yml").read_text(encoding="utf-8"))
    return int(bank.get("draw") or len(bank["questions"]))


@dataclass(frozen=True)
class Load:
    """What one path of a lesson holds, and the model's minutes for it."""

    words: int
    exercises: list[str]
    questions: int
    figures: int
    minutes: float


def lesson_load(editions: dict, *, extension: bool = False) -> Load:
    """The load of a lesson's core path (or, with ``extension=True``, of its extension cells).

    ``editions`` maps a language to the notebook (``tools.notebooks.load_lesson(slug)``); the code
    is the same in both, the words are those of the edition with more.
    """
    counts = []
    for nb in editions.values():
        cells = [c for c in nb.cells if is_extension(c) == extension]
        counts.append(sum(prose_words(c.source) for c in cells if c.cell_type == "markdown"))
    code = [
        c.source for c in next(iter(editions.values())).cells if c.cell_type == "code" and is_extension(c) == extension
    ]
    exercises = [m for src in code for m in re.findall(r'helpers\.check\(\s*"([\d.]+)"', src)]
    assert len(exercises) == sum(len(_CHECK.findall(src)) for src in code), "helpers.check( without a literal id"
    questions = sum(_questions(m) for src in code for m in _QUIZ.findall(src))
    figures = sum(len(_FIGURE.findall(src)) for src in code)
    words = max(counts)
    total = minutes(words, len(exercises), questions, figures, hand_in=not extension)
    return Load(words, exercises, questions, figures, total)


def main() -> int:
    from tools import notebooks as nbtool

    print(f"{'lesson':24} {'core':>6} {'words':>6} {'ex':>3} {'q':>3} {'fig':>3}  {'ext':>6}")
    for slug in nbtool.lessons():
        editions = nbtool.load_lesson(slug)
        core, ext = lesson_load(editions), lesson_load(editions, extension=True)
        print(
            f"{slug:24} {core.minutes:6.1f} {core.words:6} {len(core.exercises):3} {core.questions:3} "
            f"{core.figures:3}  {ext.minutes:6.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
