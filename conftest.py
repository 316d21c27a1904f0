"""Set-up for everything pytest collects, doctests of ``helpers/`` and ``kit_teacher/`` included.

A module's examples may point ``KIT_PROGRESS_DIR`` at a folder of their own and save a student's
name there (``helpers.progress``); left in the environment, that name shuffled the quiz options of
the next doctest (``helpers.quiz``) and of the notebooks the same test worker ran next, whose
stored outputs have the bank's order. Each test gets the environment back as it found it.
(``tests/conftest.py`` gives the unit tests a progress folder of their own besides.)
"""

from __future__ import annotations

import os

import pytest

#: What an example may set and must not leave behind.
KEPT = ("KIT_PROGRESS_DIR", "KIT_STUDENT", "KIT_HAND_IN_DIR", "KIT_LANG")


@pytest.fixture(autouse=True)
def _environment_as_found():
    saved = {name: os.environ.get(name) for name in KEPT}
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
