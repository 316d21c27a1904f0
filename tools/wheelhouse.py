"""``make wheelhouse``: every wheel the lock pins, in one folder, for laptops without internet.

Many schools have no reliable internet, and ``make lab`` needs the package index on its first run.
This writes into a folder (a USB stick) every wheel ``requirements/lock.txt`` pins for one kind of
laptop, and pip and setuptools, which the set-up itself needs; on the laptop, ``make lab
OFFLINE=folder`` then installs from that folder alone (``pip --no-index --find-links``).

A laptop is named by its Python version, its processor and its C library: 64-bit Linux, which is
also what Windows runs the kit in (WSL, README). The defaults are this machine's. The lock's pins
depend on Python's minor version (3.10 or 3.11, ...) and pip reads them for the Python that runs
it, so the wheelhouse is made with the laptop's minor version (``make wheelhouse PYTHON=python3.12``
in a fresh checkout); ``--python`` gives its patch release (``Requires-Python`` can name one).

Usage::

    python -m tools.wheelhouse DIR [--python 3.11.7] [--arch x86_64] [--glibc 2.35]

Examples
--------
>>> platforms("x86_64", "2.17")[:2], platforms("x86_64", "2.17")[-3:]
(['manylinux_2_17_x86_64', 'manylinux_2_16_x86_64'], ['manylinux2014_x86_64', 'manylinux2010_x86_64', 'manylinux1_x86_64'])
>>> platforms("aarch64", "2.28")[-1]
'manylinux2014_aarch64'
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"
#: What the set-up installs besides the lock: pip (upgraded first) and what builds the kit itself.
SETUP = ["pip", "setuptools>=68"]

__all__ = ["command", "main", "platforms"]


def platforms(arch: str, glibc: str) -> list[str]:
    """pip's platform tags of 64-bit Linux with ``glibc`` on ``arch``: every manylinux it can run."""
    major, minor = (int(n) for n in glibc.split(".")[:2])
    tags = [f"manylinux_{major}_{m}_{arch}" for m in range(minor, 4, -1)]
    legacy = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}
    return tags + [f"{name}_{arch}" for m, name in legacy.items() if minor >= m and (m == 17 or arch == "x86_64")]


def command(folder: Path, python: str, arch: str, glibc: str) -> list[str]:
    """The ``pip download`` that fills ``folder`` (wheels only: a laptop may have no compiler)."""
    where = [arg for tag in platforms(arch, glibc) for arg in ("--platform", tag)]
    return [sys.executable, "-m", "pip", "download", "--only-binary=:all:", *where, "--python-version", python] + [
        "-d",
        str(folder),
        "-r",
        str(LOCK),
        *SETUP,
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.wheelhouse", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument(
        "--python", default="{}.{}.{}".format(*sys.version_info[:3]), help="the laptop's Python (default: this one)"
    )
    parser.add_argument("--arch", default=platform.machine(), help="x86_64 or aarch64 (default: this machine's)")
    parser.add_argument(
        "--glibc",
        default=platform.libc_ver()[1] or "2.17",
        help="the laptop's glibc, `ldd --version` (default: this machine's)",
    )
    args = parser.parse_args(argv)
    if args.python.split(".")[:2] != [str(n) for n in sys.version_info[:2]]:
        parser.error(
            f"--python {args.python}: the lock's pins are read for this Python ({sys.version.split()[0]}); "
            "make the wheelhouse with the laptop's Python 3.x instead (make wheelhouse PYTHON=python3.x)"
        )
    args.folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(command(args.folder, args.python, args.arch, args.glibc))
    if done.returncode == 0:
        print(
            f"{args.folder}: {len(list(args.folder.glob('*.whl')))} wheels; on the laptop: make lab OFFLINE={args.folder}"
        )
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
