"""The kernel's packages from PyPI (``requirements/lite-pyodide.txt``): downloaded with their pinned
sha256, source releases made into pure-Python wheels, and described for ``pyodide-lock.json``.

Examples
--------
>>> pins = parse_pins("folium==0.20.0 --hash=sha256:ab\\n    # via x\\npyyaml==6.0.3 --hash=sha256:cd\\n")
>>> [(p.name, p.version, p.sha256) for p in pins]
[('folium', '0.20.0', 'ab'), ('pyyaml', '6.0.3', 'cd')]
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path
from typing import Any

__all__ = [
    "SOURCE_ONLY",
    "FetchError",
    "Pin",
    "lock_entry",
    "parse_pins",
    "pure_wheel",
    "pypi_wheels",
    "requirements_of",
]

_PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s]+)\s+--hash=sha256:([0-9a-f]+)\s*$")
#: A fixed time for the files of a built wheel, so the same source gives the same bytes.
_EPOCH = (1980, 1, 1, 0, 0, 0)
#: The pins whose source release is downloaded (no wheel of them works in Pyodide).
SOURCE_ONLY = ("pyyaml", "markupsafe")


class FetchError(RuntimeError):
    """A download failed (no registry, no network): the build cannot go on, nothing was found wrong."""


@dataclass(frozen=True)
class Pin:
    """One line of the pins: a project, its version and the sha256 of its file."""

    name: str
    version: str
    sha256: str


def parse_pins(text: str) -> list[Pin]:
    """The pins of ``requirements/lite-pyodide.txt`` (comments and ``# via`` lines skipped)."""
    pins = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            match = _PIN.match(line.strip())
            if not match:
                raise ValueError(
                    f"requirements/lite-pyodide.txt: {line.strip()!r} is not NAME==VERSION --hash=sha256:HEX"
                )
            pins.append(Pin(re.sub(r"[-_.]+", "-", match[1]).lower(), match[2], match[3]))
    return pins


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _download(pins: list[Pin], folder: Path, *binary: str) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as reqs:
        reqs.write("".join(f"{p.name}=={p.version} --hash=sha256:{p.sha256}\n" for p in pins))
    args = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes", "-d", str(folder)]
    done = subprocess.run([*args, *binary, "-r", reqs.name], capture_output=True, text=True)
    Path(reqs.name).unlink()
    if done.returncode:
        raise FetchError(f"pip could not download the pinned kernel packages:\n{done.stderr[-3000:]}")


def pypi_wheels(pins: list[Pin], cache: Path) -> dict[str, Path]:
    """The wheel of every pin, by project: downloaded once into ``cache`` (pip checks each sha256),
    a source release built into a pure wheel (:func:`pure_wheel`)."""
    folder = cache / "pypi"
    folder.mkdir(parents=True, exist_ok=True)
    present = {_sha256(p) for p in folder.iterdir() if p.is_file()}
    missing = [p for p in pins if p.sha256 not in present]
    wheels = [p for p in missing if p.name not in SOURCE_ONLY]
    if wheels:
        _download(wheels, folder, "--only-binary=:all:", "--python-version", "3.14", "--platform", "any")
    if len(wheels) < len(missing):
        _download([p for p in missing if p.name in SOURCE_ONLY], folder, "--no-binary=:all:")
    by_hash = {_sha256(p): p for p in folder.iterdir() if p.is_file()}
    out = {}
    for pin in pins:
        path = by_hash[pin.sha256]
        out[pin.name] = path if path.suffix == ".whl" else pure_wheel(path, cache / "built")
    return out


def pure_wheel(sdist: Path, out: Path) -> Path:
    """A ``py3-none-any`` wheel of a source release's Python packages (``src/`` or ``lib/``), with no
    C extension: MarkupSafe and PyYAML fall back to their pure-Python code. The same source gives
    the same bytes (fixed file times and order)."""
    with tarfile.open(sdist) as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}
        info = Parser().parsestr(
            tar.extractfile(next(n for n in members if n.count("/") == 1 and n.endswith("/PKG-INFO"))).read().decode()
        )
        name, version = info["Name"], info["Version"]
        files = {}
        for member_name, member in sorted(members.items()):
            parts = member_name.split("/")
            if len(parts) > 3 and parts[1] in ("src", "lib") and not parts[2].endswith(".egg-info"):
                if parts[-1].endswith((".py", ".pyi")) or parts[-1] == "py.typed":
                    files["/".join(parts[2:])] = tar.extractfile(member).read()
    dist = f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}"
    files[f"{dist}.dist-info/METADATA"] = str(info).encode()
    files[f"{dist}.dist-info/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: tools.lite\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record = "".join(
        f"{n},sha256={base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b'=').decode()},{len(d)}\n"
        for n, d in files.items()
    )
    files[f"{dist}.dist-info/RECORD"] = (record + f"{dist}.dist-info/RECORD,,\n").encode()
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as wheel:
        for file_name, data in files.items():
            wheel.writestr(zipfile.ZipInfo(file_name, _EPOCH), data, zipfile.ZIP_DEFLATED)
    return target


def _metadata(wheel: Path) -> tuple[Any, list[str]]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta = next(n for n in names if n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
        return Parser().parsestr(archive.read(meta).decode()), names


def requirements_of(wheel: Path, markers: dict[str, str]) -> list[str]:
    """The projects a wheel requires in the browser (its ``Requires-Dist`` whose markers hold there)."""
    from packaging.requirements import Requirement

    info, _ = _metadata(wheel)
    out = []
    for line in info.get_all("Requires-Dist") or []:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(markers):
            out.append(re.sub(r"[-_.]+", "-", req.name).lower())
    return out


def lock_entry(name: str, wheel: Path, depends: list[str]) -> dict[str, Any]:
    """The ``pyodide-lock.json`` entry of a pure wheel of the site."""
    info, names = _metadata(wheel)
    imports = sorted(
        {n.split("/")[0].removesuffix(".py") for n in names if ".dist-info/" not in n and ".data/" not in n}
        - {"__pycache__"}
    )
    return {
        "name": name,
        "version": info["Version"],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": _sha256(wheel),
        "package_type": "package",
        "imports": [i for i in imports if i.isidentifier()],
        "depends": sorted(depends),
        "unvendored_tests": False,
        "shared_library": False,
    }
