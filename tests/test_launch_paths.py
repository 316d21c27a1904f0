"""Where each launch path finds the kit's notebooks and assets (issue 16).

Notebook file names: JupyterLab names a tab by the file name, so no two notebooks of the kit may
share one (the two editions of a lesson would open as two tabs named the same); the one table of
names is ``helpers.paths.NOTEBOOK_NAMES``, and the files on disk must be exactly the ones it names.

Leaflet for the maps: in VS Code and Voilà no Jupyter server serves the kit's files to the map, so
the map carries Leaflet inline (``helpers/maps/leaflet.py``); everywhere else it stays small. The
browser tests of both platforms are in ``tests/browser/test_launch_platforms.py``.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from helpers import maps
from helpers.maps import leaflet
from helpers.paths import NOTEBOOK_NAMES, lesson_of, lesson_slugs, notebook_name, notebook_names, notebook_path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "id")


def test_no_two_notebooks_share_a_file_name():
    names = Counter(p.name for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    assert names and [n for n, count in names.items() if count > 1] == []
    sources = Counter(p.name for p in (ROOT / "notebooks" / "src").rglob("*.md"))
    assert [n for n, count in sources.items() if count > 1] == []


def test_the_table_names_every_notebook_and_source_on_disk():
    assert sorted(NOTEBOOK_NAMES) == lesson_slugs()
    for lang in LANGS:
        on_disk = sorted(p.stem for p in (ROOT / "notebooks" / lang).glob("*.ipynb"))
        assert on_disk == sorted(notebook_name(slug, lang) for slug in notebook_names()), lang
        sources = sorted(p.stem for p in (ROOT / "notebooks" / "src" / lang).glob("*.md"))
        assert sources == on_disk, lang
    for slug in notebook_names():
        assert notebook_name(slug, "en") == slug  # the English edition is named by the lesson's slug
        for lang in LANGS:
            assert notebook_path(slug, lang).is_file()
            assert notebook_name(slug, lang)[:3] == slug[:3]  # editions pair by their NN prefix
            assert lesson_of(notebook_name(slug, lang)) == slug


def test_no_stale_file_name_is_left_in_the_repository():
    """Nothing names an Indonesian notebook by its English name (``notebooks/id/00-start-here...``)."""
    stale = [f"id/{slug}" for slug in NOTEBOOK_NAMES] + [f"id%2F{slug}" for slug in NOTEBOOK_NAMES]
    found = []
    for needle in stale:
        out = subprocess.run(
            ["git", "grep", "-n", "-F", needle, "--", ".", ":!tests/test_launch_paths.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        found += out.stdout.splitlines()
    assert found == []


# --- Leaflet where no Jupyter server serves the kit's files (VS Code, Voilà)

MARKERS = ("VSCODE_PID", "VSCODE_CWD", "SERVER_SOFTWARE", "VOILA_BASE_URL", "VOILA_PREHEAT", "KIT_ASSET_URL")


@pytest.fixture
def plain_env(monkeypatch):
    """No platform marker and no asset setting, whatever shell the tests run from."""
    for name in MARKERS:
        monkeypatch.delenv(name, raising=False)
    leaflet.set_asset_base(None)
    yield monkeypatch
    leaflet.set_asset_base(None)


def _page(m) -> str:
    import html as html_module

    return html_module.unescape(m._repr_html_())


@pytest.mark.parametrize(
    "env,platform",
    [
        ({}, "jupyter"),
        ({"VSCODE_PID": "4242"}, "vscode"),
        ({"VSCODE_CWD": "/home/ayu"}, "vscode"),
        ({"SERVER_SOFTWARE": "voila/0.5.13", "SCRIPT_NAME": "/voila/render/notebooks/en/x.ipynb"}, "voila"),
        ({"VOILA_PREHEAT": "True"}, "voila"),
        ({"SERVER_SOFTWARE": "Apache/2.4"}, "jupyter"),  # a CGI variable of something else
        ({"VSCODE_PID": ""}, "jupyter"),
    ],
)
def test_the_kernel_knows_where_it_runs(env, platform):
    assert leaflet.launch_platform(env) == platform


def test_in_jupyter_the_map_finds_leaflet_and_stays_small(plain_env):
    page = _page(maps.control_map("2020-06-10"))
    assert 'id="kit-leaflet-js"' not in page and 'id="kit-leaflet-css"' not in page
    assert leaflet.CDN_JS in page  # the last resort, tried only when no local copy answers
    assert maps.html_size(maps.control_map("2020-06-10")) <= 200_000


@pytest.mark.parametrize(
    "markers",
    [
        {"VSCODE_PID": "4242", "VSCODE_CWD": "/home/ayu/kit"},
        {"SERVER_SOFTWARE": "voila/0.5.13", "VOILA_BASE_URL": "/", "SCRIPT_NAME": "/voila/render/x.ipynb"},
        {"KIT_ASSET_URL": "inline"},
    ],
    ids=["vscode", "voila", "asked"],
)
def test_where_no_server_serves_the_kit_leaflet_is_inline(plain_env, markers):
    for name, value in markers.items():
        plain_env.setenv(name, value)
    page = _page(maps.control_map("2020-06-10"))
    script = (leaflet.asset_dir() / "leaflet" / "leaflet.js").read_text(encoding="utf-8")
    assert 'id="kit-leaflet-js"' in page and script[-2000:] in page  # the whole script, to its end
    assert 'id="kit-leaflet-css"' in page and "url(data:image/png;base64," in page  # the control's icon
    assert "images/layers" not in page
    assert leaflet.CDN_JS not in page and leaflet.CDN_CSS not in page and "jsdelivr" not in page


def test_set_asset_base_inline_and_an_address_wins_over_detection(plain_env):
    leaflet.set_asset_base("inline")
    assert 'id="kit-leaflet-js"' in _page(maps.control_map("2020-06-10"))
    leaflet.set_asset_base(None)
    plain_env.setenv("VSCODE_PID", "4242")
    plain_env.setenv("KIT_ASSET_URL", "https://school.example/kit/static/")
    page = _page(maps.control_map("2020-06-10"))
    assert 'id="kit-leaflet-js"' not in page and "https://school.example/kit/static/" in page


def test_notebooks_are_built_without_the_platform_markers(plain_env, tmp_path):
    """`make notebooks` run from VS Code's terminal stores small maps, like anywhere else."""
    from tools import notebooks as nbtool

    plain_env.setenv("VSCODE_PID", "4242")
    plain_env.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("import os; print(os.environ.get('VSCODE_PID'), os.environ.get('SERVER_SOFTWARE'))")
    ]
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    nbtool.execute(path, timeout=120)
    assert nbformat.read(path, as_version=4).cells[0].outputs[0].text.strip() == "None None"


def test_the_lesson_of_an_added_article_is_found_by_its_number(tmp_path, monkeypatch):
    """A teacher's own article (kit_teacher.article add) brings NN-article-c / NN-berita-c: found and paired."""
    from helpers import paths

    for lang, name in (("en", "08-article-c"), ("id", "08-berita-c")):
        (tmp_path / "src" / lang).mkdir(parents=True)
        (tmp_path / "src" / lang / f"{name}.md").write_text("# C\n", encoding="utf-8")
    (tmp_path / "src" / "en" / "00-start-here.md").write_text("# 00\n", encoding="utf-8")  # the table wins
    monkeypatch.setattr(paths, "notebooks_dir", lambda: tmp_path)
    assert paths.notebook_name("08-article-c", "id") == "08-berita-c"
    assert paths.lesson_of("08-berita-c.ipynb") == "08-article-c"
    assert paths.notebook_names()["00-start-here"] == NOTEBOOK_NAMES["00-start-here"]
    assert paths.lesson_of("09-nothing") is None
