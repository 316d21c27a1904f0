"""The READMEs a newcomer reads: an Open in Colab link for every notebook of both editions.

The links open the student edition (the `student` branch that `make release` publishes), whose first
cell installs the kit from that same branch (tests/test_release.py checks the build).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[a-z][a-z]/[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("readme", ["README.md", "README.id.md"])
def test_every_notebook_has_an_open_in_colab_link(readme):
    text = (ROOT / readme).read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        rel = path.relative_to(ROOT).as_posix()
        assert f"colab.research.google.com/github/libya-kit/libya-kit/blob/student/{rel})" in text, rel
