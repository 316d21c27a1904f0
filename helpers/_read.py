"""Reading the package's files: UTF-8 text (a BOM allowed) and strict CSV, with DataErrors that say where.

A file that is not UTF-8 (saved as Latin-1 or Windows-1252, say) is reported at its first
undecodable byte, with the row and field of a CSV; a CSV whose quoting is broken is reported at
the record where it starts, with the field whose quote is misplaced or never closed.

Examples
--------
>>> parse_csv({"path": "snapshots.csv", "format": "csv"})[0][1][0]
'2019-04-03'
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ._errors import DataError
from .paths import data_dir

__all__ = ["read_bytes", "read_text", "parse_csv"]

_BOM = b"\xef\xbb\xbf"


def _rel(res: dict[str, Any]) -> str:
    return f"data/{res['path']}"


def read_bytes(rel: str, path: str) -> bytes:
    """Return the bytes of ``data/<path>``; a missing or unopenable file is a DataError naming ``rel``.

    Examples
    --------
    >>> read_bytes("data/snapshots.csv", "snapshots.csv")[:4]
    b'date'
    """
    try:
        return (data_dir() / path).read_bytes()
    except FileNotFoundError:
        raise DataError("data.problem.missing_file", file=rel) from None
    except OSError as exc:  # a folder, or no permission
        raise DataError("data.problem.unreadable", file=rel, reason=exc.strerror or type(exc).__name__) from None


def read_text(res: dict[str, Any]) -> str:
    """Return the text of a resource's file: UTF-8, with or without a BOM.

    Raises
    ------
    DataError
        When the file is missing or not UTF-8 (naming the row and field of the first bad byte).

    Examples
    --------
    >>> read_text({"path": "snapshots.csv", "format": "csv"}).startswith("date,")
    True
    """
    rel = _rel(res)
    content = read_bytes(rel, res["path"])
    if content.startswith(_BOM):
        content = content[len(_BOM) :]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte, line = f"0x{content[exc.start]:02x}", content[: exc.start].count(b"\n") + 1
        if res.get("format") != "csv":
            raise DataError("data.problem.not_utf8", file=rel, line=line, byte=byte) from None
        where = _first_bad_cell(content.decode("utf-8", "replace"))
        key = "data.problem.not_utf8_cell" if where.get("field") else "data.problem.not_utf8"
        raise DataError(key, file=rel, byte=byte, **(where or {"line": line})) from None


def _first_bad_cell(text: str) -> dict[str, Any]:
    """Row, line and field of the first cell holding an undecodable byte (shown as U+FFFD)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    for n, cells in enumerate(reader):
        header = header or cells
        for j, cell in enumerate(cells):
            if "\ufffd" in cell:
                return {"row": n, "line": reader.line_num, "field": header[j] if j < len(header) else None}
    return {}


def parse_csv(res: dict[str, Any]) -> tuple[list[list[str]], list[int]]:
    """Return the records of a CSV resource (header first) and the line on which each ends.

    Examples
    --------
    >>> records, lines = parse_csv({"path": "snapshots.csv", "format": "csv"})
    >>> records[0], lines[:2]
    (['date', 'label_en', 'label_id', 'sources'], [1, 2])
    """
    rel = _rel(res)
    text = read_text(res)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, lines = [], []
    try:
        for cells in reader:
            records.append(cells)
            lines.append(reader.line_num)
    except csv.Error:
        start = lines[-1] + 1 if lines else 1
        header = records[0] if records else []
        column = _quote_column(text.splitlines()[start - 1] if start <= len(text.splitlines()) else "")
        field = header[column] if column is not None and column < len(header) else None
        raise DataError("data.problem.bad_csv", file=rel, row=len(records), line=start, field=field) from None
    return records, lines


def _quote_column(line: str) -> int | None:
    """The column (from 0) where a line's quoting goes wrong: a quote left open, or one inside a bare cell.

    A quoted cell that closes and is not followed by a comma was opened in the wrong place: the
    culprit is the column where that quote opened, not where the reader noticed.

    Examples
    --------
    >>> _quote_column('a,"b,c,"d" e')
    1
    >>> _quote_column('a,b"c,d')
    1
    """
    column, opened_at, quoted, at_start, previous = 0, 0, False, True, ""
    for char in line:
        if quoted:
            if char == '"':
                quoted, previous = False, '"'
            continue
        if previous == '"' and char not in ',"':
            return opened_at
        if char == '"':
            if not at_start and previous != '"':
                return column
            quoted, opened_at = True, column
        elif char == ",":
            column, at_start, previous = column + 1, True, ","
            continue
        at_start, previous = False, char
    return opened_at if quoted else None
