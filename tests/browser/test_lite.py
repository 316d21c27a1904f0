"""The JupyterLite site (``make lite``) in a real browser, with no server but a static one and no internet.

The site, built from this working tree's student edition (tests/lite_site.py), is served from
127.0.0.1, and every other request is aborted. Lessons 00 and 03 run to the end in both languages
with no error output and their maps drawn; lesson 00's first question is answered in each language;
the page is reloaded and the student's progress is still there (it lives under ``/drive/``, in the
browser's storage), as the hand-in says.
"""

from __future__ import annotations

import re
import time

import pytest

from helpers.paths import notebook_name
from tests.lite_site import build_lite, serve

from .harness import build_student_edition, local_only
from .lab_pages import TOWNS, answer_first_question, run_cell

pytestmark = pytest.mark.full

KERNEL_IDLE = """() => { const a = window.jupyterapp; const w = a && a.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle'; }"""
#: Every code cell: its source and what its outputs are (kind, stream name, text, whether it holds a map).
CELLS = """() => window.jupyterapp.shell.currentWidget.content.widgets.map((c, i) => ({i, type: c.model.type,
  source: c.model.sharedModel.getSource(), count: c.model.type === 'code' ? c.model.executionCount : 0,
  outputs: c.model.type === 'code' ? c.model.outputs.toJSON().map(o => ({kind: o.output_type, name: o.name || '',
    text: String(o.text || o.evalue || (o.data && o.data['text/plain']) || ''),
    map: !!(o.data && String(o.data['text/html'] || '').includes('srcdoc'))})) : []}))"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lite")
    out = build_lite(build_student_edition(tmp), tmp / "lite")
    server, base = serve(out)
    try:
        yield base
    finally:
        server.shutdown()


def open_lesson(page, base: str, lang: str, lesson: str) -> None:
    page.goto(f"{base}/lab/index.html?path=notebooks/{lang}/{notebook_name(lesson, lang)}.ipynb")
    page.wait_for_function(KERNEL_IDLE, timeout=240_000)


def run_all(page) -> list[dict]:
    """Run All, wait until every code cell has run and the kernel rests; return the cells."""
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget; const k = w.sessionContext.session.kernel;
        return k.status === 'idle' && w.content.widgets.filter(c => c.model.type === 'code')
          .every(c => c.model.executionCount !== null); }""",
        timeout=400_000,
        polling=500,
    )
    cells = page.evaluate(CELLS)
    problems = [
        f"cell {c['i']} ({c['source'][:40]!r}): {o['text'][-600:]}"
        for c in cells
        for o in c["outputs"]
        if o["kind"] == "error" or o["name"] == "stderr"
    ]
    assert not problems, "\n".join(problems)
    assert page.locator(".jp-Dialog").count() == 0
    return cells


def drawn_map(page, index: int, timeout_s: float = 30) -> dict:
    """Scroll to the map of cell ``index`` and wait until Leaflet has drawn it; return what it shows."""
    deadline, seen = time.monotonic() + timeout_s, {}
    while time.monotonic() < deadline:
        page.evaluate("(i) => window.jupyterapp.shell.currentWidget.content.scrollToItem(i, 'center')", index)
        page.wait_for_timeout(300)
        for frame in page.frames:
            try:
                inside = frame.parent_frame is not None and frame.frame_element().evaluate(
                    "(e, i) => window.parent.jupyterapp.shell.currentWidget.content.widgets[i].node.contains(e)", index
                )
                if inside:
                    seen = frame.evaluate("""() => ({leaflet: typeof window.L === 'object',
                        paths: document.querySelectorAll('.leaflet-container path').length,
                        towns: document.querySelectorAll('.kit-town').length})""")
            except Exception:
                continue
            if seen.get("leaflet") and seen.get("paths"):
                return seen
    raise AssertionError(f"the map of cell {index} was not drawn: {seen}")


def answer_in_the_quiz(page, cells: list[dict], lang: str) -> None:
    quiz = next(c["i"] for c in cells if "helpers.quiz.show(" in c["source"])
    page.evaluate("(i) => window.jupyterapp.shell.currentWidget.content.scrollToItem(i, 'start')", quiz)
    answer_first_question(page, lang, timeout=20_000)


def test_lessons_run_in_the_browser_and_the_progress_survives_a_reload(site, page):
    page.context.route("**/*", lambda route: local_only(route, aborted=page.aborted))  # workers too
    for lang in ("en", "id"):
        for lesson in ("00-start-here", "03-mapping-control"):
            open_lesson(page, site, lang, lesson)
            cells = run_all(page)
            maps = [c["i"] for c in cells if any(o["map"] for o in c["outputs"])]
            assert maps, f"{lang}/{lesson}: no map"
            drawn = [drawn_map(page, i) for i in maps]
            assert TOWNS in [d["towns"] for d in drawn], drawn
            if lesson == "00-start-here":
                if lang == "en":
                    name = next(c["i"] for c in cells if c["source"].startswith("my_name = "))
                    run_cell(page, name, 'my_name = "Ayu Lestari"\nhelpers.progress.set_student(my_name)')
                answer_in_the_quiz(page, cells, lang)
    # the class ends: the student reloads lesson 03 (id) and hands in; the answers are still there
    page.reload()
    page.wait_for_function(KERNEL_IDLE, timeout=240_000)
    cells = page.evaluate(CELLS)
    run_cell(page, next(c["i"] for c in cells if c["type"] == "code"))
    shown = run_cell(page, next(c["i"] for c in cells if "helpers.hand_in()" in c["source"]))
    answers = re.search(r"kemajuanmu \((\d+) jawaban\) tersimpan di peramban ini", shown)
    assert answers and int(answers.group(1)) >= 4, shown  # two answers (wrong, then right) in each language
    assert re.search(r"notebooks/id/hand-in/ayu-lestari-\d{4}-\d\d-\d\d\.csv", shown), shown
    assert page.get_by_role("link", name=re.compile(r"Unduh ayu-lestari-")).count() == 1
    assert page.aborted == [], page.aborted
