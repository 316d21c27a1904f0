"""Laptops without internet: ``make wheelhouse`` fills a folder, ``make lab OFFLINE=folder`` installs from it.

The wheelhouse is made here with the package index (or pip's local sources); then a copy of the kit
sets itself up as ``make lab OFFLINE=folder`` does, with every index unreachable: pip's configuration
files are not read (they may name local indexes and wheel folders) and its index is a closed port.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from kit_venv import ROOT

pytestmark = pytest.mark.full

COPY = ("Makefile", "pyproject.toml", "README.md", "LICENSE", "requirements", "helpers", "data", "lessons", "tools")


def test_make_lab_installs_from_a_wheelhouse_with_no_index(tmp_path):
    wheels = tmp_path / "usb-stick"
    done = subprocess.run(
        [sys.executable, "-m", "tools.wheelhouse", str(wheels)], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    names = {path.name.split("-")[0].lower() for path in wheels.glob("*.whl")}
    assert {"pip", "setuptools", "jupyterlab", "folium", "ipywidgets", "pandas"} <= names
    assert not [path for path in wheels.iterdir() if path.suffix != ".whl"]  # wheels only: no compiler needed

    kit = tmp_path / "laptop" / "libya-kit"
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, kit / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            kit.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, kit / name)
    key = subprocess.run(
        "cat requirements/lock.txt pyproject.toml | cksum | cut -d' ' -f1",
        shell=True,
        cwd=kit,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL="http://127.0.0.1:9/", PIP_NO_CACHE_DIR="1")
    # what `make lab OFFLINE=...` does before it opens JupyterLab
    offline = subprocess.run(
        ["make", f"PYTHON={sys.executable}", f"OFFLINE={wheels}", f".venv/.installed-lab-{key}"],
        cwd=kit,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert offline.returncode == 0, offline.stdout[-3000:] + offline.stderr[-3000:]
    assert "--no-index" in offline.stdout
    python = kit / ".venv" / "bin" / "python"
    check = "import helpers, folium, ipywidgets, pandas, jupyterlab; print(helpers.__file__)"
    used = subprocess.run([str(python), "-c", check], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert used.returncode == 0, used.stderr[-2000:]
    assert used.stdout.strip() == str(kit / "helpers" / "__init__.py")
