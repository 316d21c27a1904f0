"""The seven root causes behind issue 27's fuzzed raw exceptions, one test each, and a Series answer's feedback.

Each test failed on the code before the fix (a raw ``TypeError``, ``ValueError``, ``OSError`` or
the hostile object's own ``RuntimeError``) and passes after it; tests/test_fuzz_entry_points.py
keeps every entry point so under generated values.
"""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import articles, data, exercises, i18n, progress, quiz, style
from kit_teacher import link, summary
from tests.test_fuzz_entry_points import BadEq, BadText, ShiftyName


# 1. a value that is not text where text is expected
@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: data.localize(["name_en"]), data.DataError),
        (lambda: articles.clean(5), ValueError),
        (lambda: link.folder_name(3), link.LinkError),
        (lambda: link.clone_address(3.5), link.LinkError),
        (lambda: helpers.by_lang(["x"], "name"), i18n.MissingStringError),
        (lambda: maps_html_size(None), TypeError),
    ],
)
def test_a_value_that_is_not_text_gets_the_kits_message(call, error):
    with pytest.raises(error) as caught:
        call()
    assert str(caught.value).strip()


def maps_html_size(value):
    from helpers import maps

    return maps.html_size(value)


def test_a_teacher_summarising_something_that_is_not_a_folder_is_told_so(capsys):
    assert summary.summarize(12, lang="id").empty
    assert "12" in capsys.readouterr().out


def test_hand_in_to_something_that_is_not_a_folder_says_so_and_keeps_the_download(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    progress.set_student("Ayu")
    progress.record(kind="exercise", item="00.1", lesson="00-start-here", answer=5, correct=True, score=1.0)
    for folder in (42, "bad\x00name"):
        done = helpers.hand_in(folder=folder)
        assert done.path is None and done.data and "could not be saved" in done.message


# 2. `value or default` (and any truth) asked of a pandas value
@pytest.mark.parametrize(
    "lang", [pd.Series(["en"]), pd.DataFrame({"a": [1]}), pd.Index(["id"])], ids=["series", "frame", "index"]
)
def test_a_table_given_as_language_is_refused_by_the_kits_error(lang):
    for call in (
        lambda: data.overview(lang=lang),
        lambda: articles.quote("A.p16.s01", lang=lang),
        lambda: progress.report(lang=lang),
        lambda: i18n.get_language(lang),
    ):
        with pytest.raises(i18n.UnsupportedLanguageError):
            call()


def test_tables_given_as_flags_or_folders_are_never_asked_their_truth(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    progress.set_student("Ayu")
    progress.record(kind="exercise", item="00.1", lesson="00-start-here", answer=5, correct=True, score=1.0)
    assert helpers.explain_errors(pd.DataFrame({"a": [1]})) is True
    assert helpers.hand_in(folder=pd.Series(["x"])).data
    assert "Haftar" in repr(articles.show("A", parallel=pd.Series([True]), lang="en"))
    with pytest.raises(link.LinkError):
        link.binder_link(repo=pd.Series(["https://github.com/o/r"]))


# 3. repr() (or str()) of the value inside the error message
@pytest.mark.parametrize("value", [BadText(), 10**5000], ids=["failing-repr", "huge-int"])
def test_a_value_without_a_text_of_its_own_is_still_named_in_the_message(value):
    with pytest.raises(i18n.UnsupportedLanguageError, match="not supported"):
        helpers.set_language(value)
    with pytest.raises(articles.UnknownSentenceError):
        articles.sentence(value)
    with pytest.raises(link.LinkError):
        link.hub_link(value)
    assert helpers.t("lang.switched", name=value).startswith("Language set to <")


# 4. objects whose __eq__ or __hash__ raise
def test_an_object_whose_eq_and_hash_raise_gets_a_message():
    with pytest.raises(i18n.MissingStringError):
        helpers.t(BadEq())
    with pytest.raises(quiz.QuizError):
        quiz.load(BadEq())
    with pytest.raises(ValueError, match="practice"):
        quiz.load("00-start-here", mode=BadEq())


# 5. an unhashable lesson name reaching the question banks' cache
@pytest.mark.parametrize(
    "lesson", [["00-start-here"], {"lesson": 1}, pd.Series(["00-start-here"])], ids=["list", "dict", "series"]
)
def test_an_unhashable_lesson_name_is_no_lesson_not_a_cache_error(lesson):
    with pytest.raises(quiz.QuizError) as caught:
        quiz.load(lesson)
    assert "quiz.yml" in str(caught.value)


# 6. subclasses of str (whose own methods may do anything)
def test_a_str_subclass_is_read_as_the_text_it_holds():
    assert data.find_place(ShiftyName("Misurata")) == "misrata"
    assert data.to_timestamp(ShiftyName("2020-06-10")).date().isoformat() == "2020-06-10"
    assert progress.set_student(ShiftyName("Ayu")) == "Ayu"
    assert articles.sentences(ShiftyName("a"))["article"].eq("A").all()
    assert style.side_label(ShiftyName("GNA"), lang="en")
    assert quiz.load("00-start-here").answer(ShiftyName("q1"), "b").understood
    assert link.clone_address(ShiftyName("git@github.com:t/libya-kit.git")) == "https://github.com/t/libya-kit.git"


# 7. names too long for the file system
def test_a_name_too_long_for_the_file_system_is_no_lesson_and_no_folder(capsys):
    with pytest.raises(quiz.QuizError):
        quiz.load("x" * 300)
    assert summary.summarize("x" * 300, lang="en").empty
    assert summary.main(["y" * 300]) == 2
    assert "There is no folder" in capsys.readouterr().out


# issue 27: "a two-level Series answer gets a raw pandas message naming an expected label"
SERIES_EXERCISES = [ex.id for ex in exercises.all_exercises() if ex.expects == "series"]


def _two_levels(expected: pd.Series) -> pd.Series:
    answer = expected.copy()
    answer.index = pd.MultiIndex.from_arrays([expected.index.astype(str), ["x"] * len(expected)])
    return answer


def _tuples(expected: pd.Series) -> pd.Series:
    return pd.Series(expected.to_numpy(), index=pd.MultiIndex.from_tuples([(str(i),) for i in expected.index]))


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("exercise_id", SERIES_EXERCISES)
@pytest.mark.parametrize(
    "shape",
    [_two_levels, _tuples, lambda e: e.to_frame().T, lambda e: e.reset_index(), lambda e: e.set_axis(range(len(e)))],
)
def test_a_series_answer_of_another_shape_gets_a_friendly_message_that_names_no_expected_label(
    lang, exercise_id, shape
):
    helpers.set_language(lang)
    expected = exercises.get(exercise_id).expected()
    feedback = helpers.check(exercise_id, shape(expected))
    said = feedback.message + " " + " ".join(feedback.details)
    assert not feedback.correct and said.strip()
    assert "Error" not in said and "MultiIndex" not in said and "isin" not in said, said
    for label in expected.index.astype(str):
        assert label not in said, (label, said)
    if shape is _two_levels:
        assert feedback.details[0] == i18n.t("check.index_levels", got=2, want=1)


@pytest.mark.parametrize("exercise_id", SERIES_EXERCISES)
def test_a_right_series_with_text_labels_is_right_whatever_the_categories_order(exercise_id):
    """value_counts of a text column and of a category column give the same counts, labelled in another order."""
    expected = exercises.get(exercise_id).expected()
    answer = expected.set_axis(pd.Index([str(i) for i in expected.index], dtype=object))
    assert helpers.check(exercise_id, answer).correct
