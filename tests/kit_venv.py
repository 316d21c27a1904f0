"""Set-up shared by the packaging and first-cell tests: the kit's wheel and a venv without the kit.

``bare_venv`` makes a virtual environment that sees the test environment's dependencies (pandas,
folium, ...) but not the kit: a ``.pth`` file lists this venv's site-packages, and Python does
not run the ``.pth`` files of a folder added that way, so the editable install's finder stays
out. That is an image "with only the dependencies installed", made offline in about a second.
(``--system-site-packages`` would not do: it exposes the base interpreter's packages, not this
venv's.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: What a wheel is built from: the files pyproject.toml packages (no notebooks, tests or tools).
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "helpers", "data", "lessons")

__all__ = ["ROOT", "build_wheel", "bare_venv", "pip_install"]


def build_wheel(out: Path) -> Path:
    """Build the kit's wheel from a copy of its sources (the checkout stays clean); return its path."""
    src = out / "src"
    src.mkdir(parents=True)
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, src / name)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out / "dist"), str(src)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = (out / "dist").glob("libya_kit_helpers-*.whl")
    return wheel


def bare_venv(where: Path) -> Path:
    """A venv with this environment's dependencies and without the kit; return its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, timeout=120)
    python = where / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "kit-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return python


def pip_install(python: Path, *args: str) -> None:
    """Install into the venv of ``python`` with this environment's pip (the venv has none of its own)."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def image_requirements() -> list[str]:
    """What the Binder/hub image holds (environment.yml): what a lesson imports, and the ``lab`` and
    ``hub`` extras of pyproject.toml, as requirement strings (the kit itself left out)."""
    import tomllib  # Python 3.11+; the callers skip or need 3.11

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted = project["dependencies"] + extras["lab"] + extras["hub"]
    return [d for d in wanted if not d.startswith(project["name"])]
