"""The JupyterLite site built from a fresh release (``make lite`` on HEAD): it holds no teacher key,
and its kernel loads Pyodide and every package from the site itself.

Full tier: builds the release (tests/test_release.py's ``built``) and the site (downloads, cached in
``~/.cache/libya-kit/lite``; skipped with the reason when they cannot be made: tests/lite_site.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.lite_site import build_lite
from tests.test_release import built, leaks, secrets  # noqa: F401 - the release's fixtures, reused

pytestmark = pytest.mark.full


@pytest.fixture(scope="module")
def lite(built) -> Path:  # noqa: F811 - the fixture imported above
    return build_lite(built["student"], built["tmp"] / "lite")


def test_the_site_leaks_no_answer(lite, secrets):  # noqa: F811
    # the leak test of the student edition, on every text file of the site (its contents included)
    assert (lite / "files" / "lessons" / "00-start-here" / "quiz.yml").is_file()
    assert leaks(lite, secrets) == []


def test_the_leak_test_finds_a_plain_bank_in_the_site(lite, secrets, built, tmp_path):  # noqa: F811
    bank = next(built["clone"].glob("lessons/*/quiz.yml"))
    planted = lite / "files" / "lessons" / "planted-quiz.yml"
    planted.write_text(bank.read_text(encoding="utf-8"), encoding="utf-8")
    try:
        assert leaks(lite, secrets)
    finally:
        planted.unlink()


def test_the_kernel_loads_everything_from_the_site(lite):
    config = json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs" and kernel["disablePyPIFallback"] is True
    assert not [u for u in kernel.get("pipliteUrls", []) if "://" in u], kernel["pipliteUrls"]
    pyodide = lite / "static" / "pyodide"
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]
    present = {p.name for p in pyodide.glob("*.whl")}
    assert present == {e["file_name"] for e in lock.values()}
    for name in kernel["loadPyodideOptions"]["packages"]:
        assert name in lock, name
    assert "jsonschema" not in lock  # needs rpds-py, which has no build here: the banks were validated at build
    overrides = json.loads((lite / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert not list(lite.rglob(".jupyterlite.doit.db*"))
