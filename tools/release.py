"""Build the student edition (no answer keys) and the teacher edition of the kit from the committed tree.

Usage::

    python -m tools.release                    # build/student/ and build/teacher/
    python -m tools.release --out /tmp/b       # somewhere else
    python -m tools.release --branch           # ... and commit build/student as the tip of branch `student`
    python -m tools.release --branch handout   # ... or of another branch

(``make release``, ``make release BRANCH=student``.)

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

``--branch NAME`` commits ``build/student`` as the new tip of ``NAME`` in this repository (its
parent is the previous tip, if any) through a temporary index: the working tree, the index and
the checked-out branch are not touched.

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

ROOT = Path(__file__).resolve().parent.parent

#: What the student edition keeps of the committed tree (shell patterns; ``*`` does not cross ``/``).
#: ``tools/trust.py`` is there because Binder's ``postBuild`` and ``make lab`` trust the notebooks with it;
#: ``tools/wheelhouse.py`` for ``make wheelhouse`` (a school's laptops without internet).
STUDENT_FILES = (
    "README.md",
    "README.id.md",
    "LICENSE",
    "LICENSE-TEXT.md",
    "CITATION.cff",
    "environment.yml",
    "postBuild",
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
    "tools/trust.py",
    "tools/wheelhouse.py",
)
#: Targets of the kit's Makefile that work in the student edition (the others need tests/ or tools/).
STUDENT_TARGETS = ("help", "check-python", "$(PY)", "$(STAMP_LAB)", "lab", "wheelhouse", "clean")
#: The line the student edition's READMEs get under their title.
_BANNERS = {
    "README.md": "> **Student edition** (branch `student`, built by `make release`): the teacher guides, answer keys"
    " and rubric are not in this copy; teachers use the `main` branch. Links to `lessons/README.md`,"
    " `ARCHITECTURE.md`, `tests/` or `tools/` below are for that edition.",
    "README.id.md": "> **Edisi siswa** (cabang `student`, dibuat oleh `make release`): panduan guru, kunci jawaban, dan"
    " rubrik tidak ada di salinan ini; guru memakai cabang `main`. Tautan ke `lessons/README.id.md`,"
    " `ARCHITECTURE.md`, `tests/` atau `tools/` di bawah berlaku untuk edisi itu.",
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


def build_from_tree(tree: Path, out: Path) -> None:
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
    point_at_student_branch(student)


#: What points a student's copy at ``main`` (the teacher edition): the Colab cell's install of the
#: kit and the README's Open in Colab links. The student edition points them at its own branch.
_TO_MAIN = [
    (re.compile(r"(git\+https://github\.com/[\w.-]+/[\w.-]+)@main\b"), r"\1@student"),
    (re.compile(r"(colab\.research\.google\.com/github/[\w.-]+/[\w.-]+/blob/)main/"), r"\1student/"),
]


def point_at_student_branch(student: Path) -> None:
    """Make the student edition install and open itself: Colab's install line and links use ``student``.

    The notebooks change, so their trust manifest is recorded again for the student edition.

    Examples
    --------
    >>> pattern, repl = _TO_MAIN[0]
    >>> pattern.sub(repl, '"git+https://github.com/libya-kit/libya-kit@main"')
    '"git+https://github.com/libya-kit/libya-kit@student"'
    """
    changed = False
    for path in [*sorted(student.glob("notebooks/*/*.ipynb")), *sorted(student.glob("README*.md"))]:
        text = path.read_text(encoding="utf-8")
        new = text
        for pattern, repl in _TO_MAIN:
            new = pattern.sub(repl, new)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed = changed or path.suffix == ".ipynb"
    manifest = student / "notebooks" / "TRUSTED.sha256"
    if changed and manifest.exists():
        from tools.trust import record  # the exported tree's own tools (PYTHONPATH of the child)

        record(student / "notebooks", manifest)


def release_tree(tree: Path, out: Path, **run: Any) -> subprocess.CompletedProcess:
    """Build both editions of the kit copied in ``tree`` into ``out`` with that copy's own code.

    ``run`` goes to :func:`subprocess.run` (e.g. ``capture_output=True``).
    """
    env = dict(os.environ, KIT_ROOT=str(tree), PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "tools.release", "--from-tree", str(tree), "--out", str(out)], cwd=tree, env=env, **run
    )


def build(out: Path, repo: Path = ROOT, ref: str = "HEAD") -> str:
    """Build both editions of commit ``ref`` of ``repo`` into ``out``; return the commit's hash."""
    out = out.resolve()
    with tempfile.TemporaryDirectory(prefix="kit-release-") as tmp:
        tree = Path(tmp) / "tree"
        commit = export_tree(repo, ref, tree)
        done = release_tree(tree, out)
        if done.returncode != 0:
            raise SystemExit(done.returncode)
    return commit


def commit_branch(repo: Path, folder: Path, branch: str, message: str) -> str | None:
    """Commit the files of ``folder`` as the new tip of ``branch``; return the new commit (None if unchanged).

    A temporary index is used (``GIT_INDEX_FILE``), so the working tree and the index are untouched.
    """
    repo = repo.resolve()
    ref = f"refs/heads/{branch}"
    _git(repo, "check-ref-format", ref)
    current = subprocess.run(["git", "-C", str(repo), "symbolic-ref", "-q", "HEAD"], capture_output=True, text=True)
    if current.stdout.strip() == ref:
        raise SystemExit(f"branch {branch} is checked out here; release to another branch or check out another one")
    parent = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "-q", "--verify", f"{ref}^{{commit}}"], capture_output=True, text=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="kit-release-index-") as tmp:
        env = dict(os.environ, GIT_INDEX_FILE=str(Path(tmp) / "index"))
        for name, fallback in (("NAME", "libya-kit release"), ("EMAIL", "release@libya-kit.invalid")):
            configured = subprocess.run(
                ["git", "-C", str(repo), "config", f"user.{name.lower()}"], capture_output=True, text=True
            ).stdout.strip()
            if not configured:
                env.setdefault(f"GIT_AUTHOR_{name}", fallback)
                env.setdefault(f"GIT_COMMITTER_{name}", fallback)
        _git(repo, f"--work-tree={folder.resolve()}", "add", "--all", "--force", ".", env=env)
        tree = _git(repo, "write-tree", env=env).decode().strip()
        if parent and _git(repo, "rev-parse", f"{parent}^{{tree}}").decode().strip() == tree:
            return None
        commit = _git(repo, "commit-tree", tree, *(["-p", parent] if parent else []), "-m", message, env=env)
        commit = commit.decode().strip()
        _git(repo, "update-ref", ref, commit, *([parent] if parent else []))
    return commit


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module's docstring)."""
    parser = argparse.ArgumentParser(prog="python -m tools.release", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="build", help="where build/student and build/teacher go (default: build)")
    parser.add_argument(
        "--branch", nargs="?", const="student", default=None, help="commit the student edition as this branch's tip"
    )
    parser.add_argument("--ref", default="HEAD", help="the commit to build (default: HEAD)")
    parser.add_argument("--from-tree", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    out = Path(args.out)
    if args.from_tree:
        try:
            build_from_tree(Path(args.from_tree), out)
        except (ValueError, SyntaxError) as exc:  # a malformed bank or exercise module: its message, no traceback
            print(f"make release: {exc}", file=sys.stderr)
            return 1
        return 0
    repo = Path(_git(Path.cwd(), "rev-parse", "--show-toplevel").decode().strip())
    commit = build(out if out.is_absolute() else repo / out, repo, args.ref)
    student = (out if out.is_absolute() else repo / out) / "student"
    print(f"built {student} and {student.parent / 'teacher'} from {commit[:12]}")
    if args.branch:
        message = f"Student edition of {commit}\n\nBuilt by `make release` (tools/release.py); teacher material stays on main."
        new = commit_branch(repo, student, args.branch, message)
        print(f"branch {args.branch}: " + (f"new tip {new[:12]}" if new else "unchanged (same files as its tip)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
