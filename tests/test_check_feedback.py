"""Exercise feedback that teaches: no expected rows listed, clear messages for common slips,
reasonable right answers accepted, the model solution behind ``helpers.solution``."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import helpers
from helpers import data, exercises, progress
from helpers.check import check, parse_date, solution


@pytest.fixture(autouse=True)
def _english(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path))
    helpers.set_language("en")
    yield
    helpers.set_language("en")


def _said(feedback) -> str:
    return " ".join([feedback.message, *feedback.details])


def _reference_words(exercise_id: str) -> set[str]:
    """The values of the expected answer that would give it away if feedback listed them."""
    expected = exercises.get(exercise_id).expected()
    if isinstance(expected, pd.DataFrame):
        ex = exercises.get(exercise_id)
        values = expected[ex.key or list(expected.columns)].astype(str).to_numpy().ravel().tolist()
    elif isinstance(expected, pd.Series):
        values = [str(i) for i in expected.index]
    else:
        values = [str(v) for v in expected]
    return {v for v in values if len(v) > 2}


@pytest.mark.parametrize("exercise_id", ["02.1", "02.2", "03.2", "04.1", "06.1", "06.2"])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_an_empty_or_partial_answer_never_lists_the_expected_rows(exercise_id, lang):
    helpers.set_language(lang)
    expected = exercises.get(exercise_id).expected()
    secrets = _reference_words(exercise_id)
    for answer in (expected.iloc[:0], expected.iloc[:1], expected.iloc[1:]):
        feedback = check(exercise_id, answer)
        assert not feedback.correct
        said = _said(feedback)
        shown = {s for s in secrets if re.search(rf"\b{re.escape(s)}\b", said)}
        # a partial answer may name what the student gave; never what they left out
        given = set(_reference_words_of(answer, exercise_id))
        assert not (shown - given), (exercise_id, shown - given, said)
    empty = check(exercise_id, expected.iloc[:0])
    assert ("empty" if lang == "en" else "kosong") in _said(empty)


def _reference_words_of(answer, exercise_id):
    ex = exercises.get(exercise_id)
    if isinstance(answer, pd.DataFrame):
        return answer[ex.key or list(answer.columns)].astype(str).to_numpy().ravel().tolist()
    return [str(i) for i in answer.index]


def test_missing_and_extra_rows_are_counted():
    expected = exercises.get("03.2").expected()
    assert "row(s) are missing" in _said(check("03.2", expected.iloc[:2]))
    extra = pd.concat([expected, data.load_control().head(1).assign(controller_before="x", controller_after="y")])
    assert "too many" in _said(check("03.2", extra))


def test_duplicates_in_a_list_are_named_without_the_answer():
    answer = exercises.get("04.2").expected()
    doubled = answer + answer[:1]
    said = _said(check("04.2", doubled))
    assert f"has {len(doubled)} items" in said and "each item once" in said
    helpers.set_language("id")
    assert f"berisi {len(doubled)} butir" in _said(check("04.2", doubled))


def test_01_1_with_each_leftover_once_passes():
    expected = exercises.get("01.1").expected()
    assert len(expected) > len(set(expected))  # the text repeats a leftover
    assert check("01.1", sorted(set(expected))).correct
    assert check("01.1", expected).correct
    assert not check("01.1", sorted(set(expected))[:-1]).correct


def test_a_table_where_a_list_is_expected_says_how_to_make_a_list():
    said = _said(check("04.2", data.load_backing()))
    assert "tolist()" in said and "table (DataFrame)" in said


def test_mode_method_and_mode_result_are_explained():
    who = data.load_attribution()
    b = who[who.sentence.str.startswith("B")]
    for answer in (b.mode, b.mode(), b["mode"].mode()):
        feedback = check("06.1", answer)
        assert not feedback.correct and 'table["mode"]' in _said(feedback), answer
    helpers.set_language("id")
    assert 'tabel["mode"]' in _said(check("06.1", b.mode))


@pytest.mark.parametrize(
    "written",
    [
        "8 January 2020",
        "8 Januari 2020",
        "Wednesday, 8 January 2020",
        "Rabu, 8 Januari 2020",
        "January 8, 2020",
        "2020-01-08",
        " 8 januari 2020 ",
    ],
)
def test_05_1_accepts_the_date_in_both_languages(written):
    assert check("05.1", written).correct


def test_05_1_refuses_another_date_with_a_date_message():
    feedback = check("05.1", "9 January 2020")
    assert not feedback.correct and "date" in _said(feedback)
    assert parse_date("31 February 2020") is None and parse_date("08/01/2020") is None


def test_03_1_tolerance_refuses_the_rounded_prose_number():
    expected = exercises.get("03.1").expected()
    assert check("03.1", round(expected, 1)).correct
    assert check("03.1", round(expected, 2)).correct
    for prose in (80, 81, round(expected)):
        assert not check("03.1", prose).correct


def test_a_function_is_refused_not_called():
    called = []
    feedback = check("00.1", lambda: called.append(1) or 5)
    assert not feedback.correct and not called and "function" in feedback.message
    helpers.set_language("id")
    assert "fungsi" in check("00.1", len).message


class _BadStr(Exception):
    def __str__(self):
        raise ValueError("no str")


class _Hostile:
    def __repr__(self):
        raise RuntimeError("no repr")

    def __str__(self):
        raise RuntimeError("no str")


@pytest.mark.parametrize(
    "value",
    ["a\udcff", 10**5000, -(10**5000), _BadStr(), _Hostile(), ["a\udcff", _Hostile()], "x" * 100_000],
    ids=lambda v: type(v).__name__,
)
@pytest.mark.parametrize("exercise_id", ["00.1", "01.1", "03.2", "05.1", "06.1"])
def test_hostile_values_give_short_messages(value, exercise_id):
    feedback = check(exercise_id, value)
    assert isinstance(feedback.message, str) and feedback.message
    assert all(len(d) < 600 for d in feedback.details) and len(feedback.message) < 600
    feedback.message.encode("utf-8")  # no lone surrogate reaches the page
    for detail in feedback.details:
        detail.encode("utf-8")
    repr(feedback), feedback._repr_html_()


def test_solution_shows_the_model_and_records_the_look():
    shown = solution("03.2")
    assert "merge" in shown.code and "03.2" in shown.message
    assert "```python" in shown._repr_markdown_()
    rows = progress.attempts()
    assert ((rows["kind"] == "solution") & (rows["item"] == "03.2")).any()
    assert "no exercise" in solution("nope").message and solution("nope").code == ""
    helpers.set_language("id")
    assert "Contoh penyelesaian" in solution("03.2").message
    assert "Tidak ada latihan" in solution("nope").message and solution("nope").code == ""


def test_solution_is_exported():
    assert helpers.solution is solution and "solution" in helpers.__all__


@pytest.mark.parametrize("ex", exercises.all_exercises(), ids=lambda ex: ex.id)
def test_no_hint_contains_the_reference_solution(ex):
    """Hints climb to a worked example on other data; the last one is never the model solution."""
    lines = [re.sub(r"\s+", "", line) for line in ex.solution.splitlines()]
    code = [line for line in lines if len(line) > 25 and not line.startswith(("from", "import", "return"))]
    returns = [line[len("return") :] for line in lines if line.startswith("return") and len(line) > 20]
    for hint in ex.hints:
        for lang in ("en", "id"):
            text = re.sub(r"\s+", "", hint[lang]).replace("sisa", "leftovers")
            for line in code + returns:
                assert line not in text, (ex.id, lang, line)
