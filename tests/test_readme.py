"""The READMEs a newcomer reads: an Open in Colab link for every notebook of both editions.

The students' links (Colab, Binder badges, the hub link) open the student edition in its own
repository (kit_teacher.editions: `libya-kit/libya-kit-student`, branch `main`), whose first cell
installs the kit from that same repository (tests/test_release.py checks the build); the
teachers' link opens `main` of the teacher's repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit_teacher import editions, link

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[a-z][a-z]/[0-9][0-9]-*.ipynb"))
STUDENT = editions.github_name(editions.STUDENT_REPOSITORY)
TEACHER = editions.github_name(editions.TEACHER_REPOSITORY)


@pytest.mark.parametrize("readme", ["README.md", "README.id.md"])
def test_every_notebook_has_an_open_in_colab_link(readme):
    text = (ROOT / readme).read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        rel = path.relative_to(ROOT).as_posix()
        assert f"colab.research.google.com/github/{STUDENT}/blob/{editions.STUDENT_BRANCH}/{rel})" in text, rel


@pytest.mark.parametrize("readme", ["README.md", "README.id.md"])
def test_students_links_lead_to_the_student_repository_and_teachers_to_theirs(readme):
    """Issue 27: no student's link leads into the teacher's repository."""
    text = (ROOT / readme).read_text(encoding="utf-8")
    badges = re.findall(r"\]\((https://mybinder\.org/v2/gh/[^)]+)\)", text)
    student = [url for url in badges if "/notebooks/" in url]
    teacher = [url for url in badges if "/lessons/" in url]
    assert len(student) == 2 and len(teacher) == 1 and len(badges) == 3, badges
    assert sorted(student) == sorted(
        link.binder_link(repo=editions.TEACHER_REPOSITORY, lang=lang) for lang in ("en", "id")
    )
    assert teacher[0].startswith(f"https://mybinder.org/v2/gh/{TEACHER}/{editions.TEACHER_BRANCH}?")
    colab = re.findall(r"colab\.research\.google\.com/github/([\w.-]+/[\w.-]+)/blob/([\w.-]+)/", text)
    assert colab and set(colab) == {(STUDENT, editions.STUDENT_BRANCH)}
    # nothing left of the `student` branch of the teacher's repository
    assert f"gh/{TEACHER}/student" not in text and f"{TEACHER}/blob/student" not in text


def test_the_hub_links_shown_are_the_ones_the_kit_writes():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"^https://YOUR-HUB/hub/user-redirect/git-pull\?\S+$", text, re.M)
    assert shown == [
        link.hub_link("https://YOUR-HUB", repo=editions.TEACHER_REPOSITORY),
        link.hub_link("https://YOUR-HUB", repo=editions.TEACHER_REPOSITORY, teacher=True),
    ]
