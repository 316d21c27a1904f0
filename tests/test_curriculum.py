"""The curriculum: every sentence used by an activity, every lesson complete, guides and keys current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import articles, exercises, quiz
from helpers.paths import lesson_slugs
from tools import notebooks as nbtool

ROOT = Path(__file__).resolve().parent.parent
SID = re.compile(r"\b[AB]\.p\d{2}\.s\d{2}\b")
LESSONS = [slug for slug in lesson_slugs() if slug != "00-start-here"]  # the lessons proper (00 is the on-ramp)


def used_sentences() -> dict[str, set[str]]:
    """Sentence id -> where an activity uses it (notebook prose or code, quiz sources, exercises)."""
    used: dict[str, set[str]] = {}
    for path in sorted((ROOT / "notebooks" / "src").glob("*/*.md")):
        for sid in SID.findall(path.read_text(encoding="utf-8")):
            used.setdefault(sid, set()).add(f"{path.parent.name}/{path.name}")
    for bank in sorted((ROOT / "lessons").glob("*/quiz.yml")):
        for q in yaml.safe_load(bank.read_text(encoding="utf-8"))["questions"]:
            for sid in q["sources"]:
                if SID.fullmatch(sid):
                    used.setdefault(sid, set()).add(f"{bank.parent.name}/quiz.yml {q['id']}")
    for ex in exercises.all_exercises():
        for sid in ex.sentences:
            used.setdefault(sid, set()).add(f"exercise {ex.id}")
    return used


def test_every_non_boilerplate_sentence_is_used_by_an_activity(capsys):
    table = articles.sentences()
    content = set(table.loc[table["kind"] != "boilerplate", "sentence"])
    used = used_sentences()
    missing = sorted(content - set(used))
    coverage = 1 - len(missing) / len(content)
    with capsys.disabled():
        print(f"\n[curriculum] sentences used by activities: {coverage:.0%} of {len(content)}")
    assert not missing, f"not used by any activity: {missing}"
    unknown = sorted(set(used) - set(table["sentence"]))
    assert not unknown, f"cited but not in the articles: {unknown}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_objectives_exercises_quiz_and_summary(lesson):
    editions = nbtool.load_lesson(lesson)  # both editions, with the same code cells
    en, id_ = editions["en"].cells, editions["id"].cells
    assert en[0].cell_type == id_[0].cell_type == "markdown"
    assert "By the end of this lesson" in en[0].source and "Di akhir pelajaran" in id_[0].source
    cells = [c.source for c in en if c.cell_type == "code"]
    code = "\n".join(cells)
    assert f'helpers.quiz.show("{lesson}")' in code
    assert en[-1].cell_type == id_[-1].cell_type == "markdown"
    assert "Key points" in en[-1].source and "Poin penting" in id_[-1].source
    # the last code cell hands in, under its own heading, just before the key points
    assert cells[-1].strip() == "helpers.hand_in()"
    assert "## Hand in" in en[-3].source and "## Kumpulkan" in id_[-3].source
    quiz.load(lesson)  # the bank exists and validates
    ids = re.findall(r'helpers\.check\("(\d\d\.\d)"', code)
    assert all(i.startswith(lesson[:2]) for i in ids)
    assert all("= ...  #" in c for c in cells if "helpers.check(" in c)


def test_every_exercise_is_in_a_notebook():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "notebooks" / "src").glob("*/*.md"))
    for ex in exercises.all_exercises():
        assert f'helpers.check("{ex.id}"' in code, ex.id


def test_guides_and_answer_keys_are_current():
    out = subprocess.run(
        [sys.executable, "-m", "tools.guides", "--check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_a_guide_in_both_languages(lesson):
    for lang, words in (
        (
            "en",
            [
                "Objectives",
                "Minute by minute",
                "Preparation",
                "Discussion prompts",
                "Common misconceptions",
                "Support and extension",
                "Answer key",
            ],
        ),
        (
            "id",
            [
                "Tujuan",
                "Menit demi menit",
                "Persiapan",
                "Bahan diskusi",
                "Miskonsepsi umum",
                "Remedial dan pengayaan",
                "Kunci jawaban",
            ],
        ),
    ):
        text = (ROOT / "lessons" / lesson / f"guide.{lang}.md").read_text(encoding="utf-8")
        for word in words:
            assert word in text, f"{lesson}/guide.{lang}.md lacks '{word}'"
    if lesson == "07-project":
        assert "Rubric" in (ROOT / "lessons" / lesson / "guide.en.md").read_text()
        assert "Rubrik" in (ROOT / "lessons" / lesson / "guide.id.md").read_text()
