"""The two editions of a lesson agree: the same cells, ids and code, each in its own language.

Only the prose differs, and two lines of the first cell: the language line
``helpers.set_language("en")`` / ``helpers.set_language("id")``, which names the edition's own
language, and the message Colab shows without internet, ``raise UsageError("...")``, in that language.

Examples
--------
>>> sorted(load_lesson("00-start-here"))
['en', 'id']
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import nbformat

from .sources import LANGS, SRC, SourceError, load_source, source_path

__all__ = ["LANG_LINE", "MESSAGE_LINE", "compare_editions", "load_lesson", "normalize_code"]

LANG_LINE = re.compile(r'helpers\.set_language\("([A-Za-z_-]*)"\)')
#: The first cell's message when Colab cannot install the kit (no internet), in the edition's language.
MESSAGE_LINE = re.compile(r'raise UsageError\("[^"\n]*"\)')


def normalize_code(code: str) -> str:
    """Return code with its language line and its no-internet message made language-neutral, to
    compare two editions.

    Examples
    --------
    >>> normalize_code('import helpers\\nhelpers.set_language("id")')
    'import helpers\\nhelpers.set_language(LANG)'
    >>> normalize_code('    raise UsageError("Colab perlu internet.")')
    '    raise UsageError(MESSAGE)'
    >>> normalize_code('x = 1')
    'x = 1'
    """
    return MESSAGE_LINE.sub("raise UsageError(MESSAGE)", LANG_LINE.sub("helpers.set_language(LANG)", code))


def compare_editions(
    slug: str, editions: dict[str, nbformat.NotebookNode], names: dict[str, str] | None = None
) -> list[str]:
    """Return one message per way the editions of a lesson differ (empty when they agree).

    The editions must have the same cell ids and types in the same order, the same code in every code
    cell apart from the language line, and each language line must name its own edition's language.
    ``names`` gives each edition's file name (default: the slug) for the messages.

    Examples
    --------
    >>> def nb(lang, code):
    ...     book = nbformat.v4.new_notebook()
    ...     book.cells = [nbformat.v4.new_code_cell(
    ...         f'helpers.set_language("{lang}")\\n' + code, metadata={"id": "c1"})]
    ...     return book
    >>> compare_editions("99-x", {"en": nb("en", "x = 1"), "id": nb("id", "x = 1")})
    []
    >>> print(compare_editions("99-x", {"en": nb("en", "x = 1"), "id": nb("id", "x = 2")})[0])
    99-x, cell c1: the code differs between the editions (en, id):
    --- en/99-x.md
    +++ id/99-x.md
    @@ -1,2 +1,2 @@
     helpers.set_language(LANG)
    -x = 1
    +x = 2
    """
    problems = []
    a, b = LANGS
    files = {lang: f"{lang}/{(names or {}).get(lang, slug)}.md" for lang in LANGS}
    shape = {lang: [f"{c.cell_type} {c.metadata.get('id')}" for c in editions[lang].cells] for lang in LANGS}
    if shape[a] != shape[b]:
        diff = difflib.unified_diff(shape[a], shape[b], files[a], files[b], lineterm="", n=1)
        problems.append(
            f"{slug}: the editions do not have the same cells (type and id, in order); every cell needs "
            f"its counterpart, with the same id, in the other edition:\n" + "\n".join(diff)
        )
    for lang in LANGS:
        lines = [m for c in editions[lang].cells if c.cell_type == "code" for m in LANG_LINE.findall(c.source)]
        if not lines:
            problems.append(f'{slug} ({lang}): no code cell sets the language: add helpers.set_language("{lang}")')
        for found in sorted(set(lines) - {lang}):
            problems.append(
                f'{slug} ({lang}): helpers.set_language("{found}") in the {lang} edition; it must say "{lang}"'
            )
    code = {
        lang: {c.metadata.get("id"): c.source for c in editions[lang].cells if c.cell_type == "code"} for lang in LANGS
    }
    for cid, source in code[a].items():
        other = code[b].get(cid)
        if other is None or normalize_code(source) == normalize_code(other):
            continue
        diff = difflib.unified_diff(
            normalize_code(source).splitlines(),
            normalize_code(other).splitlines(),
            files[a],
            files[b],
            lineterm="",
        )
        problems.append(f"{slug}, cell {cid}: the code differs between the editions ({a}, {b}):\n" + "\n".join(diff))
    return problems


def load_lesson(slug: str, src: Path = SRC) -> dict[str, nbformat.NotebookNode]:
    """Read both editions of a lesson and check that they agree.

    Raises
    ------
    SourceError
        With every difference found (lesson, cell id, the difference) when the editions disagree.

    Examples
    --------
    >>> sorted(load_lesson("00-start-here"))
    ['en', 'id']
    """
    paths = {lang: source_path(slug, lang, src) for lang in LANGS}
    editions = {lang: load_source(paths[lang]) for lang in LANGS}
    problems = compare_editions(slug, editions, {lang: path.stem for lang, path in paths.items()})
    if problems:
        raise SourceError("\n".join(problems))
    return editions
