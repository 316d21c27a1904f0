"""Check a student's exercise answer and answer with a friendly message; never raise.

``check("03.1", answer)`` compares the answer with the result of the exercise's reference
function (computed from ``data/``) and returns a :class:`Feedback`: correct, or what is wrong
(wrong type, missing or extra rows, a missing column, a number too far off) with a pointer to
the hints. ``hint("03.1")`` gives the next hint, one at a time. Whatever the answer is (``...``,
``None``, a list instead of a DataFrame, NaN, an object that raises), the result is a message in
the current language, never a traceback. An answer may also be a function of no arguments: it is
called here, so an error inside the student's code becomes a message too.

Examples
--------
>>> import helpers
>>> check("00.1", ...).message
'Not answered yet: replace the ... with your answer, then run the cell again.'
>>> check("00.1", 5).correct
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from . import status
from .i18n import get_language, t
from .text import fold, shorten

__all__ = ["Feedback", "check", "hint"]

_hint_state: dict[str, int] = {}


@dataclass
class Feedback:
    """What :func:`check` found: ``correct``, a ``message`` and, when wrong, details."""

    exercise: str
    correct: bool
    message: str
    details: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return status.box_text(float(self.correct), self.message, details=self.details)

    def __bool__(self) -> bool:
        return self.correct

    def _repr_html_(self) -> str:
        return status.box_html(float(self.correct), self.message, details=self.details)


def _kind(value: Any) -> str:
    """A plain-words name for the type of a value, in the current language."""
    if value is None:
        return t("check.kind.none")
    for kind, test in (
        ("dataframe", lambda v: isinstance(v, pd.DataFrame)),
        ("series", lambda v: isinstance(v, pd.Series)),
        ("bool", lambda v: isinstance(v, bool)),
        ("number", lambda v: isinstance(v, (int, float)) or type(v).__module__ == "numpy" and hasattr(v, "dtype")
         and getattr(v, "ndim", 1) == 0),
        ("text", lambda v: isinstance(v, str)),
        ("list", lambda v: isinstance(v, (list, tuple, set))),
        ("dict", lambda v: isinstance(v, dict)),
        ("figure", lambda v: type(v).__name__ == "Figure" and type(v).__module__.startswith("matplotlib")),
        ("map", lambda v: type(v).__name__ == "Map" and type(v).__module__.startswith("folium")),
    ):
        if test(value):
            return t(f"check.kind.{kind}")
    return t("check.kind.other", name=type(value).__name__)


def _wrong_type(ex, answer) -> Feedback:
    return Feedback(ex.id, False, t("check.wrong_type", given=_kind(answer), expected=t(f"check.expects.{ex.expects}")),
                    (t("check.ask_hint", id=ex.id),))


def _right(ex) -> Feedback:
    return Feedback(ex.id, True, t("check.correct"))


def _not_yet(ex, *details: str) -> Feedback:
    return Feedback(ex.id, False, t("check.not_yet"), (*details, t("check.ask_hint", id=ex.id)))


def _compare(ex, answer: Any, expected: Any) -> Feedback:
    if ex.expects == "number":
        if isinstance(answer, bool) or _kind(answer) != t("check.kind.number"):
            return _wrong_type(ex, answer)
        value = float(answer)
        if math.isnan(value):
            return _not_yet(ex, t("check.nan"))
        return _right(ex) if abs(value - float(expected)) <= ex.tolerance else _not_yet(ex, t("check.number_off"))
    if ex.expects == "text":
        if hasattr(answer, "isoformat") and not isinstance(answer, str):
            answer = answer.date().isoformat() if hasattr(answer, "date") and callable(answer.date) else answer.isoformat()
        if not isinstance(answer, str):
            return _wrong_type(ex, answer)
        return _right(ex) if fold(answer) == fold(str(expected)) else _not_yet(ex, t("check.text_off"))
    if ex.expects == "list":
        if hasattr(answer, "tolist") and not isinstance(answer, pd.DataFrame):
            answer = answer.tolist()  # a numpy array, pandas Series, Index or Categorical of values
        if not isinstance(answer, (list, tuple, set)) or isinstance(answer, str):
            return _wrong_type(ex, answer)
        got, want = list(answer), list(expected)
        if ex.ordered:
            if got == want:
                return _right(ex)
            if sorted(map(str, got)) == sorted(map(str, want)):
                return _not_yet(ex, t("check.order_off"))
        elif sorted(map(str, got)) == sorted(map(str, want)):
            return _right(ex)
        missing = [str(v) for v in want if v not in got]
        extra = [str(v) for v in got if v not in want]
        details = []
        if missing:
            details.append(t("check.missing_items", n=len(missing)))
        if extra:
            details.append(t("check.extra_items", items=", ".join(extra[:5])))
        return _not_yet(ex, *details)
    if ex.expects in ("dataframe", "series"):
        return _compare_frame(ex, answer, expected)
    if ex.expects in ("figure", "map"):
        if _kind(answer) != t(f"check.kind.{ex.expects}"):
            return _wrong_type(ex, answer)
        if _kind(expected) == t(f"check.kind.{ex.expects}"):
            problems = _figure_problems(answer, expected) if ex.expects == "figure" else _map_problems(answer, expected)
        else:  # the reference returned its own checker: answer -> list of problems
            problems = list(expected(answer) or [])
        return _right(ex) if not problems else _not_yet(ex, *problems)
    return _wrong_type(ex, answer)


def _compare_frame(ex, answer, expected) -> Feedback:
    if ex.expects == "series":
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        if not isinstance(answer, pd.Series):
            return _wrong_type(ex, answer)
        # a category counted 0 times means the same as a category not listed (value_counts vs groupby)
        answer = answer[~((answer.astype(str) == "0") & ~answer.index.isin(expected.index))]
        expected = expected[~((expected.astype(str) == "0") & ~expected.index.isin(answer.index))]
        got = answer.sort_index() if not ex.ordered else answer
        want = expected.sort_index() if not ex.ordered else expected
        if list(map(str, got.index)) != list(map(str, want.index)):
            missing = [str(i) for i in want.index if i not in got.index]
            return _not_yet(ex, t("check.missing_rows", n=len(missing), rows=", ".join(missing[:5])) if missing
                         else t("check.extra_rows", n=len(got) - len(want)))
        try:
            same = all(_same(a, b, ex.tolerance) for a, b in zip(got.tolist(), want.tolist()))
        except Exception:
            same = False
        return _right(ex) if same else _not_yet(ex, t("check.values_off"))
    if not isinstance(answer, pd.DataFrame):
        return _wrong_type(ex, answer)
    columns = ex.columns or list(expected.columns)
    missing_cols = [c for c in columns if c not in answer.columns]
    if missing_cols:
        return _not_yet(ex, t("check.missing_columns", columns=", ".join(missing_cols)))
    got, want = answer[columns].reset_index(drop=True), expected[columns].reset_index(drop=True)
    key = ex.key or columns
    got_keys = [tuple(map(str, r)) for r in got[key].itertuples(index=False)]
    want_keys = [tuple(map(str, r)) for r in want[key].itertuples(index=False)]
    missing = [k for k in want_keys if k not in got_keys]
    extra = [k for k in got_keys if k not in want_keys]
    if missing or extra:
        details = []
        if missing:
            details.append(t("check.missing_rows", n=len(missing), rows=", ".join("/".join(k) for k in missing[:5])))
        if extra:
            details.append(t("check.extra_rows", n=len(extra)))
        return _not_yet(ex, *details)
    if len(got_keys) != len(set(got_keys)):
        return _not_yet(ex, t("check.duplicate_rows"))
    if ex.ordered and got_keys != want_keys:
        return _not_yet(ex, t("check.order_off"))
    by_key_got = {k: r for k, r in zip(got_keys, got.itertuples(index=False))}
    for k, row in zip(want_keys, want.itertuples(index=False)):
        if not all(_same(a, b, ex.tolerance) for a, b in zip(by_key_got[k], row)):
            return _not_yet(ex, t("check.values_off"))
    return _right(ex)


def _figure_problems(answer: Any, expected: Any) -> list[str]:
    """Compare the structure of two matplotlib Figures: plot areas, lines, bars, points, title, labels.

    Only what the reference has is required: a reference without a title asks for none.
    """
    got_axes, want_axes = list(answer.axes), list(expected.axes)
    if len(got_axes) != len(want_axes):
        return [t("check.figure_axes", got=len(got_axes), want=len(want_axes))]
    problems = []
    for n, (got, want) in enumerate(zip(got_axes, want_axes), start=1):
        for key, attr in (("check.figure_lines", "lines"), ("check.figure_bars", "patches"),
                          ("check.figure_points", "collections")):
            if len(getattr(want, attr)) and len(getattr(got, attr)) != len(getattr(want, attr)):
                problems.append(t(key, n=n, got=len(getattr(got, attr)), want=len(getattr(want, attr))))
        if want.get_title().strip() and not got.get_title().strip():
            problems.append(t("check.figure_title", n=n))
        if (want.get_xlabel().strip() and not got.get_xlabel().strip()) or \
                (want.get_ylabel().strip() and not got.get_ylabel().strip()):
            problems.append(t("check.figure_labels", n=n))
    return problems


def _markers(element: Any) -> int:
    """Count the point markers on a folium map (Marker, CircleMarker, Circle), however deeply grouped."""
    import folium

    own = isinstance(element, (folium.Marker, folium.CircleMarker, folium.Circle))
    return int(own) + sum(_markers(child) for child in getattr(element, "_children", {}).values())


def _map_problems(answer: Any, expected: Any) -> list[str]:
    got, want = _markers(answer), _markers(expected)
    return [] if got == want else [t("check.map_markers", got=got, want=want)]


def _same(a: Any, b: Any, tolerance: float) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        if math.isnan(float(a)) or math.isnan(float(b)):
            return math.isnan(float(a)) and math.isnan(float(b))
        return abs(float(a) - float(b)) <= max(tolerance, 1e-9)
    return str(a) == str(b)


def check(exercise_id: str, answer: Any) -> Feedback:
    """Compare a student's answer with the exercise's expected result.

    Parameters
    ----------
    exercise_id : str
        The exercise id shown in the notebook, e.g. ``"03.1"``.
    answer : anything
        The student's answer; ``...`` means "not answered yet". A function of no arguments is
        called first, and any error it raises becomes a message.

    Returns
    -------
    Feedback
        Never raises.
    """
    from . import exercises
    from .progress import record

    try:
        ex = exercises.get(exercise_id)
    except exercises.ExerciseError as exc:  # the kit's own file is broken: say where, for the teacher
        return Feedback(str(exercise_id), False, t("check.kit_broken", error=str(exc)))
    except Exception:
        return Feedback(str(exercise_id), False, t("check.unknown_exercise", value=shorten(exercise_id)))
    if answer is Ellipsis:
        return Feedback(ex.id, False, t("check.not_answered"))
    if callable(answer) and not isinstance(answer, (pd.DataFrame, pd.Series)) and _kind(answer) == t(
            "check.kind.other", name=type(answer).__name__):
        try:
            answer = answer()
        except Exception as exc:  # the student's own code failed: explain, don't crash
            return Feedback(ex.id, False, t("check.code_raised", error=f"{type(exc).__name__}: {exc}"))
        if answer is Ellipsis:
            return Feedback(ex.id, False, t("check.not_answered"))
    if answer is None:
        return Feedback(ex.id, False, t("check.got_none"), (t("check.ask_hint", id=ex.id),))
    try:
        expected = ex.expected()
    except Exception as exc:  # a broken reference is the kit's fault, and says so
        return Feedback(ex.id, False, t("check.reference_failed", error=f"{type(exc).__name__}: {exc}"))
    try:
        feedback = _compare(ex, answer, expected)
    except Exception as exc:
        feedback = Feedback(ex.id, False, t("check.could_not_compare", error=f"{type(exc).__name__}: {exc}"),
                            (t("check.ask_hint", id=ex.id),))
    record(kind="exercise", item=ex.id, lesson=ex.lesson, answer=answer, correct=feedback.correct,
           score=1.0 if feedback.correct else 0.0)
    return feedback


def hint(exercise_id: str) -> str:
    """Return the next hint of an exercise (one more each call), in the current language.

    Examples
    --------
    >>> _hint_state.clear()
    >>> hint("00.1").startswith("Hint 1/2")
    True
    """
    from . import exercises

    try:
        ex = exercises.get(exercise_id)
    except exercises.ExerciseError as exc:
        return t("check.kit_broken", error=str(exc))
    except Exception:
        return t("check.unknown_exercise", value=shorten(exercise_id))
    if not ex.hints:
        return t("check.no_hints")
    n = _hint_state.get(ex.id, 0)
    _hint_state[ex.id] = min(n + 1, len(ex.hints))
    text = t("check.hint", n=min(n, len(ex.hints) - 1) + 1, total=len(ex.hints),
             text=ex.hints[min(n, len(ex.hints) - 1)][get_language()])
    if n >= len(ex.hints):
        text += " " + t("check.no_more_hints")
    return text
