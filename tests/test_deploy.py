"""The hub recipe: settings overrides, postBuild, the Zero to JupyterHub config and the README's sizing."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
# the kernel memory budget every lesson is held to (benchmarks/run.py), read without running it
BUDGET_PEAK_MB = float(
    re.search(r"^BUDGET_PEAK_MB = ([0-9.]+)$", (ROOT / "benchmarks" / "run.py").read_text(), re.M).group(1)
)

UNITS = {"K": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}


def size(value: str) -> float:
    number, unit = re.fullmatch(r"([0-9.]+)([KMG]i?)", str(value)).groups()
    return float(number) * UNITS[unit]


def test_overrides_turn_the_news_prompt_off():
    overrides = json.loads((DEPLOY / "overrides.json").read_text(encoding="utf-8"))
    notification = overrides["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}


def test_postbuild_installs_the_overrides_and_not_the_kit():
    text = (ROOT / "postBuild").read_text(encoding="utf-8")
    commands = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert "python -m tools.lab_settings" in commands  # deploy/overrides.json and deploy/custom.css (below)
    assert not any("pip install" in line for line in commands)  # lessons take the kit from their copy
    assert (ROOT / "postBuild").stat().st_mode & 0o111


@pytest.fixture(scope="module")
def z2jh():
    return yaml.safe_load((DEPLOY / "z2jh-config.yaml").read_text(encoding="utf-8"))


def test_z2jh_single_user_image_and_limits(z2jh):
    user = z2jh["singleuser"]
    assert user["image"]["name"] and user["image"]["tag"] not in ("", "latest")
    assert user["defaultUrl"] == "/lab"
    guarantee, limit = size(user["memory"]["guarantee"]), size(user["memory"]["limit"])
    # measured: the server takes about what one lesson's kernel takes; the guarantee holds both,
    # the limit the server and four lessons' kernels
    assert guarantee >= 2 * BUDGET_PEAK_MB * 1e6
    assert limit >= guarantee + 3 * BUDGET_PEAK_MB * 1e6
    kernels = user["extraFiles"]["kernel-culling"]
    assert kernels["mountPath"].endswith("jupyter_server_config.json")
    assert 0 < kernels["data"]["MappingKernelManager"]["cull_idle_timeout"] <= 3600


def test_z2jh_culls_idle_servers(z2jh):
    cull = z2jh["cull"]
    assert cull["enabled"] is True and 0 < cull["timeout"] <= 4 * 3600 and cull["every"] <= cull["timeout"]


@pytest.mark.full  # needs repo2docker, which only the full tier installs (the `binder` extra)
def test_hub_major_version_matches_the_image():
    pinned = re.search(r"^jupyterhub==(\d+)\.", (DEPLOY / "hub-requirements.txt").read_text(), re.M)
    assert pinned, "deploy/hub-requirements.txt pins jupyterhub"
    spec = importlib.util.find_spec("repo2docker")
    if spec is None:
        pytest.fail("jupyter-repo2docker is not installed: run `make test-all`, which installs the binder extra")
    base = Path(spec.submodule_search_locations[0]) / "buildpacks" / "conda" / "environment.yml"
    image = re.search(r"jupyterhub-singleuser==(\d+)\.", base.read_text())
    assert image and image.group(1) == pinned.group(1), "the test hub and repo2docker's jupyterhub-singleuser differ"
    assert f"JupyterHub {pinned.group(1)}." in (DEPLOY / "z2jh-config.yaml").read_text()


@pytest.mark.parametrize("readme", ["README.md", "README.id.md"])
def test_readme_students_per_node_follow_from_the_guarantee(readme, z2jh):
    text = (ROOT / readme).read_text(encoding="utf-8")
    guarantee = size(z2jh["singleuser"]["memory"]["guarantee"])
    rows = re.findall(r"^\| (\d+) GiB \| ([0-9]+(?:[.,][0-9])?) GiB \| (\d+) \|$", text, re.M)
    assert len(rows) >= 3, f"{readme}: no students-per-node table"
    for node, free, students in rows:
        free_bytes = float(free.replace(",", ".")) * 2**30
        assert float(free.replace(",", ".")) < float(node)
        assert int(students) == int(free_bytes // guarantee), (readme, node, free, students)
    assert "--user-id 1000" in text and "deploy/z2jh-config.yaml" in text


def test_lab_settings_install_the_overrides_and_the_readable_code_colours(tmp_path):
    """What postBuild and `make lab` run: the overrides, and deploy/custom.css as JupyterLab's custom CSS."""
    from tools import lab_settings

    (tmp_path / "etc" / "jupyter").mkdir(parents=True)
    (tmp_path / "etc" / "jupyter" / "jupyter_lab_config.json").write_text('{"LabApp": {"collaborative": false}}')
    written = lab_settings.install("en", tmp_path, custom=tmp_path / "custom")
    said = json.loads(written.read_text(encoding="utf-8"))
    assert written == tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert said["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    config = json.loads((tmp_path / "etc" / "jupyter" / "jupyter_lab_config.json").read_text(encoding="utf-8"))
    assert config == {"LabApp": {"collaborative": False, "custom_css": True}}  # added to what was there
    css = (tmp_path / "custom" / "custom.css").read_text(encoding="utf-8")
    assert css == (DEPLOY / "custom.css").read_text(encoding="utf-8") and "--jp-mirror-editor-comment-color" in css
