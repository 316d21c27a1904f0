"""Publish the student edition to a repository of its own (``python -m tools.release --push-to URL``).

The student edition must not live where the teacher's history is one ``git fetch`` away: as a
``student`` branch of the teacher's repository, a student's depth-1 clone printed the plain keys
after ``git fetch origin main`` (issue 27). It is published to a separate repository whose
history holds student releases only (:func:`tools.release.main` runs these steps):

1. :func:`fetch_previous`: the student repository's branch (``main``) becomes the local branch the
   release commits to (``student``), so the new release's parent is the previous release;
2. :func:`tools.release.commit_branch` commits the release on it (the first release has no parent,
   each later one only the previous release, never a teacher commit);
3. :func:`check_separate` refuses a history that shares a commit with the teacher's, or a release
   holding a guide or a plain (unsealed) question bank or exercise module;
4. :func:`push` pushes the branch, without force: a release pushed from elsewhere in between is
   refused, never overwritten.

A push sends only the objects the student commit reaches, so no teacher commit and no plain key
reaches the student repository. Any git address works (a bare repository on disk stands in for
GitHub in the tests); credentials come from git itself (the workflow's deploy key). Messages
never print a password or token written into the address.

Examples
--------
>>> redact("https://x-access-token:s3cret@github.com/o/r.git")
'https://github.com/o/r.git'
>>> is_plain("lessons/03-x/quiz.yml", "questions:\\n  - id: q1\\n"), is_plain("lessons/03-x/quiz.yml", "# note\\nsealed: sealed-v2:eNo=\\n")
(True, False)
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from fnmatch import fnmatch
from pathlib import Path

from helpers.sealed import SEAL_PREFIX as _SEAL

__all__ = ["redact", "commit_branch", "fetch_previous", "is_plain", "check_separate", "push"]

#: Files a student release never holds (the teacher's guides and the lesson table).
_TEACHER_ONLY = ("lessons/*/guide.*.md", "lessons/README*", "tests/*", "kit_teacher/*")


def redact(url: str) -> str:
    """``url`` without a user name, password or token (for messages and logs)."""
    return re.sub(r"^([a-z][a-z0-9+.-]*://)[^/@]*@", r"\1", url)


def _git(repo: Path, *args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env)
    if check and done.returncode != 0:
        words = " ".join(redact(a) for a in args)
        raise SystemExit(f"git {words} failed: {redact(done.stderr.strip())}")
    return done


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
        tree = _git(repo, "write-tree", env=env).stdout.strip()
        if parent and _git(repo, "rev-parse", f"{parent}^{{tree}}").stdout.strip() == tree:
            return None
        commit = _git(repo, "commit-tree", tree, *(["-p", parent] if parent else []), "-m", message, env=env)
        commit = commit.stdout.strip()
        _git(repo, "update-ref", ref, commit, *([parent] if parent else []))
    return commit


def fetch_previous(repo: Path, url: str, remote_branch: str, branch: str) -> bool:
    """Make the local ``branch`` the student repository's ``remote_branch`` (the previous release).

    Returns whether the student repository had one; if not (its first release), the local
    ``branch`` is left as it is (absent, or an earlier release not yet pushed).
    """
    ref = f"refs/heads/{branch}"
    found = _git(repo, "ls-remote", "--heads", url, f"refs/heads/{remote_branch}").stdout.strip()
    if not found:
        return False
    _git(repo, "fetch", "--quiet", "--no-tags", url, f"+refs/heads/{remote_branch}:{ref}")
    return True


def is_plain(path: str, text: str) -> bool:
    """Whether a question bank or exercise module of a release is in the teacher's plain form."""
    if path.endswith(".py"):
        return _SEAL not in text or "def " in text
    return any(line.strip() and not line.startswith(("#", f"sealed: {_SEAL}")) for line in text.splitlines())


def check_separate(repo: Path, tip: str, teacher: str) -> None:
    """Refuse (SystemExit) a student history that could lead a student to the teacher's keys.

    Every commit of ``tip``'s history must be a student release: none may be the teacher's commit
    ``teacher`` or one of its ancestors (a branch started from ``main``, or a merge), and no
    release may hold a guide, the lesson table, tests or a plain bank or exercise module.
    """
    shared = _git(repo, "merge-base", tip, teacher, check=False)
    if shared.returncode == 0:
        raise SystemExit(
            f"the student history shares commit {shared.stdout.strip()[:12]} with the teacher's: "
            "its clones would reach the teacher's history. Release to a new branch, or delete that one."
        )
    checked: set[str] = set()
    for commit in _git(repo, "rev-list", tip).stdout.split():
        for line in _git(repo, "ls-tree", "-r", commit).stdout.splitlines():
            meta, path = line.split("\t", 1)
            blob = meta.split()[2]
            if any(fnmatch(path, pattern) for pattern in _TEACHER_ONLY):
                raise SystemExit(f"student release {commit[:12]} holds {path}, which is the teacher's only")
            if blob in checked or not (fnmatch(path, "lessons/*/quiz.yml") or fnmatch(path, "lessons/*/solutions.py")):
                continue
            if is_plain(path, _git(repo, "cat-file", "blob", blob).stdout):
                raise SystemExit(f"student release {commit[:12]} holds {path} unsealed, with its answers")
            checked.add(blob)


def push(repo: Path, url: str, branch: str, remote_branch: str) -> None:
    """Push the local ``branch`` to ``remote_branch`` of the student repository (never forced)."""
    _git(repo, "push", "--quiet", "--no-follow-tags", url, f"refs/heads/{branch}:refs/heads/{remote_branch}")
