"""Check a student's exercise answer and answer with a friendly message; never raise.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.check``.

Examples
--------
>>> import helpers
>>> check("00.1", ...).message
'Waiting for your answer: replace the ... with it, then run the cell again. Nothing was recorded.'
>>> check("00.1", 5).correct
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ._comparison import Feedback, error_text, safe_text
from ._comparison import compare as _compare
from .dates import parse_date  # noqa: F401  (read answers' dates; public here as before)
from .i18n import get_language, t
from .text import shorten

__all__ = ["Feedback", "Solution", "check", "hint", "solution"]

_hint_state: dict[str, int] = {}


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
    except Exception:  # a last guard: whatever happened, a message
        return Feedback(safe_text(exercise_id, 40), False, t("check.could_not_compare"))
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
                fingerprint=_fingerprint(answer),
            )
        except Exception:  # noqa: S110 - the record is a convenience; the feedback matters more
            pass
    return feedback


def _fingerprint(answer: Any) -> str | None:
    """A short hash of the answer's canonical text (a table's CSV); None when it has none.

    >>> import pandas as pd
    >>> _fingerprint(pd.DataFrame({"a": [1]})) == _fingerprint(pd.DataFrame({"a": [1]})) != _fingerprint(1)
    True
    """
    import hashlib

    try:
        if isinstance(answer, (pd.DataFrame, pd.Series)):
            text = answer.to_csv()
        elif isinstance(answer, (set, frozenset)):  # a set's order changes from one kernel to the next
            text = repr(sorted(repr(item) for item in answer))
        else:
            text = repr(answer)
    except Exception:  # a value without a text of its own (a failing repr, a huge int): recorded each time
        return None
    text = type(answer).__name__ + ":" + text
    return hashlib.sha256(text.encode("utf-8", "backslashreplace")).hexdigest()[:16]


def _untouched(ex: Any, answer: Any) -> bool:
    """Whether ``answer`` is what the exercise cell gives before the student changes it."""
    if answer is Ellipsis:
        return True
    return ex.untouched == "empty" and isinstance(answer, (pd.DataFrame, pd.Series, list)) and len(answer) == 0


def _find(exercise_id: Any) -> tuple[Any, Feedback | None]:
    """The exercise, or a feedback saying why there is none."""
    from . import exercises

    try:
        return exercises.get(exercise_id), None
    except exercises.ExerciseError as exc:  # the kit's own file is broken: say where, for the teacher
        return None, Feedback(safe_text(exercise_id, 40), False, t("check.kit_broken", error=safe_text(exc, 400)))
    except Exception:
        return None, Feedback(
            safe_text(exercise_id, 40), False, t("check.unknown_exercise", value=shorten(exercise_id, limit=40))
        )


def _check(exercise_id: Any, answer: Any) -> tuple[Feedback, Any]:
    ex, problem = _find(exercise_id)
    if problem is not None:
        return problem, None
    if _untouched(ex, answer):
        key = "check.not_answered" if answer is Ellipsis else "check.untouched_empty"
        return Feedback(ex.id, False, t(key), waiting=True), None
    if callable(answer) and not isinstance(answer, (pd.DataFrame, pd.Series)):
        owner = getattr(answer, "__self__", None)
        if getattr(answer, "__name__", "") == "mode" and isinstance(owner, (pd.DataFrame, pd.Series)):
            return Feedback(ex.id, False, t("check.mode_method"), (t("check.ask_hint", id=ex.id),)), ex
        name = safe_text(getattr(answer, "__name__", "") or type(answer).__name__, 40)
        return Feedback(ex.id, False, t("check.callable", name=name), (t("check.ask_hint", id=ex.id),)), ex
    if answer is None:
        return Feedback(ex.id, False, t("check.got_none"), (t("check.ask_hint", id=ex.id),)), ex
    try:
        expected = ex.expected()
    except Exception as exc:  # a broken reference is the kit's fault, and says so
        return Feedback(ex.id, False, t("check.reference_failed", error=error_text(exc))), None
    slip = _slip(ex, answer, expected)
    if slip is not None:  # a slip of form, not an answer: said, and not recorded
        return slip, None
    try:
        feedback = _compare(ex, answer, expected)
    except Exception:  # never pandas' own words: they may name an expected label
        feedback = Feedback(ex.id, False, t("check.could_not_compare"), (t("check.ask_hint", id=ex.id),))
    return feedback, ex


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _slip(ex: Any, answer: Any, expected: Any) -> Feedback | None:
    """A slip of form (not recorded as a try), or None: a decimal comma where a number is expected
    (``79,7`` is the pair ``(79, 7)`` in Python), a number typed between quotes, or an empty text.

    >>> print(_slip(None, (79, 7), 79.7).message)  # doctest: +ELLIPSIS
    In Python a comma separates two values: 79,7 gave the pair (79, 7). Write decimals with a dot: 79.7...
    >>> _slip(None, "Tripoli", "Tripoli") is None
    True
    """
    ident = getattr(ex, "id", "")
    if _is_number(expected) and isinstance(answer, tuple) and len(answer) == 2 and all(map(_is_number, answer)):
        forms = {"typed": "{},{}", "typed_pair": "{}, {}", "fixed": "{}.{}"}
        said = t("check.decimal_comma", **{key: form.format(*answer) for key, form in forms.items()})
        return Feedback(ident, False, said, waiting=True)
    if _is_number(expected) and isinstance(answer, str):
        written = answer.strip().replace(" ", "")
        if written and written.replace(",", "", 1).replace(".", "", 1).lstrip("-").isdigit():
            fixed = written.replace(",", ".") if written.count(",") == 1 and "." not in written else written
            return Feedback(
                ident, False, t("check.number_in_quotes", typed=safe_text(answer, 40), fixed=fixed), waiting=True
            )
    if isinstance(answer, str) and not answer.strip() and not (isinstance(expected, str) and not expected.strip()):
        return Feedback(ident, False, t("check.empty_text"), waiting=True)
    return None


@dataclass
class Solution:
    """The model solution of an exercise, shown by :func:`solution` (as code, in both displays)."""

    exercise: str
    message: str
    code: str = ""
    lang: str = field(default_factory=get_language)

    def __repr__(self) -> str:
        return self.message + ("\n\n" + self.code if self.code else "")

    def _repr_markdown_(self) -> str:
        from .text import code_block, markdown_in

        code = "\n\n" + code_block(self.code).replace("```text", "```python", 1) if self.code else ""
        return markdown_in(self.lang, self.message + code)


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
