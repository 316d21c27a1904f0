"""Time the teacher's class summary over 1,000 handed-in files, 50 of them hostile (issue 13).

Usage: ``.venv/bin/python benchmarks/summary_bench.py [--repeat N] [--good-only]``.

The script builds a folder in a temporary directory: 950 ordinary files (CSV exports and
``.jsonl`` progress files, 20 to 60 attempts each over a course of 80 questions) and 50 hostile
ones (a named pipe, a symlink to ``/dev/zero``, a 60 MB sparse file, 20,000 distinct items,
100,000 columns, a ``$\\alert$`` item, list items, ANSI escapes, spreadsheet formulas, bad UTF-8,
a BOM, deep JSON nesting, a planted ``summary.png`` symlink, ...). It then runs
``python -m kit_teacher.summary FOLDER`` in a fresh interpreter, as a teacher would, and
prints the median wall time (and CPU time, which a busy machine disturbs less). Budget: 2 s of
wall time. A run that does not finish in 60 s counts as "timeout".

After each run it checks that the file the planted ``summary.png`` symlink points to is
untouched, so a speed-up that writes through links would be caught here as well.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 2.0
TIMEOUT_SECONDS = 60.0
COLUMNS = ["student", "kind", "item", "lesson", "answer", "correct", "score", "time"]
LESSONS = [f"0{n}-lesson" for n in range(8)]
ITEMS = [(lesson, f"{lesson}/q{k}") for lesson in LESSONS for k in range(10)]


def _csv_line(values: list[str]) -> str:
    return ",".join('"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n\r') else v for v in values)


def _good(folder: Path, n: int, rng: random.Random) -> None:
    name = f"student{n:04d}"
    rows = []
    for _ in range(rng.randint(20, 60)):
        lesson, item = rng.choice(ITEMS)
        correct = rng.random() < 0.6
        rows.append(
            {
                "student": name,
                "kind": "quiz",
                "item": item,
                "lesson": lesson,
                "answer": rng.choice("abcd"),
                "correct": correct,
                "score": float(correct),
                "time": "2026-03-01T10:00:00+00:00",
            }
        )
    if n % 2:
        lines = [_csv_line(COLUMNS)] + [_csv_line([str(r[c]) for c in COLUMNS]) for r in rows]
        (folder / f"{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        for row in rows:
            del row["student"]
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _header() -> str:
    return _csv_line(COLUMNS) + "\n"


def _row(item: str, answer: str = "a", student: str = "eve") -> str:
    return _csv_line([student, "quiz", item, "00-lesson", answer, "False", "0", "2026-03-01"]) + "\n"


def _hostile(folder: Path, n: int, outside: Path) -> None:
    """One hostile file of kind ``n % 20`` (the kinds a teacher met or could meet)."""
    kind = n % 20
    name = f"hostile{n:02d}"
    if kind == 0:
        os.mkfifo(folder / f"{name}.csv")
    elif kind == 1:
        (folder / f"{name}.jsonl").symlink_to("/dev/zero")
    elif kind == 2:
        with open(folder / f"{name}.csv", "wb") as handle:  # sparse: 60 MB on paper, nothing on disk
            handle.write(_header().encode())
            handle.truncate(60 * 1024 * 1024)
    elif kind == 3:
        (folder / f"{name}.csv").write_text(_header() + "".join(_row(f"item{k}") for k in range(20_000)))
    elif kind == 4:
        (folder / f"{name}.csv").write_text(",".join(f"c{k}" for k in range(100_000)) + "\nitem,correct,answer\n")
    elif kind == 5:
        (folder / f"{name}.csv").write_text(_header() + _row(r"$\alert$") + _row("$x^{$") + _row(r"\frac{1}"))
    elif kind == 6:
        lines = [
            {"item": ["a", "b"], "correct": True, "answer": "a"},
            {"item": {"x": 1}, "correct": 1, "answer": []},
            {"item": "00-lesson/q1", "lesson": ["x"], "correct": "maybe", "answer": {"a": 1}, "student": ["s"]},
        ]
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    elif kind == 7:
        lines = [
            {"item": 3, "correct": True, "answer": "a"},
            {"item": "3", "correct": False, "answer": 1.5},
            {"item": 2.5, "correct": False, "answer": None},
            {"item": True, "correct": False, "answer": "x"},
        ]
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    elif kind == 8:
        (folder / f"{name}.csv").write_text(
            _header() + _row("00-lesson/q1", "\x1b[2J\x1b[31mred\x07\u202egnp.exe", "\x1b]0;pwned\x07")
        )
    elif kind == 9:
        (folder / f"{name}.csv").write_text(
            _header()
            + _row("00-lesson/q2", '=HYPERLINK("http://x.example","click")')
            + _row("@SUM(1+1)", "+cmd|' /C calc'!A0")
            + _row("-2+3", "\tx")
        )
    elif kind == 10:
        (folder / f"{name}.csv").write_bytes(_header().encode() + _row("00-lesson/q3").encode() + b"bad,\xff\xfe,x\n")
    elif kind == 11:
        (folder / f"{name}.csv").write_bytes(b"\xef\xbb\xbf" + _header().encode() + _row("00-lesson/q4").encode())
    elif kind == 12:
        (folder / f"{name}.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n" + '{"item": 1e999}\n')
    elif kind == 13:
        (folder / f"summary-{name}.csv").write_text(_header() + _row("00-lesson/q5"))
    elif kind == 14:
        (folder / f"{name}.csv").write_bytes(os.urandom(4096))
    elif kind == 15:
        (folder / f"{name}.csv").write_text(_header() + "x" * 4_000_000 + "\n")
    elif kind == 16:
        (folder / f"{name}.csv").mkdir()
    elif kind == 17:
        (folder / f"{name}.csv").symlink_to(outside)
    elif kind == 18:
        (folder / f"\x1b[31m{name}\n.csv").write_text(_header() + _row("00-lesson/q6"))
    else:
        (folder / f"{name}.csv").write_text("")


def build(folder: Path, *, good: int = 950, hostile: int = 50, seed: int = 0) -> Path:
    """Fill ``folder`` with ``good`` ordinary and ``hostile`` hostile files; return the planted link's target."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    outside = folder.parent / "elsewhere.txt"
    outside.write_text("a teacher's file that must not be overwritten\n")
    for n in range(good):
        _good(folder, n, rng)
    for n in range(hostile):
        _hostile(folder, n, outside)
    if hostile:
        (folder / "summary.png").symlink_to(outside)
    return outside


def time_cli(folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``python -m kit_teacher.summary FOLDER`` (inf when it times out)."""
    env = {**os.environ, "KIT_LANG": "en"}
    cpu_before = _children_cpu()
    start = time.perf_counter()
    try:
        subprocess.run(
            [sys.executable, "-m", "kit_teacher.summary", str(folder)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        return float("inf"), float("inf")
    return time.perf_counter() - start, _children_cpu() - cpu_before


def _children_cpu() -> float:
    """CPU seconds (user + system) of finished child processes; less sensitive than wall time to a busy machine."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(*, repeat: int = 3, good: int = 950, hostile: int = 50) -> tuple[float, float]:
    """Median wall and CPU seconds over ``repeat`` fresh folders; raises if a planted link was written through."""
    timings = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "class"
            outside = build(folder, good=good, hostile=hostile)
            before = outside.read_bytes()
            timings.append(time_cli(folder))
            if outside.read_bytes() != before:
                raise RuntimeError("the summary wrote through the planted summary.png symlink")
            if timings[-1][0] == float("inf"):
                break
    return statistics.median(t[0] for t in timings), statistics.median(t[1] for t in timings)


def run(repeat: int = 3) -> dict[str, float]:
    """The figures for ``benchmarks/run.py``."""
    wall, cpu = measure(repeat=repeat)
    return {
        "summary: 1,000 handed-in files, 50 hostile, from the command line (s)": round(wall, 3),
        "summary: the same, CPU time (s)": round(cpu, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--good-only", action="store_true", help="950 ordinary files, no hostile ones")
    args = parser.parse_args(argv)
    hostile = 0 if args.good_only else 50
    wall, cpu = measure(repeat=args.repeat, hostile=hostile)
    label = f"{950 + hostile} files ({hostile} hostile)"
    shown = "timeout (> 60 s)" if wall == float("inf") else f"{wall:.2f} s (CPU {cpu:.2f} s)"
    verdict = "within" if wall <= BUDGET_SECONDS else "OVER"
    print(f"summary of {label} from the command line: {shown} ({verdict} the {BUDGET_SECONDS:.0f} s budget)")
    return 0 if wall <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
