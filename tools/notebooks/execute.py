"""Run a built notebook in a kernel, in place, keeping its outputs (``make notebooks``).

The kernel starts without the variables by which the maps recognise VS Code and Voilà, so the
committed notebooks are the same wherever they are built.

Examples
--------
>>> [name.startswith(_PLATFORM_VARIABLES) for name in ("VSCODE_PID", "VOILA_BASE_URL", "HOME")]
[True, True, False]
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat

from .build import write

__all__ = ["execute"]

#: Environment variables by which helpers/maps/leaflet.py recognises VS Code and Voilà.
_PLATFORM_VARIABLES = ("VSCODE_", "VOILA_", "SERVER_SOFTWARE")


def execute(path: Path, timeout: int = 300) -> None:
    """Run a written notebook in place, keeping its outputs but no live widget views."""
    from nbclient import NotebookClient  # only `execute` needs a kernel client

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    # The committed notebooks are for every platform: a kernel started from VS Code's terminal (or
    # by Voilà) would put Leaflet into every map (helpers/maps/leaflet.py), so those variables go.
    env = {k: v for k, v in os.environ.items() if not k.startswith(_PLATFORM_VARIABLES)}
    client.execute(env=env)
    # Widget views need a live kernel: a stored one would show "model not found" in a freshly opened
    # notebook. Keep the text form (e.g. a quiz's questions, never its answers) until cells are run.
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}
    write(nb, path)
