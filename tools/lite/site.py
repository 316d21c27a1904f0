"""The JupyterLite site: the student edition's lessons with JupyterLab and a Pyodide kernel, served
as static files (``make lite``: see :mod:`tools.lite`).

Examples
--------
>>> config = lite_config()["jupyter-config-data"]
>>> config["litePluginSettings"][KERNEL_PLUGIN]["disablePyPIFallback"]
True
>>> content_path("helpers/maps/leaflet.py"), content_path("notebooks/en/00-start-here.ipynb"), content_path("Makefile")
(True, True, False)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from tools.lite.pyodide import OFFICIAL_ARCHIVE, PRELOAD, FetchError, assemble, cache_dir, cache_lock

__all__ = ["CONTENTS", "KERNEL_PLUGIN", "build_env", "build_site", "content_path", "lite_config"]

ROOT = Path(__file__).resolve().parents[2]
BUILD_PINS = ROOT / "requirements" / "lite.txt"
LOCK = ROOT / "requirements" / "lock.txt"
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
#: What the site's file browser holds, from the student edition (shell patterns, ``**`` = below).
CONTENTS = ("helpers/**", "data/**", "lessons/**", "notebooks/[a-z][a-z]/[0-9][0-9]-*.ipynb")


def content_path(rel: str) -> bool:
    """Whether a file of the student edition goes into the site's contents."""
    if "__pycache__" in rel.split("/"):
        return False
    return any(rel.startswith(p[:-2]) if p.endswith("/**") else fnmatch(rel, p) for p in CONTENTS)


def lite_config() -> dict[str, Any]:
    """``jupyter-lite.json``: the kernel loads only the site's own files, with the kit's packages preloaded
    (the kernel would load only what a cell itself imports), and never asks PyPI."""
    kernel = {"disablePyPIFallback": True, "loadPyodideOptions": {"packages": list(PRELOAD)}}
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Libya 2019-2020",
            # window.jupyterapp, which the browser test and `make bench` drive (as in tests/browser)
            "exposeAppInBrowser": True,
            "litePluginSettings": {KERNEL_PLUGIN: kernel},
        },
    }


def build_env(root: Path = ROOT) -> Path:
    """The build tools' own environment, ``.venv/lite-<key>`` (``requirements/lite.txt``), made once per pins."""
    key = hashlib.sha256(BUILD_PINS.read_bytes() + sys.version.encode()).hexdigest()[:12]
    env = root / ".venv" / f"lite-{key}"
    if (env / ".complete").is_file():
        return env
    for old in (root / ".venv").glob("lite-*"):
        shutil.rmtree(old, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    pip = [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    done = subprocess.run([*pip, "-r", str(BUILD_PINS), "-c", str(LOCK)], capture_output=True, text=True)
    if done.returncode:
        shutil.rmtree(env, ignore_errors=True)
        raise FetchError(f"the build tools could not be installed (needs PyPI):\n{done.stderr[-2000:]}")
    (env / ".complete").write_text("")
    return env


def _validate_banks(student: Path) -> None:
    """Load every question bank and exercise module of the student edition with its own loaders,
    jsonschema included: the browser's kernel has no jsonschema and trusts this check."""
    script = (
        "from helpers.paths import lesson_slugs\nfrom helpers.quiz_bank import load_bank\n"
        "from helpers.exercises import all_exercises\n"
        "for lesson in lesson_slugs():\n    load_bank(lesson)\nall_exercises()\n"
    )
    env = {"PYTHONPATH": str(student), "KIT_ROOT": str(student), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], cwd=student, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"make lite: a question bank or exercise module is malformed:\n{done.stderr[-2000:]}")


def build_site(student: Path, out: Path, *, source: str = OFFICIAL_ARCHIVE, cache: Path | None = None) -> Path:
    """Build the site from the student edition ``student`` into ``out`` (replaced); return ``out``."""
    if not (student / "helpers").is_dir() or not list(student.glob("lessons/*/quiz.yml")):
        raise SystemExit(f"make lite: {student} is not a student edition (run `make release` first)")
    _validate_banks(student)
    with cache_lock(cache), tempfile.TemporaryDirectory(prefix="kit-lite-") as tmp:
        env, lite = build_env(), Path(tmp)
        assemble(lite / "static" / "pyodide", source, cache or cache_dir())
        (lite / "jupyter-lite.json").write_text(json.dumps(lite_config(), indent=2) + "\n", encoding="utf-8")
        shutil.copy2(student / "deploy" / "overrides.json", lite / "overrides.json")  # no news prompt
        contents = lite / "contents"
        for path in sorted(student.rglob("*")):
            rel = path.relative_to(student).as_posix()
            if path.is_file() and content_path(rel):
                (contents / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, contents / rel)
        # a stale doit database makes a rebuild skip steps (the local Pyodide among them)
        for stale in [*lite.glob(".jupyterlite.doit.db*"), *Path.cwd().glob(".jupyterlite.doit.db*")]:
            stale.unlink()
        shutil.rmtree(out, ignore_errors=True)
        command = [str(env / "bin" / "jupyter"), "lite", "build", "--lite-dir", str(lite)]
        command += ["--contents", str(contents), "--output-dir", str(out.resolve()), "--no-sourcemaps"]
        done = subprocess.run(command, cwd=lite, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"make lite: jupyter lite build failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    _check_site(out)
    return out


def _check_site(out: Path) -> None:
    """The built site loads Pyodide from itself, and every file its lock lists is there."""
    config = json.loads((out / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = config["litePluginSettings"][KERNEL_PLUGIN]
    if kernel.get("pyodideUrl") != "./static/pyodide/pyodide.mjs" or not kernel.get("disablePyPIFallback"):
        raise SystemExit(f"make lite: the site's kernel does not load Pyodide from the site: {kernel}")
    lock = json.loads((out / "static" / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))
    missing = [
        e["file_name"] for e in lock["packages"].values() if not (out / "static/pyodide" / e["file_name"]).is_file()
    ]
    if missing:
        raise SystemExit(f"make lite: the site's pyodide-lock.json lists files it lacks: {missing}")
