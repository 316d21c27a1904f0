"""The kit's CSV files as the add command reads and writes them: UTF-8, "\\n" line ends, header kept.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "x.csv"
>>> write_csv(path, ["a", "b"], [{"a": "1", "b": "dua"}])
>>> path.read_bytes(), read_csv(path)
(b'a,b\\n1,dua\\n', (['a', 'b'], [{'a': '1', 'b': 'dua'}]))
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

__all__ = ["read_csv", "write_csv"]


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows (as dicts) of a CSV file."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write ``rows`` under ``header``, "\\n" on every system, as the kit's files are."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8"))
