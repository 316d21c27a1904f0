"""Exam drafts: answers given before "Submit all", kept on disk so a kernel restart loses none.

In exam mode nothing is scored before the student presses **Submit all**, so a draft holds the
answer only (never right or wrong). Each draft is one JSON line appended to ``drafts.jsonl``
beside the progress file, with the same lock, single write and ``fsync`` as every attempt
(:func:`helpers.progress.record`); a line ``{"lesson": ..., "cleared": true}`` ends a lesson's
drafts when its exam is submitted. The drafts are kept apart from ``progress.jsonl`` so that
reports, exports and the class summary never count a draft as an attempt.

Examples
--------
>>> import os, tempfile
>>> os.environ["KIT_PROGRESS_DIR"] = tempfile.mkdtemp()
>>> save_draft("04-foreign-backing", "q2", {"c"}, "c")
>>> save_draft("04-foreign-backing", "q5", {"a": "GNA"}, "a=GNA")
>>> drafts("04-foreign-backing")
{'q2': [({'c'}, 'c')], 'q5': [({'a': 'GNA'}, 'a=GNA')]}
>>> clear_drafts("04-foreign-backing"); drafts("04-foreign-backing")
{}
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

from ..i18n import t
from ._files import append_line, locked, progress_file

__all__ = ["drafts_file", "save_draft", "drafts", "clear_drafts"]


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


def _write(entry: dict[str, Any]) -> None:
    path = drafts_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path):
            append_line(path, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError as exc:
        warnings.warn(t("progress.cannot_write", path=str(path), error=str(exc)), stacklevel=3)


def save_draft(lesson: str, item: str, value: Any, raw: Any) -> None:
    """Append one exam answer (the parsed ``value`` and what was typed or picked, ``raw``) as a draft."""
    _write({"lesson": str(lesson), "item": str(item), "value": _encode(value), "raw": _encode(raw)})


def clear_drafts(lesson: str) -> None:
    """End a lesson's drafts (its exam was submitted and recorded)."""
    _write({"lesson": str(lesson), "cleared": True})


def drafts(lesson: str) -> dict[str, list[tuple[Any, Any]]]:
    """The lesson's drafts since it was last cleared: ``{question id: [(value, raw), ...]}``, in order.

    Damaged lines are skipped; a missing or unreadable file means no drafts.
    """
    try:
        lines = drafts_file().read_bytes().splitlines()
    except OSError:
        return {}
    out: dict[str, list[tuple[Any, Any]]] = {}
    for line in lines:
        try:
            entry = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            continue
        if not isinstance(entry, dict) or entry.get("lesson") != lesson:
            continue
        if entry.get("cleared") is True:
            out = {}
        elif isinstance(entry.get("item"), str) and "value" in entry:
            out.setdefault(entry["item"], []).append((_decode(entry["value"]), _decode(entry.get("raw"))))
    return out
