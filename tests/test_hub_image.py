"""The hub image the README tells a school's IT admin to build holds no copy of the repository in the home folder.

The command (README, "JupyterHub", the same in both languages) builds the **student edition** with
repo2docker's ``--target-repo-dir`` outside ``/home/jovyan``: on a hub with persistent homes, what
repo2docker copies into the home folder would land in every new student's home (the teacher
edition's answer keys with it). The kit's ``start`` script then starts Jupyter in the home folder,
where nbgitpuller puts each student's copy, and ``postBuild`` installs into the environment only.

Without Docker (none on this machine), repo2docker's own parser reads the command, and its
``--no-build`` run says what it would build and with which ``REPO_DIR`` (full tier: needs the
``binder`` extra). The student edition's own files are checked in tests/test_release.py.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kit_teacher import editions

ROOT = Path(__file__).resolve().parent.parent
HOME = "/home/jovyan"


def readme_command(readme: str) -> list[str]:
    """The repo2docker command of a README's hub section, as arguments (the registry's name left as written)."""
    text = (ROOT / readme).read_text(encoding="utf-8")
    (found,) = re.findall(r"^jupyter-repo2docker (?:.*\\\n)*.*$", text, re.M)
    return shlex.split(found.replace("\\\n", " "))[1:]


def _option(args: list[str], name: str) -> str:
    assert args.count(name) == 1, (name, args)
    return args[args.index(name) + 1]


@pytest.mark.parametrize("readme", ["README.md", "README.id.md"])
def test_the_readme_builds_the_student_edition_outside_the_home_folder(readme):
    args = readme_command(readme)
    target = _option(args, "--target-repo-dir")
    assert target.startswith("/") and not (target + "/").startswith(("/home/", "/root/", "/tmp/")), target
    assert _option(args, "--user-name") == "jovyan" and _option(args, "--user-id") == "1000"
    assert "--no-run" in args and "--ref" in args
    assert args[-1] == editions.STUDENT_REPOSITORY != editions.TEACHER_REPOSITORY
    # both languages give the same command (only the registry's example name is translated)
    other = readme_command("README.id.md" if readme == "README.md" else "README.md")
    strip = [a for a in args if "registry." not in a]
    assert strip == [a for a in other if "registry." not in a]


def test_start_opens_jupyter_in_the_home_folder(tmp_path):
    """repo2docker runs ``start`` before Jupyter, in REPO_DIR: it must hand over in $HOME, with the command intact."""
    home, repo = tmp_path / "home" / "jovyan", tmp_path / "srv" / "libya-kit"
    home.mkdir(parents=True)
    repo.mkdir(parents=True)
    start = ROOT / "start"
    assert start.stat().st_mode & 0o111, "start must be executable"
    done = subprocess.run(
        [str(start), sys.executable, "-c", "import os, sys; print(os.getcwd()); print(sys.argv[1:])", "a b", "--x"],
        cwd=repo,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines() == [str(home), "['a b', '--x']"]


def _repo2docker() -> Path:
    exe = Path(sys.executable).with_name("jupyter-repo2docker")
    if not exe.exists():
        found = shutil.which("jupyter-repo2docker")
        if not found:
            pytest.fail("jupyter-repo2docker is not installed: run `make test-all`, which installs the `binder` extra")
        exe = Path(found)
    return exe


# Runs repo2docker's own command line with BuildPack.render recording the build arguments it is given
# (REPO_DIR among them), then --no-build: it prints the Dockerfile and needs no Docker daemon.
_RECORD = """
import json, sys
from repo2docker.__main__ import main
from repo2docker.buildpacks.base import BuildPack
render = BuildPack.render
def recording(self, build_args=None):
    print("BUILD_ARGS " + json.dumps(build_args), file=sys.stderr)
    return render(self, build_args)
BuildPack.render = recording
sys.argv = ["jupyter-repo2docker", *sys.argv[1:]]
main()
"""


@pytest.mark.full
def test_repo2docker_reads_the_command_and_copies_the_repository_outside_home(tmp_path):
    _repo2docker()
    from repo2docker.__main__ import make_r2d

    args = readme_command("README.md")
    r2d = make_r2d(args)
    assert r2d.target_repo_dir == "/srv/libya-kit" and r2d.user_id == 1000 and r2d.user_name == "jovyan"
    assert r2d.repo == editions.STUDENT_REPOSITORY and not r2d.run
    # the same options on a local copy of the kit's Binder files (no network, no Docker): --no-build
    kit = tmp_path / "kit"
    kit.mkdir()
    for name in ("environment.yml", "postBuild", "start"):
        shutil.copy2(ROOT / name, kit / name)
    local = [x for name in ("--user-name", "--user-id", "--target-repo-dir") for x in (name, _option(args, name))]
    done = subprocess.run(
        [sys.executable, "-c", _RECORD, "--no-build", "--debug", *local, str(kit)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    text = done.stdout + done.stderr
    assert done.returncode == 0, text[-3000:]
    (recorded,) = re.findall(r"^BUILD_ARGS (.*)$", text, re.M)
    assert json.loads(recorded)["REPO_DIR"] == "/srv/libya-kit", recorded
    assert "COPY --chown=1000:1000 src/ ${REPO_DIR}/" in text  # the copy goes to REPO_DIR, not $HOME
    assert "RUN ./postBuild" in text
    assert 'ENV R2D_ENTRYPOINT="${REPO_DIR}/start"' in text  # start runs when a container starts
