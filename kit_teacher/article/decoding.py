"""Reading the teacher's file: its bytes as text, UTF-8 or Windows-1252 (Latin-1), or a refusal.

A file that is empty, binary (a picture, a PDF, a word-processor file) or in another encoding
(UTF-16, "Unicode" in old Notepad) is refused with an :class:`~kit_teacher.article.errors.AddError`.

Examples
--------
>>> decode(b"Tripoli - Pasukan bergerak.", "x.txt")[0]
'Tripoli - Pasukan bergerak.'
"""

from __future__ import annotations

from .errors import AddError

__all__ = ["decode"]


def decode(content: bytes, name: str) -> tuple[str, str]:
    """Return the text of a file and the encoding it was read with (``utf-8`` or ``cp1252``).

    Raises
    ------
    AddError
        ``empty``, ``binary`` or ``encoding``.

    Examples
    --------
    >>> decode("Caf\\u00e9".encode("cp1252"), "x.txt")
    ('Café', 'cp1252')
    """
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AddError("encoding", file=name)  # UTF-16 ("Unicode" in old Notepad): text, but not UTF-8
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    if not content.strip():
        raise AddError("empty", file=name)
    head = content[:8192]
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in head)
    if b"\x00" in head or controls > len(head) // 100:
        raise AddError("binary", file=name)
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = content.decode("cp1252")
    except UnicodeDecodeError:
        raise AddError("encoding", file=name) from None
    return text, "cp1252"
