"""One-off migration: split each bilingual ``notebooks/src/NN-slug.yml`` into two MyST notebooks.

Writes ``notebooks/src/en/NN-slug.md`` and ``notebooks/src/id/NN-slug.md`` (jupytext's MyST
markdown format), one per language, and checks that reading them back gives exactly the cells of
the YAML source. Each cell keeps the id the old builder gave it (``NN-slug-NN``, its position in
the YAML) as an explicit ``id`` in its metadata, so the generated ``.ipynb`` files keep their ids.
The language token ``@LANG@`` becomes the edition's language, so each file runs as it is.

Usage::

    python -m tools.migrate_yaml_to_myst          # migrate every notebooks/src/*.yml
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat
import yaml

__all__ = ["migrate", "to_myst"]

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "notebooks" / "src"
LANGS = ("en", "id")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def to_myst(source: dict, slug: str, lang: str) -> str:
    """Return one edition of a bilingual YAML lesson source as MyST markdown text.

    Examples
    --------
    >>> src = {"title": {"en": "T", "id": "J"}, "minutes": 5,
    ...        "cells": [{"md": {"en": "# T", "id": "# J"}}, {"code": 'helpers.set_language("@LANG@")'}]}
    >>> text = to_myst(src, "99-x", "id")
    >>> '+++ {"id": "99-x-01"}' in text and ':id: 99-x-02' in text and 'set_language("id")' in text
    True
    """
    nb = nbformat.v4.new_notebook()
    kit = {"title": source["title"][lang], "minutes": source.get("minutes")}
    if source.get("translation"):
        kit["translation"] = source["translation"][lang]
    nb.metadata = {"jupytext": {"notebook_metadata_filter": "kit"}, "kernelspec": dict(KERNELSPEC), "kit": kit}
    for n, cell in enumerate(source["cells"], start=1):
        meta = {"id": f"{slug}-{n:02d}"}
        if cell.get("tags"):
            meta["tags"] = list(cell["tags"])
        if "md" in cell:
            nb.cells.append(nbformat.v4.new_markdown_cell(cell["md"][lang].rstrip("\n"), metadata=meta))
        else:
            code = cell["code"].rstrip("\n").replace("@LANG@", lang)
            nb.cells.append(nbformat.v4.new_code_cell(code, metadata=meta))
    return jupytext.writes(nb, fmt="md:myst")


def migrate(path: Path) -> list[Path]:
    """Write both MyST editions of one YAML source and check they read back to the same cells."""
    source = yaml.safe_load(path.read_text(encoding="utf-8"))
    written = []
    for lang in LANGS:
        out = SRC / lang / f"{path.stem}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        text = to_myst(source, path.stem, lang)
        back = jupytext.reads(text, fmt="md:myst")
        expected = [
            ("markdown", c["md"][lang].rstrip("\n")) if "md" in c else ("code", c["code"].rstrip("\n").replace("@LANG@", lang))
            for c in source["cells"]
        ]
        got = [(c.cell_type, c.source) for c in back.cells]
        if got != expected:
            raise SystemExit(f"{out}: reading the MyST text back does not give the YAML's cells")
        if jupytext.writes(back, fmt="md:myst") != text:
            raise SystemExit(f"{out}: jupytext would rewrite this file on its first save")
        out.write_text(text, encoding="utf-8")
        written.append(out)
    return written


def main() -> int:
    for path in sorted(SRC.glob("*.yml")):
        for out in migrate(path):
            print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
