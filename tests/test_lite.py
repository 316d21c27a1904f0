"""``make lite`` (tools/lite/): what the site's Pyodide is made of is checked before it is used.

Quick tier, no network: small made-up sources, locks and source releases. The site itself (built
from the real downloads) is checked in tests/test_lite_site.py and tests/browser/test_lite.py.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tarfile
import zipfile
from pathlib import Path

import pytest

from tools.lite import pyodide, site, wheels
from tools.lite.pyodide import CORE_FILES, VerificationError, needed, verify

ROOT = Path(__file__).resolve().parent.parent


def _lock(tmp_path: Path, **files: bytes) -> tuple[dict, dict[str, Path]]:
    """An official lock naming ``files`` (name -> bytes) with their sha256, and the files on disk."""
    packages, paths = {}, {}
    for name, data in files.items():
        file_name = f"{name}-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl"
        path = tmp_path / "official" / file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths[file_name] = path
        packages[name] = {
            "name": name,
            "file_name": file_name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "depends": [],
        }
    return {"info": {}, "packages": packages}, paths


def _npm(tmp_path: Path) -> Path:
    npm = tmp_path / "npm"
    npm.mkdir()
    for name in CORE_FILES:
        (npm / name).write_bytes(f"official {name}".encode())
    return npm


def test_a_source_whose_files_match_the_official_lock_is_accepted(tmp_path):
    lock, files = _lock(tmp_path, numpy=b"numpy wheel", pandas=b"pandas wheel")
    npm = _npm(tmp_path)
    files["pyodide.asm.wasm"] = npm / "pyodide.asm.wasm"
    assert sorted(verify(files, lock["packages"], npm)) == sorted(e["file_name"] for e in lock["packages"].values())


def test_a_wheel_whose_sha256_differs_is_refused(tmp_path):
    lock, files = _lock(tmp_path, numpy=b"numpy wheel", pandas=b"pandas wheel")
    tampered = tmp_path / "elsewhere" / lock["packages"]["pandas"]["file_name"]
    tampered.parent.mkdir()
    tampered.write_bytes(b"pandas wheel, changed")
    files[tampered.name] = tampered
    with pytest.raises(VerificationError, match=r"pandas-1\.0-.*sha256 [0-9a-f]{64} is not the official"):
        verify(files, lock["packages"], _npm(tmp_path))


def test_a_missing_wheel_and_a_changed_core_file_are_both_named(tmp_path):
    lock, files = _lock(tmp_path, numpy=b"numpy wheel", pandas=b"pandas wheel")
    del files[lock["packages"]["numpy"]["file_name"]]
    wasm = tmp_path / "pyodide.asm.wasm"
    wasm.write_bytes(b"another runtime")
    files["pyodide.asm.wasm"] = wasm
    with pytest.raises(VerificationError) as refused:
        verify(files, lock["packages"], _npm(tmp_path))
    assert "numpy-1.0-cp314-cp314-pyemscripten_2026_0_wasm32.whl: not in the source" in str(refused.value)
    assert "pyodide.asm.wasm: differs from the official npm package's" in str(refused.value)


def test_the_site_takes_what_its_pypi_wheels_need_from_the_lock_and_nothing_it_cannot_name(tmp_path):
    lock, _ = _lock(tmp_path, numpy=b"n", requests=b"r", idna=b"i", scipy=b"s")
    lock["packages"]["requests"]["depends"] = ["idna"]
    assert sorted(needed(lock, {"folium": ["numpy", "requests"], "branca": ["jinja2"], "jinja2": []})) == [
        "idna",
        "numpy",
        "requests",
    ]
    with pytest.raises(VerificationError, match="left-pad is required"):
        needed(lock, {"folium": ["left-pad"]})


def test_npm_package_refuses_a_tarball_without_the_pinned_integrity(tmp_path):
    tarball = tmp_path / f"pyodide-{pyodide.PYODIDE_VERSION}.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        data = b"{}"
        info = tarfile.TarInfo("package/pyodide-lock.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(VerificationError, match="npm integrity"):
        pyodide.npm_package(tmp_path)


def test_every_kernel_pin_has_a_version_and_a_sha256_and_an_unhashed_line_is_refused():
    pins = wheels.parse_pins((ROOT / "requirements" / "lite-pyodide.txt").read_text(encoding="utf-8"))
    names = {p.name for p in pins}
    assert {"folium", "ipywidgets", "pyyaml", "markupsafe", "ipython", "comm"} <= names
    assert all(re.fullmatch(r"[0-9a-f]{64}", p.sha256) for p in pins)
    assert set(wheels.SOURCE_ONLY) <= names
    with pytest.raises(ValueError, match="NAME==VERSION --hash"):
        wheels.parse_pins("folium==0.20.0\n")


def _sdist(tmp_path: Path) -> Path:
    sdist = tmp_path / "tinypkg-1.2.tar.gz"
    members = {
        "tinypkg-1.2/PKG-INFO": b"Metadata-Version: 2.1\nName: TinyPkg\nVersion: 1.2\nRequires-Dist: six\n",
        "tinypkg-1.2/src/tinypkg/__init__.py": b"from ._native import f\n",
        "tinypkg-1.2/src/tinypkg/_native.py": b"def f():\n    return 1\n",
        "tinypkg-1.2/src/tinypkg/_speedups.c": b"/* C */\n",
        "tinypkg-1.2/src/tinypkg/py.typed": b"",
        "tinypkg-1.2/src/TinyPkg.egg-info/PKG-INFO": b"x",
    }
    with tarfile.open(sdist, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return sdist


def test_a_source_release_becomes_the_same_pure_wheel_every_time(tmp_path):
    first = wheels.pure_wheel(_sdist(tmp_path), tmp_path / "a")
    second = wheels.pure_wheel(_sdist(tmp_path), tmp_path / "b")
    assert first.name == "tinypkg-1.2-py3-none-any.whl"
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as wheel:
        names = wheel.namelist()
        assert "Tag: py3-none-any" in wheel.read("tinypkg-1.2.dist-info/WHEEL").decode()
    assert "tinypkg/_native.py" in names and "tinypkg/py.typed" in names
    assert not any(n.endswith(".c") or "egg-info" in n for n in names)
    entry = wheels.lock_entry("tinypkg", first, ["six"])
    assert entry["imports"] == ["tinypkg"] and entry["sha256"] == hashlib.sha256(first.read_bytes()).hexdigest()
    assert wheels.requirements_of(first, pyodide.MARKERS) == ["six"]


def test_the_site_asks_no_index_and_preloads_the_kit(tmp_path):
    kernel = site.lite_config()["jupyter-config-data"]["litePluginSettings"][site.KERNEL_PLUGIN]
    assert kernel["disablePyPIFallback"] is True
    assert {"pandas", "matplotlib", "folium", "ipywidgets", "pyyaml"} <= set(kernel["loadPyodideOptions"]["packages"])
    # a site whose lock lists a file it lacks, or whose kernel loads Pyodide elsewhere, is refused
    out = tmp_path / "site"
    (out / "static" / "pyodide").mkdir(parents=True)
    config = site.lite_config()
    config["jupyter-config-data"]["litePluginSettings"][site.KERNEL_PLUGIN]["pyodideUrl"] = (
        "./static/pyodide/pyodide.mjs"
    )
    (out / "jupyter-lite.json").write_text(json.dumps(config))
    lock = {"packages": {"numpy": {"file_name": "numpy-2.4.3-x.whl"}}}
    (out / "static" / "pyodide" / "pyodide-lock.json").write_text(json.dumps(lock))
    with pytest.raises(SystemExit, match="lists files it lacks"):
        site._check_site(out)
    (out / "static" / "pyodide" / "numpy-2.4.3-x.whl").write_bytes(b"")
    site._check_site(out)


def test_make_lite_builds_from_the_student_edition_with_the_tool():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = makefile[makefile.index("\nlite:") :].split("\n\n")[0]
    assert "lite: release" in block and "-m tools.lite --student build/student --out build/lite" in block


# ---------------------------------------------------------------- the kit in the browser (Pyodide)
@pytest.fixture
def in_the_browser(monkeypatch, tmp_path):
    """What the kit sees in JupyterLite's kernel: ``sys.platform`` is ``emscripten``, fcntl has no flock,
    jsonschema is missing (a blocked import raises ImportError)."""
    import sys
    import types

    monkeypatch.setattr(sys, "platform", "emscripten")
    monkeypatch.setitem(sys.modules, "fcntl", types.ModuleType("fcntl"))
    monkeypatch.setitem(sys.modules, "jsonschema", None)
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(tmp_path / "progress"))
    return tmp_path


def test_in_the_browser_progress_is_kept_under_drive_and_written_without_flock(in_the_browser, monkeypatch):
    from helpers import progress
    from helpers.progress._files import progress_file

    monkeypatch.delenv("KIT_PROGRESS_DIR")
    assert progress_file() == Path("/drive/.libya-kit/progress.jsonl")
    monkeypatch.setenv("KIT_PROGRESS_DIR", str(in_the_browser / "progress"))
    progress.set_student("Ayu Lestari")
    progress.record(kind="exercise", item="00.1", lesson="00-start-here", answer=5, correct=True, score=1.0)
    assert len(progress.attempts()) == 1  # recorded, though fcntl has no flock


def test_in_the_browser_the_hand_in_says_where_it_is_and_downloads(in_the_browser):
    from helpers import i18n, progress

    progress.set_student("Ayu Lestari")
    progress.record(kind="exercise", item="00.1", lesson="00-start-here", answer=5, correct=True, score=1.0)
    for lang, words in (("en", "saved in this browser"), ("id", "tersimpan di peramban ini")):
        i18n.set_language(lang)
        done = progress.hand_in(folder=in_the_browser / "hand-in")
        assert words in done.message and done.path.is_file()
        assert 'download="ayu-lestari-' in done._repr_html_()
    i18n.set_language("en")


def test_in_the_browser_maps_carry_leaflet_and_banks_load_without_jsonschema(in_the_browser):
    from helpers.maps.leaflet import launch_platform, loader_html
    from helpers.paths import lessons_dir
    from helpers.quiz_bank import load_bank
    from helpers.schema import first_problem, load_schema

    assert launch_platform({}) == "jupyterlite"
    assert 'id="kit-leaflet-js"' in loader_html() and "cdn.jsdelivr" not in loader_html()
    schema = load_schema.__wrapped__(lessons_dir() / "quiz.schema.json")
    assert isinstance(schema, dict) and first_problem({"questions": "not a list"}, schema) is None
    _, questions = load_bank.__wrapped__("00-start-here")  # not a copy cached by another test
    assert questions


def test_a_folder_source_is_read_as_it_is_now_and_a_changed_file_is_refused(tmp_path):
    lock, files = _lock(tmp_path, numpy=b"numpy wheel")
    npm, folder = _npm(tmp_path), tmp_path / "official"
    assert sorted(verify(pyodide.source_files(str(folder), tmp_path / "cache"), lock["packages"], npm))
    (folder / lock["packages"]["numpy"]["file_name"]).write_bytes(b"numpy wheel, patched")
    with pytest.raises(VerificationError, match="is not the official"):
        verify(pyodide.source_files(str(folder), tmp_path / "cache"), lock["packages"], npm)
