"""What a student sees: notebooks run in JupyterLab in a real browser, with no internet.

Add a lesson by adding a row to NOTEBOOKS: which quiz question to answer (wrong, then right),
how many town markers its maps draw, and the start of a chart's alt text.
"""

from __future__ import annotations

import pytest

from helpers import data
from helpers.paths import notebook_name

#: Every map of control draws one marker per Libyan place of the record.
TOWNS = int((data.load_places()["country"] == "LBY").sum())

NOTEBOOKS = {
    "00-start-here": {
        "quiz": {
            "nth": 0,
            "wrong": {"en": "In New York", "id": "Di New York"},
            "right": {"en": "In Tripoli", "id": "Di Tripoli"},
        },
        "map_towns": TOWNS,
        "chart_alt": {"en": "Stacked bars", "id": "Batang bertumpuk"},
    },
    "01-reading-the-news": {
        "quiz": {
            "nth": 1,
            "wrong": {"en": "the BBC wrote the joint statement", "id": "BBC yang menulis pernyataan bersama itu"},
            "right": {
                "en": "Liputan6 took the quotation from the BBC's report",
                "id": "Liputan6 mengambil kutipan itu dari berita BBC",
            },
        },
        "map_towns": None,
        "chart_alt": None,
    },
    "04-foreign-backing": {
        "quiz": {
            "nth": 1,
            "wrong": {
                "en": "Acknowledged by France, which said the missiles in Gharyan were sold to the LNA legally",
                "id": "Diakui Prancis, yang menyatakan rudal di Gharyan dijual kepada LNA secara sah",
            },
            "right": {
                "en": "Denied by France (its missiles found in Gharyan were, it said, never handed over)",
                "id": "Dibantah Prancis (rudalnya yang ditemukan di Gharyan, katanya, tidak pernah diserahkan)",
            },
        },
        "map_towns": None,
        "chart_alt": {"en": "Bar chart", "id": "Grafik batang"},
    },
    "03-mapping-control": {
        "quiz": None,
        "map_towns": TOWNS,
        "chart_alt": {"en": "Stacked bars", "id": "Batang bertumpuk"},
    },
}
WORDS = {
    "en": {"check": "Check", "wrong": "Not quite", "right": "Correct!"},
    "id": {"check": "Periksa", "wrong": "Belum tepat", "right": "Benar!"},
}

KERNEL_IDLE_AND_ALL_RUN = """() => {
  const app = window.jupyterapp; if (!app) return false;
  const w = app.shell.currentWidget; if (!w || !w.content || !w.sessionContext) return false;
  const s = w.sessionContext.session; const k = s && s.kernel;
  if (!k || k.status !== 'idle') return false;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  return cells.length > 0 && cells.every(c => c.model.executionCount !== null);
}"""


def open_and_run(page, lab, lang: str, notebook: str, *, workspace: str | None = None) -> None:
    base, token = lab
    # a workspace of its own, so no tab of an earlier test is restored
    workspace = workspace or f"{lang}-{notebook}"
    # ``notebook`` names the lesson; each edition's file has a name in its own language
    name = notebook_name(notebook, lang)
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/notebooks/{lang}/{name}.ipynb?reset&token={token}")
    page.wait_for_function(
        """() => { const a = window.jupyterapp; const w = a && a.shell.currentWidget;
        return w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel
               && w.sessionContext.session.kernel.status === 'idle'; }""",
        timeout=90_000,
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_timeout(500)
    page.wait_for_function(KERNEL_IDLE_AND_ALL_RUN, timeout=120_000)
    page.wait_for_timeout(300)  # let widgets and map iframes start rendering


def leaflet_frames(page):
    out = []
    for frame in page.frames:
        try:
            if frame.evaluate("typeof window.L") == "object":
                out.append(frame)
        except Exception:
            continue
    return out


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("notebook", list(NOTEBOOKS))
def test_notebook_runs_and_shows_its_parts(page, lab, lang, notebook):
    expect = NOTEBOOKS[notebook]
    open_and_run(page, lab, lang, notebook)

    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, errors.first.inner_text()[:500]
    assert page.locator(".jp-Dialog").count() == 0

    if expect["quiz"]:
        quiz, words = expect["quiz"], WORDS[lang]
        page.get_by_role("radio", name=quiz["wrong"][lang], exact=True).first.check()
        check = page.get_by_role("button", name=words["check"]).nth(quiz["nth"])
        check.click()
        feedback = page.get_by_text(words["wrong"]).first
        feedback.wait_for(timeout=10_000)
        assert feedback.is_visible()
        page.get_by_role("radio", name=quiz["right"][lang], exact=True).first.check()
        check.click()
        page.get_by_text(words["right"], exact=False).first.wait_for(timeout=10_000)
        page.get_by_text(words["right"], exact=False).first.scroll_into_view_if_needed()

    if expect["map_towns"] is not None:
        towns, frames = [], []
        for _ in range(100):  # up to 10 s for the map iframes to load Leaflet and draw
            frames = leaflet_frames(page)
            towns = [f.evaluate("document.querySelectorAll('.kit-town').length") for f in frames]
            if expect["map_towns"] in towns:
                break
            page.wait_for_timeout(100)
        assert frames, "no map iframe with Leaflet loaded"
        borders = [f.evaluate("document.querySelectorAll('path[stroke=\"#555\"]').length") for f in frames]
        assert expect["map_towns"] in towns, towns
        assert all(b >= 7 for b in borders), borders  # the Natural Earth base layer: 7 countries
        page.locator("iframe").first.scroll_into_view_if_needed()

    if expect["chart_alt"]:
        images = page.locator("img[alt]")
        alts = [images.nth(i).get_attribute("alt") for i in range(images.count())]
        assert any(a and a.startswith(expect["chart_alt"][lang]) for a in alts), alts

    print(f"\n[browser] {lang}/{notebook}: requests blocked (not 127.0.0.1): {len(page.aborted)}")
