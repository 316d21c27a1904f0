"""Accessibility figure: axe-core WCAG 2 A/AA violations per page of the static site (issue 18).

Usage: ``.venv/bin/python benchmarks/a11y_report.py [--lessons]``. Builds the static site into a
temporary folder, opens every page in headless Chromium (no internet) and prints one line per
page: the number of violating elements, then the rules they break. ``--lessons`` also runs every
lesson notebook of both languages in JupyterLab and counts the violations in the kit's output
areas (slow: about half a minute per notebook). The last line is the total.

Needs Chromium and axe-core, as the browser tests do (see tests/browser/test_accessibility.py).
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*, lessons: bool = False) -> dict[str, list[dict]]:
    """Violating nodes per page: ``site/<path>`` for static pages, ``lab/<lang>/<notebook>`` for lessons."""
    from tests.browser import conftest
    from tests.browser import test_accessibility as a11y

    reason = conftest.browser_unavailable()
    if reason:
        raise RuntimeError(reason)
    if a11y.axe_path() is None:
        raise RuntimeError("axe-core is not installed: run `bash .ci/run` or set KIT_AXE_JS")
    from playwright.sync_api import sync_playwright

    results: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="kit-a11y-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=conftest.CHROMIUM, args=conftest.CHROMIUM_ARGS, headless=True)
        try:
            site = Path(tmp) / "site"
            a11y.build_site(site)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", conftest.local_only)
            for rel, found in a11y.site_violations(page, site).items():
                results[f"site/{rel}"] = found
            page.close()
            if lessons:
                from tests.browser.lab_pages import open_and_run

                proc, base, token, lab_tmp = conftest.start_lab()
                try:
                    for lang in ("en", "id"):
                        for notebook in a11y.LESSONS:
                            page = browser.new_page(viewport=a11y.LAB_VIEWPORT)
                            page.route("**/*", conftest.local_only)
                            open_and_run(
                                page, (base, token), lang, notebook, workspace=f"a11y-report-{lang}-{notebook}"
                            )
                            a11y.wait_for_maps(page)
                            page.add_style_tag(content=a11y.BODY_HEIGHT)
                            results[f"lab/{lang}/{notebook}"] = a11y.run_axe(
                                page, a11y.axe_source(), include=[a11y.OUTPUTS]
                            )
                            page.close()
                finally:
                    conftest.stop(proc)
        finally:
            browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lessons", action="store_true", help="also check every lesson in JupyterLab (slow)")
    args = parser.parse_args(argv)
    results = run(lessons=args.lessons)
    for where, found in results.items():
        rules = collections.Counter(v["rule"] for v in found)
        detail = ", ".join(f"{rule} {n}" for rule, n in sorted(rules.items()))
        print(f"a11y violations: {where}: {len(found)}" + (f" ({detail})" if detail else ""))
    print(f"a11y violations: total over {len(results)} pages: {sum(len(f) for f in results.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
