"""The tick-or-cross status box that exercise checks, quiz answers and the project checklist show.

One renderer, two forms: HTML for Jupyter (``_repr_html_``) and plain text (``__repr__``). A box
has a mark (✔ right, ◐ partly right, ✘ not yet), a headline, and optionally details (a bulleted
list), notes (paragraphs) and quotes. Its left border takes the feedback colours of
:data:`helpers.style.FEEDBACK` (dark green when right, black otherwise), which belong to no side of
the war and stay distinct for colour-blind readers; the mark and the words carry the meaning, never
the colour alone. All text is escaped; every HTML box says its language (``lang``), a quote its parts'.

Examples
--------
>>> print(box_text(0.0, "Not yet right.", details=["2 row(s) are missing."]))
✘ Not yet right.
  - 2 row(s) are missing.
>>> box_html(1.0, "Correct!", lang="en")
'<div role="alert" lang="en" style="border-left:4px solid #00441B;padding-left:8px"><b>✔ Correct!</b></div>'
>>> print(checklist_text([(True, "180 words"), (False, "no data row cited")]))
✔ 180 words
✘ no data row cited
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from .i18n import get_language
from .style import FEEDBACK

__all__ = ["mark", "border_colour", "box_html", "box_text", "notice_html", "checklist_html", "checklist_text"]

_Lines = Sequence[str]
#: Border colours: feedback's own, never a side's (helpers.style.FEEDBACK).
_RIGHT, _NOT_YET = FEEDBACK["right"], FEEDBACK["not_yet"]


def mark(score: float) -> str:
    """✔ for a full score (1), ◐ for a partial one, ✘ for none.

    Examples
    --------
    >>> mark(1), mark(0.5), mark(0)
    ('✔', '◐', '✘')
    """
    return "✔" if score >= 1 else ("◐" if score > 0 else "✘")


def border_colour(score: float) -> str:
    """The box's border colour: feedback's dark green when fully right, black otherwise.

    Examples
    --------
    >>> border_colour(1) == FEEDBACK["right"], border_colour(0.5) == FEEDBACK["not_yet"]
    (True, True)
    """
    return _RIGHT if score >= 1 else _NOT_YET


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def box_html(
    score: float, headline: str, *, details: _Lines = (), notes: _Lines = (), quotes: _Lines = (), lang: str = ""
) -> str:
    """The box as HTML: a bold marked headline, then a list of details, paragraphs of notes, quotes."""
    items = "".join(f"<li>{html.escape(d)}</li>" for d in details)
    body = (f"<ul>{items}</ul>" if items else "") + "".join(f"<p>{html.escape(n)}</p>" for n in notes)
    body += "".join(f"<blockquote>{getattr(q, 'html', '') or _escape(q)}</blockquote>" for q in quotes)
    return (
        f'<div role="alert" lang="{lang or get_language()}" style="border-left:4px solid {border_colour(score)};padding-left:8px">'
        f"<b>{mark(score)} {html.escape(headline)}</b>{body}</div>"
    )


def box_text(
    score: float, headline: str, *, details: Sequence[str] = (), notes: Sequence[str] = (), quotes: Sequence[str] = ()
) -> str:
    """The box as text: the marked headline, ``  - detail`` lines, notes, then indented quotes.

    Examples
    --------
    >>> print(box_text(0.5, "Partly right (50%).", notes=["Two of four."], quotes=["A.p01.s01: ..."]))
    ◐ Partly right (50%).
    Two of four.
      A.p01.s01: ...
    """
    lines = [f"{mark(score)} {headline}", *(f"  - {d}" for d in details), *notes, *(f"  {q}" for q in quotes)]
    return "\n".join(lines)


def notice_html(text: str, *, lang: str = "") -> str:
    """A box with no mark and no colour, for news that is neither right nor wrong ("answer recorded").

    Examples
    --------
    >>> notice_html("Answer recorded.", lang="en")
    '<div role="alert" lang="en"><b>Answer recorded.</b></div>'
    """
    return f'<div role="alert" lang="{lang or get_language()}"><b>{html.escape(text)}</b></div>'


def checklist_html(items: Iterable[tuple[bool, str]]) -> str:
    """A checklist: one marked line per ``(ok, text)`` item, without bullets.

    Examples
    --------
    >>> checklist_html([(True, "a < b")])  # doctest: +ELLIPSIS
    '<ul role="list" lang="..." style="list-style:none;padding-left:0"><li>✔ a &lt; b</li></ul>'
    """
    rows = "".join(f"<li>{mark(float(ok))} {html.escape(text)}</li>" for ok, text in items)
    return f'<ul role="list" lang="{get_language()}" style="list-style:none;padding-left:0">{rows}</ul>'


def checklist_text(items: Iterable[tuple[bool, str]]) -> str:
    """The checklist as text, one ``✔ text`` or ``✘ text`` line per item."""
    return "\n".join(f"{mark(float(ok))} {text}" for ok, text in items)
