"""Check a student's exercise answer and answer with a friendly message; never raise.

``check("03.1", answer)`` compares the answer with the result of the exercise's reference
function (computed from ``data/``) and returns a :class:`Feedback`: correct, or what is wrong
(wrong type, missing or extra rows, a missing column, a number too far off) with a pointer to
the hints. ``hint("03.1")`` gives the next hint, one at a time; ``solution("03.1")`` shows the
model solution and records that the student looked. Whatever the answer is (``...``, ``None``, a
list instead of a DataFrame, NaN, an object that raises), the result is a message in the current
language, never a traceback. A function given where a value is expected is refused with a message
(it is never called: a student's function could run for ever). Feedback never lists the expected
rows or items: it says how many are missing or extra and where to look.

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
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd

from . import status
from .i18n import get_language, t
from .text import fold, shorten

__all__ = ["Feedback", "Solution", "check", "hint", "solution"]

_hint_state: dict[str, int] = {}


def _safe_text(value: Any, limit: int = 120) -> str:
    """``str(value)`` cut to ``limit`` characters; never raises (a failing ``__str__``, lone surrogates)."""
    try:
        text = value if isinstance(value, str) else str(value)
    except Exception:
        return shorten(value, limit=limit)
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _error_text(exc: BaseException) -> str:
    """``"KeyError: 'x'"`` for an exception, shortened; never raises, even if its ``__str__`` does."""
    message = _safe_text(exc)
    name = type(exc).__name__
    return f"{name}: {message}" if message and not message.startswith("<") else name


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
        (
            "number",
            lambda v: (
                isinstance(v, (int, float))
                or type(v).__module__ == "numpy"
                and hasattr(v, "dtype")
                and getattr(v, "ndim", 1) == 0
            ),
        ),
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
    return Feedback(
        ex.id,
        False,
        t("check.wrong_type", given=_kind(answer), expected=t(f"check.expects.{ex.expects}")),
        (t("check.ask_hint", id=ex.id),),
    )


def _right(ex) -> Feedback:
    return Feedback(ex.id, True, t("check.correct"))


def _not_yet(ex, *details: str) -> Feedback:
    return Feedback(ex.id, False, t("check.not_yet"), (*details, t("check.ask_hint", id=ex.id)))


def _compare(ex, answer: Any, expected: Any) -> Feedback:
    if ex.expects == "number":
        if isinstance(answer, bool) or _kind(answer) != t("check.kind.number"):
            return _wrong_type(ex, answer)
        try:
            value = float(answer)
        except (OverflowError, ValueError, TypeError):
            return _not_yet(ex, t("check.number_off"))
        if math.isnan(value):
            return _not_yet(ex, t("check.nan"))
        return _right(ex) if abs(value - float(expected)) <= ex.tolerance else _not_yet(ex, t("check.number_off"))
    if ex.expects == "text":
        if hasattr(answer, "isoformat") and not isinstance(answer, str):
            answer = (
                answer.date().isoformat() if hasattr(answer, "date") and callable(answer.date) else answer.isoformat()
            )
        if not isinstance(answer, str):
            return _wrong_type(ex, answer)
        if _ISO_DATE.fullmatch(str(expected)):
            day = parse_date(answer)
            if day is not None:
                return _right(ex) if day == str(expected) else _not_yet(ex, t("check.date_off"))
        return _right(ex) if fold(answer) == fold(str(expected)) else _not_yet(ex, t("check.text_off"))
    if ex.expects == "list":
        return _compare_list(ex, answer, expected)
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


def _compare_list(ex, answer: Any, expected: Any) -> Feedback:
    """Compare lists by their items' text; duplicates and missing items are counted, never listed."""
    if isinstance(answer, pd.DataFrame):
        return Feedback(
            ex.id,
            False,
            t("check.wrong_type", given=_kind(answer), expected=t("check.expects.list")),
            (t("check.frame_for_list"), t("check.ask_hint", id=ex.id)),
        )
    if hasattr(answer, "tolist") and not isinstance(answer, str):
        answer = answer.tolist()  # a numpy array, pandas Series, Index or Categorical of values
    if not isinstance(answer, (list, tuple, set, frozenset)):
        return _wrong_type(ex, answer)
    got, want = [_safe_text(v, 500) for v in answer], [_safe_text(v, 500) for v in expected]
    if ex.ordered:
        if got == want:
            return _right(ex)
        if sorted(got) == sorted(want):
            return _not_yet(ex, t("check.order_off"))
    counts_got, counts_want = Counter(got), Counter(want)
    if counts_got == counts_want:
        return _right(ex)
    repeats = any(n > 1 for n in counts_got.values())
    if counts_got.keys() == counts_want.keys() and not ex.ordered:
        if not repeats:  # each right item once is right, even where the text repeats some
            return _right(ex)
        key = "check.list_repeats_once" if all(n == 1 for n in counts_want.values()) else "check.list_repeats"
        return _not_yet(ex, t(key, n=len(got)))
    details = []
    missing = [v for v in counts_want if v not in counts_got]
    extra = [v for v in counts_got if v not in counts_want]
    if missing:
        details.append(t("check.missing_items", n=len(missing)))
    if extra:
        details.append(t("check.extra_items", items=", ".join(_safe_text(v, 40) for v in extra[:5])))
    if repeats and all(n == 1 for n in counts_want.values()):
        details.append(t("check.list_repeats_once", n=len(got)))
    return _not_yet(ex, *details)


def _looks_like_mode(answer: Any, expected: Any) -> bool:
    """Whether a Series/DataFrame looks like the result of ``.mode()`` where counts were expected."""
    if isinstance(answer, pd.DataFrame):
        return "mode" in [str(c) for c in answer.columns]
    if isinstance(answer, pd.Series) and isinstance(expected, pd.Series) and isinstance(answer.index, pd.RangeIndex):
        labels = {str(i) for i in expected.index}
        values = [str(v) for v in answer.tolist()]
        return bool(values) and len(values) <= len(labels) and all(v in labels for v in values)
    return False


def _rows_off(ex, n_missing: int, n_extra: int, empty: bool) -> Feedback:
    """How many rows are missing or extra, and where to look; never which rows."""
    if empty:
        return _not_yet(ex, t("check.empty_table"))
    details = []
    if n_missing:
        details.append(t("check.missing_rows", n=n_missing))
    if n_extra:
        details.append(t("check.extra_rows", n=n_extra))
    return _not_yet(ex, *details)


def _compare_frame(ex, answer, expected) -> Feedback:
    if ex.expects == "series":
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        if _looks_like_mode(answer, expected):
            return _not_yet(ex, t("check.mode_result"))
        if not isinstance(answer, pd.Series):
            return _wrong_type(ex, answer)
        # a category counted 0 times means the same as a category not listed (value_counts vs groupby)
        answer = answer[~((answer.astype(str) == "0") & ~answer.index.isin(expected.index))]
        expected = expected[~((expected.astype(str) == "0") & ~expected.index.isin(answer.index))]
        got = answer.sort_index() if not ex.ordered else answer
        want = expected.sort_index() if not ex.ordered else expected
        got_labels, want_labels = [_safe_text(i) for i in got.index], [_safe_text(i) for i in want.index]
        if got_labels != want_labels:
            if sorted(got_labels) == sorted(want_labels):
                return _not_yet(ex, t("check.order_off"))
            missing = sum(1 for i in want_labels if i not in got_labels)
            extra = sum(1 for i in got_labels if i not in want_labels)
            return _rows_off(ex, missing, extra, empty=len(got_labels) == 0)
        try:
            same = all(_same(a, b, ex.tolerance) for a, b in zip(got.tolist(), want.tolist()))
        except Exception:
            same = False
        return _right(ex) if same else _not_yet(ex, t("check.values_off"))
    if not isinstance(answer, pd.DataFrame):
        return _wrong_type(ex, answer)
    if len(answer) == 0:
        return _rows_off(ex, len(expected), 0, empty=True)
    columns = ex.columns or list(expected.columns)
    missing_cols = [c for c in columns if c not in answer.columns]
    if missing_cols:
        return _not_yet(ex, t("check.missing_columns", columns=", ".join(missing_cols)))
    got, want = answer[columns].reset_index(drop=True), expected[columns].reset_index(drop=True)
    key = ex.key or columns
    got_keys = [tuple(_safe_text(v, 500) for v in r) for r in got[key].itertuples(index=False)]
    want_keys = [tuple(_safe_text(v, 500) for v in r) for r in want[key].itertuples(index=False)]
    missing = [k for k in want_keys if k not in got_keys]
    extra = [k for k in got_keys if k not in want_keys]
    if missing or extra:
        return _rows_off(ex, len(missing), len(extra), empty=len(got_keys) == 0)
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
        for key, attr in (
            ("check.figure_lines", "lines"),
            ("check.figure_bars", "patches"),
            ("check.figure_points", "collections"),
        ):
            if len(getattr(want, attr)) and len(getattr(got, attr)) != len(getattr(want, attr)):
                problems.append(t(key, n=n, got=len(getattr(got, attr)), want=len(getattr(want, attr))))
        if want.get_title().strip() and not got.get_title().strip():
            problems.append(t("check.figure_title", n=n))
        if (want.get_xlabel().strip() and not got.get_xlabel().strip()) or (
            want.get_ylabel().strip() and not got.get_ylabel().strip()
        ):
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
        try:
            return abs(float(a) - float(b)) <= max(tolerance, 1e-9)
        except OverflowError:
            return False
    return _safe_text(a, 500) == _safe_text(b, 500)


def check(exercise_id: str, answer: Any) -> Feedback:
    """Compare a student's answer with the exercise's expected result.

    Parameters
    ----------
    exercise_id : str
        The exercise id shown in the notebook, e.g. ``"03.1"``.
    answer : anything
        The student's answer; ``...`` means "not answered yet". A function is refused with a
        message (it is not called).

    Returns
    -------
    Feedback
        Never raises.

    Examples
    --------
    >>> check("00.1", len).message.startswith("You gave a function")
    True
    """
    try:
        feedback, ex = _check(exercise_id, answer)
    except Exception as exc:  # a last guard: whatever happened, a message
        return Feedback(_safe_text(exercise_id, 40), False, t("check.could_not_compare", error=_error_text(exc)))
    if ex is not None:
        try:
            from .progress import record

            record(
                kind="exercise",
                item=ex.id,
                lesson=ex.lesson,
                answer=shorten(answer, limit=200),
                correct=feedback.correct,
                score=1.0 if feedback.correct else 0.0,
            )
        except Exception:  # noqa: S110 - the record is a convenience; the feedback matters more
            pass
    return feedback


def _find(exercise_id: Any) -> tuple[Any, Feedback | None]:
    """The exercise, or a feedback saying why there is none."""
    from . import exercises

    try:
        return exercises.get(exercise_id), None
    except exercises.ExerciseError as exc:  # the kit's own file is broken: say where, for the teacher
        return None, Feedback(_safe_text(exercise_id, 40), False, t("check.kit_broken", error=_safe_text(exc, 400)))
    except Exception:
        return None, Feedback(
            _safe_text(exercise_id, 40), False, t("check.unknown_exercise", value=shorten(exercise_id, limit=40))
        )


def _check(exercise_id: Any, answer: Any) -> tuple[Feedback, Any]:
    ex, problem = _find(exercise_id)
    if problem is not None:
        return problem, None
    if answer is Ellipsis:
        return Feedback(ex.id, False, t("check.not_answered")), None
    if callable(answer) and not isinstance(answer, (pd.DataFrame, pd.Series)):
        owner = getattr(answer, "__self__", None)
        if getattr(answer, "__name__", "") == "mode" and isinstance(owner, (pd.DataFrame, pd.Series)):
            return Feedback(ex.id, False, t("check.mode_method"), (t("check.ask_hint", id=ex.id),)), ex
        name = _safe_text(getattr(answer, "__name__", "") or type(answer).__name__, 40)
        return Feedback(ex.id, False, t("check.callable", name=name), (t("check.ask_hint", id=ex.id),)), ex
    if answer is None:
        return Feedback(ex.id, False, t("check.got_none"), (t("check.ask_hint", id=ex.id),)), ex
    try:
        expected = ex.expected()
    except Exception as exc:  # a broken reference is the kit's fault, and says so
        return Feedback(ex.id, False, t("check.reference_failed", error=_error_text(exc))), None
    try:
        feedback = _compare(ex, answer, expected)
    except Exception as exc:
        feedback = Feedback(
            ex.id, False, t("check.could_not_compare", error=_error_text(exc)), (t("check.ask_hint", id=ex.id),)
        )
    return feedback, ex


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("january", "januari", "jan"),
            ("february", "februari", "feb", "pebruari"),
            ("march", "maret", "mar"),
            ("april", "apr"),
            ("may", "mei"),
            ("june", "juni", "jun"),
            ("july", "juli", "jul"),
            ("august", "agustus", "aug", "agu", "agt"),
            ("september", "sep", "sept"),
            ("october", "oktober", "oct", "okt"),
            ("november", "nov", "nopember"),
            ("december", "desember", "dec", "des"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?\s+(\d{4})")


def parse_date(text: str) -> str | None:
    """Read a date a student typed, in English or Indonesian; return it as ``YYYY-MM-DD`` or None.

    A day name in front ("Wednesday", "Rabu") and commas are ignored. Dates written only with
    numbers are read only as ``YYYY-MM-DD`` (``08/01/2020`` means different days in different
    countries).

    Examples
    --------
    >>> parse_date("8 Januari 2020"), parse_date("Wednesday, January 8th, 2020"), parse_date("2020-1-8")
    ('2020-01-08', '2020-01-08', '2020-01-08')
    >>> parse_date("next week") is None
    True
    """
    import datetime as dt

    folded = fold(_safe_text(text, 100)).replace(",", " ").replace(".", " ")
    folded = " ".join(folded.split())
    numeric = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", folded)
    found = None
    if numeric:
        found = (int(numeric[1]), int(numeric[2]), int(numeric[3]))
    else:
        for pattern, order in ((_DAY_MONTH_YEAR, (3, 2, 1)), (_MONTH_DAY_YEAR, (3, 1, 2))):
            match = pattern.search(folded)
            if match and match[order[1]] in _MONTHS:
                found = (int(match[order[0]]), _MONTHS[match[order[1]]], int(match[order[2]]))
                break
    if found is None:
        return None
    try:
        return dt.date(*found).isoformat()
    except ValueError:
        return None


@dataclass
class Solution:
    """The model solution of an exercise, shown by :func:`solution` (as code, in both displays)."""

    exercise: str
    message: str
    code: str = ""

    def __repr__(self) -> str:
        return self.message + ("\n\n" + self.code if self.code else "")

    def _repr_markdown_(self) -> str:
        from .text import code_block

        return self.message + ("\n\n" + code_block(self.code).replace("```text", "```python", 1) if self.code else "")


def solution(exercise_id: str) -> Solution:
    """Show the model solution of an exercise, and record in the progress file that you looked.

    Try the hints first (``helpers.hint``): the teacher sees which exercises were solved after
    looking at the solution.

    Examples
    --------
    >>> shown = solution("00.1")
    >>> "boilerplate" in shown.code
    True
    >>> solution("99.9").code
    ''
    """
    ex, problem = _find(exercise_id)
    if problem is not None:
        return Solution(problem.exercise, problem.message)
    try:
        from .progress import record

        record(kind="solution", item=ex.id, lesson=ex.lesson, answer="", correct=False, score=0.0)
    except Exception:  # noqa: S110 - showing the solution matters more than the record
        pass
    return Solution(ex.id, t("check.solution", id=ex.id), ex.solution)


def hint(exercise_id: str) -> str:
    """Return the next hint of an exercise (one more each call), in the current language.

    Examples
    --------
    >>> _hint_state.clear()
    >>> hint("00.1").startswith("Hint 1/2")
    True
    """
    ex, problem = _find(exercise_id)
    if problem is not None:
        return problem.message
    if not ex.hints:
        return t("check.no_hints")
    n = _hint_state.get(ex.id, 0)
    _hint_state[ex.id] = min(n + 1, len(ex.hints))
    text = t(
        "check.hint",
        n=min(n, len(ex.hints) - 1) + 1,
        total=len(ex.hints),
        text=ex.hints[min(n, len(ex.hints) - 1)][get_language()],
    )
    if n >= len(ex.hints):
        text += " " + t("check.no_more_hints")
    return text
