"""Build the student edition (no answer keys) and the teacher edition of the kit from the committed tree.

Usage::

    python -m tools.release                    # build/student/ and build/teacher/
    python -m tools.release --out /tmp/b       # somewhere else
    python -m tools.release --branch           # ... and commit build/student as the tip of branch `student`
    python -m tools.release --branch handout   # ... or of another branch
    python -m tools.release --push-to git@github.com:OWNER/libya-kit-student.git   # ... and publish it there

(``make release``, ``make release BRANCH=student``, ``make release PUSH_TO=URL STUDENT_REPO=OWNER/NAME``.)

The build reads the files of ``HEAD`` (``git archive``), not the working tree, so it gives the
same result on a fresh clone. The teacher edition is the whole kit as committed. The student
edition holds what a student's copy needs (READMEs, licence, Binder and hub set-up, ``helpers/``,
``data/``, the executed notebooks and their trust manifest, the question banks and hints) and none
of the teacher guides, answer keys, rubrics or tests:

every question bank (``lessons/*/quiz.yml``) and exercise module (``lessons/NN-slug/solutions.py``,
the model solutions) is sealed whole by :func:`seal_student_file` (:mod:`helpers.sealed`: zlib and
base64, not encryption). The kit opens a sealed file and reads it as the teacher's plain one, so
both editions score and check with the same code. A seal depends only on the file, so an unchanged
kit builds byte-for-byte the same student edition and ``--branch`` adds a commit only when
something changed. The build runs with the committed tree's own ``helpers`` (in a child process),
so it is what a fresh clone would build, and it stops at a malformed bank or exercise module.

``--branch NAME`` commits ``build/student`` as the new tip of ``NAME`` in this repository through a
temporary index (the working tree, the index and the checked-out branch are not touched). Its
history is the student edition's own: the first release has no parent, each later one only the
previous release, never a teacher commit; a branch that shares history with the teacher's commit,
or holds a plain bank, is refused (:func:`tools.publish.check_separate`).

``--push-to URL`` publishes that branch to the student edition's own repository (its branch
``main``, ``--remote-branch``), first fetching the previous release from there
(:mod:`tools.publish`). That is where students' links lead (:mod:`kit_teacher.editions`): a branch
of the teacher's repository would leave the teacher's history one ``git fetch`` away. The student
edition's notebooks install the kit from that repository on Colab (``--student-repo OWNER/NAME``,
by default ``libya-kit/libya-kit-student``).

Examples
--------
>>> student_path("lessons/03-mapping-control/guide.en.md"), student_path("notebooks/id/03-x.ipynb")
(False, True)
>>> student_path("lessons/03-mapping-control/solutions.py"), student_path("tools/release.py")
(True, False)
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from kit_teacher.editions import STUDENT_BRANCH, STUDENT_REPOSITORY, github_name
from tools import publish
from tools.publish import commit_branch

__all__ = [
    "STUDENT_FILES",
    "student_path",
    "seal_student_file",
    "student_makefile",
    "student_readme",
    "export_tree",
    "release_tree",
    "build",
    "commit_branch",
    "main",
]

#: The student edition's repository on GitHub (OWNER/NAME), as its notebooks and READMEs name it.
STUDENT_REPO = github_name(STUDENT_REPOSITORY) or "libya-kit/libya-kit-student"
_STUDENT_REPO_VARIABLE = "KIT_RELEASE_STUDENT_REPO"

ROOT = Path(__file__).resolve().parent.parent

#: What the student edition keeps of the committed tree (shell patterns; ``*`` does not cross ``/``).
#: ``tools/trust.py`` and ``tools/trust_on_open.py`` are there because Binder's and the hub image's
#: ``postBuild`` and ``make lab`` install the hook that opens the lessons trusted; ``start`` keeps a hub
#: image built with ``--target-repo-dir`` in the home folder; ``tools/wheelhouse.py`` for ``make
#: wheelhouse`` (a school's laptops without internet); ``tools/lab_settings.py`` because ``make lab``
#: and ``postBuild`` set JupyterLab's language, settings and readable code colours with it.
STUDENT_FILES = (
    "README.md",
    "README.id.md",
    "LICENSE",
    "LICENSE-TEXT.md",
    "CITATION.cff",
    "environment.yml",
    "postBuild",
    "start",
    "pyproject.toml",
    "Makefile",
    ".gitignore",
    "deploy/*",
    "requirements/*",
    "helpers/**",
    "data/**",
    "notebooks/[a-z][a-z]/[0-9][0-9]-*.ipynb",
    "notebooks/TRUSTED.sha256",
    "lessons/quiz.schema.json",
    "lessons/exercises.schema.json",
    "lessons/*/quiz.yml",
    "lessons/*/exercises.yml",
    "lessons/*/solutions.py",
    "tools/__init__.py",
    "tools/lab_settings.py",
    "tools/trust.py",
    "tools/trust_on_open.py",
    "tools/wheelhouse.py",
)
#: Targets of the kit's Makefile that work in the student edition (the others need tests/ or tools/).
STUDENT_TARGETS = ("help", "check-python", "$(PY)", "$(STAMP_LAB)", "lab", "wheelhouse", "clean")
#: The line the student edition's READMEs get under their title.
_BANNERS = {
    "README.md": "> **Student edition** (a repository of its own, built by `make release`): the teacher guides,"
    " answer keys and rubric are not in this copy, nor in its history; teachers use the teacher edition."
    " Links to `lessons/README.md`, `ARCHITECTURE.md`, `tests/` or `tools/` below are for that edition.\n>\n"
    "> **What self-check costs.** The practice quizzes and exercises check your answers here, in your own"
    " kernel, so their answers are in this copy: sealed (zlib + base64), not encrypted. Anyone with Python"
    " can open the seals and read the practice answers and model solutions; doing so only skips the"
    " practice. Exams are different: the teacher scores them from the answers you hand in, with keys that"
    " are not in this copy.",
    "README.id.md": "> **Edisi siswa** (repositori tersendiri, dibuat oleh `make release`): panduan guru, kunci"
    " jawaban, dan rubrik tidak ada di salinan ini, juga tidak di riwayatnya; guru memakai edisi guru."
    " Tautan ke `lessons/README.id.md`, `ARCHITECTURE.md`, `tests/` atau `tools/` di bawah berlaku untuk"
    " edisi itu.\n>\n"
    "> **Harga pemeriksaan mandiri.** Kuis latihan dan latihan kode memeriksa jawabanmu di sini, di kernelmu"
    " sendiri, jadi jawabannya ada di salinan ini: disegel (zlib + base64), bukan dienkripsi. Siapa pun yang"
    " bisa Python dapat membuka segelnya dan membaca jawaban latihan serta solusi contoh; itu hanya"
    " melewatkan latihannya. Ujian berbeda: guru menilainya dari jawaban yang kamu serahkan, dengan kunci"
    " yang tidak ada di salinan ini.",
}
_EXERCISE_MODULE = re.compile(r"lessons/[^/]+/solutions\.py")
#: A command line of a README's code block that runs a make target (``make test  # ...``).
_MAKE_LINE = re.compile(r"^make ([a-z][a-z-]*)\b")


def student_readme(text: str, name: str) -> str:
    """A README as the student edition has it: its banner under the title, and no command line for a
    make target the student Makefile lacks.

    >>> print(student_readme("# Kit\\nmake lab\\nmake test   # all tests\\n", "README.md").splitlines()[-1])
    make lab
    """
    title, _, rest = text.partition("\n")
    lines = [
        line
        for line in rest.splitlines(keepends=True)
        if not ((m := _MAKE_LINE.match(line)) and m.group(1) not in STUDENT_TARGETS)
    ]
    return f"{title}\n\n{_BANNERS[name]}\n{''.join(lines)}"


def student_path(path: str) -> bool:
    """Whether a committed file (path relative to the kit) belongs in the student edition."""
    for pattern in STUDENT_FILES:
        if pattern.endswith("/**"):
            if path.startswith(pattern[:-2]):
                return True
        elif fnmatch(path, pattern) and path.count("/") == pattern.count("/"):
            return True
    return False


# ---------------------------------------------------------------- sealed files
def seal_student_file(tree: Path, rel: str) -> str:
    """The student form of a question bank or exercise module of ``tree``: the file sealed whole.

    The kit's own loaders read it first (run with ``tree``'s helpers, see :func:`build`), so a
    malformed bank or module stops the release with the usual message naming file and field.
    """
    from helpers.exercises import all_exercises
    from helpers.quiz_bank import load_bank
    from helpers.sealed import seal_file

    text = (tree / rel).read_text(encoding="utf-8")
    if rel.endswith(".py"):
        all_exercises()
        note = f"Exercises of {Path(rel).stem}, student edition (built by make release from the teacher's module)."
        return seal_file(text, note=note, python=True)
    load_bank(rel.split("/")[1])
    note = (
        f"Question bank of lesson {rel.split('/')[1]}, student edition (built by make release from the teacher's bank)."
    )
    return seal_file(text, note=note)


# ---------------------------------------------------------------- Makefile
def student_makefile(text: str) -> str:
    """The kit's Makefile with only the targets that work without tests/ and tools/ (:data:`STUDENT_TARGETS`)."""
    kept = []
    for block in text.split("\n\n"):
        first = next((line for line in block.splitlines() if line and not line.startswith("#")), "")
        target = re.match(r"^([^\s:=]+)\s*:(?!=)", first)
        if first.startswith(".PHONY"):
            kept.append(".PHONY: " + " ".join(t for t in STUDENT_TARGETS if not t.startswith("$")))
        elif target is None:
            kept.append(block)
        elif target.group(1) in STUDENT_TARGETS:
            if target.group(1) == "help":
                block = "\n".join(
                    line
                    for line in block.splitlines()
                    if "@echo" not in line or re.search(r'"make (lab|clean)\b', line)
                )
            kept.append(block)
    header = (
        "# Student edition of the kit's Makefile (built by make release): `make lab` sets up and opens the lessons.\n"
    )
    return header + "\n\n".join(kept).rstrip("\n") + "\n"


# ---------------------------------------------------------------- building
def _git(repo: Path, *args: str, env: dict[str, str] | None = None, data: bytes | None = None) -> bytes:
    out = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, env=env, input=data)
    if out.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {out.stderr.decode(errors='replace').strip()}")
    return out.stdout


def export_tree(repo: Path, ref: str, target: Path) -> str:
    """Write the files of commit ``ref`` into ``target`` (``git archive``); return the commit's hash."""
    commit = _git(repo, "rev-parse", "--verify", f"{ref}^{{commit}}").decode().strip()
    data = _git(repo, "archive", "--format=tar", commit)
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(target, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(target)
    return commit


def _files(tree: Path) -> list[str]:
    return sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file() or p.is_symlink())


def build_from_tree(tree: Path, out: Path, student_repo: str = STUDENT_REPO) -> None:
    """Write ``out/teacher`` and ``out/student`` from an exported tree, with that tree's own helpers.

    Runs in a child process whose ``helpers`` and ``KIT_ROOT`` are the tree's (see :func:`build`).
    """
    teacher, student = out / "teacher", out / "student"
    for folder in (teacher, student):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(tree, teacher, symlinks=True)
    for rel in _files(tree):
        if not student_path(rel):
            continue
        target = student / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if _EXERCISE_MODULE.fullmatch(rel) or fnmatch(rel, "lessons/*/quiz.yml"):
            target.write_text(seal_student_file(tree, rel), encoding="utf-8")
        elif rel in _BANNERS:
            target.write_text(student_readme((tree / rel).read_text(encoding="utf-8"), rel), encoding="utf-8")
        elif rel == "Makefile":
            target.write_text(student_makefile((tree / rel).read_text(encoding="utf-8")), encoding="utf-8")
        else:
            shutil.copy2(tree / rel, target, follow_symlinks=False)
    point_at_student_repository(student, student_repo)


def _to_student(name: str) -> list[tuple[re.Pattern, str]]:
    """What points a student's copy elsewhere than at ``name`` (``OWNER/NAME`` on GitHub), and its fix.

    The Colab cell installs the kit from the teacher's ``main``; the README's Open in Colab links and
    Binder badges name the default student repository. The student edition names its own.

    Examples
    --------
    >>> pattern, repl = _to_student("teacher/kit-student")[0]
    >>> pattern.sub(repl, '"git+https://github.com/libya-kit/libya-kit@main"')
    '"git+https://github.com/teacher/kit-student@main"'
    """
    return [
        (re.compile(r"git\+https://github\.com/[\w.-]+/[\w.-]+@main\b"), f"git+https://github.com/{name}@main"),
        (
            re.compile(rf"(colab\.research\.google\.com/github/|mybinder\.org/v2/gh/){re.escape(STUDENT_REPO)}/"),
            rf"\1{name}/",
        ),
    ]


def point_at_student_repository(student: Path, name: str = STUDENT_REPO) -> None:
    """Make the student edition install and open itself, from repository ``name`` (``OWNER/NAME``).

    The notebooks change, so their trust manifest is recorded again for the student edition.
    """
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", name):
        raise ValueError(f"--student-repo {name!r}: give the student repository as OWNER/NAME on GitHub")
    changed = False
    for path in [*sorted(student.glob("notebooks/*/*.ipynb")), *sorted(student.glob("README*.md"))]:
        text = path.read_text(encoding="utf-8")
        new = text
        for pattern, repl in _to_student(name):
            new = pattern.sub(repl, new)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed = changed or path.suffix == ".ipynb"
    manifest = student / "notebooks" / "TRUSTED.sha256"
    if changed and manifest.exists():
        from tools.trust import record  # the exported tree's own tools (PYTHONPATH of the child)

        record(student / "notebooks", manifest)


def release_tree(tree: Path, out: Path, student_repo: str = STUDENT_REPO, **run: Any) -> subprocess.CompletedProcess:
    """Build both editions of the kit copied in ``tree`` into ``out`` with that copy's own code.

    ``run`` goes to :func:`subprocess.run` (e.g. ``capture_output=True``). The student repository
    reaches the child through the environment, which the code of an older ``--ref`` ignores.
    """
    env = dict(os.environ, KIT_ROOT=str(tree), PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1")
    env[_STUDENT_REPO_VARIABLE] = student_repo
    return subprocess.run(
        [sys.executable, "-m", "tools.release", "--from-tree", str(tree), "--out", str(out)], cwd=tree, env=env, **run
    )


def build(out: Path, repo: Path = ROOT, ref: str = "HEAD", student_repo: str = STUDENT_REPO) -> str:
    """Build both editions of commit ``ref`` of ``repo`` into ``out``; return the commit's hash."""
    out = out.resolve()
    with tempfile.TemporaryDirectory(prefix="kit-release-") as tmp:
        tree = Path(tmp) / "tree"
        commit = export_tree(repo, ref, tree)
        done = release_tree(tree, out, student_repo)
        if done.returncode != 0:
            raise SystemExit(done.returncode)
    return commit


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module's docstring)."""
    parser = argparse.ArgumentParser(prog="python -m tools.release", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="build", help="where build/student and build/teacher go (default: build)")
    parser.add_argument(
        "--branch", nargs="?", const="student", default=None, help="commit the student edition as this branch's tip"
    )
    parser.add_argument("--ref", default="HEAD", help="the commit to build (default: HEAD)")
    parser.add_argument(
        "--push-to", help="publish the student branch to this repository (its own, never the teacher's)"
    )
    parser.add_argument(
        "--remote-branch", default=STUDENT_BRANCH, help=f"the branch of --push-to (default: {STUDENT_BRANCH})"
    )
    parser.add_argument(
        "--student-repo",
        default=STUDENT_REPO,
        help=f"OWNER/NAME the student edition installs from (default: {STUDENT_REPO})",
    )
    parser.add_argument("--from-tree", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    out = Path(args.out)
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", args.student_repo):
        print(f"make release: --student-repo {args.student_repo!r}: give it as OWNER/NAME on GitHub", file=sys.stderr)
        return 2
    if args.from_tree:
        try:
            build_from_tree(Path(args.from_tree), out, os.environ.get(_STUDENT_REPO_VARIABLE, STUDENT_REPO))
        except (ValueError, SyntaxError) as exc:  # a malformed bank or exercise module: its message, no traceback
            print(f"make release: {exc}", file=sys.stderr)
            return 1
        return 0
    branch = args.branch or ("student" if args.push_to else None)
    repo = Path(_git(Path.cwd(), "rev-parse", "--show-toplevel").decode().strip())
    commit = build(out if out.is_absolute() else repo / out, repo, args.ref, args.student_repo)
    student = (out if out.is_absolute() else repo / out) / "student"
    print(f"built {student} and {student.parent / 'teacher'} from {commit[:12]}")
    if branch:
        if args.push_to and publish.fetch_previous(repo, args.push_to, args.remote_branch, branch):
            print(f"branch {branch}: the previous release of {publish.redact(args.push_to)}")
        # No teacher commit named in the message: the student repository leads nowhere.
        message = "Student edition of the kit\n\nBuilt by `make release` (tools/release.py) from the teacher edition."
        new = commit_branch(repo, student, branch, message)
        print(f"branch {branch}: " + (f"new tip {new[:12]}" if new else "unchanged (same files as its tip)"))
        publish.check_separate(repo, _git(repo, "rev-parse", branch).decode().strip(), commit)
        if args.push_to:
            publish.push(repo, args.push_to, branch, args.remote_branch)
            print(f"published {branch} to {publish.redact(args.push_to)} ({args.remote_branch})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
