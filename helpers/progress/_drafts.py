"""Exam drafts: answers given before "Submit all", kept on disk so a kernel restart loses none.

Nothing is scored in an exam (the teacher's summary scores it), so a draft holds the answer
only. Each draft is one JSON line appended to ``drafts.jsonl`` beside the progress file, with the
same lock, single write and ``fsync`` as every attempt (:func:`helpers.progress.record`); kept
apart from ``progress.jsonl``, a draft is never counted as an attempt. :func:`submit_exam`
submits an exam once: under the drafts' lock it records the answers and appends the marker
``{"lesson": ..., "cleared": true}``, which ends the lesson's drafts and locks its exam in any kernel.

Examples
--------
>>> import os, tempfile
>>> os.environ["KIT_PROGRESS_DIR"] = tempfile.mkdtemp()
>>> save_draft("04-foreign-backing", "q2", {"c"}, "c")
>>> save_draft("04-foreign-backing", "q5", {"a": "GNA"}, "a=GNA")
>>> drafts("04-foreign-backing")
{'q2': [({'c'}, 'c')], 'q5': [({'a': 'GNA'}, 'a=GNA')]}
>>> submit_exam("04-foreign-backing", lambda: None), drafts("04-foreign-backing"), submitted("04-foreign-backing")
(True, {}, True)
>>> submit_exam("04-foreign-backing", lambda: print("recorded again"))  # once per exam
False
"""

from __future__ import annotations

import contextlib
import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..i18n import t
from ._files import append_line, locked, progress_file

__all__ = ["drafts_file", "save_draft", "drafts", "submit_exam", "submitted"]


def drafts_file() -> Path:
    """The drafts file, ``drafts.jsonl`` in the progress folder."""
    return progress_file().with_name("drafts.jsonl")


def _encode(value: Any) -> Any:
    """A parsed answer as JSON (a set of option keys is tagged, so it comes back a set)."""
    if isinstance(value, (set, frozenset)):
        return {"set": sorted(map(str, value))}
    if isinstance(value, dict):
        return {"pairs": {str(k): _encode(v) for k, v in value.items()}}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"set"} and isinstance(value["set"], list):
        return set(value["set"])
    if isinstance(value, dict) and set(value) == {"pairs"} and isinstance(value["pairs"], dict):
        return {k: _decode(v) for k, v in value["pairs"].items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _write(entry: dict[str, Any], first: Callable[[], bool] = lambda: True) -> bool:
    """Append ``entry`` under the lock, if ``first()`` (called under it) says so; whether it did."""
    path = drafts_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path):
            if not first():
                return False
            append_line(path, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError as exc:
        warnings.warn(t("progress.cannot_write", path=str(path), error=str(exc)), stacklevel=3)
    return True


def save_draft(lesson: str, item: str, value: Any, raw: Any) -> None:
    """Append one exam answer (the parsed ``value`` and what was typed or picked, ``raw``) as a draft."""
    _write({"lesson": str(lesson), "item": str(item), "value": _encode(value), "raw": _encode(raw)})


def submit_exam(lesson: str, record: Callable[[], None]) -> bool:
    """Submit a lesson's exam once: under the drafts' lock, unless it was submitted before, ``record()``
    writes its answers and the marker follows. Returns whether this call submitted it."""

    def first() -> bool:  # under the lock: nothing is recorded if any kernel submitted before
        if submitted(lesson):
            return False
        record()
        return True

    return _write({"lesson": str(lesson), "cleared": True}, first)


def _entries(lesson: str) -> list[dict[str, Any]]:
    """The readable lines of the drafts file about ``lesson`` (damaged lines skipped, no file: none)."""
    entries = []
    with contextlib.suppress(OSError):
        for line in drafts_file().read_bytes().splitlines():
            with contextlib.suppress(ValueError, RecursionError):  # bad UTF-8 is a ValueError too
                entries.append(json.loads(line.decode("utf-8")))
    return [entry for entry in entries if isinstance(entry, dict) and entry.get("lesson") == lesson]


def submitted(lesson: str) -> bool:
    """Whether the lesson's exam was submitted (in any kernel of the student)."""
    return any(entry.get("cleared") is True for entry in _entries(lesson))


def drafts(lesson: str) -> dict[str, list[tuple[Any, Any]]]:
    """The lesson's drafts since it was last cleared: ``{question id: [(value, raw), ...]}``, in order.

    Damaged lines are skipped; a missing or unreadable file means no drafts.
    """
    out: dict[str, list[tuple[Any, Any]]] = {}
    for entry in _entries(lesson):
        if entry.get("cleared") is True:
            out = {}
        elif isinstance(entry.get("item"), str) and "value" in entry:
            out.setdefault(entry["item"], []).append((_decode(entry["value"]), _decode(entry.get("raw"))))
    return out
