"""The notebooks built from the sources: written without outputs, and checked against the committed ones.

Examples
--------
>>> books = build_lesson("01-reading-the-news")
>>> books["en"].metadata["kit"]["source"]
'notebooks/src/en/01-reading-the-news.md'
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from .editions import load_lesson
from .sources import LANGS, OUT, SRC, SourceError, lessons, relative, source_path

__all__ = ["KERNELSPEC", "build_lesson", "check", "target", "write"]

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def build_lesson(slug: str, src: Path = SRC) -> dict[str, nbformat.NotebookNode]:
    """Return the two editions of a lesson as notebooks without outputs, ready to write.

    Examples
    --------
    >>> books = build_lesson("01-reading-the-news")
    >>> books["en"].cells[1].id, books["id"].metadata["kit"]["language"]
    ('01-reading-the-news-02', 'id')
    """
    books = {}
    for lang, source in load_lesson(slug, src).items():
        kit = source.metadata["kit"]
        nb = nbformat.v4.new_notebook()
        nb.metadata = {
            "kernelspec": dict(KERNELSPEC),
            "language_info": {"name": "python"},
            "kit": {
                "lesson": slug,
                "language": lang,
                "title": kit["title"],
                "minutes": kit.get("minutes"),
                "source": f"notebooks/src/{lang}/{source_path(slug, lang, src).name}",
                "translation": kit.get("translation") or "Written by the kit team",
            },
        }
        for cell in source.cells:
            meta = {k: v for k, v in cell.metadata.items() if k != "id"}
            cid = cell.metadata["id"]
            if cell.cell_type == "markdown":
                nb.cells.append(nbformat.v4.new_markdown_cell(cell.source, id=cid, metadata=meta))
            else:
                nb.cells.append(nbformat.v4.new_code_cell(cell.source, id=cid, metadata=meta))
        books[lang] = nb
    return books


def target(slug: str, lang: str, out: Path = OUT, src: Path = SRC) -> Path:
    """Return the path of one generated notebook: named as its source, in ``out/<lang>/``.

    Examples
    --------
    >>> target("01-reading-the-news", "id", Path("nb")).as_posix()
    'nb/id/01-membaca-berita.ipynb'
    """
    return Path(out) / lang / f"{source_path(slug, lang, src).stem}.ipynb"


def _signature(nb: nbformat.NotebookNode) -> tuple:
    cells = [(c.get("id", ""), c.cell_type, c.source, dict(c.metadata)) for c in nb.cells]
    return cells, dict(nb.metadata.get("kit", {}))


def check(src: Path = SRC, out: Path = OUT) -> list[str]:
    """Return one message per lesson or notebook that is wrong, missing or differs from its sources."""
    problems = []
    try:
        names = lessons(src)
    except SourceError as exc:
        return [str(exc)]
    expected = {target(slug, lang, out, src) for slug in names for lang in LANGS}
    for lang in LANGS:
        for stale in sorted((Path(out) / lang).glob("[0-9][0-9]-*.ipynb")):
            if stale not in expected:
                problems.append(
                    f"{relative(stale)} has no source in {relative(Path(src) / lang)} (renamed?): delete it"
                )
    for slug in names:
        try:
            books = build_lesson(slug, src)
        except SourceError as exc:
            problems.append(str(exc))
            continue
        for lang, built in books.items():
            path = target(slug, lang, out, src)
            if not path.exists():
                problems.append(f"{relative(path)} is missing: run `make notebooks`")
                continue
            committed = nbformat.read(path, as_version=4)
            if _signature(committed) != _signature(built):
                problems.append(
                    f"{relative(path)} differs from {relative(source_path(slug, lang, src))}: edit the sources, "
                    "then run `make notebooks`"
                )
            elif any(c.cell_type == "code" and c.execution_count is None for c in committed.cells):
                problems.append(f"{relative(path)} has unexecuted cells: run `make notebooks`")
    return problems


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    """Validate a notebook and write it with a final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
