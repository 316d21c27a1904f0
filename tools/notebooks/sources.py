"""The MyST sources of the lessons: where they are, how they are read, how the two editions pair.

Each lesson has a source per language, ``notebooks/src/en/NN-slug.md`` and
``notebooks/src/id/NN-nama.md``, paired by their ``NN`` prefix; the lesson's slug is the English
source's name. Every cell of a source needs a stable id (``ids`` gives new cells one).

Examples
--------
>>> source_path("00-start-here", "id").name
'00-mulai-di-sini.md'
>>> relative(ROOT / "notebooks" / "src")
'notebooks/src'
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat

__all__ = [
    "CELL_ID",
    "FMT",
    "IDS_HINT",
    "LANGS",
    "OUT",
    "ROOT",
    "SRC",
    "SourceError",
    "lessons",
    "load_source",
    "read_source",
    "relative",
    "source_path",
]

ROOT = Path(__file__).resolve().parent.parent.parent
SRC = ROOT / "notebooks" / "src"
OUT = ROOT / "notebooks"
LANGS = ("en", "id")
FMT = "md:myst"
CELL_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what nbformat allows as a cell id
IDS_HINT = "run `python -m tools.notebooks ids` (or `make notebooks`) to give new cells an id"


class SourceError(ValueError):
    """A notebook source is malformed, or a lesson's two editions differ; the message says where."""


def relative(path: Path) -> str:
    """A path as the messages show it: relative to the kit when it is inside it."""
    path = Path(path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 60 else line[:57] + "..."


def read_source(path: Path) -> nbformat.NotebookNode:
    """Read one MyST source and check everything but the cell ids (:func:`load_source` checks them too)."""
    rel = relative(path)
    try:
        nb = jupytext.reads(Path(path).read_text(encoding="utf-8"), fmt=FMT)
    except Exception as exc:  # jupytext raises many kinds of errors for a broken text
        raise SourceError(f"{rel}: cannot be read as a MyST notebook: {exc}") from exc
    kit = nb.metadata.get("kit")
    if not isinstance(kit, dict) or not isinstance(kit.get("title"), str) or not kit["title"].strip():
        raise SourceError(f"{rel}: the front matter needs `kit:` with a non-empty `title:`")
    if kit.get("minutes") is not None and not isinstance(kit["minutes"], int):
        raise SourceError(f"{rel}: `kit: minutes:` must be a whole number")
    for n, cell in enumerate(nb.cells, start=1):
        if cell.cell_type not in ("markdown", "code"):
            raise SourceError(f"{rel}: cell {n} is a {cell.cell_type} cell; use markdown or code cells")
        if not cell.source.strip():
            raise SourceError(f"{rel}: cell {n} ({cell.cell_type}) is empty")
        cid = cell.metadata.get("id")
        if cid is not None and (not isinstance(cid, str) or not CELL_ID.fullmatch(cid)):
            raise SourceError(f"{rel}: cell {n} has the id {cid!r}; use letters, digits, '-' and '_' (at most 64)")
    return nb


def load_source(path: Path) -> nbformat.NotebookNode:
    """Read one MyST source; every cell must have a valid id, used once.

    Parameters
    ----------
    path : Path
        A file such as ``notebooks/src/en/01-reading-the-news.md``.

    Returns
    -------
    nbformat.NotebookNode
        The notebook as jupytext reads it; each cell's id is in ``cell.metadata["id"]``.

    Raises
    ------
    SourceError
        Naming the file and the cell (number, first line) when something is wrong.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "99-x.md").write_text('---\\nkit:\\n  title: X\\n---\\n\\n# X\\n', encoding="utf-8")
    >>> load_source(folder / "99-x.md")
    Traceback (most recent call last):
    ...
    tools.notebooks.sources.SourceError: .../99-x.md: cell 1 (markdown, '# X') has no id; run `python -m tools.notebooks ids` ...
    """
    nb = read_source(path)
    seen: dict[str, int] = {}
    for n, cell in enumerate(nb.cells, start=1):
        cid = cell.metadata.get("id")
        where = f"{relative(path)}: cell {n} ({cell.cell_type}, {_first_line(cell.source)!r})"
        if cid is None:
            raise SourceError(f"{where} has no id; {IDS_HINT}")
        if cid in seen:
            raise SourceError(
                f"{where} has the id {cid!r} of cell {seen[cid]} (a copied cell?): delete the copy's id "
                f"in both editions, then {IDS_HINT}"
            )
        seen[cid] = n
    return nb


def _by_prefix(src: Path, lang: str) -> dict[str, Path]:
    """The sources of one language, keyed by their ``NN`` prefix (refusing two with the same prefix)."""
    found: dict[str, Path] = {}
    for path in sorted((Path(src) / lang).glob("*.md")):
        prefix = path.stem[:2]
        if not re.fullmatch(r"\d\d-.+", path.stem):
            raise SourceError(f"{relative(path)}: a lesson source is named NN-name.md (two digits, a dash, a name)")
        if prefix in found:
            raise SourceError(f"{relative(found[prefix])} and {relative(path)} are both lesson {prefix}: keep one")
        found[prefix] = path
    return found


def source_path(slug: str, lang: str, src: Path = SRC) -> Path:
    """Return one edition's source of a lesson: the file of ``src/<lang>`` with the lesson's ``NN`` prefix.

    Examples
    --------
    >>> source_path("00-start-here", "id").name
    '00-mulai-di-sini.md'
    """
    found = _by_prefix(src, lang).get(slug[:2])
    if found is None:
        raise SourceError(f"lesson {slug} has no {lang} source in {relative(Path(src) / lang)}")
    return found


def lessons(src: Path = SRC, slugs: list[str] | None = None) -> list[str]:
    """Return the lesson slugs (the English sources' names) found in ``src/en`` and ``src/id``.

    The editions are paired by their ``NN`` prefix; each lesson must be in both. ``slugs`` keeps
    only the lessons named (by either edition's name, with or without a suffix).

    Examples
    --------
    >>> lessons()[:2]
    ['00-start-here', '01-reading-the-news']
    >>> lessons(slugs=["00-mulai-di-sini.ipynb"])
    ['00-start-here']
    """
    found = {lang: _by_prefix(Path(src), lang) for lang in LANGS}
    a, b = LANGS
    for lang, other in ((a, b), (b, a)):
        for prefix in sorted(set(found[lang]) - set(found[other])):
            raise SourceError(
                f"{relative(found[lang][prefix])} has no {other} edition: write "
                f"{relative(Path(src) / other)}/{prefix}-<name in that language>.md too"
            )
    names = sorted(found[a][prefix].stem for prefix in found[a])
    if slugs:
        wanted = {s.removesuffix(".md").removesuffix(".ipynb") for s in slugs}
        known = {found[lang][prefix].stem: found[a][prefix].stem for lang in LANGS for prefix in found[lang]}
        missing = wanted - set(known)
        if missing:
            raise SourceError(f"no source for: {', '.join(sorted(missing))} (looked in {relative(Path(src))})")
        chosen = {known[w] for w in wanted}
        names = [s for s in names if s in chosen]
    return names
