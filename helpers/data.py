"""Load the kit's facts from ``data/`` as tidy pandas DataFrames, validated on first load.

One descriptor, ``data/datapackage.json`` (a Frictionless Data Package), drives validation: for
every table it lists the fields, their types and constraints (required, unique, enum, pattern,
minimum/maximum), the primary key and the foreign keys. Two kit-specific field properties extend
it: ``kit:list`` (a ``;``-separated list) and ``kit:references`` (what each list item must name:
``places``, ``actors``, ``sentences`` or ``sources-or-sentences``).

A broken file raises :class:`DataError` with one message naming the file, the row (counted from
the first data row, with the line number in the file), the field and the problem::

    data/control.csv row 14 (line 15): controller 'GNAA' is not one of GNA, LNA, contested, other

Tables are cached per process; every loader returns a copy, so changing it in a notebook never
changes what the next cell loads.

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

import csv
import difflib
import functools
import json
import math
import re
import unicodedata
from datetime import date as _date
from typing import Any

import pandas as pd

from .i18n import get_language, t
from .paths import data_dir

__all__ = [
    "DataError",
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
    "load_attribution",
    "load_borders",
    "validate_all",
    "split_list",
    "nearest_snapshot",
    "control_on",
    "changed_hands",
    "distance_km",
    "find_place",
    "describe_sources",
    "sentence_coverage",
    "coverage_figure",
    "overview",
    "find_row",
    "localize",
]

EARTH_RADIUS_KM = 6371.0088
#: Tables whose rows count as facts for the sentence-coverage figure.
FACT_TABLES = ("actors", "places", "control", "backing", "events", "claims", "glossary")


class DataError(ValueError):
    """A data file is missing or malformed, or a student asked for something the data lacks."""


def _rel(path: str) -> str:
    return f"data/{path}"


@functools.lru_cache(maxsize=1)
def _package() -> dict[str, Any]:
    path = data_dir() / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError("data/datapackage.json is missing") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"data/datapackage.json: not valid JSON (line {exc.lineno}: {exc.msg})") from None


def _resource(name: str) -> dict[str, Any]:
    for res in _package()["resources"]:
        if res["name"] == name:
            return res
    raise DataError(f"data/datapackage.json has no resource named {name!r}")


def split_list(value: Any) -> list[str]:
    """Split a ``;``-separated cell into its items (empty cell: empty list).

    Examples
    --------
    >>> split_list("tripoli;gharyan")
    ['tripoli', 'gharyan']
    >>> split_list("")
    []
    """
    if not isinstance(value, str) or not value.strip():
        return []
    return [item.strip() for item in value.split(";") if item.strip()]


def _read_rows(res: dict[str, Any]) -> list[dict[str, str]]:
    """Read a CSV resource and check each row against its schema (single-file checks)."""
    rel = _rel(res["path"])
    path = data_dir() / res["path"]
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            raw = list(csv.reader(handle, strict=True))
    except FileNotFoundError:
        raise DataError(f"{rel} is missing") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise DataError(f"{rel}: cannot be read as UTF-8 CSV ({exc})") from None
    if not raw:
        raise DataError(f"{rel} is empty: it needs a header row")
    header, body = raw[0], raw[1:]
    fields = res["schema"]["fields"]
    names = [fld["name"] for fld in fields]
    missing = [n for n in names if n not in header]
    if missing:
        raise DataError(f"{rel} line 1: missing column(s) {', '.join(missing)}")
    extra = [h for h in header if h not in names]
    if extra:
        raise DataError(f"{rel} line 1: unknown column(s) {', '.join(extra)} (not in datapackage.json)")
    rows, seen_unique, seen_key = [], {}, {}
    pk = res["schema"].get("primaryKey", [])
    for n, cells in enumerate(body, start=1):
        where = f"{rel} row {n} (line {n + 1})"
        if len(cells) != len(header):
            raise DataError(f"{where}: expected {len(header)} fields, found {len(cells)} (a stray comma or quote?)")
        row = dict(zip(header, cells))
        for fld in fields:
            _check_cell(where, fld, row[fld["name"]], seen_unique)
        if pk:
            key = tuple(row[k] for k in pk)
            if key in seen_key:
                raise DataError(f"{where}: {'+'.join(pk)} {'/'.join(key)!r} repeats row {seen_key[key]}")
            seen_key[key] = n
        rows.append(row)
    return rows


def _check_cell(where: str, fld: dict[str, Any], value: str, seen: dict[str, dict[str, int]]) -> None:
    name, cons = fld["name"], fld.get("constraints", {})
    if not value.strip():
        if cons.get("required"):
            raise DataError(f"{where}: {name} is empty, and it is required")
        return
    kind = fld.get("type", "string")
    if kind == "number":
        try:
            number = float(value)
        except ValueError:
            raise DataError(f"{where}: {name} {value!r} is not a number") from None
        if "minimum" in cons and number < cons["minimum"] or "maximum" in cons and number > cons["maximum"]:
            raise DataError(f"{where}: {name} {value} is outside {cons.get('minimum')}..{cons.get('maximum')}")
    elif kind == "date":
        try:
            _date.fromisoformat(value)
        except ValueError:
            raise DataError(f"{where}: {name} {value!r} is not a date in the form YYYY-MM-DD") from None
    if "enum" in cons and value not in cons["enum"]:
        raise DataError(f"{where}: {name} {value!r} is not one of {', '.join(cons['enum'])}")
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
        raise DataError(f"{where}: {name} {value!r} does not match the pattern {cons['pattern']}")
    if cons.get("unique"):
        column = seen.setdefault(name, {})
        if value in column:
            raise DataError(f"{where}: {name} {value!r} repeats row {column[value]}")
        column[value] = int(where.split(" row ")[1].split(" ")[0])


@functools.lru_cache(maxsize=None)
def _rows(name: str) -> tuple[dict[str, str], ...]:
    return tuple(_read_rows(_resource(name)))


@functools.lru_cache(maxsize=1)
def _sentence_ids() -> frozenset[str]:
    from .articles import sentences

    return frozenset(sentences()["sentence"])


def _check_references(name: str) -> None:
    """Foreign keys and list references of one table (cross-file checks)."""
    res = _resource(name)
    rel = _rel(res["path"])
    rows = _rows(name)
    targets = {
        "places": lambda: {r["place"] for r in _rows("places")},
        "actors": lambda: {r["actor"] for r in _rows("actors")},
        "sentences": _sentence_ids,
        "sources-or-sentences": lambda: {r["source"] for r in _rows("sources")} | _sentence_ids(),
    }
    for fk in res["schema"].get("foreignKeys", []):
        ref = fk["reference"]
        known = {tuple(r[f] for f in ref["fields"]) for r in _rows(ref["resource"])}
        for n, row in enumerate(rows, start=1):
            value = tuple(row[f] for f in fk["fields"])
            if value not in known:
                raise DataError(
                    f"{rel} row {n} (line {n + 1}): {'+'.join(fk['fields'])} {'/'.join(value)!r} "
                    f"is not in data/{_resource(ref['resource'])['path']}"
                )
    for fld in res["schema"]["fields"]:
        ref = fld.get("kit:references")
        if not ref:
            continue
        known = targets[ref]()
        for n, row in enumerate(rows, start=1):
            items = split_list(row[fld["name"]]) if fld.get("kit:list") else [row[fld["name"]]]
            for item in items:
                if item and item not in known:
                    what = {"sentences": "an article sentence id", "places": "a key of data/places.csv",
                            "actors": "a key of data/actors.csv",
                            "sources-or-sentences": "a key of data/sources.csv nor an article sentence id"}[ref]
                    raise DataError(f"{rel} row {n} (line {n + 1}): {fld['name']} {item!r} is not {what}"
                                    .replace("is not a key of data/sources.csv nor", "is neither a key of data/sources.csv nor"))


def _frame(name: str) -> pd.DataFrame:
    res = _resource(name)
    _check_references(name)
    frame = pd.DataFrame(list(_rows(name)), columns=[f["name"] for f in res["schema"]["fields"]])
    for fld in res["schema"]["fields"]:
        col, kind = fld["name"], fld.get("type", "string")
        if kind == "number":
            frame[col] = pd.to_numeric(frame[col])
        elif kind == "date":
            frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d")
        elif "enum" in fld.get("constraints", {}):
            frame[col] = pd.Categorical(frame[col], categories=fld["constraints"]["enum"])
    return frame


@functools.lru_cache(maxsize=None)
def _cached(name: str) -> pd.DataFrame:
    return _frame(name)


def _loader(name: str, doc: str):
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
load_attribution = _loader("attribution", "who says so, sentence by sentence (data/articles/attribution.csv)")


def _load_geojson(name: str) -> dict[str, Any]:
    res = _resource(name)
    rel = _rel(res["path"])
    try:
        content = json.loads((data_dir() / res["path"]).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{rel} is missing") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{rel}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if content.get("type") != "FeatureCollection" or not isinstance(content.get("features"), list):
        raise DataError(f"{rel}: expected a GeoJSON FeatureCollection")
    return content


@functools.lru_cache(maxsize=1)
def _zones() -> dict[str, Any]:
    zones = _load_geojson("zones")
    dates = {r["date"] for r in _rows("snapshots")}
    for n, feature in enumerate(zones["features"], start=1):
        props = feature.get("properties") or {}
        where = f"data/zones.geojson feature {n}"
        if props.get("date") not in dates:
            raise DataError(f"{where}: date {props.get('date')!r} is not a snapshot date")
        if props.get("controller") not in ("GNA", "LNA", "contested", "other"):
            raise DataError(f"{where}: controller {props.get('controller')!r} is not one of GNA, LNA, contested, other")
        if props.get("approximate") is not True:
            raise DataError(f"{where}: approximate must be true")
        if not split_list(props.get("sources")):
            raise DataError(f"{where}: sources is empty, and it is required")
        if (feature.get("geometry") or {}).get("type") not in ("Polygon", "MultiPolygon"):
            raise DataError(f"{where}: geometry must be a Polygon or MultiPolygon")
    return zones


def load_zones() -> dict[str, Any]:
    """Return the approximate zones of control (GeoJSON dict, validated; a deep copy)."""
    return json.loads(json.dumps(_zones()))


@functools.lru_cache(maxsize=1)
def _borders() -> dict[str, Any]:
    return _load_geojson("borders")


def load_borders() -> dict[str, Any]:
    """Return the Natural Earth borders of Libya and its neighbours (GeoJSON dict, a deep copy)."""
    return json.loads(json.dumps(_borders()))


def validate_all() -> list[str]:
    """Check every file of the data package; return all problems found (empty list: all good).

    Examples
    --------
    >>> validate_all()
    []
    """
    problems = []
    for res in _package()["resources"]:
        path = data_dir() / res["path"]
        if not path.exists():
            problems.append(f"data/{res['path']} is missing")
            continue
        try:
            if res.get("profile") == "tabular-data-resource":
                _frame(res["name"])
            elif res["name"] == "zones":
                _zones()
            elif res["name"] == "borders":
                _borders()
        except DataError as exc:
            problems.append(str(exc))
    try:
        _check_control_complete()
    except DataError as exc:
        problems.append(str(exc))
    return list(dict.fromkeys(problems))  # a broken table shows once, not once per table citing it


def _check_control_complete() -> None:
    dates = sorted(r["date"] for r in _rows("snapshots"))
    if len(dates) < 6 or dates[0] > "2019-04-03" or dates[-1] < "2020-10-23":
        raise DataError("data/snapshots.csv: needs at least 6 dates covering 2019-04-03 to 2020-10-23")
    have = {(r["place"], r["date"]) for r in _rows("control")}
    for place in (r["place"] for r in _rows("places") if r["country"] == "LBY"):
        for d in dates:
            if (place, d) not in have:
                raise DataError(f"data/control.csv: no row for place {place!r} on snapshot {d}")


def _to_timestamp(value: Any) -> pd.Timestamp:
    if isinstance(value, (str, _date, pd.Timestamp)) and not (isinstance(value, str) and not value.strip()):
        try:
            stamp = pd.Timestamp(value)
            if not pd.isna(stamp):
                return stamp.normalize()
        except (ValueError, TypeError):
            pass
    raise DataError(t("data.bad_date", value=repr(value)))


def nearest_snapshot(value: Any) -> pd.Timestamp:
    """Return the snapshot date on or before ``value`` (the first snapshot for earlier dates).

    Examples
    --------
    >>> nearest_snapshot("2020-06-10").date().isoformat()
    '2020-06-06'
    >>> nearest_snapshot("2011-01-01").date().isoformat()
    '2019-04-03'
    """
    stamp = _to_timestamp(value)
    dates = sorted(load_snapshots()["date"])
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
    ['tripoli-airport', 'gharyan', 'tarhuna']
    """
    before, after = control_on(date_a), control_on(date_b)
    merged = before[["place", "name_en", "name_id", "controller"]].merge(
        after[["place", "controller"]], on="place", suffixes=("_before", "_after")
    )
    merged = merged.rename(columns={"controller_before": "before", "controller_after": "after"})
    changed = merged[merged["before"].astype(str) != merged["after"].astype(str)]
    return changed.reset_index(drop=True)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in text if not unicodedata.combining(c)).lower())


@functools.lru_cache(maxsize=1)
def _place_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for row in _rows("places"):
        for name in (row["place"], row["name_en"], row["name_id"], *split_list(row["variants"])):
            names.setdefault(_fold(name), row["place"])
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
    if not isinstance(name, str) or not name.strip():
        raise DataError(t("data.bad_place", value=repr(name)))
    names = _place_names()
    key = _fold(name)
    if key in names:
        return names[key]
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    suggestion = ", ".join(sorted({names[c] for c in close})) or "-"
    raise DataError(t("data.unknown_place", value=repr(name), suggestions=suggestion))


def distance_km(place_a: str, place_b: str) -> float:
    """Return the great-circle (haversine) distance between two places, in km.

    Examples
    --------
    >>> round(distance_km("Tripoli", "Misurata"))
    187
    """
    coords = load_places().set_index("place")[["lat", "lon"]]
    (lat1, lon1), (lat2, lon2) = coords.loc[find_place(place_a)], coords.loc[find_place(place_b)]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def describe_sources(value: str, *, lang: str | None = None) -> str:
    """Turn a ``sources`` cell into readable text: "Publisher, date" and sentence ids.

    Examples
    --------
    >>> describe_sources("afp-2020-01-06-sirte;B.p04.s02", lang="en")
    'Agence France-Presse (AFP) (copy on Proto Thema), 2020-01-06; article sentence B.p04.s02'
    """
    lang = lang or get_language()
    table = {r["source"]: r for r in _rows("sources")}
    parts = []
    for item in split_list(value):
        if item in table:
            parts.append(f"{table[item]['publisher']}, {table[item]['date']}")
        else:
            parts.append(t("data.article_sentence", lang=lang, sentence=item))
    return "; ".join(parts)


def sentence_coverage() -> pd.DataFrame:
    """For every non-boilerplate sentence, the fact rows (actors, places, control, backing, events,
    claims, glossary) that cite it in ``sentences``, ``sentence`` or ``sources``.

    Examples
    --------
    >>> cov = sentence_coverage()
    >>> bool(cov["cited_by"].map(len).gt(0).all())
    True
    """
    from .articles import sentences

    table = sentences()
    table = table[table["kind"] != "boilerplate"]
    cited: dict[str, list[str]] = {sid: [] for sid in table["sentence"]}
    for name in FACT_TABLES:
        res = _resource(name)
        key = res["schema"]["primaryKey"]
        for row in _rows(name):
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


_OVERVIEW = ("sources", "actors", "places", "snapshots", "control", "backing", "events", "claims", "glossary",
             "article_meta", "translation_en", "attribution")


def overview(*, lang: str | None = None) -> pd.DataFrame:
    """Load every table once and list it: file, rows, columns and what it holds (current language).

    Examples
    --------
    >>> bool(overview(lang="en").set_index("file").loc["data/places.csv", "rows"] >= 30)
    True
    """
    lang = lang or get_language()
    rows = []
    for name in _OVERVIEW:
        res = _resource(name)
        frame = _cached(name)
        rows.append({t("data.col.file", lang=lang): f"data/{res['path']}",
                     t("data.col.rows", lang=lang): len(frame),
                     t("data.col.columns", lang=lang): len(frame.columns),
                     t("data.col.holds", lang=lang): t(f"data.table.{name}", lang=lang)})
    zones = _zones()
    rows.append({t("data.col.file", lang=lang): "data/zones.geojson",
                 t("data.col.rows", lang=lang): len(zones["features"]),
                 t("data.col.columns", lang=lang): len(zones["features"][0]["properties"]) if zones["features"] else 0,
                 t("data.col.holds", lang=lang): t("data.table.zones", lang=lang)})
    return pd.DataFrame(rows)


_ROW_TABLES = ("actors", "places", "control", "backing", "events", "claims", "glossary", "snapshots", "sources")


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
        raise DataError(t("data.bad_row_ref", value=repr(ref)))
    table, _, key = ref.partition(":")
    if table not in _ROW_TABLES:
        raise DataError(t("data.bad_row_ref", value=repr(ref)))
    res = _resource(table)
    fields = res["schema"]["primaryKey"]
    parts = key.split("@")
    for row in _rows(table):
        if [row[f] for f in fields] == parts:
            return dict(row, _file=f"data/{res['path']}")
    raise DataError(t("data.unknown_row", value=repr(ref), file=f"data/{res['path']}"))


def localize(frame: pd.DataFrame, *, lang: str | None = None) -> pd.DataFrame:
    """Keep the current language's columns of a table: ``name_en``/``name_id`` become ``name``.

    Examples
    --------
    >>> localize(load_claims(), lang="id").columns.tolist()[:4]
    ['claim', 'sentence', 'text', 'verdict']
    """
    lang = lang or get_language()
    other = "_id" if lang == "en" else "_en"
    mine = "_en" if lang == "en" else "_id"
    kept = frame[[c for c in frame.columns if not c.endswith(other)]]
    return kept.rename(columns={c: c[: -len(mine)] for c in kept.columns if c.endswith(mine)})


def _main(argv: list[str] | None = None) -> int:
    """``python -m helpers.data validate``: print every problem in data/ (exit 1 if any)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if args != ["validate"]:
        print("usage: python -m helpers.data validate")
        return 2
    problems = validate_all()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else
          f"data package valid; sentence coverage by facts: {coverage_figure():.0%}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(_main())
