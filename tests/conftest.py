"""Shared test set-up: keep the language and progress files of one test from leaking into another."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest

import helpers
import tests.fuzzing  # noqa: F401  (loads the Hypothesis profile of this tier)
from helpers import _geojson, _validate, articles, data, maps, provenance, quiz_bank, sentences
from helpers.maps import leaflet
from helpers.maps import page as map_page

try:  # one Playwright per worker: the browser tests and the class rehearsal share these fixtures
    from tests.browser.harness import browser, page  # noqa: F401
except ImportError:  # a copy of some tests without the harness (test_release's check in the student edition)
    pass

ROOT = Path(__file__).resolve().parent.parent


def clear_caches() -> None:
    """Forget every table and derived value the helpers cached, so they read data/ again."""
    for module in (sentences, _validate, _geojson, provenance, data, articles, leaflet, map_page, maps, quiz_bank):
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of data/ a test may corrupt; the helpers read it through KIT_ROOT until the test ends."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("KIT_ROOT", str(tmp_path))
    clear_caches()
    yield tmp_path / "data"
    monkeypatch.delenv("KIT_ROOT")
    clear_caches()


@pytest.fixture
def lessons_copy(data_copy):
    """A copy of lessons/ (beside the data copy) whose question banks a test may change."""
    shutil.copytree(ROOT / "lessons", data_copy.parent / "lessons")
    return data_copy.parent / "lessons"


@pytest.fixture(autouse=True)
def _english_and_private_progress(tmp_path, monkeypatch):
    """Every test starts in English and writes progress to its own temporary folder."""
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path / "progress"))
    helpers.set_language("en")
    yield
    helpers.set_language("en")
