"""Text folding and safe shortening: the one place that decides when two spellings are "the same".

Every comparison of names a student types (quiz answers, place look-ups, highlighted terms) goes
through :func:`fold` or :func:`fold_key`, so "the same name" means the same thing everywhere.
:func:`shorten` turns any value, however hostile, into a short printable string for a message;
:func:`table_html`, the facts of a map or chart as an escaped, folded HTML table.

Examples
--------
>>> fold("  Misrâta ")
'misrata'
>>> fold_key("al-Sarraj")
'alsarraj'
>>> shorten("x" * 500, limit=12)
"'xxxxxxxxxx…"
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

__all__ = ["code_block", "fold", "fold_key", "plain", "shorten", "strip_accents", "table_html"]

_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_BACKTICKS = re.compile(r"`+")


def strip_accents(text: str) -> str:
    """Return ``text`` without combining accents (``"Tripolî"`` -> ``"Tripoli"``).

    Examples
    --------
    >>> strip_accents("Misrâta")
    'Misrata'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse runs of white space to one space.

    Examples
    --------
    >>> fold("Khalifa   HAFTAR")
    'khalifa haftar'
    """
    return " ".join(strip_accents(text).lower().split())


def fold_key(text: Any) -> str:
    """Fold ``text`` and drop everything but letters and digits: the key for name look-ups.

    Case, accents, spaces, hyphens, apostrophes and dots do not matter.

    Examples
    --------
    >>> fold_key("Al-Watiya") == fold_key("al watiya") == "alwatiya"
    True
    """
    return _NOT_ALNUM.sub("", strip_accents(str(text)).lower())


def plain(value: Any) -> str | None:
    """``value`` as a plain ``str`` if it is text (a subclass copied, its own methods never run), else None.

    >>> type(plain(type("Name", (str,), {"__hash__": None})("Ayu"))), plain(3)
    (<class 'str'>, None)
    """
    return str.__str__(value) if isinstance(value, str) else None


def shorten(value: Any, *, limit: int = 80) -> str:
    """Return ``repr(value)`` cut to ``limit`` characters; never raises.

    Values whose ``repr`` fails, very long numbers and lone surrogates all give something
    printable, so a student's odd value can always be named in a message.

    Examples
    --------
    >>> shorten([1, 2, 3])
    '[1, 2, 3]'
    >>> shorten(10 ** 5000)
    '<int, about 5000 digits>'
    """
    if isinstance(value, int) and value.bit_length() > 1000:
        # repr() of a huge int is slow and refused past 4300 digits
        text = f"<int, about {int(value.bit_length() * 0.30103)} digits>"
    else:
        try:
            text = repr(value)
        except Exception:  # a student's object whose __repr__ fails
            text = f"<{type(value).__name__}>"
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: max(limit - 1, 1)] + "…"


def code_block(text: str) -> str:
    """Markdown that shows ``text`` literally: a fence longer than any run of backticks inside it.

    A question text holding a code fence cannot close the block early and become live markup.

    Examples
    --------
    >>> code_block("a ``` b")
    '````text\\na ``` b\\n````'
    """
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def markdown_in(lang: str, markdown: str) -> str:
    """Markdown inside a box that says its language; the blank lines keep the Markdown read as Markdown.

    >>> markdown_in("id", "*Halo*")
    '<div lang="id">\\n\\n*Halo*\\n\\n</div>'
    """
    return f'<div lang="{lang}">\n\n{markdown}\n\n</div>'


def table_html(summary: str, caption: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A table folded under ``summary`` (``<details>``), captioned, each row's first cell its header.

    >>> table_html("As a table", "Towns", ["Town", "Side"], [("Sirte", "LNA")])[-80:]
    '<tbody><tr><th scope="row">Sirte</th><td>LNA</td></tr></tbody></table></details>'
    """
    if not rows:
        return ""
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    cells = ("".join(f"<td>{html.escape(str(c))}</td>" for c in r[1:]) for r in rows)
    body = "".join(f'<tr><th scope="row">{html.escape(str(r[0]))}</th>{c}</tr>' for r, c in zip(rows, cells))
    return (
        f"<details><summary>{html.escape(summary)}</summary><table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details>"
    )
