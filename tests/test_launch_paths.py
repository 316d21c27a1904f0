"""Where each launch path finds the kit's notebooks and assets (issue 16).

Notebook file names: JupyterLab names a tab by the file name, so no two notebooks of the kit may
share one (the two editions of a lesson would open as two tabs named the same); the one table of
names is ``helpers.paths.NOTEBOOK_NAMES``, and the files on disk must be exactly the ones it names.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

from helpers.paths import NOTEBOOK_NAMES, lesson_of, lesson_slugs, notebook_name, notebook_path

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
        assert on_disk == sorted(notebook_name(slug, lang) for slug in NOTEBOOK_NAMES), lang
        sources = sorted(p.stem for p in (ROOT / "notebooks" / "src" / lang).glob("*.md"))
        assert sources == on_disk, lang
    for slug in NOTEBOOK_NAMES:
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
