"""Issue 27: the student clone cannot fetch the teacher's keys.

The student edition used to be a ``student`` branch of the teacher's repository: in a student's own
depth-1 clone, ``git fetch origin main`` and ``git show`` printed the plain keys. It is now
published to a repository of its own whose history holds student releases only
(``python -m tools.release --push-to URL``, tools/publish.py). Here a fresh clone of the kit is the
teacher's repository (its history holds the plain banks and model solutions), a bare repository on
disk stands in for the student repository on GitHub, and a student clones it (depth 1, and whole)
and fetches everything the server will give: no teacher commit and no blob with a plain key may
come. The same checks run on the old publication find both (the last test), so they can fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Full tier only: two builds of both editions from git (about a minute).
pytestmark = pytest.mark.full

ROOT = Path(__file__).resolve().parent.parent
#: Plain keys no student file may hold: a line of lesson 03's question bank and of its model solutions.
PLAIN_KEYS = (
    b"answer: {tarhuna: GNA, sirte: LNA, sabratha: GNA}",
    b"return 2 * 6371.0088 * math.asin(math.sqrt(a))",
)


def _git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, check=check, capture_output=True)


def _out(*args: str, cwd: Path) -> str:
    return _git(*args, cwd=cwd).stdout.decode().strip()


def _release(teacher: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("KIT_ROOT", "PYTHONPATH")}
    env.update(PYTHONPATH=str(teacher), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [sys.executable, "-m", "tools.release", "--out", str(teacher.parent / f"build-{teacher.name}"), *args],
        cwd=teacher,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _teacher_clone(source: Path, target: Path) -> Path:
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(source), str(target)], check=True)
    _git("config", "user.name", "Teacher", cwd=target)
    _git("config", "user.email", "teacher@example.invalid", cwd=target)
    return target


def _teacher_commits(teacher: Path) -> set[str]:
    """Every commit of the teacher's history (not the student releases the release made beside it)."""
    refs = ("--exclude=student", "--branches", "--exclude=origin/student", "--remotes")
    return set(_out("rev-list", *refs, cwd=teacher).split())


def _reach(clone: Path) -> tuple[set[str], list[bytes]]:
    """The commits a student's clone holds (reachable from a ref or not: FETCH_HEAD is enough to
    ``git show``), and the plain keys found in any of its objects."""
    everything = _git("cat-file", "--batch-all-objects", "--batch", cwd=clone).stdout
    listed = _out("cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)", cwd=clone)
    commits = {line.split()[0] for line in listed.splitlines() if line.endswith(" commit")}
    return commits, [key for key in PLAIN_KEYS if key in everything]


def _student_fetches_everything(url: str, target: Path, *clone_args: str) -> Path:
    """A student's clone of ``url``, after fetching every branch, every ref, the whole history."""
    subprocess.run(["git", "clone", "-q", *clone_args, url, str(target)], check=True)
    _git("fetch", "-q", "origin", "main", cwd=target)
    _git("fetch", "-q", "--update-head-ok", "origin", "+refs/*:refs/*", cwd=target)
    if (target / ".git" / "shallow").exists():
        _git("fetch", "-q", "--unshallow", "origin", cwd=target)
    return target


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, Path]:
    """Two releases into a student repository: from a teacher's clone, then from a fresh one (as CI)."""
    tmp = tmp_path_factory.mktemp("student-repository")
    teacher = _teacher_clone(ROOT, tmp / "teacher")
    student = tmp / "student.git"  # new and empty, as on GitHub, where the first push names the default branch
    subprocess.run(["git", "init", "-q", "--bare", "--initial-branch", "main", str(student)], check=True)
    _release(teacher, "--push-to", str(student))
    first = _out("rev-parse", "main", cwd=student)
    # the teacher changes the kit; CI releases from a fresh clone with no student branch of its own
    (teacher / "README.md").write_text((teacher / "README.md").read_text() + "\nOne more line.\n")
    _git("commit", "-qam", "README: one more line", cwd=teacher)
    ci = _teacher_clone(teacher, tmp / "ci")
    assert _git("rev-parse", "-q", "--verify", "refs/heads/student", cwd=ci, check=False).returncode != 0
    _release(ci, "--push-to", str(student))
    return {"teacher": teacher, "ci": ci, "student": student, "first": Path(first), "tmp": tmp}


def test_each_release_has_only_the_previous_release_as_parent(published):
    student = published["student"]
    history = _out("rev-list", "--parents", "main", cwd=student).splitlines()
    assert len(history) == 2, history
    tip, parent = history[0].split()
    assert parent == str(published["first"]) and history[1].split() == [parent]  # the first has no parent
    assert "One more line." in _out("show", "main:README.md", cwd=student)
    assert not set(_out("rev-list", "--all", cwd=student).split()) & _teacher_commits(published["ci"])


def test_the_student_repository_holds_no_teacher_commit_and_no_plain_key(published):
    commits, keys = _reach(published["student"])
    assert commits and not commits & _teacher_commits(published["ci"])
    assert keys == []


@pytest.mark.parametrize("depth", [["--depth", "1"], []], ids=["depth-1", "whole"])
def test_a_student_clone_cannot_fetch_the_teachers_keys(published, depth):
    url = (published["student"]).as_uri()  # file://, so that --depth is honoured as over the network
    clone = _student_fetches_everything(url, published["tmp"] / f"clone-{len(depth)}", *depth)
    commits, keys = _reach(clone)
    assert commits and not commits & _teacher_commits(published["ci"]), "a teacher commit reached the student"
    assert keys == [], "a plain key reached the student"
    # nor by asking for the teacher's commit by its hash
    head = _out("rev-parse", "HEAD", cwd=published["ci"])
    assert _git("fetch", "-q", "origin", head, cwd=clone, check=False).returncode != 0
    # what the student reads is the sealed edition, installing itself from the student repository
    assert "sealed: sealed-v2:" in _out("show", "HEAD:lessons/03-mapping-control/quiz.yml", cwd=clone)
    start = _out("show", "HEAD:notebooks/en/00-start-here.ipynb", cwd=clone)
    assert "libya-kit/libya-kit-student@main" in start and "libya-kit/libya-kit@" not in start


def test_a_student_branch_of_the_teachers_repository_is_one_fetch_from_the_keys(published):
    """The old publication (``--branch student`` in the teacher's repository): the checks above find the leak."""
    teacher = published["teacher"]
    assert _git("rev-parse", "-q", "--verify", "refs/heads/student", cwd=teacher).returncode == 0
    clone = published["tmp"] / "old-way"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--branch", "student", teacher.as_uri(), str(clone)], check=True
    )
    assert _reach(clone) == ({_out("rev-parse", "HEAD", cwd=clone)}, [])  # the branch alone holds no key ...
    _git("fetch", "-q", "origin", "main", cwd=clone)  # ... but one fetch away
    commits, keys = _reach(clone)
    assert commits & _teacher_commits(teacher) and keys == list(PLAIN_KEYS)
    shown = _out("show", "FETCH_HEAD:lessons/03-mapping-control/quiz.yml", cwd=clone)
    assert PLAIN_KEYS[0].decode() in shown
