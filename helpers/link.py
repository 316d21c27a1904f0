"""Print the link that opens the kit on a school's JupyterHub (nbgitpuller) or on Binder.

Usage::

    python -m helpers.link --hub https://hub.example.school
    python -m helpers.link --hub https://hub.example.school --lang id --notebook 03-mapping-control
    python -m helpers.link --binder --repo https://github.com/OWNER/REPO

The JupyterHub link makes nbgitpuller clone (or update) the repository into the student's home
folder and open the notebook in JupyterLab; nbgitpuller must be installed in the hub's user image
(it is in this kit's environment.yml).

Examples
--------
>>> hub_link("https://hub.example.school", repo="https://github.com/libya-kit/libya-kit", lang="id")
'https://hub.example.school/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Flibya-kit%2Flibya-kit&branch=main&urlpath=lab%2Ftree%2Flibya-kit%2Fnotebooks%2Fid%2F00-start-here.ipynb'
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from urllib.parse import quote, urlparse

from .i18n import LANGUAGES, t
from .paths import kit_root

__all__ = ["LinkError", "hub_link", "binder_link", "default_repo"]


class LinkError(ValueError):
    """A hub or repository address that cannot be used; the message says why."""


def default_repo() -> str | None:
    """The repository's ``origin`` address, if git knows one."""
    try:
        out = subprocess.run(["git", "config", "--get", "remote.origin.url"], cwd=kit_root(),
                             capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _check_url(value: str, what: str) -> str:
    parsed = urlparse(value or "")
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise LinkError(t("link.bad_url", what=what, value=repr(value)))
    return value.rstrip("/")


def _check(lang: str, notebook: str) -> None:
    if lang not in LANGUAGES:
        raise LinkError(t("link.bad_lang", value=repr(lang)))
    if not re.fullmatch(r"\d\d-[a-z0-9-]+", notebook or ""):
        raise LinkError(t("link.bad_notebook", value=repr(notebook)))
    if not (kit_root() / "notebooks" / lang / f"{notebook}.ipynb").exists():
        raise LinkError(t("link.no_notebook", value=f"notebooks/{lang}/{notebook}.ipynb"))


def _repo_name(repo: str) -> str:
    name = repo.rstrip("/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".git") else name


def hub_link(hub: str, *, repo: str | None = None, branch: str = "main", lang: str = "en",
             notebook: str = "00-start-here") -> str:
    """Return the nbgitpuller link that opens ``notebooks/<lang>/<notebook>.ipynb`` on a JupyterHub."""
    hub = _check_url(hub, "hub")
    repo = _check_url(repo or default_repo() or "", "repo")
    _check(lang, notebook)
    path = f"lab/tree/{_repo_name(repo)}/notebooks/{lang}/{notebook}.ipynb"
    return (f"{hub}/hub/user-redirect/git-pull?repo={quote(repo, safe='')}&branch={quote(branch, safe='')}"
            f"&urlpath={quote(path, safe='')}")


def binder_link(*, repo: str | None = None, branch: str = "main", lang: str = "en", notebook: str = "00-start-here") -> str:
    """Return the mybinder.org link that opens a notebook in JupyterLab (GitHub repositories).

    Examples
    --------
    >>> binder_link(repo="https://github.com/libya-kit/libya-kit")
    'https://mybinder.org/v2/gh/libya-kit/libya-kit/main?urlpath=lab/tree/notebooks/en/00-start-here.ipynb'
    """
    repo = _check_url(repo or default_repo() or "", "repo")
    _check(lang, notebook)
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?", repo)
    if not match:
        raise LinkError(t("link.not_github", value=repr(repo)))
    return f"https://mybinder.org/v2/gh/{match.group(1)}/{match.group(2)}/{branch}?urlpath=lab/tree/notebooks/{lang}/{notebook}.ipynb"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.link", description=t("link.help"))
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--hub", help="the JupyterHub's address, e.g. https://hub.example.school")
    where.add_argument("--binder", action="store_true", help="print a mybinder.org link instead")
    parser.add_argument("--repo", help="the kit's git repository (default: this clone's origin)")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--lang", default="en", help="en or id")
    parser.add_argument("--notebook", default="00-start-here", help="e.g. 03-mapping-control")
    args = parser.parse_args(argv)
    try:
        if args.binder:
            print(binder_link(repo=args.repo, branch=args.branch, lang=args.lang, notebook=args.notebook))
        else:
            print(hub_link(args.hub, repo=args.repo, branch=args.branch, lang=args.lang, notebook=args.notebook))
    except LinkError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
