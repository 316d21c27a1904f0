"""Where the progress is kept and how its files are written: appended under a lock, or swapped in whole.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.progress._files``.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> target = Path(tempfile.mkdtemp()) / "name.txt"
>>> replace_file(target, "Ayu".encode(), prefix=".name-")
>>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
('Ayu', ['name.txt'])
>>> log = target.with_name("log.jsonl")
>>> with locked(log):
...     append_line(log, b'{"item": "q1"}\\n')
>>> log.read_bytes()
b'{"item": "q1"}\\n'
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ..i18n import t

__all__ = ["LOCK_TIMEOUT", "append_line", "locked", "progress_file", "replace_file"]

#: How long :func:`locked` waits for another process's lock before giving up, in seconds.
LOCK_TIMEOUT = 10.0


def progress_file() -> Path:
    """Return the path of the progress file (``$KIT_PROGRESS_DIR/progress.jsonl``).

    Examples
    --------
    >>> progress_file().name
    'progress.jsonl'
    """
    home = Path("/drive") if sys.platform == "emscripten" else Path.home()  # JupyterLite keeps /drive, not ~
    folder = os.environ.get("KIT_PROGRESS_DIR") or str(home / ".libya-kit")
    return Path(folder) / "progress.jsonl"


@contextlib.contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``<path>.lock`` (POSIX); elsewhere, go on without one.

    Waits at most ``timeout`` seconds (default :data:`LOCK_TIMEOUT`) for a lock another process
    holds, then raises :class:`TimeoutError` (an ``OSError``) with a message in the student's language.
    """
    try:
        from fcntl import LOCK_EX, LOCK_NB, LOCK_UN, flock
    except ImportError:  # Windows, and Pyodide (no flock): one kernel per student is the normal case there
        yield
        return
    lock = path.with_name(path.name + ".lock")
    limit = LOCK_TIMEOUT if timeout is None else timeout
    with open(lock, "a") as handle:
        deadline = time.monotonic() + limit
        while True:
            try:
                flock(handle, LOCK_EX | LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise TimeoutError(t("progress.lock_timeout", path=str(lock), seconds=f"{limit:g}")) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            flock(handle, LOCK_UN)


def append_line(path: Path, line: bytes) -> None:
    """Append ``line`` (closing a torn last line first), looping over short writes, then fsync."""
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)
    try:
        size = os.fstat(fd).st_size
        if size:
            os.lseek(fd, size - 1, os.SEEK_SET)
            if os.read(fd, 1) != b"\n":  # a writer was killed mid-line: keep its torn line apart
                line = b"\n" + line
        view = memoryview(line)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


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
