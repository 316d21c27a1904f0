"""The trust-on-open hook (tools/trust_on_open.py): a lesson opens trusted only while it is as the kit built it.

A Jupyter contents manager with the hook opens, over a copy of the kit's notebooks, a lesson that
its manifest lists as trusted, and nothing else: not a changed lesson, not the same bytes under
another name or in another folder, not a file a tampered manifest names, not a notebook read
differently from the bytes hashed. ``python -m tools.trust install`` puts the hook into an
environment, and a Jupyter server started there serves the lessons trusted (full tier).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from jupyter_server.services.contents.filemanager import FileContentsManager
from nbformat.sign import MemorySignatureStore, NotebookNotary

from tools import trust
from tools.trust_on_open import trust_on_open

EN, ID = "en/03-mapping-control.ipynb", "id/03-memetakan-penguasaan.ipynb"


@pytest.fixture
def kit(tmp_path) -> Path:
    """A server root holding a copy of the kit's notebooks (and their manifest) in ``libya-kit/``."""
    shutil.copytree(trust.NOTEBOOKS, tmp_path / "libya-kit" / "notebooks", ignore=shutil.ignore_patterns("src"))
    return tmp_path


def _manager(root: Path, *, hook: bool = True) -> FileContentsManager:
    cm = FileContentsManager(root_dir=str(root))
    cm.notary = NotebookNotary(store_factory=MemorySignatureStore)  # nothing signed, nothing written
    if hook:
        trust_on_open(cm)
    return cm


def _trusted(cm: FileContentsManager, path: str) -> bool:
    cells = [c for c in cm.get(path)["content"].cells if c.cell_type == "code"]
    assert cells
    marks = {c.metadata.get("trusted") for c in cells}
    assert len(marks) == 1, marks  # all or none
    return marks == {True}


def test_a_lesson_as_the_kit_built_it_opens_trusted_in_both_editions(kit):
    assert _trusted(_manager(kit), f"libya-kit/notebooks/{EN}")
    assert _trusted(_manager(kit), f"/libya-kit/notebooks/{ID}")
    assert not _trusted(_manager(kit, hook=False), f"libya-kit/notebooks/{EN}")  # Jupyter's own default


def test_a_changed_lesson_opens_untrusted(kit):
    path = kit / "libya-kit" / "notebooks" / EN
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += "\n<script>alert('pulled')</script>"
    nbformat.write(nb, path)
    assert not _trusted(_manager(kit), f"libya-kit/notebooks/{EN}")
    assert _trusted(_manager(kit), f"libya-kit/notebooks/{ID}")
    path.write_bytes(path.read_bytes() + b"\n")  # one byte is enough
    assert not _trusted(_manager(kit), f"libya-kit/notebooks/{EN}")


def test_only_the_listed_lessons_in_their_own_folder_are_trusted(kit):
    notebooks = kit / "libya-kit" / "notebooks"
    # the same bytes under a name the manifest does not list
    shutil.copy2(notebooks / EN, notebooks / "en" / "99-free-prizes.ipynb")
    assert not _trusted(_manager(kit), "libya-kit/notebooks/en/99-free-prizes.ipynb")
    # a manifest naming files that are not lessons: never trusted, whatever it says
    digest = trust.digest(notebooks / EN)
    shutil.copy2(notebooks / EN, notebooks / "en" / "Untitled.ipynb")
    shutil.copy2(notebooks / EN, kit / "libya-kit" / "mine.ipynb")
    with open(notebooks / "TRUSTED.sha256", "a", encoding="utf-8") as manifest:
        manifest.write(f"{digest}  en/Untitled.ipynb\n{digest}  ../mine.ipynb\n")
    assert not _trusted(_manager(kit), "libya-kit/notebooks/en/Untitled.ipynb")
    assert not _trusted(_manager(kit), "libya-kit/mine.ipynb")
    # a manifest and its lesson in a folder not named notebooks/
    shutil.copytree(notebooks, kit / "downloads" / "lessons")
    assert not _trusted(_manager(kit), f"downloads/lessons/{EN}")
    # a lesson with no manifest beside it
    shutil.copytree(notebooks, kit / "copy" / "notebooks")
    (kit / "copy" / "notebooks" / "TRUSTED.sha256").unlink()
    assert not _trusted(_manager(kit), f"copy/notebooks/{EN}")
    assert _trusted(_manager(kit), f"libya-kit/notebooks/{EN}")


def test_only_the_bytes_that_were_hashed_are_trusted(kit):
    """A notebook that differs from the file hashed (changed between the two reads) is not marked trusted."""
    cm, path = _manager(kit), f"libya-kit/notebooks/{EN}"
    nb = nbformat.read(kit / path, as_version=4)
    cm.mark_trusted_cells(nb, path)
    assert {c.metadata.get("trusted") for c in nb.cells if c.cell_type == "code"} == {True}
    nb = nbformat.read(kit / path, as_version=4)
    nb.cells[-1].source += "\nprint('not what was hashed')"
    cm.mark_trusted_cells(nb, path)
    assert {c.metadata.get("trusted") for c in nb.cells if c.cell_type == "code"} == {False}


def test_install_puts_the_hook_into_an_environment(tmp_path):
    from kit_venv import bare_venv

    python = bare_venv(tmp_path / "env")
    module, config = trust.install(python)
    assert module.read_bytes() == trust.HOOK.read_bytes()
    assert module.parent == Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    assert config == tmp_path / "env" / "etc" / "jupyter" / "jupyter_server_config.d" / f"{trust.HOOK_MODULE}.json"
    assert json.loads(config.read_text()) == {"ServerApp": {"jpserver_extensions": {trust.HOOK_MODULE: True}}}
    # the hook stands alone: it imports in an environment without the kit
    done = subprocess.run(
        [str(python), "-c", f"import {trust.HOOK_MODULE} as m; print(m._jupyter_server_extension_points())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0 and trust.HOOK_MODULE in done.stdout, done.stderr
    assert subprocess.run([str(python), "-c", "import helpers"], capture_output=True, cwd=tmp_path).returncode != 0


def test_make_lab_and_postbuild_install_the_hook():
    root = trust.ROOT
    out = subprocess.run(["make", "-n", "lab"], cwd=root, capture_output=True, text=True, check=True).stdout
    assert out.index("-m tools.trust install") < out.index("jupyter lab")
    assert "python -m tools.trust install" in (root / "postBuild").read_text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.full
def test_a_jupyter_server_with_the_hook_installed_serves_the_lessons_trusted(kit, tmp_path):
    """As on a laptop after `make lab`, or in the image after postBuild: the server reads the
    environment's jupyter_server_config.d and opens the kit's lessons trusted, and nothing else."""
    from kit_venv import bare_venv

    python = bare_venv(tmp_path / "env")
    trust.install(python)
    changed = kit / "libya-kit" / "notebooks" / ID
    changed.write_bytes(changed.read_bytes() + b"\n")
    port, token = _free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "VIRTUAL_ENV"))}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        env[name] = str(tmp_path / name.lower())
    args = [str(python), "-m", "jupyter_server", "--no-browser", "--ip=127.0.0.1", f"--port={port}"]
    args += [f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={kit}"]
    args += ["--allow-root"] if os.geteuid() == 0 else []
    log = tmp_path / "server.log"
    with open(log, "wb") as handle:
        proc = subprocess.Popen(args, cwd=kit, env=env, stdout=handle, stderr=subprocess.STDOUT)
    try:

        def get(path: str) -> dict:
            url = f"http://127.0.0.1:{port}/api/contents/{path}?token={token}"
            with urllib.request.urlopen(url, timeout=10) as response:
                return json.load(response)

        deadline = time.monotonic() + 60
        while True:
            try:
                get("")
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
                time.sleep(0.3)

        def trusted(path: str) -> set:
            return {c["metadata"].get("trusted") for c in get(path)["content"]["cells"] if c["cell_type"] == "code"}

        assert trusted(f"libya-kit/notebooks/{EN}") == {True}, log.read_text(errors="replace")[-3000:]
        assert trusted(f"libya-kit/notebooks/{ID}") == {False}
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "is trusted: the kit built it" in log.read_text(errors="replace")
