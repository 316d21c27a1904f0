"""The English class rehearsed: a beginner, a strong student and an exam-taker, then the teacher."""

from __future__ import annotations

import pytest

from .class_tests import (  # noqa: F401 - collected here, for this class
    test_a_beginner_lives_through_the_lesson,
    test_a_strong_student_gets_everything_right_first_time,
    test_an_exam_taker_sits_the_quiz_as_an_exam,
    test_the_teacher_reads_the_class_summary_in_the_class_language,
)


@pytest.fixture(scope="module")
def lang() -> str:
    return "en"
