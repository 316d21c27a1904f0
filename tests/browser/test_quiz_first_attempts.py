"""A quiz teaches before it tells, and the teacher sees what the student first thought.

In a real browser a student answers lesson 00's first question wrong: the feedback points at the
sentence to reread and shows neither the right option nor the explanation. They answer again, right:
now the explanation appears. The attempts their kernel wrote are then read by the teacher's class
summary, which shows the first try wrong and the last try right for that question.
"""

from __future__ import annotations

import json

import pytest

from kit_teacher.summary import summarize

from .lab_pages import WORDS, attempts, open_and_run, option

pytestmark = pytest.mark.browser

#: Lesson 00, question q1 (lessons/00-start-here/quiz.yml): a wrong option, its nudge, the right
#: option and words of the explanation, which must stay hidden until the right answer.
Q1 = {
    "en": {
        "wrong": "In New York",
        "nudge": "Read section 4 again",
        "right": "In Tripoli",
        "explanation": "while Guterres was in Tripoli",
    },
    "id": {
        "wrong": "Di New York",
        "nudge": "Baca lagi bagian 4",
        "right": "Di Tripoli",
        "explanation": "ketika Guterres berada di Tripoli",
    },
}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_wrong_then_right_and_the_summary_keeps_the_first_try(page, lab, lang, tmp_path):
    words, q1 = WORDS[lang], Q1[lang]
    open_and_run(page, lab, lang, "00-start-here", workspace=f"first-try-{lang}")
    page.keyboard.press("Escape")
    before = len(attempts(lab.progress))

    box = page.locator(".kit-question.kit-q-single").first
    box.scroll_into_view_if_needed()
    # read in the edition's language, though JupyterLab's page says lang="en" (issue 25)
    assert box.evaluate("b => b.closest('[lang]').getAttribute('lang')") == lang
    option(box, q1["wrong"]).check()
    box.get_by_role("button", name=words["check"]).click()
    alert = box.locator('[role="alert"]')
    alert.filter(has_text=words["wrong"]).wait_for(timeout=10_000)
    said = alert.inner_text()
    assert q1["nudge"] in said, said
    assert q1["explanation"] not in box.inner_text(), "the explanation showed after a first wrong try"
    assert q1["right"] not in said, "the feedback named the right option"

    option(box, q1["right"]).check()
    box.get_by_role("button", name=words["check"]).click()
    alert.filter(has_text=words["right"]).wait_for(timeout=10_000)
    assert q1["explanation"] in box.inner_text()

    mine = [
        a for a in attempts(lab.progress)[before:] if a.get("item") == "00-start-here/q1" and a.get("kind") == "quiz"
    ]
    assert [a["correct"] for a in mine] == [False, True], mine
    assert [a.get("explained") for a in mine] == ["no", "after_correct"], mine

    handed_in = tmp_path / "class"
    handed_in.mkdir()
    (handed_in / "student.jsonl").write_text("".join(json.dumps(a) + "\n" for a in mine), encoding="utf-8")
    summary = summarize(handed_in, lang="en", out=tmp_path / "summary.png")
    row = summary.iloc[0]
    got = (row["share right at first try (0-1)"], row["share right at last try (0-1)"], row["tries"])
    assert got == (0.0, 1.0, 2), summary.to_dict("records")
    assert row["most common wrong answer"] == Q1["en"]["wrong"]  # the option's text, in the teacher's language
