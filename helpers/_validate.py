"""Validation of ``data/`` against its descriptor, ``data/datapackage.json``; every problem is a DataError.

How it works: ARCHITECTURE.md, *Module notes*, ``helpers._validate``.

Examples
--------
>>> rows("snapshots")[0]["date"]
'2019-04-03'
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from datetime import date as _date
from typing import Any

from ._errors import DataError
from ._read import parse_csv, read_bytes, read_text
from .sentences import ARTICLES, SENTENCE_ID, sentence_ids, unreadable_articles

__all__ = [
    "package",
    "resource",
    "split_list",
    "check_value",
    "pending_row",
    "check_references",
    "rows",
    "checked_rows",
    "check_article",
]

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DESCRIPTOR = "data/datapackage.json"


def split_list(value: Any) -> list[str]:
    """Split a ``;``-separated cell into its items (empty cell: empty list).

    Examples
    --------
    >>> split_list("tripoli;gharyan")
    ['tripoli', 'gharyan']
    >>> split_list("")
    []
    """
    if not isinstance(value, str) or not value.strip():
        return []
    return [item.strip() for item in value.split(";") if item.strip()]


@functools.lru_cache(maxsize=1)
def package() -> dict[str, Any]:
    """Return the descriptor ``data/datapackage.json`` as a dict."""
    try:
        content = json.loads(read_bytes(_DESCRIPTOR, "datapackage.json").decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DataError("data.problem.not_utf8", file=_DESCRIPTOR, byte="?") from None
    except json.JSONDecodeError as exc:
        raise DataError("data.problem.bad_json", file=_DESCRIPTOR, at_line=exc.lineno, column=exc.colno) from None
    if not isinstance(content, dict) or not isinstance(content.get("resources"), list):
        raise DataError("data.problem.bad_descriptor", file=_DESCRIPTOR)
    return content


def resource(name: str) -> dict[str, Any]:
    """Return the descriptor entry of one file, by its resource name (``"places"``).

    Examples
    --------
    >>> resource("places")["path"]
    'places.csv'
    """
    for res in package()["resources"]:
        if res.get("name") == name:
            return res
    raise DataError("data.problem.no_resource", file=_DESCRIPTOR, key=name)


def _rel(res: dict[str, Any]) -> str:
    return f"data/{res['path']}"


@functools.cache
def _table(name: str) -> tuple[tuple[dict[str, str], ...], tuple[int, ...]]:
    res = resource(name)
    rel = _rel(res)
    records, lines = parse_csv(res)
    if not records:
        raise DataError("data.problem.empty_file", file=rel)
    header, body = records[0], records[1:]
    fields = res["schema"]["fields"]
    names = [fld["name"] for fld in fields]
    missing = [n for n in names if n not in header]
    if missing:
        raise DataError("data.problem.missing_columns", file=rel, row=0, field=missing[0], columns=missing)
    extra = [h for h in header if h not in names]
    if extra:
        raise DataError("data.problem.unknown_columns", file=rel, row=0, field=extra[0], columns=extra)
    rows_out, seen_unique, seen_key = [], {}, {}
    pk = res["schema"].get("primaryKey", [])
    for n, cells in enumerate(body, start=1):
        at = {"file": rel, "row": n, "line": lines[n]}
        if len(cells) != len(header):
            short = len(cells) < len(header)
            raise DataError(
                "data.problem.ragged_short" if short else "data.problem.ragged_long",
                **at,
                field=header[len(cells)] if short else header[-1],
                expected=len(header),
                found=len(cells),
            )
        row = dict(zip(header, cells))
        waiting = pending_row(res, row)
        for fld in fields:
            if waiting and fld["name"] in waiting and not row[fld["name"]].strip():
                continue
            check_value(at, fld, row[fld["name"]], seen_unique)
        if pk:
            key = tuple(row[k] for k in pk)
            if key in seen_key:
                raise DataError(
                    "data.problem.repeats", **at, field="+".join(pk), value="/".join(key), other=seen_key[key]
                )
            seen_key[key] = n
        rows_out.append(row)
    return tuple(rows_out), tuple(lines[1:])


def pending_row(res: dict[str, Any], row: dict[str, str]) -> frozenset[str]:
    """The fields that may stay empty in a row still waiting for the teacher (``kit:pending``).

    A claim with an empty verdict is "not yet checked", a translation with an empty text "not yet
    translated": allowed only in rows about an article a teacher added (its sentence id does not
    start with A or B), so the kit's own two articles stay complete.

    Examples
    --------
    >>> claims = resource("claims")
    >>> sorted(pending_row(claims, {"sentence": "C.p01.s01", "verdict": ""}))[:2]
    ['explanation_en', 'explanation_id']
    >>> pending_row(claims, {"sentence": "A.p01.s01", "verdict": ""})
    frozenset()
    """
    rule = res.get("kit:pending")
    if not rule or (row.get(rule["field"]) or "").strip():
        return frozenset()
    match = SENTENCE_ID.match((row.get("sentence") or "").strip())
    if not match or match.group(1) in ARTICLES:
        return frozenset()
    return frozenset([rule["field"], *rule.get("optional", [])])


def check_value(at: dict[str, Any], fld: dict[str, Any], value: Any, seen: dict[str, dict[Any, int]]) -> None:
    """Check one cell (or GeoJSON property) against its field description; raise a DataError at ``at``.

    Examples
    --------
    >>> check_value({"file": "data/x.csv", "row": 1}, {"name": "n", "type": "number"}, "nan", {})
    Traceback (most recent call last):
    ...
    helpers._errors.DataError: data/x.csv row 1 (line 2): n 'nan' is not a number
    """
    name, cons, kind = fld["name"], fld.get("constraints", {}), fld.get("type", "string")
    at = dict(at, field=name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if cons.get("required"):
            raise DataError("data.problem.required", **at)
        return
    if kind == "boolean":
        if not isinstance(value, bool):
            raise DataError("data.problem.not_boolean", **at, value=value)
    elif not isinstance(value, str):
        raise DataError("data.problem.not_text", **at, value=value)
    elif _CONTROL.search(value):  # a NUL byte or another control character: csv reads it without a word
        raise DataError("data.problem.control", **at, value=value)
    elif kind == "number":
        if not _NUMBER.match(value.strip()) or not math.isfinite(float(value)):
            raise DataError("data.problem.not_number", **at, value=value)
        number = float(value)
        if "minimum" in cons and number < cons["minimum"] or "maximum" in cons and number > cons["maximum"]:
            raise DataError(
                "data.problem.out_of_range",
                **at,
                number=value,
                minimum=cons.get("minimum"),
                maximum=cons.get("maximum"),
            )
    elif kind == "date":
        if not _is_date(value):
            raise DataError("data.problem.not_date", **at, value=value)
    elif _is_mathtext(value):
        raise DataError("data.problem.mathtext", **at, value=value)
    elif _TEMPLATE.search(value):
        raise DataError("data.problem.template", **at, value=value)
    if "enum" in cons and value not in cons["enum"]:
        key = "data.problem.must_be" if len(cons["enum"]) == 1 else "data.problem.not_in_enum"
        raise DataError(key, **at, value=value, allowed=cons["enum"])
    if "pattern" in cons and not re.fullmatch(cons["pattern"], value):
        raise DataError("data.problem.pattern", **at, value=value, pattern=cons["pattern"])
    if cons.get("unique"):
        column = seen.setdefault(name, {})
        if value in column:
            raise DataError("data.problem.repeats", **at, value=value, other=column[value])
        column[value] = at["row"]


def _is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        _date.fromisoformat(value)
    except ValueError:
        return False
    return True


# folium's maps pass their rendered scripts through Jinja again, so data text must hold no Jinja tag.
_TEMPLATE = re.compile(r"\{\{|\{%|\{#")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _is_mathtext(value: str) -> bool:
    """True when matplotlib would parse ``value`` as mathtext (an even number of unescaped ``$``)."""
    dollars = value.count("$") - value.count("\\$")
    return dollars > 0 and dollars % 2 == 0


def rows(name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of one table as dicts of text, each row checked on its own (no cross-file check).

    Examples
    --------
    >>> len(rows("places")) >= 30
    True
    """
    return _table(name)[0]


def _lines(name: str) -> tuple[int, ...]:
    return _table(name)[1]


def _known(target: str) -> tuple[set[str], set[str]]:
    """Keys a ``kit:references`` may name, and the articles whose ids cannot be checked."""
    broken = set(unreadable_articles())
    if target == "places":
        return {r["place"] for r in rows("places")}, set()
    if target == "actors":
        return {r["actor"] for r in rows("actors")}, set()
    keys = set(sentence_ids())
    if target == "sources-or-sentences":
        keys |= {r["source"] for r in rows("sources")}
    return keys, broken


def _check_reference(at: dict[str, Any], target: str, item: str, known: set[str], broken: set[str]) -> None:
    if item in known:
        return
    match = SENTENCE_ID.match(item)
    if match and match.group(1) in broken:
        return  # points into an article that cannot be read: that article's own error is reported
    raise DataError(f"data.problem.ref.{target}", **at, value=item)


def check_references(name: str, records: list[dict[str, Any]], lines: list[int | None], schema: dict[str, Any]) -> None:
    """Check the foreign keys and ``kit:references`` of one table or GeoJSON file (cross-file checks).

    Examples
    --------
    >>> check_references("places", list(rows("places")), list(_lines("places")), resource("places")["schema"])
    """
    rel = _rel(resource(name))
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        known = {tuple(r[f] for f in ref["fields"]) for r in checked_rows(ref["resource"])}
        for n, (row, line) in enumerate(zip(records, lines), start=1):
            value = tuple(row.get(f) for f in fk["fields"])
            if value not in known:
                raise DataError(
                    "data.problem.foreign_key",
                    file=rel,
                    row=n,
                    line=line,
                    field="+".join(fk["fields"]),
                    value="/".join(map(str, value)),
                    target=_rel(resource(ref["resource"])),
                )
    for fld in schema["fields"]:
        target = fld.get("kit:references")
        if not target:
            continue
        known, broken = _known(target)
        for n, (row, line) in enumerate(zip(records, lines), start=1):
            cell = row.get(fld["name"])
            items = split_list(cell) if fld.get("kit:list") else [cell]
            for item in items:
                if item:
                    _check_reference(
                        {"file": rel, "row": n, "line": line, "field": fld["name"]}, target, item, known, broken
                    )


def _check_span(name: str) -> None:
    span = resource(name).get("kit:span")
    if not span:
        return
    values = sorted(r[span["field"]] for r in rows(name))
    if len(values) < span["minRows"] or values[0] > span["from"] or values[-1] < span["to"]:
        raise DataError(
            "data.problem.span",
            file=_rel(resource(name)),
            field=span["field"],
            minimum=span["minRows"],
            start=span["from"],
            end=span["to"],
            count=len(values),
        )


def _check_complete(name: str) -> None:
    spec = resource(name).get("kit:complete")
    if not spec:
        return
    axes = []
    for column, ref in spec["fields"].items():
        where = ref.get("where", {})
        keys = [r[ref["field"]] for r in checked_rows(ref["resource"]) if all(r.get(k) == v for k, v in where.items())]
        axes.append((column, keys))
    have = {tuple(r[c] for c, _ in axes) for r in rows(name)}
    (col_a, keys_a), (col_b, keys_b) = axes
    for a in keys_a:
        for b in keys_b:
            if (a, b) not in have:
                raise DataError(
                    "data.problem.incomplete",
                    file=_rel(resource(name)),
                    field=col_a,
                    value=a,
                    other_field=col_b,
                    other=b,
                )


@functools.cache
def checked_rows(name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of one table after every check, including references to other files.

    Examples
    --------
    >>> checked_rows("control")[0]["place"]
    'tripoli'
    """
    res = resource(name)
    records = rows(name)
    check_references(name, list(records), list(_lines(name)), res["schema"])
    _check_span(name)
    _check_complete(name)
    return records


def check_article(name: str) -> None:
    """Check an article file: present, UTF-8, and (``kit:byteForByte``) the bytes the descriptor hashes.

    Examples
    --------
    >>> check_article("article_a")
    """
    res = resource(name)
    if res.get("encoding", "utf-8") == "utf-8":
        read_text(res)
    else:  # an added article's file as received (Windows-1252): kept, not read
        read_bytes(_rel(res), res["path"])
    if res.get("kit:byteForByte") and res.get("hash"):
        digest = "sha256:" + hashlib.sha256(read_bytes(_rel(res), res["path"])).hexdigest()
        if digest != res["hash"]:
            raise DataError("data.problem.changed_article", file=_rel(res))
