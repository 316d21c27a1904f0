"""Every figure the lessons' prose quotes agrees with the data it describes.

The lessons are written by hand in ``notebooks/src/{en,id}/NN-slug.md``; the facts live in
``data/``. When a fact changes (Tripoli's coordinates, a snapshot date, a count of rows), prose
that quoted the old value would silently disagree. These tests find the figures in the prose with
regular expressions and recompute each from the data:

- distances in km, checked against ``helpers.data.distance_km`` for the places named in the same
  paragraph (Indonesian writes decimal commas: "79,7 km");
- full dates ("6 June 2020", "6 Juni 2020"), which must be dates the data knows (a snapshot, an
  event, an article's date, a human-cost period, a statement of ``voices.csv``), and the dates the
  code passes to the map functions, which must be snapshot dates;
- counts written as words ("two rows", "lima pemerintah"), each mapped to the rule that computes it.

A figure the tests cannot place makes them fail: add a rule, or fix the prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from helpers import data
from helpers.paths import lesson_of

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "notebooks" / "src"
LANGS = ("en", "id")

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
}
NUMBER_WORDS = {
    "en": {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10},
    "id": {
        "dua": 2,
        "tiga": 3,
        "empat": 4,
        "lima": 5,
        "enam": 6,
        "tujuh": 7,
        "delapan": 8,
        "sembilan": 9,
        "sepuluh": 10,
    },
}
APPROX = {
    "en": ("about", "close to", "around", "roughly", "nearly"),
    "id": ("sekitar", "mendekati", "kira-kira", "hampir"),
}
#: figures the prose quotes from the articles themselves or from arithmetic, not from data/
QUOTED_KM = {
    "100": "article A's own figure (A.p16.s01)",
    "1.609": "1 mile in km",
    "1,609": "1 mile in km (Indonesian decimal comma)",
}


def lesson_sources() -> list[tuple[str, str, str]]:
    """(lang, lesson, text) for every MyST source (``lesson``: the slug, whatever the edition's file name)."""
    return [
        (lang, lesson_of(path.stem) or path.stem, path.read_text(encoding="utf-8"))
        for lang in LANGS
        for path in sorted((SRC / lang).glob("*.md"))
    ]


def paragraphs(text: str) -> list[str]:
    """Blocks of text separated by blank lines (markdown paragraphs and code cells alike)."""
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


def to_float(figure: str, lang: str) -> float:
    """Read a figure written in the edition's convention (decimal comma in Indonesian)."""
    if lang == "id":
        return float(figure.replace(".", "").replace(",", "."))
    return float(figure.replace(",", ""))


def _place_names() -> dict[str, str]:
    places = data.load_places()
    names: dict[str, str] = {}
    for _, row in places.iterrows():
        for column in ("name_en", "name_id", "place"):
            if column in places.columns and isinstance(row[column], str) and len(row[column]) > 3:
                names[row[column]] = row["place"]
    return names


def places_named(block: str) -> list[str]:
    """Keys of the places whose name occurs in a block of text."""
    found = []
    for name, key in _place_names().items():
        if re.search(rf"\b{re.escape(name)}\b", block) and key not in found:
            found.append(key)
    return found


KM = re.compile(r"(\d+(?:[.,]\d+)?)\s?km\b")


def km_problems(lang: str, lesson: str, text: str) -> list[str]:
    problems = []
    blocks = paragraphs(text)
    for index, block in enumerate(blocks):
        # a figure may refer to places named earlier in its section (the exercise above a "Discuss")
        start = max([i for i in range(index + 1) if blocks[i].lstrip().startswith("#")], default=0)
        context = "\n\n".join(blocks[start : index + 1])
        for match in KM.finditer(block):
            figure = match.group(1)
            if figure in QUOTED_KM:
                continue
            value = to_float(figure, lang)
            before = block[max(0, match.start() - 25) : match.start()].lower()
            approx = any(word in before for word in APPROX[lang])
            decimals = len(figure.split("," if lang == "id" else ".")[1]) if re.search(r"[.,]", figure) else 0
            places = places_named(context)
            distances = [data.distance_km(a, b) for i, a in enumerate(places) for b in places[i + 1 :]]
            tolerance = 1.0 if approx else 0.5 * 10**-decimals
            if not any(abs(value - d) <= tolerance + 1e-9 for d in distances):
                shown = ", ".join(f"{d:.1f}" for d in distances) or "no two places named"
                problems.append(f"{lang}/{lesson}: '{figure} km' matches no distance in its paragraph ({shown})")
    return problems


def known_dates() -> set[str]:
    """Every date the data knows: snapshots, events, articles, human-cost periods, voices."""
    dates: set[str] = set(data.load_snapshots()["date"].astype(str))
    dates |= set(data.load_events()["date"].astype(str))
    meta = data.load_article_meta()
    for column in ("published", "published_earliest", "published_latest"):
        dates |= set(meta[column].astype(str))
    human = data.load_human_cost()
    dates |= set(human["start"].astype(str)) | set(human["end"].astype(str))
    voices_path = ROOT / "data" / "voices.csv"
    if voices_path.exists():
        dates |= set(pd.read_csv(voices_path, dtype=str)["date"])
    corroboration_path = ROOT / "data" / "corroboration.csv"
    if corroboration_path.exists():
        dates |= set(pd.read_csv(corroboration_path, dtype=str)["date"])
    return {d[:10] for d in dates if isinstance(d, str)}


def full_dates(lang: str, text: str) -> list[tuple[str, str]]:
    """(as written, ISO date) for each 'D Month YYYY' in the text."""
    names = "|".join(MONTHS[lang])
    out = []
    for match in re.finditer(rf"\b(\d{{1,2}}) ({names}) ((?:19|20)\d\d)\b", text):
        day, month, year = match.groups()
        iso = f"{year}-{MONTHS[lang].index(month) + 1:02d}-{int(day):02d}"
        out.append((match.group(0), iso))
    return out


MAP_CALL = re.compile(r"(?:control_map|control_map_static|compare)\(([^)]*)\)")


def _five_governments() -> int:
    claims = data.load_claims().set_index("claim")
    explanation = str(claims.loc["a10-issuer", "explanation_en"])
    words = NUMBER_WORDS["en"]
    match = re.search(rf"\b({'|'.join(words)}) governments\b", explanation)
    assert match and match.group(1) in words, "claim a10-issuer no longer counts the governments"
    return words[match.group(1)]


def _wagner_report_and_denial() -> int:
    backing = data.load_backing()
    rows = backing[(backing.backer == "russia") & (backing.support == "fighters_mercenaries")]
    return len(rows)


def _places_in_article_a() -> int:
    places = data.load_places()
    return int(places.sentences.astype(str).str.contains("A.p", regex=False).sum())


def _tajoura_death_counts() -> int:
    human = data.load_human_cost()
    return int((human.measure == "detainees_killed").sum())


#: (lesson, noun pattern per language, rule computing the count, what it counts)
COUNT_RULES: list[tuple[str, dict[str, str], Callable[[], int]]] = [
    ("01-reading-the-news", {"en": "governments", "id": "pemerintah"}, _five_governments),
    ("06-sources-and-claims", {"en": "governments", "id": "pemerintah"}, _five_governments),
    ("00-start-here", {"en": "places", "id": "tempat"}, _places_in_article_a),
    ("05-timeline", {"en": "rows", "id": "baris"}, _tajoura_death_counts),
    ("06-sources-and-claims", {"en": r"\*\*rows|rows", "id": r"\*\*baris|baris"}, _wagner_report_and_denial),
]
#: counts in words that are not figures from data/, with the reason
COUNT_NOT_DATA = {
    ("02-who-is-who", "en", "two governments"): "a summary of the conflict, not a count of rows",
    ("02-who-is-who", "id", "dua pemerintahan"): "a summary of the conflict, not a count of rows",
    ("01-reading-the-news", "id", "tiga baris"): "an example's three made-up lines, not data",
    ("06-sources-and-claims", "en", "two sentences"): "the length of a student's answer, not data",
    ("06-sources-and-claims", "id", "dua kalimat"): "the length of a student's answer, not data",
    ("00-start-here", "en", "two places"): "what a distance is between (any two places), not a count",
    ("00-start-here", "id", "dua tempat"): "what a distance is between (any two places), not a count",
    ("00-start-here", "en", "five places"): "an exercise's instruction (keep five rows), not a fact",
    ("00-start-here", "en", "five rows"): "an exercise's instruction, not a fact",
    ("00-start-here", "id", "lima baris"): "an exercise's instruction, not a fact",
    ("00-start-here", "id", "tiga baris"): "what head(3) keeps, not a fact",
    ("00-start-here", "id", "lima tempat"): "an exercise's instruction (keep five rows), not a fact",
}
COUNT_NOUNS = {
    "en": r"(?:\*\*)?(places|towns|rows|sources|backers|governments|states|events|sentences)",
    "id": r"(?:\*\*)?(tempat|kota|baris|sumber|pendukung|pemerintah|pemerintahan|negara|peristiwa|kalimat)",
}


HUMAN_WORDS = {
    "en": ("killed", "injured", "displaced", "fled", "detention", "schools", "children", "civilians"),
    "id": ("tewas", "terluka", "mengungsi", "meninggalkan rumah", "penahanan", "sekolah", "anak", "warga sipil"),
}
#: integers, with the edition's thousands separator ("150,000" / "150.000")
INTEGER = {
    "en": re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.,]\d)"),
    "id": re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d{3})+|\d+)(?![\w.,]\d)"),
}
DATE_WORDS = "|".join(MONTHS["en"] + MONTHS["id"])


def human_figure_problems(lang: str, lesson: str, text: str) -> list[str]:
    """Numbers in prose about casualties, displacement, detention or schools that no human-cost row has."""
    values = {int(v) for v in data.load_human_cost()["value"]}
    problems = []
    for block in paragraphs(text):
        if block.lstrip().startswith(("```", ":id:")) or not any(w in block.lower() for w in HUMAN_WORDS[lang]):
            continue
        prose = re.sub(r"`[^`]*`", " ", block)
        prose = re.sub(rf"\b(?:\d{{1,2}}-)?\d{{1,2}} (?:{DATE_WORDS})\b", " ", prose)  # the day(s) of a date
        prose = re.sub(r"\b\d{1,2}\.(?=\s)", " ", prose)  # list numbers
        for match in INTEGER[lang].finditer(prose):
            number = int(match.group(1).replace(",", "").replace(".", ""))
            if 1900 <= number <= 2100 or number < 10:  # a year, or a small count written as a digit
                continue
            if number not in values:
                problems.append(f"{lang}/{lesson}: {match.group(1)} is in no row of data/human_cost.csv")
    return problems


@pytest.mark.parametrize(("lang", "lesson", "text"), lesson_sources(), ids=lambda v: v if len(v) < 40 else "")
def test_human_cost_figures_in_prose_match_the_data(lang: str, lesson: str, text: str) -> None:
    assert human_figure_problems(lang, lesson, text) == []


@pytest.mark.parametrize(("lang", "lesson", "text"), lesson_sources(), ids=lambda v: v if len(v) < 40 else "")
def test_distances_in_prose_match_the_data(lang: str, lesson: str, text: str) -> None:
    assert km_problems(lang, lesson, text) == []


def test_the_gharyan_distance_is_the_one_the_lessons_quote() -> None:
    # the lessons say "about 80 km": the data must round there
    assert abs(data.distance_km("Tripoli", "Gharyan") - 80) <= 1


@pytest.mark.parametrize(("lang", "lesson", "text"), lesson_sources(), ids=lambda v: v if len(v) < 40 else "")
def test_dates_in_prose_are_dates_the_data_knows(lang: str, lesson: str, text: str) -> None:
    known = known_dates()
    unknown = [written for written, iso in full_dates(lang, text) if iso not in known]
    assert unknown == [], f"{lang}/{lesson}: dates no table records: {unknown}"


@pytest.mark.parametrize(("lang", "lesson", "text"), lesson_sources(), ids=lambda v: v if len(v) < 40 else "")
def test_map_calls_use_snapshot_dates(lang: str, lesson: str, text: str) -> None:
    snapshots = set(data.load_snapshots()["date"].astype(str))
    for call in MAP_CALL.finditer(text):
        for date in re.findall(r"\d{4}-\d\d-\d\d", call.group(1)):
            assert date in snapshots, f"{lang}/{lesson}: {call.group(0)} is not a snapshot date"


@pytest.mark.parametrize(("lang", "lesson", "text"), lesson_sources(), ids=lambda v: v if len(v) < 40 else "")
def test_counts_in_words_match_their_rule(lang: str, lesson: str, text: str) -> None:
    words = NUMBER_WORDS[lang]
    pattern = re.compile(rf"\b({'|'.join(words)}) {COUNT_NOUNS[lang]}\b", re.IGNORECASE)
    for match in pattern.finditer(text):
        if (lesson, lang, match.group(0).lower()) in COUNT_NOT_DATA:
            continue
        said = words[match.group(1).lower()]
        rules = [
            rule
            for name, nouns, rule in COUNT_RULES
            if name == lesson and re.fullmatch(nouns[lang], match.group(2).lower())
        ]
        assert rules, f"{lang}/{lesson}: no rule computes '{match.group(0)}'; add one to COUNT_RULES"
        assert any(rule() == said for rule in rules), f"{lang}/{lesson}: '{match.group(0)}' disagrees with the data"


def test_the_checker_catches_a_wrong_distance_and_a_wrong_date() -> None:
    assert km_problems("en", "x", "Gharyan is about 81 km from Tripoli.")  # 79.7 km in the data
    assert km_problems("en", "x", "Gharyan is about 80 km from Tripoli.") == []
    assert km_problems("en", "x", "Gharyan is 95 km from Tripoli.")
    assert km_problems("id", "x", "Gharyan berjarak 79,7 km dari Tripoli.") == []
    assert km_problems("id", "x", "Gharyan berjarak 81,1 km dari Tripoli.")
    assert ("10 June 2020", "2020-06-10") in full_dates("en", "on 10 June 2020")
    assert "2020-06-10" not in known_dates()
    assert human_figure_problems("en", "x", "UNSMIL counted 106 civilians killed and 252 injured.") == []
    assert human_figure_problems("en", "x", "UNSMIL counted 107 civilians killed.")
    assert human_figure_problems("id", "x", "sekitar 150.000 orang mengungsi") == []
    assert human_figure_problems("id", "x", "sekitar 150.001 orang mengungsi")
