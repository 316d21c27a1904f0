"""The first cell of every lesson: one rule for where the code comes from.

Wherever a notebook opens, ``import helpers`` must give the helpers (and so the data/) of the copy
of the kit the notebook sits in: a laptop checkout, Binder, a student's clone made by nbgitpuller
on a hub, VS Code, Voila. On Colab there is no copy, so the cell installs the kit from the
repository first; without internet it says so in the notebook's language (NO_INTERNET) and stops
the run there. FIRST_CELL is the cell as the lesson sources carry it (``@LANG@`` is the
edition's language, ``@MESSAGE@`` its message); most tests run it in a fresh interpreter, as a
kernel would, from the notebook's folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from IPython.core.error import UsageError
from kit_venv import ROOT, bare_venv, build_wheel

REPOSITORY = "git+https://github.com/libya-kit/libya-kit@main"
#: What the first cell says, in its edition's language, when Colab cannot install the kit.
NO_INTERNET = {
    "en": "Colab needs internet to install this kit, and it has none now. Without internet, use the kit's web "
    "pages (its static site) or your school's Jupyter hub, or run a downloaded copy on a laptop (README).",
    "id": "Colab perlu internet untuk memasang kit ini, dan sekarang tidak ada internet. Tanpa internet, pakai "
    "halaman web kit (situs statisnya) atau JupyterHub sekolahmu, atau jalankan salinan unduhan di laptop (README).",
}
FIRST_CELL = f'''import subprocess, sys
from pathlib import Path

if "google.colab" in sys.modules and subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
        "--no-deps", "{REPOSITORY}"], capture_output=True).returncode:
    from IPython.core.error import UsageError  # one message, no traceback / satu pesan, tanpa traceback
    raise UsageError("@MESSAGE@")
kit = Path.cwd().parent.parent
if (kit / "helpers").is_dir():
    sys.path.insert(0, str(kit))

import helpers
helpers.explain_errors()  # explain my Python errors / jelaskan kesalahan Python-ku
helpers.set_language("@LANG@")
'''

REPORT = """
import json, helpers
from helpers import paths
print(json.dumps({"helpers": helpers.__file__, "data": str(paths.data_dir()),
                  "rows": len(helpers.data.overview()), "lang": helpers.get_language(),
                  "said": helpers.t("lang.switched", name=helpers.t("lang.name"))}))
"""


def cell(lang: str = "en", source: str | None = None) -> str:
    text = FIRST_CELL.replace("@LANG@", lang).replace("@MESSAGE@", NO_INTERNET[lang])
    return text.replace(REPOSITORY, source) if source else text


def run(python: Path | str, code: str, cwd: Path, *, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("KIT_ROOT", "PYTHONPATH", "PYTHONHOME", "KIT_LANG")}
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([str(python), "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def report(out: subprocess.CompletedProcess) -> dict:
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def copy_of_kit(where: Path) -> Path:
    """A copy of the kit as nbgitpuller or a download leaves it: helpers/, data/, lessons/, notebooks/."""
    for name in ("helpers", "data", "lessons"):
        shutil.copytree(ROOT / name, where / name, ignore=shutil.ignore_patterns("__pycache__"))
    for lang in ("en", "id"):
        (where / "notebooks" / lang).mkdir(parents=True)
    return where


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    return build_wheel(tmp_path_factory.mktemp("first-cell") / "build")


@pytest.fixture
def kitless(wheel, tmp_path):
    """A fresh venv with the kit's dependencies only (a hub image, Colab), and the kit's wheel."""
    return bare_venv(tmp_path / "venv"), wheel


@pytest.fixture
def fake_colab(tmp_path):
    """A folder that makes ``import google.colab`` work, as it does at the start of every Colab kernel."""
    folder = tmp_path / "fake-colab"
    (folder / "google" / "colab").mkdir(parents=True)
    (folder / "google" / "colab" / "__init__.py").write_text('"""Stands in for Colab in tests."""\n')
    return folder


def test_the_cell_is_short_and_plain():
    code = [line for line in FIRST_CELL.splitlines() if line.strip()]
    assert len(code) <= 12
    assert not any(line.lstrip().startswith(("%", "!")) for line in code)  # plain Python, runs in any kernel
    compile(cell(), "<first cell>", "exec")


def test_on_colab_it_installs_the_kit_and_continues(kitless, fake_colab, tmp_path):
    python, wheel = kitless
    content = tmp_path / "content"  # Colab's working folder: no copy of the kit anywhere
    content.mkdir()
    before = run(python, "import helpers", content)
    assert "No module named 'helpers'" in before.stderr
    got = report(
        run(python, "import google.colab\n" + cell("id", source=str(wheel)) + REPORT, content, pythonpath=fake_colab)
    )
    venv = python.parent.parent
    assert Path(got["helpers"]).is_relative_to(venv) and Path(got["data"]).is_relative_to(venv)
    assert got["rows"] >= 10 and got["lang"] == "id" and got["said"] == "Bahasa diganti menjadi Bahasa Indonesia."
    # the next run of the cell (Restart and Run All) finds the kit installed and goes on
    again = report(
        run(python, "import google.colab\n" + cell("en", source=str(wheel)) + REPORT, content, pythonpath=fake_colab)
    )
    assert again["helpers"] == got["helpers"] and again["lang"] == "en"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_on_colab_without_internet_it_says_so_in_its_language(monkeypatch, lang):
    calls = []

    def pip_fails(args, **kwargs):
        calls.append((args, kwargs))
        return subprocess.CompletedProcess(args, 1, b"", b"ERROR: Could not find a version (no internet)")

    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    monkeypatch.setattr(subprocess, "run", pip_fails)
    namespace = {"__name__": "__main__"}
    with pytest.raises(UsageError) as stopped:  # IPython shows it as one line, without a traceback
        exec(compile(cell(lang), "<first cell>", "exec"), namespace)
    assert str(stopped.value) == NO_INTERNET[lang]
    ((args, kwargs),) = calls
    assert args[1:4] == ["-m", "pip", "install"] and REPOSITORY in args
    assert kwargs.get("capture_output") is True  # pip's own (red, English) output is not shown
    assert "helpers" not in namespace


def test_without_internet_run_all_stops_at_the_one_message(tmp_path):
    # In a real kernel: the first cell shows the message alone (no traceback, no pip output, no
    # warning, as SystemExit would add), and the run stops there, as "Run All" does at a failed cell.
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('import sys, types; sys.modules["google.colab"] = types.ModuleType("google.colab")'),
        nbformat.v4.new_code_cell(cell("id", source=str(tmp_path / "no-such-kit"))),
        nbformat.v4.new_code_cell("print(helpers.t('lang.name'))"),
    ]
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    with pytest.raises(CellExecutionError):
        client.execute()
    (said,) = nb.cells[1].outputs
    assert said.output_type == "stream" and said.text == f"UsageError: {NO_INTERNET['id']}\n"
    assert nb.cells[2].outputs == [] and nb.cells[2].execution_count is None


def test_off_colab_it_installs_nothing(kitless, tmp_path):
    python, wheel = kitless
    elsewhere = tmp_path / "not-a-kit" / "notebooks" / "en"
    elsewhere.mkdir(parents=True)
    out = run(python, cell("en", source=str(wheel)), elsewhere)
    assert out.returncode == 1 and "No module named 'helpers'" in out.stderr
    assert (
        "libya_kit_helpers"
        not in run(
            python, "import importlib.metadata as m; print([d.name for d in m.distributions()])", elsewhere
        ).stdout
    )


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_copy_on_a_hub_uses_its_own_helpers_and_data(kitless, tmp_path, lang):
    # A hub after nbgitpuller: the image has only the dependencies; the copy is in the home folder.
    python, _ = kitless
    copy = copy_of_kit(tmp_path / "home" / "libya-kit")
    got = report(run(python, cell(lang) + REPORT, copy / "notebooks" / lang))
    assert got["helpers"] == str(copy / "helpers" / "__init__.py")
    assert got["data"] == str(copy / "data") and got["lang"] == lang and got["rows"] >= 10


def test_a_copy_wins_over_an_installed_kit(tmp_path):
    # VS Code or Voila on a machine where some kit is installed (this test environment has the
    # checkout installed in editable mode): the notebook still uses the copy it sits in, so the
    # updates nbgitpuller pulls into the copy are what runs.
    copy = copy_of_kit(tmp_path / "downloads" / "libya-kit")
    strings = copy / "helpers" / "strings" / "core.yml"
    strings.write_text(
        strings.read_text(encoding="utf-8").replace("Language set to", "Language now set to"), encoding="utf-8"
    )
    got = report(run(sys.executable, cell() + REPORT, copy / "notebooks" / "en"))
    assert got["helpers"] == str(copy / "helpers" / "__init__.py") and got["data"] == str(copy / "data")
    assert got["said"] == "Language now set to English."
    outside = report(run(sys.executable, cell() + REPORT, tmp_path))  # not in a copy: the installed kit
    assert outside["helpers"] == str(ROOT / "helpers" / "__init__.py")


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "notebooks").glob("[a-z][a-z]/[0-9][0-9]-*.ipynb")),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_notebook_starts_with_the_first_cell(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    source = "".join(first["source"]) if isinstance(first["source"], list) else first["source"]
    assert source.startswith(cell(path.parent.name).rstrip("\n")), source[:400]
