"""A student's progress: every quiz answer and exercise check, kept safely on disk.

Each attempt is one JSON line in ``progress.jsonl`` in the folder named by the environment
variable ``KIT_PROGRESS_DIR`` (default: ``~/.libya-kit/``). Writing is atomic: the whole file is
written to a temporary file in the same folder, flushed to disk, then swapped in with
``os.replace``; a crash mid-write leaves the previous file intact, so nothing a student did is
lost. (A plain append with fsync would be cheaper, but a crash mid-append leaves a torn last
line that the next append glues onto; rewriting costs a few hundred kilobytes at most over a
whole course.) Two kernels of the same student writing at once take turns through a lock file,
so neither's attempt is overwritten by the other's. A file that cannot be read is moved aside (``progress.jsonl.corrupt-<time>``) with a
warning, and damaged lines are skipped and counted; neither is ever fatal.

For teachers, ``python -m helpers.progress summarize FOLDER`` reads the files students handed in
(made with :func:`export`) and prints a class summary per question.

Examples
--------
>>> import os, tempfile
>>> os.environ["KIT_PROGRESS_DIR"] = tempfile.mkdtemp()
>>> _ = record(kind="exercise", item="00.1", lesson="00-start-here", answer=3, correct=True, score=1.0)
>>> len(attempts())
1
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import io
import json
import os
import sys
import tempfile
import warnings
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from .i18n import get_language, t

__all__ = ["progress_file", "record", "attempts", "report", "export", "summarize", "ProgressReport"]

COLUMNS = ["student", "kind", "item", "lesson", "answer", "correct", "score", "time"]


def progress_file() -> Path:
    """Return the path of the progress file (``$KIT_PROGRESS_DIR/progress.jsonl``)."""
    folder = os.environ.get("KIT_PROGRESS_DIR") or str(Path.home() / ".libya-kit")
    return Path(folder) / "progress.jsonl"


def _read_lines(path: Path) -> tuple[list[dict[str, Any]], int]:
    """Return the readable attempts and the number of damaged lines; move an unreadable file aside."""
    if not path.exists():
        return [], 0
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        try:
            os.replace(path, aside)
        except OSError:
            aside = path
        warnings.warn(t("progress.corrupt_file", path=str(aside)), stacklevel=3)
        return [], 0
    rows, damaged = [], 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or "item" not in row:
                raise ValueError
            rows.append(row)
        except ValueError:
            damaged += 1
    return rows, damaged


def _short(answer: Any, limit: int = 200) -> str:
    try:
        text = answer if isinstance(answer, str) else repr(answer)
    except Exception:  # an object whose repr fails is still an attempt worth recording
        text = f"<{type(answer).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def record(*, kind: str, item: str, lesson: str, answer: Any, correct: bool, score: float) -> dict[str, Any]:
    """Append one attempt to the progress file, atomically; return the attempt.

    A progress file that cannot be written (read-only home, full disk) gives a warning, never an
    error: the student's work in the notebook goes on.
    """
    entry = {
        "kind": kind, "item": item, "lesson": lesson, "answer": _short(answer),
        "correct": bool(correct), "score": round(float(score), 3),
        "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    path = progress_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path):
            _append(path, entry)
    except OSError as exc:
        warnings.warn(t("progress.cannot_write", path=str(path), error=str(exc)), stacklevel=2)
    return entry


@contextlib.contextmanager
def _locked(path: Path):
    """Hold an exclusive lock on ``<path>.lock`` (POSIX); elsewhere, go on without one."""
    try:
        import fcntl
    except ImportError:  # Windows: one kernel per student is the normal case
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _append(path: Path, entry: dict[str, Any]) -> None:
    """Write old content + one line to a temporary file, fsync it, and swap it in."""
    old = path.read_bytes() if path.exists() else b""
    if old and not old.endswith(b"\n"):
        old += b"\n"
    fd, tmp = tempfile.mkstemp(prefix=".progress-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(old + (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def attempts() -> pd.DataFrame:
    """Return every recorded attempt as a DataFrame (damaged lines skipped with a warning)."""
    rows, damaged = _read_lines(progress_file())
    if damaged:
        warnings.warn(t("progress.damaged_lines", count=damaged), stacklevel=2)
    frame = pd.DataFrame(rows, columns=COLUMNS[1:])
    frame["score"] = pd.to_numeric(frame["score"], errors="coerce").fillna(0.0)
    return frame


class ProgressReport:
    """Scores per lesson (a DataFrame in ``.table``) and a bar chart (``.figure``)."""

    def __init__(self, table: pd.DataFrame, figure: Any, lang: str):
        self.table, self.figure, self.lang = table, figure, lang

    def __repr__(self) -> str:
        if self.table.empty:
            return t("progress.nothing_yet", lang=self.lang)
        return self.table.to_string(index=False)

    def _repr_html_(self) -> str:
        if self.table.empty:
            return f"<p>{t('progress.nothing_yet', lang=self.lang)}</p>"
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
        image = base64.b64encode(buffer.getvalue()).decode()
        alt = t("progress.chart_alt", lang=self.lang)
        return self.table.to_html(index=False) + f'<img alt="{alt}" src="data:image/png;base64,{image}">'


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
    import matplotlib.pyplot as plt

    lang = lang or get_language()
    frame = attempts()
    table = _per_lesson(frame, lang) if not frame.empty else pd.DataFrame()
    figure = None
    if not table.empty:
        figure, ax = plt.subplots(figsize=(6, 3))
        ax.barh(table.iloc[:, 0], table.iloc[:, 3], color="#0072B2")
        ax.set_xlim(0, 1)
        ax.set_xlabel(t("progress.col.mean_best_score", lang=lang))
        ax.set_title(t("progress.chart_title", lang=lang))
        plt.close(figure)
    return ProgressReport(table, figure, lang)


def export(path: str | os.PathLike, *, student: str | None = None) -> Path:
    """Write every attempt to a CSV file a student can hand in; return its path.

    Examples
    --------
    >>> import tempfile, os
    >>> out = export(os.path.join(tempfile.mkdtemp(), "me.csv"), student="Ayu")
    >>> out.read_text().splitlines()[0]
    'student,kind,item,lesson,answer,correct,score,time'
    """
    frame = attempts()
    frame.insert(0, "student", student or "")
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    frame[COLUMNS].to_csv(out, index=False)
    return out


def _load_handed_in(path: Path) -> pd.DataFrame:
    if path.suffix == ".jsonl":
        rows, _ = _read_lines(path)
        frame = pd.DataFrame(rows)
        frame.insert(0, "student", path.stem)
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("item", "correct", "answer") if c not in frame.columns]
    if missing or frame.empty:
        raise ValueError(t("progress.not_a_progress_file", missing=", ".join(missing) or "-"))
    frame["correct"] = frame["correct"].astype(str).str.lower().isin(["true", "1"])
    if "student" not in frame.columns or not frame["student"].astype(str).str.strip().any():
        frame["student"] = path.stem
    return frame


def summarize(folder: str | os.PathLike, *, out: str | os.PathLike | None = None,
              lang: str | None = None) -> pd.DataFrame:
    """Summarise handed-in progress files: per question, attempts, share correct, most common wrong answer.

    Files that are not progress files are skipped with a message. A chart is saved to ``out``
    (default ``FOLDER/summary.png``).
    """
    from matplotlib.figure import Figure  # not pyplot: no backend is chosen or switched

    lang = lang or get_language()
    folder = Path(folder)
    if not folder.is_dir():
        print(t("progress.no_folder", path=str(folder), lang=lang))
        return pd.DataFrame()
    frames = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".csv", ".jsonl") or path.name.startswith("summary"):
            if path.is_file() and path.suffix != ".png":
                print(t("progress.skipped", path=path.name, reason=t("progress.not_csv", lang=lang), lang=lang))
            continue
        try:
            frames.append(_load_handed_in(path))
        except Exception as exc:  # a foreign or broken file is skipped, never fatal
            print(t("progress.skipped", path=path.name, reason=str(exc), lang=lang))
    if not frames:
        print(t("progress.no_files", lang=lang))
        return pd.DataFrame()
    frame = pd.concat(frames, ignore_index=True)
    rows = []
    for item, group in frame.groupby("item", sort=True):
        wrong = group.loc[~group["correct"], "answer"]
        rows.append({
            t("progress.col.item", lang=lang): item,
            t("progress.col.students", lang=lang): group["student"].nunique(),
            t("progress.col.tries", lang=lang): len(group),
            t("progress.col.share_correct", lang=lang): round(group["correct"].mean(), 2),
            t("progress.col.common_wrong", lang=lang): wrong.mode().iloc[0] if not wrong.empty else "",
        })
    summary = pd.DataFrame(rows)
    figure = Figure(figsize=(7, max(2.5, 0.3 * len(summary))))
    ax = figure.subplots()
    ax.barh(summary.iloc[:, 0], summary.iloc[:, 3], color="#0072B2")
    ax.set_xlim(0, 1)
    ax.set_xlabel(t("progress.col.share_correct", lang=lang))
    ax.set_title(t("progress.class_chart_title", lang=lang))
    figure.tight_layout()
    target = Path(out) if out else folder / "summary.png"
    figure.savefig(target, dpi=100)
    return summary


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.progress",
                                     description="Class summary of handed-in progress files.")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("summarize", help="summarise a folder of handed-in files")
    cmd.add_argument("folder")
    cmd.add_argument("--out", help="where to save the chart (default FOLDER/summary.png)")
    cmd.add_argument("--lang", choices=["id", "en"], default=None)
    args = parser.parse_args(argv)
    summary = summarize(args.folder, out=args.out, lang=args.lang)
    if summary.empty:
        return 0 if Path(args.folder).is_dir() else 2
    print(summary.to_string(index=False))
    print(t("progress.chart_saved", path=str(args.out or Path(args.folder) / "summary.png"), lang=args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(_main())
