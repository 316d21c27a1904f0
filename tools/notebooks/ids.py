"""New cells get an id: the same new id in both editions, matched by position.

No other id ever changes, so the generated notebooks do not churn.

Examples
--------
>>> assign_ids("00-start-here")  # every cell already has its id
[]
"""

from __future__ import annotations

import secrets
from pathlib import Path

import jupytext
import nbformat

from .sources import FMT, LANGS, SRC, SourceError, read_source, relative, source_path

__all__ = ["assign_ids"]


def _new_id(slug: str, taken: set[str]) -> str:
    while True:
        cid = f"{slug}-{secrets.token_hex(4)}"
        if cid not in taken:
            return cid


def assign_ids(slug: str, src: Path = SRC) -> list[str]:
    """Give each new cell (one without an id) a fresh id, the same in both editions; return the new ids.

    New cells are matched across the editions by where they sit: between the same two cells that have
    ids, the first new cell of one edition goes with the first new cell of the other, and so on. Both
    files are rewritten only when a cell got an id.

    Raises
    ------
    SourceError
        When the new cells cannot be matched (a cell added to one edition only, or of another type).

    Examples
    --------
    >>> assign_ids("00-start-here")  # every cell already has its id
    []
    """
    paths = {lang: source_path(slug, lang, src) for lang in LANGS}
    books = {lang: read_source(paths[lang]) for lang in LANGS}
    a, b = LANGS

    def runs(nb: nbformat.NotebookNode) -> tuple[list[str | None], list[list[nbformat.NotebookNode]]]:
        anchors: list[str | None] = [None]
        groups: list[list[nbformat.NotebookNode]] = [[]]
        for cell in nb.cells:
            if cell.metadata.get("id") is None:
                groups[-1].append(cell)
            else:
                anchors.append(cell.metadata["id"])
                groups.append([])
        return anchors, groups

    (anchors_a, groups_a), (anchors_b, groups_b) = runs(books[a]), runs(books[b])
    if not any(groups_a) and not any(groups_b):
        return []
    if anchors_a != anchors_b:
        raise SourceError(
            f"{slug}: the cells that already have ids differ between the editions, so the new cells cannot "
            f"be matched; fix the ids first (`python -m tools.notebooks check` shows the difference)"
        )
    taken = {x for x in anchors_a if x}
    new = []
    for anchor, cells_a, cells_b in zip(anchors_a, groups_a, groups_b):
        place = f"after cell {anchor}" if anchor else "at the start"
        types_a, types_b = [c.cell_type for c in cells_a], [c.cell_type for c in cells_b]
        if types_a != types_b:
            raise SourceError(
                f"{slug}: new cells {place}: {a} has {types_a or 'none'}, {b} has {types_b or 'none'}; add each "
                f"new cell to both {relative(paths[a])} and {relative(paths[b])}, then run this again"
            )
        for cell_a, cell_b in zip(cells_a, cells_b):
            cid = _new_id(slug, taken)
            taken.add(cid)
            cell_a.metadata["id"] = cell_b.metadata["id"] = cid
            new.append(cid)
    for lang in LANGS:
        paths[lang].write_text(jupytext.writes(books[lang], fmt=FMT), encoding="utf-8")
    return new
