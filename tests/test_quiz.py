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
from helpers import quiz, quiz_bank
from helpers.quiz import Question, QuizError
from helpers.quiz_kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
BANKS = sorted(p.parent.name for p in (ROOT / "lessons").glob("*/quiz.yml"))


def q(type_, answer, **kw):
    return Question(
        "q",
        type_,
        {"en": "?", "id": "?"},
        {"en": "o", "id": "o"},
        ["A.p01.s01"],
        {"en": "because", "id": "karena"},
        answer=answer,
        **kw,
    )


def _parse(question, value, order):
    return KINDS[question.type].parse(question, value, order)


def _score(question, value):
    return KINDS[question.type].score(question, value)


def _use_banks_in(monkeypatch, folder):
    """Load banks from ``folder/<lesson>/quiz.yml`` (the schema stays the kit's own)."""
    monkeypatch.setattr(quiz_bank, "bank_path", lambda lesson: folder / lesson / "quiz.yml")
    quiz_bank.load_bank.cache_clear()


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
    question = q(
        "matching",
        {"a": "GNA", "b": "LNA"},
        items=OPTS[:2],
        right=[{"key": "GNA", "en": "GNA", "id": "GNA"}, {"key": "LNA", "en": "LNA", "id": "LNA"}],
    )
    order = ["a", "b"]
    assert _score(question, _parse(question, "a=GNA, b=LNA", order)) == 1
    assert _score(question, _parse(question, {"a": "gna", "b": "GNA"}, order)) == 0.5
    assert _parse(question, "a=Mars", order) is None


def test_answers_computed_from_data_agree_with_data():
    loaded = quiz.load("00-start-here")
    assert (
        loaded.questions["q6"].answer
        == helpers.data.control_on("2020-06-10").set_index("place").loc["tarhuna", "controller"]
    )
    assert loaded.questions["q5"].answer == pytest.approx(helpers.data.distance_km("tripoli", "gharyan"), abs=0.1)


def test_seeded_shuffle_is_reproducible_and_letters_follow_it():
    one, two = quiz.load("00-start-here", seed=7), quiz.load("00-start-here", seed=7)
    assert one.order == two.order
    plain = quiz.load("00-start-here").order
    bank = quiz.load("00-start-here").questions
    for qid, keys in plain.items():  # without a seed, entries keep the bank's order
        assert keys == [e["key"] for e in bank[qid].options or bank[qid].items]
    for qid in one.order:  # a seed only permutes
        assert sorted(one.order[qid]) == sorted(plain[qid])
    assert any(one.order[qid] != plain[qid] for qid in plain), "seed 7 shuffled nothing"
    shuffled = {str(quiz.load("00-start-here", seed=seed).order) for seed in range(5)}
    assert len(shuffled) > 1, "every seed gives the same order"
    order = one.order["q1"]
    letter = "abc"[order.index("b")]
    assert one.answer("q1", letter).correct


def test_draw_a_subset(tmp_path, monkeypatch):
    bank = yaml.safe_load((ROOT / "lessons" / "00-start-here" / "quiz.yml").read_text())
    bank["draw"] = 3
    (tmp_path / "lessons" / "x").mkdir(parents=True)
    (tmp_path / "lessons" / "x" / "quiz.yml").write_text(yaml.safe_dump(bank, allow_unicode=True))
    _use_banks_in(monkeypatch, tmp_path / "lessons")
    try:
        drawn = quiz.load("x", seed=1)
        assert len(drawn.questions) == 3
        assert list(quiz.load("x", seed=1).questions) == list(drawn.questions)
    finally:
        quiz_bank.load_bank.cache_clear()


MALFORMED = [
    ("text: {en: only english}", r"question q1: field 'text\.id' is missing"),
    ("type: essay", r"question q1: field 'type' must be one of"),
    ("answer: z", r"question q1: field 'answer' must name option key"),
    ("sources: [A.p99.s01]", r"question q1: field 'sources' names 'A\.p99\.s01'"),
    ("sources: ['places:atlantis']", r"question q1: field 'sources' names 'places:atlantis'"),
    ("answer_from: {query: weather}", r"question q1: field 'answer_from\.query' must be one of"),
    ("anwser: b", r"question q1: field 'anwser' is not a known field here"),
    ("tolerance: 5", r"question q1: field 'tolerance' is not a known field here"),
    ("options: [{key: a, en: A, id: A}, {key: b, en: B}]", r"question q1: field 'options\[2\]\.id' is missing"),
    ("options: [{key: a, en: A, id: A}, {key: a, en: B, id: B}]", r"question q1: field 'options' has repeated keys"),
    ("id: Q 1", r"question 1: field 'id' must be a simple name like q1"),
    (
        "answer_from: {query: control, place: tarhuna, date: '2020-06-10'}",
        r"question q1: give only one of 'answer' / 'answer_from'",
    ),
    ("sources: [hello]", r"question q1: field 'sources\[1\]' must be an article sentence id like A\.p03\.s01"),
    ("text: {en: '  ', id: x}", r"question q1: field 'text\.en' must be text that is not blank"),
    ("options: a", r"question q1: field 'options' must be a list"),
]


@pytest.mark.parametrize("patch,message", MALFORMED)
def test_malformed_bank_names_file_question_and_field(tmp_path, monkeypatch, patch, message):
    bank = yaml.safe_load((ROOT / "lessons" / "00-start-here" / "quiz.yml").read_text())
    bank["questions"][0].update(yaml.safe_load(patch))
    (tmp_path / "lessons" / "broken").mkdir(parents=True)
    (tmp_path / "lessons" / "broken" / "quiz.yml").write_text(yaml.safe_dump(bank, allow_unicode=True))
    _use_banks_in(monkeypatch, tmp_path / "lessons")
    try:
        with pytest.raises(QuizError, match=r"lessons/broken/quiz\.yml " + message):
            quiz.load("broken")
    finally:
        quiz_bank.load_bank.cache_clear()


def test_malformed_bank_message_in_indonesian_and_answers_of_the_wrong_kind(tmp_path, monkeypatch):
    bank = yaml.safe_load((ROOT / "lessons" / "00-start-here" / "quiz.yml").read_text())
    bank["questions"][1]["answer"] = "yes"  # q2 is true/false
    bank["questions"][3]["answer"] = "?!"  # q4 is text: nothing left to compare once folded
    (tmp_path / "lessons" / "broken").mkdir(parents=True)
    (tmp_path / "lessons" / "broken" / "quiz.yml").write_text(yaml.safe_dump(bank, allow_unicode=True))
    _use_banks_in(monkeypatch, tmp_path / "lessons")
    try:
        helpers.set_language("id")
        with pytest.raises(
            QuizError, match=r"lessons/broken/quiz\.yml soal q2: isian 'answer' harus berupa true atau false"
        ):
            quiz.load("broken")
        helpers.set_language("en")
        bank["questions"][1]["answer"] = False
        (tmp_path / "lessons" / "broken" / "quiz.yml").write_text(yaml.safe_dump(bank, allow_unicode=True))
        quiz_bank.load_bank.cache_clear()
        with pytest.raises(QuizError, match=r"question q4: field 'answer' must be text with at least one letter"):
            quiz.load("broken")
    finally:
        quiz_bank.load_bank.cache_clear()


def test_a_computed_answer_of_the_wrong_kind_is_refused(tmp_path, monkeypatch):
    bank = yaml.safe_load((ROOT / "lessons" / "00-start-here" / "quiz.yml").read_text())
    bank["questions"][4]["answer_from"] = {"query": "control", "place": "tarhuna", "date": "2020-06-10"}  # q5: numeric
    (tmp_path / "lessons" / "broken").mkdir(parents=True)
    (tmp_path / "lessons" / "broken" / "quiz.yml").write_text(yaml.safe_dump(bank, allow_unicode=True))
    _use_banks_in(monkeypatch, tmp_path / "lessons")
    try:
        with pytest.raises(QuizError, match=r"question q5: field 'answer' must be a number"):
            quiz.load("broken")
    finally:
        quiz_bank.load_bank.cache_clear()


def test_missing_bank_is_a_clear_error():
    with pytest.raises(QuizError, match="lessons/99-nothing/quiz.yml does not exist"):
        quiz.load("99-nothing")


def test_text_fallback_is_readable_and_answerable_in_both_languages():
    for lang, word in (("en", "Correct"), ("id", "Benar")):
        loaded = quiz.load("00-start-here", lang=lang)
        text = repr(loaded)
        assert "q1" in text and "a)" in text
        assert word in loaded.answer("q1", "b").text()
    for lang, words in (("en", "There is no question 'q99'"), ("id", "Tidak ada soal 'q99'")):
        unknown = quiz.load("00-start-here", lang=lang).answer("q99", "a")
        assert words in unknown.text() and "q1, q2" in unknown.text()
        assert not unknown.understood and not unknown.correct and unknown.score == 0


def _all_widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _all_widgets(child)


def _state_text(loaded):
    return json.dumps([w.get_state() for w in _all_widgets(loaded.widget())], default=str)


def test_no_answer_reaches_the_browser_before_an_attempt():
    loaded = quiz.show("00-start-here")
    state = _state_text(loaded)
    bundle = json.dumps(
        {k: v for k, v in loaded._repr_mimebundle_()[0].items()}
        if isinstance(loaded._repr_mimebundle_(), tuple)
        else loaded._repr_mimebundle_(),
        default=str,
    )
    for question in loaded.questions.values():
        for secret in (question.explanation["en"], question.explanation["id"]):
            assert secret not in state and secret not in bundle
        for option in question.options:
            if "feedback" in option:
                assert option["feedback"]["en"] not in state
    assert "Correct" not in state and "correct" not in bundle.lower().replace("incorrect", "")


def test_widgets_check_feedback_and_try_again():
    loaded = quiz.show("00-start-here")
    parts = loaded.widgets["q1"]
    parts["check"].click()
    assert "Not answered yet" in parts["feedback"].value
    parts["input"].value = loaded.order["q1"].index("a")
    parts["check"].click()
    assert "Not quite" in parts["feedback"].value and "Read section 4 again" in parts["feedback"].value
    assert not parts["again"].disabled
    parts["again"].click()
    assert parts["feedback"].value == ""
    parts["input"].value = loaded.order["q1"].index("b")
    parts["check"].click()
    assert "✔ Correct!" in parts["feedback"].value
    assert "(English:" in parts["feedback"].value  # the quoted source, with its translation in English mode


def test_widgets_in_indonesian():
    loaded = quiz.show("00-start-here", lang="id")
    parts = loaded.widgets["q2"]
    assert parts["check"].description == "Periksa"
    parts["input"].value = 1  # "Benar" (true); the right answer is "Salah" (false)
    parts["check"].click()
    assert "Belum tepat" in parts["feedback"].value


def test_exam_mode_never_says_right_or_wrong(tmp_path, monkeypatch):
    from helpers import progress

    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))
    loaded = quiz.show("00-start-here", mode="exam")
    parts = loaded.widgets["q4"]
    parts["input"].value = "Surt"
    parts["check"].click()
    assert "saved" in parts["feedback"].value and "Sirte (also" not in parts["feedback"].value
    early = loaded.answer("q1", "a")
    assert "saved" in early.text() and early.correct is None and early.score is None
    # nothing a student can call says right or wrong, before Submit all or after
    assert progress.attempts().empty and loaded.score() is None
    assert "Sirte (also" not in str(loaded.widgets) and loaded._answers == {}
    loaded.widgets["_submit"]["submit"].click()
    submitted = loaded.submit()  # a second call: nothing more
    assert submitted["q4"].correct is None and submitted["q1"].correct is None
    assert "Sirte (also" not in parts["feedback"].value and parts["check"].disabled
    assert "locked" in loaded.answer("q1", "b").text()
    rows = progress.attempts()
    assert len(rows) == 2 and set(rows["kind"]) == {"quiz"} and rows["correct"].isna().all()
    assert "Submitted: 2 answer(s); your teacher will score them." in loaded.widgets["_submit"]["outcome"].value


def test_keyboard_and_screen_reader_labels():
    loaded = quiz.show("00-start-here")
    for parts in loaded.widgets.values():
        assert parts["check"].description and parts["check"].tooltip
    assert loaded.widgets["q1"]["input"].description == "Answer to question 1"
    assert loaded.widgets["q5"]["input"].description == "Answer to question 5 (km)"


def test_bad_mode():
    with pytest.raises(ValueError, match="practice"):
        quiz.load("00-start-here", mode="test")


ANYTHING = st.one_of(
    st.none(),
    st.just(Ellipsis),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=5),
    st.dictionaries(st.text(max_size=3), st.one_of(st.text(max_size=5), st.integers()), max_size=3),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=ANYTHING, qid=st.sampled_from(["q1", "q2", "q3", "q4", "q5", "q6", "nope", ""]))
def test_no_answer_ever_raises(value, qid):
    result = quiz.load("00-start-here").answer(qid, value)
    assert isinstance(result.text(), str)
    assert 0 <= result.score <= 1 and not math.isnan(result.score)


ALL_QUESTIONS = [(lesson, qid) for lesson in BANKS for qid in quiz.load(lesson).questions]
ANY_VALUE = st.one_of(
    ANYTHING,
    st.just(Ellipsis),
    st.sets(st.text(max_size=3), max_size=3),
    st.builds(lambda n: __import__("pandas").DataFrame({"x": range(n)}), st.integers(0, 3)),
    st.tuples(st.text(max_size=3), st.integers()),
    st.just(object()),
)


@settings(max_examples=300, deadline=None)
@given(value=ANY_VALUE, where=st.sampled_from(ALL_QUESTIONS), seed=st.one_of(st.none(), st.integers(0, 5)))
def test_no_answer_to_any_question_of_any_bank_raises(value, where, seed):
    lesson, qid = where
    result = quiz.load(lesson, seed=seed).answer(qid, value)
    assert isinstance(repr(result), str) and isinstance(result._repr_html_(), str)
    assert 0 <= result.score <= 1 and not math.isnan(result.score)


def test_every_question_type_is_in_some_bank():
    types = {question.type for lesson in BANKS for question in quiz.load(lesson).questions.values()}
    assert types == set(quiz.TYPES)


def test_schema_and_engine_agree_on_types_and_queries():
    schema = json.loads((ROOT / "lessons" / "quiz.schema.json").read_text())
    question = schema["$defs"]["question"]
    assert question["properties"]["type"]["enum"] == list(quiz.TYPES)
    dispatched = {rule["if"]["properties"]["type"]["const"]: rule["then"]["$ref"] for rule in question["allOf"]}
    assert dispatched == {type_: f"#/$defs/{type_}" for type_ in quiz.TYPES}
    assert set(question["properties"]["answer_from"]["properties"]["query"]["enum"]) == set(quiz.QUERIES)


def test_backing_side_query_for_one_backer():
    assert quiz_bank.resolve("x", {"answer_from": {"query": "backing_side", "backer": "turkey"}}) == "GNA"
    with pytest.raises(QuizError, match="answer_from.backers' is missing"):
        quiz_bank.resolve("x", {"answer_from": {"query": "backing_side"}})


@pytest.mark.parametrize("lesson", BANKS)
def test_no_answer_in_any_bank_widget_state(lesson):
    loaded = quiz.show(lesson, seed=3)
    state = _state_text(loaded)
    plain = loaded._repr_mimebundle_()
    plain = json.dumps(plain[0] if isinstance(plain, tuple) else plain, default=str)
    shown = " ".join(
        question.text[loaded.lang]
        + " "
        + " ".join(question.label(e, loaded.lang) for e in question.options + question.items + question.right)
        for question in loaded.questions.values()
    )
    for question in loaded.questions.values():
        secrets = [question.explanation["en"], question.explanation["id"]]
        secrets += [o["feedback"][lang] for o in question.options if "feedback" in o for lang in ("en", "id")]
        if question.type in ("text", "numeric") and str(question.answer) not in shown:
            secrets.append(str(question.answer))
        for secret in secrets:
            assert secret not in state and secret not in plain, (lesson, question.id, secret)


def _strip_ids(text):
    import re

    return re.sub(r"IPY_MODEL_[0-9a-f]+", "IPY_MODEL", text)


def test_widget_state_does_not_depend_on_the_answer(tmp_path, monkeypatch):
    """Two banks that differ only in their correct answers give byte-identical widget state."""
    bank = yaml.safe_load((ROOT / "lessons" / "00-start-here" / "quiz.yml").read_text())
    other = yaml.safe_load((ROOT / "lessons" / "00-start-here" / "quiz.yml").read_text())
    changes = {"q1": "c", "q2": True, "q3": ["turkey", "qatar"], "q4": "Tripoli", "q5": 100, "q6": "LNA"}
    for question in other["questions"]:
        question.pop("answer_from", None)
        question["answer"] = changes[question["id"]]
    states = []
    try:
        for name, content in (("same", bank), ("other", other)):
            (tmp_path / name / "x").mkdir(parents=True)
            (tmp_path / name / "x" / "quiz.yml").write_text(yaml.safe_dump(content, allow_unicode=True))
            _use_banks_in(monkeypatch, tmp_path / name)
            built = quiz.show("x", seed=5)
            assert built.questions["q1"].answer == ("b" if name == "same" else "c")
            states.append(_strip_ids(_state_text(built)))
        assert states[0] == states[1]
    finally:
        quiz_bank.load_bank.cache_clear()


def test_ordering_widget_with_partial_credit_and_repeats():
    loaded = quiz.show("05-timeline", seed=2)
    question = loaded.questions["q1"]
    parts = loaded.widgets["q1"]
    order = loaded.order["q1"]
    drops = parts["input"].children
    for drop, key in zip(drops, question.answer):
        drop.value = order.index(key)
    parts["check"].click()
    assert "✔" in parts["feedback"].value
    drops[0].value, drops[1].value = drops[1].value, drops[0].value  # swap the first two: one pair out of order
    parts["check"].click()
    assert "◐" in parts["feedback"].value
    drops[0].value = drops[1].value
    parts["check"].click()
    assert "chosen twice" in parts["feedback"].value


def test_matching_widget():
    loaded = quiz.show("04-foreign-backing")
    question = loaded.questions["q1"]
    parts = loaded.widgets["q1"]
    order = loaded.order["q1"]
    for drop, key in zip(parts["input"].children, order):
        drop.value = question.answer[key]
    parts["check"].click()
    assert "✔" in parts["feedback"].value
    first = parts["input"].children[0]
    first.value = next(r["key"] for r in question.right if r["key"] != question.answer[order[0]])
    parts["check"].click()
    assert "✔" not in parts["feedback"].value


def test_multiple_numeric_and_text_widgets():
    loaded = quiz.show("00-start-here")
    q3 = loaded.widgets["q3"]
    order = loaded.order["q3"]
    for box, key in zip(q3["input"].children, order):
        box.value = key in ("uae", "egypt")
    q3["check"].click()
    assert "◐" in q3["feedback"].value and "67" in q3["feedback"].value
    q5 = loaded.widgets["q5"]
    assert q5["input"].value == ""  # empty at first, not 0
    q5["input"].value = f"{loaded.questions['q5'].answer + 4.9:g}".replace(".", ",")  # a decimal comma
    q5["check"].click()
    assert "✔" in q5["feedback"].value
    q5["input"].value = f"{loaded.questions['q5'].answer + 5.2:g}"
    q5["check"].click()
    assert "✘" in q5["feedback"].value
    q4 = loaded.widgets["q4"]
    q4["input"].value = "  SIRT "
    q4["check"].click()
    assert "✔" in q4["feedback"].value


def test_practice_shows_explanation_after_a_right_answer_or_a_second_wrong_try():
    loaded = quiz.show("00-start-here")
    explanation = loaded.questions["q2"].explanation["en"]
    assert explanation not in _state_text(loaded)
    parts = loaded.widgets["q2"]
    parts["input"].value = 1  # wrong: true
    parts["check"].click()
    assert html_escape(explanation) not in parts["feedback"].value  # first wrong try: a nudge only
    assert "Try once more" in parts["feedback"].value
    parts["again"].click()
    parts["check"].click()
    assert html_escape(explanation) in parts["feedback"].value  # second wrong try
    right = quiz.load("00-start-here")
    assert right.answer("q2", False).explanation == explanation


def html_escape(text):
    import html

    return html.escape(text)


def test_validating_a_bank_does_not_load_jsonschemas_slow_optional_checker():
    """rfc3987_syntax compiles a grammar at import (about 1 s); the kit's schemas use no IRI format."""
    import subprocess
    import sys

    code = (
        "import sys, importlib.util, helpers.quiz_bank as b; b.load_bank('00-start-here'); "
        "print('rfc3987_syntax' in sys.modules, 'jsonschema' in sys.modules, "
        "importlib.util.find_spec('rfc3987_syntax') is None or sys.modules.get('rfc3987_syntax', 0) is not None)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "True", "True"], out.stdout + out.stderr
