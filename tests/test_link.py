"""The JupyterHub (nbgitpuller) and Binder links."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import parse_qs, urlparse

import pytest

import helpers
from helpers import link

REPO = "https://github.com/libya-kit/libya-kit"


def test_hub_link_opens_the_start_notebook():
    url = link.hub_link("https://hub.example.school/", repo=REPO)
    parsed = urlparse(url)
    assert parsed.netloc == "hub.example.school" and parsed.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parsed.query)
    assert query == {"repo": [REPO], "branch": ["main"], "urlpath": ["lab/tree/libya-kit/notebooks/en/00-start-here.ipynb"]}


def test_hub_link_for_another_lesson_language_and_branch():
    url = link.hub_link("https://hub.example.school", repo=REPO + ".git", branch="dev", lang="id", notebook="03-mapping-control")
    query = parse_qs(urlparse(url).query)
    assert query["urlpath"] == ["lab/tree/libya-kit/notebooks/id/03-mapping-control.ipynb"]
    assert query["branch"] == ["dev"] and query["repo"] == [REPO + ".git"]


def test_binder_link():
    assert link.binder_link(repo=REPO, lang="id") == \
        "https://mybinder.org/v2/gh/libya-kit/libya-kit/main?urlpath=lab/tree/notebooks/id/00-start-here.ipynb"


@pytest.mark.parametrize("kwargs,message", [
    ({"hub": "hub.example.school"}, "https://"),
    ({"hub": "ftp://hub"}, "https://"),
    ({"hub": "https://hub", "lang": "fr"}, "en or id"),
    ({"hub": "https://hub", "notebook": "start"}, "NN-slug"),
    ({"hub": "https://hub", "notebook": "09-nothing"}, "no notebooks/en/09-nothing.ipynb"),
])
def test_bad_input_is_explained(kwargs, message):
    hub = kwargs.pop("hub")
    with pytest.raises(link.LinkError, match=message):
        link.hub_link(hub, repo=REPO, **kwargs)


def test_messages_in_indonesian():
    helpers.set_language("id")
    with pytest.raises(link.LinkError, match="bukan alamat web"):
        link.hub_link("hub", repo=REPO)


def test_command_line():
    out = subprocess.run([sys.executable, "-m", "helpers.link", "--hub", "https://hub.example.school", "--repo", REPO,
                          "--lang", "id"], capture_output=True, text=True)
    assert out.returncode == 0 and "notebooks%2Fid%2F00-start-here.ipynb" in out.stdout
    bad = subprocess.run([sys.executable, "-m", "helpers.link", "--hub", "nope", "--repo", REPO], capture_output=True, text=True)
    assert bad.returncode == 2 and "https://" in bad.stderr and "Traceback" not in bad.stderr
