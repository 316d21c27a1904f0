"""Print the handouts' HTML pages to tagged A4 PDFs with Chromium (headless, or driven by Playwright).

Examples
--------
>>> find_chromium() is None or Path(find_chromium()).name.startswith("chrom")
True
"""

from __future__ import annotations

import concurrent.futures
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["find_chromium", "print_pdf", "print_all"]


def find_chromium() -> str | None:
    """The path of a Chromium that can print to PDF, or None.

    Examples
    --------
    >>> find_chromium() is None or Path(find_chromium()).name.startswith("chrom")
    True
    """
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(browser: str, source: Path, target: Path) -> None:
    """Print the HTML file ``source`` to the PDF ``target`` with headless Chromium (A4, tagged, no header)."""
    with tempfile.TemporaryDirectory(prefix="handouts-chromium-") as profile:
        cmd = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={target}",
            source.resolve().as_uri(),
        ]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if out.returncode != 0 or not target.exists():
        raise RuntimeError(f"Chromium could not print {source.name}: {out.stderr.strip()[-400:]}")


def print_all(browser: str, pairs: list[tuple[Path, Path]], jobs: int) -> None:
    """Print every (HTML, PDF) pair: through one Playwright-driven Chromium when Playwright is
    installed (fast: one browser for all pages), else one headless Chromium per page."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            list(pool.map(lambda pair: print_pdf(browser, *pair), pairs))
        return
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=browser, args=["--no-sandbox", "--disable-gpu"], headless=True)
        try:
            tab = chromium.new_page()
            for source, target in pairs:
                tab.goto(source.resolve().as_uri(), wait_until="load")
                tab.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True, tagged=True)
        finally:
            chromium.close()
