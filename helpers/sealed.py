"""Answers in the student edition, kept out of sight: salted hashes and sealed blobs.

The student edition (``make release``) must let the kit check answers in the student's kernel
without putting them in plain text in the student's folder. Two forms are used:

- :func:`answer_hash`: a salted SHA-256 of an answer's normalised form (an option key, ``true``,
  the folded spelling of a word). Enough where an answer is right or wrong as a whole.
- :func:`seal` / :func:`unseal`: a JSON value, compressed with zlib and written in base64 behind a
  random salt, so that it is not readable at a glance and two sealed copies of the same value
  differ. Used where the kit needs more than "right or wrong" (partial credit, tolerances,
  explanations, model solutions). This is NOT encryption: anyone who reads this module can unseal
  a blob. It only keeps answers out of sight, as nbgrader's release keeps solutions out of the
  student's copy; the teacher edition has them in plain text.

Examples
--------
>>> blob = seal({"answer": "z"})
>>> blob.startswith(SEAL_PREFIX) and "answer" not in blob
True
>>> unseal(blob)
{'answer': 'z'}
>>> answer_hash("s4lt", "b") == answer_hash("s4lt", "b") != answer_hash("pepper", "b")
True
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import zlib
from typing import Any

__all__ = ["SEAL_PREFIX", "SealError", "seal", "unseal", "answer_hash", "new_salt"]

#: Every sealed blob starts with this (its format's name and version).
SEAL_PREFIX = "sealed-v1:"
_SALT_BYTES = 8


class SealError(ValueError):
    """A sealed blob is damaged or not a sealed blob at all."""


def new_salt() -> str:
    """A fresh random salt, as 16 hex digits.

    Examples
    --------
    >>> len(new_salt())
    16
    """
    return os.urandom(_SALT_BYTES).hex()


def seal(value: Any, salt: str | None = None) -> str:
    """Seal a JSON-serialisable value: salt + zlib, in base64 (see the module's note: not encryption).

    ``salt`` (hex, at least 16 digits) makes the blob reproducible; by default it is random.

    Examples
    --------
    >>> seal([1, 2]) != seal([1, 2])  # each seal has its own salt
    True
    >>> seal([1, 2], salt="00" * 8) == seal([1, 2], salt="00" * 8)
    True
    """
    data = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
    head = bytes.fromhex(salt)[:_SALT_BYTES] if salt else os.urandom(_SALT_BYTES)
    if len(head) != _SALT_BYTES:
        raise ValueError(f"a salt needs at least {2 * _SALT_BYTES} hex digits")
    return SEAL_PREFIX + base64.b64encode(head + zlib.compress(data, 9)).decode("ascii")


def unseal(blob: str) -> Any:
    """Return the value :func:`seal` sealed.

    Raises
    ------
    SealError
        When ``blob`` is not a sealed blob or is damaged.

    Examples
    --------
    >>> unseal(seal({"x": [1, "é"]}))
    {'x': [1, 'é']}
    >>> unseal("hello")
    Traceback (most recent call last):
    ...
    helpers.sealed.SealError: not a sealed-v1 blob
    """
    if not isinstance(blob, str) or not blob.startswith(SEAL_PREFIX):
        raise SealError("not a sealed-v1 blob")
    try:
        raw = base64.b64decode(blob[len(SEAL_PREFIX) :].encode("ascii"), validate=True)
        return json.loads(zlib.decompress(raw[_SALT_BYTES:]).decode("utf-8"))
    except (ValueError, zlib.error, UnicodeError) as exc:
        raise SealError(f"damaged sealed-v1 blob ({type(exc).__name__})") from None


def answer_hash(salt: str, canonical: str) -> str:
    """The salted SHA-256 (hex) of an answer's normalised form.

    Examples
    --------
    >>> answer_hash("abc", "b")[:12]
    '731bda252222'
    """
    return hashlib.sha256(f"{salt}\x00{canonical}".encode()).hexdigest()
