"""The class summary's counting and drawing: per question, per student, exam apart from practice.

:mod:`kit_teacher.summary` reads the handed-in files (bounded, hostile files refused) into
:class:`Attempt` rows; a :class:`Tally` counts them:

- per question and mode (exam answers are never mixed with practice ones): students, tries,
  the share of tries correct, the share of students right at their first and at their last try,
  the most common wrong answer (as the option's text, :func:`answer_text`), and how many
  students looked at the model solution (progress kind ``solution``);
- per student: each question's first and last result (``✘ → ✔``) and the model solutions
  looked at.

An attempt seen twice (the same student, item, answer, result and time: a student who handed
in on two days) counts once. The rows come scored by :mod:`kit_teacher.scoring` (the teacher's
banks, never the file's word); an exam answer no bank here can score is shown as ``?``. A record says its mode when it has a ``mode`` field, or (a raw
progress file) when its quiz explanation came ``after_submit``, which only exam mode does;
records that say neither are shown without a mode.

Examples
--------
>>> tally = Tally()
>>> tally.add([Attempt("Ayu", "00.1", "4", False), Attempt("Ayu", "00.1", "5", True),
...            Attempt("Ayu", "00.1", "", False, kind="solution")])  # the rows counted
3
>>> tally.students("en").iloc[0].tolist()
['Ayu', '✘ → ✔', '00.1']
"""

from __future__ import annotations

import ast
import io
from collections import Counter
from typing import Any, NamedTuple

import pandas as pd

from helpers.i18n import t
from helpers.progress import plain_labels
from helpers.style import INK

__all__ = ["Attempt", "Skip", "Tally", "answer_text", "chart_png", "MAX_CHART_ITEMS"]

#: Most questions drawn in the chart (the table keeps them all).
MAX_CHART_ITEMS = 100
#: Longest answer shown as it is; longer ones are table or list dumps, named as such.
_SHOWN_ANSWER = 80


class Skip(Exception):
    """A handed-in file is skipped; carries the catalogue key and values of the reason."""

    def __init__(self, key: str, **values: Any):
        super().__init__(key)
        self.key, self.values = key, values


class Attempt(NamedTuple):
    """One recorded try as the summary reads it."""

    student: str
    item: str
    answer: str
    correct: bool | None  # None: an exam's answer recorded unscored, which no bank here scores
    kind: str = ""
    mode: str = ""
    time: str = ""


def answer_text(item: str, answer: str, lang: str) -> str:
    """A recorded answer as the teacher reads it: an option's key becomes the option's text.

    Quizzes record the option's key (``b``, ``turkey``), a set or list of keys, or pairs of keys;
    each is looked up in the teacher's question bank (:func:`kit_teacher.scoring.bank_question`) and shown in
    ``lang``. Anything else (a typed number or word, an exercise's answer) is shown as recorded; a
    long table or list dump is named as such. This is the one place that maps recorded options.

    Examples
    --------
    >>> answer_text("04-foreign-backing/q2", "b", "en")[:17]
    'Denied by France '
    >>> answer_text("04-foreign-backing/q4", "{'qatar', 'turkey'}", "id")
    'Qatar; Turki'
    >>> answer_text("00.1", "4", "en")
    '4'
    """
    from .scoring import bank_question  # the teacher's banks, read once

    q = bank_question(item) if "/" in item else None
    if q is not None:
        labels = {str(e["key"]): q.label(e, lang) for e in [*q.entries, *q.right]}
        try:
            value = ast.literal_eval(answer) if answer[:1] in "[({" else answer
        except Exception:  # not a literal (or a hostile one): the answer as recorded
            value = answer
        if isinstance(value, str) and value in labels:
            return labels[value]
        if isinstance(value, (set, frozenset)) and value and all(str(v) in labels for v in value):
            return "; ".join(sorted(labels[str(v)] for v in value))
        if isinstance(value, (list, tuple)) and value and all(str(v) in labels for v in value):
            return " → ".join(labels[str(v)] for v in value)
        if isinstance(value, dict) and value and all(str(k) in labels for k in value):
            return "; ".join(f"{labels[str(k)]} → {labels.get(str(v), str(v))}" for k, v in value.items())
    if len(answer) > _SHOWN_ANSWER:
        return t("summary.long_answer", lang=lang)
    return answer


def _mode_label(mode: str, lang: str) -> str:
    return t(f"summary.mode.{mode}", lang=lang) if mode in ("exam", "practice") else ""


class Tally:
    """Per question and mode, and per student: tries, first and last results, wrong answers, solutions."""

    def __init__(self, *, max_items: int = 2_000, max_rows: int = 1_000_000, max_file_items: int = 1_000) -> None:
        self.items: dict[tuple[str, str], list[Any]] = {}
        self.per_student: dict[str, dict[tuple[str, str], list[bool]]] = {}
        self.solutions: dict[str, set[str]] = {}  # student -> exercises whose solution they looked at
        self.rows = 0
        self.max_items, self.max_rows, self.max_file_items = max_items, max_rows, max_file_items
        self._seen: set[int] = set()

    def add(self, rows: list[Attempt]) -> int:
        """Count a file's rows (return how many were new), or raise :class:`Skip` when they would pass a cap."""
        distinct = {row.item for row in rows}
        if len(distinct) > self.max_file_items:
            raise Skip("summary.skip.too_many_items", limit=self.max_file_items)
        if self.rows + len(rows) > self.max_rows:
            raise Skip("summary.skip.class_rows", limit=self.max_rows)
        known = {item for item, _ in self.items}
        if len(known) + len(distinct - known) > self.max_items:
            raise Skip("summary.skip.class_items", limit=self.max_items)
        self.rows += len(rows)
        new = 0
        for row in rows:
            if row.time:  # a student who handed in twice: the attempts of the first file count once
                seen = hash(row)
                if seen in self._seen:
                    continue
                self._seen.add(seen)
            new += 1
            if row.kind == "solution":
                self.solutions.setdefault(row.student, set()).add(row.item)
                self.per_student.setdefault(row.student, {})
                continue
            entry = self.items.get((row.item, row.mode))
            if entry is None:
                entry = self.items[(row.item, row.mode)] = [set(), 0, 0, Counter(), {}]
            entry[0].add(row.student)
            first_last = entry[4].setdefault(row.student, [row.correct, row.correct])
            first_last[1] = row.correct  # rows come in the order they were recorded
            entry[1] += 1
            if row.correct:
                entry[2] += 1
            else:
                entry[3][row.answer] += 1
            self.per_student.setdefault(row.student, {})[(row.item, row.mode)] = first_last
        return new

    def table(self, lang: str) -> pd.DataFrame:
        """One row per question and mode."""
        keys = ("item", "students", "tries", "share_correct", "common_wrong", "first_right", "last_right")
        columns = [t(f"summary.col.{key}", lang=lang) for key in (*keys, "solution_seen", "mode")]
        rows = []
        for item, mode in sorted(self.items, key=_practice_first):
            students, tries, correct, wrong, first_last = self.items[(item, mode)]
            common = min(wrong.items(), key=lambda pair: (-pair[1], pair[0]))[0] if wrong else ""
            first = sum(1 for f, _ in first_last.values() if f) / len(first_last)
            last = sum(1 for _, f in first_last.values() if f) / len(first_last)
            looked = sum(1 for seen in self.solutions.values() if item in seen)
            rows.append(
                [
                    item,
                    len(students),
                    tries,
                    round(correct / tries, 2),
                    answer_text(item, common, lang) if common else "",
                    round(first, 2),
                    round(last, 2),
                    looked,
                    _mode_label(mode, lang),
                ]
            )
        return pd.DataFrame(rows, columns=columns)

    def students(self, lang: str) -> pd.DataFrame:
        """One row per student: each question's first and last result (``✘ → ✔``), solutions looked at."""
        questions = sorted(self.items, key=_practice_first)
        names = [item + (f" ({_mode_label(mode, lang)})" if mode == "exam" else "") for item, mode in questions]
        rows = []
        for student in sorted(self.per_student):
            done = self.per_student[student]
            cells = []
            for key in questions:
                first, last = done.get(key, (None, None))
                cells.append("" if first is None else f"{_mark(first)} → {_mark(last)}")
            rows.append([student, *cells, ", ".join(sorted(self.solutions.get(student, ())))])
        columns = [t("summary.col.student", lang=lang), *names, t("summary.col.solutions", lang=lang)]
        return pd.DataFrame(rows, columns=columns)


def _practice_first(key: tuple[str, str]) -> tuple[str, bool, str]:
    """Questions in id order; for each, practice (or unknown) before exam."""
    return key[0], key[1] == "exam", key[1]


def _mark(correct: bool | None) -> str:
    return "?" if correct is None else "✔" if correct else "✘"  # ?: an exam answer no bank here can score


def chart_png(summary: pd.DataFrame, lang: str, printable: Any) -> bytes:
    """The chart: per question, the percentage of students right at their first try beside their last."""
    from matplotlib.figure import Figure  # not pyplot: no backend is chosen or switched

    shown = summary.iloc[:MAX_CHART_ITEMS]
    exam = t("summary.mode.exam", lang=lang)
    labels = [
        printable(str(item) + (f" ({exam})" if mode == exam else ""), 40)
        for item, mode in zip(shown.iloc[:, 0], shown.iloc[:, 8])
    ]
    # Room for the labels from their length, so the figure is drawn once (no tight bounding box)
    label_inches = 0.3 + 0.075 * max(len(label) for label in labels)
    height = max(2.8, 0.4 * len(shown) + 1.6)
    figure = Figure(figsize=(label_inches + 5.5, height))
    figure.subplots_adjust(
        left=label_inches / (label_inches + 5.5), right=0.96, bottom=0.6 / height, top=1 - 0.5 / height
    )
    ax = figure.subplots()
    positions = list(range(len(shown)))
    first, last = shown.iloc[:, 5] * 100, shown.iloc[:, 6] * 100
    # no side's colour (issue 23): the first try hatched, the last solid, both in the score ink
    ax.barh(
        [p - 0.2 for p in positions],
        first,
        height=0.4,
        color=INK["paper"],
        edgecolor=INK["score"],
        hatch="///",
        label=t("summary.first_try", lang=lang),
    )
    ax.barh([p + 0.2 for p in positions], last, height=0.4, color=INK["score"], label=t("summary.last_try", lang=lang))
    ax.set_yticks(positions, labels=labels, fontsize=9)
    plain_labels(ax.get_yticklabels())
    ax.set_ylim(len(shown) - 0.5, -0.5)  # first question on top
    ax.set_xlim(0, 100)
    ax.set_xlabel(t("summary.chart_axis", lang=lang))
    ax.set_title(t("summary.chart_title", lang=lang), fontsize=10)
    ax.legend(loc="best", fontsize=8, framealpha=0.9)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()
