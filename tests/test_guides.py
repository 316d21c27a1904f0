"""Teacher guides: honest minute plans that match the README tables, and the sections every guide needs.

A guide's header states its length ("*45 minutes ·", "*45 or 90 minutes ·"; "*45 menit ·" in
Indonesian). Under "Minute by minute" / "Menit demi menit" each plan is a table of rows
``| 0-5 | core | ... |`` (``inti`` in Indonesian) and ``| — | extension | ... |`` (``pengayaan``):
the core rows must run without gap or overlap from minute 0 to the plan's length, and the set of
plan lengths must be the header's and the one every README lesson table gives for that lesson.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.paths import notebook_name

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(p.name for p in (ROOT / "lessons").iterdir() if p.is_dir() and re.match(r"\d\d-", p.name))
README_TABLES = ["README.md", "README.id.md", "lessons/README.md", "lessons/README.id.md"]
WORDS = {
    "en": {
        "unit": "minutes",
        "plan": "## Minute by minute",
        "core": "core",
        "ext": "extension",
        "keep": "## Keeping students' work",
        "support": "## Support and extension",
    },
    "id": {
        "unit": "menit",
        "plan": "## Menit demi menit",
        "core": "inti",
        "ext": "pengayaan",
        "keep": "## Menyimpan pekerjaan siswa",
        "support": "## Remedial dan pengayaan",
    },
}
ROW = re.compile(r"^\|\s*(?P<span>\d+-\d+|—|-)\s*\|\s*(?P<path>[^|]+?)\s*\|(?P<what>.*)\|\s*$")


def header_minutes(text: str, lang: str) -> set[int]:
    """The lengths stated in the guide's first italic line, e.g. {45} or {45, 90}."""
    line = next(line for line in text.splitlines() if line.startswith("*") and WORDS[lang]["unit"] in line)
    return {int(n) for n in re.findall(r"\d+", line.split(WORDS[lang]["unit"])[0])}


def plans(text: str, lang: str) -> list[list[tuple[str, str]]]:
    """Each minute-plan table of the guide, as (span, path) rows."""
    body = text.split(WORDS[lang]["plan"], 1)[1].split("\n## ", 1)[0]
    found: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] | None = None
    for line in body.splitlines():
        match = ROW.match(line)
        if match and match["path"] in (WORDS[lang]["core"], WORDS[lang]["ext"]):
            if current is None:
                current = []
                found.append(current)
            current.append((match["span"], match["path"]))
        elif not line.startswith("|"):
            current = None
    return found


def plan_length(rows: list[tuple[str, str]], lang: str, where: str) -> int:
    """Check the core rows tile 0..end with no gap or overlap, and return end."""
    paths = {path for _, path in rows}
    assert paths <= {WORDS[lang]["core"], WORDS[lang]["ext"]}, f"{where}: unknown path {paths}"
    core = [span for span, path in rows if path == WORDS[lang]["core"]]
    assert core, f"{where}: a plan without core rows"
    at = 0
    for span in core:
        start, end = (int(n) for n in span.split("-"))
        assert start == at, f"{where}: core row {span} should start at minute {at}"
        assert end > start, f"{where}: core row {span} ends before it starts"
        at = end
    for span, path in rows:
        if path == WORDS[lang]["ext"]:
            assert span in ("—", "-"), f"{where}: an extension has no place in the timed path ({span})"
    return at


def readme_minutes(name: str) -> dict[str, set[int]]:
    """Lesson number -> the minutes given in that README's lesson table."""
    out: dict[str, set[int]] = {}
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if re.match(r"\|\s*#\s*\|", line))
    cols = [c.strip() for c in lines[header].strip("|").split("|")]
    col = next(i for i, c in enumerate(cols) if c in ("minutes", "menit"))
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        out[cells[0]] = {int(n) for n in re.findall(r"\d+", cells[col])}
    return out


@pytest.mark.parametrize("lesson", LESSONS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_minute_plans_fill_the_stated_length(lesson, lang):
    where = f"lessons/{lesson}/guide.{lang}.md"
    text = (ROOT / where).read_text(encoding="utf-8")
    found = plans(text, lang)
    assert found, f"{where}: no minute-plan table under '{WORDS[lang]['plan']}'"
    lengths = {plan_length(rows, lang, where) for rows in found}
    assert lengths == header_minutes(text, lang), (
        f"{where}: plans last {sorted(lengths)} minutes, the header says {sorted(header_minutes(text, lang))}"
    )
    assert all(n <= 45 or n % 45 == 0 for n in lengths), (
        f"{where}: a plan of {lengths} does not fit whole 45-minute periods"
    )
    assert any(path == WORDS[lang]["ext"] for rows in found for _, path in rows), f"{where}: no marked extension"


@pytest.mark.parametrize("readme", README_TABLES)
def test_readme_lesson_tables_match_the_guides(readme):
    table = readme_minutes(readme)
    assert set(table) == {lesson[:2] for lesson in LESSONS}, (
        f"{readme}: lessons {sorted(table)} vs guides {[lesson[:2] for lesson in LESSONS]}"
    )
    for lesson in LESSONS:
        for lang in ("en", "id"):
            text = (ROOT / "lessons" / lesson / f"guide.{lang}.md").read_text(encoding="utf-8")
            lengths = {plan_length(rows, lang, lesson) for rows in plans(text, lang)}
            assert table[lesson[:2]] == lengths, (
                f"{readme} gives {sorted(table[lesson[:2]])} minutes for {lesson}; guide.{lang}.md plans {sorted(lengths)}"
            )


def test_the_project_has_a_45_and_a_90_minute_plan():
    for lang in ("en", "id"):
        text = (ROOT / "lessons" / "07-project" / f"guide.{lang}.md").read_text(encoding="utf-8")
        assert {plan_length(rows, lang, "07") for rows in plans(text, lang)} == {45, 90}


@pytest.mark.parametrize("lesson", LESSONS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_guide_says_how_to_keep_work_and_saves_before_long_discussions(lesson, lang):
    text = (ROOT / "lessons" / lesson / f"guide.{lang}.md").read_text(encoding="utf-8")
    assert WORDS[lang]["keep"] in text and WORDS[lang]["support"] in text
    keep = text.split(WORDS[lang]["keep"], 1)[1].split("\n## ", 1)[0]
    assert "10" in keep and "Download" in keep and "JupyterHub" in keep
    body = text.split(WORDS[lang]["plan"], 1)[1].split("\n## ", 1)[0]
    save = "**Save**" if lang == "en" else "**Simpan**"
    talk = (
        ("Discussion", "discussion", "Peer", "Reading Like")
        if lang == "en"
        else ("Diskusi", "diskusi", "Pemeriksaan", "Penilaian teman", "Membaca seperti")
    )
    for rows in re.split(r"\n### ", body):
        saved = False
        for line in rows.splitlines():
            match = ROW.match(line)
            if not match or "-" not in match["span"] or match["span"] in ("—", "-"):
                continue
            start, end = (int(n) for n in match["span"].split("-"))
            saved = saved or save in match["what"]
            if end - start >= 5 and any(w in match["what"].split(":")[0] for w in talk):
                assert saved, f"{lesson}/guide.{lang}.md: the discussion at {match['span']} comes before students save"


def test_the_human_side_guide_has_a_note_on_students_who_lived_through_conflict():
    assert "Students who have lived through conflict" in (ROOT / "lessons/05-timeline/guide.en.md").read_text(
        encoding="utf-8"
    )
    assert "Siswa yang pernah mengalami konflik" in (ROOT / "lessons/05-timeline/guide.id.md").read_text(
        encoding="utf-8"
    )


MAP = {
    "en": (
        "## Curriculum map (Kurikulum Merdeka)",
        [
            "Subjects and phase",
            "Fase ",
            "Capaian pembelajaran (CP)",
            "Tujuan pembelajaran (TP)",
            "Profil Pelajar Pancasila",
            "Diagnostic:",
            "Formative:",
            "Summative:",
        ],
    ),
    "id": (
        "## Pemetaan Kurikulum Merdeka (modul ajar)",
        [
            "Mata pelajaran dan fase",
            "Fase ",
            "Capaian pembelajaran (CP)",
            "Tujuan pembelajaran (TP)",
            "Profil Pelajar Pancasila",
            "Diagnostik:",
            "Formatif:",
            "Sumatif:",
        ],
    ),
}
SUBJECTS = ("Sejarah", "PPKn", "Bahasa Indonesia", "Informatika")
CITED = ("032/H/KR/2024", "009/H/KR/2022", "https://kurikulum.kemdikbud.go.id/")


@pytest.mark.parametrize("lesson", LESSONS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_guide_maps_its_lesson_to_kurikulum_merdeka(lesson, lang):
    where = f"lessons/{lesson}/guide.{lang}.md"
    text = (ROOT / where).read_text(encoding="utf-8")
    head, parts = MAP[lang]
    assert head in text, f"{where}: no '{head}' section"
    section = text.split(head, 1)[1].split("\n## ", 1)[0]
    for part in parts:
        assert part in section, f"{where}: the curriculum map lacks '{part}'"
    assert any(s in section for s in SUBJECTS), f"{where}: the map names none of {SUBJECTS}"
    for ref in CITED:
        assert ref in section, f"{where}: the curriculum map does not cite {ref}"
    tps = re.findall(r"^\d+\. ", section.split("(TP)", 1)[1], flags=re.MULTILINE)
    assert tps, f"{where}: no numbered tujuan pembelajaran"
    assert text.index(head) < text.index("<!-- answer-key:start -->"), (
        f"{where}: the map must come before the generated key"
    )


@pytest.mark.parametrize("lang", ["en", "id"])
def test_news_reading_uses_5w_1h_never_plain_5w(lang):
    for lesson in LESSONS:
        text = (ROOT / "lessons" / lesson / f"guide.{lang}.md").read_text(encoding="utf-8")
        assert not re.search(r"\b5W(?!\+1H)", text), f"{lesson}/guide.{lang}.md says 5W without +1H"
    assert "5W+1H" in (ROOT / "lessons/01-reading-the-news" / f"guide.{lang}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lesson", LESSONS)
@pytest.mark.parametrize("lang", ["en", "id"])
def test_notebook_minutes_match_a_plan_of_the_guide(lesson, lang):
    name = notebook_name(lesson, lang)  # each edition's source has a name in its own language
    source = (ROOT / "notebooks" / "src" / lang / f"{name}.md").read_text(encoding="utf-8")
    minutes = int(re.search(r"^  minutes: (\d+)$", source, re.MULTILINE).group(1))
    guide = (ROOT / "lessons" / lesson / f"guide.{lang}.md").read_text(encoding="utf-8")
    lengths = {plan_length(rows, lang, lesson) for rows in plans(guide, lang)}
    # ``kit: minutes:`` is the notebook's core path (tests/test_lesson_load.py holds it to the load
    # model); it fits the guide's longest plan, whose other minutes are the class's discussion
    assert minutes <= max(lengths), (
        f"notebooks/src/{lang}/{name}.md says {minutes} minutes; the guide plans {sorted(lengths)}"
    )
