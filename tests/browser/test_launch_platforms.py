"""Maps draw offline where no Jupyter server serves the kit's files: VS Code and Voilà (issue 16).

- **VS Code-style**: VS Code's Jupyter extension starts the kernel itself, in the notebook's
  folder, with VS Code's variables (``VSCODE_PID``, ``VSCODE_CWD``), and shows each output in a
  webview where no Jupyter ``/files/`` route exists. Here a kernel is started the same way
  (nbclient, no Jupyter server, cwd ``notebooks/en`` of a temporary copy of the kit, the VS Code
  variables set), runs the start notebook, and its map output is loaded in Chromium as a page of a
  made-up webview address, with every request that leaves this machine aborted.
- **Voilà**: real Voilà (a side environment, ``.venv/voila-<key>``: the test environment's packages
  plus the pinned ``VOILA_PINS``; built once, skipped with the reason when it cannot be installed)
  serves a temporary copy of the kit on 127.0.0.1; the start notebook's page,
  ``/voila/render/notebooks/en/00-start-here.ipynb``, is opened with every request outside
  127.0.0.1 aborted. Voilà serves files only from its allow-list (images by default), so the map
  must carry Leaflet itself.

Both assert that the map drew (Leaflet loaded, its container and the SVG paths of the borders and
zones present) and that nothing was asked of a CDN for it. (Voilà's own lab template links Font
Awesome from jsdelivr; that request, aborted here, is Voilà's and is the only one allowed.)
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from kit_venv import bare_venv

from helpers.maps import leaflet
from helpers.paths import notebook_path

from .conftest import LOCAL, free_port, stop

ROOT = Path(__file__).resolve().parents[2]
#: Voilà and the one package it needs beyond the test environment (checked with pip against the lock).
VOILA_PINS = ["voila==0.5.13", "websockets==17.4"]
#: What Voilà's own page (not the kit) asks of a CDN: its lab template's Font Awesome stylesheets.
VOILA_OWN = "cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@"
#: Variables by which the kit recognises a platform (helpers/maps/leaflet.py), cleared before each test sets its own.
MARKERS = (
    "VSCODE_PID",
    "VSCODE_CWD",
    "SERVER_SOFTWARE",
    "VOILA_BASE_URL",
    "VOILA_PREHEAT",
    "KIT_ASSET_URL",
    "KIT_ROOT",
)

#: The maps in a page's frames: Leaflet loaded, its containers, and the SVG paths drawn in them.
MAPS = """() => ({L: typeof window.L, containers: document.querySelectorAll('.leaflet-container').length,
  paths: document.querySelectorAll('.leaflet-container path').length,
  inline: !!document.getElementById('kit-leaflet-js')})"""


def copy_of_kit(where: Path) -> Path:
    """A copy of the kit as a download or nbgitpuller leaves it (helpers, data, lessons, notebooks)."""
    for name in ("helpers", "data", "lessons", "notebooks"):
        shutil.copytree(ROOT / name, where / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    return where


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in MARKERS and k != "PYTHONPATH"}
    env.update(extra)
    return env


def drawn_maps(page, expected: int = 1, timeout: float = 60) -> list[dict]:
    """The frames of ``page`` holding a drawn map, once ``expected`` of them are there."""
    deadline = time.monotonic() + timeout
    found: list[dict] = []
    while time.monotonic() < deadline:
        found = []
        for frame in page.frames:
            try:
                state = frame.evaluate(MAPS)
            except Exception:  # a frame going away while the page renders
                continue
            if state["L"] == "object" and state["containers"] and state["paths"]:
                found.append(state)
        if len(found) >= expected:
            return found
        time.sleep(0.5)
    return found


def cdn_requests(urls: list[str]) -> list[str]:
    return [u for u in urls if not u.startswith(LOCAL) or "jsdelivr" in u or "unpkg" in u or "cdnjs" in u]


def test_vscode_style_kernel_map_draws_offline(page, tmp_path):
    copy = copy_of_kit(tmp_path / "libya-kit")
    path = notebook_path("00-start-here", "en", copy / "notebooks")
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    from nbclient import NotebookClient

    env = clean_env(VSCODE_PID=str(os.getpid()), VSCODE_CWD=str(copy), KIT_PROGRESS_DIR=str(tmp_path / "progress"))
    # started by the client itself, in the notebook's folder, as VS Code's extension does: no server
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute(
        env=env
    )
    outputs = [
        out["data"]["text/html"]
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if "kit-map" in out.get("data", {}).get("text/html", "")
    ]
    assert outputs, "the start notebook showed no map"
    assert all("kit-leaflet-js" in html for html in outputs)
    assert leaflet.CDN_JS not in outputs[0]

    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    webview = "http://127.0.0.1:9/vscode-webview/index.html"  # answered below, never by a server
    page.route(
        "http://127.0.0.1:9/**",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body=f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{outputs[0]}</body></html>",
        ),
    )
    page.goto(webview)
    drawn = drawn_maps(page)
    assert drawn and drawn[0]["inline"], drawn
    assert page.aborted == [] and cdn_requests(requested) == [], (page.aborted, requested)
    assert requested == [webview]  # the map asked nothing of any server


# --- Voilà ---------------------------------------------------------------------------------------


def _voila_env_key() -> str:
    digest = hashlib.sha256()
    for path in (ROOT / "requirements" / "lock.txt", ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    digest.update(" ".join(VOILA_PINS).encode() + sys.version.encode())
    return digest.hexdigest()[:12]


def voila_env() -> Path:
    """The side environment with Voilà (built once per lock and pins); pytest.skip with the reason if impossible."""
    env = ROOT / ".venv" / f"voila-{_voila_env_key()}"
    ready = env / ".ready"
    if ready.exists():
        return env
    for old in (ROOT / ".venv").glob("voila-*"):
        shutil.rmtree(old, ignore_errors=True)
    # the test environment's packages (the kit's dependencies, from the lock) under Voilà's own
    python = bare_venv(env)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", *VOILA_PINS],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        shutil.rmtree(env, ignore_errors=True)
        pytest.skip(
            f"Voilà could not be installed ({' '.join(VOILA_PINS)}; needs PyPI or a filled pip cache): "
            f"{done.stderr.strip()[-400:]}"
        )
    # the test environment's Jupyter data (nbconvert's templates, which Voilà's extend, and the
    # widget manager's lab extension), linked into Voilà's prefix: a JUPYTER_PATH would put
    # nbconvert's own lab template before Voilà's, which has the same name
    shared, mine = Path(sys.prefix) / "share" / "jupyter", env / "share" / "jupyter"
    (mine / "labextensions").mkdir(parents=True, exist_ok=True)
    if not (mine / "nbconvert").exists():
        (mine / "nbconvert").symlink_to(shared / "nbconvert", target_is_directory=True)
    for extension in (shared / "labextensions").glob("*"):
        if not (mine / "labextensions" / extension.name).exists():
            (mine / "labextensions" / extension.name).symlink_to(extension, target_is_directory=True)
    ready.touch()
    return env


@pytest.fixture
def voila(tmp_path):
    """Real Voilà serving a copy of the kit on 127.0.0.1; yields (base url, copy)."""
    env_dir = voila_env()
    copy = copy_of_kit(tmp_path / "libya-kit")
    port = free_port()
    jupyter = tmp_path / "jupyter"
    for name in ("config", "data", "runtime"):
        (jupyter / name).mkdir(parents=True)
    env = clean_env(
        JUPYTER_CONFIG_DIR=str(jupyter / "config"),
        JUPYTER_DATA_DIR=str(jupyter / "data"),
        JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
        KIT_PROGRESS_DIR=str(tmp_path / "progress"),
    )
    log = open(tmp_path / "voila.log", "w+b")  # noqa: SIM115 - the child keeps its own copy
    proc = subprocess.Popen(
        [
            str(env_dir / "bin" / "python"),
            "-m",
            "voila",
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            str(copy),
        ],
        cwd=copy,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import urllib.request

        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"Voilà did not start: {log.read().decode(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(f"{base}/voila/tree", timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        yield base, copy
    finally:
        stop(proc)
        log.close()


def test_voila_map_draws_offline(page, voila, tmp_path):
    base, copy = voila
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    start = notebook_path("00-start-here", "en", copy / "notebooks").relative_to(copy).as_posix()
    page.goto(f"{base}/voila/render/{start}", timeout=240_000)
    drawn = drawn_maps(page, timeout=240)
    log = (tmp_path / "voila.log").read_text(errors="replace")
    assert drawn, f"no map drew in Voilà's page; its log ends:\n{log[-3000:]}"
    assert drawn[0]["inline"], drawn  # Voilà's file route would refuse leaflet.js: the map carries it
    assert [u for u in requested if "leaflet" in u.lower()] == [], requested
    # Voilà's own lab template links Font Awesome from a CDN (voila/templates/lab/index.html.j2);
    # that request is Voilà's, not the kit's: anything else leaving the machine fails the test
    others = [u for u in cdn_requests(requested) + page.aborted if VOILA_OWN not in u]
    assert others == [], sorted(set(others))
    assert re.search(r"voila", page.url)
