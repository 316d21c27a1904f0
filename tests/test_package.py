"""The kit works when installed as a package: a non-editable install carries data/, the question
banks and Leaflet, and reads them from inside the package, far from any checkout."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from kit_venv import ROOT, bare_venv, build_wheel, pip_install

# Full tier only: builds the wheel and installs it into fresh environments.
pytestmark = pytest.mark.full

CHECK = r"""
import hashlib, json, pathlib, sys
import helpers
from helpers import paths
helpers.set_language("id")
overview = helpers.data.overview()
quiz = helpers.quiz.load("03-mapping-control")
article = helpers.articles.raw("A")
m = helpers.maps.control_map("2020-06-10")
print(json.dumps({
    "helpers": helpers.__file__,
    "data": str(paths.data_dir()),
    "lessons": str(paths.lessons_dir()),
    "overview_rows": len(overview),
    "questions": len(quiz.questions),
    "article_sha": hashlib.sha256((paths.data_dir() / "articles" / "A-original.txt").read_bytes()).hexdigest(),
    "article_chars": len(article),
    "leaflet": (helpers.maps.asset_dir() / "leaflet" / "leaflet.js").is_file(),
    "map_html": len(m.get_root().render()),
}))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("installed-kit")
    wheel = build_wheel(tmp / "build")
    python = bare_venv(tmp / "venv")
    pip_install(python, "--no-deps", str(wheel))
    return tmp, wheel, python


def test_wheel_carries_data_question_banks_and_leaflet(installed):
    _, wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    resources = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    for res in resources:
        assert f"helpers/_kit/data/{res['path']}" in names, res["path"]
    for bank in sorted((ROOT / "lessons").glob("*/quiz.yml")):
        assert f"helpers/_kit/lessons/{bank.parent.name}/quiz.yml" in names
    assert "helpers/_kit/lessons/quiz.schema.json" in names
    assert {
        "helpers/_kit/data/articles/A-original.txt",
        "helpers/_kit/data/articles/B-original.txt",
        "helpers/static/leaflet/leaflet.js",
        "helpers/static/leaflet/leaflet.css",
        "helpers/static/quiz/quiz.css",  # the quiz's styles and its keyboard script (helpers/quiz_widgets.py)
        "helpers/static/quiz/keys.js",
    } <= names


def test_without_the_install_the_venv_has_no_kit(tmp_path):
    python = bare_venv(tmp_path / "venv")
    out = subprocess.run(
        [str(python), "-c", "import pandas, folium; import helpers"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_clean_env(),
    )
    assert out.returncode == 1 and "No module named 'helpers'" in out.stderr


def test_installed_package_reads_its_own_data(installed):
    tmp, _, python = installed
    work = tmp / "elsewhere"
    work.mkdir(exist_ok=True)
    out = subprocess.run(
        [str(python), "-c", CHECK], capture_output=True, text=True, cwd=work, env=_clean_env(), timeout=300
    )
    assert out.returncode == 0, out.stderr[-3000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    venv = tmp / "venv"
    assert Path(got["helpers"]).is_relative_to(venv), got["helpers"]
    assert Path(got["data"]).is_relative_to(venv) and Path(got["data"]).parts[-3:] == ("helpers", "_kit", "data")
    assert Path(got["lessons"]).is_relative_to(venv)
    assert got["overview_rows"] >= 10 and got["questions"] >= 3
    import hashlib

    assert (
        got["article_sha"] == hashlib.sha256((ROOT / "data" / "articles" / "A-original.txt").read_bytes()).hexdigest()
    )
    assert got["leaflet"] and got["map_html"] > 1000


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("KIT_ROOT", "PYTHONPATH", "PYTHONHOME")}
