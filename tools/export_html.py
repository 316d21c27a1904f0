"""Export every notebook to a static HTML site a teacher can put on a USB stick or a web server.

Usage: ``python -m tools.export_html [--out site]`` (``make html``).

- Each notebook becomes ``site/<lang>/NN-slug.html`` (nbconvert, JupyterLab look), with its stored
  outputs: maps stay interactive, charts show with their alt text.
- Leaflet is copied to ``site/_static/leaflet/``; the maps' loader finds it there
  (``../_static/``) with no internet.
- Quizzes show in their readable text form (the widgets cannot run without a kernel); the text
  form never includes answers or explanations.
- ``site/index.html`` lists the lessons in both languages.
- Every page meets WCAG 2.1 AA as far as the kit controls it (issue 18): ``lang`` on every page
  (``id`` or ``en``), a skip link to the lesson, code colours and cell prompts darkened to 4.5:1
  on their background (``A11Y_CSS``); the maps' frames carry their own titles.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from helpers.i18n import t

ROOT = Path(__file__).resolve().parent.parent
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _without_widget_views(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Keep the text form of widget outputs (quizzes); drop views that need a live kernel."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") in ("display_data", "execute_result") and WIDGET_MIME in out.get("data", {}):
                del out["data"][WIDGET_MIME]
    return nb


#: JupyterLab's light theme, made readable: code token colours (CodeMirror variables, used by the
#: exported highlighting too) darkened to at least 4.5:1 on the code cells' #f5f5f5, and the cell
#: prompts drawn at full opacity (half-opaque grey was 2.2:1). tests/test_static_site.py checks them.
A11Y_CSS = """<style id="kit-a11y">
:root {
  --jp-mirror-editor-atom-color: #5555ff; --jp-mirror-editor-bracket-color: #707054;
  --jp-mirror-editor-comment-color: #3b7676; --jp-mirror-editor-error-color: #e00000;
  --jp-mirror-editor-hr-color: #6e6e6e; --jp-mirror-editor-meta-color: #a413ff;
  --jp-mirror-editor-number-color: #007e00; --jp-mirror-editor-operator-color: #a413ff;
  --jp-mirror-editor-quote-color: #007f00; --jp-mirror-editor-variable-3-color: #007a4d;
  --jp-cell-inprompt-font-color: #2b72ad;
  --jp-cell-outprompt-font-color: #b05438; --jp-cell-prompt-not-active-opacity: 1;
}
.kit-skip { position: absolute; left: -10000px; top: 0; z-index: 10000; padding: 8px 12px;
            background: #fff; color: #0d47a1; border: 2px solid #0d47a1; font: 16px sans-serif; }
.kit-skip:focus { left: 8px; top: 8px; }
</style>"""


def _accessible(page: str, lang: str) -> str:
    """Add the readable colours, a skip link to the lesson and its target to an exported page."""
    link = f'<a class="kit-skip" href="#kit-content">{html.escape(t("style.skip_to_content", lang=lang))}</a>'
    page = page.replace("</head>", A11Y_CSS + "\n</head>", 1)
    page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + link, page, count=1)
    return page.replace("<main>", '<main id="kit-content" tabindex="-1">', 1)


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
            exporter.language_code = lang
            body, _ = exporter.from_notebook_node(
                nb, resources={"metadata": {"name": nb.metadata.get("kit", {}).get("title", path.stem)}}
            )
            body = _accessible(body, lang)
            target = out / lang / f"{path.stem}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
            pages.append(target)
            titles[lang].append((target.name, nb.metadata.get("kit", {}).get("title", path.stem)))
    items = "".join(
        f'<section lang="{lang}"><h2>{"English" if lang == "en" else "Bahasa Indonesia"}</h2><ul>'
        + "".join(
            f'<li><a href="{lang}/{html.escape(name)}">{html.escape(title)}</a></li>' for name, title in titles[lang]
        )
        + "</ul></section>"
        for lang in ("id", "en")
    )
    (out / "index.html").write_text(
        "<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Libya 2019-2020: kit pembelajaran / teaching kit</title></head>"
        "<body><main><h1>Libya 2019-2020: membaca berita, memetakan perang / "
        "<span lang='en'>reading the news, mapping the war</span></h1>"
        f"{items}<p><span lang='en'>Static copy: quizzes show as text; run the notebooks in JupyterLab to answer them.</span> / "
        "Salinan statis: kuis tampil sebagai teks; jalankan notebook di JupyterLab untuk menjawabnya.</p></main></body></html>",
        encoding="utf-8",
    )
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
