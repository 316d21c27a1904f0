"""Only notebooks the kit built are trusted: the manifest is in step, and a changed notebook is left out."""

from __future__ import annotations

import shutil

import nbformat
from nbformat.sign import NotebookNotary

from tools import trust


def test_manifest_matches_the_committed_notebooks():
    assert trust.check() == [], "run `make notebooks` (it records notebooks/TRUSTED.sha256)"
    assert len(trust.manifest()) == len(trust.notebooks()) == 16


def test_a_changed_notebook_is_not_trusted(tmp_path):
    folder = tmp_path / "notebooks"
    shutil.copytree(trust.NOTEBOOKS, folder)
    manifest = folder / "TRUSTED.sha256"
    changed = folder / "en" / "03-mapping-control.ipynb"
    nb = nbformat.read(changed, as_version=4)
    nb.cells[0].source += "\n<script>alert('pulled')</script>"
    nbformat.write(nb, changed)
    (tmp_path / "jupyter").mkdir(exist_ok=True)
    notary = NotebookNotary(data_dir=str(tmp_path / "jupyter"))
    untrusted = trust.apply(folder, manifest, notary=notary)
    assert untrusted == [changed]
    assert not notary.check_signature(nbformat.read(changed, as_version=4))
    assert notary.check_signature(nbformat.read(folder / "id" / "03-memetakan-penguasaan.ipynb", as_version=4))
    assert any("changed since" in problem for problem in trust.check(folder, manifest))


def test_without_a_manifest_nothing_is_trusted(tmp_path):
    folder = tmp_path / "notebooks"
    shutil.copytree(trust.NOTEBOOKS, folder)
    (folder / "TRUSTED.sha256").unlink()
    (tmp_path / "jupyter").mkdir(exist_ok=True)
    notary = NotebookNotary(data_dir=str(tmp_path / "jupyter"))
    assert len(trust.apply(folder, folder / "TRUSTED.sha256", notary=notary)) == 16
