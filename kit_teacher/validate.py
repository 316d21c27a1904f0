"""Check the whole data package: its shape (:mod:`helpers.data`) and the traceability rules.

``python -m kit_teacher.validate`` lists every problem in ``data/`` (file, row and field, in both
languages) and exits 1 when there is any. ``python -m helpers.data validate`` checks the shape
only (what a lesson needs to load the tables); the traceability rules of
:mod:`kit_teacher.source_rules` (every source cited and openable, denials beside reports, control
rows resting on sources from their time) are the authors' gate and live here, out of the student
package. ``make article`` and the tests run this full check.

Examples
--------
>>> find_problems()
[]
"""

from __future__ import annotations

import sys

import pandas as pd

from helpers import data
from helpers._geojson import geojson
from helpers._validate import checked_rows, package, resource, split_list
from helpers.provenance import FACT_TABLES
from helpers.sentences import segments

from .source_rules import source_rule_problems

__all__ = ["coverage_figure", "find_problems", "rule_tables", "sentence_coverage", "validate_all", "main"]


def rule_tables() -> dict[str, list[dict[str, str]]]:
    """Every table as rows of text, plus the zones' properties, for the traceability rules."""
    tables = {res["name"]: list(checked_rows(res["name"])) for res in package()["resources"] if "schema" in res}
    tables["zones"] = [feature["properties"] for feature in geojson("zones")["features"]]
    return tables


def find_problems() -> list[data.DataError]:
    """Every problem of the data package as a DataError: shape first, then (when sound) traceability."""
    problems = data.find_problems()
    if problems:  # the rules read every table, so they need the tables sound first
        return problems
    unique: dict[str, data.DataError] = {}
    for problem in source_rule_problems(rule_tables()):
        unique.setdefault(problem.message("en"), problem)
    return list(unique.values())


def validate_all() -> list[str]:
    """:func:`find_problems` as messages (empty list: all good)."""
    return [str(problem) for problem in find_problems()]


def sentence_coverage() -> pd.DataFrame:
    """For every non-boilerplate sentence of the articles, the fact rows (actors, places, control, backing, events,
    claims, glossary) that cite it in ``sentences``, ``sentence`` or ``sources``.

    Examples
    --------
    >>> cov = sentence_coverage()
    >>> bool(cov["cited_by"].map(len).gt(0).all())
    True
    """
    table = segments()
    table = table[table["kind"] != "boilerplate"]
    cited: dict[str, list[str]] = {sid: [] for sid in table["sentence"]}
    for name in FACT_TABLES:
        key = resource(name)["schema"]["primaryKey"]
        for row in checked_rows(name):
            label = f"{name}:{'/'.join(row[k] for k in key)}"
            for col in ("sentences", "sentence", "sources"):
                for item in split_list(row.get(col, "")):
                    if item in cited:
                        cited[item].append(label)
    return pd.DataFrame({"sentence": list(cited), "cited_by": list(cited.values())})


def coverage_figure() -> float:
    """Share (0-1) of non-boilerplate sentences cited by at least one fact row.

    Examples
    --------
    >>> coverage_figure()
    1.0
    """
    cov = sentence_coverage()
    return float(cov["cited_by"].map(len).gt(0).mean())


def main(argv: list[str] | None = None) -> int:
    """``python -m kit_teacher.validate``: print every problem in data/ (exit 1 if any)."""
    if (sys.argv[1:] if argv is None else argv) not in ([], ["validate"]):
        print("usage: python -m kit_teacher.validate")
        return 2
    problems = validate_all()
    for problem in problems:
        print(problem)
    valid = f"data package valid, sources traceable; sentence coverage by facts: {coverage_figure():.0%}"
    print(f"{len(problems)} problem(s)" if problems else valid)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
