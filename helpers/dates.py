"""Dates as students type them, in English or Indonesian: "8 January 2020", "Rabu, 8 Januari 2020".

Examples
--------
>>> parse_date("8 Januari 2020")
'2020-01-08'
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .text import fold, shorten

__all__ = ["ISO_DATE", "parse_date"]

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("january", "januari", "jan"),
            ("february", "februari", "feb", "pebruari"),
            ("march", "maret", "mar"),
            ("april", "apr"),
            ("may", "mei"),
            ("june", "juni", "jun"),
            ("july", "juli", "jul"),
            ("august", "agustus", "aug", "agu", "agt"),
            ("september", "sep", "sept"),
            ("october", "oktober", "oct", "okt"),
            ("november", "nov", "nopember"),
            ("december", "desember", "dec", "des"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?\s+(\d{4})")


def parse_date(text: Any) -> str | None:
    """Read a date a student typed, in English or Indonesian; return it as ``YYYY-MM-DD`` or None.

    A day name in front ("Wednesday", "Rabu") and commas are ignored. Dates written only with
    numbers are read only as ``YYYY-MM-DD`` (``08/01/2020`` means different days in different
    countries).

    Examples
    --------
    >>> parse_date("8 Januari 2020"), parse_date("Wednesday, January 8th, 2020"), parse_date("2020-1-8")
    ('2020-01-08', '2020-01-08', '2020-01-08')
    >>> parse_date("next week") is None
    True
    """
    written = text if isinstance(text, str) else shorten(text, limit=100)
    folded = fold(written[:100].encode("utf-8", "backslashreplace").decode("utf-8")).replace(",", " ").replace(".", " ")
    folded = " ".join(folded.split())
    numeric = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", folded)
    found = None
    if numeric:
        found = (int(numeric[1]), int(numeric[2]), int(numeric[3]))
    else:
        for pattern, order in ((_DAY_MONTH_YEAR, (3, 2, 1)), (_MONTH_DAY_YEAR, (3, 1, 2))):
            match = pattern.search(folded)
            if match and match[order[1]] in _MONTHS:
                found = (int(match[order[0]]), _MONTHS[match[order[1]]], int(match[order[2]]))
                break
    if found is None:
        return None
    try:
        return dt.date(*found).isoformat()
    except ValueError:
        return None
