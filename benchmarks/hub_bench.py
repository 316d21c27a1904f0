"""The school hub's figures: time from clicking the kit's link to the start notebook's map drawn,
and the memory one student takes on the hub.

Runs the real-JupyterHub set-up of tests/browser/test_hub.py (hub_setup.py): JupyterHub on
127.0.0.1, a user environment with the kit's dependencies only, the kit served over git's smart
HTTP, headless Chromium with every request outside 127.0.0.1 aborted. For ``repeat`` students in
turn (each a new account, so each visit logs in, spawns a server and clones the kit), the clock runs
from opening the link to the start notebook run to its end with the map drawn; the last student
then follows the link again (server running, copy updated), timed too. Memory is the resident size
of one student's single-user server with the start notebook's kernel, and with lesson 03 open as
well. Usage: ``.venv/bin/python benchmarks/hub_bench.py`` (``make bench`` includes it).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(repeat: int = 2) -> dict[str, float]:
    # the hub's set-up is the browser test's own (run from the checkout: python -m benchmarks.hub_bench)
    from tests.browser import conftest, hub_setup
    from tests.browser.test_hub import FOLDER, follow, maps_in, run_all

    reason = conftest.browser_unavailable()
    if reason:
        raise RuntimeError(reason)
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="kit-hub-bench-"))
    (tmp / "git").mkdir()
    hub = hub_setup.start_hub(tmp / "hub")
    _, branch = hub_setup.serve_clone(tmp / "git")
    first, figures = [], {}
    path = f"{FOLDER}/notebooks/en/00-start-here.ipynb"
    try:
        with hub_setup.GitServer(tmp / "git") as git, sync_playwright() as p:
            repo = f"{git.url}/{FOLDER}.git"
            link = hub_setup.kit_link(hub, repo, branch)
            browser = p.chromium.launch(executable_path=conftest.CHROMIUM, args=conftest.CHROMIUM_ARGS)
            for n in range(repeat):
                user = f"{hub_setup.STUDENT}{n}"
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.route("**/*", conftest.local_only)
                try:
                    start = time.perf_counter()
                    panel = follow(page, link, path, user=user)
                    panel = run_all(page, path)
                    if not maps_in(page, panel, 1):
                        raise RuntimeError("the start notebook's map did not draw on the hub")
                    first.append(time.perf_counter() - start)
                    if n == repeat - 1:
                        figures["hub: one student's server + start notebook kernel (MB)"] = round(
                            hub_setup.student_memory_mb(hub, user)
                        )
                        start = time.perf_counter()
                        panel = follow(page, link, path, user=user)
                        panel = run_all(page, path)
                        if not maps_in(page, panel, 1):
                            raise RuntimeError("the start notebook's map did not draw when its link was followed again")
                        figures["hub: link to start map drawn, next visit: server running, copy updated (s)"] = round(
                            time.perf_counter() - start, 2
                        )
                        lesson = f"{FOLDER}/notebooks/en/03-mapping-control.ipynb"
                        follow(
                            page,
                            hub_setup.kit_link(hub, repo, branch, notebook="03-mapping-control"),
                            lesson,
                            user=user,
                        )
                        run_all(page, lesson)
                        figures["hub: one student's server + lessons 00 and 03 open (MB)"] = round(
                            hub_setup.student_memory_mb(hub, user)
                        )
                finally:
                    context.close()
            browser.close()
    finally:
        hub.stop()
    figures[f"hub: link to start map drawn, first visit: log in, spawn, clone, run all (s, median of {repeat})"] = (
        round(statistics.median(first), 2)
    )
    return figures


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
