"""Writing a plan safely: into a staging copy, validated, then swapped in whole; or not at all.

:func:`write` copies ``data/`` into a staging folder beside it (``.article-staging-*`` in the
kit's root, on the same disk), writes everything there (:func:`.writing.write_files`: the
article, its sheets, the names report, the datapackage and the two lesson sources), runs
``python -m helpers.data validate`` on the copy, and only when that passes moves the new files
into place: the lesson sources one by one, then the whole ``data/`` folder, by renames that need
no free space. Any error before that (a full disk, a file that cannot be written, data that would
not validate) leaves the kit exactly as it was, with an
:class:`~kit_teacher.article.errors.AddError` that says why; a rename that fails is undone. A
staging folder left by a killed run is removed by the next one.

Examples
--------
>>> STAGING
'.article-staging-'
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import helpers
from helpers.i18n import LANGUAGES

from .errors import AddError
from .planning import Plan
from .writing import write_files

__all__ = ["STAGING", "validate", "write"]

#: The name of the staging folder (a prefix: the rest is random), in the kit's root.
STAGING = ".article-staging-"
#: How many of the validator's problems a refusal quotes.
_QUOTED = 12


def validate(root: Path) -> list[str]:
    """The problems ``python -m helpers.data validate`` finds in the kit at ``root`` (empty: valid).

    It runs in its own process (``KIT_ROOT=root``), so no table cached from the kit itself is
    read in place of the copy's.
    """
    package_parent = str(Path(helpers.__file__).resolve().parent.parent)
    env = {k: v for k, v in os.environ.items() if k not in ("KIT_ROOT", "PYTHONPATH")}
    env.update(KIT_ROOT=str(root), PYTHONPATH=package_parent)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "helpers.data", "validate"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return [str(exc)]
    if done.returncode == 0:
        return []
    lines = done.stdout.splitlines()[:-1] if done.returncode == 1 else (done.stdout + done.stderr).splitlines()[-5:]
    return lines or [f"exit status {done.returncode}"]


def _remove_leftovers(root: Path) -> None:
    for old in root.glob(f"{STAGING}*"):
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)


def _swap(staging: Path, root: Path, lessons: list[str]) -> None:
    """Move the staged lesson sources, then the staged ``data/``, into ``root``; undo all on failure."""
    undo: list[Callable[[], None]] = []
    old = staging / "replaced"
    old.mkdir(exist_ok=True)
    try:
        for rel in lessons:
            target, new, kept = root / rel, staging / rel, old / rel
            if os.path.lexists(target):  # --force: the earlier lesson is kept until all is done
                kept.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, kept)
                undo.append(lambda target=target, kept=kept: os.replace(kept, target))
            os.replace(new, target)
            undo.append(lambda target=target, kept=kept: None if kept.exists() else target.unlink())
        os.replace(root / "data", old / "data")
        undo.append(lambda: os.replace(old / "data", root / "data"))
        os.replace(staging / "data", root / "data")
    except OSError:
        for step in reversed(undo):
            try:
                step()
            except OSError:
                pass
        raise


def write(p: Plan) -> list[str]:
    """Write a :class:`~kit_teacher.article.planning.Plan` into the kit whole, or change nothing.

    Returns the files written, relative to the kit's root.

    Raises
    ------
    AddError
        ``no_space`` when something could not be written (a full disk, no permission), ``invalid``
        when the kit's data would not validate with the article (its problems quoted).

    Examples
    --------
    >>> import shutil, tempfile
    >>> from helpers.paths import kit_root
    >>> from kit_teacher.article.planning import plan
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("data", "notebooks/src"):
    ...     _ = shutil.copytree(kit_root() / name, root / name)
    >>> page = root / "berita.txt"
    >>> _ = page.write_text("Pasukan tiba di Sirte pada Senin.\\nBaca Juga\\n", encoding="utf-8")
    >>> files = write(plan(page, article="C", publisher="Uji", published="2020-01-20", url="https://example.org", root=root))
    >>> files[0], files[-1], list(root.glob(STAGING + "*"))
    ('data/articles/C-original.txt', 'notebooks/src/en/08-article-c.md', [])
    >>> shutil.rmtree(root)
    """
    root = p.root
    _remove_leftovers(root)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=root))
    except OSError as exc:
        raise AddError("no_space", error=exc.strerror or str(exc)) from None
    try:
        try:
            shutil.copytree(root / "data", staging / "data", symlinks=True)
            for lang in LANGUAGES:
                (staging / "notebooks" / "src" / lang).mkdir(parents=True)
            written = write_files(dataclasses.replace(p, root=staging))
        except OSError as exc:
            raise AddError("no_space", error=exc.strerror or str(exc)) from None
        problems = validate(staging)
        if problems:
            more = [f"... ({len(problems) - _QUOTED} more)"] if len(problems) > _QUOTED else []
            raise AddError("invalid", problems="\n".join(problems[:_QUOTED] + more))
        lessons = [rel for rel in written if rel.startswith("notebooks/")]
        try:
            _swap(staging, root, lessons)
        except OSError as exc:
            raise AddError("no_space", error=exc.strerror or str(exc)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written
