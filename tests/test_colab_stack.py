"""Lessons 00 and 03 run on Colab's widget stack: ipywidgets 7.7.1 and the pandas Colab ships.

Colab has shipped ipywidgets 7.7.1 for years, and the first cell installs the kit there with
``--no-deps``, so the lessons run on Colab's own packages, not on the lock's (ipywidgets 8). A quiz
once raised ``AttributeError: 'VBox' object has no attribute '_repr_mimebundle_'`` there (issue 26).

The side environment has Colab's ipywidgets, pandas and numpy, and the kit's other dependencies at
the lock's versions. Building it takes minutes, so it is built once per lock and kept in
``.venv/colab-<key>/`` (like the hub's user environment, tests/browser/hub_setup.py; ``make clean``
removes it). Each notebook runs headless (nbclient) in that environment, from its own folder in the
checkout, so its first cell finds this checkout's helpers; no cell may show an error or write to
stderr.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from kit_venv import ROOT

pytestmark = pytest.mark.full
if sys.version_info < (3, 11):  # tomllib, as the full tier's other side environments (kit_venv.py)
    pytest.skip("needs Python 3.11 or newer", allow_module_level=True)

LOCK = ROOT / "requirements" / "lock.txt"
#: What Colab ships (2024-2026): ipywidgets 7.7.1, pandas 2.2.2 on numpy 2.0.2.
COLAB = {"ipywidgets": "7.7.1", "pandas": "2.2.2", "numpy": "2.0.2"}
#: The packages whose lock pins give way to Colab's (widgetsnbextension goes with ipywidgets 7).
REPLACED = {*COLAB, "widgetsnbextension"}
LESSONS = ["en/00-start-here", "en/03-mapping-control", "id/00-mulai-di-sini", "id/03-memetakan-penguasaan"]

RUN = r"""
import json, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient

path = Path(sys.argv[1])
nb = nbformat.read(path, as_version=4)
# First, where the kernel runs and with which widgets and pandas.
nb.cells.insert(0, nbformat.v4.new_code_cell(
    "import sys, ipywidgets, pandas; print(sys.prefix, ipywidgets.__version__, pandas.__version__)"))
client = NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                        resources={"metadata": {"path": str(path.parent)}})
client.execute()
problems = []
for cell in nb.cells:
    for out in cell.get("outputs", []):
        if out.output_type == "error":
            problems.append(f"{cell.get('id')}: {out.ename}: {out.evalue}")
        elif out.output_type == "stream" and out.name == "stderr":
            problems.append(f"{cell.get('id')}: stderr: {out.text[:500]}")
print(json.dumps({"where": nb.cells[0].outputs[0].text.split(), "problems": problems}))
"""


def _requirements() -> list[str]:
    """Colab's pins, and every other dependency of a lesson (pyproject) with what runs a notebook."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    others = [d for d in project["dependencies"] if re.split(r"[<>=!~ \[]", d)[0] not in REPLACED]
    return [f"{name}=={version}" for name, version in COLAB.items()] + others + ["ipykernel", "nbclient", "nbformat"]


def _constraints(where: Path) -> Path:
    """The lock without the pins Colab's versions replace."""
    pins = [line for line in LOCK.read_text(encoding="utf-8").splitlines() if line[:1].isalnum()]
    path = where / "colab-constraints.txt"
    path.write_text("\n".join(p for p in pins if re.split(r"[=; ]", p)[0] not in REPLACED) + "\n", encoding="utf-8")
    return path


def _key() -> str:
    digest = hashlib.sha256(LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes())
    digest.update(json.dumps(COLAB).encode() + sys.version.encode())
    return digest.hexdigest()[:12]


@pytest.fixture(scope="module")
def colab_python() -> Path:
    env = ROOT / ".venv" / f"colab-{_key()}"
    python = env / "bin" / "python"
    if (env / ".ready").exists():
        return python
    for old in (ROOT / ".venv").glob("colab-*"):
        shutil.rmtree(old, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
        + ["-c", str(_constraints(env)), *_requirements()],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if done.returncode != 0:
        shutil.rmtree(env, ignore_errors=True)
        pytest.fail(f"could not build Colab's stack (needs PyPI or a filled pip cache): {done.stderr[-2000:]}")
    (env / ".ready").touch()
    return python


def test_the_side_environment_is_colabs(colab_python):
    found = subprocess.run(
        [
            str(colab_python),
            "-c",
            "import ipywidgets, pandas, numpy; print(ipywidgets.__version__, pandas.__version__, numpy.__version__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert found == list(COLAB.values())
    kitless = subprocess.run([str(colab_python), "-c", "import helpers"], capture_output=True, cwd=colab_python.parent)
    assert kitless.returncode != 0  # the lessons' own first cell finds the checkout's helpers


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_runs_without_error_on_colabs_widgets(colab_python, lesson, tmp_path):
    path = ROOT / "notebooks" / f"{lesson}.ipynb"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KIT_ROOT", "KIT_LANG")}
    env["KIT_PROGRESS_DIR"] = str(tmp_path / "progress")
    done = subprocess.run(
        [str(colab_python), "-c", RUN, str(path)], capture_output=True, text=True, env=env, timeout=1200, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    prefix, widgets, pandas = got["where"]
    assert Path(prefix) == colab_python.parent.parent and widgets == COLAB["ipywidgets"] and pandas == COLAB["pandas"]
    assert got["problems"] == [], "\n".join(got["problems"])
