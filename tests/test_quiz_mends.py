"""What a class rehearsal found in the quizzes (issue 22): decimal commas, untouched answers, exams
that record only what was submitted, no answer given away after wrong tries, options by their ids."""

from __future__ import annotations

import html
import json
import re

import pytest

from helpers import progress, quiz
from helpers.paths import lesson_slugs
from helpers.quiz_kinds import LETTERS
from helpers.text import strip_accents


@pytest.fixture(autouse=True)
def _own_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))


def _lines():
    path = progress.progress_file()
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


# ---------------------------------------------------------------- 1. decimal commas
@pytest.mark.parametrize("typed", ["79,7", "79.7", " 79,7 km", 79.7, "79,70"])
def test_a_decimal_comma_or_point_is_the_same_number(typed):
    assert quiz.load("03-mapping-control").answer("q3", typed).correct
    assert _lines()[-1]["answer"] == "79.7" and _lines()[-1]["correct"]


@pytest.mark.parametrize(("lang", "words"), [("en", "without a thousands separator"), ("id", "tanpa pemisah ribuan")])
@pytest.mark.parametrize("typed", ["1.234", "1,234", "-12.345", "1.234,5", "1,234.5", "1.234.567"])
def test_an_ambiguous_thousands_separator_is_refused_and_not_recorded(typed, lang, words):
    result = quiz.load("03-mapping-control", lang=lang).answer("q3", typed)
    assert not result.understood and words in result.text()
    assert _lines() == []


def test_the_number_box_is_text_empty_at_first_and_labelled_with_its_question():
    import ipywidgets as w

    loaded = quiz.show("00-start-here", lang="id")
    box = loaded.widgets["q5"]
    assert type(box["input"]) is w.Text and box["input"].value == ""
    assert box["input"].description == "Jawaban soal 5 (km)"
    box["input"].value = "1.234"
    box["check"].click()
    assert "tanpa pemisah ribuan" in box["feedback"].value and box["again"].disabled
    box["input"].value = "delapan puluh"
    box["check"].click()
    assert "Berikan sebuah angka" in box["feedback"].value
    assert _lines() == []
    box["input"].value = f"{loaded.questions['q5'].answer:g}".replace(".", ",")
    box["check"].click()
    assert "✔" in box["feedback"].value and len(_lines()) == 1


# ---------------------------------------------------------------- 2. untouched answers
@pytest.mark.parametrize(("lang", "words"), [("en", "Not answered yet"), ("id", "Belum dijawab")])
def test_untouched_answers_are_not_attempts(lang, words):
    loaded = quiz.show("00-start-here", lang=lang)
    for qid in loaded.questions:  # nothing chosen, an empty box, an empty number box
        loaded.widgets[qid]["check"].click()
        assert words in loaded.widgets[qid]["feedback"].value, qid
    loaded.widgets["q4"]["input"].value = "   "
    loaded.widgets["q4"]["check"].click()
    assert words in loaded.widgets["q4"]["feedback"].value
    for qid, value in (("q4", ""), ("q4", "  "), ("q5", ""), ("q1", None), ("q3", [])):
        assert words in loaded.answer(qid, value).text()
    assert _lines() == []


# ---------------------------------------------------------------- 3. exam mode
def test_the_exam_has_its_own_instructions_and_save_buttons():
    for lang, practice, exam in (("en", "press Check", "Submit all"), ("id", "tekan Periksa", "Kirim semua")):
        said = quiz.show("00-start-here", mode="exam", lang=lang).widget().children[0].value
        assert practice not in said and "try again" not in said.lower() and "mencoba lagi" not in said
        assert html.escape(f'"{exam}"') in said
        assert practice in quiz.show("00-start-here", lang=lang).widget().children[0].value
    saved = quiz.show("00-start-here", mode="exam", lang="id").widgets["q1"]["check"]
    assert saved.description == "Simpan"


def test_an_exam_records_only_the_submitted_answers_with_their_mode():
    exam = quiz.show("00-start-here", mode="exam")
    for letter in ("a", "c", "b"):  # a student changing their mind is not three tries
        exam.answer("q1", letter)
    exam.widgets["q5"]["input"].value = "79,7"
    exam.widgets["q5"]["check"].click()
    assert _lines() == []
    exam.submit()
    rows = {line["item"]: line for line in _lines()}
    assert set(rows) == {"00-start-here/q1", "00-start-here/q5"}
    picked = exam.order["q1"][LETTERS.index("b")]
    assert rows["00-start-here/q1"]["answer"] == picked and rows["00-start-here/q1"]["attempt"] == 1
    assert {line["mode"] for line in rows.values()} == {"exam"}
    assert {line["explained"] for line in rows.values()} == {"no"}  # nothing is explained in an exam (issue 27)
    assert all(line["correct"] is None and line["score"] is None for line in rows.values())  # the teacher scores
    quiz.load("00-start-here").answer("q2", "false")
    assert _lines()[-1]["mode"] == "practice"


def test_no_lesson_shows_an_exam_below_a_practice_quiz_of_the_same_bank():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "notebooks" / "src"
    for source in sorted(root.glob("*/*.md")):
        text = source.read_text(encoding="utf-8")
        if 'mode="exam"' in text:
            for lesson in {part.split('"')[1] for part in text.split("helpers.quiz.show(")[1:]}:
                shows = text.count(f'helpers.quiz.show("{lesson}"')
                assert shows == 1, (source.name, lesson)


# ---------------------------------------------------------------- 4. no answer after wrong tries
def _giveaways(q, lang):
    """What names the right answer: the right options' text and keys, the text answers, the number."""
    if q.type in ("single", "multiple"):
        right = q.answer if isinstance(q.answer, list) else [q.answer]
        labels = [q.label(q.entry(k), lang) for k in right]
        return labels + [_start(label) for label in labels] + [k for k in right if len(k) > 1]
    if q.type == "text":
        return [q.answer, *q.accept]
    if q.type == "numeric":
        return [f"{q.answer:g}", f"{q.answer:g}".replace(".", ","), f"{round(q.answer):d}"]
    return []


def _right(q, order):
    """The right answer, options named by their letters in this student's order."""
    letter = {k: LETTERS[i] for i, k in enumerate(order)}
    if q.type == "single":
        return letter[q.answer]
    if q.type in ("multiple", "ordering"):
        return [letter[k] for k in q.answer]
    return {letter[k]: v for k, v in q.answer.items()} if q.type == "matching" else q.answer


def _start(label):
    """An option's start, up to a bracket, colon, comma or quote (``The LNA`` of ``The LNA (Haftar's forces)``)."""
    return re.split(r"[(:,']", label)[0].strip()


def _says(text, word):
    """Whether ``text`` holds ``word`` as a whole word (case and accents ignored)."""
    fold = lambda s: strip_accents(str(s)).casefold()  # noqa: E731
    return re.search(rf"(?<!\w){re.escape(fold(word))}(?!\w)", fold(text)) is not None


def _wrong(q, order):
    """A wrong answer of each type (as a letter where options are lettered)."""
    if q.type == "single":
        return LETTERS[order.index(next(k for k in order if k != q.answer))]
    if q.type == "multiple":
        return LETTERS[order.index(next(k for k in order if k not in q.answer))]
    if q.type == "numeric":
        return q.answer + q.tolerance + 50
    if q.type == "text":
        return "Zzyzx"
    if q.type == "truefalse":
        return not q.answer
    if q.type == "ordering":
        return list(reversed(q.answer))
    return {k: next(r["key"] for r in q.right if r["key"] != v) for k, v in q.answer.items()}


@pytest.mark.parametrize("lesson", lesson_slugs())
@pytest.mark.parametrize("lang", ["en", "id"])
def test_no_feedback_after_a_wrong_try_names_the_right_answer(lesson, lang):
    loaded = quiz.load(lesson, lang=lang, seed="Ayu")
    for q in loaded.questions.values():
        wrong = _wrong(q, loaded.order[q.id])
        for _ in range(3):
            result = loaded.answer(q.id, wrong)
            assert result.understood and not result.correct, (q.id, wrong)
            shown = " ".join([result.message, result.explanation, *result.quotes])
            named = [word for word in _giveaways(q, lang) if _says(shown, word)]
            right = q.answer if isinstance(q.answer, list) else [q.answer]
            others = [_start(q.label(o, lang)) for o in q.options if o["key"] not in right]
            assert not named or (others and all(_says(shown, o) for o in others)), (lesson, q.id, lang, named, shown)
            assert result.quotes == []
            if q.type in ("single", "multiple", "ordering", "matching"):  # its explanation justifies the answer
                assert result.explanation == "", (lesson, q.id)
        assert loaded.answer(q.id, _right(q, loaded.order[q.id])).correct


def test_an_explanation_that_names_no_option_still_comes_after_a_second_wrong_try():
    loaded = quiz.load("00-start-here", lang="id")
    assert loaded.answer("q2", "benar").explanation == ""
    assert loaded.answer("q2", "benar").explanation == loaded.questions["q2"].explanation["id"]
    told = loaded.answer("q1", LETTERS[loaded.order["q1"].index("a")])  # second wrong try at q1
    told = loaded.answer("q1", LETTERS[loaded.order["q1"].index("c")])
    assert told.explanation == "" and "muncul saat jawabanmu benar" in told.text()
    assert loaded.answer("q1", LETTERS[loaded.order["q1"].index("b")]).explanation  # found: explained


# ---------------------------------------------------------------- 5. options by their ids
def test_two_students_who_pick_the_same_option_record_the_same_id():
    lesson = "03-mapping-control"
    first, second = (quiz.load(lesson, seed=name) for name in ("Ayu", "Budi"))
    qid = next(q.id for q in first.questions.values() if q.type == "single" and first.order[q.id] != second.order[q.id])
    key = first.questions[qid].answer
    for loaded in (first, second):
        loaded.answer(qid, LETTERS[loaded.order[qid].index(key)])
    assert [line["answer"] for line in _lines()] == [key, key]


def test_several_options_orders_and_pairs_are_recorded_by_their_ids():
    loaded = quiz.show("05-timeline", seed="Citra")
    answer = loaded.questions["q1"].answer
    for drop, key in zip(loaded.widgets["q1"]["input"].children, answer):
        drop.value = loaded.order["q1"].index(key)
    loaded.widgets["q1"]["check"].click()
    assert _lines()[-1]["answer"] == ",".join(answer)
    backing = quiz.load("04-foreign-backing", seed="Dewi")
    backing.answer("q1", {k: v for k, v in backing.questions["q1"].answer.items()})
    assert _lines()[-1]["answer"] == ",".join(f"{k}={v}" for k, v in sorted(backing.questions["q1"].answer.items()))
