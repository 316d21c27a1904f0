"""Files swapped in whole: a new temporary file beside the target, flushed to disk, then renamed over it.

A crash or a full disk mid-write leaves the old file (or none), never half of one, and a link
planted at the target's name is replaced, never written through. Used for the student's name
(:func:`helpers.progress.set_student`) and the teacher's summary (:mod:`helpers.summary`).

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> target = Path(tempfile.mkdtemp()) / "name.txt"
>>> replace_file(target, "Ayu".encode(), prefix=".name-")
>>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
('Ayu', ['name.txt'])
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["replace_file"]


def replace_file(target: Path, data: bytes, *, prefix: str) -> None:
    """Write ``data`` to a new file named ``prefix...tmp`` beside ``target``, fsync it, rename it over ``target``.

    The new file is readable by all (0644) like any file the kit writes; the temporary file is
    removed if anything fails, and the error (an ``OSError``) is the caller's to report.
    """
    fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)
