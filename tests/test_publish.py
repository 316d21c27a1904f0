"""Publishing the student edition to its own repository (tools/publish.py), on small made-up repositories.

The whole release into a student repository, and what a student's clone can fetch from it, is
tests/test_student_repository.py (full tier); these are its steps one by one, in a second.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tools import publish, release

SEALED_BANK = "# Question bank, student edition.\nsealed: sealed-v2:eNqrsFIw5AIABBEBDg==\n"
PLAIN_BANK = "questions:\n  - id: q1\n    answer: the-teachers-secret\n"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def objects(repo: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch-all-objects", "--batch"], capture_output=True, check=True
    ).stdout.decode(errors="replace")


@pytest.fixture
def teacher(tmp_path) -> Path:
    """A teacher's repository whose one commit holds a plain bank."""
    repo = tmp_path / "teacher"
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    git(repo, "config", "user.name", "Teacher")
    git(repo, "config", "user.email", "teacher@example.invalid")
    (repo / "lessons" / "01-x").mkdir(parents=True)
    (repo / "lessons" / "01-x" / "quiz.yml").write_text(PLAIN_BANK)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "the teacher's kit")
    return repo


def edition(folder: Path, bank: str = SEALED_BANK, readme: str = "Student edition\n") -> Path:
    (folder / "lessons" / "01-x").mkdir(parents=True, exist_ok=True)
    (folder / "lessons" / "01-x" / "quiz.yml").write_text(bank)
    (folder / "README.md").write_text(readme)
    return folder


def bare(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    return path


def release_into(teacher: Path, folder: Path, student: Path) -> str:
    """What tools.release main does with --push-to: fetch, commit, check, push; the new tip."""
    publish.fetch_previous(teacher, str(student), "main", "student")
    publish.commit_branch(teacher, folder, "student", "Student edition of the kit")
    tip = git(teacher, "rev-parse", "student")
    publish.check_separate(teacher, tip, git(teacher, "rev-parse", "main"))
    publish.push(teacher, str(student), "student", "main")
    return tip


def test_releases_form_a_history_of_their_own_in_the_student_repository(teacher, tmp_path):
    student = bare(tmp_path / "student.git")
    first = release_into(teacher, edition(tmp_path / "b1"), student)
    # later, from a fresh clone of the teacher's repository (as CI): the previous release is the parent
    ci = tmp_path / "ci"
    subprocess.run(["git", "clone", "-q", str(teacher), str(ci)], check=True)
    git(ci, "branch", "-D", "student") if git(ci, "branch", "--list", "student") else None
    second = release_into(ci, edition(tmp_path / "b2", readme="Student edition, again\n"), student)
    assert git(student, "rev-list", "--parents", "main").splitlines() == [f"{second} {first}", first]
    assert git(student, "for-each-ref", "--format=%(refname)") == "refs/heads/main"
    teacher_commit = git(teacher, "rev-parse", "main")
    assert teacher_commit not in objects(student) and "the-teachers-secret" not in objects(student)
    # unchanged files: no new commit, and the push is a no-op
    assert release_into(ci, edition(tmp_path / "b2", readme="Student edition, again\n"), student) == second


def test_a_branch_started_from_the_teachers_history_is_refused(teacher, tmp_path):
    git(teacher, "branch", "student", "main")  # e.g. `git checkout -b student` on main
    publish.commit_branch(teacher, edition(tmp_path / "b"), "student", "Student edition")
    with pytest.raises(SystemExit, match="shares commit .* with the teacher's"):
        publish.check_separate(teacher, git(teacher, "rev-parse", "student"), git(teacher, "rev-parse", "main"))


@pytest.mark.parametrize(
    "path,text",
    [("lessons/01-x/quiz.yml", PLAIN_BANK), ("lessons/01-x/guide.en.md", "# Guide\n"), ("tests/test_x.py", "")],
)
def test_a_release_holding_a_key_or_the_teachers_files_is_refused(teacher, tmp_path, path, text):
    folder = edition(tmp_path / "b")
    (folder / path).parent.mkdir(parents=True, exist_ok=True)
    (folder / path).write_text(text)
    publish.commit_branch(teacher, folder, "student", "Student edition")
    with pytest.raises(SystemExit, match="unsealed|teacher's only"):
        publish.check_separate(teacher, git(teacher, "rev-parse", "student"), git(teacher, "rev-parse", "main"))


def test_is_plain_knows_a_sealed_module_from_a_plain_one():
    assert publish.is_plain("lessons/01-x/solutions.py", "def f():\n    return 1\n")
    assert not publish.is_plain(
        "lessons/01-x/solutions.py", 'from helpers.sealed import run\nrun(globals(), sealed="sealed-v2:eNo=")\n'
    )


def test_a_release_pushed_from_elsewhere_is_not_overwritten(teacher, tmp_path):
    student = bare(tmp_path / "student.git")
    release_into(teacher, edition(tmp_path / "b1"), student)
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(teacher), str(other)], check=True)
    git(other, "branch", "-f", "student", "origin/student")
    release_into(other, edition(tmp_path / "b2", readme="From elsewhere\n"), student)
    # the first teacher's branch is now behind; without fetching first, its push is refused
    publish.commit_branch(teacher, edition(tmp_path / "b3", readme="Stale\n"), "student", "Student edition")
    with pytest.raises(SystemExit, match="git push"):
        publish.push(teacher, str(student), "student", "main")
    assert "From elsewhere" in git(student, "show", "main:README.md")


def test_messages_never_show_a_token_in_the_address(teacher):
    with pytest.raises(SystemExit) as caught:
        publish.fetch_previous(teacher, "https://x-access-token:s3cret@127.0.0.1:1/o/r.git", "main", "student")
    assert "s3cret" not in str(caught.value) and "127.0.0.1:1/o/r.git" in str(caught.value)


def test_the_student_edition_installs_and_opens_itself_from_the_student_repository(tmp_path):
    (tmp_path / "notebooks" / "en").mkdir(parents=True)
    cell = {"cell_type": "code", "source": ['"git+https://github.com/libya-kit/libya-kit@main"']}
    (tmp_path / "notebooks" / "en" / "00-start-here.ipynb").write_text(json.dumps({"cells": [cell]}))
    (tmp_path / "README.md").write_text(
        "[b](https://mybinder.org/v2/gh/libya-kit/libya-kit-student/main?urlpath=x) "
        "[t](https://mybinder.org/v2/gh/libya-kit/libya-kit/main?urlpath=lessons) "
        "(https://colab.research.google.com/github/libya-kit/libya-kit-student/blob/main/notebooks/en/0.ipynb)\n"
    )
    release.point_at_student_repository(tmp_path, "guru/kelas-libya")
    notebook = (tmp_path / "notebooks" / "en" / "00-start-here.ipynb").read_text()
    assert "git+https://github.com/guru/kelas-libya@main" in notebook
    readme = (tmp_path / "README.md").read_text()
    assert "gh/guru/kelas-libya/main?urlpath=x" in readme and "github/guru/kelas-libya/blob/main/" in readme
    assert "gh/libya-kit/libya-kit/main?urlpath=lessons" in readme  # the teachers' link stays theirs
    with pytest.raises(ValueError, match="OWNER/NAME"):
        release.point_at_student_repository(tmp_path, "https://github.com/guru/kelas-libya")
    assert release.main(["--student-repo", "not a name"]) == 2
