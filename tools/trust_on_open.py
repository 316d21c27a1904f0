"""A Jupyter server extension: a lesson notebook opens trusted while it is exactly as the kit built it.

A notebook's stored maps show only when the notebook is trusted. Every student's copy on a hub (an
nbgitpuller clone), on Binder or on a laptop opens untrusted, so before this hook the map area
said "The map shows once this notebook is trusted..." until the student ran the cells. When the
Jupyter server reads a notebook to open it, this hook trusts it if, and only if:

- its path has the shape of a lesson of the kit, ``.../notebooks/<ll>/<NN>-<name>.ipynb``
  (``ll`` two lowercase letters, ``NN`` two digits); and
- the kit's manifest beside it, ``.../notebooks/TRUSTED.sha256`` (written by ``make notebooks``,
  ``tools/trust.py``), lists that notebook, ``<ll>/<NN>-<name>.ipynb``, with the SHA-256 of the
  file's bytes as read now.

Any other file, a notebook the manifest does not list, and a lesson the student (or anyone) has
changed since (its hash differs) open as Jupyter opens them: untrusted unless signed by the
student. Only the bytes that were hashed are trusted: the hook compares them, parsed, with the
notebook the server read, so a file changed between the two reads is not trusted. Trust is not
written anywhere: a student's later save is signed by Jupyter's own rule (all outputs trusted).

The module stands alone (the standard library, nbformat and jupyter_server only), since a hub's
image has no copy of the kit: ``python -m tools.trust install`` copies it into an environment's
site-packages as ``libya_kit_trust_on_open`` and enables it in that environment's
``etc/jupyter/jupyter_server_config.d/``; ``make lab``, ``postBuild`` (Binder, the hub image) and the
hub test's user environment run it.

Examples
--------
>>> lesson_name("kit/notebooks/en/03-mapping-control.ipynb"), lesson_name("kit/notes/en/03-x.ipynb")
('en/03-mapping-control.ipynb', None)
>>> lesson_name("notebooks/en/Untitled.ipynb"), lesson_name("notebooks/en/../03-x.ipynb")
(None, None)
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path, PurePosixPath
from typing import Any

MANIFEST = "TRUSTED.sha256"
_LESSON = re.compile(r"[a-z]{2}/[0-9]{2}-[a-z0-9-]+\.ipynb")

__all__ = ["MANIFEST", "lesson_name", "listed_bytes", "trust_on_open"]


def lesson_name(path: str) -> str | None:
    """``ll/NN-name.ipynb`` when ``path`` (an API path) has a lesson's shape under ``notebooks/``, else None."""
    parts = PurePosixPath(path).parts
    if len(parts) < 3 or parts[-3] != "notebooks":
        return None
    name = f"{parts[-2]}/{parts[-1]}"
    return name if _LESSON.fullmatch(name) else None


def listed_bytes(notebook: Path, name: str) -> bytes | None:
    """The notebook's bytes when ``notebooks/TRUSTED.sha256`` beside it lists them under ``name``, else None."""
    try:
        data = notebook.read_bytes()
        lines = (notebook.parent.parent / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return data if f"{hashlib.sha256(data).hexdigest()}  {name}" in lines else None


def trust_on_open(contents_manager: Any) -> None:
    """Make ``contents_manager`` trust, as it opens them, the lessons its folder's manifest lists.

    Wraps the manager's ``mark_trusted_cells`` (what every Jupyter contents manager calls on the
    notebook it has just read): Jupyter's own check runs as before, then the cells are marked
    trusted when the notebook is a listed lesson (:func:`lesson_name`, :func:`listed_bytes`).
    """
    import nbformat
    from jupyter_server.utils import to_os_path

    check = contents_manager.mark_trusted_cells

    def mark_trusted_cells(nb: Any, path: str = "") -> None:
        name = lesson_name(path.strip("/"))
        data = name and listed_bytes(Path(to_os_path(path.strip("/"), contents_manager.root_dir)), name)
        try:
            same = bool(data) and nbformat.reads(data.decode("utf-8"), as_version=4) == nb
        except Exception:  # changed between the two reads, and no longer a notebook: not the kit's
            same = False
        if same:
            contents_manager.notary.mark_cells(nb, True)
            contents_manager.log.info("Notebook %s is trusted: the kit built it (%s)", path, MANIFEST)
        else:
            check(nb, path)

    contents_manager.mark_trusted_cells = mark_trusted_cells


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": __name__}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    trust_on_open(serverapp.contents_manager)
