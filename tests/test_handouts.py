"""Printable handouts (`make handouts`): every PDF exists with its pages and text, and no student sheet gives an answer.

The PDFs are built once into a temporary folder with Chromium and read back with poppler's
``pdftotext`` and ``pdfinfo``; without either tool the tests are skipped, with the reason.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import articles, data, exercises, quiz
from helpers.quiz_kinds import KINDS
from tools import handouts

# Full tier only: prints every worksheet, key and map to PDF with Chromium.
pytestmark = pytest.mark.full

ROOT = Path(__file__).resolve().parent.parent
LESSONS = handouts.lessons()
MATERIALS = [
    "5w1h",
    "article-a",
    "article-b",
    "calendar-2020-01",
    "actors",
    "sentence-frames",
    "exit-ticket",
    "maps",
    "glossary",
    "timeline",
]
# Pages each material must have (min, max): one-page sheets stay one page.
PAGES = {
    "5w1h": (1, 1),
    "calendar-2020-01": (1, 1),
    "sentence-frames": (1, 1),
    "exit-ticket": (1, 1),
    "timeline": (1, 1),
    "maps": (7, 7),  # one snapshot a page (issue 25: symbols 3 mm, legend 9 pt)
    "glossary": (1, 3),
    "actors": (1, 3),
    "article-a": (1, 4),
    "article-b": (1, 4),
}
NO_BROWSER = "Chromium is not installed (as root: apt-get install -y chromium), so no PDF can be printed"
NO_POPPLER = "poppler-utils is not installed (as root: apt-get install -y poppler-utils), so PDFs cannot be read"


def flat(text: str) -> str:
    """Whitespace and hyphens removed, so text wrapped at a space or a hyphen compares equal."""
    return re.sub(r"[\s\-\u2010\u00ad]+", "", str(text))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    if handouts.find_chromium() is None:
        pytest.skip(NO_BROWSER)
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip(NO_POPPLER)
    out = tmp_path_factory.mktemp("handouts")
    # as `make handouts` does, in a process of its own: Playwright's sync API refuses to start inside
    # a pytest session whose browser tests already run an event loop
    subprocess.run(
        [sys.executable, "-m", "tools.handouts", "--out", str(out)], cwd=ROOT, check=True, capture_output=True
    )
    return out


def pdf_raw(path: Path) -> str:
    return flat(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)


def pdf_stream(path: Path) -> str:
    """The text in the order it was written (``-raw``): a table cell's lines stay together."""
    return flat(
        subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    )


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, flags=re.MULTILINE).group(1))


def expected_files() -> list[str]:
    return [f"{lesson}-{kind}" for lesson in LESSONS for kind in ("worksheet", "key")] + MATERIALS


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_handout_exists_with_its_pages(built, lang):
    for stem in expected_files():
        path = built / lang / f"{stem}.pdf"
        assert path.exists() and path.stat().st_size > 1000, f"{lang}/{stem}.pdf was not printed"
        low, high = PAGES.get(stem, (1, 6))
        assert low <= pages(path) <= high, f"{lang}/{stem}.pdf has {pages(path)} pages, expected {low}-{high}"
        assert b"/StructTreeRoot" in path.read_bytes(), f"{lang}/{stem}.pdf is not tagged"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_worksheets_and_keys_carry_every_question(built, lang):
    for lesson in LESSONS:
        sheet = pdf_raw(built / lang / f"{lesson}-worksheet.pdf")
        key = pdf_raw(built / lang / f"{lesson}-key.pdf")
        for q in quiz.load(lesson, lang=lang).questions.values():
            start = flat(q.text[lang])[:40]
            assert start in sheet, f"{lang}/{lesson}-worksheet.pdf lacks question {q.id}: {start!r}"
            assert start in key, f"{lang}/{lesson}-key.pdf lacks question {q.id}"
            assert flat(q.explanation[lang])[:40] in key, f"{lang}/{lesson}-key.pdf lacks the reason of {q.id}"
        for ex in exercises.all_exercises():
            if ex.lesson == lesson:
                assert ex.id in sheet and ex.id in key, f"{lesson}: exercise {ex.id} missing from a sheet"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_materials_hold_the_kits_data(built, lang):
    text = {stem: pdf_raw(built / lang / f"{stem}.pdf") for stem in MATERIALS}
    for article, stem in (("A", "article-a"), ("B", "article-b")):
        table = articles.sentences(article)
        for sid in table.loc[table["kind"] != "boilerplate", "sentence"]:
            assert sid in text[stem], f"{lang}/{stem}.pdf lacks sentence {sid}"
    for term in data.load_glossary()[f"term_{lang}"]:
        assert flat(term)[:25] in text["glossary"], f"{lang}/glossary.pdf lacks {term!r}"
    for title in data.load_events()[f"title_{lang}"]:
        assert flat(title)[:25] in text["timeline"], f"{lang}/timeline.pdf lacks {title!r}"
    for day in data.load_snapshots()["date"]:
        assert flat(handouts.date_text(day, lang)) in text["maps"], f"{lang}/maps.pdf lacks the map of {day.date()}"
    assert flat("300 km") in text["maps"]
    for word in handouts.words("weekdays", lang):
        assert flat(word) in text["calendar-2020-01"]
    for name in data.load_actors()[f"name_{lang}"]:
        assert flat(name)[:20] in text["actors"], f"{lang}/actors.pdf lacks {name!r}"
    assert all(flat(handouts.words(k, lang)) in text["5w1h"] for k in ("w_what", "w_who", "w_why", "w_how"))


@pytest.mark.parametrize("lang", ["en", "id"])
def test_human_cost_figures_say_who_counted_and_who_was_blamed(built, lang):
    """Issue 23: every human-cost figure on lesson 05's worksheet names its counter, and every account
    of who was blamed, by whom, and the denial is printed whole, in the sheet's language."""
    sheet = pdf_stream(built / lang / "05-timeline-worksheet.pdf")
    frame = data.load_human_cost()
    for counter in frame[f"counter_{lang}"]:
        assert flat(counter)[:30] in sheet, f"{lang}: the counter {counter!r} is missing"
    for blame in frame[f"attribution_{lang}"]:
        if isinstance(blame, str) and blame:
            assert flat(blame)[:40] in sheet and flat(blame)[-40:] in sheet, f"{lang}: {blame[:60]!r} is missing"
    assert flat(handouts.words("h_blame", lang)) in sheet


def answers(lesson: str, lang: str) -> list[tuple[str, str]]:
    """(what, text) pairs a student sheet of ``lesson`` must never show."""
    out = []
    for q in quiz.load(lesson, lang=lang).questions.values():
        out.append((f"reason of {q.id}", flat(q.explanation[lang])[:50]))
        keyed = flat(KINDS[q.type].key(q, lang))
        # a bare number (a year: 2011) is in the articles and tables the sheet prints; where the
        # question leaves its answer line blank is checked in test_student_sheets_give_no_answer
        bare = q.type == "numeric" and re.fullmatch(r"[\d.,]+", keyed)
        if q.type in ("multiple", "ordering", "matching", "numeric") and len(keyed) > 3 and not bare:
            out.append((f"key of {q.id}", keyed))
    for ex in exercises.all_exercises():
        if ex.lesson != lesson:
            continue
        for line in ex.solution.splitlines():
            line = line.strip()
            if len(line) > 15 and not line.startswith(("import ", "from ")):
                out.append((f"solution line of {ex.id}", flat(line)))
        value = ex.expected()
        if isinstance(value, float):
            out.append((f"value of {ex.id}", f"{value:.1f}"))
    return out


STUDENT_SHEETS = ["5w1h", "article-a", "article-b", "calendar-2020-01", "actors", "sentence-frames", "exit-ticket"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_student_sheets_give_no_answer(built, lang):
    label = flat("Answer:" if lang == "en" else "Jawaban:")
    for lesson in LESSONS:
        sheet = pdf_raw(built / lang / f"{lesson}-worksheet.pdf")
        assert label not in sheet, f"{lang}/{lesson}-worksheet.pdf prints '{label}'"
        for what, text in answers(lesson, lang):
            assert text not in sheet, f"{lang}/{lesson}-worksheet.pdf shows the {what}: {text!r}"
        # a written-answer question leaves its line blank: the key is not printed after the question
        for q in quiz.load(lesson, lang=lang).questions.values():
            if q.type in ("text", "numeric"):
                after = sheet.split(flat(q.text[lang])[:40], 1)[1][:120]
                assert flat(KINDS[q.type].key(q, lang)) not in after, f"{lesson} {q.id}: the answer is printed"
    every = [a for lesson in LESSONS for a in answers(lesson, lang)]
    for stem in STUDENT_SHEETS:
        text = pdf_raw(built / lang / f"{stem}.pdf")
        for what, answer in every:
            if what.startswith(("reason", "solution")):
                assert answer not in text, f"{lang}/{stem}.pdf shows the {what}"
    actors = pdf_raw(built / lang / "actors.pdf")
    for kind in ("armed_force", "armed_group", "legislature"):
        assert flat(kind) not in actors, f"{lang}/actors.pdf fills in the type '{kind}' students must find"
    # the type and side columns of the students' actors sheet are empty cells
    sheet = handouts.materials(lang)["actors"]()
    rows = re.findall(r"<tr>(.*?)</tr>", sheet)[1:]
    assert rows and all(r.count('<td class="fill"></td>') == 2 for r in rows), (
        f"{lang}/actors: type and side must be left blank"
    )


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_answer_check_would_catch_a_leak(built, lang):
    """The no-answer check is not vacuous: a key page fails it."""
    lesson = "03-mapping-control"
    key = pdf_raw(built / lang / f"{lesson}-key.pdf")
    assert any(text in key for _, text in answers(lesson, lang))


def test_every_handout_word_exists_in_both_languages():
    strings = yaml.safe_load((ROOT / "lessons" / "handouts" / "strings.yml").read_text(encoding="utf-8"))
    for name, entry in strings.items():
        assert isinstance(name, str), f"lessons/handouts/strings.yml: key {name!r} must be quoted text"
        assert set(entry) == {"en", "id"}, f"lessons/handouts/strings.yml: '{name}' has {sorted(entry)}"
        if isinstance(entry["en"], list):
            assert len(entry["en"]) == len(entry["id"]), (
                f"lessons/handouts/strings.yml: '{name}' lists differ in length"
            )


def test_make_handouts_target_and_ci_package():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nhandouts: $(STAMP_TEST)\n\t$(PY) -m tools.handouts" in makefile
    assert "make handouts" in makefile
    assert "poppler-utils" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
