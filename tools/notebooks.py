"""Build, execute and check the student notebooks from their MyST sources.

Each lesson has two sources, one per language: ``notebooks/src/en/NN-slug.md`` and
``notebooks/src/id/NN-nama.md``. They are MyST markdown notebooks: JupyterLab opens them as
notebooks (jupytext), GitHub shows them as text. From them this tool writes the two editions,
``notebooks/en/NN-slug.ipynb`` and ``notebooks/id/NN-nama.ipynb``, each named as its source.

Each edition has a file name in its own language (JupyterLab names a tab by the file name, so the
two editions must not share one; the table is ``helpers.paths.NOTEBOOK_NAMES``). The two sources
of a lesson are paired by their ``NN`` prefix; the lesson's slug (its folder in ``lessons/``) is
the English source's name.

The two sources of a lesson must keep the same cells: the same ids and the same types, in the same
order, and the same code in every code cell. Only the prose differs, and the language line
``helpers.set_language("en")`` / ``helpers.set_language("id")``, which names the edition's own
language. ``build``, ``execute`` and ``check`` refuse a lesson whose editions differ, naming the
lesson and the cell and showing the difference.

Every cell carries a stable id in its metadata (``+++ {"id": "..."}`` above a markdown cell,
``:id: ...`` in a code cell). A new cell has none until ``ids`` gives it one: the same new id to
the new cell in each edition, matched by position between cells that already have ids. No other
id ever changes, so the generated notebooks do not churn.

Front matter (``kit:``): ``title`` (that edition's title), ``minutes``, ``translation`` (who wrote
or translated that edition).

Usage::

    python -m tools.notebooks ids [NN-slug ...]       # give new cells an id, the same in both editions
    python -m tools.notebooks build [NN-slug ...]     # write the .ipynb files (no outputs)
    python -m tools.notebooks execute [NN-slug ...]   # build, then run them in place (make notebooks)
                                                      # (a lesson is named by either edition's name)
    python -m tools.notebooks check                   # exit 1 if a notebook differs from its sources

``--src DIR`` and ``--out DIR`` read the sources from and write the notebooks to other folders.
"""

from __future__ import annotations

import argparse
import difflib
import re
import secrets
import sys
from pathlib import Path

import jupytext
import nbformat

__all__ = [
    "LANGS",
    "SourceError",
    "assign_ids",
    "build_lesson",
    "check",
    "compare_editions",
    "lessons",
    "load_lesson",
    "load_source",
    "main",
    "normalize_code",
    "source_path",
    "target",
]

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "notebooks" / "src"
OUT = ROOT / "notebooks"
LANGS = ("en", "id")
FMT = "md:myst"
CELL_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what nbformat allows as a cell id
LANG_LINE = re.compile(r'helpers\.set_language\("([A-Za-z_-]*)"\)')
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
IDS_HINT = "run `python -m tools.notebooks ids` (or `make notebooks`) to give new cells an id"


class SourceError(ValueError):
    """A notebook source is malformed, or a lesson's two editions differ; the message says where."""


def _rel(path: Path) -> str:
    path = Path(path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 60 else line[:57] + "..."


def normalize_code(code: str) -> str:
    """Return code with its language line made language-neutral, to compare two editions.

    Examples
    --------
    >>> normalize_code('import helpers\\nhelpers.set_language("id")')
    'import helpers\\nhelpers.set_language(LANG)'
    >>> normalize_code('x = 1')
    'x = 1'
    """
    return LANG_LINE.sub("helpers.set_language(LANG)", code)


def _read(path: Path) -> nbformat.NotebookNode:
    """Read one MyST source and check everything but the cell ids."""
    rel = _rel(path)
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
    tools.notebooks.SourceError: .../99-x.md: cell 1 (markdown, '# X') has no id; run `python -m tools.notebooks ids` ...
    """
    nb = _read(path)
    seen: dict[str, int] = {}
    for n, cell in enumerate(nb.cells, start=1):
        cid = cell.metadata.get("id")
        where = f"{_rel(path)}: cell {n} ({cell.cell_type}, {_first_line(cell.source)!r})"
        if cid is None:
            raise SourceError(f"{where} has no id; {IDS_HINT}")
        if cid in seen:
            raise SourceError(
                f"{where} has the id {cid!r} of cell {seen[cid]} (a copied cell?): delete the copy's id "
                f"in both editions, then {IDS_HINT}"
            )
        seen[cid] = n
    return nb


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


def _by_prefix(src: Path, lang: str) -> dict[str, Path]:
    """The sources of one language, keyed by their ``NN`` prefix (refusing two with the same prefix)."""
    found: dict[str, Path] = {}
    for path in sorted((Path(src) / lang).glob("*.md")):
        prefix = path.stem[:2]
        if not re.fullmatch(r"\d\d-.+", path.stem):
            raise SourceError(f"{_rel(path)}: a lesson source is named NN-name.md (two digits, a dash, a name)")
        if prefix in found:
            raise SourceError(f"{_rel(found[prefix])} and {_rel(path)} are both lesson {prefix}: keep one")
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
        raise SourceError(f"lesson {slug} has no {lang} source in {_rel(Path(src) / lang)}")
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
                f"{_rel(found[lang][prefix])} has no {other} edition: write "
                f"{_rel(Path(src) / other)}/{prefix}-<name in that language>.md too"
            )
    names = sorted(found[a][prefix].stem for prefix in found[a])
    if slugs:
        wanted = {s.removesuffix(".md").removesuffix(".ipynb") for s in slugs}
        known = {found[lang][prefix].stem: found[a][prefix].stem for lang in LANGS for prefix in found[lang]}
        missing = wanted - set(known)
        if missing:
            raise SourceError(f"no source for: {', '.join(sorted(missing))} (looked in {_rel(Path(src))})")
        chosen = {known[w] for w in wanted}
        names = [s for s in names if s in chosen]
    return names


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
    books = {lang: _read(paths[lang]) for lang in LANGS}
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
                f"new cell to both {_rel(paths[a])} and {_rel(paths[b])}, then run this again"
            )
        for cell_a, cell_b in zip(cells_a, cells_b):
            cid = _new_id(slug, taken)
            taken.add(cid)
            cell_a.metadata["id"] = cell_b.metadata["id"] = cid
            new.append(cid)
    for lang in LANGS:
        paths[lang].write_text(jupytext.writes(books[lang], fmt=FMT), encoding="utf-8")
    return new


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
                problems.append(f"{_rel(stale)} has no source in {_rel(Path(src) / lang)} (renamed?): delete it")
    for slug in names:
        try:
            books = build_lesson(slug, src)
        except SourceError as exc:
            problems.append(str(exc))
            continue
        for lang, built in books.items():
            path = target(slug, lang, out, src)
            if not path.exists():
                problems.append(f"{_rel(path)} is missing: run `make notebooks`")
                continue
            committed = nbformat.read(path, as_version=4)
            if _signature(committed) != _signature(built):
                problems.append(
                    f"{_rel(path)} differs from {_rel(source_path(slug, lang, src))}: edit the sources, "
                    "then run `make notebooks`"
                )
            elif any(c.cell_type == "code" and c.execution_count is None for c in committed.cells):
                problems.append(f"{_rel(path)} has unexecuted cells: run `make notebooks`")
    return problems


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    """Validate a notebook and write it with a final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def execute(path: Path, timeout: int = 300) -> None:
    """Run a written notebook in place, keeping its outputs but no live widget views."""
    from nbclient import NotebookClient  # only `execute` needs a kernel client

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    client.execute()
    # Widget views need a live kernel: a stored one would show "model not found" in a freshly opened
    # notebook. Keep the text form (e.g. a quiz's questions, never its answers) until cells are run.
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}
    write(nb, path)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``ids``, ``build``, ``execute`` or ``check``; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.notebooks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["ids", "build", "execute", "check"])
    parser.add_argument("slugs", nargs="*", help="lessons to act on (default: all)")
    parser.add_argument("--src", type=Path, default=SRC, help="folder with en/ and id/ sources")
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write en/ and id/ notebooks into")
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = check(args.src, args.out)
        print("\n".join(problems) or "all notebooks match their sources")
        return 1 if problems else 0
    try:
        names = lessons(args.src, args.slugs)
        if args.command == "ids":
            for slug in names:
                for cid in assign_ids(slug, args.src):
                    print(f"{slug}: new cell id {cid}")
            return 0
    except SourceError as exc:
        print(f"cannot {args.command} the notebooks:\n{exc}", file=sys.stderr)
        return 1
    # Check every lesson before writing anything, so a refused build leaves no half-built set.
    built, problems = {}, []
    for slug in names:
        try:
            built[slug] = build_lesson(slug, args.src)
        except SourceError as exc:
            problems.append(str(exc))
    if problems:
        print(f"cannot {args.command} the notebooks:\n" + "\n".join(problems), file=sys.stderr)
        return 1
    for slug, books in built.items():
        for lang, nb in books.items():
            path = target(slug, lang, args.out, args.src)
            write(nb, path)
            if args.command == "execute":
                print(f"executing {_rel(path)}", flush=True)
                execute(path)
            else:
                print(f"wrote {_rel(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
