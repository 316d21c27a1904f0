"""The real-browser test harness: a private JupyterLab server and headless Chromium with no internet.

The server is the project's own environment (this interpreter), on a free port of 127.0.0.1, with
a random token and temporary config, runtime, settings and workspace folders; it is stopped by
its process id at the end, even when a test fails. Every browser request that does not go to
127.0.0.1 is aborted, which proves the kit needs no internet. Screenshots go to
tests/browser/artifacts/ (ignored by git).

The ``browser`` and ``page`` fixtures are registered once, in tests/conftest.py, for the browser
tests and the class rehearsal (tests/classroom/) alike: two session-wide Playwright instances in
one test worker cannot run side by side.
"""

from __future__ import annotations

import atexit
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tools import lab_settings
from tools.release import release_tree

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HOW_TO_GET = (
    "install Debian's Chromium (as root: apt-get update && apt-get install -y chromium), "
    "or run `bash .ci/run`, which installs it, then `make test-browser`"
)


#: Addresses a page may reach: this machine only (and in-page data).
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")


def local_only(route, *, aborted: list[str] | None = None) -> None:
    """A Playwright route handler: let requests to this machine through, abort (and note) the rest.

    ``aborted`` is keyword-only: Playwright passes the request as a second positional argument.
    """
    url = route.request.url
    if url.startswith(LOCAL):
        route.continue_()
    else:
        if aborted is not None:
            aborted.append(url)
        route.abort()


def browser_unavailable() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: run `make test`, which installs it"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}: {HOW_TO_GET}"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"JupyterLab did not answer at {url} within {timeout:.0f} s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


class Lab(tuple):
    """``(base url, token)`` of a running JupyterLab, with the path of the progress file its kernels write."""

    def __new__(cls, base: str, token: str, *, progress: Path):
        lab = super().__new__(cls, (base, token))
        lab.progress = progress
        return lab


def start_lab(
    extra_args: list[str] | None = None, command: list[str] | None = None, root: Path = ROOT, lang: str = "en"
):
    """Start JupyterLab on ``root`` in its own process group; return (process, base url, token, temp dir).

    It has the kit's settings as `make lab KIT_LANG=<lang>` gives them (tools/lab_settings.py): the
    overrides (code lines wrap, no news prompt, the interface language) and the readable code colours.
    """
    port, token = free_port(), secrets.token_hex(16)
    tmp = Path(tempfile.mkdtemp(prefix="kit-lab-"))
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        (tmp / name.lower()).mkdir()
        env[name] = str(tmp / name.lower())
    env["KIT_PROGRESS_DIR"] = str(tmp / "progress")
    news = tmp / "jupyterlab_settings_dir" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    (tmp / "jupyter_config_dir" / "custom").mkdir()
    shutil.copyfile(ROOT / "deploy" / "custom.css", tmp / "jupyter_config_dir" / "custom" / "custom.css")
    (tmp / "app_settings").mkdir()
    (tmp / "app_settings" / "overrides.json").write_text(json.dumps(lab_settings.overrides(lang)), encoding="utf-8")
    args = command or [sys.executable, "-m", "jupyterlab"]
    args = (
        args
        + [
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.custom_css=True",
            f"--LabApp.app_settings_dir={tmp / 'app_settings'}",
        ]
        + (extra_args or [])
    )
    if os.geteuid() == 0:
        args.append("--allow-root")
    with open(tmp / "lab.log", "wb") as log:  # the child keeps its own copy of the handle
        proc = subprocess.Popen(args, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    atexit.register(stop, proc)
    base = f"http://127.0.0.1:{port}"
    wait_until_up(f"{base}/api/status?token={token}", proc)
    return proc, base, token, tmp


def build_student_edition(out: Path) -> Path:
    """The student edition of this working tree (``make release`` builds it from a commit): its folder.

    The files git tracks or would track (uncommitted changes included) are copied, then released
    with ``python -m tools.release --from-tree``, as a class would receive them.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    tree = out / "tree"
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file() and not source.is_symlink():
            (tree / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tree / rel)
    release_tree(tree, out / "build", check=True, capture_output=True)
    return out / "build" / "student"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser, request):
    """A fresh page that can only reach 127.0.0.1; saves a screenshot when the test ends."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.aborted = []
    page.route("**/*", lambda route: local_only(route, aborted=page.aborted))
    try:
        yield page
    finally:
        ARTIFACTS.mkdir(exist_ok=True)
        name = request.node.name.replace("[", "-").replace("]", "").replace("/", "-")
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
        except Exception:
            pass
        context.close()
