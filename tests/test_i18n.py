"""The language switch and the string catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import helpers
import kit_teacher
from helpers import i18n

ROOT = Path(__file__).resolve().parent.parent
#: The two catalogue folders: the student package's and the teacher's tools'.
STRING_FOLDERS = (ROOT / "helpers" / "strings", kit_teacher.STRINGS)


def test_every_key_has_both_languages():
    # catalogue() raises CatalogueError naming the file and key when a language is missing
    entries = i18n.catalogue()
    assert entries, "the catalogue is empty"
    files = [path for folder in STRING_FOLDERS for path in sorted(folder.glob("*.yml"))]
    assert {path.name for path in kit_teacher.STRINGS.glob("*.yml")} == {"article_add.yml", "link.yml", "summary.yml"}
    for path in files:  # every key of every file, the teacher's tools' too, is in the merged catalogue
        for key in yaml.safe_load(path.read_text(encoding="utf-8")):
            assert key in entries, f"{path.name}: {key}"
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


def test_a_teacher_folder_key_in_one_language_only_or_repeated_is_reported(tmp_path, monkeypatch):
    """A folder added with add_strings is checked like helpers/strings/: both languages, unique keys."""
    folder = tmp_path / "kit_teacher" / "strings"
    folder.mkdir(parents=True)
    monkeypatch.setattr(i18n, "_EXTRA_DIRS", [])
    (folder / "tool.yml").write_text("tool.only:\n  id: Halo\n", encoding="utf-8")
    i18n.add_strings(folder)
    try:
        with pytest.raises(i18n.CatalogueError, match=r"kit_teacher/strings/tool\.yml.*tool\.only.*'en'"):
            i18n.catalogue()
        (folder / "tool.yml").write_text("lang.name:\n  en: x\n  id: y\n", encoding="utf-8")
        i18n.catalogue.cache_clear()
        with pytest.raises(i18n.CatalogueError, match=r"tool\.yml.*lang\.name.*helpers/strings/core\.yml"):
            i18n.catalogue()
    finally:
        monkeypatch.undo()
        i18n.catalogue.cache_clear()


def test_the_student_package_does_not_carry_the_teachers_strings():
    """The student edition has no kit_teacher/: helpers/strings/ alone must hold what helpers says."""
    teacher = {key for path in kit_teacher.STRINGS.glob("*.yml") for key in yaml.safe_load(path.read_text("utf-8"))}
    own = {key for path in STRING_FOLDERS[0].glob("*.yml") for key in yaml.safe_load(path.read_text("utf-8"))}
    assert teacher and not teacher & own


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


def _keys_used(package: str) -> set[str]:
    """Literal keys passed to t(...) in a package's code."""
    used = set()
    for path in (ROOT / package).rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_.-]+)["']\s*[,)]""", path.read_text(encoding="utf-8")))
    return used


def test_every_key_used_in_code_exists():
    """Literal keys passed to t(...) in helpers/ and kit_teacher/ must be in the catalogue."""
    for package in ("helpers", "kit_teacher"):
        missing = sorted(_keys_used(package) - set(i18n.catalogue()))
        assert not missing, f"keys used in {package}/ but missing from its strings/: {missing}"
    own = {key for path in STRING_FOLDERS[0].glob("*.yml") for key in yaml.safe_load(path.read_text("utf-8"))}
    missing = sorted(_keys_used("helpers") - own)
    assert not missing, f"keys used in helpers/ but only in kit_teacher/strings/: {missing}"
