"""Where the kit's files are: ``data/``, ``lessons/`` and, in a checkout, ``notebooks/``.

Two layouts, found in this order:

1. **A copy of the repository** (a laptop checkout, Binder, a hub after nbgitpuller, VS Code):
   the folder above the package holds ``data/`` and ``lessons/``; they are used from there, so a
   copy's notebooks always read that copy's facts.
2. **An installed package** (``pip install`` of the repository, e.g. on Colab): the wheel carries
   ``data/`` and the lessons' question banks inside the package, under ``helpers/_kit/``
   (see ``[tool.setuptools]`` in ``pyproject.toml``), found with :mod:`importlib.resources`.

``KIT_ROOT`` in the environment overrides both (tests use it to point the helpers at a copy of
the data).

Examples
--------
>>> from helpers.paths import data_dir
>>> (data_dir() / "datapackage.json").exists()
True
>>> (lessons_dir() / "quiz.schema.json").exists()
True
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["kit_root", "data_dir", "lessons_dir", "notebooks_dir", "installed_root", "lesson_slugs"]

#: A file that only a folder holding the kit's data has.
_MARKER = Path("data") / "datapackage.json"


def installed_root() -> Path:
    """Return the folder inside the installed package that holds ``data/`` and ``lessons/``.

    Examples
    --------
    >>> installed_root().name
    '_kit'
    """
    return Path(str(resources.files(__package__ or "helpers") / "_kit"))


def kit_root() -> Path:
    """Return the folder holding ``data/`` and ``lessons/``.

    The repository root when the package sits in a copy of the repository, else the installed
    package's ``_kit`` folder; ``KIT_ROOT`` overrides both.

    Examples
    --------
    >>> (kit_root() / "data").is_dir()
    True
    """
    override = os.environ.get("KIT_ROOT")
    if override:
        return Path(override)
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / _MARKER).is_file():
        return checkout
    return installed_root()


def data_dir() -> Path:
    """Return the ``data/`` folder."""
    return kit_root() / "data"


def lessons_dir() -> Path:
    """Return the ``lessons/`` folder (question banks and, in a checkout, teacher guides)."""
    return kit_root() / "lessons"


def lesson_slugs() -> list[str]:
    """The lessons of the kit, ``NN-slug``, in order: the folders of ``lessons/`` with a question bank.

    Examples
    --------
    >>> lesson_slugs()[0]
    '00-start-here'
    """
    return sorted(p.parent.name for p in lessons_dir().glob("[0-9][0-9]-*/quiz.yml"))


def notebooks_dir() -> Path:
    """Return the ``notebooks/`` folder (absent from an installed package)."""
    return kit_root() / "notebooks"
