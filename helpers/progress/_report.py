"""The student's progress report: scores per lesson and per question, and a chart (:func:`helpers.progress.report`).

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"kind": ["exercise"] * 2, "item": ["00.1"] * 2, "lesson": ["00"] * 2, "score": [0.0, 1.0]})
>>> print(build_report(frame, "en").questions.to_string(index=False))
lesson question  tries  first try score  final score  solution seen
    00     00.1      2              0.0          1.0          False
"""

from __future__ import annotations

import base64
import io
from typing import Any

import pandas as pd

from ..i18n import t
from ..style import INK
from ._format import one_line

__all__ = ["ProgressReport", "build_report", "per_lesson", "per_question", "plain_labels"]


def plain_labels(labels: Any) -> None:
    """Draw chart texts as typed: no mathtext (``$...$``) and no LaTeX, whatever the rcParams.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> ax.set_yticks([0], labels=[r"$\\alert$"])  # doctest: +ELLIPSIS
    [...]
    >>> plain_labels(ax.get_yticklabels())
    """
    for label in labels:
        label.set_parse_math(False)
        label.set_usetex(False)


class ProgressReport:
    """Scores per lesson (``.table``), first and final score per question (``.questions``), a chart."""

    def __init__(self, table: pd.DataFrame, figure: Any, lang: str, questions: pd.DataFrame | None = None, exam=0):
        self.table, self.figure, self.lang = table, figure, lang
        self.questions = questions if questions is not None else pd.DataFrame()
        self.note = t("progress.exam_unscored", lang=lang, count=exam) if exam else ""  # the teacher scores them

    def __repr__(self) -> str:
        if self.table.empty:
            return self.note or t("progress.nothing_yet", lang=self.lang)
        text = self.table.to_string(index=False)
        if not self.questions.empty:
            text += "\n\n" + self.questions.to_string(index=False)
        return text + ("\n\n" + self.note if self.note else "")

    def _repr_html_(self) -> str:
        if self.table.empty:
            return f'<p lang="{self.lang}">{self.note or t("progress.nothing_yet", lang=self.lang)}</p>'
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
        image = base64.b64encode(buffer.getvalue()).decode()
        alt = t("progress.chart_alt", lang=self.lang)
        questions = self.questions.to_html(index=False) if not self.questions.empty else ""
        image = f'<img alt="{alt}" src="data:image/png;base64,{image}">' + (f"<p>{self.note}</p>" if self.note else "")
        return f'<div lang="{self.lang}">{self.table.to_html(index=False)}{questions}{image}</div>'


def per_question(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """First-attempt score and final score side by side, per question (in the order tried)."""
    tried = frame[frame["kind"].isin(["quiz", "exercise"])]
    if tried.empty:
        return pd.DataFrame()
    grouped = tried.groupby(["lesson", "item"], sort=False)["score"]
    table = pd.DataFrame(
        {"first_score": grouped.first(), "final_score": grouped.last(), "tries": grouped.size()}
    ).reset_index()
    looked = set(frame.loc[frame["kind"] == "solution", "item"])
    table["solution_seen"] = table["item"].isin(looked)
    table = table[["lesson", "item", "tries", "first_score", "final_score", "solution_seen"]]
    return table.rename(columns={c: t(f"progress.col.{c}", lang=lang) for c in table.columns})


def per_lesson(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    best = frame.groupby(["lesson", "item"], as_index=False)["score"].max()
    tries = frame.groupby("lesson").size().rename("tries")
    table = best.groupby("lesson").agg(items=("item", "count"), mean_best_score=("score", "mean")).join(tries)
    table = table.reset_index()[["lesson", "items", "tries", "mean_best_score"]]
    table["mean_best_score"] = table["mean_best_score"].round(2)
    return table.rename(columns={c: t(f"progress.col.{c}", lang=lang) for c in table.columns})


def build_report(frame: pd.DataFrame, lang: str) -> ProgressReport:
    """The report of a frame of attempts (as :func:`helpers.progress.attempts` returns them); exam
    answers, unscored here (``score`` null), are counted in a note, never shown as a score of 0."""
    from matplotlib.figure import Figure  # not pyplot: no backend is chosen or switched

    unscored = frame["score"].isna() & (frame["kind"] != "solution")
    exam, frame = int(unscored.sum()), frame[~unscored]
    scored = frame[frame["kind"] != "solution"]
    table = per_lesson(scored, lang) if not scored.empty else pd.DataFrame()
    questions = per_question(frame, lang) if not frame.empty else pd.DataFrame()
    figure = None
    if not table.empty:
        figure = Figure(figsize=(6, max(3.0, 0.3 * len(table) + 1)))
        ax = figure.subplots()
        positions = range(len(table))
        ax.barh(positions, table.iloc[:, 3], color=INK["score"])  # no side's colour
        ax.set_yticks(positions, labels=[one_line(lesson, 40) for lesson in table.iloc[:, 0]])
        plain_labels(ax.get_yticklabels())
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel(t("progress.col.mean_best_score", lang=lang))
        ax.set_title(t("progress.chart_title", lang=lang))
    return ProgressReport(table, figure, lang, questions, exam=exam)
