"""Every doctest writes progress into a folder of its own (tests/conftest.py does so for the tests).

A doctest that answers a quiz or checks an exercise records it, and one saves a student's name:
in the folder the whole run shares, that changed what a notebook checked by nbval later showed
(its quiz order and its hand-in message), depending on which test ran first.
"""

from __future__ import annotations

import pytest
from _pytest.doctest import DoctestItem


@pytest.fixture(autouse=True)
def _doctest_progress_folder(request, tmp_path, monkeypatch):
    if isinstance(request.node, DoctestItem):
        monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path / "progress"))
        monkeypatch.delenv("KIT_STUDENT", raising=False)
    yield
