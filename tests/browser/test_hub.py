"""The school path, end to end: a real JupyterHub, the kit's nbgitpuller link, a student in Chromium.

JupyterHub runs on 127.0.0.1 (DummyAuthenticator, SimpleLocalProcessSpawner,
configurable-http-proxy); its user environment has the kit's dependencies from the lock and no
kit (see hub_setup.py); a clone of this repository is served over git's smart HTTP; the link is
made by ``python -m kit_teacher.link --hub``. With every request outside 127.0.0.1 aborted, the student
logs in, nbgitpuller copies the kit, the start notebook opens and runs with no error, its map draws
and a quiz answers, in English and then in Indonesian; then the student follows the start link
again (its map draws again) and a link into lesson 03: on that first open, before any cell runs,
its four saved maps draw (the user environment has the kit's trust-on-open hook,
tools/trust_on_open.py, as the image's postBuild installs it), and again after Run All; then lesson
03's Indonesian edition, whose saved maps draw on its first open too. Every part that is
missing here (Chromium, npm's configurable-http-proxy, the user environment) is reported as a
skip with its reason.
"""

from __future__ import annotations

import subprocess
import time
import urllib.request

import pytest

from helpers.paths import notebook_name

from . import hub_setup
from .lab_pages import TOWNS, answer_first_question

FOLDER = "libya-kit"

# The notebook's panel: the one in front when it shows that path, else the last one opened (while
# JupyterLab restores a workspace, a panel for the same path may be on its way out).
_FIND = """const app = window.jupyterapp; if (!app) return null;
  const all = Array.from(app.shell.widgets('main')).filter(
    x => x.context && x.context.path === path && !x.isDisposed && x.isAttached);
  const w = all.includes(app.shell.currentWidget) ? app.shell.currentWidget : all[all.length - 1];"""
PANEL_IDLE = f"""(path) => {{ {_FIND}
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return k && k.status === 'idle' ? w.id : null; }}"""
# Notebook commands act on the notebook JupyterLab last focused, which a restored workspace may
# change under us: clear the outputs until they are gone from *this* panel, then run all.
RUN_ALL = f"""async (path) => {{ {_FIND}
  if (!w) return null;
  for (let i = 0; i < 100; i++) {{
    app.shell.activateById(w.id);
    await new Promise(r => setTimeout(r, 100));
    if (app.shell.currentWidget !== w) continue;
    await app.commands.execute('notebook:clear-all-cell-outputs');
    if (w.content.widgets.every(c => c.model.type !== 'code' || c.model.outputs.length === 0)) {{
      app.commands.execute('notebook:run-all-cells'); return w.id; }}
  }}
  return null; }}"""
ALL_RUN = f"""(path) => {{ {_FIND}
  const k = w && w.sessionContext.session && w.sessionContext.session.kernel;
  if (!k || k.status !== 'idle') return false;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  // Run All stops at an error: then the cells after it never run, and the error is the result
  const failed = cells.some(c => c.model.outputs.toJSON().some(o => o.output_type === 'error'));
  return failed || (cells.length > 0 && cells.every(c => c.model.executionCount !== null)); }}"""


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A running hub and a git server with a clone of the kit: (hub, repository url, branch)."""
    tmp = tmp_path_factory.mktemp("hub")
    try:
        started = time.perf_counter()
        running = hub_setup.start_hub(tmp / "hub")
    except hub_setup.HubUnavailable as why:
        pytest.skip(f"JupyterHub test skipped: {why}")
    print(f"\n[hub] up in {time.perf_counter() - started:.1f} s (user environment {running.env.name})")
    (tmp / "git").mkdir()
    _, branch = hub_setup.serve_clone(tmp / "git")
    try:
        with hub_setup.GitServer(tmp / "git") as git:
            yield running, f"{git.url}/{FOLDER}.git", branch
    finally:
        running.stop()
        if running.proc.returncode not in (0, -15, None):
            print(running.log.read_text(errors="replace")[-3000:])


FRAMES = """(id) => ({url: document.baseURI, active: window.jupyterapp.shell.currentWidget.id,
  frames: Array.from(document.querySelectorAll('#' + id + ' .jp-OutputArea-output iframe')).map(f => {
    const d = f.contentDocument; return d && {w: f.clientWidth, h: f.clientHeight, base: d.baseURI,
      L: typeof f.contentWindow.L, containers: d.querySelectorAll('.leaflet-container').length,
      paths: d.querySelectorAll('.leaflet-container path').length,
      scripts: Array.from(d.scripts).map(x => x.src).filter(Boolean)}; })})"""


def follow(page, url: str, path: str, timeout: float = 240, user: str = hub_setup.STUDENT) -> str:
    """Open a hub link (logging in as ``user`` if the hub asks) and wait for the notebook's kernel; return its panel id."""
    page.goto(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if "/hub/login" in page.url and page.locator("#username_input").count():
            hub_setup.login(page, user)
            page.wait_for_load_state()
        if f"/lab/tree/{path}" in page.url:
            break
        page.wait_for_timeout(250)
    assert f"/lab/tree/{path}" in page.url, f"the link did not open {path}: at {page.url}"
    handle = page.wait_for_function(PANEL_IDLE, arg=path, timeout=max(1, deadline - time.monotonic()) * 1000)
    return handle.json_value()


def run_all(page, path: str) -> str:
    panel = page.evaluate(RUN_ALL, path)
    assert panel, f"could not run {path}: its panel never came to the front"
    page.wait_for_timeout(500)
    page.wait_for_function(ALL_RUN, arg=path, timeout=180_000)
    page.wait_for_timeout(300)
    return panel


def maps_in(page, panel: str, expected: int, timeout_s: float = 20) -> list[dict]:
    """The kit's maps in a notebook panel, once ``expected`` of them have drawn (Leaflet container and paths)."""
    found: list[dict] = []
    deadline = time.monotonic() + timeout_s
    frames = page.locator(f"#{panel} .jp-OutputArea-output iframe")
    while time.monotonic() < deadline:
        # the student looks at this notebook's tab (a restored workspace may bring another tab to
        # the front, and a map in a hidden tab has no size to draw in) and scrolls back up to each
        # map (Run All leaves the view at the last cell)
        page.evaluate("(id) => window.jupyterapp.shell.activateById(id)", panel)
        for i in range(frames.count()):
            try:
                frames.nth(i).scroll_into_view_if_needed(timeout=2_000)
            except Exception:
                continue
        found = []
        for frame in page.frames:
            try:
                if frame.parent_frame is None or not frame.frame_element().evaluate(
                    "(e, id) => !!e.closest('#' + id)", panel
                ):
                    continue
                found.append(
                    frame.evaluate("""() => ({leaflet: typeof window.L === 'object',
                    containers: document.querySelectorAll('.leaflet-container').length,
                    paths: document.querySelectorAll('.leaflet-container path').length,
                    towns: document.querySelectorAll('.kit-town').length})""")
                )
            except Exception:
                continue
        drawn = [f for f in found if f["leaflet"] and f["containers"] and f["paths"]]
        if len(drawn) >= expected:
            return drawn
        page.wait_for_timeout(200)
    return [f for f in found if f["leaflet"] and f["containers"] and f["paths"]]


# The panel's code cells: how many, how many are running ([*]), how many JupyterLab holds trusted.
UNRUN = f"""(path) => {{ {_FIND}
  if (!w) return null;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  return {{cells: cells.length, running: cells.filter(c => c.node.querySelector('.jp-InputArea-prompt')
      && c.node.querySelector('.jp-InputArea-prompt').textContent.includes('*')).length,
    trusted: cells.filter(c => c.model.trusted).length}}; }}"""


def saved_maps_show(page, panel: str, path: str, expected: int) -> None:
    """A notebook just opened, none of its cells run: it is trusted, and its ``expected`` saved maps draw
    (untrusted, JupyterLab would drop their frames and show the kit's "once this notebook is trusted" note)."""
    drawn = maps_in(page, panel, expected)
    state = page.evaluate(UNRUN, path)
    assert state and state["running"] == 0 and state["trusted"] == state["cells"] > 0, (path, state)
    assert len(drawn) == expected, (path, drawn, page.evaluate(FRAMES, panel))


def no_errors(page, panel: str) -> None:
    errors = page.locator(f'#{panel} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, (errors.first.text_content() or "")[-800:]
    assert page.locator(".jp-Dialog").count() == 0


def test_a_class_on_jupyterhub(hub, page):
    running, repo, branch = hub
    home = running.home()
    timings = {}
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for lang in ("en", "id"):
        path = f"{FOLDER}/notebooks/{lang}/{notebook_name('00-start-here', lang)}.ipynb"
        link = hub_setup.kit_link(running, repo, branch, lang=lang)
        assert f"targetpath={FOLDER}" in link
        started = time.perf_counter()
        panel = follow(page, link, path)
        # nbgitpuller copied the kit into the student's home, into the folder the link names
        assert (home / FOLDER / ".git").is_dir() and (home / FOLDER / "helpers" / "__init__.py").is_file()
        assert (home / FOLDER / "data" / "datapackage.json").is_file()
        assert not (home / f"{FOLDER}.git").exists()
        panel = run_all(page, path)
        no_errors(page, panel)
        drawn = maps_in(page, panel, 1)
        assert len(drawn) >= 1 and drawn[0]["towns"] == TOWNS, drawn
        timings[lang] = time.perf_counter() - started
        answer_first_question(page.locator(f"#{panel}"), lang)

    # next class, the same start link again: the copy is updated and the map still draws (JupyterLab
    # restores the open notebook and may then show its folder, not the notebook, in the address)
    path = f"{FOLDER}/notebooks/en/00-start-here.ipynb"
    started = time.perf_counter()
    panel = follow(page, hub_setup.kit_link(running, repo, branch), path)
    panel = run_all(page, path)
    no_errors(page, panel)
    drawn = maps_in(page, panel, 1)
    assert len(drawn) == 1, page.evaluate(FRAMES, panel)
    timings["again"] = time.perf_counter() - started

    # the same student follows a second link, into lesson 03: on this first open, before any cell
    # runs, its saved maps draw (the kit's trust-on-open hook), then again after Run All
    path = f"{FOLDER}/notebooks/en/03-mapping-control.ipynb"
    started = time.perf_counter()
    panel = follow(page, hub_setup.kit_link(running, repo, branch, notebook="03-mapping-control"), path)
    saved_maps_show(page, panel, path, 4)
    timings["03 saved"] = time.perf_counter() - started
    panel = run_all(page, path)
    no_errors(page, panel)
    drawn = maps_in(page, panel, 4)
    assert len(drawn) == 4, drawn
    timings["03"] = time.perf_counter() - started
    # and the Indonesian edition of lesson 03, opened for the first time: its saved maps draw too
    path = f"{FOLDER}/notebooks/id/{notebook_name('03-mapping-control', 'id')}.ipynb"
    link = hub_setup.kit_link(running, repo, branch, lang="id", notebook="03-mapping-control")
    saved_maps_show(page, follow(page, link, path), path, 4)

    # the lessons used the copy's helpers, so Leaflet came from the copy, through the student's server
    leaflet = f"/user/{hub_setup.STUDENT}/files/{FOLDER}/helpers/static/leaflet/leaflet.js"
    assert any(url.endswith(leaflet) for url in requested), [u for u in requested if "leaflet" in u][:5]
    assert not page.aborted, f"requests outside 127.0.0.1: {page.aborted[:5]}"
    # the image's settings overrides: JupyterLab does not ask about news
    settings = page.evaluate("""async () => { const r = await fetch(
        document.baseURI.replace(/\\/lab.*$/, '') + '/lab/api/settings/@jupyterlab/apputils-extension:notification',
        {headers: {'Authorization': 'token ' + (window.jupyterapp.serviceManager.serverSettings.token || '')}});
        return r.ok ? (await r.json()).schema.properties : null; }""")
    # overrides.json becomes the schema's defaults
    assert settings and settings["fetchNews"]["default"] == "false", settings and settings.get("fetchNews")
    assert settings["checkForUpdates"]["default"] is False
    memory = hub_setup.student_memory_mb(running)
    print(
        f"\n[hub] link to start notebook run and map drawn: en {timings['en']:.1f} s, id {timings['id']:.1f} s, "
        f"en again {timings['again']:.1f} s; "
        f"lesson 03's saved maps on its first open: {timings['03 saved']:.1f} s, "
        f"lesson 03 run with four maps: {timings['03']:.1f} s; student's server and kernels: {memory:.0f} MB; "
        f"Leaflet from {leaflet}"
    )


def test_the_git_server_speaks_smart_http(hub, tmp_path):
    """nbgitpuller clones with --depth 1, which only git's smart HTTP serves (a bare folder over plain HTTP fails)."""
    running, repo, branch = hub
    with urllib.request.urlopen(f"{repo}/info/refs?service=git-upload-pack", timeout=10) as response:
        assert response.headers["Content-Type"] == "application/x-git-upload-pack-advertisement"
    out = subprocess.run(
        ["git", "clone", "--quiet", "--depth", "1", "--branch", branch, repo, str(tmp_path / "c")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "c" / "kit_teacher" / "link.py").is_file()
