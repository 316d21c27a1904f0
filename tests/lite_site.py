"""Building the JupyterLite site for the full-tier tests (tests/test_lite_site.py, tests/browser/test_lite.py).

The site needs Pyodide and the kernel's packages, downloaded once into ``~/.cache/libya-kit/lite``
(``bash .ci/run`` does it: ``python -m tools.lite --fetch-only``). The tests take Pyodide's compiled
packages from what this machine can reach (``KIT_PYODIDE_SOURCE``, by default the copy inside the
``open-webui`` wheel on PyPI), checked against Pyodide's official lock exactly as ``make lite``
checks the official archive. When the downloads cannot be made, the tests are skipped and say why.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from tools.lite import FetchError, build_env, build_site, fetch
from tools.lite.pyodide import cache_lock

SOURCE = os.environ.get("KIT_PYODIDE_SOURCE") or "pip:open-webui==0.12.4"


def build_lite(student: Path, out: Path) -> Path:
    """The site of the student edition ``student``, in ``out`` (or a skip naming the failed download)."""
    try:
        with cache_lock():
            fetch(SOURCE)
            build_env()
    except FetchError as exc:
        pytest.skip(
            "the JupyterLite site needs Pyodide and its packages from npm and PyPI, which could not be "
            f"downloaded here (`bash .ci/run` fetches them into ~/.cache/libya-kit/lite): {exc}"
        )
    return build_site(student, out, source=SOURCE)


class _Files(http.server.SimpleHTTPRequestHandler):
    """Static files with the types a JupyterLite site needs (module scripts, WebAssembly)."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def log_message(self, *args) -> None:
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; return the server and its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Files, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
