"""Why the add command refuses an input: :class:`AddError`, a catalogue key and its values.

Every refusal is found before anything is written; the command prints it in both languages and
exits with code 2.

Examples
--------
>>> print(AddError("bad_id", value="cc").message("id"))
Nomor berita 'cc' bukan satu huruf kapital. Pakai satu huruf, misalnya C, D, atau E.
"""

from __future__ import annotations

from typing import Any

from helpers.i18n import t

__all__ = ["AddError"]


class AddError(ValueError):
    """Bad input to ``add``: a catalogue key and values; ``message(lang)`` says it in either language."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def message(self, lang: str) -> str:
        """The message in ``lang`` ("en" or "id")."""
        return t(f"article_add.error.{self.key}", lang=lang, **self.values)

    def __str__(self) -> str:
        return self.message("en")
