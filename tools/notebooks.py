"""Build, execute and check the student notebooks from their bilingual sources.

Each lesson has one source, ``notebooks/src/NN-slug.yml``, holding both languages side by side.
From it this tool writes the two editions, ``notebooks/en/NN-slug.ipynb`` and
``notebooks/id/NN-slug.ipynb``, which therefore always have the same cells, the same code,
the same exercises and the same quizzes; only the prose differs, and the language line
``helpers.set_language("@LANG@")`` is filled in per edition.

Source format::

    title: {en: "...", id: "..."}
    minutes: 45
    translation: {en: "...", id: "..."}   # who wrote/translated each edition
    cells:
      - md: {en: "...", id: "..."}        # prose, one text per language
      - code: |                            # code, shared by both editions
          import helpers
          helpers.set_language("@LANG@")

Usage::

    python tools/notebooks.py build [NN-slug ...]     # write the .ipynb files (no outputs)
    python tools/notebooks.py execute [NN-slug ...]   # build, then run them in place
    python tools/notebooks.py check                   # exit 1 if a notebook differs from its source
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "notebooks" / "src"
LANGS = ("en", "id")
LANG_TOKEN = "@LANG@"


class SourceError(ValueError):
    """A notebook source is malformed; the message names the file and cell."""


def load_source(path: Path) -> dict:
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise SourceError(f"{rel}: expected a mapping with a 'cells' list")
    for key in ("title",):
        if not isinstance(data.get(key), dict) or set(data[key]) != set(LANGS):
            raise SourceError(f"{rel}: '{key}' needs exactly the languages {LANGS}")
    for n, cell in enumerate(data["cells"], start=1):
        if not isinstance(cell, dict) or len(set(cell) & {"md", "code"}) != 1:
            raise SourceError(f"{rel}: cell {n} needs exactly one of 'md' or 'code'")
        if "md" in cell:
            md = cell["md"]
            if not isinstance(md, dict) or set(md) != set(LANGS) or not all(
                isinstance(md[lang], str) and md[lang].strip() for lang in LANGS
            ):
                raise SourceError(f"{rel}: cell {n} ('md') needs non-empty text in both 'en' and 'id'")
        elif not isinstance(cell["code"], str) or not cell["code"].strip():
            raise SourceError(f"{rel}: cell {n} ('code') must be non-empty text")
    return data


def build_one(path: Path, lang: str) -> nbformat.NotebookNode:
    data = load_source(path)
    slug = path.stem
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "kit": {
            "lesson": slug,
            "language": lang,
            "title": data["title"][lang],
            "minutes": data.get("minutes"),
            "source": f"notebooks/src/{path.name}",
            "translation": (data.get("translation") or {}).get(lang, "Written by the kit team"),
        },
    }
    for n, cell in enumerate(data["cells"], start=1):
        cell_id = f"{slug}-{n:02d}"
        meta = {"tags": list(cell.get("tags", []))} if cell.get("tags") else {}
        if "md" in cell:
            nb.cells.append(nbformat.v4.new_markdown_cell(cell["md"][lang].rstrip("\n"), id=cell_id, metadata=meta))
        else:
            code = cell["code"].rstrip("\n").replace(LANG_TOKEN, lang)
            nb.cells.append(nbformat.v4.new_code_cell(code, id=cell_id, metadata=meta))
    return nb


def target(path: Path, lang: str) -> Path:
    return ROOT / "notebooks" / lang / f"{path.stem}.ipynb"


def sources(slugs: list[str] | None = None) -> list[Path]:
    paths = sorted(SRC.glob("*.yml"))
    if slugs:
        wanted = {s.removesuffix(".yml") for s in slugs}
        missing = wanted - {p.stem for p in paths}
        if missing:
            raise SystemExit(f"no source for: {', '.join(sorted(missing))} (looked in notebooks/src/)")
        paths = [p for p in paths if p.stem in wanted]
    return paths


def _cells_signature(nb: nbformat.NotebookNode) -> list[tuple[str, str, str]]:
    return [(c.get("id", ""), c.cell_type, c.source) for c in nb.cells]


def check() -> list[str]:
    """Return one message per notebook that is missing or differs from its source."""
    problems = []
    for path in sources():
        for lang in LANGS:
            out = target(path, lang)
            if not out.exists():
                problems.append(f"{out.relative_to(ROOT)} is missing: run `make notebooks`")
                continue
            committed = nbformat.read(out, as_version=4)
            if _cells_signature(committed) != _cells_signature(build_one(path, lang)):
                problems.append(
                    f"{out.relative_to(ROOT)} differs from {path.relative_to(ROOT)}: edit the source, "
                    "then run `make notebooks`"
                )
            elif any(c.cell_type == "code" and c.execution_count is None for c in committed.cells):
                problems.append(f"{out.relative_to(ROOT)} has unexecuted cells: run `make notebooks`")
    return problems


def write(nb: nbformat.NotebookNode, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    text = nbformat.writes(nb) + "\n"
    out.write_text(text, encoding="utf-8")


def execute(out: Path, timeout: int = 300) -> None:
    from nbclient import NotebookClient

    nb = nbformat.read(out, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(out.parent)}},
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
    write(nb, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["build", "execute", "check"])
    parser.add_argument("slugs", nargs="*", help="lessons to act on (default: all)")
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = check()
        print("\n".join(problems) or "all notebooks match their sources")
        return 1 if problems else 0
    for path in sources(args.slugs):
        for lang in LANGS:
            out = target(path, lang)
            write(build_one(path, lang), out)
            if args.command == "execute":
                print(f"executing {out.relative_to(ROOT)}", flush=True)
                execute(out)
            else:
                print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
