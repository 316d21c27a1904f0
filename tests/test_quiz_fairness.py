"""Quizzes that give nothing away by form: the right option is not the longest more often than chance,
options are shuffled per student, and no first wrong try shows the answer."""

from __future__ import annotations

import pytest

from helpers import quiz
from helpers.paths import lesson_slugs
from helpers.quiz_kinds import KINDS

LESSONS = lesson_slugs()
SINGLE = [(lesson, q) for lesson in LESSONS for q in quiz.load(lesson).questions.values() if q.type == "single"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_right_option_is_not_the_longest_more_often_than_chance(lang):
    longest, chance = [], 0.0
    for lesson, q in SINGLE:
        lengths = {o["key"]: len(q.label(o, lang)) for o in q.options}
        top = max(lengths.values())
        if lengths[q.answer] == top and list(lengths.values()).count(top) == 1:
            longest.append(f"{lesson}/{q.id}")
        chance += 1 / len(lengths)
    assert len(longest) <= round(chance), (len(longest), round(chance, 1), longest)


def test_options_are_shuffled_per_student_so_position_gives_nothing_away():
    lesson, q = next((lesson, q) for lesson, q in SINGLE if lesson == "03-mapping-control")
    positions = {
        quiz.load(lesson, seed=name).order[q.id].index(q.answer)
        for name in ("Ayu", "Budi", "Citra", "Dewi", "Eko", "Fajar", "Gita")
    }
    assert len(positions) > 1


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_first_wrong_try_shows_neither_the_answer_nor_the_explanation(lesson, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))
    for lang in ("en", "id"):
        loaded = quiz.load(lesson, lang=lang)
        for q in loaded.questions.values():
            if q.type not in ("single", "truefalse"):
                continue
            wrong = next(
                k for k in ([o["key"] for o in q.options] if q.type == "single" else [True, False]) if k != q.answer
            )
            letter = "abcdefgh"[loaded.order[q.id].index(wrong)] if q.type == "single" else wrong
            result = loaded.answer(q.id, letter)
            assert not result.correct and result.explanation == ""
            said = result.text()
            if q.type == "single":
                assert q.label(q.entry(q.answer), lang) not in said, (lesson, q.id, lang)
            assert q.explanation[lang] not in said


def test_every_bank_unit_is_in_the_students_language():
    timeline = quiz.load("05-timeline", lang="id")
    text = timeline.text()
    assert "year / tahun" not in text and "tahun" in text
    assert "year" in quiz.load("05-timeline", lang="en").text()
    assert KINDS  # the kinds registry is loaded
