"""Files of the student edition kept out of sight: each one sealed whole, read back by the same code.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers.sealed``.

Examples
--------
>>> blob = seal("answer: z\\n")
>>> blob.startswith(SEAL_PREFIX) and "answer" not in blob and blob == seal("answer: z\\n")
True
>>> unseal(blob)
'answer: z\\n'
>>> print(seal_file("x: 1\\n", note="A bank."))
# A bank.
# Sealed by helpers.sealed (zlib + base64, not encryption); the kit opens it to check answers.
sealed: sealed-v2:eNqrsFIw5AIABBEBDg==
<BLANKLINE>
"""

from __future__ import annotations

import base64
import linecache
import zlib
from pathlib import Path
from typing import Any

from .i18n import t

__all__ = ["SEAL_PREFIX", "SealError", "seal", "unseal", "seal_file", "read_text", "run"]

#: Every seal starts with this (its format's name and version).
SEAL_PREFIX = "sealed-v2:"


class SealError(ValueError):
    """A seal is damaged or not a seal at all; the message names the file and the field."""


def seal(text: str) -> str:
    """Seal a text: zlib, then base64, behind :data:`SEAL_PREFIX` (the same text, the same seal)."""
    return SEAL_PREFIX + base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")


def unseal(blob: Any, *, file: str = "?") -> str:
    """Return the text :func:`seal` sealed; a :class:`SealError` naming ``file`` if it cannot.

    Examples
    --------
    >>> unseal("hello", file="lessons/x/quiz.yml")
    Traceback (most recent call last):
    ...
    helpers.sealed.SealError: lessons/x/quiz.yml: field 'sealed' cannot be opened (not a sealed-v2 text); rebuild the student edition with `make release`
    """
    if not (isinstance(blob, str) and blob.startswith(SEAL_PREFIX)):
        problem = "not a sealed-v2 text"
    else:
        try:
            return zlib.decompress(base64.b64decode(blob[len(SEAL_PREFIX) :], validate=True)).decode("utf-8")
        except (ValueError, zlib.error) as exc:  # bad base64 and bad UTF-8 are ValueErrors too
            problem = f"damaged sealed-v2 text, {type(exc).__name__}"
    raise SealError(t("sealed.damaged", file=file, error=problem))


def seal_file(text: str, *, note: str, python: bool = False) -> str:
    """The student edition's form of a whole file: ``note`` (one line) and the file's seal.

    ``python=True`` writes a module that runs its sealed source (:func:`run`); otherwise YAML.
    """
    how = "Sealed by helpers.sealed (zlib + base64, not encryption); the kit opens it to check answers."
    if python:
        return f'"""{note}\n\n{how}\n"""\n\nfrom helpers.sealed import run\n\nrun(globals(), sealed="{seal(text)}")\n'
    return f"# {note}\n# {how}\nsealed: {seal(text)}\n"


def read_text(path: Path, *, file: str) -> str:
    """The text of a file as the teacher wrote it: the file itself, or what its seal holds (``file`` names it).

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "quiz.yml"
    >>> _ = path.write_text(seal_file("title: x\\n", note="A bank."), encoding="utf-8")
    >>> read_text(path, file="quiz.yml")
    'title: x\\n'
    """
    text = path.read_text(encoding="utf-8")
    body = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if len(body) != 1 or not body[0].startswith("sealed:"):
        return text
    return unseal(body[0].partition(":")[2].strip(), file=file)


def run(namespace: dict[str, Any], *, sealed: str) -> None:
    """Run a sealed module's source in the module's own ``namespace`` (its ``globals()``).

    The source is given to :mod:`linecache`, so ``inspect.getsource`` shows its functions (the
    answer keys' model solutions) as it does in the teacher's edition.

    Examples
    --------
    >>> space = {"__name__": "demo"}
    >>> run(space, sealed=seal("def f():\\n    return 6 * 7\\n"))
    >>> import inspect
    >>> space["f"](), inspect.getsource(space["f"]).splitlines()[1].strip()
    (42, 'return 6 * 7')
    """
    module = str(namespace.get("__name__", "?"))
    source = unseal(sealed, file=module.replace(".", "/") + ".py")
    name = f"<sealed {module}>"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    exec(compile(source, name, "exec"), namespace)  # the kit's own code, as the teacher's edition has it
