"""Binder's environment.yml must install what the lock pins, and postBuild the package."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def lock_pins(python_version: str) -> dict[str, str]:
    """Pins of requirements/lock.txt that apply to the given Python (e.g. '3.11')."""
    env = {
        "python_version": python_version,
        "python_full_version": python_version + ".0",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "os_name": "posix",
        "platform_machine": "x86_64",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "extra": "",
    }
    pins = {}
    for line in (ROOT / "requirements" / "lock.txt").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        req = Requirement(line)
        if req.marker is not None and not Marker(str(req.marker)).evaluate(env):
            continue
        (spec,) = req.specifier
        assert spec.operator == "==", line
        pins[canonicalize_name(req.name)] = spec.version
    return pins


def environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def test_environment_pins_python_and_uses_conda_forge():
    env = environment()
    assert env["channels"] == ["conda-forge"]
    pythons = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python=")]
    assert pythons and re.fullmatch(r"python=3\.\d+", pythons[0]), pythons


def test_environment_matches_lock():
    env = environment()
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python="))
    pins = lock_pins(python.split("=")[1])
    conda = [d for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python=", "pip"))]
    pip = next((d["pip"] for d in env["dependencies"] if isinstance(d, dict)), [])
    problems = []
    for entry in conda:
        name, _, version = entry.partition("=")
        key = canonicalize_name(name)
        if key not in pins:
            problems.append(f"{name} is in environment.yml but not in the lock")
        elif pins[key] != version:
            problems.append(f"{name}: environment.yml has {version}, the lock has {pins[key]}")
    for entry in pip:
        name, _, version = entry.partition("==")
        key = canonicalize_name(name)
        if pins.get(key) != version:
            problems.append(f"{name} (pip): environment.yml has {version}, the lock has {pins.get(key)}")
    listed = {canonicalize_name(re.split("[=<>]", e)[0]) for e in conda + pip}
    direct = _image_requirements()
    problems += [f"{name} is a runtime dependency missing from environment.yml" for name in sorted(direct - listed)]
    assert not problems, "\n".join(problems)


def _image_requirements() -> set[str]:
    """The names of what the Binder/hub image needs (kit_venv.image_requirements)."""
    pytest.importorskip("tomllib")  # Python 3.11+
    from kit_venv import image_requirements

    return {canonicalize_name(Requirement(d).name) for d in image_requirements()}


def test_runtime_dependencies_are_all_in_environment():
    env = environment()
    listed = {canonicalize_name(re.split("[=<>]", d)[0]) for d in env["dependencies"] if isinstance(d, str)}
    listed |= {
        canonicalize_name(re.split("[=<>]", d)[0]) for x in env["dependencies"] if isinstance(x, dict) for d in x["pip"]
    }
    missing = sorted(_image_requirements() - listed)
    assert not missing, f"in pyproject.toml but not in environment.yml: {missing}"


def test_postbuild_trusts_notebooks_and_leaves_the_kit_to_the_copy():
    post = ROOT / "postBuild"
    assert os.access(post, os.X_OK), "postBuild must be executable"
    text = post.read_text()
    # the image holds the dependencies only: each lesson's first cell uses the copy it sits in (issue 16)
    assert not re.search(r"pip install", text)
    # only the kit's own notebooks, as the manifest records them, trusted as they are opened (tools/trust_on_open.py)
    assert "python -m tools.trust install" in text and "jupyter trust" not in text


def test_make_lab_ignores_the_shells_host_and_port():
    """csh sets HOST to the machine's name: make must not inherit it and listen on the network."""
    env = {**os.environ, "HOST": "school-pc.example", "PORT": "80"}
    out = subprocess.run(["make", "-n", "lab"], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    assert "--ip=127.0.0.1 --port=8888" in out
    assert "school-pc.example" not in out
