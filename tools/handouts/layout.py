"""The handouts' page: A4 style, the sheets' wording in both languages, and the small pieces every sheet uses.

The words of the sheets are in ``lessons/handouts/strings.yml`` (:func:`words`); :func:`page`
wraps a sheet's body in a complete A4 HTML page; :func:`table`, :func:`date_text` and
:func:`month_grid` write its tables and dates.

Examples
--------
>>> esc("<b>")
'&lt;b&gt;'
"""

from __future__ import annotations

import calendar
import html
import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["ROOT", "LANGS", "STRINGS", "CSS", "words", "lessons", "esc", "page", "table", "date_text", "month_grid"]

ROOT = Path(__file__).resolve().parent.parent.parent
LANGS = ("en", "id")
STRINGS = ROOT / "lessons" / "handouts" / "strings.yml"
CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #000; line-height: 1.35; }
h1 { font-size: 16pt; margin: 0 0 4pt 0; } h2 { font-size: 12.5pt; margin: 12pt 0 4pt 0; border-bottom: 1px solid #000; }
.meta { font-size: 9pt; margin-bottom: 6pt; } .help { font-style: italic; margin: 2pt 0 6pt 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; } th, td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; text-align: left; }
th { background: #e6e6e6; } td.fill { height: 22pt; } td.tall { height: 60pt; } .small { font-size: 8.5pt; }
.tiny { font-size: 7.8pt; line-height: 1.15; } .tiny td, .tiny th { padding: 1pt 3pt; }
ol.q > li { margin-bottom: 9pt; break-inside: avoid; } .opts { list-style: none; padding-left: 8pt; margin: 2pt 0; }
.line { border-bottom: 1px solid #000; height: 18pt; margin: 2pt 0; } .box { border: 1px solid #000; min-height: 46pt; margin: 3pt 0 8pt 0; }
pre { font-size: 8.5pt; border: 1px solid #000; padding: 4pt; white-space: pre-wrap; }
.foot { font-size: 8pt; margin-top: 10pt; border-top: 1px solid #000; padding-top: 2pt; }
.ticket { border: 1px dashed #000; padding: 6pt; margin-bottom: 8pt; height: 60mm; break-inside: avoid; }
.cal td { height: 22mm; width: 14%; } .maps figure { margin: 0; break-inside: avoid; }
.maps img { display: block; } .maps figcaption { font-size: 9pt; margin-top: 2mm; }
.pagebreak { break-after: page; } tr { break-inside: avoid; }
"""


@cache
def _strings() -> dict[str, Any]:
    return yaml.safe_load(STRINGS.read_text(encoding="utf-8"))


def words(key: str, lang: str) -> Any:
    """The handout wording ``key`` in ``lang`` (from ``lessons/handouts/strings.yml``).

    Examples
    --------
    >>> words("quiz", "id")
    'Kuis'
    >>> words("weekdays", "en")[0]
    'Monday'
    """
    entry = _strings()[key]
    if lang not in entry:
        raise KeyError(f"lessons/handouts/strings.yml: '{key}' has no '{lang}' text")
    return entry[lang]


def lessons() -> list[str]:
    """The lesson folders that have a question bank, in order.

    Examples
    --------
    >>> lessons()[0]
    '00-start-here'
    """
    return sorted(p.parent.name for p in (ROOT / "lessons").glob("[0-9][0-9]-*/quiz.yml"))


def esc(value: Any) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value))


def page(title: str, body: str, lang: str, *, subtitle: str = "") -> str:
    """A complete A4 HTML page in ``lang`` with the kit's heading and footer.

    Examples
    --------
    >>> "<html lang=\\"id\\">" in page("Judul", "<p>isi</p>", "id")
    True
    """
    sub = f'<div class="meta">{esc(subtitle)}</div>' if subtitle else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f'<style>{CSS}</style></head><body><div class="meta">{esc(words("kit", lang))}</div>'
        f'<h1>{esc(title)}</h1>{sub}{body}<div class="foot">{esc(words("page_source", lang))}</div></body></html>'
    )


def table(head: Iterable[str], rows: Iterable[Iterable[Any]], *, cls: str = "", fill: Iterable[int] = ()) -> str:
    """An HTML table; the columns in ``fill`` are left empty for students to write in.

    Examples
    --------
    >>> table(["a", "b"], [["<x>", "y"]], fill=[1])
    '<table><tr><th>a</th><th>b</th></tr><tr><td>&lt;x&gt;</td><td class="fill"></td></tr></table>'
    """
    blank = set(fill)
    out = [
        f'<table class="{cls}">' if cls else "<table>",
        "<tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr>",
    ]
    for row in rows:
        out.append(
            "<tr>"
            + "".join('<td class="fill"></td>' if i in blank else f"<td>{esc(c)}</td>" for i, c in enumerate(row))
            + "</tr>"
        )
    return "".join(out) + "</table>"


def date_text(value: Any, lang: str, *, precision: str = "day") -> str:
    """A date written out in ``lang`` at its precision (day, month or year).

    Examples
    --------
    >>> date_text("2020-01-06", "id")
    '6 Januari 2020'
    >>> date_text("2011-03-01", "en", precision="month")
    'March 2011'
    """
    import pandas as pd

    if value is None or pd.isna(value) or value == "":
        return ""
    day = pd.Timestamp(value)
    month = words("months", lang)[day.month - 1]
    return {"year": f"{day.year}", "month": f"{month} {day.year}"}.get(precision, f"{day.day} {month} {day.year}")


def month_grid(year: int, month: int, lang: str) -> str:
    """A month as an HTML calendar table, Monday first, with room to write in each day.

    Examples
    --------
    >>> grid = month_grid(2020, 1, "en")
    >>> grid.count("<td"), "<th>Monday</th>" in grid
    (35, True)
    """
    weeks = calendar.Calendar(firstweekday=0).monthdayscalendar(year, month)
    rows = "".join("<tr>" + "".join(f"<td>{d or ''}</td>" for d in week) + "</tr>" for week in weeks)
    head = "".join(f"<th>{esc(d)}</th>" for d in words("weekdays", lang))
    return f'<table class="cal"><tr>{head}</tr>{rows}</table>'
