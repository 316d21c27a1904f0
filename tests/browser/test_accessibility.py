"""WCAG 2.1 A/AA, checked by axe-core in a real browser, on everything the kit draws (issue 18).

axe-core comes from npm (``axe-core``), never from a CDN at run time: ``.ci/run`` installs it into
the cache folder below, and the first test installs it there too when npm is present
(``KIT_AXE_JS`` may point at another ``axe.min.js``). It is injected into the page and into every
frame (the maps' iframes), then run with ``runOnly: ['wcag2a', 'wcag2aa']``:

- every page of the static site (``make html``), built into a temporary folder and served on
  127.0.0.1, is checked whole;
- every lesson notebook of both languages is opened in JupyterLab and run (Run All), and only the
  kit's own output areas (``.jp-OutputArea-output``) are checked: JupyterLab's own interface is
  not the kit's to fix. That check is made in tests/classroom/ (the beginner's Run All), on the same
  Run All that the lesson's other browser checks use (:func:`check_lesson_outputs` here), and in
  tests/browser/test_screen_reader.py for the lessons with maps, charts and tables. There axe's
  best-practice rules must find nothing either (issue 25: pandas' empty header cells, a map frame's
  content outside any landmark, with no main landmark and no first-level heading).

A violation is reported as ``page | rule | element``. Violations that need a change in a file this
suite does not own are listed in KNOWN, each with its reason (NEEDS-LEAD.md says what to change);
``test_known_violations_are_gone`` is a strict expected failure, so fixing one makes it pass
(XPASS fails the run: then delete the line from KNOWN), and anything not in KNOWN fails at once.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from tools import export_html

from .lab_pages import wait_for_maps

ROOT = Path(__file__).resolve().parents[2]
AXE_VERSION = "4.14.1"
AXE_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "libya-kit" / f"axe-core-{AXE_VERSION}"
LESSONS = sorted(p.stem for p in (ROOT / "notebooks" / "en").glob("[0-9][0-9]-*.ipynb"))
OUTPUTS = ".jp-OutputArea-output"
#: Tall enough for every lesson to be laid out at once: axe checks colour contrast only on screen.
LAB_VIEWPORT = {"width": 1280, "height": 16000}
#: JupyterLab's <body> is 0 px high with overflow hidden (its shell is positioned absolutely), which
#: makes axe take every output for clipped and skip its colour contrast; this gives it its height back.
BODY_HEIGHT = "html, body { height: 100%; }"

#: (rule id, regular expression over the element's selector and HTML) -> why it is still there.
#: Each entry must name one case precisely: a new violation of the same rule elsewhere still fails.
KNOWN: dict[tuple[str, str], str] = {}


def axe_path() -> Path | None:
    """Where axe.min.js is: KIT_AXE_JS, or the cache folder (installed there with npm if missing)."""
    if os.environ.get("KIT_AXE_JS"):
        path = Path(os.environ["KIT_AXE_JS"])
        return path if path.exists() else None
    path = AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists() and shutil.which("npm"):
        AXE_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(AXE_CACHE),
                f"axe-core@{AXE_VERSION}",
            ],
            check=False,
            capture_output=True,
            timeout=300,
        )
    return path if path.exists() else None


@functools.lru_cache(maxsize=1)
def axe_source() -> str:
    path = axe_path()
    if path is None:
        pytest.skip(
            "axe-core is not installed: run `bash .ci/run`, or `npm install axe-core` and set KIT_AXE_JS "
            "to its axe.min.js"
        )
    return path.read_text(encoding="utf-8")


#: The rules of WCAG 2.1 A and AA; axe's best practices (``BEST_PRACTICE``) are checked in the kit's outputs too.
WCAG = ["wcag2a", "wcag2aa"]
BEST_PRACTICE = ["best-practice"]

_RUN = """async ([include, tags]) => {
  const context = include ? {include: include} : document;
  const result = await axe.run(context, {runOnly: {type: 'tag', values: tags},
                                         resultTypes: ['violations'], iframes: false});
  return result.violations.flatMap(v => v.nodes.map(n => ({
    rule: v.id, impact: n.impact || v.impact, help: v.help,
    target: n.target.map(t => Array.isArray(t) ? t.join(' ') : t).join(' >>> '),
    html: n.html.slice(0, 300), summary: (n.failureSummary || '').slice(0, 300)})));
}"""


def _inject(frame, source: str) -> None:
    if not frame.evaluate("typeof window.axe === 'object'"):
        frame.add_script_tag(content=source)


def run_axe(page, source: str, include: list[str] | None = None, tags: list[str] = WCAG) -> list[dict]:
    """Run the WCAG 2 A/AA rules (or ``tags``) on the page (within ``include`` when given) and inside each of its frames.

    axe-core runs in every frame on its own (the maps' ``srcdoc`` iframes); a frame counts when its
    ``<iframe>`` lies within ``include``. A violation inside a frame has a target
    ``iframe[<title>] >>> <selector>``.
    """
    _inject(page.main_frame, source)
    found = page.evaluate(_RUN, [[[selector] for selector in include] if include else None, tags])
    for frame in page.frames:
        if frame == page.main_frame:
            continue
        try:
            element = frame.frame_element()
            if include and not element.evaluate("(e, s) => s.some(x => e.closest(x))", include):
                continue
            name = element.evaluate("e => e.getAttribute('title') || 'untitled'")
            _inject(frame, source)
            inner = frame.evaluate(_RUN, [None, tags])
        except Exception:  # a frame that went away while we looked
            continue
        found += [dict(v, target=f"iframe[{name}] >>> {v['target']}") for v in inner]
    return found


def is_known(violation: dict) -> str | None:
    text = f"{violation['target']} {violation['html']}"
    for (rule, pattern), reason in KNOWN.items():
        if violation["rule"] == rule and re.search(pattern, text):
            return reason
    return None


def describe(where: str, violations: list[dict]) -> str:
    return "\n".join(
        f"{where} | {v['rule']} | {v['target']} | {v['html'][:160]} | {v['summary'][:200]}" for v in violations
    )


# --- the static site -------------------------------------------------------------------------


def check_lesson_outputs(page, where: str) -> list[dict]:
    """axe over a lesson's outputs after Run All (the page laid out at LAB_VIEWPORT): no WCAG A/AA violation
    outside KNOWN and no best-practice finding; returns the WCAG findings."""
    source = axe_source()
    wait_for_maps(page)
    assert page.locator(OUTPUTS).count() > 0, "the notebook shows no output after Run All"
    page.add_style_tag(content=BODY_HEIGHT)
    bottom = page.evaluate(
        "(s) => Math.max(...[...document.querySelectorAll(s)].map(e => e.getBoundingClientRect().bottom))", OUTPUTS
    )
    assert bottom <= LAB_VIEWPORT["height"], f"outputs reach {bottom:.0f} px: raise LAB_VIEWPORT so axe sees them all"
    found = run_axe(page, source, include=[OUTPUTS])
    new = [v for v in found if not is_known(v)]
    assert not new, "WCAG 2 A/AA violations in the kit's outputs (page | rule | element | html | why):\n" + describe(
        where, new
    )
    practice = run_axe(page, source, include=[OUTPUTS], tags=BEST_PRACTICE)
    assert not practice, "axe's best practices in the kit's outputs (page | rule | element | html | why):\n" + describe(
        where, practice
    )
    return found


def build_site(out: Path) -> list[Path]:
    export_html.export(out)
    return sorted(out.rglob("*.html"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output readable
        pass


def serve(folder: Path):
    """Serve a folder on 127.0.0.1 in a thread; returns the server (call .shutdown())."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def site_violations(page, site: Path) -> dict[str, list[dict]]:
    """axe violations per page of an exported site, keyed by the page's path in the site."""
    source = axe_source()
    server = serve(site)
    found = {}
    try:
        for path in sorted(site.rglob("*.html")):
            rel = path.relative_to(site).as_posix()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{rel}")
            wait_for_maps(page)
            found[rel] = run_axe(page, source)
    finally:
        server.shutdown()
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("a11y-site") / "site"
    build_site(out)
    return out


@pytest.fixture(scope="module")
def site_results(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route(
        "**/*",
        lambda r: (
            r.continue_() if r.request.url.startswith(("http://127.0.0.1", "data:", "about:", "blob:")) else r.abort()
        ),
    )
    try:
        return site_violations(page, site)
    finally:
        context.close()


def test_every_static_page_passes_wcag_a_and_aa(site_results):
    assert len(site_results) >= 1 + 2 * len(LESSONS), sorted(site_results)
    report = [describe(page, [v for v in found if not is_known(v)]) for page, found in site_results.items()]
    report = [line for line in report if line]
    assert not report, "WCAG 2 A/AA violations (page | rule | element | html | why):\n" + "\n".join(report)


@pytest.mark.xfail(bool(KNOWN), strict=True, reason="cases listed in KNOWN need the changes in NEEDS-LEAD.md")
def test_known_violations_are_gone(site_results):
    """Strict expected failure while KNOWN lists cases; once they are fixed, this passes: then empty KNOWN."""
    still = [(page, v["rule"], v["target"]) for page, found in site_results.items() for v in found if is_known(v)]
    assert not still, still
