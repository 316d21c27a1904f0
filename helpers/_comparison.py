"""How a student's answer is compared with the reference: by the kind of answer an exercise expects.

Each comparison returns a :class:`Feedback` that says what is wrong (the wrong kind of value,
how many rows or items are missing or extra, a column that is not there, a number too far off)
without ever listing the expected rows or items. :func:`helpers.check.check` calls
:func:`compare`; nothing here raises on a student's value.

Examples
--------
>>> _kind([1, 2]) == _kind(["a"])
True
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd

from . import status
from .dates import ISO_DATE, parse_date
from .i18n import t
from .text import fold, shorten

__all__ = ["Feedback", "compare", "error_text", "safe_text"]


def safe_text(value: Any, limit: int = 120) -> str:
    """``str(value)`` cut to ``limit`` characters; never raises (a failing ``__str__``, lone surrogates)."""
    try:
        text = value if isinstance(value, str) else str(value)
    except Exception:
        return shorten(value, limit=limit)
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_text(exc: BaseException) -> str:
    """``"KeyError: 'x'"`` for an exception, shortened; never raises, even if its ``__str__`` does."""
    message = safe_text(exc)
    name = type(exc).__name__
    return f"{name}: {message}" if message and not message.startswith("<") else name


@dataclass
class Feedback:
    """What :func:`check` found: ``correct``, a ``message`` and, when wrong, details.

    ``waiting`` marks an exercise not answered yet: shown without a mark, as neither right nor wrong.
    """

    exercise: str
    correct: bool
    message: str
    details: tuple[str, ...] = ()
    waiting: bool = False

    def __repr__(self) -> str:
        if self.waiting:
            return self.message
        return status.box_text(float(self.correct), self.message, details=self.details)

    def __bool__(self) -> bool:
        return self.correct

    def _repr_html_(self) -> str:
        if self.waiting:
            return status.notice_html(self.message)
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


def compare(ex, answer: Any, expected: Any) -> Feedback:
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
        if ISO_DATE.fullmatch(str(expected)):
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
    got, want = [safe_text(v, 500) for v in answer], [safe_text(v, 500) for v in expected]
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
        details.append(t("check.extra_items", items=", ".join(safe_text(v, 40) for v in extra[:5])))
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
        if answer.index.nlevels != expected.index.nlevels:  # grouped by two columns: said, no label named
            return _not_yet(ex, t("check.index_levels", got=answer.index.nlevels, want=expected.index.nlevels))
        # a category counted 0 times means one not listed (value_counts vs groupby); labels compared as text
        got_labels, want_labels = (pd.Index(list(map(safe_text, s.index))) for s in (answer, expected))
        answer = answer[~((answer.astype(str) == "0").to_numpy() & ~got_labels.isin(want_labels))]
        expected = expected[~((expected.astype(str) == "0").to_numpy() & ~want_labels.isin(got_labels))]
        # unordered: sorted by the labels' text (not by a category's own order, nor failing on mixed types)
        got, want = (
            s if ex.ordered else s.iloc[pd.Index(list(map(safe_text, s.index))).argsort(kind="stable")]
            for s in (answer, expected)
        )
        got_labels, want_labels = [safe_text(i) for i in got.index], [safe_text(i) for i in want.index]
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
    got_keys = [tuple(safe_text(v, 500) for v in r) for r in got[key].itertuples(index=False)]
    want_keys = [tuple(safe_text(v, 500) for v in r) for r in want[key].itertuples(index=False)]
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
    return safe_text(a, 500) == safe_text(b, 500)
