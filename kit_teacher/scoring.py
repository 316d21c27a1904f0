"""The class summary scores the answers itself: a handed-in file's own verdicts are never trusted.

A student's file (:func:`helpers.hand_in`, or a raw ``progress.jsonl``) says for each answer
whether it was right; anyone can write that file. So for every quiz answer whose question is in
this checkout's question banks (the teacher edition's keys, :func:`helpers.quiz_bank.load_bank`),
:func:`verdict` reads the recorded answer back (the option keys the kit records: ``b``, ``a,c``,
``true``, ``79.7``, ``a=GNA,b=LNA``; older files' ``{'a', 'c'}`` too) and scores it with the
bank's own question type (:data:`helpers.quiz_kinds.KINDS`): right only when fully right, as the
quiz says. An exam's answers are recorded unscored (``correct`` empty) and scored here. An answer
that cannot be read is wrong.

Exercises are counted as recorded: a checked exercise records a short text of the student's value
(a table is cut to 200 characters), which cannot be compared with the model answer again; the
summary says so.

:class:`Review` also keeps what the teacher should look at (:meth:`Review.flags`): a file whose
verdicts disagree with the key, a file naming several students, a name found in several files,
and a file handed in twice (the same bytes again, or only answers already counted).

Examples
--------
>>> verdict("00-start-here/q1", "b"), verdict("00-start-here/q1", "a"), verdict("00.1", "4")
(True, False, None)
>>> verdict("04-foreign-backing/q4", "italy,qatar,turkey"), verdict("04-foreign-backing/q4", "{'qatar', 'turkey'}")
(True, False)
>>> from kit_teacher.tally import Attempt
>>> review = Review()
>>> rows = review.file("eve.csv", [Attempt("Eve", "00-start-here/q1", "a", True, "quiz")])
>>> rows[0].correct, review.flags("en")[0][1]
(False, '1 answer(s) marked right or wrong against your question banks: scored with the banks here')
"""

from __future__ import annotations

import ast
import functools
import hashlib
import re
from typing import Any

from helpers.i18n import t
from helpers.paths import lesson_slugs
from helpers.quiz_kinds import KINDS, Unclear

__all__ = ["Review", "bank_question", "recorded_value", "verdict"]

_SEPARATORS = re.compile(r"[,;]\s*|\s+")
_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?")  # as the kit records a number (79.7, 2011.0)
#: Most names shown in one flag (a file of 300 invented students is named, not listed).
_SHOWN_NAMES = 5


@functools.lru_cache(maxsize=256)
def bank_question(item: str) -> Any:
    """The teacher's question behind a quiz item ``lesson/qid``, with its key (None for anything else)."""
    lesson, _, qid = item.rpartition("/")
    if not qid or lesson not in lesson_slugs():  # one of the kit's lessons, never a path elsewhere
        return None
    from helpers.quiz_bank import load_bank  # the banks load only when an item names a lesson

    try:  # every question of the bank (one that draws per student too), with its key
        return next((q for q in load_bank(lesson)[1] if q.id == qid), None)
    except Exception:  # a bank that does not load: the answer is counted as recorded
        return None


def _literal(text: str) -> Any:
    try:
        return ast.literal_eval(text) if text[:1] in "[({" and len(text) <= 2_000 else text
    except Exception:  # not a literal (or a hostile one): the text as recorded
        return text


def recorded_value(q: Any, answer: str) -> Any:
    """A recorded answer read back in the form the question type scores (None if it cannot be read).

    Examples
    --------
    >>> q = bank_question("02-who-is-who/q5")
    >>> recorded_value(q, "conte=mediator,guterres=un,haftar=commander") == q.answer
    True
    >>> recorded_value(bank_question("00-start-here/q5"), "79.7"), recorded_value(bank_question("00-start-here/q2"), "x")
    (79.7, None)
    """
    text = str(answer).strip()
    value = _literal(text)
    try:
        if q.type in ("single", "text"):
            return text or None
        if q.type == "truefalse":
            return KINDS["truefalse"].parse(q, text, [])
        if q.type == "numeric":
            return float(text) if _NUMBER.fullmatch(text) else KINDS["numeric"].parse(q, text, [])
        if isinstance(value, str):
            value = [part for part in _SEPARATORS.split(value) if part]
            if q.type == "matching":
                value = dict(part.split("=", 1) for part in value if "=" in part)
        if q.type == "multiple":
            return {str(v) for v in value} if isinstance(value, (set, list, tuple)) else None
        if q.type == "ordering":
            return [str(v) for v in value] if isinstance(value, (list, tuple)) else None
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else None
    except (Unclear, TypeError, ValueError):
        return None


@functools.lru_cache(maxsize=65_536)  # a class gives the same answers again and again
def verdict(item: str, answer: str) -> bool | None:
    """Whether a recorded quiz answer is right by the teacher's key; None when there is no key (an exercise)."""
    q = bank_question(item)
    if q is None or q.answer is None:
        return None
    value = recorded_value(q, answer)
    try:
        return value is not None and KINDS[q.type].score(q, value) >= 1.0
    except Exception:  # an option key the bank does not have, a value of another shape: not right
        return False


class Review:
    """Rescores each file's quiz answers and keeps what the teacher should look at, file by file."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}  # a file's bytes (hash) -> the first file with them
        self.names: dict[str, list[str]] = {}  # a student's name -> the files naming them
        self.found: list[tuple[str, str, dict[str, Any]]] = []  # (file, message key, values)
        self.exercises = False  # whether an answer no bank here can score (an exercise) was counted as recorded

    def same_as(self, name: str, data: bytes) -> str | None:
        """The earlier file with exactly these bytes (a file handed in twice: noted, counted once), else None."""
        earlier = self.seen.setdefault(hashlib.sha256(data).hexdigest(), name)
        if earlier == name:
            return None
        self.found.append((name, "summary.flag.same_file", {"earlier": earlier}))
        return earlier

    def file(self, name: str, rows: list[Any]) -> list[Any]:
        """The file's rows with each quiz answer scored by the key; what disagrees is noted."""
        out, disagree = [], 0
        for row in rows:
            right = verdict(row.item, row.answer) if row.kind != "solution" else None
            self.exercises = self.exercises or (right is None and row.kind != "solution")  # no key here
            if right is not None and row.correct is not None and bool(row.correct) != right:
                disagree += 1
            out.append(row if right is None else row._replace(correct=right))
        if disagree:
            self.found.append((name, "summary.flag.disagree", {"count": disagree}))
        students = sorted({row.student for row in rows})
        if len(students) > 1:
            shown = ", ".join(students[:_SHOWN_NAMES]) + (", …" if len(students) > _SHOWN_NAMES else "")
            self.found.append((name, "summary.flag.several", {"count": len(students), "names": shown}))
        for student in students:
            self.names.setdefault(student, []).append(name)
        return out

    def repeated(self, name: str) -> None:
        """Note a file whose answers were all counted before, from another file (handed in twice: counted once)."""
        self.found.append((name, "summary.flag.twice", {}))

    def flags(self, lang: str) -> list[tuple[str, str]]:
        """``(file, what to look at)`` for every flag, in the teacher's language; names in several files last."""
        out = [(name, t(key, lang=lang, **values)) for name, key, values in self.found]
        for student, files in sorted(self.names.items()):
            if len(files) > 1:
                out.append((", ".join(files), t("summary.flag.name_twice", lang=lang, name=student, count=len(files))))
        return out
