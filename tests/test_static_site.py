"""`make html`: a static site with both languages, maps that keep their local Leaflet, no answers revealed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers.paths import notebook_name, notebook_names
from tools import export_html

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    export_html.export(out)
    return out


def secrets_of_every_bank() -> list[str]:
    found = []
    for bank in (ROOT / "lessons").glob("*/quiz.yml"):
        for q in yaml.safe_load(bank.read_text())["questions"]:
            found += [q["explanation"]["en"], q["explanation"]["id"]]
            found += [o["feedback"][lang] for o in q.get("options", []) if "feedback" in o for lang in ("en", "id")]
    return found


def test_index_lists_both_languages(site):
    index = (site / "index.html").read_text()
    assert 'href="en/00-start-here.html"' in index and 'href="id/00-mulai-di-sini.html"' in index
    assert "Mulai di sini" in index and "Start here" in index


@pytest.mark.parametrize(
    "lang,title,quiz_intro", [("en", "Start here", "Check yourself"), ("id", "Mulai di sini", "Uji dirimu")]
)
def test_one_page_per_language(site, lang, title, quiz_intro):
    page = (site / lang / f"{notebook_name('00-start-here', lang)}.html").read_text()
    assert title in page
    assert quiz_intro in page and "[q1]" in page  # the quiz, in its readable text form
    assert "_static/" in page and "leaflet.js" in page  # the map's loader, with the site's local copy
    assert "alt=" in page  # the chart keeps its alt text


def test_no_answer_is_revealed(site):
    pages = "".join(p.read_text() for p in site.rglob("*.html"))
    import html

    unescaped = html.unescape(pages)
    for secret in secrets_of_every_bank():
        assert secret not in pages and secret not in unescaped, secret


def test_leaflet_is_copied(site):
    assert (site / "_static" / "leaflet" / "leaflet.js").exists()
    assert (site / "_static" / "leaflet" / "LICENSE").exists()


# --- accessibility (issue 18); axe-core checks the built pages in tests/browser/test_accessibility.py


def test_every_page_says_its_language(site):
    import re

    for page in site.rglob("*.html"):
        text = page.read_text()
        lang = re.search(r"<html[^>]*\blang=[\"']([a-z]+)[\"']", text)
        expected = page.parent.name if page.parent.name in ("en", "id") else "id"
        assert lang and lang.group(1) == expected, page
    index = (site / "index.html").read_text()
    assert '<section lang="en">' in index and '<section lang="id">' in index


@pytest.mark.parametrize("lang,words", [("en", "Skip to the lesson"), ("id", "Langsung ke isi pelajaran")])
def test_lesson_pages_have_a_skip_link_to_the_content(site, lang, words):
    for page in (site / lang).glob("*.html"):
        text = page.read_text()
        body = text.index("<body")
        link = text.index('<a class="kit-skip" href="#kit-content">')
        assert link > body and text.index(">", body) + 1 == link, page  # the first thing in the body
        assert words in text and text.count('id="kit-content"') == 1, page


def _final_css_variables(page: str) -> dict[str, str]:
    import re

    found = {}
    for block in re.findall(r":root\s*\{([^}]*)\}", page):  # later blocks win, as in the browser
        for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", block):
            found[name] = value.strip()
    return found


def test_code_colours_and_prompts_are_readable(site):
    from tests.colour_checks import contrast_ratio

    variables = _final_css_variables((site / "en" / "03-mapping-control.html").read_text())

    def resolve(value: str) -> str:
        while value.startswith("var("):
            value = variables[value[4:].split(")")[0].split(",")[0].strip()]
        if value.startswith("rgb("):
            return "#" + "".join(f"{int(c):02x}" for c in value[4:-1].split(","))
        import matplotlib.colors

        return matplotlib.colors.to_hex(value)  # named colours such as "blue"

    code_background = resolve(variables["--jp-cell-editor-background"])
    tokens = {
        n: resolve(v) for n, v in variables.items() if n.startswith("--jp-mirror-editor-") and n.endswith("-color")
    }
    assert len(tokens) >= 15, tokens
    for name, colour in tokens.items():
        assert contrast_ratio(colour, code_background) >= 4.5, f"{name}: {colour} on {code_background}"
    for name in (
        "--jp-cell-inprompt-font-color",
        "--jp-cell-outprompt-font-color",
        "--jp-cell-prompt-not-active-font-color",
    ):
        assert contrast_ratio(resolve(variables[name]), "#ffffff") >= 4.5, name
    assert variables["--jp-cell-prompt-not-active-opacity"] == "1"


# --- nothing from outside the site (issue 16): no CDN script or stylesheet, formulas as MathML


class _Requests:
    """The addresses a page's markup asks for (scripts, stylesheets, frames, images), maps' frames included."""

    def __init__(self, text: str) -> None:
        from html.parser import HTMLParser

        found: list[tuple[str, str]] = []

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                if tag == "script" and a.get("src"):
                    found.append((tag, a["src"]))
                if tag == "link" and a.get("href"):
                    found.append((tag, a["href"]))
                if tag in ("iframe", "img") and a.get("src"):
                    found.append((tag, a["src"]))
                if tag == "iframe" and a.get("srcdoc"):
                    found.extend(_Requests(a["srcdoc"]).found)  # a map's own page

        Parser().feed(text)
        self.found = found


def _external(address: str) -> bool:
    from urllib.parse import urlparse

    return bool(urlparse(address).scheme in ("http", "https") or address.startswith("//"))


def test_no_page_asks_for_a_script_or_style_from_outside_the_site(site):
    import re

    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 1 + 2 * len(notebook_names())
    for page in pages:
        text = page.read_text()
        requests = _Requests(text).found
        assert [r for r in requests if _external(r[1])] == [], page
        assert "mathjax" not in text.lower() and "require.min.js" not in text, page
        # no script fetches a module from elsewhere, no stylesheet imports one
        assert not re.search(r"import\(\s*[\"']https?:|@import\s+(url\()?[\"']?https?:", text), page


def test_the_checker_sees_an_external_script():
    page = '<script src="https://cdn.example/x.js"></script><iframe srcdoc="&lt;link href=&quot;//cdn/x.css&quot;&gt;">'
    assert [r for r in _Requests(page).found if _external(r[1])] == [
        ("script", "https://cdn.example/x.js"),
        ("link", "//cdn/x.css"),
    ]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_haversine_formula_is_mathml(site, lang):
    page = (site / lang / f"{notebook_name('03-mapping-control', lang)}.html").read_text()
    import re

    assert len(re.findall(r'<math [^>]*display="block"', page)) == 1
    assert "<msqrt>" in page and "<mfrac>" in page and "<mi>φ</mi>" in page  # the root, the halves, phi
    assert page.count("<math ") >= 4  # and the inline symbols under it
    assert "$$" not in page and "\\arcsin" not in page


def test_every_page_has_its_own_title(site):
    import re

    titles = [re.search(r"<title>(.*?)</title>", p.read_text(), re.DOTALL).group(1) for p in site.rglob("*.html")]
    assert len(titles) == len(set(titles)), sorted(titles)


def test_each_lesson_page_links_to_the_other_language(site):
    for slug in notebook_names():
        for lang, other in (("en", "id"), ("id", "en")):
            page = (site / lang / f"{notebook_name(slug, lang)}.html").read_text()
            target = f"{notebook_name(slug, other)}.html"
            assert f'href="../{other}/{target}" hreflang="{other}"' in page, (lang, slug)
            assert (site / other / target).is_file()
