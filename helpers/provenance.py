"""Where the kit's facts come from: readable sources, data rows by reference, sentence coverage.

Every fact row cites its sources (keys of ``data/sources.csv`` or article sentence ids). This
module turns those citations into text for people, finds the row a question bank or project brief
cites (``places:gharyan``), measures how much of the articles the facts cover, and lists the
tables of the package. It reads the validated rows of :mod:`helpers._validate`; the public names
are also available from :mod:`helpers.data`.

Examples
--------
>>> print(describe_sources("reuters-2020-01-14", lang="en"))
Reuters, "Libya's Haftar leaves Moscow without signing ceasefire", 2020-01-14
>>> find_row("places:gharyan")["name_en"]
'Gharyan'
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ._errors import DataError
from ._geojson import geojson
from ._validate import checked_rows, resource, split_list
from .i18n import get_language, t
from .sentences import SENTENCE_ID
from .text import plain

__all__ = [
    "FACT_TABLES",
    "SourceList",
    "describe_sources",
    "find_row",
    "overview",
    "sources",
]

_WEB = re.compile(r"https?://", re.IGNORECASE)

#: Tables whose rows count as facts for the sentence-coverage figure.
FACT_TABLES = ("actors", "places", "control", "backing", "events", "claims", "glossary")
#: Tables a reference ``table:key`` may name (facts, plus the dates and the sources they cite).
_ROW_TABLES = (*FACT_TABLES, "snapshots", "sources")
#: Tables listed by :func:`overview`, in the order the lessons introduce them.
_OVERVIEW = (
    "sources",
    "actors",
    "places",
    "snapshots",
    "control",
    "backing",
    "events",
    "claims",
    "glossary",
    "article_meta",
    "translation_en",
    "attribution",
)


def describe_sources(value: str, *, lang: str | None = None, titles: bool = True) -> str:
    """Turn a ``sources`` cell into readable text: publisher, "title", date, and sentence ids.

    ``titles=False`` leaves the titles out, for the short space of a map's popup.

    Examples
    --------
    >>> describe_sources("afp-2020-01-06-sirte;B.p04.s02", lang="en")  # doctest: +ELLIPSIS
    'Agence France-Presse (AFP) (copy on Proto Thema), "...", 2020-01-06; article sentence B.p04.s02'
    """
    lang = get_language(lang)
    table = {r["source"]: r for r in checked_rows("sources")}
    parts = []
    for item in split_list(value):
        if item in table:
            row = table[item]
            title = f' "{row["title"]}",' if titles is not False else ""
            parts.append(f"{row['publisher']},{title} {row['date']}")
        else:
            parts.append(t("data.article_sentence", lang=lang, sentence=item))
    return "; ".join(parts)


@dataclass
class SourceList:
    """Sources with their title, date and address; shows as a table whose titles are links.

    ``frame`` holds the rows (``source``, ``publisher``, ``title``, ``date``, ``url``, ``note``).
    """

    frame: pd.DataFrame
    lang: str

    def __repr__(self) -> str:
        return "\n".join(f'{r.publisher}, "{r.title}", {r.date}: {r.url}' for r in self.frame.itertuples())

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th>{html.escape(t(f'data.sources.{c}', lang=self.lang))}</th>" for c in ("publisher", "title", "date")
        )
        rows = []
        for r in self.frame.itertuples():
            title = html.escape(r.title)
            if _WEB.match(r.url):  # only web addresses become links; a file of the kit stays text
                title = f'<a href="{html.escape(r.url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
            rows.append(f"<tr><td>{html.escape(r.publisher)}</td><td>{title}</td><td>{html.escape(r.date)}</td></tr>")
        caption = html.escape(t("data.sources.caption", lang=self.lang, n=len(self.frame)))
        return f'<table lang="{self.lang}"><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def sources(value: Any = None, *, lang: str | None = None) -> SourceList:
    """The sources named in a ``sources`` cell (or a column of them), with title, date and link.

    Sentence ids (``B.p08.s01``) stand for their article's source row. With no value, every source.

    Examples
    --------
    >>> found = sources("afp-2020-01-06-sirte;B.p04.s02")
    >>> found.frame["source"].tolist()
    ['afp-2020-01-06-sirte', 'article-b']
    >>> "<a href=" in found._repr_html_()
    True
    """
    lang = get_language(lang)
    table = pd.DataFrame(list(checked_rows("sources")))
    if value is None:
        return SourceList(table.reset_index(drop=True), lang)
    if not isinstance(value, (str, list, tuple, set, pd.Series, pd.Index)):
        raise DataError("data.unknown_source", value=value)
    wanted: list[str] = []
    for cell in [value] if isinstance(value, str) else list(value):
        for item in split_list(plain(cell)):
            match = SENTENCE_ID.match(item)
            key = f"article-{match.group(1).lower()}" if match else item
            if key not in wanted:
                wanted.append(key)
    unknown = [key for key in wanted if key not in set(table["source"])]
    if unknown:
        raise DataError("data.unknown_source", value=unknown[0])
    chosen = table.set_index("source").loc[wanted].reset_index()
    return SourceList(chosen, lang)


def find_row(ref: str) -> dict[str, str]:
    """Return the data row named by a reference ``table:key`` (keys of several columns joined by ``@``).

    Question banks and project briefs cite data rows this way, e.g. ``places:gharyan``,
    ``control:tarhuna@2020-06-06``, ``events:sirte-taken-2020``, ``backing:wagner@LNA@fighters_mercenaries@denied``.

    Examples
    --------
    >>> find_row("control:tarhuna@2020-06-06")["controller"]
    'GNA'
    """
    if not isinstance(ref, str) or ":" not in ref:
        raise DataError("data.bad_row_ref", value=ref)
    table, _, key = ref.partition(":")
    if table not in _ROW_TABLES:
        raise DataError("data.bad_row_ref", value=ref)
    res = resource(table)
    fields = res["schema"]["primaryKey"]
    parts = key.split("@")
    for row in checked_rows(table):
        if [row[f] for f in fields] == parts:
            return dict(row, _file=f"data/{res['path']}")
    raise DataError("data.unknown_row", value=ref, file=f"data/{res['path']}")


def overview(*, lang: str | None = None) -> pd.DataFrame:
    """Load every table once and list it: file, rows, columns and what it holds (current language).

    Examples
    --------
    >>> bool(overview(lang="en").set_index("file").loc["data/places.csv", "rows"] >= 30)
    True
    """
    lang = get_language(lang)
    columns = [t(f"data.col.{c}", lang=lang) for c in ("file", "rows", "columns", "holds")]
    rows = []
    for name in _OVERVIEW:
        res = resource(name)
        rows.append(
            dict(
                zip(
                    columns,
                    (
                        f"data/{res['path']}",
                        len(checked_rows(name)),
                        len(res["schema"]["fields"]),
                        t(f"data.table.{name}", lang=lang),
                    ),
                )
            )
        )
    features = geojson("zones")["features"]
    rows.append(
        dict(
            zip(
                columns,
                (
                    "data/zones.geojson",
                    len(features),
                    len(features[0]["properties"]) if features else 0,
                    t("data.table.zones", lang=lang),
                ),
            )
        )
    )
    return pd.DataFrame(rows)
