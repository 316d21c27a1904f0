"""The class rehearsal's tests, for the class of one language (``lang``: a fixture of the module).

``test_class_id.py`` and ``test_class_en.py`` each hold a class: on two test workers they run side
by side. In each, the students go through every lesson, then the teacher reads the class summary.
"""

from __future__ import annotations

import pytest

from tests.browser.test_accessibility import LESSONS

from .people import wrong_answer
from .rehearsal import attempts, beginner, exam_taker, exam_wrong, questions, strong, teacher


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_beginner_lives_through_the_lesson(page, class_of, lang, lesson):
    beginner(page, class_of(lang)["beginner"], lang, lesson)


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_strong_student_gets_everything_right_first_time(page, class_of, lang, lesson):
    strong(page, class_of(lang)["strong"], lang, lesson)


@pytest.mark.parametrize("lesson", LESSONS)
def test_an_exam_taker_sits_the_quiz_as_an_exam(page, class_of, lang, lesson):
    exam_taker(page, class_of(lang)["exam"], lang, lesson)


def test_the_teacher_reads_the_class_summary_in_the_class_language(class_of, lang, tmp_path):
    """Each student's first and last result per question, exam apart and scored here, solutions, option text."""
    students = class_of(lang)
    table, per_student = teacher(lang, students, tmp_path)
    ayu, budi, citra = (students[role] for role in ("beginner", "strong", "exam"))
    exam_label = {"en": "exam", "id": "ujian"}[lang]
    columns = list(next(iter(per_student.values())))
    lessons = sorted({r["lesson"] for r in attempts(ayu.progress) if r.get("kind") == "quiz"})
    assert lessons, "the beginner answered no quiz"
    for lesson in lessons:
        for q in questions(lesson, lang):
            item = f"{lesson}/{q.id}"
            assert per_student[ayu.name][item] == "✘ → ✔", (item, per_student[ayu.name])
            if budi.hand_ins:
                assert per_student[budi.name][item] == "✔ → ✔", (item, per_student[budi.name])
            if citra.hand_ins:  # recorded unscored in her kernel, scored by the summary with the teacher's banks
                exam = f"{item} ({exam_label})"
                kept = exam_wrong(lesson, lang)  # the one answer she left wrong
                scored = "✘ → ✘" if kept is not None and q.id == kept.id else "✔ → ✔"
                assert exam in columns and per_student[citra.name][exam] == scored, (exam, per_student[citra.name])
                assert per_student[citra.name][item] == "", "the exam-taker's answers counted as practice"
            row = next(r for r in table if r[next(iter(r))] == item and exam_label not in r[list(r)[-1]])
            wrong = wrong_answer(q, lang)
            if q.type == "single":  # the most common wrong answer, as the option's text
                assert wrong.value in row.values(), (item, wrong.value, row)
    solutions = per_student[ayu.name][columns[-1]]
    looked = sorted({r["item"] for r in attempts(ayu.progress) if r.get("kind") == "solution"})
    assert looked and solutions == ", ".join(looked), (solutions, looked)
