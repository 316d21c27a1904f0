"""Load the kit's facts from ``data/`` as tidy pandas DataFrames, validated on first load, and query them.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.data``.

Examples
--------
>>> from helpers import data
>>> places = data.load_places()
>>> places.loc[places["place"] == "gharyan", "name_en"].item()
'Gharyan'
>>> round(data.distance_km("tripoli", "gharyan"))
80
>>> data.control_on("2020-06-10").set_index("place").loc["tarhuna", "controller"]
'GNA'
"""

from __future__ import annotations

import copy
import difflib
import functools
import sys
from collections.abc import Callable
from datetime import date as _date
from typing import Any

import pandas as pd

from ._errors import DataError
from ._geojson import geojson
from ._validate import check_article, checked_rows, package, resource, split_list
from .geo import haversine_km
from .i18n import LANGUAGES, get_language, t
from .provenance import SourceList, describe_sources, find_row, overview, sources
from .text import fold_key, plain

__all__ = [
    "DataError",
    "SourceList",
    "sources",
    "load_human_cost",
    "load_voices",
    "load_corroboration",
    "load_sources",
    "load_actors",
    "load_places",
    "load_snapshots",
    "load_control",
    "load_zones",
    "load_backing",
    "load_events",
    "load_claims",
    "load_glossary",
    "load_article_meta",
    "load_translation",
    "load_gloss",
    "load_attribution",
    "load_borders",
    "validate_all",
    "find_problems",
    "split_list",
    "nearest_snapshot",
    "to_timestamp",
    "control_on",
    "changed_hands",
    "distance_km",
    "find_place",
    "describe_sources",
    "overview",
    "find_row",
    "localize",
]


def _frame(name: str) -> pd.DataFrame:
    """The validated rows of a table, typed from the descriptor (numbers, dates, categories)."""
    fields = resource(name)["schema"]["fields"]
    frame = pd.DataFrame(list(checked_rows(name)), columns=[f["name"] for f in fields])
    for fld in fields:
        col, kind = fld["name"], fld.get("type", "string")
        if kind == "number":
            frame[col] = pd.to_numeric(frame[col])
        elif kind == "date":
            frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
        elif "enum" in fld.get("constraints", {}):
            # an empty cell (a claim not yet checked) is missing, not a category
            frame[col] = pd.Categorical(frame[col].where(frame[col] != "", None), categories=fld["constraints"]["enum"])
    return frame


@functools.cache
def _cached(name: str) -> pd.DataFrame:
    return _frame(name)


def _loader(name: str, doc: str) -> Callable[[], pd.DataFrame]:
    def load() -> pd.DataFrame:
        return _cached(name).copy()

    load.__name__ = load.__qualname__ = f"load_{name}"
    load.__doc__ = f"Return {doc} as a DataFrame (validated, cached; a copy each call)."
    return load


load_sources = _loader("sources", "the sources (data/sources.csv)")
load_actors = _loader("actors", "the actors (data/actors.csv)")
load_places = _loader("places", "the places with coordinates (data/places.csv)")
load_snapshots = _loader("snapshots", "the snapshot dates (data/snapshots.csv)")
load_control = _loader("control", "who controlled each place at each snapshot (data/control.csv)")
load_backing = _loader("backing", "foreign backing by backer, side, support and status (data/backing.csv)")
load_events = _loader("events", "the dated events 2011-2021 (data/events.csv)")
load_claims = _loader("claims", "the articles' claims with the kit's verdicts (data/claims.csv)")
load_glossary = _loader("glossary", "the glossary (data/glossary.csv)")
load_article_meta = _loader("article_meta", "the metadata of the two articles (data/articles/metadata.csv)")
load_translation = _loader("translation_en", "the English translation by sentence (data/articles/translation_en.csv)")
load_gloss = _loader("gloss_id", "the Indonesian gloss of the English tweet (data/articles/gloss_id.csv)")
load_attribution = _loader("attribution", "who says so, sentence by sentence (data/articles/attribution.csv)")
load_human_cost = _loader(
    "human_cost", "dated figures of the war's cost to civilians, with their definitions (data/human_cost.csv)"
)
load_voices = _loader(
    "voices", "what Libyans said, summarised in the kit's words with date and source (data/voices.csv)"
)
load_corroboration = _loader(
    "corroboration", "several publications' accounts of one event, for corroboration (data/corroboration.csv)"
)


def load_zones() -> dict[str, Any]:
    """Return the approximate zones of control (GeoJSON dict, validated; a deep copy).

    Examples
    --------
    >>> {f["properties"]["approximate"] for f in load_zones()["features"]}
    {True}
    """
    return copy.deepcopy(geojson("zones"))


def load_borders() -> dict[str, Any]:
    """Return the Natural Earth borders of Libya and its neighbours (GeoJSON dict, validated; a deep copy).

    Examples
    --------
    >>> sorted(f["properties"]["iso_a3"] for f in load_borders()["features"])[:2]
    ['DZA', 'EGY']
    """
    return copy.deepcopy(geojson("borders"))


def find_problems() -> list[DataError]:
    """Check the shape of every file of the package; return every problem as a DataError (empty: all good).

    A table that other tables cite is reported once, not once per citing table. The traceability
    rules (sources cited, denials beside reports) are the authors' check:
    :func:`kit_teacher.validate.find_problems` runs both.

    Examples
    --------
    >>> find_problems()
    []
    """
    problems: dict[str, DataError] = {}
    for res in package()["resources"]:
        try:
            if "schema" in res:
                checked_rows(res["name"])
            elif res.get("format") == "geojson":
                geojson(res["name"])
            else:
                check_article(res["name"])
        except DataError as exc:
            problems.setdefault(exc.message("en"), exc)
    return list(problems.values())


def validate_all() -> list[str]:
    """Check every file of the data package; return all problems as messages (empty list: all good).

    :func:`find_problems` gives the same problems as :class:`DataError` objects.

    Examples
    --------
    >>> validate_all()
    []
    """
    return [str(problem) for problem in find_problems()]


def to_timestamp(value: Any) -> pd.Timestamp:
    """A date given as text, ``date``, ``datetime`` or Timestamp, as a day (a time zone is dropped).

    Examples
    --------
    >>> to_timestamp("2020-06-10T08:30+02:00").date().isoformat()
    '2020-06-10'
    """
    value = plain(value) if isinstance(value, str) else value
    if isinstance(value, (str, _date, pd.Timestamp)) and not (isinstance(value, str) and not value.strip()):
        try:
            stamp = pd.Timestamp(value)
        except (ValueError, TypeError, OverflowError):
            stamp = pd.NaT
        if not pd.isna(stamp):
            # "2020-06-10T00:00Z" means 10 June where it was written: keep the day, drop the zone
            return (stamp.tz_localize(None) if stamp.tzinfo is not None else stamp).normalize()
    raise DataError("data.bad_date", value=value)


def nearest_snapshot(value: Any) -> pd.Timestamp:
    """Return the snapshot date on or before ``value`` (the first snapshot for earlier dates).

    Examples
    --------
    >>> nearest_snapshot("2020-06-10").date().isoformat()
    '2020-06-06'
    >>> nearest_snapshot("2011-01-01").date().isoformat()
    '2019-04-03'
    >>> nearest_snapshot("2020-06-10T00:00Z").date().isoformat()
    '2020-06-06'
    """
    stamp = to_timestamp(value)
    dates = sorted(load_snapshots()["date"])
    if not dates:
        raise DataError("data.no_snapshots")
    earlier = [d for d in dates if d <= stamp]
    return earlier[-1] if earlier else dates[0]


def control_on(value: Any) -> pd.DataFrame:
    """Return every Libyan place with its controller on the snapshot nearest (on or before) a date.

    The snapshot used is in ``frame.attrs["snapshot"]``.

    Examples
    --------
    >>> frame = control_on("2019-04-10")
    >>> frame.set_index("place").loc["gharyan", "controller"]
    'LNA'
    """
    snap = nearest_snapshot(value)
    control = load_control()
    places = load_places()
    frame = places.merge(control[control["date"] == snap], on="place", suffixes=("", "_control"))
    frame = frame.rename(columns={"sources_control": "control_sources"})
    frame.attrs["snapshot"] = snap
    return frame.reset_index(drop=True)


def changed_hands(date_a: Any, date_b: Any) -> pd.DataFrame:
    """Return the places whose controller differs between two dates' snapshots.

    Examples
    --------
    >>> changed_hands("2019-04-03", "2019-04-10")["place"].tolist()
    ['tripoli-airport', 'gharyan', 'tarhuna', 'mizda']
    """
    before, after = control_on(date_a), control_on(date_b)
    merged = before[["place", "name_en", "name_id", "controller"]].merge(
        after[["place", "controller"]], on="place", suffixes=("_before", "_after")
    )
    merged = merged.rename(columns={"controller_before": "before", "controller_after": "after"})
    changed = merged[merged["before"].astype(str) != merged["after"].astype(str)]
    return changed.reset_index(drop=True)


@functools.lru_cache(maxsize=1)
def _place_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for row in checked_rows("places"):
        for name in (row["place"], row["name_en"], row["name_id"], *split_list(row["variants"])):
            names.setdefault(fold_key(name), row["place"])
    return names


def find_place(name: Any) -> str:
    """Return the key of a place from any of its names or spellings.

    Case, accents, spaces and hyphens do not matter; spelling variants are known.

    Examples
    --------
    >>> find_place("Misurata")
    'misrata'
    >>> find_place("SURT")
    'sirte'
    """
    if not (plain(name) or "").strip():
        raise DataError("data.bad_place", value=name)
    names, name = _place_names(), plain(name)
    key = fold_key(name)
    if key in names:
        return names[key]
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    suggestion = ", ".join(sorted({names[c] for c in close})) or "-"
    raise DataError("data.unknown_place", value=name, suggestions=suggestion)


def distance_km(place_a: str, place_b: str) -> float:
    """Return the great-circle (haversine) distance between two places, in km.

    Examples
    --------
    >>> round(distance_km("Tripoli", "Misurata"))
    187
    """
    coords = load_places().set_index("place")[["lat", "lon"]]
    (lat1, lon1), (lat2, lon2) = coords.loc[find_place(place_a)], coords.loc[find_place(place_b)]
    return haversine_km(lat1, lon1, lat2, lon2)


def localize(frame: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Keep the current language's columns of a table: ``name_en``/``name_id`` become ``name``.

    A claim whose verdict is empty (an added article's claim, waiting for the teacher) gets the
    verdict "not yet checked" in the chosen language.

    Examples
    --------
    >>> localize(load_claims(), lang="id").columns.tolist()[:4]
    ['claim', 'sentence', 'text', 'verdict']
    """
    lang = get_language(lang)
    if not isinstance(frame, pd.DataFrame):
        raise DataError("data.not_a_table", value=frame)
    mine = f"_{lang}"
    others = tuple(f"_{other}" for other in LANGUAGES if f"_{other}" != mine)
    kept = frame[[c for c in frame.columns if not (isinstance(c, str) and c.endswith(others))]]
    kept = kept.rename(columns={c: c[: -len(mine)] for c in kept.columns if isinstance(c, str) and c.endswith(mine)})
    return _label_unchecked(kept, lang)


def _label_unchecked(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Say "not yet checked" where a claim's verdict is empty (a row of an added article's claims sheet).

    Examples
    --------
    >>> claims = pd.DataFrame({"claim": ["c-p01-s01"], "verdict": [None]})
    >>> _label_unchecked(claims, "id")["verdict"].tolist()
    ['belum diperiksa']
    """
    if "verdict" not in frame.columns:
        return frame
    verdict = frame["verdict"]
    empty = verdict.isna() | (verdict.astype(str).str.strip() == "")
    if not empty.any():
        return frame
    frame = frame.copy()
    frame["verdict"] = verdict.astype(object).where(~empty, t("data.not_yet_checked", lang=lang))
    return frame


def _main(argv: list[str] | None = None) -> int:
    """``python -m helpers.data validate``: print every problem in data/ (exit 1 if any)."""
    args = sys.argv[1:] if argv is None else argv
    if args != ["validate"]:
        print("usage: python -m helpers.data validate")
        return 2
    problems = validate_all()
    for problem in problems:
        print(problem)
    print(
        f"{len(problems)} problem(s)"
        if problems
        else "data package valid (shape; `python -m kit_teacher.validate` also checks the sources)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(_main())
