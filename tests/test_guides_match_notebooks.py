"""The guides name what the notebooks hold, and nothing else (issue 22).

In both languages, a lesson's guide names only exercise ids that exist (``03.4``), only lessons
00-07, and only sections that the notebook it means has ("section 4" / "bagian 4", or "section 6
of lesson 06" / "bagian 6 pelajaran 06", with the numbers of the notebook's ``## N.`` headings);
and it names every exercise of its own lesson. The guide's minute plan puts each exercise on the
notebook's path: exercises in **[core]** rows are not tagged ``extension`` in the notebook, and
exercises in **[extension]** rows are.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import exercises
from tools import notebooks as nbtool
from tools.lesson_load import is_extension

ROOT = Path(__file__).resolve().parent.parent
LESSONS = nbtool.lessons()
EXERCISE = re.compile(r"(?<![\d.,])(0[0-7]\.\d)(?![\d])")
LESSON = re.compile(r"\b(?:[Ll]essons?|[Pp]elajaran) (\d\d)\b")
SECTION = {
    "en": re.compile(r"\b[Ss]ections? (\d+)(?:-(\d+))?(?: of lesson (\d\d))?"),
    "id": re.compile(r"\b[Bb]agian (\d+)(?:-(\d+))?(?: pelajaran (\d\d))?"),
}
PATH = {"en": ("core", "extension"), "id": ("inti", "pengayaan")}


def _sections(slug: str) -> set[int]:
    nb = nbtool.load_lesson(slug)["en"]
    return {int(n) for c in nb.cells if c.cell_type == "markdown" for n in re.findall(r"^## (\d+)\.", c.source, re.M)}


def _exercises_by_path(slug: str) -> dict[str, bool]:
    """Exercise id -> whether its check cell is an extension."""
    nb = nbtool.load_lesson(slug)["en"]
    return {
        m: is_extension(c)
        for c in nb.cells
        if c.cell_type == "code"
        for m in re.findall(r'helpers\.check\("([\d.]+)"', c.source)
    }


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("slug", LESSONS)
def test_guide_names_only_what_exists_and_every_exercise(slug, lang):
    text = (ROOT / "lessons" / slug / f"guide.{lang}.md").read_text(encoding="utf-8")
    known = {ex.id for ex in exercises.all_exercises()}
    named = set(EXERCISE.findall(text))
    assert named <= known, f"{slug}/guide.{lang}.md names exercises that do not exist: {sorted(named - known)}"
    own = {ex.id for ex in exercises.all_exercises() if ex.lesson == slug}
    assert own <= named, f"{slug}/guide.{lang}.md does not name {sorted(own - named)}"
    lessons = {slug[:2] for slug in LESSONS}
    assert set(LESSON.findall(text)) <= lessons, f"{slug}/guide.{lang}.md names a lesson that does not exist"
    for first, last, other in SECTION[lang].findall(text):
        where = next((s for s in LESSONS if s.startswith(other)), slug) if other else slug
        have = _sections(where)
        for n in (int(first), int(last or first)):
            assert n in have, f"{slug}/guide.{lang}.md names section {n} of {where}, whose sections are {sorted(have)}"


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("slug", [s for s in LESSONS if s != "07-project"])
def test_minute_plan_puts_exercises_on_the_notebooks_path(slug, lang):
    text = (ROOT / "lessons" / slug / f"guide.{lang}.md").read_text(encoding="utf-8")
    path = _exercises_by_path(slug)
    core, extension = PATH[lang]
    for kind, cell in re.findall(rf"^\| [^|]+ \| ({core}|{extension}) \| (.*)\|$", text, flags=re.M):
        for ex_id in EXERCISE.findall(cell):
            if ex_id in path:
                assert path[ex_id] == (kind == extension), (
                    f"{slug}/guide.{lang}.md puts {ex_id} in a [{kind}] row; the notebook has it "
                    f"{'as an extension' if path[ex_id] else 'on the core path'}"
                )
