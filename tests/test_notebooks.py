"""The committed notebooks: built from their sources, executed, paired across languages, light."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
LANG_LINE = re.compile(r'helpers\.set_language\("(en|id)"\)')

_spec = importlib.util.spec_from_file_location("kit_notebooks_tool", ROOT / "tools" / "notebooks.py")
nbtool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(nbtool)


def slugs() -> list[str]:
    return sorted(p.stem for p in (ROOT / "notebooks" / "src").glob("*.yml"))


def test_notebooks_match_their_sources_and_are_executed():
    problems = nbtool.check()
    assert not problems, "\n".join(problems)


def test_names_follow_nn_slug():
    for path in (ROOT / "notebooks").rglob("*.ipynb"):
        if ".ipynb_checkpoints" in path.parts:
            continue
        assert re.fullmatch(r"\d\d-[a-z0-9-]+\.ipynb", path.name), path
    for lang in ("en", "id"):
        assert sorted(p.stem for p in (ROOT / "notebooks" / lang).glob("*.ipynb")) == slugs()


@pytest.mark.parametrize("slug", slugs())
def test_editions_have_the_same_code(slug):
    en = nbformat.read(ROOT / "notebooks" / "en" / f"{slug}.ipynb", as_version=4)
    id_ = nbformat.read(ROOT / "notebooks" / "id" / f"{slug}.ipynb", as_version=4)
    assert [c.cell_type for c in en.cells] == [c.cell_type for c in id_.cells]
    code_en = [LANG_LINE.sub("LANG", c.source) for c in en.cells if c.cell_type == "code"]
    code_id = [LANG_LINE.sub("LANG", c.source) for c in id_.cells if c.cell_type == "code"]
    assert code_en == code_id
    assert any(f'helpers.set_language("en")' in c.source for c in en.cells)
    assert any(f'helpers.set_language("id")' in c.source for c in id_.cells)
    for nb, lang in ((en, "en"), (id_, "id")):
        assert nb.metadata["kit"]["language"] == lang
        assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("slug", slugs())
def test_no_error_outputs_and_no_machinery_in_notebooks(slug):
    for lang in ("en", "id"):
        nb = nbformat.read(ROOT / "notebooks" / lang / f"{slug}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            assert not re.search(r"^\s*(def|class)\s", cell.source, re.M), (
                f"{lang}/{slug}: notebooks import machinery from helpers, they do not define it"
            )
            for out in cell.outputs:
                assert out.output_type != "error", f"{lang}/{slug} cell {cell.id}: {out.get('ename')}"
                if out.output_type == "stream":
                    assert out.name != "stderr" or not out.text.strip(), f"{lang}/{slug} cell {cell.id}: {out.text}"


def test_committed_notebooks_stay_light():
    total = sum(p.stat().st_size for p in (ROOT / "notebooks").rglob("*.ipynb"))
    assert total < 15 * 1024 * 1024, f"notebooks weigh {total / 1e6:.1f} MB; keep them under 15 MB"


def test_source_errors_name_the_file_and_cell(tmp_path):
    bad = tmp_path / "99-broken.yml"
    bad.write_text("title: {en: a, id: b}\ncells:\n  - md: {en: only english}\n", encoding="utf-8")
    with pytest.raises(nbtool.SourceError, match=r"99-broken\.yml: cell 1 .*'id'"):
        nbtool.load_source(bad)
