"""Export every notebook to a static HTML site a teacher can put on a USB stick or a web server.

Usage: ``python -m tools.export_html [--out site]`` (``make html``).

- Each notebook becomes ``site/<lang>/NN-slug.html`` (nbconvert, JupyterLab look), with its stored
  outputs: maps stay interactive, charts show with their alt text.
- Leaflet is copied to ``site/_static/leaflet/``; the maps' loader finds it there
  (``../_static/``) with no internet.
- Quizzes show in their readable text form (the widgets cannot run without a kernel); the text
  form never includes answers or explanations.
- ``site/index.html`` lists the lessons in both languages.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _without_widget_views(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Keep the text form of widget outputs (quizzes); drop views that need a live kernel."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") in ("display_data", "execute_result") and WIDGET_MIME in out.get("data", {}):
                del out["data"][WIDGET_MIME]
    return nb


def export(out: Path) -> list[Path]:
    exporter = HTMLExporter(template_name="lab")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "helpers" / "static", out / "_static")
    pages = []
    titles: dict[str, list[tuple[str, str]]] = {"en": [], "id": []}
    for lang in ("en", "id"):
        for path in sorted((ROOT / "notebooks" / lang).glob("[0-9][0-9]-*.ipynb")):
            nb = _without_widget_views(nbformat.read(path, as_version=4))
            body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": nb.metadata.get("kit", {}).get("title", path.stem)}})
            target = out / lang / f"{path.stem}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
            pages.append(target)
            titles[lang].append((target.name, nb.metadata.get("kit", {}).get("title", path.stem)))
    items = "".join(
        f"<section><h2>{'English' if lang == 'en' else 'Bahasa Indonesia'}</h2><ul>"
        + "".join(f'<li><a href="{lang}/{html.escape(name)}">{html.escape(title)}</a></li>' for name, title in titles[lang])
        + "</ul></section>" for lang in ("id", "en"))
    (out / "index.html").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Libya 2019-2020 teaching kit</title></head>"
        "<body><h1>Libya 2019-2020: membaca berita, memetakan perang / reading the news, mapping the war</h1>"
        f"{items}<p>Static copy: quizzes show as text; run the notebooks in JupyterLab to answer them. / "
        "Salinan statis: kuis tampil sebagai teks; jalankan notebook di JupyterLab untuk menjawabnya.</p></body></html>",
        encoding="utf-8")
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "site"))
    args = parser.parse_args(argv)
    pages = export(Path(args.out))
    print(f"wrote {len(pages)} pages and index.html to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
