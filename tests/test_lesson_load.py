"""The lesson-load budget (issue 22): every lesson's core path fits 40 minutes for a beginner.

The model is ``tools.lesson_load.minutes`` (words / 150 + 3.5 per checked exercise + 1 per quiz
question + 1 per map or chart + 4 to open, name, save and hand in), computed from the notebook
sources of both editions (cells tagged ``extension`` are off the core path; words are counted in
the edition with more of them, so the budget holds for either). What a lesson *states* agrees
with the model when it equals the model rounded up to 5 (``stated``):

- the front matter ``kit: minutes:`` of both editions, and the "N minutes" / "N menit" of the
  notebook's first cell (lesson 00 also states minutes per section: they add up to it);
- the "core path (model)" / "jalur inti (model)" column of the lesson tables of README.md,
  README.id.md and lessons/README*.md: ``N`` or ``N (+M extension)`` / ``N (+M pengayaan)``, M
  the extension cells' model rounded up (the "minutes" column beside it is the class period, which
  tests/test_guides.py holds to the guides' plans);
- the guides' "core path" sentence, in both languages.

Lesson 07 (the project) is held to the budget, but its notebook and guides state its own minutes
(45 / 90): most of its time is the student's writing, which the model does not count; the READMEs
say "N (+ writing time)".

Extension cells are shown as such: each run of tagged cells starts with a markdown cell whose
first line says "Extension" (en) or "Pengayaan" (id), and both editions tag the same cells.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools import notebooks as nbtool
from tools.lesson_load import BUDGET, is_extension, lesson_load, stated

ROOT = Path(__file__).resolve().parent.parent
LESSONS = nbtool.lessons()
LABEL = {"en": "extension", "id": "pengayaan"}
OWN_MINUTES = {"07-project"}  # the project: writing time, which the model does not count


def _editions(slug):
    return nbtool.load_lesson(slug)


@pytest.mark.parametrize("slug", LESSONS)
def test_core_path_fits_the_budget(slug):
    load = lesson_load(_editions(slug))
    assert load.minutes <= BUDGET, f"{slug}: {load.minutes:.1f} minutes of core path > {BUDGET}: {load}"


@pytest.mark.parametrize("slug", LESSONS)
def test_both_editions_tag_the_same_cells_and_label_each_extension(slug):
    editions = _editions(slug)
    tagged = {lang: [c.metadata["id"] for c in nb.cells if is_extension(c)] for lang, nb in editions.items()}
    assert tagged["en"] == tagged["id"], f"{slug}: the editions tag different cells"
    for lang, nb in editions.items():
        previous = False
        for cell in nb.cells:
            if is_extension(cell) and not previous:
                first = cell.source.strip().splitlines()[0].lower()
                assert cell.cell_type == "markdown" and LABEL[lang] in first, (
                    f"{slug} ({lang}), cell {cell.metadata['id']}: an extension starts without the label "
                    f"'{LABEL[lang]}' in its first line: {first!r}"
                )
            previous = is_extension(cell)


@pytest.mark.parametrize("slug", [s for s in LESSONS if s not in OWN_MINUTES])
def test_the_notebook_states_the_models_minutes(slug):
    editions = _editions(slug)
    want = stated(lesson_load(editions).minutes)
    for lang, nb in editions.items():
        assert nb.metadata["kit"]["minutes"] == want, f"{slug} ({lang}): kit: minutes: is not {want}"
        unit = "minutes" if lang == "en" else "menit"
        said = [int(n) for n in re.findall(rf"(\d+) {unit}\b", nb.cells[0].source)]
        assert said == [want], f"{slug} ({lang}): the first cell says {said} {unit}, the model {want}"
        sections = [
            int(n)
            for c in nb.cells
            if c.cell_type == "markdown" and not is_extension(c)
            for n in re.findall(rf"^## .*\((\d+) (?:{unit}|minute|menit)\)\s*$", c.source, flags=re.M)
        ]
        assert not sections or sum(sections) == want, f"{slug} ({lang}): the sections' minutes add to {sum(sections)}"


def _table_minutes(path: Path) -> dict[str, str]:
    """Lesson number -> the "core path" column of a README's lesson table."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if re.match(r"\|\s*#\s*\|", line))
    cols = [c.strip() for c in lines[header].strip("|").split("|")]
    col = next(i for i, c in enumerate(cols) if c.startswith(("core path", "jalur inti")))
    out = {}
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        out[cells[0]] = cells[col]
    return out


@pytest.mark.parametrize("readme", ["README.md", "README.id.md", "lessons/README.md", "lessons/README.id.md"])
def test_readme_tables_state_the_models_minutes(readme):
    lang = "id" if readme.endswith(".id.md") else "en"
    table = _table_minutes(ROOT / readme)
    for slug in LESSONS:
        editions = _editions(slug)
        core, ext = stated(lesson_load(editions).minutes), stated(lesson_load(editions, extension=True).minutes)
        want = f"{core} (+{ext} {LABEL[lang]})" if ext else str(core)
        if slug in OWN_MINUTES:
            want = f"{core} (+ {'writing time' if lang == 'en' else 'waktu menulis'})"
        assert table.get(slug[:2]) == want, f"{readme}, lesson {slug[:2]}: {table.get(slug[:2])!r}, model {want!r}"


@pytest.mark.parametrize("slug", [s for s in LESSONS if s not in OWN_MINUTES])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_guides_state_the_models_minutes(slug, lang):
    text = (ROOT / "lessons" / slug / f"guide.{lang}.md").read_text(encoding="utf-8")
    editions = _editions(slug)
    core, ext = stated(lesson_load(editions).minutes), stated(lesson_load(editions, extension=True).minutes)
    pattern = (
        r"core path takes a beginner about (\d+) minutes"
        if lang == "en"
        else r"jalur inti notebook butuh sekitar (\d+) menit"
    )
    found = [int(n) for n in re.findall(pattern, text)]
    assert found == [core], f"{slug}/guide.{lang}.md states {found}, the model {core}"
    pattern = r"extensions about (\d+) minutes more" if lang == "en" else r"pengayaan sekitar (\d+) menit lagi"
    assert [int(n) for n in re.findall(pattern, text)] == ([ext] if ext else []), f"{slug}/guide.{lang}.md: extension"
