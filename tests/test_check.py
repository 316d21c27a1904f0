"""Exercise checks: every reference passes its own check, `...` is "not answered", nothing raises."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers import exercises
from helpers.check import Feedback, check, hint

IDS = [ex.id for ex in exercises.all_exercises()]


@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_solution_passes_its_own_check(exercise_id):
    ex = exercises.get(exercise_id)
    expected = ex.expected()
    if ex.expects in ("figure", "map"):
        pytest.skip("figure and map exercises are checked by their own checker functions")
    assert check(exercise_id, expected).correct


@pytest.mark.parametrize("exercise_id", IDS)
def test_placeholder_means_not_answered(exercise_id):
    for lang, words in (("en", "Waiting for your answer"), ("id", "Menunggu jawabanmu")):
        helpers.set_language(lang)
        feedback = check(exercise_id, ...)
        assert not feedback.correct and words in feedback.message


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_has_hints_in_both_languages_and_a_solution(exercise_id):
    ex = exercises.get(exercise_id)
    assert ex.hints and all(h["en"].strip() and h["id"].strip() for h in ex.hints)
    assert ex.solution.strip()
    for sid in ex.sentences:
        helpers.articles.sentence(sid)


def test_wrong_type_is_named_in_plain_words():
    feedback = check("00.1", [5])
    assert "you gave a list" in feedback.message and "expects a number" in feedback.message
    helpers.set_language("id")
    assert "sebuah daftar" in check("00.1", [5]).message
    assert "sebuah teks" in check("00.1", "lima").message


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ((79, 7), {"en": "Write decimals with a dot: 79.7", "id": "Tulis desimal dengan titik: 79.7"}),
        ("79,7", {"en": "without quotes, with a dot for decimals, e.g. 79.7", "id": "misalnya 79.7"}),
        (" 5 ", {"en": "between quotes", "id": "di antara tanda kutip"}),
        ("", {"en": "Your answer is empty", "id": "Jawabanmu kosong"}),
    ],
)
def test_a_slip_of_form_is_explained_in_the_students_language_and_not_recorded(answer, said, lang, tmp_path):
    """Issue 22's rehearsal: `distance = 79,7` made a pair and was recorded as a wrong try."""
    helpers.set_language(lang)
    feedback = check("00.4", answer)
    assert said[lang] in feedback.message and not feedback.correct
    assert feedback.waiting  # shown as neither right nor wrong
    assert not (tmp_path / "progress" / "progress.jsonl").exists()
    assert check("00.2", "").waiting  # a text exercise: the empty answer too


def test_none_nan_and_exceptions_become_messages():
    assert "None" in check("00.1", None).message
    assert "NaN" in " ".join(check("00.1", float("nan")).details)
    # a function is never called (it could run for ever): it is refused with a message
    for function in (lambda: 1 / 0, lambda: 5):
        refused = check("00.1", function)
        assert not refused.correct and "function" in refused.message


def test_unknown_exercise():
    assert "no exercise" in check("99.9", 1).message


def test_hints_one_at_a_time():
    import importlib

    check_module = importlib.import_module("helpers.check")

    check_module._hint_state.clear()
    first, second, third = hint("00.1"), hint("00.1"), hint("00.1")
    assert first.startswith("Hint 1/") and second.startswith("Hint 2/") and "last hint" in third


def test_feedback_renders():
    feedback = check("00.1", 5)
    assert isinstance(feedback, Feedback) and bool(feedback)
    assert "✔" in feedback._repr_html_() and "✔" in repr(feedback)


class Hostile:
    def __eq__(self, other):
        raise RuntimeError("no comparisons")

    def __repr__(self):
        raise RuntimeError("no repr")

    def __float__(self):
        raise RuntimeError("no float")


ANYTHING = st.one_of(
    st.none(),
    st.just(Ellipsis),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=5),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
    st.builds(lambda n: pd.DataFrame({"x": range(n)}), st.integers(0, 5)),
    st.builds(lambda n: pd.Series(range(n), dtype=float), st.integers(0, 5)),
    st.just(Hostile()),
    st.just(lambda: 1 / 0),
    st.just(plt.figure),
)


@settings(max_examples=120, deadline=None)
@given(value=ANYTHING, exercise_id=st.sampled_from(IDS + ["nope"]))
def test_no_check_ever_raises(value, exercise_id):
    feedback = check(exercise_id, value)
    assert isinstance(feedback, Feedback) and isinstance(feedback.message, str)
    plt.close("all")


def test_dataframe_comparison_details():
    from helpers.check import _compare

    ex = exercises.Exercise(
        "t.1", "t", "dataframe", lambda: None, [{"en": "h", "id": "h"}], columns=["place", "controller"], key=["place"]
    )
    expected = pd.DataFrame({"place": ["a", "b", "c"], "controller": ["GNA", "LNA", "GNA"], "other": [1, 2, 3]})
    assert _compare(ex, expected[["controller", "place"]], expected).correct
    missing = _compare(ex, expected.iloc[:2], expected)
    assert "1 row(s) are missing" in " ".join(missing.details)
    no_col = _compare(ex, expected[["place"]], expected)
    assert "controller" in " ".join(no_col.details)
    changed = expected.copy()
    changed.loc[0, "controller"] = "LNA"
    assert "values differ" in " ".join(_compare(ex, changed, expected).details)
    assert not math.isnan(len(expected))


def _bar_chart(title="Backers per side", bars=2):
    figure, ax = plt.subplots()
    ax.bar(range(bars), range(1, bars + 1))
    if title:
        ax.set_title(title)
    ax.set_xlabel("side")
    ax.set_ylabel("backers")
    return figure


def test_figure_comparison_by_structure():
    from helpers.check import _compare

    ex = exercises.Exercise("t.2", "t", "figure", lambda: None, [{"en": "h", "id": "h"}])
    want = _bar_chart()
    assert _compare(ex, _bar_chart(title="My own words"), want).correct
    no_title = _compare(ex, _bar_chart(title=""), want)
    assert "title" in " ".join(no_title.details)
    three = _compare(ex, _bar_chart(bars=3), want)
    assert "3 bar(s); 2 expected" in " ".join(three.details)
    two_plots, _ = plt.subplots(1, 2)
    assert "2 plot area(s)" in " ".join(_compare(ex, two_plots, want).details)
    assert "a chart (Figure)" in _compare(ex, [1, 2], want).message
    helpers.set_language("id")
    assert "judul" in " ".join(_compare(ex, _bar_chart(title=""), want).details)
    plt.close("all")


def test_map_comparison_counts_markers():
    import folium

    from helpers.check import _compare

    ex = exercises.Exercise("t.3", "t", "map", lambda: None, [{"en": "h", "id": "h"}])

    def make(n):
        m = folium.Map(location=[32.9, 13.2], zoom_start=6, tiles=None)
        group = folium.FeatureGroup().add_to(m)
        for i in range(n):
            folium.CircleMarker([32 + i / 10, 13]).add_to(group if i % 2 else m)
        return m

    assert _compare(ex, make(3), make(3)).correct
    assert "2 marker(s); 3 expected" in " ".join(_compare(ex, make(2), make(3)).details)
    assert "a map" in _compare(ex, _bar_chart(), make(3)).message
    plt.close("all")


def test_a_reference_may_bring_its_own_checker():
    from helpers.check import _compare

    ex = exercises.Exercise("t.4", "t", "figure", lambda: None, [{"en": "h", "id": "h"}])

    def checker(fig):
        return [] if fig.axes else ["no axes"]

    assert _compare(ex, _bar_chart(), checker).correct
    assert "no axes" in _compare(ex, plt.figure(), checker).details
    plt.close("all")


def _broken_hints(monkeypatch, tmp_path, text):
    """Load lesson 03's hints from ``text`` instead of its file (every other lesson as usual)."""
    broken = tmp_path / "exercises.yml"
    broken.write_text(text, encoding="utf-8")
    real = exercises.hints_path
    monkeypatch.setattr(
        exercises, "hints_path", lambda lesson: broken if lesson == "03-mapping-control" else real(lesson)
    )
    monkeypatch.setattr(exercises, "_loaded", [])


GOOD_03 = """exercises:
  "03.1":
    hints:
      - {en: "Radians first.", id: "Radian dulu."}
  "03.2":
    hints:
      - {en: "Merge.", id: "Gabungkan."}
  "03.3":
    hints:
      - {en: "Fill in.", id: "Isilah."}
  "03.4":
    hints:
      - {en: "Fill in.", id: "Isilah."}
"""


def test_hints_come_from_the_lessons_data_file(monkeypatch, tmp_path):
    _broken_hints(monkeypatch, tmp_path, GOOD_03)
    assert exercises.get("03.2").hints == [{"en": "Merge.", "id": "Gabungkan."}]
    monkeypatch.undo()
    exercises._loaded.clear()  # back to the kit's own file
    assert exercises.get("03.2").hints[0]["en"].startswith("You need two tables, one per date")


@pytest.mark.parametrize(
    "text,message",
    [
        (
            GOOD_03.replace(', id: "Gabungkan."', ""),
            r"lessons/03-mapping-control/exercises\.yml exercise 03\.2: field 'hints\[1\]\.id' is missing",
        ),
        (
            GOOD_03.replace('id: "Gabungkan."', 'idn: "Gabungkan."'),
            r"exercises\.yml exercise 03\.2: field 'hints\[1\]\.idn' is not a known field here \(known fields: en, id\)",
        ),
        (
            GOOD_03.replace('en: "Merge."', 'en: "  "'),
            r"lessons/03-mapping-control/exercises\.yml exercise 03\.2: field 'hints\[1\]\.en' must be text that is not blank",
        ),
        (
            GOOD_03.replace('"03.2":\n    hints:', '"03.2":\n    hint:'),
            r"exercises\.yml exercise 03\.2: field 'hint' is not a known field here",
        ),
        (GOOD_03.split('  "03.2"')[0], r"exercises\.yml exercise 03\.2: field 'hints' is missing"),
        (
            GOOD_03 + '  "03.9":\n    hints: [{en: "x", id: "x"}]\n',
            r"exercises\.yml exercise 03\.9: there is no reference solution for this exercise",
        ),
    ],
)
def test_a_malformed_exercise_file_names_file_exercise_and_field(monkeypatch, tmp_path, text, message):
    _broken_hints(monkeypatch, tmp_path, text)
    with pytest.raises(exercises.ExerciseError, match=message):
        exercises.get("03.1")
    feedback = check("03.1", 5.0)  # the student gets a message naming the problem, not a traceback
    assert not feedback.correct and "tell your teacher" in feedback.message and "exercises.yml" in feedback.message
    assert "exercises.yml" in hint("03.1")


def test_a_malformed_exercise_file_in_indonesian(monkeypatch, tmp_path):
    _broken_hints(monkeypatch, tmp_path, GOOD_03.replace(', id: "Gabungkan."', ""))
    helpers.set_language("id")
    with pytest.raises(
        exercises.ExerciseError, match=r"exercises\.yml latihan 03\.2: isian 'hints\[1\]\.id' tidak ada"
    ):
        exercises.get("03.1")
    assert "beri tahu gurumu" in check("03.1", 5.0).message
