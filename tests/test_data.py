"""The data package: valid, sourced, consistent, fully cited; broken copies fail with clear messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.path import Path as MplPath

import helpers
from helpers import articles, data

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def broken(data_copy):
    """A copy of data/ the test may corrupt (see tests/conftest.py)."""
    return data_copy


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_package_validates():
    assert data.validate_all() == []


def test_datapackage_is_up_to_date():
    out = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "datapackage.py"), "--check"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_descriptor_lists_every_file_and_the_files_exist():
    package = json.loads((ROOT / "data" / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package"
    paths = {res["path"] for res in package["resources"]}
    on_disk = {
        str(p.relative_to(ROOT / "data"))
        for p in (ROOT / "data").rglob("*")
        if p.is_file() and p.name not in {"datapackage.json", "README.md"}
    }
    assert on_disk == paths
    for res in package["resources"]:
        assert res["licenses"] and res["description"] and res["hash"].startswith("sha256:")


@pytest.mark.parametrize(
    "name",
    [
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
        "translation",
        "attribution",
    ],
)
def test_every_table_loads_as_a_dataframe(name):
    frame = getattr(data, f"load_{name}")()
    assert isinstance(frame, pd.DataFrame) and len(frame) > 0


def test_every_fact_row_has_a_source():
    for loader in (
        data.load_actors,
        data.load_places,
        data.load_snapshots,
        data.load_control,
        data.load_backing,
        data.load_events,
        data.load_claims,
        data.load_glossary,
    ):
        frame = loader()
        assert frame["sources"].map(data.split_list).map(len).gt(0).all(), loader.__name__
    for feature in data.load_zones()["features"]:
        assert data.split_list(feature["properties"]["sources"])


def test_minimum_content():
    assert len(data.load_places()) >= 30
    assert len(data.load_events()) >= 30
    assert len(data.load_snapshots()) >= 6
    backers = set(data.load_backing()["backer"])
    assert {
        "uae",
        "jordan",
        "egypt",
        "france",
        "russia",
        "wagner",
        "turkey",
        "qatar",
        "italy",
        "sudanese-fighters",
        "chadian-fighters",
        "syrian-fighters-gna",
        "syrian-fighters-lna",
        "saudi-arabia",
    } <= backers
    events = data.load_events()
    assert events["date"].min().year == 2011 and events["date"].max().year == 2021


def test_denials_are_recorded_as_claims_beside_the_reports():
    backing = data.load_backing()
    wagner = backing[(backing["backer"].isin(["russia", "wagner"])) & (backing["support"] == "fighters_mercenaries")]
    assert {"reported_un", "denied"} <= set(wagner["status"].astype(str))
    claims = data.load_claims()
    assert "disputed" in set(claims.loc[claims["sentence"] == "B.p08.s01", "verdict"].astype(str))


def test_every_non_boilerplate_sentence_is_cited_by_a_fact(capsys):
    from kit_teacher.validate import coverage_figure, sentence_coverage

    figure = coverage_figure()
    cov = sentence_coverage()
    with capsys.disabled():
        print(f"\n[data] sentence coverage by facts: {figure:.0%} of {len(cov)} non-boilerplate sentences")
    assert figure == 1.0, cov[cov["cited_by"].map(len) == 0]["sentence"].tolist()


def test_every_body_sentence_has_a_checked_claim():
    table = articles.sentences()
    body = set(table.loc[table["kind"] == "body", "sentence"])
    assert body <= set(data.load_claims()["sentence"])


def test_high_confidence_places_lie_in_a_zone_of_their_controller():
    places = data.load_places().set_index("place")
    zones = data.load_zones()["features"]
    control = data.load_control()
    problems = []
    for row in control[control["confidence"] == "high"].itertuples():
        point = (places.loc[row.place, "lon"], places.loc[row.place, "lat"])
        day = row.date.date().isoformat()
        inside = {
            f["properties"]["controller"]
            for f in zones
            if f["properties"]["date"] == day
            and any(MplPath(poly[0]).contains_point(point) for poly in f["geometry"]["coordinates"])
        }
        if inside != {row.controller}:
            problems.append(f"{row.place} {day}: controller {row.controller}, inside zones {sorted(inside)}")
    assert not problems, "\n".join(problems)


def test_zones_are_marked_approximate():
    for feature in data.load_zones()["features"]:
        assert feature["properties"]["approximate"] is True


def test_loaders_return_copies():
    first = data.load_places()
    first.loc[0, "name_en"] = "changed"
    assert data.load_places().loc[0, "name_en"] != "changed"


def test_types():
    control = data.load_control()
    assert str(control["date"].dtype).startswith("datetime64")
    assert isinstance(control["controller"].dtype, pd.CategoricalDtype)
    assert data.load_places()["lat"].dtype == float


BROKEN = [
    (
        "control.csv",
        "tripoli,2019-04-03,GNA",
        "tripoli,2019-04-03,GNAA",
        r"data/control\.csv row 1 \(line 2\): controller 'GNAA' is not one of GNA, LNA, contested, other",
    ),
    (
        "places.csv",
        "32.8752,13.1875",
        "132.8752,13.1875",
        r"data/places\.csv row 1 \(line 2\): lat 132\.8752 is outside",
    ),
    (
        "places.csv",
        "32.8752,13.1875",
        "north,13.1875",
        r"data/places\.csv row 1 \(line 2\): lat 'north' is not a number",
    ),
    (
        "snapshots.csv",
        "2019-04-10,",
        "2019-04-31,",
        r"data/snapshots\.csv row 2 \(line 3\): date '2019-04-31' is not a date",
    ),
    ("actors.csv", "haftar,Khalifa Haftar", ",Khalifa Haftar", r"data/actors\.csv row 1 \(line 2\): actor is empty"),
    ("actors.csv", "lna,Libyan", "haftar,Libyan", r"data/actors\.csv row 2 \(line 3\): actor 'haftar' repeats row 1"),
    (
        "control.csv",
        "gharyan,2019-04-03",
        "atlantis,2019-04-03",
        r"data/control\.csv row \d+ \(line \d+\): place 'atlantis' is not in data/places\.csv",
    ),
    (
        "backing.csv",
        "uae,LNA,drones_air_support",
        "uea,LNA,drones_air_support",
        r"data/backing\.csv row 1 \(line 2\): backer 'uea' is not in data/actors\.csv",
    ),
    (
        "events.csv",
        "afp-2020-01-06-sirte",
        "reuters-2099-sirte",
        r"data/events\.csv row \d+ \(line \d+\): sources 'reuters-2099-sirte' is neither a key of data/sources\.csv nor an article sentence id",
    ),
    (
        "claims.csv",
        "a01-order,A.p01.s01",
        "a01-order,A.p01.s09",
        r"data/claims\.csv row 1 \(line 2\): sentence 'A\.p01\.s09' is not an article sentence id",
    ),
    ("glossary.csv", "term,term_en", "term,english", r"data/glossary\.csv line 1: missing column\(s\) term_en"),
    (
        "sources.csv",
        "article-a,Liputan6.com,",
        'article-a,"Liputan6.com,',
        r"data/sources\.csv.*(expected 7 fields|cannot be read)",
    ),
]


@pytest.mark.parametrize("filename,old,new,message", BROKEN, ids=[b[0] + ":" + b[2][:20] for b in BROKEN])
def test_broken_copies_fail_with_file_row_and_field(broken, filename, old, new, message):
    edit(broken / filename, old, new)
    problems = data.validate_all()
    assert any(__import__("re").search(message, p) for p in problems), problems


def test_loader_raises_one_clear_error(broken):
    edit(broken / "control.csv", "tripoli,2019-04-03,GNA", "tripoli,2019-04-03,GNAA")
    with pytest.raises(data.DataError, match=r"data/control\.csv row 1 \(line 2\): controller 'GNAA'") as info:
        data.load_control()
    assert (info.value.file, info.value.row, info.value.field, info.value.line) == (
        "data/control.csv",
        1,
        "controller",
        2,
    )
    assert "bukan salah satu dari GNA, LNA" in info.value.message("id")


def test_bad_zones_json(broken):
    (broken / "zones.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(data.DataError, match=r"data/zones\.geojson: not valid JSON"):
        data.load_zones()


def test_zone_without_approximate_flag(broken):
    zones = json.loads((broken / "zones.geojson").read_text())
    zones["features"][0]["properties"]["approximate"] = False
    (broken / "zones.geojson").write_text(json.dumps(zones))
    with pytest.raises(data.DataError, match=r"feature 1: approximate must be true"):
        data.load_zones()


def test_missing_file(broken):
    (broken / "events.csv").unlink()
    assert "data/events.csv is missing" in data.validate_all()


def test_queries():
    assert data.nearest_snapshot("2020-06-10").date().isoformat() == "2020-06-06"
    assert data.nearest_snapshot(pd.Timestamp("2019-04-03")).date().isoformat() == "2019-04-03"
    assert data.control_on("2020-06-10").set_index("place").loc["tarhuna", "controller"] == "GNA"
    assert data.control_on("2020-01-07").set_index("place").loc["sirte", "controller"] == "LNA"
    moved = data.changed_hands("2020-01-07", "2020-06-06")
    assert {"sabratha", "surman", "al-watiya", "tarhuna", "tripoli-airport"} <= set(moved["place"])
    assert 79 < data.distance_km("Tripoli", "Garyan") < 81
    assert data.find_place("misurata") == "misrata" and data.find_place("Surt") == "sirte"


@pytest.mark.parametrize("bad", [None, 3, "", "not a date", ["2020-01-01"]])
def test_bad_dates_are_friendly(bad):
    with pytest.raises(data.DataError, match="2020-06-10"):
        data.nearest_snapshot(bad)


@pytest.mark.parametrize("bad", [None, 3, "", "Atlantis"])
def test_bad_places_are_friendly(bad):
    with pytest.raises(data.DataError, match="Gharyan|data/places.csv"):
        data.find_place(bad)
    helpers.set_language("id")
    with pytest.raises(data.DataError, match="Gharyan|Kit tidak mengenal"):
        data.find_place(bad)


def test_close_matches_are_suggested():
    with pytest.raises(data.DataError, match="gharyan"):
        data.find_place("Gharyon")


def test_validate_commands():
    """The shape check (in the student package) and the authors' full check (shape and traceability)."""
    out = subprocess.run([sys.executable, "-m", "helpers.data", "validate"], capture_output=True, text=True)
    assert out.returncode == 0 and "data package valid" in out.stdout and "kit_teacher.validate" in out.stdout
    out = subprocess.run([sys.executable, "-m", "kit_teacher.validate"], capture_output=True, text=True)
    assert out.returncode == 0 and "sources traceable" in out.stdout and "100%" in out.stdout
