"""The class rehearsal's set-up: the student edition, and one JupyterLab per student of each class.

``make release`` builds the student edition once per test session (from this working tree); each
student gets a copy of their own, as a hub gives each student a home, and a JupyterLab of their
own with their own progress file and name. Browsers can only reach 127.0.0.1 (the browser tests'
harness, ``tests/browser/harness.py``). These tests are in the full tier (``make test-all``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.harness import Lab, browser_unavailable, build_student_edition, start_lab, stop

from .people import ARTIFACTS, CLASS


def pytest_collection_modifyitems(config, items):
    reason = browser_unavailable()
    for item in items:
        if "tests/classroom" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.full)
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"class rehearsal skipped: {reason}"))


class Student(Lab):
    """A student's JupyterLab: ``(base url, token)``, ``.progress``, ``.name``, ``.home`` and ``.hand_ins``."""

    def saved_name(self) -> str:
        """The name saved in the student's kit (lesson 00's name cell writes it)."""
        path = self.progress.with_name("student.txt")
        return path.read_text(encoding="utf-8").strip() if path.exists() else ""


@pytest.fixture(scope="session")
def edition(tmp_path_factory) -> Path:
    """The student edition (``make release``) of this working tree, built once."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    return build_student_edition(tmp_path_factory.mktemp("edition"))


@pytest.fixture(scope="session")
def class_of(edition, tmp_path_factory):
    """``class_of(lang)``: that language's class, ``{role: Student}``, each on a copy of the edition."""
    started: dict[str, dict[str, Student]] = {}
    running = []

    def get(lang: str) -> dict[str, Student]:
        if lang in started:
            return started[lang]
        started[lang] = {}
        for role, name in CLASS[lang].items():
            home = tmp_path_factory.mktemp(f"{lang}-{name}") / "kit"
            shutil.copytree(edition, home, symlinks=True)
            proc, base, token, tmp = start_lab(root=home)
            running.append((proc, tmp))
            student = Student(base, token, progress=tmp / "progress" / "progress.jsonl")
            student.name, student.home, student.hand_ins = name, home, []
            # each wrote their name in lesson 00's name cell in an earlier period (the beginner
            # types it again in lesson 00; Run All of the untouched cell must not forget it)
            env = dict(os.environ, KIT_PROGRESS_DIR=str(tmp / "progress"), PYTHONPATH=str(home))
            code = f"import helpers; helpers.progress.set_student({name!r})"
            subprocess.run([sys.executable, "-c", code], env=env, cwd=home, check=True)
            started[lang][role] = student
        return started[lang]

    try:
        yield get
    finally:
        for proc, tmp in running:
            stop(proc)
            shutil.rmtree(tmp, ignore_errors=True)
