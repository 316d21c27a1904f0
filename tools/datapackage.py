"""Refresh data/datapackage.json (bytes and sha256 of every file) and regenerate data/README.md.

Usage::

    python tools/datapackage.py          # rewrite the descriptor's bytes/hash and data/README.md
    python tools/datapackage.py --check  # exit 1 if either is stale (used by the tests)

The human descriptions live in the descriptor; this script only lays them out for teachers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

INTRO = """# The kit's data

*Generated from `datapackage.json` by `python tools/datapackage.py`; do not edit by hand.*

Every map, chart, quiz answer and exercise in the kit reads its facts from the files below. Each
row names its **sources**: either a key of `sources.csv` (a named publication with a date) or an
article sentence id such as `A.p16.s01` (article A, paragraph 16, sentence 1). A claim that a
party denies is kept as a claim, with the denial in a row of its own; where sources disagree, both
are kept. The two articles in `articles/` are exactly as received; the kit's cleaning of them is
code (`helpers/articles.py`).

**Editing a file?** Save it as UTF-8 (a BOM is fine), keep the columns of the tables below, write
dates as `YYYY-MM-DD` (no time, no time zone), and keep `$` signs in pairs out of names and titles
(charts would draw `$...$` as mathematics). `python -m kit_teacher.validate` checks everything and
names the file, row and column of each problem.

**Found a mistake?** Open an issue naming the file, the row (the line number in the file) and your
source. Corrections need a named publication with a date.

**Licences.** The kit's tables: CC BY 4.0. Borders: Natural Earth, public domain ("Borders:
Natural Earth (public domain), 1:50m"). The two articles belong to their publishers and are quoted
for teaching (see `LICENSE-TEXT.md`).

"""


def refreshed() -> dict:
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        content = (DATA / res["path"]).read_bytes()
        res["bytes"] = len(content)
        res["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
    return package


def _json_text(value: object) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)


def _field_table(fields: list[dict], heading: str) -> list[str]:
    lines = [f"| {heading} | what it holds | allowed values |\n| --- | --- | --- |"]
    for fld in fields:
        cons = fld.get("constraints", {})
        allowed = (
            ", ".join(map(_json_text, cons["enum"]))
            if "enum" in cons
            else (f"{cons['minimum']} to {cons['maximum']}" if "minimum" in cons else fld.get("type", "string"))
        )
        required = " (required)" if cons.get("required") else ""
        lines.append(f"| `{fld['name']}` | {fld['description']}{required} | {allowed} |")
    return lines + [""]


def readme(package: dict) -> str:
    parts = [INTRO]
    for res in package["resources"]:
        licence = ", ".join(lic.get("title", lic["name"]) for lic in res.get("licenses", []))
        parts.append(f"## `{res['path']}`: {res['title']}\n\n{res['description']}\n\n*Licence: {licence}.*\n")
        rules = [res[key]["description"] for key in ("kit:span", "kit:complete", "kit:pending") if key in res]
        if res.get("kit:byteForByte"):
            rules.append("Kept byte for byte: its sha256 must match the `hash` in `datapackage.json`.")
        parts.extend(f"*Rule: {rule}*\n" for rule in rules)
        if "schema" in res:
            parts.extend(_field_table(res["schema"]["fields"], "column"))
        if "kit:features" in res:
            spec = res["kit:features"]
            parts.append(f"Each feature: a {' or '.join(spec['geometry'])} with these properties.\n")
            parts.extend(_field_table(spec["fields"], "property"))
    return "\n".join(parts).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    package = refreshed()
    descriptor = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    text = readme(package)
    if args.check:
        stale = [
            name
            for name, path, new in (
                ("data/datapackage.json", DATA / "datapackage.json", descriptor),
                ("data/README.md", DATA / "README.md", text),
            )
            if not path.exists() or path.read_text(encoding="utf-8") != new
        ]
        if stale:
            print(f"stale: {', '.join(stale)}; run: .venv/bin/python tools/datapackage.py")
            return 1
        print("data/datapackage.json and data/README.md are up to date")
        return 0
    (DATA / "datapackage.json").write_text(descriptor, encoding="utf-8")
    (DATA / "README.md").write_text(text, encoding="utf-8")
    print("wrote data/datapackage.json and data/README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
