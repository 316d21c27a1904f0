"""The JupyterHub (nbgitpuller) and Binder links.

Students' links lead to the student edition's own repository (the teacher's with ``-student``,
branch ``main``); teachers' links to ``main`` of the teacher's repository (issue 27: a branch of
the teacher's repository left the keys one ``git fetch`` away).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

import helpers
from kit_teacher import editions, link

ROOT = Path(__file__).resolve().parent.parent
REPO = "https://github.com/libya-kit/libya-kit"
STUDENT = "https://github.com/libya-kit/libya-kit-student"
START = "notebooks/en/00-start-here.ipynb"


@pytest.fixture(autouse=True)
def _english():
    helpers.set_language("en")
    yield
    helpers.set_language("en")


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def test_hub_link_opens_the_start_notebook_of_the_student_edition():
    url = link.hub_link("https://hub.example.school/", repo=REPO)
    parsed = urlparse(url)
    assert parsed.netloc == "hub.example.school" and parsed.path == "/hub/user-redirect/git-pull"
    assert query(url) == {
        "repo": [STUDENT],
        "branch": ["main"],
        "targetpath": ["libya-kit-student"],
        "urlpath": [f"lab/tree/libya-kit-student/{START}"],
    }


def test_dot_git_address_clones_into_the_folder_the_link_opens():
    # nbgitpuller would clone ".../libya-kit.git" into "libya-kit.git/" on its own; targetpath fixes it.
    q = query(
        link.hub_link(
            "https://hub.example.school", repo=REPO + ".git", branch="dev", lang="id", notebook="03-mapping-control"
        )
    )
    assert q["repo"] == [STUDENT + ".git"] and q["branch"] == ["dev"]
    assert q["targetpath"] == ["libya-kit-student"]
    assert q["urlpath"] == ["lab/tree/libya-kit-student/notebooks/id/03-memetakan-penguasaan.ipynb"]


@pytest.mark.parametrize(
    "origin,clone",
    [
        ("git@github.com:teacher/libya-kit.git", "https://github.com/teacher/libya-kit.git"),
        ("git@github.com:teacher/libya-kit", "https://github.com/teacher/libya-kit"),
        ("ssh://git@github.com/teacher/libya-kit.git", "https://github.com/teacher/libya-kit.git"),
        (
            "git+ssh://git@gitlab.example.org/school/guru/libya-kit.git",
            "https://gitlab.example.org/school/guru/libya-kit.git",
        ),
        ("gitea@git.sekolah.example:guru/kit-libya.git", "https://git.sekolah.example/guru/kit-libya.git"),
    ],
)
def test_ssh_origins_become_https_clone_addresses(origin, clone):
    assert link.clone_address(origin) == clone
    q = query(link.hub_link("https://hub.example.school", repo=origin, teacher=True))
    folder = clone.rsplit("/", 1)[-1].removesuffix(".git")
    assert q["repo"] == [clone] and q["targetpath"] == [folder + "-teacher"]
    assert q["urlpath"] == [f"lab/tree/{folder}-teacher/{START}"]
    # the students' link: the student repository beside it, https too
    q = query(link.hub_link("https://hub.example.school", repo=origin))
    student = clone.removesuffix(".git") + "-student" + (".git" if clone.endswith(".git") else "")
    assert q["repo"] == [student] and q["targetpath"] == [folder + "-student"]


def test_a_repository_at_the_top_of_a_school_git_server():
    q = query(link.hub_link("https://hub.example.school", repo="http://git.school.example:8080/libya-kit.git"))
    assert q["repo"] == ["http://git.school.example:8080/libya-kit-student.git"]
    assert q["targetpath"] == ["libya-kit-student"]


def test_a_fork_under_another_name_and_its_own_folder():
    fork = "https://github.com/teacher/libya-kit-smk5.git"
    q = query(link.hub_link("https://hub.example.school", repo=fork))
    assert q["repo"] == ["https://github.com/teacher/libya-kit-smk5-student.git"]
    assert q["targetpath"] == ["libya-kit-smk5-student"]
    assert q["urlpath"] == [f"lab/tree/libya-kit-smk5-student/{START}"]
    # a fork with the upstream's name, for students who already have an upstream copy: its own folder
    q = query(
        link.hub_link(
            "https://hub.example.school", repo="https://github.com/teacher/libya-kit", folder="libya-kit-mine"
        )
    )
    assert q["repo"] == ["https://github.com/teacher/libya-kit-student"]
    assert q["targetpath"] == ["libya-kit-mine"] and q["urlpath"] == [f"lab/tree/libya-kit-mine/{START}"]


def test_the_origin_of_a_fork_clone_is_the_default(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(
        ["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:teacher/libya-kit.git"], check=True
    )
    (tmp_path / "notebooks" / "en").mkdir(parents=True)
    (tmp_path / START).write_text("{}")
    monkeypatch.setenv("KIT_ROOT", str(tmp_path))
    q = query(link.hub_link("https://hub.example.school"))
    assert q["repo"] == ["https://github.com/teacher/libya-kit-student.git"] and q["targetpath"] == [
        "libya-kit-student"
    ]
    assert link.binder_link().startswith("https://mybinder.org/v2/gh/teacher/libya-kit-student/main?")
    assert link.binder_link(teacher=True).startswith("https://mybinder.org/v2/gh/teacher/libya-kit/main?")


def test_binder_link():
    assert (
        link.binder_link(repo=REPO, lang="id")
        == "https://mybinder.org/v2/gh/libya-kit/libya-kit-student/main?urlpath=lab/tree/notebooks/id/00-mulai-di-sini.ipynb"
    )
    assert link.binder_link(repo=REPO + ".git") == link.binder_link(repo=REPO)


def test_the_default_is_the_student_repository_and_teachers_get_main_of_theirs():
    assert link.STUDENT_BRANCH == "main" and link.TEACHER_BRANCH == "main"
    assert editions.STUDENT_REPOSITORY == STUDENT and editions.TEACHER_REPOSITORY == REPO
    student, teacher = (link.hub_link("https://hub", repo=REPO, teacher=flag) for flag in (False, True))
    assert query(student)["repo"] == [STUDENT] and query(student)["branch"] == ["main"]
    assert query(student)["targetpath"] == ["libya-kit-student"]
    assert query(teacher)["repo"] == [REPO] and query(teacher)["branch"] == ["main"]
    assert query(teacher)["targetpath"] == ["libya-kit-teacher"]
    assert query(teacher)["urlpath"] == [f"lab/tree/libya-kit-teacher/{START}"]
    assert "/gh/libya-kit/libya-kit/main?" in link.binder_link(repo=REPO, teacher=True)
    assert "/gh/libya-kit/libya-kit-student/main?" in link.binder_link(repo=REPO)
    # an explicit branch wins, for both
    assert query(link.hub_link("https://hub", repo=REPO, branch="dev", teacher=True))["branch"] == ["dev"]
    assert "/libya-kit-student/dev?" in link.binder_link(repo=REPO, branch="dev")


def test_the_student_repository_is_a_setting():
    mine = "git@github.com:guru/kelas-libya.git"
    q = query(link.hub_link("https://hub", repo=REPO, student_repo=mine))
    assert q["repo"] == ["https://github.com/guru/kelas-libya.git"] and q["targetpath"] == ["kelas-libya"]
    assert link.binder_link(repo=REPO, student_repo=mine).startswith(
        "https://mybinder.org/v2/gh/guru/kelas-libya/main?"
    )
    # a teacher's link ignores it: it opens the teacher's repository
    assert query(link.hub_link("https://hub", repo=REPO, student_repo=mine, teacher=True))["repo"] == [REPO]
    with pytest.raises(link.LinkError, match="without them"):
        link.hub_link("https://hub", repo=REPO, student_repo="https://guru:secret@github.com/guru/kelas-libya")
    assert editions.student_repository(STUDENT) == STUDENT  # never libya-kit-student-student


def test_command_line_default_and_teacher_links(capsys):
    assert link.main(["--hub", "https://hub.example.school", "--repo", REPO]) == 0
    assert query(capsys.readouterr().out.strip())["repo"] == [STUDENT]
    assert link.main(["--hub", "https://hub.example.school", "--repo", REPO, "--teacher"]) == 0
    assert query(capsys.readouterr().out.strip())["repo"] == [REPO]
    assert link.main(["--binder", "--repo", REPO, "--teacher"]) == 0
    assert "/libya-kit/libya-kit/main?" in capsys.readouterr().out
    assert link.main(["--binder", "--repo", REPO]) == 0
    assert "/libya-kit/libya-kit-student/main?" in capsys.readouterr().out
    assert link.main(["--hub", "https://hub", "--repo", REPO, "--student-repo", "https://github.com/guru/kelas"]) == 0
    assert query(capsys.readouterr().out.strip())["repo"] == ["https://github.com/guru/kelas"]


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"hub": "hub.example.school"}, "https://hub.example.school"),
        ({"hub": "ftp://hub"}, "https://"),
        ({"hub": "https://hub", "lang": "fr"}, "en or id"),
        ({"hub": "https://hub", "notebook": "start"}, "NN-slug"),
        ({"hub": "https://hub", "notebook": "09-nothing"}, "no notebooks/en/09-nothing.ipynb"),
        ({"hub": "https://hub", "folder": "../etc"}, "cannot be the folder name"),
        ({"hub": "https://hub", "folder": "kit.git"}, "not ending in .git"),
        ({"hub": "https://hub", "branch": "a b"}, "not a branch name"),
    ],
)
def test_bad_input_is_explained(kwargs, message):
    hub = kwargs.pop("hub")
    with pytest.raises(link.LinkError, match=message):
        link.hub_link(hub, repo=REPO, **kwargs)


@pytest.mark.parametrize(
    "repo,message",
    [
        ("/srv/git/libya-kit.git", "give the https address of the git repository, e.g. https://github.com/OWNER/REPO"),
        ("file:///srv/git/libya-kit.git", "a folder on disk or a file:// address"),
        ("git://example.org/libya-kit.git", "https://github.com/OWNER/REPO"),
        ("https://github.com", "https://github.com/OWNER/REPO"),
        ("https://hub.example.school/", "https://github.com/OWNER/REPO"),
        ("ssh://git@git.example.org:2222/guru/libya-kit.git", "SSH address whose https address cannot be worked out"),
        ("git@git.example.org:~guru/libya-kit.git", "SSH address whose https address cannot be worked out"),
        ("git@git.example.org:libya-kit.git", "SSH address whose https address cannot be worked out"),
        ("https://guru:secret@github.com/guru/libya-kit", "without them ('https://github.com/guru/libya-kit')"),
    ],
)
def test_repositories_it_cannot_use_are_explained(repo, message):
    with pytest.raises(link.LinkError) as caught:
        link.hub_link("https://hub.example.school", repo=repo)
    assert message in str(caught.value)
    assert "secret" not in str(caught.value)


def test_the_repository_example_is_a_repository_not_a_hub():
    with pytest.raises(link.LinkError) as caught:
        link.hub_link("https://hub.example.school", repo="hub.example.school")
    assert "e.g. https://github.com/OWNER/REPO" in str(caught.value)
    assert "hub.example.school," not in str(caught.value).split("e.g.", 1)[1]


def test_messages_in_indonesian():
    helpers.set_language("id")
    with pytest.raises(link.LinkError, match="bukan alamat web"):
        link.hub_link("hub", repo=REPO)
    with pytest.raises(link.LinkError, match="alamat SSH"):
        link.hub_link("https://hub", repo="ssh://git@host.example:22/a/b")


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("KIT_LANG", "KIT_ROOT")}
    # the teacher's tools are not installed: from another folder, the checkout is on the path
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT), env.get("PYTHONPATH"))))
    return subprocess.run(
        [sys.executable, "-W", "error::RuntimeWarning", "-m", "kit_teacher.link", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )


def test_command_line():
    out = run_cli("--hub", "https://hub.example.school", "--repo", REPO + ".git", "--lang", "id")
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # no RuntimeWarning from running a submodule of a package with -m
    assert (
        "targetpath=libya-kit-student&urlpath=lab%2Ftree%2Flibya-kit-student%2Fnotebooks%2Fid%2F00-mulai-di-sini.ipynb"
        in out.stdout
    )


def test_command_line_errors_in_both_languages_without_traceback():
    bad = run_cli("--hub", "nope", "--repo", REPO)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "starting with https://" in bad.stderr and "diawali https://" in bad.stderr
    ssh = run_cli("--hub", "https://hub.example.school", "--repo", "ssh://git@host.example:2222/a/b.git")
    assert ssh.returncode == 2 and "Traceback" not in ssh.stderr
    assert "cannot be worked out" in ssh.stderr and "tidak bisa ditentukan" in ssh.stderr


def test_command_line_from_another_folder(tmp_path):
    # run from outside the checkout (with the checkout on the path): the kit's folder is found
    # from the code, not from the current folder, so the link is the same
    out = run_cli("--hub", "https://hub.example.school", "--repo", REPO, cwd=tmp_path)
    assert out.returncode == 0 and out.stderr == "" and "targetpath=libya-kit-student&" in out.stdout


def test_either_editions_name_opens_the_edition_asked_for():
    # Each edition has its own file names (JupyterLab names tabs by file name): a teacher may name
    # the lesson in either language.
    for name in ("03-mapping-control", "03-memetakan-penguasaan"):
        assert query(link.hub_link("https://hub", repo=REPO, lang="id", notebook=name))["urlpath"] == [
            "lab/tree/libya-kit-student/notebooks/id/03-memetakan-penguasaan.ipynb"
        ]
        assert link.binder_link(repo=REPO, notebook=name).endswith("notebooks/en/03-mapping-control.ipynb")
