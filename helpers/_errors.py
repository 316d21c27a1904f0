"""The one error of the data package, :class:`DataError`, carrying file, row and field as attributes.

A ``DataError`` holds *where* the problem is (``file``, ``row``, ``field``, ``line``) and *what* it
is (a key of the string catalogue, ``helpers/strings/data.yml``, with its values). The message is
formatted from the catalogue when it is shown, in either language, so nothing ever has to parse a
message back into its parts.

Rows are counted from the first data row (the header is row 0); ``line`` is the line of the file
(for a CSV row, usually ``row + 1``). In a GeoJSON file ``row`` is the feature number, from 1.
``row`` is ``None`` when the problem concerns the file as a whole.

Examples
--------
>>> err = DataError("data.problem.not_in_enum", file="data/control.csv", row=14, line=15,
...                 field="controller", value="GNAA", allowed=["GNA", "LNA"])
>>> (err.file, err.row, err.field)
('data/control.csv', 14, 'controller')
>>> print(err.message("en"))
data/control.csv row 14 (line 15): controller 'GNAA' is not one of GNA, LNA
>>> print(err.message("id"))
data/control.csv baris data 14 (baris 15 di berkas): controller 'GNAA' bukan salah satu dari GNA, LNA
"""

from __future__ import annotations

from typing import Any

from .i18n import LANGUAGES, catalogue, get_language, t
from .text import shorten

__all__ = ["DataError"]

#: Values that are shown as a short ``repr`` (quoted), so that odd characters stay visible.
_QUOTED = ("value",)
#: Values that are lists shown as "a, b, c".
_LISTS = ("allowed", "columns")


class DataError(ValueError):
    """A data file is missing or malformed, or a student asked for something the data lacks.

    Parameters
    ----------
    key : str
        Key of the message in the string catalogue (``data.problem.*`` for a broken file,
        ``data.*`` for a student's request).
    file, row, field, line : optional
        Where the problem is: ``"data/places.csv"``, the data row (header: 0), the column or
        property, the line of the file.
    **values
        The message's other placeholders (``value``, ``allowed``...).

    Attributes
    ----------
    file, row, field, line, key, values
        As given; ``str(error)`` is the message in the language in force when it was raised.

    Examples
    --------
    >>> str(DataError("data.problem.missing_file", file="data/events.csv", lang="en"))
    'data/events.csv is missing'
    """

    def __init__(
        self,
        key: str,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
        line: int | None = None,
        lang: str | None = None,
        **values: Any,
    ) -> None:
        super().__init__(key)
        self.key, self.file, self.row, self.field, self.values = key, file, row, field, values
        self.line = line if line is not None or row is None or _is_geojson(file) else row + 1
        self.lang = lang if lang in LANGUAGES else get_language()

    def where(self, lang: str | None = None) -> str:
        """Return the place of the problem as words: ``data/places.csv row 3 (line 4)``.

        Examples
        --------
        >>> DataError("data.problem.required", file="data/zones.geojson", row=2, field="date").where("en")
        'data/zones.geojson feature 2'
        """
        lang = lang or self.lang
        if self.file is None:
            return ""
        if self.row is None:
            if self.line is not None:
                return t("data.where.line", lang=lang, file=self.file, line=self.line)
            return self.file
        if _is_geojson(self.file):
            return t("data.where.feature", lang=lang, file=self.file, row=self.row)
        if self.row == 0:
            return t("data.where.header", lang=lang, file=self.file)
        return t("data.where.row", lang=lang, file=self.file, row=self.row, line=self.line)

    def message(self, lang: str | None = None) -> str:
        """Return the full message in ``lang`` (default: the language in force when raised).

        Examples
        --------
        >>> DataError("data.bad_row_ref", value=3).message("en").startswith("3 is not a data row")
        True
        >>> DataError("a plain message").message("id")
        'a plain message'
        """
        lang = lang or self.lang
        if self.key not in catalogue():  # a plain message, as older code raised them
            return str(self.key)
        shown = {k: _show(k, v) for k, v in self.values.items()}
        return t(
            self.key,
            lang=lang,
            where=self.where(lang),
            file=self.file,
            row=self.row,
            field=self.field,
            line=self.line,
            **shown,
        )

    def __str__(self) -> str:
        return self.message()

    def __repr__(self) -> str:
        return (
            f"DataError({self.key!r}, file={self.file!r}, row={self.row!r}, field={self.field!r}, line={self.line!r})"
        )


def _is_geojson(file: str | None) -> bool:
    return bool(file) and str(file).endswith(".geojson")


def _show(name: str, value: Any) -> str:
    if name in _LISTS and isinstance(value, (list, tuple)):
        return ", ".join(str(v).lower() if isinstance(v, bool) else str(v) for v in value)
    if name in _QUOTED:
        return shorten(value)
    return str(value)
