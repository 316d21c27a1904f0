"""The notebooks and their MyST sources: built from them, executed, paired across languages, light."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

from helpers.paths import notebook_name
from tools import notebooks as nbtool

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "notebooks" / "src"
LANG_LINE = re.compile(r'helpers\.set_language\("(en|id)"\)')
#: The first cell's message when Colab has no internet, in each edition's language (test_bootstrap.py).
MESSAGE_LINE = re.compile(r'raise UsageError\("[^"\n]*"\)')
LESSON = "01-reading-the-news"
#: The Indonesian edition's file name of LESSON (each edition is named in its own language).
ID_LESSON = notebook_name(LESSON, "id")


def slugs() -> list[str]:
    return sorted(p.stem for p in (SRC / "en").glob("*.md"))


def name(slug: str, lang: str) -> str:
    """The file name (no suffix) of lesson ``slug`` in edition ``lang``."""
    return notebook_name(slug, lang)


@pytest.fixture
def src_copy(tmp_path) -> Path:
    """A copy of notebooks/src/ a test may break."""
    shutil.copytree(SRC, tmp_path / "src")
    return tmp_path / "src"


def edit(path: Path, change) -> None:
    """Read a MyST source as jupytext does, let `change` alter the notebook, write it back."""
    nb = jupytext.reads(path.read_text(encoding="utf-8"), fmt="md:myst")
    change(nb)
    path.write_text(jupytext.writes(nb, fmt="md:myst"), encoding="utf-8")


def code_cell(nb, n: int = 1):
    """The n-th code cell after the language line (n=1: the first one)."""
    return [c for c in nb.cells if c.cell_type == "code" and "set_language" not in c.source][n - 1]


def build(src: Path, out: Path, capsys) -> tuple[int, str]:
    code = nbtool.main(["build", "--src", str(src), "--out", str(out)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_notebooks_match_their_sources_and_are_executed():
    problems = nbtool.check()
    assert not problems, "\n".join(problems)


def test_check_command_runs_as_a_module():
    out = subprocess.run(
        [sys.executable, "-m", "tools.notebooks", "check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "all notebooks match their sources" in out.stdout


def test_names_follow_nn_slug():
    for path in list((ROOT / "notebooks").rglob("*.ipynb")) + list(SRC.rglob("*.md")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        assert re.fullmatch(r"\d\d-[a-z0-9-]+\.(ipynb|md)", path.name), path
    for lang in ("en", "id"):
        names = sorted(name(slug, lang) for slug in slugs())
        assert sorted(p.stem for p in (ROOT / "notebooks" / lang).glob("*.ipynb")) == names
        assert sorted(p.stem for p in (SRC / lang).glob("*.md")) == names
    assert not list(SRC.glob("*.yml")), "the sources are MyST notebooks in notebooks/src/en and notebooks/src/id"


@pytest.mark.parametrize("slug", slugs())
def test_sources_are_as_jupytext_saves_them(slug):
    """Opening a source in JupyterLab and saving it leaves the file as it is (no churn)."""
    for lang in ("en", "id"):
        text = (SRC / lang / f"{name(slug, lang)}.md").read_text(encoding="utf-8")
        nb = jupytext.reads(text, fmt="md:myst")
        assert jupytext.writes(nb, fmt="md:myst") == text, f"{lang}/{name(slug, lang)}.md"
        assert nb.metadata["kit"]["title"].strip()
        assert all(isinstance(c.metadata.get("id"), str) for c in nb.cells), f"{lang}/{slug}.md: a cell has no id"


@pytest.mark.parametrize("slug", slugs())
def test_editions_have_the_same_code(slug):
    en = nbformat.read(ROOT / "notebooks" / "en" / f"{slug}.ipynb", as_version=4)
    id_ = nbformat.read(ROOT / "notebooks" / "id" / f"{name(slug, 'id')}.ipynb", as_version=4)
    assert [(c.id, c.cell_type) for c in en.cells] == [(c.id, c.cell_type) for c in id_.cells]
    code_en = [MESSAGE_LINE.sub("MESSAGE", LANG_LINE.sub("LANG", c.source)) for c in en.cells if c.cell_type == "code"]
    code_id = [MESSAGE_LINE.sub("MESSAGE", LANG_LINE.sub("LANG", c.source)) for c in id_.cells if c.cell_type == "code"]
    assert code_en == code_id
    assert any('helpers.set_language("en")' in c.source for c in en.cells)
    assert any('helpers.set_language("id")' in c.source for c in id_.cells)
    for nb, lang in ((en, "en"), (id_, "id")):
        assert nb.metadata["kit"]["language"] == lang
        assert nb.metadata["kit"]["lesson"] == slug
        assert nb.metadata["kit"]["source"] == f"notebooks/src/{lang}/{name(slug, lang)}.md"
        assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("slug", slugs())
def test_no_error_outputs_and_no_machinery_in_notebooks(slug):
    for lang in ("en", "id"):
        nb = nbformat.read(ROOT / "notebooks" / lang / f"{name(slug, lang)}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            assert not re.search(r"^\s*(def|class)\s", cell.source, re.MULTILINE), (
                f"{lang}/{slug}: notebooks import machinery from helpers, they do not define it"
            )
            for out in cell.outputs:
                assert out.output_type != "error", f"{lang}/{slug} cell {cell.id}: {out.get('ename')}"
                if out.output_type == "stream":
                    assert out.name != "stderr" or not out.text.strip(), f"{lang}/{slug} cell {cell.id}: {out.text}"


def test_committed_notebooks_stay_light():
    total = sum(p.stat().st_size for p in (ROOT / "notebooks").rglob("*.ipynb"))
    assert total < 15 * 1024 * 1024, f"notebooks weigh {total / 1e6:.1f} MB; keep them under 15 MB"


def test_an_intact_copy_builds_the_committed_cells(src_copy, tmp_path, capsys):
    code, output = build(src_copy, tmp_path / "out", capsys)
    assert code == 0, output
    for slug in slugs():
        for lang in ("en", "id"):
            built = nbformat.read(tmp_path / "out" / lang / f"{name(slug, lang)}.ipynb", as_version=4)
            committed = nbformat.read(ROOT / "notebooks" / lang / f"{name(slug, lang)}.ipynb", as_version=4)
            assert [(c.id, c.cell_type, c.source) for c in built.cells] == [
                (c.id, c.cell_type, c.source) for c in committed.cells
            ]


def test_build_refuses_when_the_code_differs(src_copy, tmp_path, capsys):
    cell_id = {}

    def change(nb):
        cell = code_cell(nb)
        cell_id["id"] = cell.metadata["id"]
        cell.source += "\nprint('only in Indonesian')"

    edit(src_copy / "id" / f"{ID_LESSON}.md", change)
    code, output = build(src_copy, tmp_path / "out", capsys)
    assert code == 1
    assert f"{LESSON}, cell {cell_id['id']}: the code differs between the editions" in output
    assert "+print('only in Indonesian')" in output  # the difference itself is shown
    assert not (tmp_path / "out").exists(), "a refused build writes nothing"
    assert any(cell_id["id"] in p for p in nbtool.check(src_copy, ROOT / "notebooks"))


def test_build_refuses_when_a_cell_is_missing_from_one_edition(src_copy, tmp_path, capsys):
    removed = {}

    def change(nb):
        cell = [c for c in nb.cells if c.cell_type == "markdown"][2]
        removed["id"] = cell.metadata["id"]
        nb.cells.remove(cell)

    edit(src_copy / "en" / f"{LESSON}.md", change)
    code, output = build(src_copy, tmp_path / "out", capsys)
    assert code == 1
    assert f"{LESSON}: the editions do not have the same cells" in output
    assert f"+markdown {removed['id']}" in output
    assert not (tmp_path / "out").exists()


def test_build_refuses_different_ids_or_types(src_copy, tmp_path, capsys):
    def rename(nb):
        code_cell(nb).metadata["id"] = "renamed-in-english"

    edit(src_copy / "en" / f"{LESSON}.md", rename)
    code, output = build(src_copy, tmp_path / "out", capsys)
    assert code == 1 and "-code renamed-in-english" in output

    shutil.copy(SRC / "en" / f"{LESSON}.md", src_copy / "en" / f"{LESSON}.md")

    def to_markdown(nb):
        cell = code_cell(nb)
        index = nb.cells.index(cell)
        nb.cells[index] = nbformat.v4.new_markdown_cell(cell.source, metadata=dict(cell.metadata))

    edit(src_copy / "id" / f"{ID_LESSON}.md", to_markdown)
    code, output = build(src_copy, tmp_path / "out", capsys)
    assert code == 1 and "the editions do not have the same cells" in output and "+markdown" in output


def test_build_refuses_the_wrong_language_line(src_copy, tmp_path, capsys):
    path = src_copy / "en" / f"{LESSON}.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace('set_language("en")', 'set_language("id")'), encoding="utf-8"
    )
    code, output = build(src_copy, tmp_path / "out", capsys)
    assert code == 1
    assert f'{LESSON} (en): helpers.set_language("id") in the en edition' in output


def test_build_refuses_from_the_command_line(src_copy, tmp_path):
    edit(src_copy / "id" / f"{ID_LESSON}.md", lambda nb: setattr(code_cell(nb), "source", "x = 'changed'"))
    out = subprocess.run(
        [sys.executable, "-m", "tools.notebooks", "build", "--src", str(src_copy), "--out", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    assert "cannot build the notebooks" in out.stderr and "+x = 'changed'" in out.stderr


def test_a_lesson_needs_both_editions(src_copy, tmp_path, capsys):
    (src_copy / "id" / f"{ID_LESSON}.md").unlink()
    code, output = build(src_copy, tmp_path / "out", capsys)
    assert code == 1 and f"en/{LESSON}.md has no id edition" in output


def test_source_errors_name_the_file_and_cell(tmp_path):
    bad = tmp_path / "99-broken.md"
    bad.write_text("---\nkit:\n  title: Broken\n---\n\n# Broken\n", encoding="utf-8")
    with pytest.raises(nbtool.SourceError, match=r"99-broken\.md: cell 1 \(markdown, '# Broken'\) has no id"):
        nbtool.load_source(bad)
    bad.write_text('---\nkit:\n  minutes: 5\n---\n\n+++ {"id": "a"}\n\n# Broken\n', encoding="utf-8")
    with pytest.raises(
        nbtool.SourceError, match=r"99-broken\.md: the front matter needs `kit:` with a non-empty `title:`"
    ):
        nbtool.load_source(bad)
    bad.write_text(
        '---\nkit:\n  title: T\n---\n\n+++ {"id": "a"}\n\n# One\n\n+++ {"id": "a"}\n\n# Two\n', encoding="utf-8"
    )
    with pytest.raises(nbtool.SourceError, match=r"cell 2 \(markdown, '# Two'\) has the id 'a' of cell 1"):
        nbtool.load_source(bad)


def test_new_cells_get_the_same_new_id_in_both_editions(src_copy, tmp_path, capsys):
    before = [c.metadata["id"] for c in jupytext.read(src_copy / "en" / f"{LESSON}.md").cells]

    def add(text):
        def change(nb):
            at = nb.cells.index(code_cell(nb)) + 1
            nb.cells[at:at] = [nbformat.v4.new_code_cell("x = 42"), nbformat.v4.new_markdown_cell(text)]

        return change

    edit(src_copy / "en" / f"{LESSON}.md", add("A new paragraph."))
    edit(src_copy / "id" / f"{ID_LESSON}.md", add("Paragraf baru."))
    code, output = build(src_copy, tmp_path / "out", capsys)
    assert code == 1 and "has no id" in output  # build refuses until the new cells have ids

    assert nbtool.main(["ids", "--src", str(src_copy)]) == 0
    capsys.readouterr()
    ids = {
        lang: [c.metadata["id"] for c in jupytext.read(src_copy / lang / f"{name(LESSON, lang)}.md").cells]
        for lang in ("en", "id")
    }
    assert ids["en"] == ids["id"]
    new = [i for i in ids["en"] if i not in before]
    assert len(new) == 2 and all(i.startswith(f"{LESSON}-") for i in new)
    assert [i for i in ids["en"] if i in before] == before, "no existing id changes"
    code, output = build(src_copy, tmp_path / "out", capsys)
    assert code == 0, output
    # The other lessons' sources are untouched.
    for slug in slugs():
        if slug != LESSON:
            assert (src_copy / "en" / f"{slug}.md").read_text() == (SRC / "en" / f"{slug}.md").read_text()


def test_ids_refuses_a_new_cell_in_one_edition_only(src_copy):
    edit(src_copy / "en" / f"{LESSON}.md", lambda nb: nb.cells.insert(3, nbformat.v4.new_code_cell("y = 1")))
    with pytest.raises(
        nbtool.SourceError, match=rf"{LESSON}: new cells after cell \S+: en has \['code'\], id has none"
    ):
        nbtool.assign_ids(LESSON, src_copy)
    assert (src_copy / "id" / f"{ID_LESSON}.md").read_text() == (SRC / "id" / f"{ID_LESSON}.md").read_text()


def test_editions_pair_by_number_and_keep_their_own_names(src_copy, tmp_path, capsys):
    assert nbtool.lessons(src_copy) == slugs()
    assert nbtool.lessons(src_copy, [ID_LESSON]) == nbtool.lessons(src_copy, [LESSON]) == [LESSON]
    code, output = build(src_copy, tmp_path / "out", capsys)
    assert code == 0, output
    assert (tmp_path / "out" / "id" / f"{ID_LESSON}.ipynb").is_file()
    assert not (tmp_path / "out" / "id" / f"{LESSON}.ipynb").exists()


def test_check_names_a_notebook_left_under_an_old_name(tmp_path):
    out = tmp_path / "notebooks"
    for lang in ("en", "id"):
        shutil.copytree(ROOT / "notebooks" / lang, out / lang)
    shutil.copy(out / "id" / f"{ID_LESSON}.ipynb", out / "id" / f"{LESSON}.ipynb")
    problems = nbtool.check(SRC, out)
    assert any(p.startswith(f"{out / 'id' / LESSON}.ipynb has no source") for p in problems), problems


def test_two_sources_with_one_number_are_refused(src_copy):
    shutil.copy(src_copy / "id" / f"{ID_LESSON}.md", src_copy / "id" / f"{LESSON[:3]}another-name.md")
    with pytest.raises(nbtool.SourceError, match=r"are both lesson 01: keep one"):
        nbtool.lessons(src_copy)
