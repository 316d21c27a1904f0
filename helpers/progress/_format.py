"""The progress file format: one attempt per JSON line, read leniently; cells safe for spreadsheets.

A line stands alone: bad UTF-8, bad JSON, or a line that is not an attempt costs that line only.
Fields are cut to :data:`FIELD_LIMIT` characters and made encodable. Used by the student's own
file (:mod:`helpers.progress`) and by the teacher's summary (:mod:`kit_teacher.summary`).

Examples
--------
>>> parse_lines(b'{"item": "00.1", "correct": true}\\n{torn\\n')[1]
1
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ..text import plain, shorten

__all__ = [
    "COLUMNS",
    "FIELD_LIMIT",
    "as_score",
    "attempt_from",
    "clean_text",
    "one_line",
    "parse_lines",
    "spreadsheet_plain",
    "spreadsheet_safe",
    "truthy",
]

#: The columns of an exported progress file, in order (``mode``: "exam", "practice" or "" when unknown).
COLUMNS = ["student", "kind", "item", "lesson", "answer", "correct", "score", "time", "mode"]
#: Longest text kept from one field of an attempt (answers, names, items).
FIELD_LIMIT = 200
_BOM = b"\xef\xbb\xbf"
_TEXT_FIELDS = ("student", "kind", "item", "lesson", "time")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def clean_text(text: str, limit: int = FIELD_LIMIT) -> str:
    """Cut ``text`` to ``limit`` characters and make it encodable (lone surrogates escaped).

    Examples
    --------
    >>> clean_text("Ayu Lestari", 4)
    'Ayu…'
    """
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _field(value: Any, default: str | None = "") -> str | None:
    """A scalar field as text (numbers too); ``None`` for an object or a list, ``default`` if absent."""
    if isinstance(value, str):
        return value if len(value) <= FIELD_LIMIT and value.isascii() else clean_text(value)
    if value is None:
        return default
    if isinstance(value, (bool, int, float)):
        return clean_text(str(value))
    return None


def truthy(value: Any) -> bool:
    """Whether a recorded ``correct`` means right: True, 1, or the text "true" or "1".

    Examples
    --------
    >>> truthy("True"), truthy(1), truthy("yes")
    (True, True, False)
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value == 1)  # a plain bool (numpy's is no JSON)
    return isinstance(value, str) and value.strip().lower() in ("true", "1")


def as_score(value: Any) -> float:
    """A recorded score as a finite number (0.0 for anything that is not one).

    Examples
    --------
    >>> as_score("0.5"), as_score(float("nan")), as_score([1])
    (0.5, 0.0, 0.0)
    """
    if isinstance(value, bool):
        return float(value)
    try:
        number = (
            float(plain(value) if isinstance(value, str) else value) if isinstance(value, (int, float, str)) else 0.0
        )
    except (ValueError, OverflowError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def attempt_from(value: Any) -> dict[str, Any] | None:
    """Return one attempt with the :data:`COLUMNS` as keys, or ``None`` if ``value`` is not one.

    ``value`` is a decoded JSON line. ``item`` must be text or a number; ``lesson``, ``kind``
    and ``student`` must be text or numbers when present. Answers of any shape become short text.
    ``correct`` (absent or ``null``) and ``score`` (``null``) stay ``None``: an exam's, unscored.

    Examples
    --------
    >>> attempt_from({"item": 3, "answer": [1, 2], "correct": "true"})["item"]
    '3'
    >>> attempt_from({"item": ["a"], "answer": "x"}) is None
    True
    >>> [attempt_from({"item": "x/q1", "correct": None, "score": None, "mode": "exam"})[k] for k in ("correct", "score")]
    [None, None]
    """
    if not isinstance(value, dict):
        return None
    row: dict[str, Any] = {}
    for name in _TEXT_FIELDS:
        text = value.get(name)
        if not (text.__class__ is str and len(text) <= FIELD_LIMIT and text.isascii()):  # else: the slow path
            text = _field(text, default=None if name == "item" else "")
            if text is None:
                return None
        row[name] = text
    if not row["item"]:
        return None
    answer = value.get("answer", "")
    row["answer"] = _field(answer) if isinstance(answer, str) else one_line(answer)
    correct, score = value.get("correct"), value.get("score", 0.0)
    row["correct"] = correct if correct.__class__ is bool else None if correct is None else truthy(correct)
    row["score"] = None if score is None else as_score(score)  # null: an exam's answer, not scored yet
    row["mode"] = _mode(value)
    return row


def _mode(value: dict[str, Any]) -> str:
    """An attempt's quiz mode: its ``mode`` field, else "exam" when explained after "Submit all"."""
    mode, explained = value.get("mode"), value.get("explained")
    if mode in ("exam", "practice"):
        return mode
    if explained == "after_submit":  # only exam mode explains after "Submit all"
        return "exam"
    return "practice" if value.get("kind") == "quiz" and isinstance(explained, str) else ""


def parse_lines(data: bytes) -> tuple[list[dict[str, Any]], int]:
    """Return the attempts in the bytes of a progress file and the number of damaged lines.

    Each line stands alone: bad UTF-8, bad JSON or a line that is not an attempt costs that line
    only. A byte-order mark is ignored; lines may end in LF, CR LF or CR alone (an old Mac's).

    Examples
    --------
    >>> rows, damaged = parse_lines(b'\\xef\\xbb\\xbf{"item": "a"}\\n{"item": "\\xff"}\\n{"item": ["x"]}\\n')
    >>> [row["item"] for row in rows], damaged
    (['a'], 2)
    >>> [row["item"] for row in parse_lines(b'{"item": "a"}\\r{"item": "b"}\\r')[0]]
    ['a', 'b']
    """
    rows, damaged = [], 0
    for raw in data.splitlines():  # JSON never holds a raw CR or LF
        raw = raw.strip()
        if raw.startswith(_BOM):
            raw = raw[len(_BOM) :].strip()
        if not raw:
            continue
        try:
            row = attempt_from(json.loads(raw.decode("utf-8")))
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            row = None
        if row is None:
            damaged += 1
        else:
            rows.append(row)
    return rows, damaged


def one_line(answer: Any, limit: int = FIELD_LIMIT) -> str:
    """An answer as one line of text: strings as they are, anything else as a guarded ``repr``.

    Examples
    --------
    >>> one_line("a\\n b"), one_line({"a": 1})
    ('a b', "{'a': 1}")
    """
    text = answer if isinstance(answer, str) else shorten(answer, limit=limit)
    return clean_text(" ".join(text.split()), limit)


def spreadsheet_safe(cell: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (OWASP CSV injection guidance).

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    apostrophe, so Excel, LibreOffice and Google Sheets show it as text. Plain numbers such as
    ``-3`` stay numbers.

    Examples
    --------
    >>> spreadsheet_safe('=HYPERLINK("http://x.example")')
    '\\'=HYPERLINK("http://x.example")'
    >>> spreadsheet_safe("-3"), spreadsheet_safe("b")
    ('-3', 'b')
    """
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def spreadsheet_plain(cell: str) -> str:
    """Undo :func:`spreadsheet_safe` on a cell read back from an export.

    Examples
    --------
    >>> spreadsheet_plain(spreadsheet_safe("=1+1")), spreadsheet_plain("'tis")
    ('=1+1', "'tis")
    """
    return cell[1:] if cell[:1] == "'" and cell[1:2] in _FORMULA_START and len(cell) > 1 else cell
