"""The browser tests' tier marker and their JupyterLab (the harness is tests/browser/harness.py)."""

from __future__ import annotations

import os
import shutil

import pytest

from .harness import (  # noqa: F401 - the browser tests import these from here
    LOCAL,
    Lab,
    browser_unavailable,
    free_port,
    start_lab,
    stop,
)


def pytest_collection_modifyitems(config, items):
    reason = browser_unavailable()
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


@pytest.fixture(scope="session")
def lab():
    """A JupyterLab server for the whole session: (base url, token), and ``.progress``, its progress file."""
    proc, base, token, tmp = start_lab()
    try:
        yield Lab(base, token, progress=tmp / "progress" / "progress.jsonl")
    finally:
        stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)
