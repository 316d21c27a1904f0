"""Binder: repo2docker (no Docker needed with --no-build) detects environment.yml, the pinned Python and postBuild."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Full tier only: needs the `binder` extra (repo2docker), which `make test` does not install.
pytestmark = pytest.mark.full

ROOT = Path(__file__).resolve().parent.parent


def test_repo2docker_detects_environment_and_postbuild():
    exe = Path(sys.executable).with_name("jupyter-repo2docker")
    if not exe.exists():
        exe = shutil.which("jupyter-repo2docker")
    if not exe:
        pytest.fail("jupyter-repo2docker is not installed: run `make test-all`, which installs the `binder` extra")
    out = subprocess.run([str(exe), "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=300)
    text = out.stdout + out.stderr
    assert out.returncode == 0, text[-3000:]
    assert "Building conda environment for python=3.11" in text
    assert "environment.yml" in text and "RUN ./postBuild" in text
