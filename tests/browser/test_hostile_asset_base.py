"""A hostile asset base (KIT_ASSET_URL) cannot run script in the page, and the map still draws."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

from helpers import maps

PAYLOADS = [
    "x\"></script><script>alert('asset')</script>",
    "javascript:alert(1)//",
    "'+alert(1)+'",
    "</script><img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_asset_base_fires_no_dialog(page, tmp_path, monkeypatch, payload):
    monkeypatch.setenv("KIT_ASSET_URL", payload)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "map.html").write_text(maps.control_map("2020-06-06", lang="en").get_root().render())
    shutil.copytree(maps.asset_dir(), tmp_path / "_static")  # where ../_static/ points from pages/
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/pages/map.html")
        page.wait_for_function("() => document.querySelectorAll('.kit-town').length > 0", timeout=15_000)
        assert page.evaluate("document.querySelectorAll('.kit-town').length") > 20
        assert dialogs == []
    finally:
        server.shutdown()
