"""Opening a lesson in the test JupyterLab and waiting for it, shared by the browser tests and benchmarks."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import data
from helpers.paths import notebook_name

#: Every map of control draws one marker per Libyan place of the record.
TOWNS = int((data.load_places()["country"] == "LBY").sum())

#: Lesson 00's first question, answered wrong then right (the hub test; the class rehearsal answers all).
FIRST_QUESTION = {
    "nth": 0,
    "wrong": {"en": "In New York", "id": "Di New York"},
    "right": {"en": "In Tripoli", "id": "Di Tripoli"},
}

#: The quiz's words in each language.
WORDS = {
    "en": {"check": "Check", "wrong": "Not quite", "right": "Correct!"},
    "id": {"check": "Periksa", "wrong": "Belum tepat", "right": "Benar!"},
}


def option(scope, text: str, role: str = "radio"):
    """The quiz's radio (or True/False ``button``) ``text`` in ``scope`` (a question's box, or a page whose first question it is).

    Its accessible name is the option, then the question (helpers/static/quiz/keys.js, issue 25).
    """
    question = " ".join(scope.locator(".kit-prompt:visible").first.inner_text().split())  # not a hidden tab's
    pattern = "^" + re.escape(text) + r"\s+" + re.escape(question[:40])
    return scope.get_by_role(role, name=re.compile(pattern.replace("/", r"\/")))  # Playwright's regex syntax


def answer_first_question(scope, lang: str, *, timeout: int = 10_000) -> None:
    """Lesson 00's first question, wrong then right, in ``scope`` (a page or a panel), as a student clicks."""
    first, words = FIRST_QUESTION, WORDS[lang]
    option(scope, first["wrong"][lang]).first.check(timeout=timeout)
    check = scope.get_by_role("button", name=words["check"]).nth(first["nth"])
    check.click()
    scope.get_by_text(words["wrong"]).first.wait_for(timeout=timeout)
    option(scope, first["right"][lang]).first.check()
    check.click()
    scope.get_by_text(words["right"], exact=False).first.wait_for(timeout=timeout)


KERNEL_IDLE_AND_ALL_RUN = """() => {
  const app = window.jupyterapp; if (!app) return false;
  const w = app.shell.currentWidget; if (!w || !w.content || !w.sessionContext) return false;
  const s = w.sessionContext.session; const k = s && s.kernel;
  if (!k || k.status !== 'idle') return false;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  return cells.length > 0 && cells.every(c => c.model.executionCount !== null);
}"""


def open_and_run(page, lab, lang: str, notebook: str, *, workspace: str | None = None) -> None:
    """Open a lesson, clear its outputs, Run All and wait for every cell."""
    open_lesson(page, lab, lang, notebook, workspace=workspace)
    page.evaluate("window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_timeout(500)
    page.wait_for_function(KERNEL_IDLE_AND_ALL_RUN, timeout=120_000)
    page.wait_for_timeout(300)  # let widgets and map iframes start rendering


def open_lesson(page, lab, lang: str, notebook: str, *, workspace: str | None = None) -> None:
    """Open a lesson in its own workspace and wait until its kernel is idle (nothing is run)."""
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


def restart_kernel(page) -> None:
    """Kernel > Restart Kernel and Clear Outputs, confirmed as a student would; wait for the new kernel."""
    # not awaited: the command's promise settles only once its dialog is answered
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:restart-clear-output'); }")
    page.locator(".jp-Dialog .jp-mod-accept").click(timeout=10_000)
    page.wait_for_function(
        """() => { const w = window.jupyterapp.shell.currentWidget;
        return w.content.widgets.filter(c => c.model.type === 'code').every(c => c.model.executionCount === null)
               && w.sessionContext.session.kernel.status === 'idle'; }""",
        timeout=60_000,
    )


def restart_and_run_all(page) -> None:
    """Kernel > Restart Kernel and Run All, confirmed as a student would, then wait for every cell."""
    restart_kernel(page)
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_timeout(500)
    page.wait_for_function(KERNEL_IDLE_AND_ALL_RUN, timeout=120_000)


def leaflet_frames(page):
    out = []
    for frame in page.frames:
        try:
            if frame.evaluate("typeof window.L") == "object":
                out.append(frame)
        except Exception:
            continue
    return out


def wait_for_maps(page, timeout_ms: int = 10_000) -> None:
    """Wait until every map iframe of the page has Leaflet and has drawn its markers (or time runs out)."""
    for _ in range(timeout_ms // 100):
        frames = [f for f in page.frames if f != page.main_frame]
        ready = 0
        for frame in frames:
            try:
                ready += bool(
                    frame.evaluate("typeof window.L === 'object' && !!document.querySelector('.leaflet-pane')")
                )
            except Exception:
                pass
        if ready >= len(frames):
            return
        page.wait_for_timeout(100)


CELLS = """() => window.jupyterapp.shell.currentWidget.content.widgets.map(c => ({
  type: c.model.type, source: c.model.sharedModel.getSource(), tags: c.model.getMetadata('tags') || []}))"""


def cells(page) -> list[dict]:
    """The open notebook's cells: type, source and tags."""
    return page.evaluate(CELLS)


def run_cell(page, index: int, source: str | None = None) -> str:
    """Type ``source`` into cell ``index`` (if given), run it as Shift+Enter would, wait, return what it shows.

    The text is what a student reads: each output's text, with the folded ``<details>`` (the kit's
    full Python traceback) left out.
    """
    page.evaluate(
        """([i, source]) => { const nb = window.jupyterapp.shell.currentWidget.content;
        const cell = nb.widgets[i]; if (source !== null) cell.model.sharedModel.setSource(source);
        cell.model.executionCount = null; nb.activeCellIndex = i; nb.deselectAll(); }""",
        [index, source],
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-cell')")
    page.wait_for_function(
        """(i) => { const w = window.jupyterapp.shell.currentWidget;
        return w.content.widgets[i].model.executionCount !== null && w.sessionContext.session.kernel.status === 'idle'; }""",
        arg=index,
        timeout=60_000,
    )
    page.wait_for_timeout(200)
    return page.evaluate(
        """(i) => { const cell = window.jupyterapp.shell.currentWidget.content.widgets[i];
        const area = cell.node.querySelector('.jp-OutputArea'); if (!area) return '';
        const copy = area.cloneNode(true); copy.querySelectorAll('details').forEach(d => d.remove());
        return copy.innerText; }""",
        index,
    )


def attempts(progress: Path) -> list[dict]:
    """Every line the server's kernels wrote to the progress file, in order."""
    if not progress.exists():
        return []
    return [json.loads(line) for line in progress.read_text(encoding="utf-8").splitlines() if line.strip()]
