"""A student's progress: every quiz answer and exercise check, kept safely on disk.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.progress``.

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
import html
import json
import os
import re
import sys
import warnings
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from ..i18n import get_language, t
from ..text import plain, shorten
from ._drafts import drafts, drafts_file, save_draft, submit_exam, submitted
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
from ._report import ProgressReport, build_report, plain_labels

__all__ = [
    "COLUMNS",
    "FIELD_LIMIT",
    "ProgressReport",
    "attempt_from",
    "attempts",
    "drafts",
    "drafts_file",
    "export",
    "hand_in",
    "HandIn",
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
    "submit_exam",
    "submitted",
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

    An empty name keeps the name saved before: lesson 00's name cell, run again untouched (Run All
    on a fresh copy of the notebook), must not forget who the student is. It returns the name now
    saved.

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["KIT_PROGRESS_DIR"] = tempfile.mkdtemp()
    >>> set_student("  Budi ")
    'Budi'
    >>> student()
    'Budi'
    >>> set_student("")  # the name cell run again untouched: the saved name stays
    'Budi'
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as said:
    ...     warnings.simplefilter("always")
    ...     set_student(42)
    'Budi'
    >>> "no name was saved" in str(said[0].message)
    True
    """
    if not isinstance(name, str):
        kind = "None" if name is None else "..." if name is Ellipsis else type(name).__name__
        warnings.warn(t("progress.name_not_text", kind=kind), stacklevel=2)
    text = clean_text(" ".join(plain(name).split()), 80) if isinstance(name, str) else ""
    path = progress_file().with_name("student.txt")
    if not text:
        return student()
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
    correct: bool | None,
    score: float | None,
    attempt: int | None = None,
    explained: str | None = None,
    fingerprint: str | None = None,
    mode: str | None = None,
) -> dict[str, Any]:
    """Append one attempt to the progress file; return the attempt.

    ``attempt`` numbers the tries of one question; ``explained`` says whether the explanation was
    shown and why (``after_correct``, ``after_second_try``, ``after_submit`` or ``no``); ``mode``
    whether a quiz answer was practice or a submitted exam (``practice`` or ``exam``; unscored:
    ``correct`` and ``score`` None, written as ``null``, for the teacher's summary to score).
    ``fingerprint`` identifies the answer (a hash of it): when the item's last recorded attempt of
    the same kind has the same fingerprint, nothing is written (a rerun is not a new try).

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
        "correct": None if correct is None else truthy(correct),
        "score": None if score is None else round(as_score(score), 3),
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    if isinstance(attempt, int) and not isinstance(attempt, bool):
        entry["attempt"] = attempt
    for name, value in (("explained", explained), ("mode", mode)):
        if isinstance(value, str):
            entry[name] = one_line(value)
    if isinstance(fingerprint, str):
        entry["fingerprint"] = one_line(fingerprint, 64)
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    path = progress_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path):
            _remove_leftovers(path.parent)
            if "fingerprint" not in entry or _last_fingerprint(path, entry) != entry["fingerprint"]:
                append_line(path, line)
    except OSError as exc:
        warnings.warn(t("progress.cannot_write", path=str(path), error=str(exc)), stacklevel=2)
    return entry


def _last_fingerprint(path: Path, entry: dict[str, Any]) -> str | None:
    """The fingerprint of the last attempt recorded for ``entry``'s kind and item (None if none)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    needle = json.dumps(entry["item"], ensure_ascii=False).encode("utf-8")
    for raw in reversed(data.split(b"\n")):
        if needle not in raw:  # cheap: most lines are about other items
            continue
        try:
            found = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            continue
        if isinstance(found, dict) and found.get("item") == entry["item"] and found.get("kind") == entry["kind"]:
            return found.get("fingerprint")
    return None


def _remove_leftovers(folder: Path) -> None:
    """Remove temporary files of killed writers (only called while holding the lock)."""
    for leftover in folder.glob(".progress-*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def attempts() -> pd.DataFrame:
    """Return every recorded attempt as a DataFrame (damaged lines skipped with a warning).

    ``correct`` is nullable: an exam's answer, unscored here, has ``<NA>`` and a ``NaN`` score.

    Examples
    --------
    >>> list(attempts().columns) == COLUMNS[1:]
    True
    """
    rows, damaged = _read_lines(progress_file())
    if damaged:
        warnings.warn(t("progress.damaged_lines", count=damaged), stacklevel=2)
    return pd.DataFrame(rows, columns=COLUMNS[1:]).astype({"score": float, "correct": "boolean"})


def report(*, lang: str | None = None) -> ProgressReport:
    """Return the student's progress per lesson: items tried, tries, mean best score, and a chart.

    Examples
    --------
    >>> _ = record(kind="exercise", item="00.1", lesson="00-start-here", answer="4", correct=False, score=0.0)
    >>> "mean best score" in repr(report(lang="en"))
    True
    """
    return build_report(attempts(), get_language(lang))


def _export_csv(frame: pd.DataFrame, student: str | None) -> bytes:
    frame = frame.copy()
    frame.insert(0, "student", clean_text(student or ""))
    for column in ("student", "kind", "item", "lesson", "answer"):
        frame[column] = frame[column].astype(str).map(spreadsheet_safe)
    return frame[COLUMNS].to_csv(index=False).encode("utf-8")


def export(path: str | os.PathLike, *, student: str | None = None) -> Path:
    """Write every attempt to a CSV file a student can hand in (whole or not at all); return its path.

    Text cells are neutralised for spreadsheets (:func:`spreadsheet_safe`). :func:`hand_in` names
    the file and the folder for the student. A ``student`` that is not text (a number is taken as
    text) or a ``path`` that is not one raises a ``ValueError``, a file that cannot be written an
    ``OSError``, each saying so in the student's language.

    Examples
    --------
    >>> import tempfile, os
    >>> out = export(os.path.join(tempfile.mkdtemp(), "me.csv"), student="Ayu")
    >>> out.read_text().splitlines()[0]
    'student,kind,item,lesson,answer,correct,score,time,mode'
    """
    if isinstance(student, int) and not isinstance(student, bool):
        student = shorten(student)  # a student number (a huge one named, not spelt out)
    if student is not None and not isinstance(student, str):
        raise ValueError(t("progress.export.bad_student", value=shorten(student)))
    out = Path(plain(path)) if isinstance(path, str) else Path(path) if isinstance(path, os.PathLike) else None
    if out is None or "\x00" in str(out):  # not a path, or one no file system takes
        raise ValueError(t("progress.export.bad_path", value=shorten(path)))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        replace_file(out, _export_csv(attempts(), plain(student)), prefix=".export-")
    except OSError as exc:  # a full disk, a folder, no permission: the old file (or none) is left
        raise OSError(exc.errno, t("progress.export.cannot_write", path=str(out), error=exc.strerror or exc)) from None
    return out


class HandIn:
    """What :func:`hand_in` did: a message, and the file as a download link (Binder, a hub, a laptop alike)."""

    def __init__(self, message: str, filename: str = "", data: bytes = b"", path: Path | None = None):
        self.message, self.filename, self.data, self.path = message, filename, data, path

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        text = f"<p><b>{html.escape(self.message)}</b></p>"
        if self.data:
            uri = "data:text/csv;charset=utf-8;base64," + base64.b64encode(self.data).decode("ascii")
            label = html.escape(t("progress.hand_in.download", file=self.filename))
            text += f'<p><a download="{html.escape(self.filename)}" href="{uri}">⬇ {label}</a></p>'
        return f'<div role="status" lang="{get_language()}">{text}</div>'


def hand_in(*, folder: str | os.PathLike | None = None) -> HandIn:
    """Hand in your progress: a CSV file named with your name and today's date, and a download link.

    The file (the :func:`export` of every answer) goes to ``folder``, else the folder named by
    ``KIT_HAND_IN_DIR``, else ``hand-in/`` beside the notebook; the message says where, in the
    student's language. No name, nothing recorded or a folder that cannot be written give a
    message, never an error (and the download link still works when only the folder failed).

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["KIT_PROGRESS_DIR"] = tempfile.mkdtemp()
    >>> _ = set_student("Ayu Lestari")
    >>> hand_in().message.startswith("Nothing to hand in yet")
    True
    >>> _ = record(kind="exercise", item="00.1", lesson="00-start-here", answer=5, correct=True, score=1.0)
    >>> done = hand_in(folder=tempfile.mkdtemp())
    >>> done.path.name.startswith("ayu-lestari-"), "download" in done._repr_html_()
    (True, True)
    """
    name = student()
    if not name:
        return HandIn(t("progress.hand_in.no_name"))
    frame = attempts()
    if frame.empty:
        return HandIn(t("progress.hand_in.nothing"))
    slug = re.sub(r"[\W_]+", "-", name.lower()).strip("-")[:40] or "student"
    filename = f"{slug}-{date.today().isoformat()}.csv"
    data = _export_csv(frame, name)
    where = folder if folder is not None and plain(folder) != "" else os.environ.get("KIT_HAND_IN_DIR") or "hand-in"
    target: Any = shorten(where)  # named as given while it is no path
    try:
        target = (Path(plain(where) if isinstance(where, str) else where) / filename).absolute()
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file(target, data, prefix=".hand-in-")
    except (OSError, TypeError, ValueError) as exc:  # not writable, or no folder name (a number, a NUL byte)
        error = exc.strerror or str(exc) if isinstance(exc, OSError) else t("progress.export.bad_path", value=target)
        return HandIn(t("progress.hand_in.cannot_write", path=str(target), error=error), filename, data)
    answers = int((frame["kind"] != "solution").sum())
    key, shown = "progress.hand_in.saved", str(target)
    if sys.platform == "emscripten":  # JupyterLite: the file is in the browser, under /drive/ (its file browser)
        key, shown = "progress.hand_in.saved_browser", shown.removeprefix("/drive/")
    return HandIn(t(key, count=answers, path=shown), filename, data, target)
