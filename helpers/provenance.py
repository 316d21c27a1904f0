"""Where the kit's facts come from: readable sources, data rows by reference, sentence coverage.

Every fact row cites its sources (keys of ``data/sources.csv`` or article sentence ids). This
module turns those citations into text for people, finds the row a question bank or project brief
cites (``places:gharyan``), measures how much of the articles the facts cover, and lists the
tables of the package. It reads the validated rows of :mod:`helpers._validate`; the public names
are also available from :mod:`helpers.data`.

Examples
--------
>>> describe_sources("reuters-2020-01-06-sirte", lang="en")
'Reuters, 2020-01-06'
>>> find_row("places:gharyan")["name_en"]
'Gharyan'
"""

from __future__ import annotations

import pandas as pd

from ._errors import DataError
from ._geojson import geojson
from ._validate import checked_rows, resource, split_list
from .i18n import get_language, t
from .sentences import segments

__all__ = ["FACT_TABLES", "describe_sources", "find_row", "sentence_coverage", "coverage_figure", "overview"]

#: Tables whose rows count as facts for the sentence-coverage figure.
FACT_TABLES = ("actors", "places", "control", "backing", "events", "claims", "glossary")
#: Tables a reference ``table:key`` may name (facts, plus the dates and the sources they cite).
_ROW_TABLES = (*FACT_TABLES, "snapshots", "sources")
#: Tables listed by :func:`overview`, in the order the lessons introduce them.
_OVERVIEW = ("sources", "actors", "places", "snapshots", "control", "backing", "events", "claims", "glossary",
             "article_meta", "translation_en", "attribution")


def describe_sources(value: str, *, lang: str | None = None) -> str:
    """Turn a ``sources`` cell into readable text: "Publisher, date" and sentence ids.

    Examples
    --------
    >>> describe_sources("reuters-2020-01-06-sirte;B.p04.s02", lang="en")
    'Reuters, 2020-01-06; article sentence B.p04.s02'
    """
    lang = lang or get_language()
    table = {r["source"]: r for r in checked_rows("sources")}
    parts = []
    for item in split_list(value):
        if item in table:
            parts.append(f"{table[item]['publisher']}, {table[item]['date']}")
        else:
            parts.append(t("data.article_sentence", lang=lang, sentence=item))
    return "; ".join(parts)


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


def sentence_coverage() -> pd.DataFrame:
    """For every non-boilerplate sentence, the fact rows (actors, places, control, backing, events,
    claims, glossary) that cite it in ``sentences``, ``sentence`` or ``sources``.

    Examples
    --------
    >>> cov = sentence_coverage()
    >>> bool(cov["cited_by"].map(len).gt(0).all())
    True
    """
    table = segments()
    table = table[table["kind"] != "boilerplate"]
    cited: dict[str, list[str]] = {sid: [] for sid in table["sentence"]}
    for name in FACT_TABLES:
        key = resource(name)["schema"]["primaryKey"]
        for row in checked_rows(name):
            label = f"{name}:{'/'.join(row[k] for k in key)}"
            for col in ("sentences", "sentence", "sources"):
                for item in split_list(row.get(col, "")):
                    if item in cited:
                        cited[item].append(label)
    return pd.DataFrame({"sentence": list(cited), "cited_by": list(cited.values())})


def coverage_figure() -> float:
    """Share (0-1) of non-boilerplate sentences cited by at least one fact row.

    Examples
    --------
    >>> coverage_figure()
    1.0
    """
    cov = sentence_coverage()
    return float(cov["cited_by"].map(len).gt(0).mean())


def overview(*, lang: str | None = None) -> pd.DataFrame:
    """Load every table once and list it: file, rows, columns and what it holds (current language).

    Examples
    --------
    >>> bool(overview(lang="en").set_index("file").loc["data/places.csv", "rows"] >= 30)
    True
    """
    lang = lang or get_language()
    columns = [t(f"data.col.{c}", lang=lang) for c in ("file", "rows", "columns", "holds")]
    rows = []
    for name in _OVERVIEW:
        res = resource(name)
        rows.append(dict(zip(columns, (f"data/{res['path']}", len(checked_rows(name)), len(res["schema"]["fields"]),
                                       t(f"data.table.{name}", lang=lang)))))
    features = geojson("zones")["features"]
    rows.append(dict(zip(columns, ("data/zones.geojson", len(features),
                                   len(features[0]["properties"]) if features else 0,
                                   t("data.table.zones", lang=lang)))))
    return pd.DataFrame(rows)
