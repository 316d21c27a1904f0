"""A saved web page as the article's text: its paragraphs, one per line, without the page's machinery.

Scripts, styles, menus, headers, footers, forms and the like are dropped; what is left of the
page's clutter ("Baca Juga", share buttons) is marked as boilerplate later, sentence by sentence,
by :mod:`helpers.sentences`.

Examples
--------
>>> is_html("<!DOCTYPE html><p>x</p>", "berita.txt"), is_html("Tripoli -", "berita.txt")
(True, False)
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text", "is_html"]


def is_html(text: str, name: str) -> bool:
    """Whether a file is a saved web page: by its name (``.html``, ``.htm``) or its first tag."""
    return name.lower().endswith((".html", ".htm")) or bool(re.match(r"\s*<(!doctype html|html)", text, re.I))


class _PageText(HTMLParser):
    """The paragraphs of a saved web page: no scripts, styles, navigation, headers or forms."""

    SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "button", "svg"})
    SKIP |= {"iframe", "template", "select", "head"}
    BLOCK = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote", "div", "br"})
    BLOCK |= {"section", "article", "tr", "main", "figure", "ul", "ol", "table", "body"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.skipping: list[str] = []

    def flush(self) -> None:
        """End the line being collected (a block starts or ends)."""
        line = re.sub(r"[ \t\r\n]+", " ", "".join(self.buffer)).strip()
        if line:
            self.lines.append(line)
        self.buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping.append(tag)
        elif not self.skipping and tag in self.BLOCK:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif not self.skipping and tag in self.BLOCK:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.buffer.append(data)


def html_to_text(page: str) -> str:
    """Return the paragraphs of a saved HTML page, one per line (scripts, styles, menus dropped).

    Examples
    --------
    >>> html_to_text("<nav>Menu</nav><p>Satu\\n dua.</p><script>x()</script><p>Tiga &amp; empat.</p>")
    'Satu dua.\\nTiga & empat.\\n'
    """
    parser = _PageText()
    parser.feed(page)
    parser.close()
    parser.flush()
    return "\n".join(parser.lines) + "\n"
