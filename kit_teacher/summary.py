"""The teacher's class summary of the progress files students handed in.

``python -m kit_teacher.summary FOLDER`` reads every ``.csv`` (made with
:func:`helpers.progress.export`) and ``.jsonl`` (a raw progress file) in ``FOLDER``, prints per
question how many students tried it, how many tries, the share of tries correct, the share of
students right at their first try and at their last try side by side (what the class first
thought, and where it ended), and the most common wrong answer, and saves a chart (``summary.png``) and the table (``summary.csv``).

Every handed-in file is untrusted; no single one can crash the summary, hang it, exhaust memory
or make it write anywhere but its own two outputs:

- only regular files are read: a link is never followed (``O_NOFOLLOW``, so a link to
  ``/dev/zero`` is refused) and a named pipe or device is never opened for a blocking read
  (checked before opening and again with ``fstat`` on a non-blocking descriptor);
- at most :data:`MAX_FILE_BYTES` (5 MB) per file, :data:`MAX_ROWS` rows, :data:`MAX_COLUMNS`
  columns and :data:`MAX_FILE_ITEMS` different questions; across the class at most
  :data:`MAX_ITEMS` questions and :data:`MAX_TOTAL_ROWS` rows. A file over a cap is skipped whole;
- every skipped file is listed with its reason in the teacher's language; damaged lines inside an
  otherwise good file are counted;
- the outputs are written to a new temporary file in the target's folder and swapped in with
  ``os.replace``, which replaces a symlink planted at ``summary.png`` instead of writing through it;
- student text is escaped for the terminal (no ANSI or control characters reach it), cells of the
  CSV that a spreadsheet would run as formulas are neutralised (OWASP CSV-injection guidance), and
  chart labels are drawn without mathtext, so an item named ``$\\alert$`` is just text.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "ayu.csv").write_text("student,item,answer,correct\\nAyu,q1,b,True\\n")
>>> print(summarize(folder, lang="en").to_csv(index=False), end="")
question or exercise,students,tries,share correct,most common wrong answer,first try right,last try right
q1,1,1,1.0,,1.0,1.0
"""

from __future__ import annotations

import argparse
import csv
import errno
import io
import os
import stat
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.i18n import get_language, t
from helpers.progress import FIELD_LIMIT, parse_lines, plain_labels, spreadsheet_plain, spreadsheet_safe
from helpers.progress._files import replace_file
from helpers.style import INK

__all__ = [
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_FILE_ITEMS",
    "MAX_ITEMS",
    "MAX_ROWS",
    "MAX_TOTAL_ROWS",
    "main",
    "summarize",
]

#: Largest handed-in file read (a course of answers exported as CSV is well under 100 kB).
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Most rows (attempts) read from one file.
MAX_ROWS = 50_000
#: Most columns in one CSV file (an export has eight).
MAX_COLUMNS = 64
#: Most different questions in one file (the whole course has about a hundred).
MAX_FILE_ITEMS = 1_000
#: Most different questions in the class summary.
MAX_ITEMS = 2_000
#: Most rows across the class.
MAX_TOTAL_ROWS = 1_000_000
#: Most questions drawn in the chart (the table keeps them all).
MAX_CHART_ITEMS = 100
_NEEDED = ("item", "correct", "answer")


class _Skip(Exception):
    """A handed-in file is skipped; carries the catalogue key and values of the reason."""

    def __init__(self, key: str, **values: Any):
        super().__init__(key)
        self.key, self.values = key, values


def _printable(text: str, limit: int = 60) -> str:
    """``text`` safe for a terminal: control, format and bidi characters shown as escapes, then cut."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _read(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; never follows a link, never blocks."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _Skip("summary.skip.link") from None
        raise _Skip("summary.skip.unreadable", error=exc.strerror or type(exc).__name__) from None
    too_big = _Skip("summary.skip.too_big", limit=MAX_FILE_BYTES // (1024 * 1024))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Skip("summary.skip.not_regular")
        if info.st_size > MAX_FILE_BYTES:
            raise too_big
        chunks, total = [], 0
        while chunk := os.read(fd, MAX_FILE_BYTES + 1 - total):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_FILE_BYTES:  # the file grew while being read
                raise too_big
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_many_rows() -> _Skip:
    return _Skip("summary.skip.too_many_rows", limit=MAX_ROWS)


def _check_rows(data: bytes) -> None:
    """Refuse a file with too many lines before parsing any (old Mac files end lines with CR alone)."""
    if max(data.count(b"\n"), data.count(b"\r")) > MAX_ROWS + 1:
        raise _too_many_rows()


def _from_jsonl(data: bytes, stem: str) -> tuple[list[tuple[str, str, str, bool]], int]:
    _check_rows(data)
    attempts, damaged = parse_lines(data)
    rows = [(a["student"] or stem, a["item"], a["answer"], a["correct"]) for a in attempts]
    return rows, damaged


def _from_csv(data: bytes, stem: str) -> tuple[list[tuple[str, str, str, bool]], int]:
    _check_rows(data)
    if data[: data.find(b"\n")].count(b",") >= MAX_COLUMNS:
        raise _Skip("summary.skip.too_many_columns", limit=MAX_COLUMNS)
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace"), newline=""))
    rows, damaged, items = [], 0, set()
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        if not header:
            raise _Skip("summary.skip.no_attempts", damaged=0)
        missing = [name for name in _NEEDED if name not in header]
        if missing:
            raise _Skip("summary.skip.not_progress", missing=", ".join(missing))
        i_item, i_answer, i_correct = header.index("item"), header.index("answer"), header.index("correct")
        i_student = header.index("student") if "student" in header else None
        width = max(i_item, i_answer, i_correct, i_student or 0)
        for row in reader:
            if not row or row == [""]:
                continue
            if len(rows) + damaged >= MAX_ROWS:  # quoted line breaks hide rows from the count above
                raise _too_many_rows()
            item = spreadsheet_plain(row[i_item].strip())[:FIELD_LIMIT] if len(row) > width else ""
            if not item:
                damaged += 1
                continue
            if item not in items:
                items.add(item)
                if len(items) > MAX_FILE_ITEMS:  # stop reading at once; the tally would refuse it anyway
                    raise _Skip("summary.skip.too_many_items", limit=MAX_FILE_ITEMS)
            student = spreadsheet_plain(row[i_student].strip())[:FIELD_LIMIT] if i_student is not None else ""
            correct = row[i_correct].strip().lower() in ("true", "1")
            rows.append((student or stem, item, spreadsheet_plain(row[i_answer])[:FIELD_LIMIT], correct))
    except csv.Error:
        raise _Skip("summary.skip.damaged_csv", line=reader.line_num) from None
    return rows, damaged


def _classify(entry: os.DirEntry) -> None:
    """Raise :class:`_Skip` for an entry that is not a handed-in file worth opening."""
    name = entry.name
    if name.startswith(("summary", ".summary-")):
        raise _Skip("summary.skip.own_output")
    if entry.is_symlink():
        raise _Skip("summary.skip.link")
    if entry.is_dir(follow_symlinks=False):
        raise _Skip("summary.skip.folder")
    if not name.endswith((".csv", ".jsonl")):
        raise _Skip("summary.skip.not_csv")
    if not entry.is_file(follow_symlinks=False):
        raise _Skip("summary.skip.not_regular")


class _Tally:
    """Per question: students, tries, correct tries, wrong answers; enforces the class caps."""

    def __init__(self) -> None:
        self.items: dict[str, list[Any]] = {}
        self.rows = 0

    def add(self, rows: list[tuple[str, str, str, bool]]) -> None:
        distinct = {row[1] for row in rows}
        if len(distinct) > MAX_FILE_ITEMS:
            raise _Skip("summary.skip.too_many_items", limit=MAX_FILE_ITEMS)
        if self.rows + len(rows) > MAX_TOTAL_ROWS:
            raise _Skip("summary.skip.class_rows", limit=MAX_TOTAL_ROWS)
        if len(self.items) + len(distinct - self.items.keys()) > MAX_ITEMS:
            raise _Skip("summary.skip.class_items", limit=MAX_ITEMS)
        self.rows += len(rows)
        for student, item, answer, correct in rows:
            entry = self.items.get(item)
            if entry is None:
                entry = self.items[item] = [set(), 0, 0, Counter(), {}]
            entry[0].add(student)
            first_last = entry[4].setdefault(student, [correct, correct])
            first_last[1] = correct  # rows come in the order they were recorded
            entry[1] += 1
            if correct:
                entry[2] += 1
            else:
                entry[3][answer] += 1

    def table(self, lang: str) -> pd.DataFrame:
        columns = [
            t("summary.col.item", lang=lang),
            t("summary.col.students", lang=lang),
            t("summary.col.tries", lang=lang),
            t("summary.col.share_correct", lang=lang),
            t("summary.col.common_wrong", lang=lang),
            t("summary.col.first_right", lang=lang),
            t("summary.col.last_right", lang=lang),
        ]
        rows = []
        for item in sorted(self.items):
            students, tries, correct, wrong, first_last = self.items[item]
            common = min(wrong.items(), key=lambda pair: (-pair[1], pair[0]))[0] if wrong else ""
            first = sum(1 for f, _ in first_last.values() if f) / len(first_last)
            last = sum(1 for _, f in first_last.values() if f) / len(first_last)
            rows.append(
                [item, len(students), tries, round(correct / tries, 2), common, round(first, 2), round(last, 2)]
            )
        return pd.DataFrame(rows, columns=columns)


def _chart(summary: pd.DataFrame, lang: str) -> bytes:
    from matplotlib.figure import Figure  # not pyplot: no backend is chosen or switched

    shown = summary.iloc[:MAX_CHART_ITEMS]
    labels = [_printable(str(item), 40) for item in shown.iloc[:, 0]]
    # Room for the labels from their length, so the figure is drawn once (no tight bounding box)
    label_inches = 0.3 + 0.075 * max(len(label) for label in labels)
    height = max(2.5, 0.25 * len(shown) + 1.2)
    figure = Figure(figsize=(label_inches + 5.5, height))
    figure.subplots_adjust(
        left=label_inches / (label_inches + 5.5), right=0.96, bottom=0.6 / height, top=1 - 0.5 / height
    )
    ax = figure.subplots()
    positions = range(len(shown))
    ax.barh(positions, shown.iloc[:, 3], color=INK["score"])
    ax.set_yticks(positions, labels=labels, fontsize=9)
    plain_labels(ax.get_yticklabels())
    ax.set_ylim(len(shown) - 0.5, -0.5)  # first question on top
    ax.set_xlim(0, 1)
    ax.set_xlabel(t("summary.col.share_correct", lang=lang))
    ax.set_title(t("summary.chart_title", lang=lang))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def _table_csv(summary: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(summary.columns)
    for row in summary.itertuples(index=False):
        writer.writerow([spreadsheet_safe(v) if isinstance(v, str) else v for v in row])
    return buffer.getvalue().encode("utf-8")


def _outputs(folder: Path, out: str | os.PathLike | None) -> tuple[Path, Path]:
    chart = Path(out) if out else folder / "summary.png"
    table = chart.with_suffix(".csv")
    return chart, table if table != chart else chart.with_name(chart.name + ".csv")


def _say(key: str, lang: str, **values: Any) -> None:
    print(t(key, lang=lang, **values))


def summarize(
    folder: str | os.PathLike, *, out: str | os.PathLike | None = None, lang: str | None = None
) -> pd.DataFrame:
    """Summarise handed-in progress files: per question, students, tries, share correct, common wrong answer.

    Skipped files are listed with their reason. The chart goes to ``out`` (default
    ``FOLDER/summary.png``) and the table beside it as ``.csv``; the paths actually written are
    in ``.attrs["saved"]`` of the result.

    Parameters
    ----------
    folder : path
        The folder of handed-in ``.csv`` and ``.jsonl`` files.
    out : path, optional
        Where to save the chart.
    lang : {"id", "en"}, optional
        Language of the messages and column names (default: the kit's language).

    Returns
    -------
    pandas.DataFrame
        One row per question; empty when nothing could be read.

    Examples
    --------
    >>> summarize("no/such/folder", lang="en").empty
    There is no folder no/such/folder.
    True
    """
    lang = lang or get_language()
    folder = Path(folder)
    if not folder.is_dir():
        _say("summary.no_folder", lang, path=_printable(str(folder), 200))
        return pd.DataFrame()
    tally = _Tally()
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        shown = _printable(entry.name)
        try:
            _classify(entry)
            path = Path(entry.path)
            reader = _from_jsonl if entry.name.endswith(".jsonl") else _from_csv
            rows, damaged = reader(_read(path), path.stem)
            if not rows:
                raise _Skip("summary.skip.no_attempts", damaged=damaged)
            tally.add(rows)
        except _Skip as skip:
            _say("summary.skipped", lang, path=shown, reason=t(skip.key, lang=lang, **skip.values))
            continue
        if damaged:
            _say("summary.damaged_lines", lang, path=shown, count=damaged)
    if not tally.items:
        _say("summary.no_files", lang)
        return pd.DataFrame()
    summary = tally.table(lang)
    summary.attrs["saved"] = []
    chart, table = _outputs(folder, out)
    for target, render in ((chart, lambda: _chart(summary, lang)), (table, lambda: _table_csv(summary))):
        try:
            replace_file(target, render(), prefix=".summary-")
            summary.attrs["saved"].append(target)
        except OSError as exc:
            _say("summary.cannot_save", lang, path=_printable(str(target), 200), error=exc.strerror or str(exc))
    if len(summary) > MAX_CHART_ITEMS:
        _say("summary.chart_partial", lang, shown=MAX_CHART_ITEMS, total=len(summary))
    return summary


def _for_terminal(summary: pd.DataFrame) -> str:
    shown = summary.copy()
    for column in (shown.columns[0], shown.columns[4]):
        shown[column] = shown[column].map(_printable)
    return shown.to_string(index=False)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m kit_teacher.summary FOLDER [--out PNG] [--lang id|en]``.

    Returns the exit status: 0, or 2 when the folder does not exist.

    Examples
    --------
    >>> main(["no/such/folder", "--lang", "id"])
    Folder no/such/folder tidak ada.
    2
    """
    parser = argparse.ArgumentParser(
        prog="python -m kit_teacher.summary", description="Class summary of handed-in progress files."
    )
    parser.add_argument("folder", help="the folder of handed-in files")
    parser.add_argument("--out", help="where to save the chart (default FOLDER/summary.png; the table goes beside it)")
    parser.add_argument("--lang", choices=["id", "en"], default=None)
    args = parser.parse_args(argv)
    lang = args.lang or get_language()
    summary = summarize(args.folder, out=args.out, lang=lang)
    if summary.empty:
        return 0 if Path(args.folder).is_dir() else 2
    print(_for_terminal(summary))
    for path in summary.attrs.get("saved", []):
        _say("summary.saved", lang, path=_printable(str(path), 200))
    return 0


if __name__ == "__main__":
    sys.exit(main())
