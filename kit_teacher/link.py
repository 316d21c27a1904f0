"""Print the link that opens the kit on a school's JupyterHub (nbgitpuller) or on Binder.

Usage::

    python -m kit_teacher.link --hub https://hub.example.school
    python -m kit_teacher.link --hub https://hub.example.school --teacher
    python -m kit_teacher.link --hub https://hub.example.school --lang id --notebook 03-mapping-control
    python -m kit_teacher.link --hub https://hub.example.school --repo git@github.com:OWNER/REPO.git
    python -m kit_teacher.link --hub https://hub.example.school --student-repo https://github.com/OWNER/STUDENTS
    python -m kit_teacher.link --binder --repo https://github.com/OWNER/REPO

The JupyterHub link makes nbgitpuller clone (or update) the repository into the student's home
folder and open the notebook in JupyterLab; nbgitpuller must be installed in the hub's user image
(it is in this kit's ``environment.yml``).

``--repo`` is the teacher's repository (default: this clone's origin). Students get the student
edition, from its own repository (:mod:`kit_teacher.editions`): ``--student-repo``, by default the
teacher's with ``-student`` (``OWNER/libya-kit`` -> ``OWNER/libya-kit-student``), branch ``main``;
``make release`` builds it and the kit's workflow publishes it there after every tested push (no
guides, banks and model solutions sealed; none of the teacher's history). ``--teacher``
(``teacher=True``) gives the teacher's link to ``main`` of the teacher's repository, in a folder of
its own (``libya-kit-teacher``). ``--branch`` names any other branch.

The folder of the copy is written into the link (nbgitpuller's ``targetpath``) and the notebook's
address (``urlpath``) is built from it, so the two agree: by default the repository's name without
``.git``. nbgitpuller updates a folder from the repository it was first cloned from, so a fork
named like a copy the students already have needs its own folder (``--folder``).

Repository addresses: ``https://`` (or ``http://``) ones are used as they are; an SSH origin
(``git@host:OWNER/REPO.git``, ``ssh://git@host/OWNER/REPO.git``) becomes the https address of the
same repository (students' servers have no SSH key). Anything else (a folder, ``file://``, SSH on
its own port, an address with a password, a value that is not text) is refused with a message
saying what to give instead, in English and in Indonesian on the command line.

Examples
--------
>>> hub_link("https://hub.example.school", repo="https://github.com/libya-kit/libya-kit.git", lang="id")
'https://hub.example.school/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Flibya-kit%2Flibya-kit-student.git&branch=main&targetpath=libya-kit-student&urlpath=lab%2Ftree%2Flibya-kit-student%2Fnotebooks%2Fid%2F00-mulai-di-sini.ipynb'
>>> "branch=main&targetpath=libya-kit-teacher&" in hub_link("https://hub.example.school", repo="https://github.com/libya-kit/libya-kit.git", teacher=True)
True
>>> clone_address("git@github.com:libya-kit/libya-kit.git")
'https://github.com/libya-kit/libya-kit.git'
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from typing import Any
from urllib.parse import quote, urlparse

from helpers.i18n import LANGUAGES, t
from helpers.paths import kit_root, lesson_of, notebook_name
from helpers.text import plain, shorten

from .editions import STUDENT_BRANCH, TEACHER_BRANCH, student_repository

__all__ = [
    "LinkError",
    "STUDENT_BRANCH",
    "TEACHER_BRANCH",
    "hub_link",
    "binder_link",
    "clone_address",
    "folder_name",
    "default_repo",
    "main",
]

# scp-like SSH address: [user@]host:path (no scheme, no "//").
_SCP = re.compile(
    r"(?:(?P<user>[A-Za-z0-9._-]+)@)?(?P<host>[A-Za-z0-9.-]+\.[A-Za-z]{2,}|[A-Za-z0-9-]+):(?P<path>[^/].*)"
)
# OWNER/REPO (or GROUP/SUBGROUP/REPO): relative path segments of URL-safe characters. A web
# address may also name a repository at the top of a school's own git server (/libya-kit.git).
_REPO_PATH = re.compile(r"[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)+")
_WEB_PATH = re.compile(r"[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*")
_FOLDER = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")


class LinkError(ValueError):
    """A hub or repository address that cannot be used; the message says why.

    ``str(error)`` is in the language in force; :meth:`bilingual` gives both, English first.

    Examples
    --------
    >>> error = LinkError("link.bad_lang", value="'fr'")
    >>> print(error.bilingual())
    Language 'fr' is not one of the kit's: use en or id.
    Bahasa 'fr' tidak tersedia di kit: pakai en atau id.
    """

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def __str__(self) -> str:
        return t(self.key, **self.values)

    def bilingual(self) -> str:
        """The message in English, then in Indonesian, one per line."""
        return "\n".join(t(self.key, lang=lang, **self.values) for lang in ("en", "id"))


def default_repo() -> str | None:
    """The repository's ``origin`` address, if git knows one (None outside a git clone)."""
    try:
        out = subprocess.run(
            ["git", "config", "--get", "remote.origin.url"], cwd=kit_root(), capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


# What a web address given on the command line may hold: printable ASCII less quotes, brackets,
# spaces and backslashes (a real address percent-encodes them), so no address can carry a line
# break, an HTML attribute or a look-alike letter into the link a whole class opens.
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9._~:/?#@!$&*+,;=%-]+")
# A host: ASCII letters, digits, dots and hyphens (an international name in its xn-- punycode form).
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")


def _web_parts(value: Any, error: str) -> Any:
    """The parts of an http(s) address, or a LinkError ``error``: one with credentials is ``*_credentials``.

    The address must be printable ASCII (no spaces, control characters, quotes or angle brackets),
    with an ASCII host (a look-alike letter from another alphabet is refused: give punycode).

    Examples
    --------
    >>> _web_parts("https://hub.example.school:8000/jupyter", "link.bad_hub").hostname
    'hub.example.school'
    >>> _web_parts("https://h\u0456b.example.school", "link.bad_hub")
    Traceback (most recent call last):
    ...
    kit_teacher.link.LinkError: The hub address 'https://hіb.example.school' is not a web address: give the address students open in their browser, starting with https:// (or http://), e.g. https://hub.example.school.
    """
    text = plain(value) or ""
    if not _URL_CHARACTERS.fullmatch(text):
        raise LinkError(error, value=shorten(value))
    try:
        parsed = urlparse(text)
        parsed.port  # noqa: B018  (a port that is not a number raises here)
    except ValueError:
        raise LinkError(error, value=shorten(value)) from None
    if parsed.scheme not in ("http", "https") or not parsed.hostname or not _HOST.fullmatch(parsed.hostname):
        raise LinkError(error, value=shorten(value))
    if parsed.username is not None or parsed.password is not None or "@" in parsed.netloc:
        where = f"{parsed.scheme}://{parsed.hostname}{parsed.path}"
        raise LinkError(error.replace("bad_", "") + "_credentials", value=shorten(where))
    return parsed


def _check_hub(value: str) -> str:
    parsed = _web_parts(value, "link.bad_hub")
    if parsed.query or parsed.fragment or not _WEB_PATH.fullmatch(parsed.path.strip("/") or "x"):
        raise LinkError("link.bad_hub", value=shorten(value))
    return plain(value).rstrip("/")


def clone_address(repo: str) -> str:
    """Return the http(s) address students' servers clone ``repo`` from.

    Parameters
    ----------
    repo : str
        An ``https://`` or ``http://`` address of a git repository, or an SSH one
        (``git@host:OWNER/REPO.git``, ``ssh://git@host/OWNER/REPO.git``).

    Returns
    -------
    str
        The address without a trailing slash; an SSH address becomes ``https://host/OWNER/REPO.git``
        (the form GitHub, GitLab, Gitea and Bitbucket all serve).

    Raises
    ------
    LinkError
        For a folder on disk, a ``file://``, ``git://`` or other address, SSH on its own port or
        with a path that has no https equivalent, and an address that carries a user name or
        password (the link is shared with a whole class).

    Examples
    --------
    >>> clone_address("ssh://git@gitlab.example.org/teachers/libya-kit")
    'https://gitlab.example.org/teachers/libya-kit'
    >>> clone_address("https://github.com/teacher/libya-kit/")
    'https://github.com/teacher/libya-kit'
    """
    value, text = (plain(repo) or "").strip(), repo is None or plain(repo) is not None
    if not value:  # nothing given, or not text
        raise LinkError("link.no_repo" if text else "link.bad_repo", value=shorten(repo))
    try:
        parsed = urlparse(value)
    except ValueError:  # a malformed [IPv6] host
        raise LinkError("link.bad_repo", value=shorten(value)) from None
    if parsed.scheme in ("http", "https"):
        parsed = _web_parts(value, "link.bad_repo")
        if parsed.query or parsed.fragment or not _WEB_PATH.fullmatch(parsed.path.strip("/")):
            raise LinkError("link.bad_repo", value=shorten(value))
        return value.rstrip("/")
    if parsed.scheme in ("ssh", "git+ssh", "ssh+git"):
        try:
            port = parsed.port
        except ValueError:
            port = -1
        host = parsed.hostname or ""
        if port or not _HOST.fullmatch(host) or not _REPO_PATH.fullmatch(parsed.path.strip("/")):
            raise LinkError("link.ssh_unknown", value=shorten(value))
        return f"https://{parsed.hostname}/{parsed.path.strip('/')}"
    match = _SCP.fullmatch(value) if "://" not in value else None
    if match and len(match.group("host")) > 1:  # "C:..." is a Windows drive, not a host
        path = match.group("path").strip("/")
        if not _REPO_PATH.fullmatch(path) or path.startswith("~"):
            raise LinkError("link.ssh_unknown", value=shorten(value))
        return f"https://{match.group('host')}/{path}"
    raise LinkError("link.bad_repo", value=shorten(value))


def folder_name(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: the repository's name without ``.git`` (LinkError if none).

    Examples
    --------
    >>> folder_name("https://github.com/libya-kit/libya-kit.git")
    'libya-kit'
    >>> folder_name("https://git.school.example/guru/kit-libya/")
    'kit-libya'
    """
    name = clone_address(repo).rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".git") and len(name) > 4 else name


def _check_folder(folder: str) -> str:
    if not isinstance(folder, str) or not _FOLDER.fullmatch(folder) or folder.endswith(".git"):
        raise LinkError("link.bad_folder", value=shorten(folder))
    return plain(folder)


def _repository(repo: str | None, student_repo: str | None, teacher: bool) -> str:
    """The address a link clones: the teacher's repository, or the student edition's own."""
    if not teacher and student_repo is not None and plain(student_repo) != "":
        return clone_address(student_repo)
    repo = clone_address(repo if repo is not None and plain(repo) != "" else default_repo() or "")  # "": the origin
    return repo if teacher else student_repository(repo)


def _branch(branch: str | None, teacher: bool) -> str:
    """The branch a link opens: ``branch`` if given, else the teacher's or the students' edition."""
    name = plain(branch) if branch is not None else (TEACHER_BRANCH if teacher else STUDENT_BRANCH)
    if not name or not re.fullmatch(r"[A-Za-z0-9._/-]+", name) or ".." in name:
        raise LinkError("link.bad_branch", value=shorten(branch))
    return name


def _check(lang: str, notebook: str) -> tuple[str, str]:
    """Return ``lang`` and the file name of ``notebook`` (a lesson, by either edition's name) in edition ``lang``."""
    if plain(lang) not in LANGUAGES:
        raise LinkError("link.bad_lang", value=shorten(lang))
    if not re.fullmatch(r"\d\d-[a-z0-9-]+", plain(notebook) or ""):
        raise LinkError("link.bad_notebook", value=shorten(notebook))
    lang, notebook = plain(lang), plain(notebook)
    # Each edition has its own file names (helpers.paths.NOTEBOOK_NAMES): 03-mapping-control in
    # English is 03-memetakan-penguasaan in Indonesian; either name gives the edition asked for.
    lesson = lesson_of(notebook)
    name = notebook_name(lesson, lang) if lesson else notebook
    notebooks = kit_root() / "notebooks"
    # An installed copy of the helpers has no notebooks/ to check against; a checkout does.
    if notebooks.is_dir() and not (notebooks / lang / f"{name}.ipynb").exists():
        raise LinkError("link.no_notebook", value=f"notebooks/{lang}/{name}.ipynb")
    return lang, name


def hub_link(
    hub: str,
    *,
    repo: str | None = None,
    branch: str | None = None,
    lang: str = "en",
    notebook: str = "00-start-here",
    folder: str | None = None,
    teacher: bool = False,
    student_repo: str | None = None,
) -> str:
    """Return the nbgitpuller link that opens ``notebooks/<lang>/<notebook>.ipynb`` on a JupyterHub.

    Parameters
    ----------
    hub : str
        The hub's address, e.g. ``https://hub.example.school``.
    repo : str, optional
        The teacher's repository (https or SSH; see :func:`clone_address`). Default: this clone's origin.
    branch : str, optional
        The branch to copy. Default: :data:`STUDENT_BRANCH` of the student repository, or
        :data:`TEACHER_BRANCH` of ``repo`` with ``teacher=True``.
    lang : {"en", "id"}
        The edition to open.
    notebook : str
        The lesson, as ``NN-slug`` (either edition's file name; the link opens edition ``lang``).
    folder : str, optional
        The folder in the student's home the copy goes to (default: :func:`folder_name`, plus
        ``-teacher`` for a teacher's link, so the two editions never share a folder).
    teacher : bool
        The teacher's link: the whole kit (``main`` of ``repo``), with the guides and answer keys.
    student_repo : str, optional
        The student edition's repository. Default: ``repo`` named with ``-student``.

    Returns
    -------
    str
        The link, with ``targetpath`` and ``urlpath`` naming the same folder.

    Examples
    --------
    >>> url = hub_link("https://hub.example.school", repo="git@github.com:teacher/libya-kit.git",
    ...                notebook="03-mapping-control", folder="libya-kit-teacher")
    >>> "targetpath=libya-kit-teacher&urlpath=lab%2Ftree%2Flibya-kit-teacher%2Fnotebooks%2Fen%2F03" in url
    True
    """
    hub, teacher = _check_hub(hub), teacher is True  # never a table's truth: only True gives the teacher's link
    repo = _repository(repo, student_repo, teacher)
    folder = _check_folder(folder if folder is not None else folder_name(repo) + ("-teacher" if teacher else ""))
    branch = _branch(branch, teacher)
    lang, name = _check(lang, notebook)
    path = f"lab/tree/{folder}/notebooks/{lang}/{name}.ipynb"
    return (
        f"{hub}/hub/user-redirect/git-pull?repo={quote(repo, safe='')}&branch={quote(branch, safe='')}"
        f"&targetpath={quote(folder, safe='')}&urlpath={quote(path, safe='')}"
    )


def binder_link(
    *,
    repo: str | None = None,
    branch: str | None = None,
    lang: str = "en",
    notebook: str = "00-start-here",
    teacher: bool = False,
    student_repo: str | None = None,
) -> str:
    """Return the mybinder.org link that opens a notebook in JupyterLab (GitHub repositories).

    By default the student edition (its own repository); ``teacher=True`` opens ``main`` of ``repo``.

    Examples
    --------
    >>> binder_link(repo="https://github.com/libya-kit/libya-kit")
    'https://mybinder.org/v2/gh/libya-kit/libya-kit-student/main?urlpath=lab/tree/notebooks/en/00-start-here.ipynb'
    >>> binder_link(repo="git@github.com:teacher/libya-kit.git", lang="id", teacher=True)
    'https://mybinder.org/v2/gh/teacher/libya-kit/main?urlpath=lab/tree/notebooks/id/00-mulai-di-sini.ipynb'
    """
    teacher = teacher is True
    repo = _repository(repo, student_repo, teacher)
    branch = _branch(branch, teacher)
    lang, name = _check(lang, notebook)
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?", repo)
    if not match:
        raise LinkError("link.not_github", value=shorten(repo))
    return f"https://mybinder.org/v2/gh/{match.group(1)}/{match.group(2)}/{branch}?urlpath=lab/tree/notebooks/{lang}/{name}.ipynb"


def main(argv: list[str] | None = None) -> int:
    """The command line: print the link, or the reason there is none (exit code 2), in both languages."""
    parser = argparse.ArgumentParser(prog="python -m kit_teacher.link", description=t("link.help"))
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--hub", help="the JupyterHub's address, e.g. https://hub.example.school")
    where.add_argument("--binder", action="store_true", help="print a mybinder.org link instead")
    parser.add_argument("--repo", help="the teacher's git repository, https or SSH (default: this clone's origin)")
    parser.add_argument("--student-repo", help="the student edition's repository (default: --repo with -student)")
    parser.add_argument(
        "--teacher",
        action="store_true",
        help="the teacher's link: the whole kit (main), with the guides and answer keys",
    )
    parser.add_argument(
        "--branch", help=f"another branch (default: {STUDENT_BRANCH}, or {TEACHER_BRANCH} with --teacher)"
    )
    parser.add_argument("--lang", default="en", help="en or id")
    parser.add_argument("--notebook", default="00-start-here", help="e.g. 03-mapping-control")
    parser.add_argument(
        "--folder", help="the folder the copy goes to in each student's home (default: the repository's name)"
    )
    args = parser.parse_args(argv)
    common = {"repo": args.repo, "branch": args.branch, "lang": args.lang, "notebook": args.notebook}
    common.update(teacher=args.teacher, student_repo=args.student_repo)
    try:
        print(binder_link(**common) if args.binder else hub_link(args.hub, folder=args.folder, **common))
    except LinkError as exc:
        print(exc.bilingual(), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
