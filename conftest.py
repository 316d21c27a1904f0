"""Set-up for everything pytest collects, doctests of ``helpers/`` and ``kit_teacher/`` included.

A doctest that answers a quiz or checks an exercise records it, and one saves a student's name:
in a folder the whole run shares, that changed what a notebook checked by nbval later showed (its
quiz order and its hand-in message), depending on which test ran first. So every doctest writes
progress into a folder of its own (``tests/conftest.py`` does so for the unit tests), and every
test gets the environment back as it found it (an example may point ``KIT_PROGRESS_DIR``
elsewhere itself).
"""

from __future__ import annotations

import os

import pytest
from _pytest.doctest import DoctestItem

#: What an example may set and must not leave behind.
KEPT = ("KIT_PROGRESS_DIR", "KIT_STUDENT", "KIT_HAND_IN_DIR", "KIT_LANG")


@pytest.fixture(autouse=True)
def _environment_as_found(request, tmp_path_factory):
    saved = {name: os.environ.get(name) for name in KEPT}
    if isinstance(request.node, DoctestItem):
        os.environ["KIT_PROGRESS_DIR"] = str(tmp_path_factory.mktemp("doctest") / "progress")
        os.environ.pop("KIT_STUDENT", None)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
