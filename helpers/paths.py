"""Where the kit's files are: the repository root, ``data/`` and ``lessons/``.

The package is installed in editable mode from the repository, so the folders are found next to
the package. ``KIT_ROOT`` in the environment overrides the root (tests use it to point the
helpers at a copy of the data).

Examples
--------
>>> from helpers.paths import data_dir
>>> (data_dir() / "README.md").exists()
True
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["kit_root", "data_dir", "lessons_dir", "notebooks_dir"]


def kit_root() -> Path:
    """Return the repository root (the folder holding ``data/`` and ``helpers/``)."""
    override = os.environ.get("KIT_ROOT")
    return Path(override) if override else Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Return the ``data/`` folder."""
    return kit_root() / "data"


def lessons_dir() -> Path:
    """Return the ``lessons/`` folder (question banks and teacher guides)."""
    return kit_root() / "lessons"


def notebooks_dir() -> Path:
    """Return the ``notebooks/`` folder."""
    return kit_root() / "notebooks"
