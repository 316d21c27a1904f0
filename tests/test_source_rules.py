"""The traceability rules (kit_teacher/source_rules.py): the real data passes, and each rule fires on a broken copy."""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import pytest

from kit_teacher import validate
from kit_teacher.source_rules import source_rule_errors, source_rule_problems

DATA = Path(__file__).resolve().parent.parent / "data"


def real_tables() -> dict[str, list[dict[str, str]]]:
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    tables = {}
    for res in package["resources"]:
        if res.get("profile") == "tabular-data-resource":
            with open(DATA / res["path"], encoding="utf-8", newline="") as handle:
                tables[res["name"]] = list(csv.DictReader(handle))
    zones = json.loads((DATA / "zones.geojson").read_text(encoding="utf-8"))
    tables["zones"] = [feature["properties"] for feature in zones["features"]]
    return tables


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict[str, str]]]:
    return real_tables()


def test_the_real_data_breaks_no_rule(tables):
    assert source_rule_errors(tables) == []


def test_every_source_has_an_address_and_most_a_real_title(tables):
    sources = tables["sources"]
    assert all(row["url"].strip() for row in sources)
    bracketed = [row["source"] for row in sources if row["title"].startswith("[")]
    assert len(bracketed) <= 3, bracketed


def test_backing_keeps_denials_beside_reports(tables):
    backing = tables["backing"]
    denied = [row for row in backing if row["status"] == "denied"]
    assert {row["backer"] for row in denied} >= {"uae", "france", "russia", "sudan"}


def row_index(rows, **match):
    return next(i for i, row in enumerate(rows) if all(row[k] == v for k, v in match.items()))


def broken(tables, name, index, **changes):
    copy_ = copy.deepcopy(tables)
    copy_[name][index].update(changes)
    return source_rule_errors(copy_)


def test_bracketed_title_without_a_reason_fires(tables):
    i = row_index(tables["sources"], source="unpoe-2021")
    errors = broken(tables, "sources", i, title="[a UN report]", note="A report of the Panel.")
    assert any(
        f"data/sources.csv row {i + 1} (line {i + 2}): title '[a UN report]' is in brackets" in e for e in errors
    )


def test_bracketed_title_with_a_reason_passes(tables):
    i = row_index(tables["sources"], source="unpoe-2021")
    errors = broken(tables, "sources", i, title="[a UN report]", note="The kit could not confirm its title.")
    assert errors == []


def test_missing_address_fires(tables):
    i = row_index(tables["sources"], source="unpoe-2021")
    errors = broken(tables, "sources", i, url="  ")
    assert errors == [
        f"data/sources.csv row {i + 1} (line {i + 2}): url is empty; every source needs a working address"
    ]


def test_uncited_source_fires(tables):
    copy_ = copy.deepcopy(tables)
    copy_["sources"].append(
        {
            "source": "nobody-cites-me",
            "publisher": "X",
            "title": "Y",
            "date": "2020",
            "kind": "reference",
            "url": "https://example.org/",
            "note": "",
        }
    )
    n = len(copy_["sources"])
    assert source_rule_errors(copy_) == [
        f"data/sources.csv row {n} (line {n + 1}): source 'nobody-cites-me' is cited by no table; cite it or remove the row"
    ]


def test_stale_control_source_fires_unless_the_note_explains(tables):
    i = row_index(tables["control"], place="tarhuna", date="2020-06-06")
    errors = broken(tables, "control", i, sources="crisisgroup-2019-05-23", note_en="")
    assert any(
        f"data/control.csv row {i + 1} (line {i + 2}): sources: the newest source (2019-05-23)" in e for e in errors
    )
    explained = broken(
        tables, "control", i, sources="crisisgroup-2019-05-23", note_en="Carried forward: no later report found."
    )
    assert explained == []


def test_control_row_without_any_dated_source_fires(tables):
    i = row_index(tables["control"], place="tarhuna", date="2020-06-06")
    errors = broken(tables, "control", i, sources="no-such-source", note_en="")
    assert any("sources has no dated source for tarhuna on 2020-06-06" in e for e in errors)


def test_reported_backing_whose_denial_row_is_missing_fires(tables):
    rows = copy.deepcopy(tables)
    rows["backing"] = [r for r in rows["backing"] if not (r["backer"] == "sudan" and r["status"] == "denied")]
    errors = source_rule_errors(rows)
    assert any(
        "note_en says the backer denied it, but there is no 'denied' row for sudan on the LNA side" in e for e in errors
    )


def test_denial_without_the_report_it_answers_fires(tables):
    i = row_index(tables["backing"], backer="uae", support="weapons_equipment", status="denied")
    errors = broken(tables, "backing", i, support="financial")
    assert any(f"data/backing.csv row {i + 1} (line {i + 2}): status 'denied' answers no report" in e for e in errors)


def test_actor_side_against_the_alignment_rule_fires(tables):
    i = row_index(tables["actors"], actor="russia")
    errors = broken(tables, "actors", i, side="LNA")
    assert errors == [
        f"data/actors.csv row {i + 1} (line {i + 2}): side 'LNA' for russia does not follow the "
        "alignment rule (data/backing.csv gives 'other')"
    ]
    (problem,) = source_rule_problems(
        copy.deepcopy(tables)
        | {"actors": [dict(r, side="LNA") if n == i else r for n, r in enumerate(tables["actors"])]}
    )
    assert (problem.file, problem.row, problem.field) == ("data/actors.csv", i + 1, "side")
    assert "aturan keberpihakan" in problem.message("id")


def test_acknowledged_backer_must_be_aligned(tables):
    i = row_index(tables["actors"], actor="turkey")
    errors = broken(tables, "actors", i, side="other")
    assert any(
        "side 'other' for turkey does not follow the alignment rule (data/backing.csv gives 'GNA')" in e for e in errors
    )


def test_human_cost_period_backwards_fires(tables):
    errors = broken(tables, "human_cost", 0, start="2021-01-01")
    assert any("data/human_cost.csv row 1 (line 2): start 2021-01-01 is after end" in e for e in errors)


def test_article_sentences_count_as_citing_their_article(tables):
    copy_ = copy.deepcopy(tables)
    for rows in copy_.values():
        for row in rows:
            for field in ("sources", "sentences", "sentence"):
                if field in row:
                    row[field] = ";".join(x for x in row[field].split(";") if not x.startswith("A."))
    errors = source_rule_errors(copy_)
    assert any("source 'article-a' is cited by no table" in e for e in errors)


def test_validate_reports_the_rules(data_copy):

    text = (data_copy / "sources.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    i = row_index(rows, source="unpoe-2021")
    rows[i]["url"] = ""
    with (data_copy / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    problems = validate.find_problems()
    assert [(p.file, p.row, p.field) for p in problems] == [("data/sources.csv", i + 1, "url")]
    assert "url is empty" in validate.validate_all()[0]
