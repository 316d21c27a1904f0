"""The language switch and the string catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import helpers
from helpers import i18n

ROOT = Path(__file__).resolve().parent.parent


def test_every_key_has_both_languages():
    # catalogue() raises CatalogueError naming the file and key when a language is missing
    entries = i18n.catalogue()
    assert entries, "the catalogue is empty"
    for key, entry in entries.items():
        assert set(entry) == {"en", "id"}, key
        assert entry["en"].strip() and entry["id"].strip(), key


def test_a_key_in_one_language_only_is_reported(tmp_path, monkeypatch):
    (tmp_path / "broken.yml").write_text("only.english:\n  en: Hello\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "_STRINGS_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(i18n.CatalogueError, match=r"broken\.yml.*only\.english.*'id'"):
            i18n.catalogue()
    finally:
        monkeypatch.undo()
        i18n.catalogue.cache_clear()


def test_duplicate_key_across_files_is_reported(tmp_path, monkeypatch):
    for name in ("a.yml", "b.yml"):
        (tmp_path / name).write_text("same.key:\n  en: x\n  id: y\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "_STRINGS_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(i18n.CatalogueError, match=r"b\.yml.*same\.key.*a\.yml"):
            i18n.catalogue()
    finally:
        monkeypatch.undo()
        i18n.catalogue.cache_clear()


def test_switching_language_changes_strings():
    assert helpers.set_language("id") == "id"
    assert helpers.t("lang.name") == "Bahasa Indonesia"
    assert helpers.set_language("EN ") == "en"
    assert helpers.t("lang.name") == "English"
    assert helpers.t("lang.switched", name="X") == "Language set to X."


@pytest.mark.parametrize("bad", ["fr", "", None, 3, ["id"], "indonesian"])
def test_unsupported_language_lists_the_supported_ones(bad):
    with pytest.raises(helpers.UnsupportedLanguageError) as info:
        helpers.set_language(bad)
    message = str(info.value)
    assert '"id"' in message and '"en"' in message
    assert helpers.get_language() == "en", "a failed switch must not change the language"


def test_unknown_key_names_the_key():
    with pytest.raises(helpers.MissingStringError, match="no.such.key"):
        helpers.t("no.such.key")


def test_every_key_used_in_code_exists():
    """Literal keys passed to t(...) in helpers/ must be in the catalogue."""
    used = set()
    for path in (ROOT / "helpers").rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_.-]+)["']\s*[,)]""", path.read_text(encoding="utf-8")))
    missing = sorted(used - set(i18n.catalogue()))
    assert not missing, f"keys used in helpers/ but missing from helpers/strings/: {missing}"
