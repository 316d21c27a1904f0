"""`make lab` on this checkout: the server answers, the start notebook opens with no error dialog, and
its saved map draws before any cell runs (make lab installs the kit's trust-on-open hook); with
KIT_LANG=id JupyterLab is in Indonesian, and it has the kit's readable code colours (tools/lab_settings.py)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from helpers.paths import notebook_name

ROOT = Path(__file__).resolve().parents[2]
#: `make lab KIT_LANG=id` opens the Indonesian start notebook, which has an Indonesian file name.
START = notebook_name("00-start-here", "id")


def test_make_lab_opens_the_start_notebook(page):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    tmp = Path(tempfile.mkdtemp(prefix="kit-make-lab-"))
    env = dict(
        os.environ,
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "ws"),
        JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        # a new notary database: no signature left by an earlier `jupyter trust` makes the map show
        JUPYTER_DATA_DIR=str(tmp / "data"),
        KIT_PROGRESS_DIR=str(tmp / "progress"),
    )
    with open(tmp / "lab.log", "w+b") as log:  # the child keeps its own copy of the handle
        proc = subprocess.Popen(
            ["make", "lab", f"KIT_PORT={port}", "KIT_LANG=id"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = None
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and url is None:
            time.sleep(1)
            text = (tmp / "lab.log").read_text(errors="replace")
            match = re.search(rf"(http://127\.0\.0\.1:{port}/\S*token=[0-9a-f]+)", text)
            url = match.group(1) if match else None
            assert proc.poll() is None, text[-2000:]
        assert url, "make lab printed no URL with a token"
        page.goto(url)
        page.locator(".lm-TabBar-tabLabel", has_text=f"{START}.ipynb").first.wait_for(timeout=90_000)
        page.locator(".jp-NotebookPanel").first.wait_for(timeout=30_000)
        assert f"notebooks/id/{START}.ipynb" in page.url
        page.wait_for_timeout(1500)
        assert page.locator(".jp-Dialog").count() == 0
        assert page.locator(".jp-NotebookPanel:visible h1", has_text="Mulai di sini").count() >= 1
        # no cell has run: the map drawn is the one saved in the notebook, shown because it is trusted
        assert saved_map_draws(page), "the start notebook's saved map did not draw on opening"
        # JupyterLab itself in Indonesian (the language pack), and the kit's readable code colours (issue 25)
        assert page.evaluate("document.documentElement.lang") == "id-ID"
        comment = page.evaluate("getComputedStyle(document.body).getPropertyValue('--jp-mirror-editor-comment-color')")
        assert comment.strip() == "#3b7676", comment
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(tmp, ignore_errors=True)


def saved_map_draws(page, timeout_s: float = 45) -> bool:
    """Whether a map frame of the open notebook draws Leaflet's container and its shapes in time."""
    deadline = time.monotonic() + timeout_s
    frames = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output iframe")
    while time.monotonic() < deadline:
        if frames.count():
            frames.first.scroll_into_view_if_needed(timeout=5_000)
        for frame in page.frames:
            try:
                if frame.parent_frame and frame.evaluate(
                    "() => document.querySelectorAll('.leaflet-container path').length > 0"
                ):
                    return True
            except Exception:
                continue
        page.wait_for_timeout(500)
    return False
