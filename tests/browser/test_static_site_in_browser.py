"""The exported static site's maps draw from the site's own Leaflet copy, with no internet."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

from helpers import data
from tools import export_html

ROOT = Path(__file__).resolve().parents[2]


def test_static_page_map_draws_offline(page, tmp_path):
    export_html.export(tmp_path / "site")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/id/03-memetakan-penguasaan.html")
        page.wait_for_timeout(2500)
        towns = []
        for frame in page.frames:
            try:
                if frame.evaluate("typeof window.L") == "object":
                    towns.append(frame.evaluate("document.querySelectorAll('.kit-town').length"))
            except Exception:
                continue
        assert int((data.load_places()["country"] == "LBY").sum()) in towns, towns
        assert page.get_by_text("Kuis: memetakan penguasaan wilayah").count() >= 1
    finally:
        server.shutdown()
