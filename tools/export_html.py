"""Export every notebook to a static HTML site a teacher can put on a USB stick or a web server.

Usage: ``python -m tools.export_html [--out site]`` (``make html``).

- Each notebook becomes ``site/<lang>/<name>.html``, named as the notebook (the Indonesian
  edition has Indonesian names, ``helpers.paths.NOTEBOOK_NAMES``), with nbconvert's JupyterLab
  look and its stored outputs: maps stay interactive, charts show with their alt text. Each page
  links to the same lesson in the other language and to the index.
- **No script or stylesheet from outside the site.** nbconvert's lab template asks CDNs for
  require.js, MathJax and mermaid; the kit's template (``SITE_TEMPLATE``) drops all three (the
  kit's outputs need none of them). Formulas (``$...$`` and ``$$...$$`` in markdown cells, e.g.
  the haversine formula of lesson 03) are turned into MathML here, at export time, with
  ``latex2mathml``, so the browser draws them with no script.
- Leaflet is copied to ``site/_static/leaflet/``; the maps' loader finds it there
  (``../_static/``) with no internet.
- **No HTML from a markdown cell.** nbconvert renders a markdown cell's raw HTML as it is (its
  renderer does not escape), so a ``<script>`` or an ``onerror`` in a lesson's text (a title
  given to ``python -m kit_teacher.article add``, a pulled change) would run in the page. The
  kit's lessons write no HTML in their markdown: every ``<`` outside code is exported as ``&lt;``
  (:func:`no_raw_html`), so it shows as text. Outputs are the kit's own, escaped where made.
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

import jinja2
import nbformat
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert import HTMLExporter

from helpers.i18n import t
from helpers.paths import lesson_of, notebook_name

ROOT = Path(__file__).resolve().parent.parent
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


#: nbconvert's lab template without the three scripts it would fetch from CDNs (require.js,
#: MathJax, mermaid): the exported pages must ask nothing of the internet.
SITE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""

# Code in markdown (fenced blocks, then inline spans) is left as it is; so is an escaped dollar.
_CODE = re.compile(r"(^```.*?^```[^\n]*$|^~~~.*?^~~~[^\n]*$|`+[^`\n]*`+)", re.MULTILINE | re.DOTALL)
_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?=\S)([^$\n]+?)(?<=\S)\$(?![\d$])")
# latex2mathml reads "6371{,}0088" (a decimal comma, as Indonesian writes it) as a number, a comma
# operator and a number; join them back into one number.
_SPLIT_NUMBER = re.compile(r"<mn>(\d+)</mn><mrow><mo>&#x0002C;</mo></mrow><mn>(\d+)</mn>")


# Function names (sin, arcsin...) get a thin space on each side (class kit-fn, in A11Y_CSS), as
# TeX sets them; MathML Core draws "2R arcsin" run together otherwise.
_FUNCTION = re.compile(r"<mi>(arcsin|arccos|arctan|sin|cos|tan|log|ln|exp)</mi>")


def _mathml(tex: str, display: str) -> str:
    mathml = _SPLIT_NUMBER.sub(r"<mn>\1,\2</mn>", latex_to_mathml(tex.strip(), display=display))
    return _FUNCTION.sub(r'<mi class="kit-fn">\1</mi>', mathml)


def tex_to_mathml(markdown: str) -> str:
    r"""Replace the ``$$...$$`` and ``$...$`` formulas of a markdown text with MathML.

    Code (fenced blocks and inline spans), an escaped ``\$`` and a lone ``$`` are left alone.

    Examples
    --------
    >>> tex_to_mathml("where $R = 6371{,}0088$ km")
    'where <math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow><mi>R</mi><mo>&#x0003D;</mo><mn>6371,0088</mn></mrow></math> km'
    >>> "<msqrt>" in tex_to_mathml(r"$$d = \sqrt{x}$$")
    True
    >>> print(tex_to_mathml(r"costs `$5` or \$5, not $ 5 $"))
    costs `$5` or \$5, not $ 5 $
    """
    parts = _CODE.split(markdown)
    for i in range(0, len(parts), 2):  # the even parts are prose, the odd ones code
        prose = _DISPLAY_MATH.sub(lambda m: _mathml(m.group(1), "block"), parts[i])
        parts[i] = _INLINE_MATH.sub(lambda m: _mathml(m.group(1), "inline"), prose)
    return "".join(parts)


def no_raw_html(markdown: str) -> str:
    """Escape every ``<`` of a markdown text outside code, so no HTML element or comment starts.

    Examples
    --------
    >>> no_raw_html("A <img src=x onerror=alert(1)> title, `<b>` and 1 < 2")
    'A &lt;img src=x onerror=alert(1)> title, `<b>` and 1 &lt; 2'
    """
    parts = _CODE.split(markdown)
    for i in range(0, len(parts), 2):  # the even parts are prose, the odd ones code
        parts[i] = parts[i].replace("<", "&lt;")
    return "".join(parts)


def _with_mathml(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = tex_to_mathml(no_raw_html(cell.source))
    return nb


def _language_switch(lang: str, name: str) -> str:
    """The links to the same lesson in the other language and to the index, for a page's top."""
    lesson = lesson_of(name)
    other = "id" if lang == "en" else "en"
    links = []
    if lesson:
        links.append(
            f'{html.escape(t("style.other_edition", lang=lang))} <a href="../{other}/{notebook_name(lesson, other)}.html" '
            f'hreflang="{other}" lang="{other}">{html.escape(t("lang.name", lang=other))}</a>'
        )
    links.append(f'<a href="../index.html">{html.escape(t("style.all_lessons", lang=lang))}</a>')
    return (
        f'<nav class="kit-lang" aria-label="{html.escape(t("style.other_edition", lang=lang).rstrip(":"))}">'
        + " · ".join(links)
        + "</nav>"
    )


def _without_widget_views(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Keep the text form of widget outputs (quizzes); drop views that need a live kernel."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") in ("display_data", "execute_result") and WIDGET_MIME in out.get("data", {}):
                del out["data"][WIDGET_MIME]
    return nb


#: JupyterLab's light theme, made readable: code token colours (CodeMirror variables, used by the
#: exported highlighting too) darkened to at least 4.5:1 on the code cells' #f5f5f5, and the cell
#: prompts drawn at full opacity: deploy/custom.css, which JupyterLab gets too (tools/lab_settings.py).
A11Y_CSS = (
    '<style id="kit-a11y">\n'
    + (ROOT / "deploy" / "custom.css").read_text(encoding="utf-8")
    + """.kit-skip { position: absolute; left: -10000px; top: 0; z-index: 10000; padding: 8px 12px;
            background: #fff; color: #0d47a1; border: 2px solid #0d47a1; font: 16px sans-serif; }
.kit-skip:focus { left: 8px; top: 8px; }
.kit-lang { font: 14px sans-serif; padding: 8px 12px; color: #1a1a1a; }
.kit-lang a { color: #0d47a1; text-decoration: underline; }
math .kit-fn { padding: 0 0.17em; }
</style>"""
)


def _accessible(page: str, lang: str, name: str = "") -> str:
    """Add the readable colours, a skip link, the language switch and the skip link's target to a page."""
    link = f'<a class="kit-skip" href="#kit-content">{html.escape(t("style.skip_to_content", lang=lang))}</a>'
    page = page.replace("</head>", A11Y_CSS + "\n</head>", 1)
    page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + link + _language_switch(lang, name), page, count=1)
    return page.replace("<main>", '<main id="kit-content" tabindex="-1">', 1)


def _exporter() -> HTMLExporter:
    return HTMLExporter(
        template_name="lab",
        extra_loaders=[jinja2.DictLoader({"kit_site.html.j2": SITE_TEMPLATE})],
        template_file="kit_site.html.j2",
    )


def page(nb: nbformat.NotebookNode, lang: str, name: str, exporter: HTMLExporter | None = None) -> str:
    """One notebook as a page of the site: no widget views, formulas as MathML, no raw HTML, accessible."""
    exporter = exporter or _exporter()
    nb = _with_mathml(_without_widget_views(nb))
    exporter.language_code = lang
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": nb.metadata.get("kit", {}).get("title", name)}}
    )
    return _accessible(body, lang, name)


def export(out: Path) -> list[Path]:
    exporter = _exporter()
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "helpers" / "static", out / "_static")
    pages = []
    titles: dict[str, list[tuple[str, str]]] = {"en": [], "id": []}
    for lang in ("en", "id"):
        for path in sorted((ROOT / "notebooks" / lang).glob("[0-9][0-9]-*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            body = page(nb, lang, path.stem, exporter)
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
