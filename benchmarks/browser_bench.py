"""Browser time: from opening the start-here notebook to all cells executed and the map drawn (median of 3).

Needs Chromium (see tests/browser); reuses the browser tests' JupyterLab fixture code.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(repeat: int = 3) -> dict[str, float]:
    from tests.browser import conftest
    from tests.browser.lab_pages import leaflet_frames, open_and_run

    reason = conftest.browser_unavailable()
    if reason:
        raise RuntimeError(reason)
    from playwright.sync_api import sync_playwright

    proc, base, token, tmp = conftest.start_lab()
    timings = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=conftest.CHROMIUM, args=conftest.CHROMIUM_ARGS)
            for n in range(repeat):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.route("**/*", conftest.local_only)
                start = time.perf_counter()
                open_and_run(page, (base, token), "en", "00-start-here", workspace=f"bench{n}")
                while not any(
                    f.evaluate("document.querySelectorAll('.kit-town').length") for f in leaflet_frames(page)
                ):
                    page.wait_for_timeout(50)
                timings.append(time.perf_counter() - start)
                page.close()
            browser.close()
    finally:
        conftest.stop(proc)
    return {"browser: open start-here, run all cells, map drawn (s, median of 3)": round(statistics.median(timings), 2)}
