"""Language switch and the catalogue of user-interface strings.

Every learner- or teacher-facing string the helpers show lives in the catalogue, in both
languages. The catalogue is the folder ``helpers/strings/``: one YAML file per concern
(``core.yml``, ``quiz.yml``, ...), each a mapping ``key -> {en: ..., id: ...}``. Keys are
unique across files. The teacher's tools (``kit_teacher/``) add their own folder of the same
kind with :func:`add_strings`; the student package never reads it.

Examples
--------
>>> import helpers
>>> helpers.set_language("en")
'en'
>>> helpers.t("lang.name")
'English'
>>> helpers.set_language("id")
'id'
>>> helpers.t("lang.name")
'Bahasa Indonesia'
>>> helpers.set_language("en")
'en'
"""

from __future__ import annotations

import contextlib
import functools
import os
import string
from pathlib import Path
from typing import Any

import yaml

from .text import plain, shorten

__all__ = [
    "LANGUAGES",
    "UnsupportedLanguageError",
    "MissingStringError",
    "set_language",
    "get_language",
    "t",
    "by_lang",
    "catalogue",
    "add_strings",
]

#: The languages of the kit, in the order they are offered.
LANGUAGES: tuple[str, ...] = ("id", "en")

_STRINGS_DIR = Path(__file__).parent / "strings"
#: Further folders of catalogue files, added with :func:`add_strings` (the teacher's tools).
_EXTRA_DIRS: list[Path] = []
_state = {"lang": os.environ.get("KIT_LANG", "en") if os.environ.get("KIT_LANG") in LANGUAGES else "en"}


class UnsupportedLanguageError(ValueError):
    """Raised when a language other than the kit's own is asked for."""


class MissingStringError(KeyError):
    """Raised when a key is not in the catalogue (or, by :func:`by_lang`, a column not in a record)."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it plain
        return str(self.args[0])


class CatalogueError(ValueError):
    """Raised when a catalogue file is malformed (names the file and key)."""


def _check_language(lang: Any) -> str:
    code = (plain(lang) or "").strip().lower()
    if code not in LANGUAGES:
        shown, codes = shorten(lang, limit=40), ", ".join(f'"{code}"' for code in LANGUAGES)
        raise UnsupportedLanguageError(
            f'Language {shown} is not supported. Choose one of: {codes} ("id" = Bahasa Indonesia, "en" = English). / '
            f"Bahasa {shown} tidak tersedia. Pilih salah satu: {codes}."
        )
    return code


def set_language(lang: str) -> str:
    """Choose the language of every string, label and message the helpers show.

    Parameters
    ----------
    lang : {"id", "en"}
        ``"id"`` for Bahasa Indonesia, ``"en"`` for English.

    Returns
    -------
    str
        The language now in force.

    Raises
    ------
    UnsupportedLanguageError
        For any other value; the message lists the supported languages.

    Examples
    --------
    >>> set_language("id")
    'id'
    >>> set_language("en")
    'en'
    """
    _state["lang"] = _check_language(lang)
    with contextlib.suppress(NameError):  # in IPython, DataFrames say it too (lang), with no empty corner header
        for module in ("pandas", "pandas.core.frame"):  # pandas 3's DataFrame, and 2's (Colab)
            get_ipython().display_formatter.formatters["text/html"].for_type_by_name(module, "DataFrame", _frame_html)  # noqa: F821
    return _state["lang"]


def _frame_html(frame: Any) -> str | None:
    """A DataFrame's HTML in a ``lang`` box, pandas' empty header cells (above the index) made plain cells."""
    said = frame._repr_html_()
    return said and f'<div lang="{_state["lang"]}">{said.replace("<th></th>", "<td></td>")}</div>'


def get_language(lang: Any = None) -> str:
    """Return the language in force (``"id"`` or ``"en"``), or ``lang`` checked (every ``lang=`` option's way in).

    Examples
    --------
    >>> get_language() in LANGUAGES
    True
    >>> get_language(" ID ")
    'id'
    """
    return _state["lang"] if lang is None else _check_language(lang)


def add_strings(folder: str | Path) -> None:
    """Add a folder of catalogue files (``*.yml``, the same form as ``helpers/strings/``) to :func:`t`.

    Its keys must be new: a key already in the catalogue is reported as a :class:`CatalogueError`
    by the next :func:`t` or :func:`catalogue`. Adding the same folder twice adds it once.

    Examples
    --------
    >>> from pathlib import Path
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "strings"
    >>> folder.mkdir()
    >>> _ = (folder / "mine.yml").write_text("mine.hello:\\n  en: Hello\\n  id: Halo\\n", encoding="utf-8")
    >>> add_strings(folder)
    >>> catalogue()["mine.hello"]
    {'id': 'Halo', 'en': 'Hello'}
    """
    folder = Path(folder).resolve()
    if folder not in _EXTRA_DIRS:
        _EXTRA_DIRS.append(folder)
        catalogue.cache_clear()


def _catalogue_files() -> list[tuple[str, Path]]:
    """(name shown in messages, path) of every catalogue file: the kit's own, then those added."""
    files = [(f"helpers/strings/{path.name}", path) for path in sorted(_STRINGS_DIR.glob("*.yml"))]
    for folder in _EXTRA_DIRS:
        files += [(f"{folder.parent.name}/{folder.name}/{path.name}", path) for path in sorted(folder.glob("*.yml"))]
    return files


@functools.lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Load and check every catalogue file; return ``{key: {"en": ..., "id": ...}}``.

    Raises
    ------
    CatalogueError
        If a file is not a mapping, a key repeats across files, or an entry lacks a language.
    """
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for rel, path in _catalogue_files():
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise CatalogueError(f"{rel}: not valid YAML ({exc})") from None
        if not isinstance(content, dict):
            raise CatalogueError(f"{rel}: expected a mapping of keys to {{en, id}} entries")
        for key, entry in content.items():
            if key in merged:
                raise CatalogueError(f"{rel}: key {key!r} is already defined in {origin[key]}")
            if not isinstance(entry, dict):
                raise CatalogueError(f"{rel}: key {key!r} must map to {{en: ..., id: ...}}")
            for lang in LANGUAGES:
                if not isinstance(entry.get(lang), str) or not entry[lang].strip():
                    raise CatalogueError(f"{rel}: key {key!r} has no text for language {lang!r}")
            extra = set(entry) - set(LANGUAGES)
            if extra:
                raise CatalogueError(f"{rel}: key {key!r} has unknown language(s) {sorted(extra)}")
            merged[key] = {lang: entry[lang] for lang in LANGUAGES}
            origin[key] = rel
    return merged


def t(key: str, /, lang: str | None = None, **values: Any) -> str:
    """Return the catalogue string ``key`` in the current (or given) language.

    Named ``{placeholders}`` in the string are filled from ``values``.

    Examples
    --------
    >>> t("lang.name", lang="id")
    'Bahasa Indonesia'
    >>> t("lang.switched", lang="en", name="English")
    'Language set to English.'
    """
    entries, name = catalogue(), plain(key)
    if name not in entries:
        raise MissingStringError(f"No string {shorten(key, limit=80)} in the catalogue (helpers/strings/*.yml).")
    text = entries[name][get_language(lang)]
    return _Formatter().vformat(text, (), _Defaulting(values)) if values else text


class _Defaulting(dict):
    """Leave unknown placeholders visible instead of raising KeyError."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:  # a value whose str fails: by shorten
        try:
            return super().format_field(value, format_spec)
        except Exception:
            return shorten(value)


def by_lang(record: Any, field: str, lang: str | None = None) -> Any:
    """Return ``record[f"{field}_{lang}"]``: a data column or value in the chosen language.

    Data tables keep both languages side by side (``name_en``/``name_id``); this picks one.
    ``record`` may be a mapping, a pandas row or frame, or an ``itertuples`` row.

    Examples
    --------
    >>> by_lang({"name_en": "war", "name_id": "perang"}, "name", lang="id")
    'perang'
    """
    column = f"{plain(field)}_{get_language(lang)}"
    if column in getattr(record, "_fields", ()):  # a namedtuple from DataFrame.itertuples()
        return getattr(record, column)
    if hasattr(record, "keys") and column in record.keys():
        return record[column]
    raise MissingStringError(t("core.no_column", column=shorten(column), kind=type(record).__name__))
