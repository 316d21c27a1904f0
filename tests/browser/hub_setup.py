"""A real JupyterHub on 127.0.0.1, and a git server speaking git's smart HTTP, for the hub test and
the hub benchmark.

- The **user environment** stands for the hub's single-user image: a venv with the kit's
  dependencies at the lock's versions, nbgitpuller and ``jupyterhub`` (``deploy/hub-requirements.txt``),
  the JupyterLab settings overrides of ``deploy/overrides.json``, the kit's trust-on-open server
  extension (``python -m tools.trust install``, as ``postBuild``), and *not* the kit: lessons must
  find their helpers in the copy nbgitpuller makes. Building it takes a minute or two, so it is
  built once per lock and kept in ``.venv/hub-<key>/`` (like the Makefile's set-up stamps; ``make
  clean`` removes it); everything a run writes (hub database, cookie secret, students' homes, the
  served repository, logs) goes to the run's temporary folder.
- The **hub** uses ``DummyAuthenticator`` (any password), ``SimpleLocalProcessSpawner`` (homes under
  the temporary folder) and ``configurable-http-proxy`` from npm.
- The **git server** is a small threaded WSGI server in this process that runs ``git http-backend``
  (CGI) for a bare clone of the kit: nbgitpuller clones with ``--depth 1``, which git's "dumb"
  HTTP cannot serve.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from tests.kit_venv import image_requirements

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "lock.txt"
HUB_REQUIREMENTS = ROOT / "deploy" / "hub-requirements.txt"
OVERRIDES = ROOT / "deploy" / "overrides.json"
STUDENT = "siswa"

__all__ = [
    "HubUnavailable",
    "user_env",
    "proxy_command",
    "GitServer",
    "Hub",
    "start_hub",
    "login",
    "kit_link",
    "student_memory_mb",
]


class HubUnavailable(RuntimeError):
    """A part the hub needs is missing here; the message says which and how to get it."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env_key() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml", HUB_REQUIREMENTS, OVERRIDES):
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:12]


def user_env() -> Path:
    """The single-user environment (built once per lock, then reused); returns its folder."""
    env = ROOT / ".venv" / f"hub-{_env_key()}"
    ready = env / ".ready"
    if ready.exists():
        return _post_build(env)
    shutil.rmtree(env, ignore_errors=True)
    for old in (ROOT / ".venv").glob("hub-*"):
        shutil.rmtree(old, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120)
    python = env / "bin" / "python"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "-c",
            str(LOCK),
            *image_requirements(),
            "-r",
            str(HUB_REQUIREMENTS),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    if done.returncode != 0:
        shutil.rmtree(env, ignore_errors=True)
        raise HubUnavailable(
            "could not install the hub's user environment from the lock "
            f"(needs PyPI or a filled pip cache): {done.stderr.strip()[-600:]}"
        )
    if subprocess.run([str(python), "-c", "import helpers"], capture_output=True, cwd=env).returncode == 0:
        raise RuntimeError(f"the hub's user environment {env} must not contain the kit")
    ready.touch()
    return _post_build(env)


def _post_build(env: Path) -> Path:
    """What the image's postBuild does (run on every start, so the kit's current files are used):
    the kit's JupyterLab settings overrides (no news prompt), and the server extension that opens
    the kit's lessons trusted (``python -m tools.trust install``)."""
    settings = env / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copy2(OVERRIDES, settings / "overrides.json")
    done = subprocess.run(
        [sys.executable, "-m", "tools.trust", "install", "--python", str(env / "bin" / "python")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"could not install the trust-on-open hook into {env}: {done.stderr[-1500:]}")
    return env


def proxy_command() -> str:
    """Path of configurable-http-proxy, or HubUnavailable saying how to install it."""
    found = shutil.which("configurable-http-proxy")
    if not found:
        how = "npm install -g configurable-http-proxy@5.3.0 (bash .ci/run does it)"
        if not shutil.which("npm"):
            how = "install Node.js and npm (apt-get install nodejs npm), then " + how
        raise HubUnavailable(f"configurable-http-proxy (npm) is missing: {how}")
    return found


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D102 - keep test output clean
        pass


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class GitServer:
    """Serves the bare repositories under ``root`` with git's smart HTTP on 127.0.0.1."""

    def __init__(self, root: Path):
        self.root = root
        self.requests: list[str] = []
        self.server = make_server("127.0.0.1", 0, self._app, server_class=_ThreadingServer, handler_class=_Quiet)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> GitServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _app(self, environ, start_response):
        self.requests.append(f"{environ['REQUEST_METHOD']} {environ.get('PATH_INFO', '')}")
        env = {k: v for k, v in environ.items() if isinstance(v, str) and k.isupper()}
        env.update(
            GIT_PROJECT_ROOT=str(self.root),
            GIT_HTTP_EXPORT_ALL="1",
            PATH=os.environ.get("PATH", "/usr/bin:/bin"),
            GIT_CONFIG_COUNT="1",
            GIT_CONFIG_KEY_0="safe.directory",
            GIT_CONFIG_VALUE_0="*",
        )
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        done = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True, timeout=120)
        out = done.stdout
        cut = min((i for i in (out.find(b"\r\n\r\n"), out.find(b"\n\n")) if i >= 0), default=-1)
        if done.returncode != 0 or cut < 0:
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
            return [done.stderr or b"git http-backend failed"]
        head, payload = out[:cut].decode("latin-1"), out[cut:].lstrip(b"\r\n")
        status, headers = "200 OK", []
        for line in head.replace("\r\n", "\n").split("\n"):
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = value.strip()
            elif name:
                headers.append((name.strip(), value.strip()))
        start_response(status, headers)
        return [payload]


def serve_clone(where: Path, source: Path = ROOT) -> tuple[Path, str]:
    """A bare clone of ``source`` at its current commit, as ``libya-kit.git``; returns (path, branch).

    The branch ``hub-test`` points at the commit checked out in ``source`` (also when detached).
    ``KIT_HUB_SOURCE`` may name another repository to serve.
    """
    source = Path(os.environ.get("KIT_HUB_SOURCE") or source)
    bare = where / "libya-kit.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(source), str(bare)], check=True, timeout=300)
    commit = subprocess.run(
        ["git", "-C", str(source), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run(
        ["git", "-C", str(bare), "fetch", "--quiet", str(source), f"{commit}:refs/heads/hub-test"],
        check=True,
        timeout=300,
    )
    return bare, "hub-test"


@dataclass
class Hub:
    """A running JupyterHub: its address, folder, process and user environment."""

    url: str
    tmp: Path
    proc: subprocess.Popen
    env: Path
    log: Path
    extra: dict = field(default_factory=dict)

    def home(self, user: str = STUDENT) -> Path:
        return self.tmp / "home" / user

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        # the single-user servers and the proxy live in the hub's process group; anything left is killed by pid
        for pid_file in (self.tmp / "proxy.pid",):
            try:
                os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
            except (OSError, ValueError):
                pass


_CONFIG = """\
c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.db_url = "sqlite:///{tmp}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {tmp!r} + "/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = {tmp!r} + "/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
"""


def start_hub(tmp: Path | None = None) -> Hub:
    """Start JupyterHub (user environment built or reused first); raise HubUnavailable if a part is missing."""
    proxy = proxy_command()
    if not shutil.which("git"):
        raise HubUnavailable("git is missing: apt-get install git")
    env = user_env()
    tmp = tmp or Path(tempfile.mkdtemp(prefix="kit-hub-"))
    (tmp / "home").mkdir(parents=True, exist_ok=True)
    port = _free_port()
    args = ["--LabApp.expose_app_in_browser=True"] + (["--allow-root"] if os.geteuid() == 0 else [])
    config = tmp / "jupyterhub_config.py"
    config.write_text(
        _CONFIG.format(
            port=port,
            hub_port=_free_port(),
            api_port=_free_port(),
            proxy=proxy,
            proxy_pid=str(tmp / "proxy.pid"),
            homes=str(tmp / "home"),
            singleuser=str(env / "bin" / "jupyterhub-singleuser"),
            args=args,
            tmp=str(tmp),
        )
    )
    child_env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "PYTHON", "KIT_", "VIRTUAL_ENV"))}
    child_env["PATH"] = f"{env / 'bin'}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}"
    log = tmp / "hub.log"
    with open(log, "wb") as handle:  # the child keeps its own copy of the handle
        proc = subprocess.Popen(
            [str(env / "bin" / "jupyterhub"), "-f", str(config)],
            cwd=tmp,
            env=child_env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    hub = Hub(url=f"http://127.0.0.1:{port}", tmp=tmp, proc=proc, env=env, log=log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"JupyterHub exited with code {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}"
            )
        try:
            with urllib.request.urlopen(f"{hub.url}/hub/api/", timeout=2) as response:
                if response.status == 200:
                    return hub
        except OSError:
            time.sleep(0.5)
    hub.stop()
    raise RuntimeError(f"JupyterHub did not answer within 90 s:\n{log.read_text(errors='replace')[-3000:]}")


def kit_link(hub: Hub, repo: str, branch: str, *, lang: str = "en", notebook: str = "00-start-here") -> str:
    """The link a teacher shares, made by the kit's own command line."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kit_teacher.link",
            "--hub",
            hub.url,
            "--student-repo",  # the served clone stands in for the student edition's own repository
            repo,
            "--branch",
            branch,
            "--lang",
            lang,
            "--notebook",
            notebook,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout.strip()


def login(page, user: str = STUDENT) -> None:
    """Fill the hub's login form (the Dummy authenticator takes any password)."""
    page.locator("#username_input").wait_for(timeout=30_000)
    page.fill("#username_input", user)
    page.fill("#password_input", "any-password")
    page.click("#login_submit")


def student_memory_mb(hub: Hub, user: str = STUDENT) -> float:
    """Resident memory (MB) of the student's single-user server and its kernels."""
    import psutil

    total = 0
    for proc in psutil.Process(hub.proc.pid).children(recursive=True):
        try:
            cmd = " ".join(proc.cmdline())
            if "jupyterhub-singleuser" in cmd and str(hub.home(user)) in (proc.cwd() or ""):
                total += sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
        except psutil.Error:
            continue
    return total / 1e6
