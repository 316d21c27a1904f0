"""Rules that make every fact traceable: checks over the kit's tables read as lists of dicts (authors' tool).

The schema checks of :mod:`helpers.data` make sure each cell has the right shape. These rules
check what a careful reader would check next: that a source can be opened (an address), that its
title is the publication's own (a ``[bracketed]`` description only with a reason), that every
source is used, that a control row rests on a source from around its date, that a reported backing
the backer denied has its denial beside it, and that the actors table follows the alignment rule
written in ``data/datapackage.json``.

The module is pure: it reads nothing and writes nothing. The caller passes the tables, keyed by
name (``sources``, ``control``, ``backing``, ``actors``, ... as in the data package), each a list of
rows as ``csv.DictReader`` gives them. Two optional entries help: ``zones`` (the ``properties`` of
the features of ``data/zones.geojson``, whose ``sources`` count as citations) and ``article_meta``
(``data/articles/metadata.csv``, used to date article sentence ids such as ``B.p07.s01``).

Examples
--------
>>> tables = {
...     "sources": [{"source": "un-1", "publisher": "UN", "title": "[a report]", "date": "2020",
...                  "kind": "un_report", "url": "", "note": ""}],
...     "control": [],
... }
>>> for message in source_rule_errors(tables):
...     print(message)
data/sources.csv row 1 (line 2): title '[a report]' is in brackets, but the note does not say why (no title of its own, or title not confirmed)
data/sources.csv row 1 (line 2): url is empty; every source needs a working address
data/sources.csv row 1 (line 2): source 'un-1' is cited by no table; cite it or remove the row
"""

from __future__ import annotations

import calendar
from datetime import date

from helpers.data import DataError
from helpers.sentences import SENTENCE_ID

__all__ = ["BRACKET_REASONS", "CARRY_FORWARD_WORDS", "STALE_DAYS", "source_rule_errors", "source_rule_problems"]

#: A control row's newest source may be at most this many days older than the row (six months).
STALE_DAYS = 183
#: Words in a source's note that explain a bracketed title.
BRACKET_REASONS = (
    "no title",
    "without a headline",
    "without a title",
    "not confirmed",
    "could not confirm",
    "could not give",
    "describes it",
)
#: Words in a control row's note that explain why its sources are older than six months.
CARRY_FORWARD_WORDS = ("carried forward", "no change", "not established", "no report", "no dated report")
#: Statuses that report a backing the backer did not acknowledge.
_REPORTED = ("reported_un", "reported_media", "alleged_other_side")
#: Words in a backing note saying that the backer denied, or never acknowledged, the backing.
_DENIAL_WORDS = ("denied", "denies", "never acknowledged", "denial row")
#: Kinds of actor whose side follows the alignment rule.
_RULED_TYPES = ("state",)


def _items(cell: str | None) -> list[str]:
    return [item.strip() for item in (cell or "").split(";") if item.strip()]


def _problem(key: str, name: str, n: int, field: str, **values: str) -> DataError:
    return DataError(f"data.rule.{key}", file=f"data/{name}.csv", row=n, field=field, **values)


def _latest_day(value: str) -> date | None:
    """The last day a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date can stand for (None if malformed).

    Examples
    --------
    >>> _latest_day("2019-02"), _latest_day("2020"), _latest_day("2020-06-06"), _latest_day("June")
    (datetime.date(2019, 2, 28), datetime.date(2020, 12, 31), datetime.date(2020, 6, 6), None)
    """
    parts = (value or "").strip().split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, int(parts[2]))
    except (ValueError, IndexError):
        return None


def _source_dates(tables: dict[str, list[dict[str, str]]]) -> dict[str, date]:
    dates = {}
    for row in tables.get("sources", []):
        day = _latest_day(row.get("date", ""))
        if day:
            dates[row.get("source", "")] = day
    for row in tables.get("article_meta", []):
        day = _latest_day(row.get("published", ""))
        if day:
            dates[f"article:{row.get('article', '')}"] = day
    return dates


def _date_of(key: str, dates: dict[str, date]) -> date | None:
    match = SENTENCE_ID.match(key)
    return dates.get(f"article:{match.group(1)}") if match else dates.get(key)


def _check_sources(tables: dict[str, list[dict[str, str]]]) -> list[DataError]:
    errors = []
    cited = set()
    for name, rows in tables.items():
        if name == "sources":
            continue
        for row in rows:
            for item in _items(row.get("sources")) + _items(row.get("sentences")) + _items(row.get("sentence")):
                match = SENTENCE_ID.match(item)
                # a sentence id such as A.p16.s01 cites its article, the source row article-a
                cited.add(f"article-{match.group(1).lower()}" if match else item)
    for n, row in enumerate(tables.get("sources", []), start=1):
        title, note = row.get("title", "").strip(), row.get("note", "").lower()
        if title.startswith("[") and not any(word in note for word in BRACKET_REASONS):
            errors.append(_problem("bracket_title", "sources", n, "title", value=title))
        if not row.get("url", "").strip():
            errors.append(_problem("no_address", "sources", n, "url"))
        if row.get("source") not in cited:
            errors.append(_problem("uncited", "sources", n, "source", value=row.get("source", "")))
    return errors


def _check_control(tables: dict[str, list[dict[str, str]]]) -> list[DataError]:
    errors = []
    dates = _source_dates(tables)
    for n, row in enumerate(tables.get("control", []), start=1):
        day = _latest_day(row.get("date", ""))
        if day is None:
            continue
        known = [d for d in (_date_of(key, dates) for key in _items(row.get("sources"))) if d]
        note = (row.get("note_en") or "").lower()
        explained = any(word in note for word in CARRY_FORWARD_WORDS)
        if not known:
            if not explained:
                errors.append(
                    _problem(
                        "control_undated", "control", n, "sources", place=row.get("place", ""), date=row.get("date", "")
                    )
                )
            continue
        newest = max(known)
        if (day - newest).days > STALE_DAYS and not explained:
            errors.append(
                _problem("control_stale", "control", n, "sources", newest=newest.isoformat(), date=row.get("date", ""))
            )
    return errors


def _check_backing(tables: dict[str, list[dict[str, str]]]) -> list[DataError]:
    errors = []
    rows = tables.get("backing", [])
    denied = {(r.get("backer"), r.get("side")) for r in rows if r.get("status") == "denied"}
    reported = {(r.get("backer"), r.get("side"), r.get("support")) for r in rows if r.get("status") != "denied"}
    for n, row in enumerate(rows, start=1):
        key = (row.get("backer"), row.get("side"))
        note = (row.get("note_en") or "").lower()
        if row.get("status") in _REPORTED and any(w in note for w in _DENIAL_WORDS) and key not in denied:
            errors.append(
                _problem(
                    "denial_missing",
                    "backing",
                    n,
                    "status",
                    status=row.get("status", ""),
                    backer=row.get("backer", ""),
                    side=row.get("side", ""),
                )
            )
        if row.get("status") == "denied" and (row.get("backer"), row.get("side"), row.get("support")) not in reported:
            errors.append(
                _problem(
                    "denial_alone",
                    "backing",
                    n,
                    "status",
                    backer=row.get("backer", ""),
                    side=row.get("side", ""),
                    support=row.get("support", ""),
                )
            )
    return errors


def _expected_side(actor: str, rows: list[dict[str, str]]) -> str:
    """The side the alignment rule gives a state, from its backing rows."""
    mine = [r for r in rows if r.get("backer") == actor]
    for side, other in (("GNA", "LNA"), ("LNA", "GNA")):
        acknowledged = any(r.get("side") == side and r.get("status") == "acknowledged" for r in mine)
        contrary = any(r.get("side") == other and r.get("status") != "denied" for r in mine)
        if acknowledged and not contrary:
            return side
    return "other"


def _check_actors(tables: dict[str, list[dict[str, str]]]) -> list[DataError]:
    errors = []
    backing = tables.get("backing", [])
    for n, row in enumerate(tables.get("actors", []), start=1):
        if row.get("type") not in _RULED_TYPES:
            continue
        expected = _expected_side(row.get("actor", ""), backing)
        has_rows = any(r.get("backer") == row.get("actor") for r in backing)
        allowed = {expected} | ({"mediator"} if not has_rows else set())
        if row.get("side") not in allowed:
            errors.append(
                _problem(
                    "alignment",
                    "actors",
                    n,
                    "side",
                    value=row.get("side", ""),
                    actor=row.get("actor", ""),
                    expected=expected,
                )
            )
    return errors


def _check_human_cost(tables: dict[str, list[dict[str, str]]]) -> list[DataError]:
    errors = []
    for n, row in enumerate(tables.get("human_cost", []), start=1):
        start, end = _latest_day(row.get("start", "")), _latest_day(row.get("end", ""))
        if start and end and start > end:
            errors.append(
                _problem("period", "human_cost", n, "start", start=row.get("start", ""), end=row.get("end", ""))
            )
    return errors


def source_rule_problems(tables: dict[str, list[dict[str, str]]]) -> list[DataError]:
    """Check the traceability rules; return one :class:`DataError` per violation (empty: all good).

    Parameters
    ----------
    tables : dict of str to list of dict
        Rows of the data package's tables keyed by resource name (``sources``, ``control``,
        ``backing``, ``actors``, ``human_cost`` and any table with a ``sources`` column), plus the
        optional ``zones`` (feature properties) and ``article_meta``.

    Returns
    -------
    list of DataError
        Each names the file, the row and the field, in the language in force.

    Examples
    --------
    >>> source_rule_problems({"sources": [], "control": []})
    []
    >>> backing = [{"backer": "x", "side": "LNA", "support": "financial", "status": "denied", "note_en": ""}]
    >>> problem = source_rule_problems({"backing": backing})[0]
    >>> problem.file, problem.row, problem.field
    ('data/backing.csv', 1, 'status')
    """
    return (
        _check_sources(tables)
        + _check_control(tables)
        + _check_backing(tables)
        + _check_actors(tables)
        + _check_human_cost(tables)
    )


def source_rule_errors(tables: dict[str, list[dict[str, str]]]) -> list[str]:
    """The same problems as :func:`source_rule_problems`, as messages.

    Examples
    --------
    >>> source_rule_errors({"sources": [], "control": []})
    []
    """
    return [str(problem) for problem in source_rule_problems(tables)]
