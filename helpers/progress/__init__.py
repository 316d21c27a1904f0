"""A student's progress: every quiz answer and exercise check, kept safely on disk.

Each attempt is one JSON line in ``progress.jsonl`` in the folder named by the environment
variable ``KIT_PROGRESS_DIR`` (default: ``~/.libya-kit/``).

Writing appends: the new line goes to the end of the file in one ``write`` (looped over short
writes) and is flushed to disk with ``fsync``. A save therefore costs the same at 50 lines or
50,000 and needs free space for one line only. Nothing a student did is lost: earlier lines are
never rewritten, and a writer killed mid-line leaves at most that one torn line, which the next
save closes with a newline first so it cannot glue onto the new one. Two kernels of the same
student writing at once take turns through a lock file (``progress.jsonl.lock``), so their lines
never interleave, even where the file system splits an append. Temporary files left by a killed
writer of an older version (``.progress-*``) are removed at the next save.

Reading goes line by line: a line that is not UTF-8, not JSON, or not an attempt (an ``item`` or
``lesson`` that is an object or a list) is skipped and counted, and a byte-order mark is ignored,
so one bad line never costs the others. Only a file that cannot be opened at all is moved aside
(``progress.jsonl.corrupt-<time>``) with a warning.

The teacher's class summary of the files students hand in (made with :func:`export`) is a
teacher's tool: ``python -m kit_teacher.summary FOLDER``.

Examples
--------
>>> import os, tempfile
>>> os.environ["KIT_PROGRESS_DIR"] = tempfile.mkdtemp()
>>> _ = record(kind="exercise", item="00.1", lesson="00-start-here", answer=3, correct=True, score=1.0)
>>> len(attempts())
1
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import warnings
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from ..i18n import get_language, t
from ..style import INK
from ._drafts import clear_drafts, drafts, drafts_file, save_draft
from ._files import append_line, locked, progress_file, replace_file
from ._format import (
    COLUMNS,
    FIELD_LIMIT,
    as_score,
    attempt_from,
    clean_text,
    one_line,
    parse_lines,
    spreadsheet_plain,
    spreadsheet_safe,
    truthy,
)

__all__ = [
    "COLUMNS",
    "FIELD_LIMIT",
    "ProgressReport",
    "attempt_from",
    "attempts",
    "clear_drafts",
    "drafts",
    "drafts_file",
    "export",
    "parse_lines",
    "plain_labels",
    "progress_file",
    "record",
    "report",
    "save_draft",
    "set_student",
    "student",
    "spreadsheet_plain",
    "spreadsheet_safe",
]


def _read_lines(path: Path) -> tuple[list[dict[str, Any]], int]:
    """Return the readable attempts and the number of damaged lines; move an unopenable file aside."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    except OSError:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        try:
            os.replace(path, aside)
        except OSError:
            aside = path
        warnings.warn(t("progress.corrupt_file", path=str(aside)), stacklevel=3)
        return [], 0
    return parse_lines(data)


def student() -> str:
    """The student's name: ``KIT_STUDENT`` if set, else the name saved by :func:`set_student`, else "".

    Quizzes shuffle their options with it, so each student has an order of their own that stays
    the same on every rerun.

    Examples
    --------
    >>> import os
    >>> os.environ["KIT_STUDENT"] = "Ayu"
    >>> student()
    'Ayu'
    >>> del os.environ["KIT_STUDENT"]
    """
    name = os.environ.get("KIT_STUDENT", "").strip()
    if name:
        return clean_text(name, 80)
    try:
        return clean_text(progress_file().with_name("student.txt").read_text(encoding="utf-8").strip(), 80)
    except (OSError, UnicodeDecodeError):
        return ""


def set_student(name: str) -> str:
    """Save the student's name next to the progress file (used by quizzes and :func:`export`).

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["KIT_PROGRESS_DIR"] = tempfile.mkdtemp()
    >>> set_student("  Budi ")
    'Budi'
    >>> student()
    'Budi'
    >>> set_student("")  # forget the name again
    ''
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as said:
    ...     warnings.simplefilter("always")
    ...     set_student(42)
    ''
    >>> "no name was saved" in str(said[0].message)
    True
    """
    if not isinstance(name, str):
        kind = "None" if name is None else "..." if name is Ellipsis else type(name).__name__
        warnings.warn(t("progress.name_not_text", kind=kind), stacklevel=2)
    text = clean_text(" ".join(str(name).split()), 80) if isinstance(name, str) else ""
    path = progress_file().with_name("student.txt")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, text.encode("utf-8"), prefix=".student-")
    except OSError as exc:
        warnings.warn(t("progress.cannot_write", path=str(path), error=str(exc)), stacklevel=2)
    return text


def record(
    *,
    kind: str,
    item: str,
    lesson: str,
    answer: Any,
    correct: bool,
    score: float,
    attempt: int | None = None,
    explained: str | None = None,
) -> dict[str, Any]:
    """Append one attempt to the progress file; return the attempt.

    ``attempt`` numbers the tries of one question; ``explained`` says whether the explanation was
    shown and why (``after_correct``, ``after_second_try``, ``after_submit`` or ``no``).

    A progress file that cannot be written (read-only home, full disk) gives a warning, never an
    error: the student's work in the notebook goes on.

    Examples
    --------
    >>> record(kind="quiz", item="00-start-here/q1", lesson="00-start-here", answer="b",
    ...        correct=True, score=1)["answer"]
    'b'
    """
    entry = {
        "kind": one_line(kind),
        "item": one_line(item),
        "lesson": one_line(lesson),
        "answer": one_line(answer),
        "correct": truthy(correct),
        "score": round(as_score(score), 3),
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    if isinstance(attempt, int) and not isinstance(attempt, bool):
        entry["attempt"] = attempt
    if isinstance(explained, str):
        entry["explained"] = one_line(explained)
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    path = progress_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path):
            _remove_leftovers(path.parent)
            append_line(path, line)
    except OSError as exc:
        warnings.warn(t("progress.cannot_write", path=str(path), error=str(exc)), stacklevel=2)
    return entry


def _remove_leftovers(folder: Path) -> None:
    """Remove temporary files of killed writers (only called while holding the lock)."""
    for leftover in folder.glob(".progress-*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def attempts() -> pd.DataFrame:
    """Return every recorded attempt as a DataFrame (damaged lines skipped with a warning).

    Examples
    --------
    >>> list(attempts().columns) == COLUMNS[1:]
    True
    """
    rows, damaged = _read_lines(progress_file())
    if damaged:
        warnings.warn(t("progress.damaged_lines", count=damaged), stacklevel=2)
    return pd.DataFrame(rows, columns=COLUMNS[1:]).astype({"score": float, "correct": bool})


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

    def __init__(self, table: pd.DataFrame, figure: Any, lang: str, questions: pd.DataFrame | None = None):
        self.table, self.figure, self.lang = table, figure, lang
        self.questions = questions if questions is not None else pd.DataFrame()

    def __repr__(self) -> str:
        if self.table.empty:
            return t("progress.nothing_yet", lang=self.lang)
        text = self.table.to_string(index=False)
        if not self.questions.empty:
            text += "\n\n" + self.questions.to_string(index=False)
        return text

    def _repr_html_(self) -> str:
        if self.table.empty:
            return f"<p>{t('progress.nothing_yet', lang=self.lang)}</p>"
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
        image = base64.b64encode(buffer.getvalue()).decode()
        alt = t("progress.chart_alt", lang=self.lang)
        questions = self.questions.to_html(index=False) if not self.questions.empty else ""
        return self.table.to_html(index=False) + questions + f'<img alt="{alt}" src="data:image/png;base64,{image}">'


def _per_question(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
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


def _per_lesson(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    best = frame.groupby(["lesson", "item"], as_index=False)["score"].max()
    tries = frame.groupby("lesson").size().rename("tries")
    table = best.groupby("lesson").agg(items=("item", "count"), mean_best_score=("score", "mean")).join(tries)
    table = table.reset_index()[["lesson", "items", "tries", "mean_best_score"]]
    table["mean_best_score"] = table["mean_best_score"].round(2)
    return table.rename(columns={c: t(f"progress.col.{c}", lang=lang) for c in table.columns})


def report(*, lang: str | None = None) -> ProgressReport:
    """Return the student's progress per lesson: items tried, tries, mean best score, and a chart.

    Examples
    --------
    >>> "mean best score" in repr(report(lang="en"))
    True
    """
    from matplotlib.figure import Figure  # not pyplot: no backend is chosen or switched

    lang = lang or get_language()
    frame = attempts()
    scored = frame[frame["kind"] != "solution"]
    table = _per_lesson(scored, lang) if not scored.empty else pd.DataFrame()
    questions = _per_question(frame, lang) if not frame.empty else pd.DataFrame()
    figure = None
    if not table.empty:
        figure = Figure(figsize=(6, max(3.0, 0.3 * len(table) + 1)))
        ax = figure.subplots()
        positions = range(len(table))
        ax.barh(positions, table.iloc[:, 3], color=INK["score"])
        ax.set_yticks(positions, labels=[one_line(lesson, 40) for lesson in table.iloc[:, 0]])
        plain_labels(ax.get_yticklabels())
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel(t("progress.col.mean_best_score", lang=lang))
        ax.set_title(t("progress.chart_title", lang=lang))
    return ProgressReport(table, figure, lang, questions)


def export(path: str | os.PathLike, *, student: str | None = None) -> Path:
    """Write every attempt to a CSV file a student can hand in; return its path.

    Text cells are neutralised for spreadsheets (:func:`spreadsheet_safe`).

    Examples
    --------
    >>> import tempfile, os
    >>> out = export(os.path.join(tempfile.mkdtemp(), "me.csv"), student="Ayu")
    >>> out.read_text().splitlines()[0]
    'student,kind,item,lesson,answer,correct,score,time'
    """
    frame = attempts()
    frame.insert(0, "student", clean_text(student or ""))
    for column in ("student", "kind", "item", "lesson", "answer"):
        frame[column] = frame[column].astype(str).map(spreadsheet_safe)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    frame[COLUMNS].to_csv(out, index=False)
    return out
