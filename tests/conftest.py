"""Shared test set-up: keep the language and progress files of one test from leaking into another."""

from __future__ import annotations

import pytest

import helpers


@pytest.fixture(autouse=True)
def _english_and_private_progress(tmp_path, monkeypatch):
    """Every test starts in English and writes progress to its own temporary folder."""
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path / "progress"))
    helpers.set_language("en")
    yield
    helpers.set_language("en")
