"""The JupyterLite site (``make lite``, issue 28): its size, and in Chromium the time from opening a
lesson to its first output and to Run All finished, cold (a new browser profile: nothing cached) and
warm (the same profile opening the lesson again: the browser's cache and the site's service worker).

Reads ``build/lite`` (run ``make lite`` first), served from 127.0.0.1 with every other request
aborted. The timer starts when the page is asked for; Run All is started as soon as the kernel
says it is ready (idle), as a student clicking at once would (the kernel may still be loading its
packages then: the first output waits for them).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "build" / "lite"
LESSON = "notebooks/en/00-start-here.ipynb"

_READY = """() => { const a = window.jupyterapp; const w = a && a.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle'; }"""
_FIRST_OUTPUT = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .some(c => c.model.type === 'code' && c.model.outputs.length > 0)"""
_ALL_RUN = """() => { const w = window.jupyterapp.shell.currentWidget;
  return w.sessionContext.session.kernel.status === 'idle' && w.content.widgets
    .filter(c => c.model.type === 'code').every(c => c.model.executionCount !== null); }"""


def site_size(folder: Path = SITE) -> float:
    """The site's size in MB (10^6 bytes)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def _open_and_run(page, base: str) -> tuple[float, float, float]:
    start = time.perf_counter()
    page.goto(f"{base}/lab/index.html?path={LESSON}")
    page.wait_for_function(_READY, timeout=300_000, polling=100)
    ready = time.perf_counter() - start
    page.evaluate("window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(_FIRST_OUTPUT, timeout=300_000, polling=100)
    first = time.perf_counter() - start
    page.wait_for_timeout(500)
    page.wait_for_function(_ALL_RUN, timeout=600_000, polling=200)
    return ready, first, time.perf_counter() - start


def run() -> dict[str, float]:
    from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, browser_unavailable, local_only
    from tests.lite_site import serve

    if not (SITE / "jupyter-lite.json").is_file():
        raise RuntimeError("no JupyterLite site in build/lite: run `make lite` first")
    reason = browser_unavailable()
    if reason:
        raise RuntimeError(reason)
    from playwright.sync_api import sync_playwright

    server, base = serve(SITE)
    figures = {"lite: site size (MB)": round(site_size(), 1)}
    try:
        with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="kit-lite-bench-") as profile:
            # a profile of its own on disk, so the second visit finds what the first one cached
            context = p.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900}
            )
            context.route("**/*", local_only)
            for visit in ("cold", "warm"):
                page = context.new_page()
                ready, first, finished = _open_and_run(page, base)
                figures[f"lite: {LESSON} {visit}, opened to kernel ready (s)"] = round(ready, 1)
                figures[f"lite: {LESSON} {visit}, opened to first output (s)"] = round(first, 1)
                figures[f"lite: {LESSON} {visit}, opened to Run All finished (s)"] = round(finished, 1)
                page.close()
            context.close()
    finally:
        server.shutdown()
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
