"""Mutation test of data/: each deliberate breakage of a copy ends in a DataError naming file, row and field.

Every breakage is applied to a fresh copy of ``data/`` (the ``data_copy`` fixture of conftest.py).
The test then asserts that

- ``find_problems()`` (what ``python -m helpers.data validate`` prints) holds a DataError whose
  ``file``, ``row`` and ``field`` are the ones broken (``row`` None: the file as a whole; row 0:
  the header; in GeoJSON, the feature number);
- its message names the file in both languages, and the two languages differ;
- the loader of the broken file raises that same DataError (not a raw Python error).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import helpers
from helpers import articles, charts, data, maps

ROOT = Path(__file__).resolve().parent.parent

# --- ways to break a file -------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_csv(path: Path, records: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")


def set_cell(name: str, row: int, field: str, value: str) -> Callable[[Path], None]:
    """Set one cell (row counted from the first data row, as DataError counts)."""

    def mutate(root: Path) -> None:
        records = read_csv(root / name)
        records[row][records[0].index(field)] = value
        write_csv(root / name, records)

    return mutate


def copy_row(name: str, source: int, target: int) -> Callable[[Path], None]:
    """Overwrite row ``target`` with a copy of row ``source`` (a repeated key)."""

    def mutate(root: Path) -> None:
        records = read_csv(root / name)
        records[target] = list(records[source])
        write_csv(root / name, records)

    return mutate


def drop_row(name: str, row: int) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        records = read_csv(root / name)
        del records[row]
        write_csv(root / name, records)

    return mutate


def drop_cell(name: str, row: int) -> Callable[[Path], None]:
    """Make a row ragged: one field fewer than the header."""

    def mutate(root: Path) -> None:
        records = read_csv(root / name)
        records[row] = records[row][:-1]
        write_csv(root / name, records)

    return mutate


def rename_column(name: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        records = read_csv(root / name)
        records[0][records[0].index(old)] = new
        write_csv(root / name, records)

    return mutate


def add_column(name: str, column: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        records = read_csv(root / name)
        write_csv(root / name, [records[0] + [column]] + [r + [""] for r in records[1:]])

    return mutate


def keep_rows(name: str, count: int) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        write_csv(root / name, read_csv(root / name)[: count + 1])

    return mutate


def write_text(name: str, text: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / name).write_text(text, encoding="utf-8")

    return mutate


def replace_text(name: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        text = (root / name).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        (root / name).write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def reencode(name: str, encoding: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / name).write_bytes((root / name).read_text(encoding="utf-8").encode(encoding, errors="replace"))

    return mutate


def delete(name: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / name).unlink()

    return mutate


def edit_json(name: str, change: Callable[[Any], Any]) -> Callable[[Path], None]:
    """Apply ``change`` to the parsed JSON (it may edit in place or return a replacement)."""

    def mutate(root: Path) -> None:
        content = json.loads((root / name).read_text(encoding="utf-8"))
        result = change(content)
        (root / name).write_text(json.dumps(content if result is None else result), encoding="utf-8")

    return mutate


def feature(n: int, change: Callable[[dict], Any]) -> Callable[[Any], None]:
    """Change feature ``n`` (counted from 1, as DataError counts) of a FeatureCollection in place."""

    def apply(content: dict) -> None:
        change(content["features"][n - 1])

    return apply


def replace_feature(n: int, value: Any) -> Callable[[Any], None]:
    def apply(content: dict) -> None:
        content["features"][n - 1] = value

    return apply


def set_path(obj: dict, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        obj = obj[key]
    obj[last] = value


def set_first_point(feature: dict, point: list) -> None:
    """Replace the first [lon, lat] pair of a Polygon or MultiPolygon."""
    coords = feature["geometry"]["coordinates"]
    ring = coords[0][0] if feature["geometry"]["type"] == "MultiPolygon" else coords[0]
    ring[0] = point


# --- the breakages ----------------------------------------------------------------------------------

ZONES, BORDERS = "zones.geojson", "natural-earth/libya_and_neighbours.geojson"
ARTICLE_A, ARTICLE_B = "articles/A-original.txt", "articles/B-original.txt"
TRANSLATION = "articles/translation_en.csv"

LOADERS: dict[str, Callable[[], Any]] = {
    "sources.csv": data.load_sources,
    "actors.csv": data.load_actors,
    "places.csv": data.load_places,
    "snapshots.csv": data.load_snapshots,
    "control.csv": data.load_control,
    "backing.csv": data.load_backing,
    "events.csv": data.load_events,
    "claims.csv": data.load_claims,
    "glossary.csv": data.load_glossary,
    "articles/metadata.csv": data.load_article_meta,
    TRANSLATION: data.load_translation,
    "articles/gloss_id.csv": data.load_gloss,
    "articles/attribution.csv": data.load_attribution,
    ZONES: data.load_zones,
    BORDERS: data.load_borders,
    ARTICLE_A: lambda: articles.raw("A"),
    ARTICLE_B: lambda: articles.raw("B"),
}


@dataclass(frozen=True)
class Breakage:
    name: str
    file: str  # relative to data/
    mutate: Callable[[Path], None]
    row: int | None
    field: str | None
    loader_raises: bool = True


BREAKAGES = [
    # GeoJSON: zones
    Breakage("zones-is-a-list", ZONES, write_text(ZONES, "[]"), None, None),
    Breakage("zones-not-json", ZONES, write_text(ZONES, "{not json"), None, None),
    Breakage("zones-features-not-a-list", ZONES, edit_json(ZONES, lambda c: c.update(features={})), None, None),
    Breakage("zones-feature-is-a-string", ZONES, edit_json(ZONES, replace_feature(2, "a zone")), 2, None),
    Breakage(
        "zones-coordinates-are-text",
        ZONES,
        edit_json(ZONES, feature(3, lambda f: set_path(f, "geometry.coordinates", "13.1,32.9"))),
        3,
        "geometry.coordinates",
    ),
    Breakage(
        "zones-point-is-text",
        ZONES,
        edit_json(ZONES, feature(1, lambda f: set_path(f, "geometry.coordinates", [[[["13", "32"]] * 4]]))),
        1,
        "geometry.coordinates",
    ),
    Breakage("zones-no-geometry", ZONES, edit_json(ZONES, feature(4, lambda f: f.pop("geometry"))), 4, "geometry"),
    Breakage(
        "zones-point-geometry",
        ZONES,
        edit_json(ZONES, feature(5, lambda f: f.update(geometry={"type": "Point", "coordinates": [13, 32]}))),
        5,
        "geometry",
    ),
    Breakage(
        "zones-ring-of-three",
        ZONES,
        edit_json(ZONES, feature(1, lambda f: set_path(f, "geometry.coordinates", [[[[13, 32], [14, 32], [13, 32]]]]))),
        1,
        "geometry.coordinates",
    ),
    Breakage(
        "zones-properties-null",
        ZONES,
        edit_json(ZONES, feature(6, lambda f: f.update(properties=None))),
        6,
        "properties",
    ),
    Breakage(
        "zones-controller-enum",
        ZONES,
        edit_json(ZONES, feature(2, lambda f: set_path(f, "properties.controller", "GNAA"))),
        2,
        "controller",
    ),
    Breakage(
        "zones-not-approximate",
        ZONES,
        edit_json(ZONES, feature(1, lambda f: set_path(f, "properties.approximate", "yes"))),
        1,
        "approximate",
    ),
    Breakage(
        "zones-date-not-a-snapshot",
        ZONES,
        edit_json(ZONES, feature(7, lambda f: set_path(f, "properties.date", "2019-05-01"))),
        7,
        "date",
    ),
    Breakage(
        "zones-date-with-time-zone",
        ZONES,
        edit_json(ZONES, feature(7, lambda f: set_path(f, "properties.date", "2020-06-06T00:00Z"))),
        7,
        "date",
    ),
    Breakage(
        "zones-mathtext",
        ZONES,
        edit_json(ZONES, feature(1, lambda f: set_path(f, "properties.note_en", r"$\alert$"))),
        1,
        "note_en",
    ),
    Breakage("zones-latin1", ZONES, lambda root: (root / ZONES).write_bytes(b'{"type": "caf\xe9"}'), None, None),
    # GeoJSON: Natural Earth borders
    Breakage("borders-is-a-list", BORDERS, write_text(BORDERS, "[]"), None, None),
    Breakage("borders-feature-is-a-string", BORDERS, edit_json(BORDERS, replace_feature(3, "Libya")), 3, None),
    Breakage(
        "borders-coordinates-are-text",
        BORDERS,
        edit_json(BORDERS, feature(2, lambda f: set_path(f, "geometry.coordinates", "lots"))),
        2,
        "geometry.coordinates",
    ),
    Breakage(
        "borders-no-geometry", BORDERS, edit_json(BORDERS, feature(1, lambda f: f.pop("geometry"))), 1, "geometry"
    ),
    Breakage(
        "borders-nan-coordinate",
        BORDERS,
        edit_json(BORDERS, feature(4, lambda f: set_first_point(f, [float("nan"), 20.0]))),
        4,
        "geometry.coordinates",
    ),
    Breakage(
        "borders-no-iso-code",
        BORDERS,
        edit_json(BORDERS, feature(5, lambda f: f["properties"].pop("iso_a3"))),
        5,
        "iso_a3",
    ),
    # Encodings
    Breakage("actors-latin1", "actors.csv", reencode("actors.csv", "latin-1"), 5, "name_en"),
    Breakage("sources-cp1252", "sources.csv", reencode("sources.csv", "cp1252"), 3, "title"),
    Breakage("glossary-latin1", "glossary.csv", reencode("glossary.csv", "latin-1"), 34, "definition_en"),
    Breakage("translation-cp1252", TRANSLATION, reencode(TRANSLATION, "cp1252"), 22, "text"),
    Breakage("article-a-latin1", ARTICLE_A, reencode(ARTICLE_A, "latin-1"), None, None),
    # Numbers
    Breakage("lat-nan", "places.csv", set_cell("places.csv", 4, "lat", "nan"), 4, "lat"),
    Breakage("lon-inf", "places.csv", set_cell("places.csv", 2, "lon", "inf"), 2, "lon"),
    Breakage("lat-out-of-range", "places.csv", set_cell("places.csv", 1, "lat", "132.8872"), 1, "lat"),
    Breakage("lat-decimal-comma", "places.csv", set_cell("places.csv", 3, "lat", "32,8"), 3, "lat"),
    Breakage("lat-empty", "places.csv", set_cell("places.csv", 6, "lat", ""), 6, "lat"),
    # Snapshots and dates
    Breakage("snapshots-header-only", "snapshots.csv", keep_rows("snapshots.csv", 0), None, "date"),
    Breakage("snapshots-too-few", "snapshots.csv", keep_rows("snapshots.csv", 3), None, "date"),
    Breakage(
        "snapshot-impossible-date", "snapshots.csv", set_cell("snapshots.csv", 2, "date", "2019-04-31"), 2, "date"
    ),
    Breakage(
        "control-date-with-time-zone", "control.csv", set_cell("control.csv", 1, "date", "2019-04-03T00:00Z"), 1, "date"
    ),
    Breakage(
        "metadata-date-with-offset",
        "articles/metadata.csv",
        set_cell("articles/metadata.csv", 2, "published", "2020-01-09T10:00+07:00"),
        2,
        "published",
    ),
    Breakage("events-date-as-words", "events.csv", set_cell("events.csv", 3, "date", "June 2020"), 3, "date"),
    # Articles and their side tables
    Breakage("article-a-missing", ARTICLE_A, delete(ARTICLE_A), None, None),
    Breakage("article-b-changed", ARTICLE_B, replace_text(ARTICLE_B, "Sirte", "Surt"), None, None, loader_raises=False),
    Breakage("translation-ragged", TRANSLATION, drop_cell(TRANSLATION, 4), 4, "text"),
    Breakage(
        "translation-unknown-sentence", TRANSLATION, set_cell(TRANSLATION, 2, "sentence", "A.p99.s01"), 2, "sentence"
    ),
    Breakage("gloss-repeats-sentence", "articles/gloss_id.csv", copy_row("articles/gloss_id.csv", 1, 2), 2, "sentence"),
    Breakage(
        "attribution-mode-enum",
        "articles/attribution.csv",
        set_cell("articles/attribution.csv", 3, "mode", "rumour"),
        3,
        "mode",
    ),
    # Mathtext in names and titles that reach charts
    Breakage("actor-name-mathtext", "actors.csv", set_cell("actors.csv", 1, "name_en", r"$\alert$"), 1, "name_en"),
    Breakage("actor-name-template", "actors.csv", set_cell("actors.csv", 2, "name_en", "{{ 7*7 }}"), 2, "name_en"),
    Breakage(
        "event-title-mathtext",
        "events.csv",
        set_cell("events.csv", 5, "title_id", r"Serangan $\frac{1}{0}$ dimulai"),
        5,
        "title_id",
    ),
    Breakage("place-name-mathtext", "places.csv", set_cell("places.csv", 7, "name_id", "$x$ kota"), 7, "name_id"),
    Breakage(
        "snapshot-label-mathtext",
        "snapshots.csv",
        set_cell("snapshots.csv", 1, "label_en", r"$\mathdefault{x}$"),
        1,
        "label_en",
    ),
    # Table structure and keys
    Breakage("control-enum", "control.csv", set_cell("control.csv", 1, "controller", "GNAA"), 1, "controller"),
    Breakage("actors-empty-key", "actors.csv", set_cell("actors.csv", 1, "actor", ""), 1, "actor"),
    Breakage("actors-repeated-key", "actors.csv", copy_row("actors.csv", 1, 2), 2, "actor"),
    Breakage("places-key-pattern", "places.csv", set_cell("places.csv", 2, "place", "Tripoli City"), 2, "place"),
    Breakage("control-unknown-place", "control.csv", set_cell("control.csv", 9, "place", "atlantis"), 9, "place"),
    Breakage("control-missing-row", "control.csv", drop_row("control.csv", 1), None, "place"),
    Breakage("backing-unknown-actor", "backing.csv", set_cell("backing.csv", 1, "backer", "uea"), 1, "backer"),
    Breakage(
        "events-unknown-source", "events.csv", set_cell("events.csv", 4, "sources", "reuters-2099-sirte"), 4, "sources"
    ),
    Breakage(
        "claims-unknown-sentence", "claims.csv", set_cell("claims.csv", 1, "sentence", "A.p01.s09"), 1, "sentence"
    ),
    Breakage(
        "glossary-renamed-column", "glossary.csv", rename_column("glossary.csv", "term_en", "english"), 0, "term_en"
    ),
    Breakage(
        "places-renamed-column", "places.csv", rename_column("places.csv", "variants", "spellings"), 0, "variants"
    ),
    Breakage("places-extra-column", "places.csv", add_column("places.csv", "population"), 0, "population"),
    Breakage(
        "sources-unclosed-quote",
        "sources.csv",
        replace_text("sources.csv", "notizie-2020-01-11,Notizie.it,", 'notizie-2020-01-11,"Notizie.it,'),
        7,
        "publisher",
    ),
    Breakage("events-missing", "events.csv", delete("events.csv"), None, None),
    Breakage("actors-empty-file", "actors.csv", write_text("actors.csv", ""), None, None),
]


def _find(problems: list[data.DataError], file: str, row: int | None, field: str | None) -> data.DataError | None:
    for problem in problems:
        if (problem.file, problem.row, problem.field) == (file, row, field):
            return problem
    return None


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.name for b in BREAKAGES])
def test_breakage_names_file_row_and_field(data_copy, breakage):
    breakage.mutate(data_copy)
    file = f"data/{breakage.file}"
    problems = data.find_problems()
    found = _find(problems, file, breakage.row, breakage.field)
    assert found is not None, [repr(p) for p in problems]
    english, indonesian = found.message("en"), found.message("id")
    assert file in english and file in indonesian and english != indonesian
    if breakage.field:
        assert breakage.field in english and breakage.field in indonesian
    if breakage.row:
        assert re.search(rf"\b{breakage.row}\b", english) and re.search(rf"\b{breakage.row}\b", indonesian)
    assert str(found) in data.validate_all()
    if breakage.loader_raises:
        with pytest.raises(data.DataError) as info:
            LOADERS[breakage.file]()
        assert (info.value.file, info.value.row, info.value.field) == (file, breakage.row, breakage.field)


def test_there_are_at_least_thirty_distinct_breakages():
    assert len({b.name for b in BREAKAGES}) == len(BREAKAGES) >= 30


def test_messages_follow_the_language_in_force(data_copy):
    set_cell("control.csv", 1, "controller", "GNAA")(data_copy)
    helpers.set_language("id")
    with pytest.raises(data.DataError, match=r"data/control\.csv baris data 1 .*bukan salah satu dari"):
        data.load_control()


# --- one broken file does not take the others down ------------------------------------------------


@pytest.mark.parametrize(
    "mutate",
    [
        delete(ARTICLE_A),
        reencode(ARTICLE_A, "latin-1"),
        drop_cell(TRANSLATION, 4),
        write_text(TRANSLATION, "sentence,text\nA.p01.s01\n"),
    ],
    ids=["article-missing", "article-latin1", "translation-ragged", "translation-short"],
)
def test_unrelated_loaders_survive_a_broken_article_file(data_copy, mutate):
    mutate(data_copy)
    assert len(data.load_places()) >= 30
    assert len(data.load_control()) > 0 and len(data.load_events()) > 0 and len(data.load_claims()) > 0
    assert data.control_on("2020-06-10").set_index("place").loc["tarhuna", "controller"] == "GNA"
    with pytest.raises(data.DataError):
        articles.sentences()


def test_a_bom_is_read(data_copy):
    for name in ("places.csv", "control.csv", ZONES):
        path = data_copy / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert data.validate_all() == []
    assert data.load_places().columns[0] == "place"
    assert data.load_zones()["features"]


def test_control_on_with_header_only_snapshots_is_a_data_error(data_copy):
    keep_rows("snapshots.csv", 0)(data_copy)
    with pytest.raises(data.DataError) as info:
        data.control_on("2020-06-10")
    assert (info.value.file, info.value.field) == ("data/snapshots.csv", "date")


def test_show_uses_the_validated_loaders(data_copy):
    set_cell("actors.csv", 2, "type", "wizard")(data_copy)
    with pytest.raises(data.DataError) as info:
        articles.show("A")._repr_html_()
    assert (info.value.file, info.value.row, info.value.field) == ("data/actors.csv", 2, "type")


def test_validate_command_reports_a_breakage(data_copy):
    set_cell("places.csv", 4, "lat", "nan")(data_copy)
    env = {"KIT_ROOT": str(data_copy.parent), "PATH": "/usr/bin:/bin", "KIT_LANG": "id"}
    out = subprocess.run(
        [sys.executable, "-m", "helpers.data", "validate"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert out.returncode == 1, out.stdout + out.stderr
    assert "data/places.csv baris data 4 (baris 5 di berkas): lat 'nan' bukan angka" in out.stdout


# --- dates with a time zone are accepted wherever a student gives a date ---------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2020-06-10T00:00Z",
        "2020-06-10T23:30+07:00",
        pd.Timestamp("2020-06-10", tz="UTC"),
        dt.datetime(2020, 6, 10, 12, tzinfo=dt.timezone.utc),
        dt.date(2020, 6, 10),
    ],
)
def test_dates_with_a_time_zone_are_accepted(value):
    assert data.nearest_snapshot(value) == pd.Timestamp("2020-06-06")
    assert data.control_on(value).set_index("place").loc["tarhuna", "controller"] == "GNA"
    assert len(data.changed_hands(value, "2020-01-07")) > 0


def test_charts_and_maps_take_dates_with_a_time_zone():
    fig = charts.timeline("2019-01-01T00:00Z", pd.Timestamp("2020-12-31", tz="Asia/Jakarta"), lang="en")
    assert "2019-01-01" in fig.alt_text
    assert maps.control_map("2020-06-10T00:00Z", lang="en", tiles=False) is not None
