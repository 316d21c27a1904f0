"""The teacher's fields (title, publisher, address) made safe where they land: Markdown, HTML, code.

A field is one line of plain text (:mod:`.planning` refuses line breaks and control characters);
here it is escaped once more where it is written, so that neither a slip nor a hostile page can
turn it into markup, a link elsewhere, a formula or a new cell:

- :func:`markdown_text`: every Markdown and HTML special character escaped, ``<`` and ``&`` as
  entities, any line break left over as a space, so the text shows exactly as given in
  JupyterLab, in nbconvert's static site and on GitHub;
- :func:`markdown_url`: an address for ``[text](address)``, with spaces, quotes, brackets and
  parentheses percent-encoded, so it can neither end the link nor become an attribute.

Examples
--------
>>> markdown_text("<img src=x onerror=alert(1)>")
'&lt;img src=x onerror=alert\\\\(1\\\\)&gt;'
>>> markdown_url("https://example.org/a (b)")
'https://example.org/a%20%28b%29'
"""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = ["markdown_text", "markdown_url"]

# The ASCII punctuation that may start or end markup inside a line: Markdown's emphasis, code, links
# and tables, MyST's roles, and formulas (CommonMark lets any of them be backslash-escaped).
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|~$])")
_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def markdown_text(value: str) -> str:
    """``value`` as Markdown that shows exactly those characters: no markup, no HTML, no formula.

    Examples
    --------
    >>> markdown_text("Kompas *Daily* & $5 $6")
    'Kompas \\\\*Daily\\\\* &amp; \\\\$5 \\\\$6'
    >>> markdown_text("one\\n```{code-cell}\\nimport os")
    'one \\\\`\\\\`\\\\`\\\\{code-cell\\\\} import os'
    """
    text = _BREAKS.sub(" ", str(value))
    text = _PUNCTUATION.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_url(url: str) -> str:
    """``url`` for a Markdown link's address: nothing in it can end the link or start markup.

    Examples
    --------
    >>> markdown_url('https://x.org/"><script>')
    'https://x.org/%22%3E%3Cscript%3E'
    """
    return quote(_BREAKS.sub("", str(url)), safe=":/?#@!&'*+,;=%~-._")
