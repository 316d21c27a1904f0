"""Property-based hardening: hostile values into every public function a student or teacher calls.

At least 10,000 generated inputs in the full tier (``make test-all``: the per-test counts below add
up to more; ``make test`` runs a small share of each, tests/fuzzing.py), across
``check``, ``hint``, ``check_brief``, ``quiz.answer``, ``progress.record``/``report``, the
teacher's ``summarize`` (:mod:`kit_teacher.summary`) and the data functions that take a student's
value. None may raise: each must
answer with a message (or, for the data look-ups, a ``DataError`` with a message).
"""

from __future__ import annotations

import json
import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers import data, exercises, progress, quiz
from helpers.paths import lesson_slugs
from helpers.project import check_brief
from kit_teacher.summary import summarize
from tests.fuzzing import examples

IDS = [ex.id for ex in exercises.all_exercises()]
LESSONS = lesson_slugs()
FAST = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


class Raises:
    """An object whose every dunder a check might call raises."""

    def _boom(self, *args, **kwargs):
        raise RuntimeError("boom")

    __eq__ = __ne__ = __lt__ = __gt__ = __repr__ = __str__ = __len__ = __iter__ = __bool__ = _boom
    __hash__ = None  # unhashable too
    __float__ = __int__ = __index__ = __format__ = __getitem__ = __contains__ = _boom


class BadStr(Exception):
    def __str__(self):
        raise ValueError("no str")


def _raise_bad_str():
    raise BadStr()


def _frames():
    weird_columns = st.sampled_from(
        [
            ["place"],
            ["place", "place"],
            [0, 1],
            [("a", "b"), ("a", "c")],
            [],
            ["\udcff"],
            ["controller", "place", "extra"],
            ["date", "event"],
        ]
    )

    def build(columns, n):
        if columns and isinstance(columns[0], tuple):
            return pd.DataFrame([[1, 2]] * n, columns=pd.MultiIndex.from_tuples(columns))
        return pd.DataFrame([[f"v{i}"] * len(columns) for i in range(n)], columns=columns)

    return st.builds(build, weird_columns, st.integers(0, 4))


TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40)
HOSTILE = st.one_of(
    st.none(),
    st.just(...),
    st.booleans(),
    st.integers(),
    st.just(10**5000),
    st.just(-(10**5000)),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.just("a\udcff"),
    st.just("\x1b[31m=HYPERLINK(1)"),
    st.just("$\\alert$"),
    st.binary(max_size=20),
    st.just(Raises()),
    st.just(BadStr()),
    st.just(_raise_bad_str),
    st.just(lambda: 1 / 0),
    st.just(lambda: "x" * 100_000),
    st.lists(st.integers() | TEXT, max_size=8),
    st.dictionaries(TEXT, st.integers(), max_size=3),
    st.tuples(TEXT, st.integers()),
    _frames(),
    st.builds(lambda n: pd.Series(range(n), dtype=float), st.integers(0, 5)),
    st.builds(lambda n: np.arange(n), st.integers(0, 5)),
    st.just(pd.NaT),
    st.just(pd.Timestamp("2020-06-10", tz="UTC")),
    st.just(np.datetime64("2020-01-08")),
    st.just(math.pi),
    st.just(object()),
    st.just(plt.figure),
)


@settings(max_examples=examples(3000), **FAST)
@given(value=HOSTILE, exercise_id=st.sampled_from(IDS + ["nope", "", "01.9"]), lang=st.sampled_from(["en", "id"]))
def test_check_never_raises(value, exercise_id, lang):
    helpers.set_language(lang)
    feedback = helpers.check(exercise_id, value)
    assert isinstance(feedback.message, str) and feedback.message
    assert isinstance(repr(feedback), str) and isinstance(feedback._repr_html_(), str)
    plt.close("all")


@settings(max_examples=examples(500), **FAST)
@given(exercise_id=st.one_of(st.sampled_from(IDS), HOSTILE))
def test_hint_never_raises(exercise_id):
    assert isinstance(str(helpers.hint(exercise_id)), str)


@settings(max_examples=examples(1200), **FAST)
@given(text=HOSTILE, lang=st.sampled_from(["en", "id"]))
def test_check_brief_never_raises(text, lang):
    result = check_brief(text, lang=lang)
    assert isinstance(repr(result), str) and isinstance(result._repr_html_(), str)


QUIZZES = {(lesson, mode): quiz.load(lesson, mode=mode) for lesson in LESSONS for mode in ("practice", "exam")}


@settings(max_examples=examples(2500), **FAST)
@given(
    key=st.sampled_from(sorted(QUIZZES)),
    question=st.one_of(st.sampled_from(["q1", "q2", "q3", "q4", "q5", "q6", "q7"]), HOSTILE),
    value=HOSTILE,
)
def test_quiz_answer_never_raises(key, question, value):
    result = QUIZZES[key].answer(question, value)
    assert isinstance(result.text(), str) and isinstance(result._repr_html_(), str)


RECORD = st.fixed_dictionaries(
    {"item": HOSTILE, "lesson": HOSTILE, "answer": HOSTILE, "correct": HOSTILE, "score": HOSTILE}
)
#: Records per example: each example writes a batch, then reads the report (table and chart) once,
#: so the 600 hostile records of the full tier cost 120 chart renderings, not 600.
RECORDS_PER_EXAMPLE = 5


# Hostile labels (lone surrogates, control characters) have no glyph in the chart's font: matplotlib
# warns once per character, which says nothing about the kit and buries the test output.
@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
@settings(max_examples=examples(120), **FAST)
@given(records=st.lists(RECORD, min_size=RECORDS_PER_EXAMPLE, max_size=RECORDS_PER_EXAMPLE))
def test_progress_record_and_report_never_raise(records):
    for values in records:
        try:
            progress.record(kind="exercise", **values)
        except (TypeError, ValueError) as exc:  # a programming error in the kit's own call, stated plainly
            assert str(exc)
    report = progress.report()
    assert isinstance(repr(report), str) and isinstance(report._repr_html_(), str)
    plt.close("all")


LINE_VALUES = st.one_of(
    st.none(),
    st.integers(),
    TEXT,
    st.lists(TEXT, max_size=2),
    st.dictionaries(TEXT, TEXT, max_size=2),
    st.floats(allow_nan=True),
    st.just("$\\alert$"),
    st.just("=cmd|' /C calc'!A0"),
)


@settings(max_examples=examples(200), **FAST)
@given(
    lines=st.lists(
        st.fixed_dictionaries(
            {
                "lesson": LINE_VALUES,
                "item": LINE_VALUES,
                "kind": LINE_VALUES,
                "correct": LINE_VALUES,
                "score": LINE_VALUES,
                "student": LINE_VALUES,
            }
        ),
        max_size=6,
    ),
    raw=st.binary(max_size=60),
)
def test_summarize_never_raises(tmp_path_factory, lines, raw):
    folder = tmp_path_factory.mktemp("class")
    (folder / "a.jsonl").write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    (folder / "b.jsonl").write_bytes(raw)
    (folder / "c.csv").write_bytes(raw)
    result = summarize(folder)
    assert result is not None
    plt.close("all")


DATES = st.one_of(
    HOSTILE, st.dates().map(str), st.sampled_from(["2020-06-10T00:00Z", "2019-04-04", "1900-01-01", "9999-12-31"])
)


@settings(max_examples=examples(2500), **FAST)
@given(
    fn=st.sampled_from(
        ["find_place", "control_on", "nearest_snapshot", "distance_km", "changed_hands", "describe_sources"]
    ),
    a=st.one_of(DATES, st.sampled_from(["Tripoli", "Misurata", "SURT", "gharyan"])),
    b=DATES,
)
def test_data_functions_answer_with_a_data_error(fn, a, b):
    call = {
        "find_place": lambda: data.find_place(a),
        "control_on": lambda: data.control_on(a),
        "nearest_snapshot": lambda: data.nearest_snapshot(a),
        "distance_km": lambda: data.distance_km(a, b),
        "changed_hands": lambda: data.changed_hands(a, b),
        "describe_sources": lambda: data.describe_sources(a),
    }[fn]
    try:
        call()
    except data.DataError as exc:
        assert str(exc)


def test_the_full_tier_fuzzes_at_least_ten_thousand_inputs():
    """The counts written beside the tests above (run in full by ``make test-all``) add up to 10,000 or more."""
    import re
    from pathlib import Path

    counts = [int(n) for n in re.findall(r"max_examples=examples\((\d+)\)", Path(__file__).read_text())]
    inputs = sum(counts) + (RECORDS_PER_EXAMPLE - 1) * 120  # the progress test's examples are batches of records
    assert len(counts) >= 7 and inputs >= 10_000, counts
