"""Re-executing an unchanged notebook leaves it byte-identical (issue 26).

A teacher who edits one sentence and runs ``make notebooks`` should change only the cells whose
source or output really changed: every churned line is a chance for nbgitpuller's merge to keep a
student's stale copy. Lesson 03 has what used to change on every run: folium maps (their
elements' random names), quizzes (widget model ids, stored widget state) and matplotlib charts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from kit_venv import ROOT

pytestmark = pytest.mark.full

LESSON = "03-mapping-control"
NOTEBOOKS = {"en": "03-mapping-control.ipynb", "id": "03-memetakan-penguasaan.ipynb"}


def test_re_executing_an_unchanged_notebook_changes_no_byte(tmp_path):
    # In a copy of the kit, as `make notebooks` runs in the checkout: the maps name the kit's Leaflet
    # by its path from the notebook, so the notebook must sit where it does in the checkout.
    kit = tmp_path / "kit"
    for name in ("helpers", "data", "lessons", "notebooks", "tools"):
        shutil.copytree(ROOT / name, kit / name, ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VSCODE_", "VOILA_", "KIT_"))}
    env["KIT_PROGRESS_DIR"] = str(tmp_path / "progress")
    out = kit / "notebooks"
    done = subprocess.run(
        [sys.executable, "-m", "tools.notebooks", "execute", LESSON],
        cwd=kit,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for lang, name in NOTEBOOKS.items():
        again = (out / lang / name).read_bytes()
        committed = (ROOT / "notebooks" / lang / name).read_bytes()
        assert again == committed, f"{lang}/{name} changed on re-execution"
