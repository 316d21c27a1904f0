"""The teacher's class summary of the progress files students handed in.

``python -m kit_teacher.summary FOLDER`` reads every ``.csv`` (made with :func:`helpers.hand_in`
or :func:`helpers.progress.export`) and ``.jsonl`` (a raw progress file) in ``FOLDER``, prints per
question how many students tried it, how many tries, the share of tries correct, the share of
students right at their first try and at their last try side by side (what the class first
thought, and where it ended), the most common wrong answer as the option's text, how many
students looked at the model solution, and whether the answers were an exam's or practice
(never mixed); then a row per student with each question's first and last result and the model
solutions they looked at (counting: :mod:`kit_teacher.tally`). It saves a chart of the first-try
and last-try percentages (``summary.png``), the table (``summary.csv``) and the students' table
(``summary-students.csv``). Messages and columns are in the teacher's language: ``--lang id|en``,
else the kit's language (``KIT_LANG``).

Every quiz answer is scored here with this checkout's question banks (:mod:`kit_teacher.scoring`),
whatever the file says, so an exam's answers (recorded unscored) are scored here too; exercises
are counted as recorded. Files to look at are listed (and saved as ``summary-flags.csv``): verdicts
that disagree with the key, a file naming several students, a name in several files, a file handed
in twice (the same bytes again are skipped; answers seen before count once). A file named
``ayu-2026-03-01 (1).jsonl`` with no student column is Ayu's.

Every handed-in file is untrusted; no single one can crash the summary, hang it, exhaust memory
or make it write anywhere but its own outputs:

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
>>> print(summarize(folder, lang="en").to_csv(index=False), end="")  # doctest: +NORMALIZE_WHITESPACE
Quiz answers are scored here with your question banks, whatever a file says; exercises (and anything no bank here
holds) are counted as the files record them: a recorded exercise answer cannot be checked again.
question or exercise,students,tries,share of tries correct (0-1),most common wrong answer,share right at first try (0-1),share right at last try (0-1),students who looked at the model solution,mode
q1,1,1,1.0,,1.0,1.0,0,
"""

from __future__ import annotations

import argparse
import csv
import errno
import io
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.i18n import get_language, t
from helpers.progress import FIELD_LIMIT, parse_lines, spreadsheet_plain, spreadsheet_safe
from helpers.progress._files import replace_file
from helpers.text import plain, shorten

from .scoring import Review
from .tally import MAX_CHART_ITEMS, Attempt, Skip, Tally, chart_png

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
_NEEDED = ("item", "correct", "answer")


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
            raise Skip("summary.skip.link") from None
        raise Skip("summary.skip.unreadable", error=exc.strerror or type(exc).__name__) from None
    too_big = Skip("summary.skip.too_big", limit=MAX_FILE_BYTES // (1024 * 1024))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Skip("summary.skip.not_regular")
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


def _too_many_rows() -> Skip:
    return Skip("summary.skip.too_many_rows", limit=MAX_ROWS)


def _correct(cell: str) -> bool | None:
    """A CSV's ``correct`` cell: True, False, or None when empty (an exam's answer, scored here)."""
    cell = cell.strip().lower()
    return None if not cell else cell in ("true", "1")


def _check_rows(data: bytes) -> None:
    """Refuse a file with too many lines before parsing any (old Mac files end lines with CR alone)."""
    if max(data.count(b"\n"), data.count(b"\r")) > MAX_ROWS + 1:
        raise _too_many_rows()


def _student_of(stem: str) -> str:
    """The student a file is named after: ``ayu-2026-03-01 (1)`` is Ayu's (hand-in date, a browser's copy number).

    >>> _student_of("ayu-lestari-2026-03-01 (1)"), _student_of("budi")
    ('ayu-lestari', 'budi')
    """
    return re.sub(r"[-_ ]?\d{4}-\d{2}-\d{2}$", "", re.sub(r" ?\(\d+\)$", "", stem)) or stem


def _from_jsonl(data: bytes, stem: str) -> tuple[list[Attempt], int]:
    _check_rows(data)
    attempts, damaged = parse_lines(data)
    rows = [
        Attempt(a["student"] or stem, a["item"], a["answer"], a["correct"], a["kind"], a["mode"], a["time"])
        for a in attempts
    ]
    return rows, damaged


def _mode(row: list[str], i_mode: int | None, i_explained: int | None) -> str:
    """The mode a CSV row says ("exam", "practice"), from its ``mode`` or ``explained`` column; else ""."""
    mode = row[i_mode].strip().lower() if i_mode is not None and len(row) > i_mode else ""
    if mode in ("exam", "practice"):
        return mode
    explained = row[i_explained].strip() if i_explained is not None and len(row) > i_explained else ""
    return "exam" if explained == "after_submit" else ""


def _from_csv(data: bytes, stem: str) -> tuple[list[Attempt], int]:
    _check_rows(data)
    ends = [end for end in (data.find(b"\n"), data.find(b"\r")) if end >= 0]
    if data[: min(ends, default=len(data))].count(b",") >= MAX_COLUMNS:  # the header: an old Mac ends it in CR
        raise Skip("summary.skip.too_many_columns", limit=MAX_COLUMNS)
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace"), newline=""))
    rows, damaged, items = [], 0, set()
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        if not header:
            raise Skip("summary.skip.no_attempts", damaged=0)
        missing = [name for name in _NEEDED if name not in header]
        if missing:
            raise Skip("summary.skip.not_progress", missing=", ".join(missing))
        i_item, i_answer, i_correct = header.index("item"), header.index("answer"), header.index("correct")
        i_student, i_kind, i_mode, i_explained, i_time = (
            header.index(name) if name in header else None for name in ("student", "kind", "mode", "explained", "time")
        )
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
                    raise Skip("summary.skip.too_many_items", limit=MAX_FILE_ITEMS)
            student = spreadsheet_plain(row[i_student].strip())[:FIELD_LIMIT] if i_student is not None else ""
            correct = _correct(row[i_correct])
            kind = spreadsheet_plain(row[i_kind].strip())[:40] if i_kind is not None and len(row) > i_kind else ""
            time = row[i_time].strip()[:40] if i_time is not None and len(row) > i_time else ""
            answer = spreadsheet_plain(row[i_answer])[:FIELD_LIMIT]
            mode = _mode(row, i_mode, i_explained) if i_mode is not None or i_explained is not None else ""
            rows.append(Attempt(student or stem, item, answer, correct, kind, mode, time))
    except csv.Error:
        raise Skip("summary.skip.damaged_csv", line=reader.line_num) from None
    return rows, damaged


def _classify(entry: os.DirEntry) -> None:
    """Raise :class:`Skip` for an entry that is not a handed-in file worth opening."""
    name = entry.name
    if name.startswith(("summary", ".summary-")):
        raise Skip("summary.skip.own_output")
    if entry.is_symlink():
        raise Skip("summary.skip.link")
    if entry.is_dir(follow_symlinks=False):
        raise Skip("summary.skip.folder")
    if not name.endswith((".csv", ".jsonl")):
        raise Skip("summary.skip.not_csv")
    if not entry.is_file(follow_symlinks=False):
        raise Skip("summary.skip.not_regular")


def _table_csv(summary: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_safe(str(name)) for name in summary.columns])  # students' items head columns
    for row in summary.itertuples(index=False):
        writer.writerow([spreadsheet_safe(v) if isinstance(v, str) else v for v in row])
    return buffer.getvalue().encode("utf-8")


def _outputs(folder: Path, out: str | os.PathLike | None) -> tuple[Path, Path, Path]:
    out = plain(out) if isinstance(out, str) else out  # not a path (None, "", a number): the default
    chart = Path(out) if isinstance(out, os.PathLike) or (isinstance(out, str) and out) else folder / "summary.png"
    table = chart.with_suffix(".csv")
    table = table if table != chart else chart.with_name(chart.name + ".csv")
    return chart, table, table.with_name(table.stem + "-students.csv")


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
    lang = get_language(lang)
    given = plain(folder) if isinstance(folder, str) else folder
    named = isinstance(given, (str, os.PathLike))
    if not named or not os.path.isdir(given):  # os.path: False for a name too long or holding a NUL
        _say("summary.no_folder", lang, path=_printable(str(given) if named else shorten(given), 200))
        return pd.DataFrame()
    folder = Path(given)
    tally, review = Tally(max_items=MAX_ITEMS, max_rows=MAX_TOTAL_ROWS, max_file_items=MAX_FILE_ITEMS), Review()
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        shown = _printable(entry.name)
        try:
            _classify(entry)
            path = Path(entry.path)
            reader = _from_jsonl if entry.name.endswith(".jsonl") else _from_csv
            data = _read(path)
            rows, damaged = reader(data, _student_of(path.stem))
            if not rows:
                raise Skip("summary.skip.no_attempts", damaged=damaged)
            earlier = review.same_as(shown, data)
            if earlier is not None:  # handed in twice under two names: counted once
                raise Skip("summary.skip.same_file", earlier=earlier)
            rows = review.file(shown, rows)  # every quiz answer scored with the teacher's banks
            if not tally.add(rows) and all(row.time for row in rows):
                review.repeated(shown)
        except Skip as skip:
            _say("summary.skipped", lang, path=shown, reason=t(skip.key, lang=lang, **skip.values))
            continue
        if damaged:
            _say("summary.damaged_lines", lang, path=shown, count=damaged)
    if not tally.items:
        _say("summary.no_files", lang)
        return pd.DataFrame()
    if review.exercises:
        _say("summary.exercises_as_recorded", lang)
    flags = pd.DataFrame(review.flags(lang), columns=[t(f"summary.col.{c}", lang=lang) for c in ("file", "flag")])
    if not flags.empty:
        _say("summary.flags", lang)
        print("\n".join(f"- {_printable(name, 120)}: {_printable(what, 200)}" for name, what in flags.values))
    summary = tally.table(lang)
    students = tally.students(lang)
    summary.attrs.update(saved=[], students=students, flags=flags)
    chart, table, per_student = _outputs(folder, out)
    outputs = [(chart, lambda: chart_png(summary, lang, _printable)), (table, lambda: _table_csv(summary))]
    outputs.append((per_student, lambda: _table_csv(students)))
    if not flags.empty:  # what to look at, beside the tables
        outputs.append((table.with_name(table.stem + "-flags.csv"), lambda: _table_csv(flags)))
    for target, render in outputs:
        try:
            replace_file(target, render(), prefix=".summary-")
            summary.attrs["saved"].append(target)
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
            error = getattr(exc, "strerror", None) or str(exc)
            _say("summary.cannot_save", lang, path=_printable(str(target), 200), error=error)
    if len(summary) > MAX_CHART_ITEMS:
        _say("summary.chart_partial", lang, shown=MAX_CHART_ITEMS, total=len(summary))
    return summary


def _for_terminal(summary: pd.DataFrame) -> str:
    shown = summary.copy()
    for column in (shown.columns[0], shown.columns[4]):
        shown[column] = shown[column].map(_printable)
    return shown.to_string(index=False)


def _students_text(students: pd.DataFrame) -> str:
    """The students' table as aligned text, every cell escaped (names and items come from students)."""
    lines = [[_printable(str(name), 40) for name in students.columns]]
    lines += [[_printable(str(cell)) for cell in row] for row in students.itertuples(index=False, name=None)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in lines)


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
    lang = get_language(args.lang)
    summary = summarize(args.folder, out=args.out, lang=lang)
    if summary.empty:
        return 0 if os.path.isdir(args.folder) else 2
    print(_for_terminal(summary))
    students = summary.attrs.get("students")
    if students is not None and not students.empty:
        _say("summary.per_student", lang)
        print(_students_text(students))
    for path in summary.attrs.get("saved", []):
        _say("summary.saved", lang, path=_printable(str(path), 200))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the output piped into `head` or a pager that closed: no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's own advice (signal docs)
        sys.exit(0)
